"""Concurrency: many tag writers at once, and two builds of one dataset at once.

- 8 processes × 100 tag writes, started together on a shared barrier time, local disk and
  S3 (moto): every one of the 800 writes is in the tag afterwards.
- Two builds of one dataset started at the same moment: two complete versions that each
  verify and hold exactly their own input (no file of one in the other), and LATEST ends
  on the version committed last.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import polars as pl
import pytest
from conftest import REPO, debian_subset

from datamap.resources import Store, open_map
from datamap.resources.errors import UnknownTag

WRITERS, WRITES = 8, 100


def publish_rows(store: Store, dataset: str, df: pl.DataFrame, tmp_path) -> str:
    """Publish real rows as a minimal version (data only) through the real publisher."""
    from datamap.tasks.publish import publish

    p = tmp_path / f"{dataset}-{time.time_ns()}.parquet"
    df.select("id", "text").write_parquet(p)
    return publish(store, dataset, {"data.parquet": str(p)}, {"rows": df.height})


_WRITER = """
import json, sys, time
from datamap import open_map
uri, so, ds, ids, start_at = json.loads(sys.argv[1])
m = open_map(ds, store=uri, storage_options=so or None)
m.data.position                     # load the ids before the barrier
while time.time() < start_at:
    time.sleep(0.002)
for i in ids:
    m.tags.add("crowd", [i])
print("OK", len(ids), flush=True)
"""


def _many_writers(uri: str, so: dict, ids: list[str]) -> float:
    start_at = time.time() + 6
    procs = []
    for w in range(WRITERS):
        mine = ids[w * WRITES:(w + 1) * WRITES]
        arg = json.dumps([uri, so, "tagged", mine, start_at])
        procs.append(subprocess.Popen([sys.executable, "-c", _WRITER, arg], cwd=str(REPO),
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
    outs = [p.communicate(timeout=300)[0] for p in procs]
    for p, out in zip(procs, outs):
        assert p.returncode == 0, out[-3000:]
    return time.time() - start_at


@pytest.mark.parametrize("where", ["local", "s3"])
def test_800_concurrent_tag_writes_all_land(where, debian, debian_vectors, tmp_path, request):
    if where == "s3":
        s3 = request.getfixturevalue("moto_s3")
        uri, so = f"s3://{s3['bucket']}/tagcrowd", s3["storage_options"]
    else:
        uri, so = str(tmp_path / "store"), {}
    st = Store(uri, so)
    df = debian_subset(debian, debian_vectors, 1000, seed=31, with_vectors=False)
    publish_rows(st, "tagged", df, tmp_path)
    ids = df["id"].to_list()[:WRITERS * WRITES]
    secs = _many_writers(uri, so, ids)
    m = open_map("tagged", store=Store(uri, so))
    got = m.tags.get_datums_in_tag("crowd")
    assert len(got) == len(set(got)) == WRITERS * WRITES, f"{WRITERS * WRITES - len(set(got))} writes lost"
    assert set(got) == set(ids)
    log = [n for n in st.listdir(m.tags.log_dir) if n.endswith(".json")]
    assert len(log) == WRITERS * WRITES
    print(f"{where}: {WRITERS}x{WRITES} tag writes in {secs:.1f} s, 0 lost")


def test_tag_delete_then_concurrent_add_keeps_order(debian, debian_vectors, tmp_path):
    """Replay order is the log's: a delete written before an add never hides that add."""
    st = Store(str(tmp_path / "store"))
    df = debian_subset(debian, debian_vectors, 50, seed=5, with_vectors=False)
    publish_rows(st, "ord", df, tmp_path)
    m = open_map("ord", store=st)
    ids = df["id"].to_list()
    m.tags.add("t", ids[:3])
    m.tags.delete("t")
    with pytest.raises(UnknownTag):
        m.tags.get_datums_in_tag("t")
    m.tags.add("t", ids[3:5])
    assert sorted(open_map("ord", store=st).tags.get_datums_in_tag("t")) == sorted(ids[3:5])


_BUILD = """
import json, sys, time
from datamap.flows.build_map import build_map
src, store, start_at = sys.argv[1], sys.argv[2], float(sys.argv[3])
opts = {"text_field": "text", "id_field": "id", "embedding_field": "embedding",
        "topics": None, "dedupe": None, "tiles": None, "projection": {"method": "pca"}}
while time.time() < start_at:
    time.sleep(0.01)
res = build_map(source=src, dataset="both", store=store, options=opts)
print("RESULT", json.dumps({"version": res["version"]}), flush=True)
"""


@pytest.mark.slow
def test_two_builds_of_one_dataset_at_once(debian, debian_vectors, tmp_path):
    """Three builds start together: two of one input (same options: they share a work
    area, so the second must wait for the first) and one of another input."""
    from test_crash import start_prefect_server

    store = str(tmp_path / "store")
    inputs = []
    for seed in (41, 42):
        p = tmp_path / f"in-{seed}.parquet"
        debian_subset(debian, debian_vectors, 300, seed=seed).write_parquet(p)
        inputs.append(str(p))
    srcs = [inputs[0], inputs[1], inputs[0]]
    with start_prefect_server(tmp_path / "prefect") as api:
        env = {**os.environ, "PREFECT_API_URL": api}
        start_at = time.time() + 8
        procs = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(_BUILD), s, store, str(start_at)],
                                  cwd=str(REPO), env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, start_new_session=True)
                 for s in srcs]
        outs = [p.communicate(timeout=500)[0] for p in procs]
    built = []
    for src, p, out in zip(srcs, procs, outs):
        assert p.returncode == 0, out[-3000:]
        built.append((src, json.loads(out.split("RESULT ", 1)[1].splitlines()[0])["version"]))
    st = Store(store)
    assert sorted(st.list_versions("both")) == sorted(v for _, v in built)
    committed = {}
    for src, v in built:
        m = open_map("both", store=st, version=v)
        m.verify()
        want = set(pl.read_parquet(src)["id"].to_list())
        # every artifact of the version holds exactly its own build's rows
        assert set(m.data.ids) == want
        assert set(m.read_parquet("projection.parquet").column("id").to_pylist()) == want
        assert set(m.embeddings._table.column("id").to_pylist()) == want
        committed[v] = m.manifest["created_at"]
    later = max(committed, key=lambda v: (committed[v], v))
    assert st.latest("both") == later, f"LATEST {st.latest('both')} is not the later commit {later}"
    print("concurrent builds:", {v: committed[v] for _, v in built}, "LATEST", later)
