"""Projection choice on real Debian rows: auto picks and says why, a version holds
several layouts, t-SNE places new points into a finished map, and the web map switches
layouts in real Chromium while keeping the selection."""
from __future__ import annotations

import numpy as np
import pytest
from conftest import debian_subset
from webpage import coloured_pixels, open_page, serve

N = 600
# stages these tests do not look at (outliers only where this checkout has it)
SKIP_STAGES = {"topics": None, "dedupe": None}
try:
    import dataclasses

    from datamap.flows.build_map import BuildOptions
    SKIP_STAGES.update({f.name: None for f in dataclasses.fields(BuildOptions) if f.name == "outliers"})
except ImportError:
    pass


def _same_section(xy: np.ndarray, section: np.ndarray, k: int = 10) -> float:
    from scipy.spatial import cKDTree

    _, idx = cKDTree(xy).query(xy, k=k + 1)
    return float((section[idx[:, 1:]] == section[:, None]).mean())


@pytest.fixture(scope="module")
def multi_map(debian, debian_vectors, tmp_path_factory) -> dict:
    from datamap.flows.build_map import build_map

    tmp = tmp_path_factory.mktemp("proj")
    sub = debian_subset(debian, debian_vectors, N + 100, seed=11)
    held_out = sub.tail(100)
    sub = sub.head(N)
    src = tmp / "debian.parquet"
    sub.write_parquet(src)
    store = str(tmp / "store")
    res = build_map(source=str(src), dataset="layouts", store=store,
                    options={"text_field": "text", "id_field": "id", "embedding_field": "embedding",
                             "projection": {"method": "auto", "extra": ["umap", "pca", "tsne"]},
                             **SKIP_STAGES})
    return {"store": store, "version": res["version"], "sub": sub, "held_out": held_out}


def test_auto_records_its_choice_and_every_layout_is_readable(multi_map):
    from datamap.resources.errors import UnknownProjection
    from datamap.resources.reader import open_map

    m = open_map("layouts", multi_map["store"])
    info = m.manifest["projection"]
    # 600 rows: auto picks t-SNE and says why; the extra list's "tsne" is not computed twice
    assert info["requested"] == "auto" and info["method"] == "tsne" and "600 rows" in info["why"]
    assert m.manifest["projections"]["extra"] == ["umap", "pca"]
    p = m.embeddings.projections
    assert list(p) == ["tsne", "umap", "pca"] and p.main == "tsne"
    assert p["tsne"].equals(m.embeddings.projected)
    section = multi_map["sub"]["section"].to_numpy()
    ids = m.data.ids
    scores = {}
    for name in p:
        df = p[name]
        assert df["id"].tolist() == ids
        xy = p.xy(name)
        assert xy.shape == (N, 2) and xy.min() >= 0 and xy.max() <= 1
        scores[name] = _same_section(xy, section)
    rand = _same_section(np.random.default_rng(0).random((N, 2)), section)
    print("same-section share of 10 map neighbours:", {k: round(v, 3) for k, v in scores.items()},
          "random", round(rand, 3))
    # neighbour-graph layouts keep sections together far better than a random layout,
    # and better than the linear PCA
    assert scores["tsne"] > 2 * rand and scores["umap"] > 2 * rand
    assert min(scores["tsne"], scores["umap"]) > scores["pca"]
    assert m.has("tiles_umap") and m.has("tiles_pca")
    with pytest.raises(UnknownProjection, match="has tsne, umap, pca"):
        p["nope"]


def test_auto_picks_by_size():
    from datamap.tasks.project.auto import TSNE_MAX, pick

    assert pick(20, 384)[0] == "pca"
    assert pick(5_000, 384)[0] == "tsne"
    m, why = pick(TSNE_MAX + 1, 384)
    assert m == "umap" and str(TSNE_MAX) in why


def test_bad_extra_is_refused_by_name():
    from datamap.flows.stages.projections import extra_methods
    from datamap.resources.errors import UnknownProjection

    assert extra_methods({"method": "umap", "extra": ["tsne", "umap", "tsne"]}) == ("umap", ["tsne"])
    with pytest.raises(UnknownProjection, match="only makes sense as the main"):
        extra_methods({"extra": ["auto"]})
    with pytest.raises(UnknownProjection, match="choose one of"):
        extra_methods({"method": "mds"})


def test_tsne_places_new_points_next_to_their_neighbours(multi_map):
    """openTSNE's transform: held-out rows land near where their nearest mapped rows are."""
    from datamap.resources.reader import open_map
    from datamap.tasks.project.tsne import place_points

    m = open_map("layouts", multi_map["store"])
    train = m.embeddings.latent
    xy = m.embeddings.projections.xy("tsne")
    new = np.asarray(multi_map["held_out"]["embedding"].to_list(), dtype=np.float32)
    placed = place_points(train, xy, m.manifest["projection"]["box_transform"], new)
    assert placed.shape == (100, 2) and np.isfinite(placed).all()
    tn = train / np.linalg.norm(train, axis=1, keepdims=True)
    nn = (new / np.linalg.norm(new, axis=1, keepdims=True) @ tn.T).argmax(1)
    d_nn = np.linalg.norm(placed - xy[nn], axis=1)
    d_rand = np.linalg.norm(placed - xy[np.random.default_rng(0).integers(0, N, 100)], axis=1)
    print(f"placed point to its nearest neighbour's spot: median {np.median(d_nn):.3f} "
          f"vs random point {np.median(d_rand):.3f}")
    assert np.median(d_nn) < 0.4 * np.median(d_rand)


def test_refresh_of_a_tsne_map_places_new_rows_with_opentsne(multi_map, tmp_path):
    """A refresh keeps the t-SNE geography: old points stay put, new rows are optimised into
    it by openTSNE (recorded in the manifest), and the record of how the layout was made is
    inherited so the next refresh can do the same."""
    import shutil

    import polars as pl

    from datamap.flows.build_map import build_map
    from datamap.resources.reader import open_map

    store = str(tmp_path / "store")
    shutil.copytree(multi_map["store"], store)       # the web-map tests below keep the original
    parent = open_map("layouts", store)
    both = pl.concat([multi_map["sub"], multi_map["held_out"]])
    src = tmp_path / "more.parquet"
    both.write_parquet(src)
    build_map(source=str(src), dataset="layouts", store=store,
              options={"text_field": "text", "id_field": "id", "embedding_field": "embedding",
                       "projection": {"method": "auto", "extra": ["umap", "pca", "tsne"]}, **SKIP_STAGES})
    m = open_map("layouts", store)
    assert m.version != parent.version
    info = m.manifest["refresh"]
    assert info["mode"] == "incremental" and info["placed"] == 100 and info["placed_by"] == "openTSNE transform"
    main = m.manifest["projection"]
    assert main["method"] == "tsne" and main["inherited_from"] == parent.version and main["box_transform"]
    old = parent.embeddings.projected.set_index("id")
    new = m.embeddings.projected.set_index("id")
    kept = old.index
    assert np.allclose(new.loc[kept, ["x", "y"]].to_numpy(), old[["x", "y"]].to_numpy())
    added = multi_map["held_out"]["id"].to_list()
    placed = new.loc[added, ["x", "y"]].to_numpy()
    train = parent.embeddings.latent
    vec = np.asarray(multi_map["held_out"]["embedding"].to_list(), dtype=np.float32)
    nn = (vec / np.linalg.norm(vec, axis=1, keepdims=True)
          @ (train / np.linalg.norm(train, axis=1, keepdims=True)).T).argmax(1)
    spot = old[["x", "y"]].to_numpy()
    d_nn = np.linalg.norm(placed - spot[nn], axis=1)
    d_rand = np.linalg.norm(placed - spot[np.random.default_rng(1).integers(0, N, 100)], axis=1)
    assert np.median(d_nn) < 0.4 * np.median(d_rand)


# ---- the web map ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def page(multi_map, browser):
    with serve(multi_map["store"]) as url:
        ctx, pg = open_page(browser, f"{url}/#/map/layouts/{multi_map['version']}", timeout_ms=30_000)
        yield pg
        ctx.close()


POSITIONS = """() => {
  const t = window.__datamap.view.tiles.get('0/0/0');
  if (!t) return null;
  const out = {};
  for (let i = 0; i < t.n; i++) out[t.rows[i]] = [t.positions[2*i] / 1000, 1 - t.positions[2*i+1] / 1000];
  return out;
}"""


def test_switching_layout_moves_points_and_keeps_the_selection(page, multi_map):
    from datamap.resources.reader import open_map

    m = open_map("layouts", multi_map["store"])
    opts = page.eval_on_selector_all("#projection option", "os => os.map(o => o.value)")
    assert opts == ["tsne", "umap", "pca"]
    before = page.evaluate(POSITIONS)
    # box-select a region of the t-SNE layout with the mouse
    page.click("#tool-box")
    x0, y0 = page.evaluate("window.__datamap.view.screenOf(0.3, 0.7)")
    x1, y1 = page.evaluate("window.__datamap.view.screenOf(0.7, 0.3)")
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, steps=4)
    page.mouse.move(x1, y1, steps=4)
    page.mouse.up()
    page.wait_for_function("window.__datamap.selection && window.__datamap.selection.count > 0", timeout=10_000)
    count = page.evaluate("window.__datamap.selection.count")
    tsne = m.embeddings.projections.xy("tsne")
    inside = ((tsne[:, 0] >= 0.3) & (tsne[:, 0] <= 0.7) & (tsne[:, 1] >= 0.3) & (tsne[:, 1] <= 0.7))
    assert abs(count - int(inside.sum())) <= max(3, 0.02 * count)     # box corners are screen-rounded
    assert f"Selection: {count:,} points" in page.inner_text("#panel")

    # a keyword search: its hits are drawn where the layout on screen puts them
    page.fill("#q", "python")
    page.select_option("#mode", "keyword")
    page.press("#q", "Enter")
    page.wait_for_function("window.__datamap.lastSearch && window.__datamap.lastSearch.hits.length > 0",
                           timeout=20_000)
    page.select_option("#projection", "pca")
    page.wait_for_function("window.__datamap.projection === 'pca' && window.__datamap.view.tiles.has('0/0/0')"
                           " && window.__datamap.selectionShown", timeout=20_000)
    after = page.evaluate(POSITIONS)
    pca = m.embeddings.projections.xy("pca")
    rows = [int(r) for r in after][:200]
    # drawn positions are now the PCA layout's, not the t-SNE one's
    assert np.allclose([after[str(r)] for r in rows], pca[rows], atol=1e-5)
    assert not np.allclose([before[str(r)] for r in rows], [after[str(r)] for r in rows], atol=1e-3)
    # the selection is kept: the same rows, drawn where PCA put them
    shown = page.evaluate("window.__datamap.selectionShown")
    assert len(shown["rows"]) == count
    sel = tsne[shown["rows"]]
    assert (sel >= 0.29).all() and (sel <= 0.71).all()     # the rows the box held in the t-SNE layout
    assert np.allclose(np.column_stack([shown["x"], shown["y"]]), pca[shown["rows"]], atol=1e-5)
    assert f"Selection: {count:,} points" in page.inner_text("#panel")
    assert coloured_pixels(page.locator("#map canvas").first.screenshot()) > 500
    page.wait_for_function("location.hash.includes('proj=pca')", timeout=5000)   # a shared link keeps it
    hits = page.evaluate("window.__datamap.view.hits.map(h => [h.row, h.x, h.y])")
    hr = [h[0] for h in hits]
    assert np.allclose([h[1:] for h in hits], pca[hr], atol=1e-5)
    # and back: the t-SNE positions return
    page.select_option("#projection", "tsne")
    page.wait_for_function("window.__datamap.projection === 'tsne' && window.__datamap.view.tiles.has('0/0/0')",
                           timeout=20_000)
    back = page.evaluate(POSITIONS)
    assert np.allclose([back[str(r)] for r in rows], tsne[rows], atol=1e-5)
    hits = page.evaluate("window.__datamap.view.hits.map(h => [h.row, h.x, h.y])")
    assert np.allclose([h[1:] for h in hits], tsne[[h[0] for h in hits]], atol=1e-5)


def test_layout_api(multi_map):
    """What the browser relies on: each layout's tiles hold that layout's coordinates,
    a polygon selects in the named layout, rows are placed in any layout."""
    import pyarrow as pa
    from fastapi.testclient import TestClient

    from datamap.resources.reader import open_map
    from datamap.viewer.app import create_app

    m = open_map("layouts", multi_map["store"])
    c = TestClient(create_app(multi_map["store"]))
    base = f"/api/maps/layouts/{multi_map['version']}"
    info = c.get(f"{base}/info").json()
    assert info["projections"]["main"] == "tsne" and info["projections"]["names"] == ["tsne", "umap", "pca"]
    assert set(info["projections"]["tiles"]) == {"umap", "pca"} and info["thumbnails"] is None
    umap = m.embeddings.projections.xy("umap")
    t = pa.ipc.open_stream(c.get(f"{base}/projections/umap/tiles/0/0/0.arrow").content).read_all()
    rows = t.column("row").to_numpy()
    assert len(rows) == N and np.allclose(t.column("x").to_numpy(), umap[rows, 0])
    poly = [[0, 0], [0.5, 0], [0.5, 1], [0, 1]]
    got = c.post(f"{base}/projections/umap/select", json={"polygon": poly, "limit": N}).json()
    assert got["count"] == int((umap[:, 0] <= 0.5).sum()) and sorted(got["rows"]) == np.flatnonzero(umap[:, 0] <= 0.5).tolist()
    pos = c.post(f"{base}/projections/pca/positions", json={"rows": [0, 5]}).json()
    assert np.allclose([pos["x"], pos["y"]], m.embeddings.projections.xy("pca")[[0, 5]].T)
    r = c.get(f"{base}/projections/mds/tiles/0/0/0.arrow")
    assert r.status_code == 404 and "has tsne, umap, pca" in r.json()["detail"]
    assert c.post(f"{base}/projections/pca/positions", json={"rows": [N]}).status_code == 404
