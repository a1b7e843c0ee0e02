"""Concurrency: many tag writers at once, and two builds of one dataset at once.

- 8 processes × 100 tag writes, released together by a file barrier once every one is
  ready, local disk and S3 (moto): every one of the 800 writes is in the tag afterwards.
- Two builds of one dataset released together: two complete versions that each verify and
  hold exactly their own input (no file of one in the other), and LATEST ends on the
  version committed last.
- ``advance_latest`` with two publishes interleaved at fixed points (no clocks): the
  earlier committer writing LATEST last still leaves LATEST on the later commit.

Every concurrency test records each worker's start and end and asserts that they all
overlapped: a run in which the workers happened to go one after another proves nothing
and fails instead of passing.
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
import json, os, sys, time
from datamap import open_map
uri, so, ds, ids, ready, go = json.loads(sys.argv[1])
m = open_map(ds, store=uri, storage_options=so or None)
m.data.position                     # load the ids before the barrier
open(ready, "w").close()
while not os.path.exists(go):
    time.sleep(0.002)
start = time.time()
for i in ids:
    m.tags.add("crowd", [i])
print("OK", len(ids), json.dumps([start, time.time()]), flush=True)
"""


def release_together(workdir, n: int, timeout: float = 300) -> str:
    """A file barrier: wait until ``n`` workers have written ``ready-*`` in ``workdir``,
    then create ``go``. Returns the ``go`` path the workers poll for. No clock decides
    when they start, so a slow import cannot make one start after the others finished."""
    go = os.path.join(workdir, "go")
    deadline = time.time() + timeout
    while len([f for f in os.listdir(workdir) if f.startswith("ready-")]) < n:
        assert time.time() < deadline, f"workers not ready after {timeout} s"
        time.sleep(0.05)
    open(go, "w").close()
    return go


def assert_overlapped(spans: list[tuple[float, float]], what: str) -> float:
    """Every worker started before any finished; returns the shared window in seconds."""
    latest_start = max(s for s, _ in spans)
    earliest_end = min(e for _, e in spans)
    assert latest_start < earliest_end, (
        f"{what}: the workers did not overlap (last start {latest_start:.3f} >= first end "
        f"{earliest_end:.3f}), so this run did not test concurrency")
    return earliest_end - latest_start


def _many_writers(uri: str, so: dict, ids: list[str], workdir) -> tuple[float, float]:
    """(seconds from release to the last writer's end, seconds all 8 wrote at once)."""
    os.makedirs(workdir, exist_ok=True)
    go = os.path.join(str(workdir), "go")
    procs = []
    for w in range(WRITERS):
        mine = ids[w * WRITES:(w + 1) * WRITES]
        arg = json.dumps([uri, so, "tagged", mine, os.path.join(str(workdir), f"ready-{w}"), go])
        procs.append(subprocess.Popen([sys.executable, "-c", _WRITER, arg], cwd=str(REPO),
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
    try:
        release_together(str(workdir), WRITERS)
    finally:
        open(go, "a").close()            # never leave a writer polling
    t0 = time.time()
    outs = [p.communicate(timeout=300)[0] for p in procs]
    for p, out in zip(procs, outs):
        assert p.returncode == 0, out[-3000:]
    spans = [tuple(json.loads(out.split("OK ", 1)[1].split(" ", 1)[1].splitlines()[0])) for out in outs]
    shared = assert_overlapped(spans, f"{WRITERS} tag writers")
    return max(e for _, e in spans) - t0, shared


# local disk with `make test-all`: `make test` runs S3's 800 writes and local disk's two
# concurrent writers (tests/test_tags.py), the same lock-free protocol on both
@pytest.mark.parametrize("where", [pytest.param("local", marks=pytest.mark.exhaustive), "s3"])
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
    secs, shared = _many_writers(uri, so, ids, tmp_path / "barrier")
    m = open_map("tagged", store=Store(uri, so))
    got = m.tags.get_datums_in_tag("crowd")
    assert len(got) == len(set(got)) == WRITERS * WRITES, f"{WRITERS * WRITES - len(set(got))} writes lost"
    assert set(got) == set(ids)
    log = [n for n in st.listdir(m.tags.log_dir) if n.endswith(".json")]
    assert len(log) == WRITERS * WRITES
    print(f"{where}: {WRITERS}x{WRITES} tag writes in {secs:.1f} s ({shared:.2f} s with all "
          f"{WRITERS} writing at once), 0 lost")


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
import json, os, sys, time
from datamap.flows.build_map import build_map
src, store, ready, go = sys.argv[1:5]
opts = {"text_field": "text", "id_field": "id", "embedding_field": "embedding",
        "topics": None, "dedupe": None, "tiles": None, "projection": {"method": "pca"}}
open(ready, "w").close()
while not os.path.exists(go):
    time.sleep(0.01)
start = time.time()
res = build_map(source=src, dataset="both", store=store, options=opts)
print("RESULT", json.dumps({"version": res["version"], "span": [start, time.time()]}), flush=True)
"""


@pytest.mark.slow
def test_two_builds_of_one_dataset_at_once(debian, debian_vectors, tmp_path):
    """Three builds start together: two of one input (same options: they share a work
    area, so the second must wait for the first) and one of another input."""
    from prefect_server import start_prefect_server

    store = str(tmp_path / "store")
    inputs = []
    for seed in (41, 42):
        p = tmp_path / f"in-{seed}.parquet"
        debian_subset(debian, debian_vectors, 300, seed=seed).write_parquet(p)
        inputs.append(str(p))
    srcs = [inputs[0], inputs[1], inputs[0]]
    with start_prefect_server(tmp_path / "prefect") as api:
        env = {**os.environ, "PREFECT_API_URL": api}
        bar = tmp_path / "barrier"
        bar.mkdir()
        procs = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(_BUILD), s, store,
                                   str(bar / f"ready-{i}"), str(bar / "go")],
                                  cwd=str(REPO), env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, start_new_session=True)
                 for i, s in enumerate(srcs)]
        try:
            release_together(str(bar), len(srcs))
        finally:
            (bar / "go").touch()
        outs = [p.communicate(timeout=500)[0] for p in procs]
    built, spans = [], []
    for src, p, out in zip(srcs, procs, outs):
        assert p.returncode == 0, out[-3000:]
        res = json.loads(out.split("RESULT ", 1)[1].splitlines()[0])
        built.append((src, res["version"]))
        spans.append(tuple(res["span"]))
    assert_overlapped(spans, "three builds")
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


def _committed(st: Store, dataset: str, version: str) -> str:
    return str(st.read_manifest(dataset, version)["created_at"])


def test_latest_stays_on_the_later_commit_when_the_earlier_publisher_writes_last(
        debian, debian_vectors, tmp_path, monkeypatch):
    """Publisher A commits its manifest, then stops at the ``publish.before_latest``
    failpoint while publisher B commits later and moves LATEST; then A goes on. A plain
    "write my id" would leave LATEST on A, the earlier commit. Interleaved by the
    failpoint, so the order is the same on every run."""
    from datamap.tasks import publish as publish_mod

    st = Store(str(tmp_path / "store"))
    df_a = debian_subset(debian, debian_vectors, 40, seed=51, with_vectors=False)
    df_b = debian_subset(debian, debian_vectors, 40, seed=52, with_vectors=False)
    real_failpoint = publish_mod.failpoint
    during_a: dict[str, str] = {}

    def b_publishes_while_a_waits(name: str) -> None:
        if name == "publish.before_latest" and not during_a:
            during_a["latest_before_b"] = str(st.latest("race"))
            during_a["b"] = "running"
            during_a["b"] = publish_rows(st, "race", df_b, tmp_path)
            during_a["latest_after_b"] = str(st.latest("race"))
        real_failpoint(name)

    monkeypatch.setattr(publish_mod, "failpoint", b_publishes_while_a_waits)
    va = publish_rows(st, "race", df_a, tmp_path)
    vb = during_a["b"]
    assert during_a["latest_before_b"] == "None", "A's LATEST write happened before B ran"
    assert during_a["latest_after_b"] == vb
    assert _committed(st, "race", vb) > _committed(st, "race", va)
    assert st.latest("race") == vb, f"LATEST {st.latest('race')} is A's earlier commit, not B's {vb}"
    assert sorted(open_map("race", store=st).data.ids) == sorted(df_b["id"].to_list())


class _StoreThatPausesBeforeItsLatestWrite(Store):
    """A real local store whose first ``set_latest`` first lets ``interleave`` run: the
    writer has already chosen what to write, and its write lands after the other's."""

    def __init__(self, root: str, interleave) -> None:
        super().__init__(root)
        self._interleave = interleave

    def set_latest(self, dataset: str, version: str) -> None:
        if self._interleave is not None:
            run, self._interleave = self._interleave, None
            run()
        super().set_latest(dataset, version)


def test_latest_recovers_when_a_stale_choice_lands_after_the_later_commit(debian, debian_vectors, tmp_path):
    """A lists versions (only its own is complete) and decides to write itself; before
    that write lands, B commits and sets LATEST; then A's stale write lands. A must list
    again, see B's later commit, and put LATEST back on B."""
    root = str(tmp_path / "store")
    df_a = debian_subset(debian, debian_vectors, 40, seed=53, with_vectors=False)
    df_b = debian_subset(debian, debian_vectors, 40, seed=54, with_vectors=False)
    plain = Store(root)
    got: dict[str, str] = {}

    def b_commits() -> None:
        got["b"] = publish_rows(plain, "race", df_b, tmp_path)
        got["latest_after_b"] = str(plain.latest("race"))

    va = publish_rows(_StoreThatPausesBeforeItsLatestWrite(root, b_commits), "race", df_a, tmp_path)
    vb = got["b"]
    assert got["latest_after_b"] == vb
    assert _committed(plain, "race", vb) > _committed(plain, "race", va)
    assert plain.latest("race") == vb, f"LATEST {plain.latest('race')} is A's stale choice, not B's {vb}"
