"""The web map's tiles and HTTP API, on the shared 2,000-row Debian map (no browser)."""
from __future__ import annotations

import io

import numpy as np
import pyarrow.ipc as ipc
import pytest


# ---- tiles -------------------------------------------------------------------------------------
def test_tiles_partition_every_point_once_and_sample_fairly():
    from datamap.tasks import tiles as T

    rng = np.random.default_rng(3)
    n = 50_000
    # two regions of very different density: the sparse one must still show up at depth 0
    x = np.r_[rng.normal(0.3, 0.02, n - 500), rng.uniform(0.6, 1.0, 500)].clip(0, 1)
    y = np.r_[rng.normal(0.3, 0.02, n - 500), rng.uniform(0.6, 1.0, 500)].clip(0, 1)
    opts = T.TileOptions(capacity=2000, max_depth=10)
    key, rank = T.assign_tiles(x, y, opts)
    seen = np.zeros(n, dtype=int)
    for k in np.unique(key):
        z, tx, ty = T.unpack_key(int(k))
        sel = np.flatnonzero(key == k)
        seen[sel] += 1
        s = 1 / (1 << z)
        assert (x[sel] >= tx * s - 1e-9).all() and (x[sel] <= (tx + 1) * s + 1e-9).all()
        assert len(sel) <= opts.capacity or z == opts.max_depth
        # a tile holds the lowest ranks of its cell among points not taken by ancestors
        inside = (np.minimum((x * (1 << z)).astype(int), (1 << z) - 1) == tx) & \
                 (np.minimum((y * (1 << z)).astype(int), (1 << z) - 1) == ty)
        deeper = inside & (key >> 56 > z)
        if deeper.any():
            assert rank[sel].max() < rank[deeper].min()
    assert (seen == 1).all()
    root = key == 0
    assert root.sum() == opts.capacity
    sparse_share = (x[root] > 0.55).mean()
    assert 0.005 < sparse_share < 0.02          # ~1% of points, ~1% of the root sample


# ---- server ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def client(built_map):
    from fastapi.testclient import TestClient

    from datamap.viewer.app import create_app

    return TestClient(create_app(built_map["store"], allowed_hosts=["testserver", "127.0.0.1"]))


@pytest.fixture(scope="module")
def m(built_map):
    from datamap.resources import open_map

    return open_map(built_map["dataset"], store=built_map["store"], version=built_map["version"])


def base(built_map):
    return f"/api/maps/{built_map['dataset']}/{built_map['version']}"


def test_catalog_and_info(client, built_map, m):
    cat = client.get("/api/catalog").json()
    ds = {d["dataset"]: d for d in cat["datasets"]}
    v = ds[built_map["dataset"]]["versions"][0]
    assert v["version"] == built_map["version"] and v["rows"] == 2000 and v["validation"] is True
    info = client.get(base(built_map) + "/info").json()
    assert info["rows"] == 2000 and info["tiles"]["rows"] == 2000
    assert info["semantic_search"] is False          # own vectors: no model to embed a query
    cols = {c["name"]: c for c in info["tiles"]["columns"]}
    assert "f:section" in cols and len(cols["f:section"]["categories"]) > 10
    if m.has("topics.parquet"):
        assert "topic_1" in cols and info["topics"]
    assert info["duplicates"] == m.has("duplicates.parquet")


def test_tiles_over_http_hold_every_row_once_with_its_section(client, built_map, m):
    info = client.get(base(built_map) + "/info").json()
    cats = next(c for c in info["tiles"]["columns"] if c["name"] == "f:section")["categories"]
    rows, sections = [], []
    for key in info["tiles"]["tiles"]:
        r = client.get(f"{base(built_map)}/tiles/{key}.arrow")
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.apache.arrow")
        t = ipc.open_stream(io.BytesIO(r.content)).read_all()
        rows += t.column("row").to_pylist()
        sections += [cats[c] if c < len(cats) else None for c in t.column("f:section").to_pylist()]
    assert sorted(rows) == list(range(2000))
    want = m.data.tb.column("section").to_pylist()
    assert [want[r] for r in rows] == sections
    proj = m.embeddings.projected
    assert 0.0 <= proj.x.min() and proj.x.max() <= 1.0


def test_record_neighbours_and_keyword_search(client, built_map, m):
    rec = client.get(base(built_map) + "/records/5").json()
    assert rec["id"] == m.data.ids[5] and rec["fields"]["text"] == m.data.tb.column("text")[5].as_py()
    nb = client.get(base(built_map) + "/neighbors/5?k=5").json()["neighbors"]
    ids, _ = m.embeddings.vector_search(ids=[m.data.ids[5]], k=5)
    assert [h["id"] for h in nb] == ids[0]
    r = client.get(base(built_map) + "/search", params={"q": "python library", "mode": "keyword"}).json()
    texts = m.data.tb.column("text").to_pylist()
    want = [i for i, t in enumerate(texts) if "python" in t.lower() and "library" in t.lower()]
    assert r["total"] == len(want) > 0 and [h["row"] for h in r["hits"]] == want[:50]
    assert client.get(base(built_map) + "/search", params={"q": "x", "mode": "semantic"}).status_code == 409
    assert client.get(base(built_map) + "/records/99999").status_code == 404


@pytest.mark.parametrize("path", ["/api/maps/..%2Fetc/latest/info", "/api/maps/debian/..%2F..%2Fx/info",
                                  "/api/maps/.hidden/latest/info", "/api/maps/debian/latest/tags/..%2Fx"])
def test_names_that_escape_the_store_are_refused(client, path):
    r = client.get(path)
    assert r.status_code in (400, 404) and r.status_code != 200


def test_tag_written_over_http_is_seen_by_the_reader(client, built_map, m):
    pytest.importorskip("datamap.resources.tags")
    from datamap.resources import open_map

    poly = [[0.0, 0.0], [0.5, 0.0], [0.5, 0.5], [0.0, 0.5]]
    sel = client.post(base(built_map) + "/select", json={"polygon": poly, "limit": 5000}).json()
    r = client.post(base(built_map) + "/tags/api-box", json={"polygon": poly},
                    headers={"Origin": "http://testserver"})
    assert r.status_code == 200, r.text
    got = open_map(built_map["dataset"], store=built_map["store"]).tags.get_datums_in_tag("api-box")
    xy = m.embeddings.projected.set_index("id").loc[got, ["x", "y"]].to_numpy()
    assert len(got) == sel["count"] > 0 and (xy <= 0.5).all()
    # another web site cannot write through the user's browser
    bad = client.post(base(built_map) + "/tags/api-box", json={"rows": [1]}, headers={"Origin": "http://evil.example"})
    assert bad.status_code == 403


def test_token_guards_writes(built_map):
    from fastapi.testclient import TestClient

    from datamap.viewer.app import create_app

    url = base(built_map) + "/tags/tok"
    c = TestClient(create_app(built_map["store"], token="s3cret"))
    assert c.post(url, json={"rows": [1]}).status_code == 401
    assert c.post(url, json={"rows": [1]}, headers={"X-Datamap-Token": "wrong"}).status_code == 401
    if pytest.importorskip("datamap.resources.tags"):
        assert c.post(url, json={"rows": [1]}, headers={"X-Datamap-Token": "s3cret"}).status_code == 200
    ro = TestClient(create_app(built_map["store"], writable=False))
    assert ro.post(url, json={"rows": [1]}).status_code == 403
    assert ro.get(base(built_map) + "/info").status_code == 200


def test_untrusted_host_header_is_refused(built_map):
    """DNS rebinding: a loopback server answers only to its own host names."""
    from fastapi.testclient import TestClient

    from datamap.viewer.app import create_app

    c = TestClient(create_app(built_map["store"], allowed_hosts=["127.0.0.1", "localhost"]),
                   base_url="http://attacker.example")
    assert c.get("/api/catalog").status_code == 400


def test_polygon_selection_matches_brute_force():
    from datamap.viewer.maps import points_in_polygon

    rng = np.random.default_rng(0)
    xy = rng.random((5000, 2)).astype(np.float32)
    # a concave "L" shape
    poly = np.array([[0.1, 0.1], [0.9, 0.1], [0.9, 0.4], [0.4, 0.4], [0.4, 0.9], [0.1, 0.9]])
    got = set(points_in_polygon(xy, poly).tolist())
    want = {i for i, (a, b) in enumerate(xy) if (0.1 < a < 0.9 and 0.1 < b < 0.4) or (0.1 < a < 0.4 and 0.1 < b < 0.9)}
    assert got == want


def test_keyword_search_stops_early_but_returns_the_first_hits(m):
    from datamap.viewer.maps import MapState

    ms = MapState(m)
    texts = m.data.tb.column("text").to_pylist()
    want = [i for i, t in enumerate(texts) if "python" in t.lower()]
    rows, count, exact = ms.keyword_search("Python", k=5, chunk=100)
    assert rows == want[:5] and count >= 5 and not exact
    rows, count, exact = ms.keyword_search("Python", k=10_000, chunk=100)
    assert rows == want and count == len(want) and exact
