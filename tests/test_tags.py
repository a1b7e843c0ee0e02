"""Tags: dataset-level, append-only, safe under concurrent writers (local disk and S3),
surviving rebuilds; the derived duplicates tag; export by tag; bad input."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile

import polars as pl
import pyarrow.parquet as pq
import pytest

from datamap.resources import Store, open_map, schema
from datamap.resources.data import UnknownIds
from datamap.resources.errors import ReservedTag, UnknownTag

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def tag_store(built_map, tmp_path) -> str:
    """A private copy of the built map's store (the session map stays untouched)."""
    dst = str(tmp_path / "store")
    shutil.copytree(built_map["store"], dst)
    return dst


_WRITER = """
import json, os, sys, time
from datamap import open_map
a = json.loads(os.environ["TAG_WRITER"])
m = open_map("debian", a["store"], storage_options=a.get("so"))
m.tags.get_tags()                      # warm up before the start line
open(a["ready"], "w").close()
while not os.path.exists(a["go"]):
    time.sleep(0.001)
start = time.time()
ids = a["ids"]
for s in range(0, len(ids), 5):
    m.tags.add(a["tag"], ids[s:s + 5])
print("SPAN", json.dumps([start, time.time()]))
"""


def _race(store: str, ids_a: list[str], ids_b: list[str], so: dict | None = None, env: dict | None = None):
    """Two processes add to the same tag at once, 5 ids per write: released together by a
    file barrier once both are ready, and checked to have overlapped."""
    from test_concurrency import assert_overlapped, release_together

    bar = tempfile.mkdtemp(prefix="tag-race-")
    go = os.path.join(bar, "go")
    procs = []
    for w, ids in enumerate((ids_a, ids_b)):
        arg = {"store": store, "so": so, "tag": "shared", "ids": ids,
               "ready": os.path.join(bar, f"ready-{w}"), "go": go}
        procs.append(subprocess.Popen([sys.executable, "-c", _WRITER], cwd=REPO,
                                      env={**os.environ, **(env or {}), "TAG_WRITER": json.dumps(arg)},
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT))
    try:
        release_together(bar, 2)
    finally:
        open(go, "a").close()
    spans = []
    for p in procs:
        out = p.communicate(timeout=120)[0].decode()
        assert p.returncode == 0, out
        spans.append(tuple(json.loads(out.split("SPAN ", 1)[1].splitlines()[0])))
    shutil.rmtree(bar, ignore_errors=True)
    return assert_overlapped(spans, "two tag writers")


def test_two_processes_add_to_one_tag_on_local_disk(tag_store):
    ids = open_map("debian", tag_store).data.ids
    a, b = ids[:100], ids[100:200]
    log_dir = open_map("debian", tag_store).dataset_path(schema.TAGS_DIR)
    before = len(Store(tag_store).listdir(log_dir))
    _race(tag_store, a, b)
    m = open_map("debian", tag_store)
    got = m.tags.get_datums_in_tag("shared")
    assert set(got) == set(a) | set(b)
    # one immutable object per write, none overwritten
    assert len(Store(tag_store).listdir(log_dir)) == before + 40


def test_two_processes_add_to_one_tag_on_s3(built_map, moto_s3):
    fs = moto_s3["fs"]
    prefix = f"{moto_s3['bucket']}/tags-race"
    fs.put(built_map["store"] + "/", prefix, recursive=True)
    uri = f"s3://{prefix}"
    so = moto_s3["storage_options"]
    m = open_map("debian", uri, storage_options=so)
    ids = m.data.ids
    a, b = ids[300:375], ids[375:450]
    _race(uri, a, b, so=so)
    m2 = open_map("debian", uri, storage_options=so)
    assert set(m2.tags.get_datums_in_tag("shared")) == set(a) | set(b)
    # the first reader sees the other writers' objects too (no stale listing cache)
    assert set(m.tags.get_datums_in_tag("shared")) == set(a) | set(b)


def test_add_remove_delete_df_and_get_tags(tag_store):
    m = open_map("debian", tag_store)
    t = m.tags
    ids = m.data.ids
    assert t.add("good", ids[:10]) == {"tag": "good", "added": 10, "skipped": 0}
    t.add("good", ids[5:15])
    t.remove("good", ids[:3])
    t.add("other", [ids[0]])
    assert t.get_datums_in_tag("good") == ids[3:15]
    info = {r["tag_name"]: r for r in t.get_tags()}
    assert info["good"]["count"] == 12 and info["other"]["count"] == 1
    assert info["good"]["created_at"] < info["good"]["updated_at"]
    assert info["good"]["tag_id"] != info["other"]["tag_id"]
    df = t.df
    assert list(df[schema.ID]) == ids
    assert int(df["good"].sum()) == 12 and bool(df["other"].iloc[0]) and df["good"].dtype == bool
    # a second reader (another version object) sees the same state
    assert open_map("debian", tag_store).tags.get_datums_in_tag("good") == ids[3:15]
    t.delete("good")
    assert "good" not in [r["tag_name"] for r in t.get_tags()]
    with pytest.raises(UnknownTag):
        t.get_datums_in_tag("good")
    t.add("good", [ids[20]])   # recreated after delete: starts empty
    assert t.get_datums_in_tag("good") == [ids[20]]


def test_bad_input_errors(tag_store):
    m = open_map("debian", tag_store)
    t = m.tags
    t.add("keep", m.data.ids[:2])
    with pytest.raises(UnknownTag) as e:
        t.get_datums_in_tag("kepp")
    assert "keep" in str(e.value) and "duplicates" in str(e.value)
    with pytest.raises(UnknownTag, match="keep"):
        t.remove("nope", m.data.ids[:1])
    with pytest.raises(UnknownTag):
        t.delete("nope")
    with pytest.raises(UnknownIds) as e:
        t.add("keep", [m.data.ids[3], "no-such-package", "neither-this"])
    assert "no-such-package" in str(e.value) and "strict=False" in str(e.value)
    assert t.get_datums_in_tag("keep") == m.data.ids[:2]          # nothing written
    with pytest.warns(UserWarning, match="skipped 2"):
        res = t.add("keep", [m.data.ids[3], "no-such-package", "neither-this"], strict=False)
    assert res == {"tag": "keep", "added": 1, "skipped": 2}
    assert t.get_datums_in_tag("keep") == m.data.ids[:2] + [m.data.ids[3]]
    with pytest.raises(ReservedTag):
        t.add(schema.DUPLICATES_TAG, m.data.ids[:1])
    from datamap.resources.errors import DatamapError, InvalidName

    with pytest.raises(InvalidName):
        t.add("../escape", m.data.ids[:1])
    with pytest.raises(DatamapError, match="list of ids"):
        t.add("keep", m.data.ids[0])


def test_duplicates_tag_follows_the_version_and_export(tag_store, tmp_path):
    m = open_map("debian", tag_store)
    dels = m.duplicates.deletion_candidates()
    assert m.tags.get_datums_in_tag(schema.DUPLICATES_TAG) == dels and dels
    info = {r["tag_name"]: r for r in m.tags.get_tags()}
    assert info[schema.DUPLICATES_TAG]["derived"] and info[schema.DUPLICATES_TAG]["count"] == len(dels)
    m.tags.add("docs", [i for i in m.data.ids if i.endswith("-doc")])
    from typer.testing import CliRunner

    from datamap.cli.main import app

    out = str(tmp_path / "clean.parquet")
    r = CliRunner().invoke(app, ["export", "debian", "--store", tag_store, "--without-tag", "duplicates",
                                 "--without-tag", "docs", "--out", out])
    assert r.exit_code == 0, r.output
    got = pq.read_table(out)
    drop = set(dels) | set(m.tags.get_datums_in_tag("docs"))
    assert got.column(schema.ID).to_pylist() == [i for i in m.data.ids if i not in drop]
    assert got.column_names == m.data.tb.column_names
    r = CliRunner().invoke(app, ["export", "debian", "--store", tag_store, "--with-tag", "docs", "--out", out])
    assert r.exit_code == 0 and pq.read_table(out).num_rows == len(m.tags.get_datums_in_tag("docs"))
    r = CliRunner().invoke(app, ["export", "debian", "--store", tag_store, "--without-tag", "dups", "--out", out])
    assert r.exit_code == 1 and "duplicates" in r.output and "docs" in r.output
    r = CliRunner().invoke(app, ["tag", "add", "debian", "cli-tag", m.data.ids[0], m.data.ids[1],
                                 "--store", tag_store])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["tag", "list", "debian", "--store", tag_store, "--json"])
    rows = {x["tag_name"]: x["count"] for x in json.loads(r.output)}
    assert rows["cli-tag"] == 2 and rows["docs"] > 0


def test_tags_survive_a_rebuild_and_vanished_ids_are_hidden(built_map, debian_2k_path, tag_store, tmp_path):
    from datamap.flows.build_map import build_map

    m1 = open_map("debian", tag_store)
    ids = m1.data.ids
    gone, stay = ids[:20], ids[200:220]
    m1.tags.add("curated", gone + stay)
    # the next build lacks the first 100 rows and does not tag duplicates
    p = tmp_path / "smaller.parquet"
    pl.read_parquet(debian_2k_path).filter(~pl.col("id").is_in(ids[:100])).write_parquet(p)
    build_map(source=str(p), dataset="debian", store=tag_store,
              options={"projection": {"method": "umap"}, "text_field": "text", "id_field": "id", "embedding_field": "embedding",
                       "topics": None, "tiles": None, "dedupe": {"tag_duplicates": False}})
    m2 = open_map("debian", tag_store)
    assert m2.version != m1.version and m2.row_count == 1900
    assert m2.tags.get_datums_in_tag("curated") == stay
    assert [r["count"] for r in m2.tags.get_tags() if r["tag_name"] == "curated"] == [20]
    assert schema.DUPLICATES_TAG not in [r["tag_name"] for r in m2.tags.get_tags()]
    # still in the log: the old version shows them
    assert open_map("debian", tag_store, version=m1.version).tags.get_datums_in_tag("curated") == gone + stay


def test_writes_in_one_clock_tick_all_land(debian, debian_vectors, tmp_path, monkeypatch):
    """Writers whose clocks read the same microsecond (two machines, or a coarse clock)
    still each get their own log entry: the name is the time plus a random part."""
    from conftest import debian_subset
    from test_concurrency import publish_rows

    from datamap.resources import Store, open_map
    from datamap.resources import tags as tags_mod

    st = Store(str(tmp_path / "store"))
    publish_rows(st, "tick", debian_subset(debian, debian_vectors, 30, seed=61, with_vectors=False), tmp_path)
    monkeypatch.setattr(tags_mod, "_now", lambda: "2026-01-01T00:00:00.000000Z")
    m = open_map("tick", store=st)
    ids = m.data.ids[:6]
    for i in ids:
        m.tags.add("tick", [i])
    got = open_map("tick", store=st).tags.get_datums_in_tag("tick")
    assert sorted(got) == sorted(ids), f"{len(ids) - len(set(got))} of {len(ids)} same-tick writes lost"
