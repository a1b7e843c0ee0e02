"""Crash consistency: SIGKILL a real build at 20 moments, on local disk and on S3 (moto);
`make test` runs 12 of them on local disk (QUICK), `make test-all` all 20 on both.

One *crash chain* per store: a first version v1 is published, then a second build of a
bigger input is started again and again, each run killed (``DATAMAP_FAILPOINT``, a real
SIGKILL) at the next of 20 points spread over ingest, validate, embed (chunks computed
but not cached, mid cache write, cached), index, layout, every optional stage, every publish step and
the LATEST update; then ``gc`` is killed mid-way. Each rerun is the "next build" of the
previous crash: it must resume and get past the point that killed its predecessor.

After every kill we check, with the reader only:
- LATEST names a complete version, which opens and whose checksums verify (every
  complete version verifies, not just LATEST);
- the embedding cache holds no key twice (nothing stored was embedded again), and the
  rerun's embed stage asked the model only for texts not yet cached (counted through the
  public progress hook, ``tasks.progress.set_reporter``).

Why a chain and a shared Prefect server: a fresh process with Prefect's temporary server
costs ~10-20 s before the first stage runs, and a full build ~45 s here; 20 full builds
per store would take half an hour. Chained, each kill costs one process start plus the
stages between two points (measured: see RELIABILITY.md).
"""
from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import signal
import textwrap
import time
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest
from conftest import REPO, run_killable
from prefect_server import start_prefect_server

from datamap.resources import Store, open_map

pytestmark = pytest.mark.slow

DATASET = "d"
# PCA layout: the layout stage is killed like any other, without paying UMAP's JIT twice
EMBED = {"text_field": "text", "id_field": "id", "embed_mode": "fast", "projection": {"method": "pca"}}
V1_OPTS = {**EMBED, "topics": None, "dedupe": None, "tiles": None}
# full=True: the second build takes the full layout path (project + every optional stage)
V2_OPTS = {**EMBED, "full": True}

# (failpoint, texts the embed stage must send to the model in the run killed there; None:
# stage not reached or cached; a stage killed after returning reruns in the next run)
# v2 = 120 texts already cached by v1 + 580 new → one encode call (the fast mode encodes
# up to FAST_CHUNK = 4,096 texts per call), cached as one part (a part is written every
# FLUSH_SECONDS of embedding: these take milliseconds).
CHAIN = [
    ("ingest.after_read", None),            # input read, nothing validated
    ("stage.ingest", None),       # validated table written, task not recorded
    ("embed.after_encode:1", 580),          # the texts computed, not cached
    ("store.write:1", 580),                 # mid cache write: temp part written, not renamed / no PUT
    ("embed.after_put:1", 580),             # the texts cached, stage not returned
    ("embed.after_write", 0),               # vectors written, task not recorded
    ("stage.embed", 0),           # all cached now: nothing re-embedded
    ("stage.index", 0),           # HNSW + kNN graph written (embed reran: 0 to do)
    ("project.after_write", None),          # layout written inside the task
    ("stage.project", None),      # layout task returned, not recorded
    ("stage.topics", None),
    ("stage.dedupe", None),
    ("stage.tiles", None),
    ("publish.artifact:1", None),           # first artifact uploaded
    ("publish.artifact:12", None),          # mid-way through the artifacts
    ("publish.before_manifest", None),      # every artifact uploaded, no manifest
    ("store.write:1", None),                # mid manifest write (temp file / before the PUT)
    ("publish.before_latest", None),        # manifest written, LATEST not moved
    ("store.write:2", None),                # mid LATEST write
    ("publish.after_latest", None),         # published, work area not cleaned
]
assert len(CHAIN) == 20
# kills that leave a version folder without its manifest (gc's orphans at the end)
BEFORE_MANIFEST = {13, 14, 15, 16}
# `make test`'s chain: 12 of the 20, one of each kind (ingest mid-read; the three embed
# kills with their re-embed counts; a stage killed after returning, twice in a row; the
# layout's own write; before / mid manifest; before / mid / after LATEST). Dropped: the
# other "returned, not recorded" kills and the artifact kills, which the kept ones already
# exercise by the same code paths. `make test-all` runs all 20, here and on S3.
QUICK = [0, 2, 3, 4, 6, 7, 8, 15, 16, 17, 18, 19]


def _texts(debian: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    short = debian.filter(pl.col("text").str.len_chars().is_between(20, 300)) \
        .unique(subset="text", keep="first").sort("_row")
    v2 = short.sample(n=700, seed=21).sort("_row").select("id", "text", "section")
    v1 = v2.head(120)
    return v1, v2


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory):
    """One Prefect server for every killed build: no 10-20 s temporary server per process."""
    with start_prefect_server(tmp_path_factory.mktemp("crash-prefect")) as api:
        yield api


_BUILD = """
import json, sys
from datamap.tasks.progress import set_reporter

class Counter:
    def start(self, stage, total, unit):
        if stage == "embed":
            print("EMBED_TODO", total, flush=True)
    def advance(self, stage, n): pass
    def finish(self, stage): pass

set_reporter(Counter())
import dataclasses
from datamap.flows.build_map import BuildOptions, OPTIONAL_STAGES, build_map
opts = {opts!r}
# the chain covers topics, dedupe and tiles; stages added later run only when asked for
fields = {{f.name for f in dataclasses.fields(BuildOptions)}}
for name in OPTIONAL_STAGES:
    if name in fields and name not in opts and name not in ("topics", "dedupe", "tiles"):
        opts[name] = None
res = build_map(source={src!r}, dataset={ds!r}, store={store!r}, options=opts, storage_options={so!r})
print("RESULT", json.dumps(res, default=str), flush=True)
"""


@pytest.fixture(scope="module")
def code_snapshot(tmp_path_factory) -> str:
    """The chain's processes run a copy of the code taken at its start: in a checkout that
    others edit meanwhile, a change of BuildOptions between a crash and its rerun would
    rightly start a fresh build and break the chain's expectations."""
    root = tmp_path_factory.mktemp("code")
    for pkg in ("flows", "tasks", "resources"):
        shutil.copytree(REPO / pkg, root / pkg, ignore=shutil.ignore_patterns("__pycache__"))
    return str(root)


def _run_build(src, store, so, opts, api, code_dir, point=None) -> tuple[int, str]:
    code = _BUILD.format(src=src, ds=DATASET, store=store, opts=opts, so=so)
    env = {"PREFECT_API_URL": api}
    if point:
        env["DATAMAP_FAILPOINT"] = point
    return run_killable(textwrap.dedent(code), env, timeout=400, cwd=code_dir)


def _embed_todo(out: str) -> int | None:
    got = re.findall(r"^EMBED_TODO (\d+)", out, flags=re.M)
    assert len(got) <= 1, out[-2000:]
    return int(got[0]) if got else None


def _cache_keys(st: Store) -> list[bytes]:
    keys: list[bytes] = []
    root = st.path("_cache", "embeddings")
    for model in st.listdir(root):
        d = posixpath.join(root, model)
        for part in st.listdir(d):
            if part.endswith(".parquet"):   # temp parts of a killed write are never read
                with st.open(posixpath.join(d, part)) as f:
                    keys.extend(pq.read_table(f).column("key").to_pylist())
    return keys


def _check_invariants(st: Store, expect_latest: str | None = None) -> str:
    """LATEST → complete version that opens and verifies; every complete version verifies."""
    latest = st.latest(DATASET)
    assert latest is not None, "LATEST vanished"
    complete = st.list_versions(DATASET)
    assert latest in complete, f"LATEST names {latest}, which has no manifest"
    if expect_latest is not None:
        assert latest == expect_latest
    for v in complete:
        m = open_map(DATASET, store=st, version=v)
        m.verify()
        assert m.data.tb.num_rows == m.row_count
    m = open_map(DATASET, store=st)
    assert m.version == latest and len(m.embeddings.latent) == m.row_count
    keys = _cache_keys(st)
    assert len(keys) == len(set(keys)), "a text was embedded and cached twice"
    return latest


def _crash_chain(store: str, so: dict, src_dir: Path, debian, api: str, code_dir: str,
                 points: list[int] | None = None) -> dict:
    """Kill a build at each of ``points`` (positions in CHAIN, in order; all by default),
    then let the next build finish and check gc."""
    points = list(range(len(CHAIN))) if points is None else points
    v1_df, v2_df = _texts(debian)
    s1, s2 = str(src_dir / "v1.parquet"), str(src_dir / "v2.parquet")
    v1_df.write_parquet(s1)
    v2_df.write_parquet(s2)
    st = Store(store, so)
    timings = {}
    t = time.perf_counter()
    rc, out = _run_build(s1, store, so, V1_OPTS, api, code_dir)
    assert rc == 0, out[-3000:]
    timings["v1_build_s"] = time.perf_counter() - t
    v1 = _check_invariants(st)
    assert _embed_todo(out) == 120
    latest = v1
    steps = []
    for point, todo in (CHAIN[i] for i in points):
        t = time.perf_counter()
        rc, out = _run_build(s2, store, so, V2_OPTS, api, code_dir, point)
        secs = time.perf_counter() - t
        assert rc == -signal.SIGKILL, f"not killed at {point} (rc={rc}):\n{out[-3000:]}"
        assert _embed_todo(out) == todo, f"{point}: embed asked for {_embed_todo(out)}, expected {todo}"
        if point == "publish.after_latest":
            new = st.latest(DATASET)
            assert new != latest
            latest = _check_invariants(st, new)
            assert open_map(DATASET, store=st).row_count == len(v2_df)
        else:
            _check_invariants(st, latest)
        steps.append({"point": point, "seconds": round(secs, 1)})
        print(f"  killed at {point} after {secs:.1f} s", flush=True)
    # the next build after the last crash finishes, embedding nothing
    rc, out = _run_build(s2, store, so, V2_OPTS, api, code_dir)
    assert rc == 0, out[-3000:]
    res = json.loads(out.split("RESULT ", 1)[1].splitlines()[0])
    assert res["embedded"] == 0
    assert {"ingest", "embed", "index", "project"} <= set(res["resumed_stages"])
    final = _check_invariants(st, res["version"])
    m = open_map(DATASET, store=st)
    assert set(m.data.ids) == set(v2_df["id"].to_list())
    assert len(set(_cache_keys(st))) == len(v2_df)
    # gc killed after its first removal: still consistent; a second gc finishes the job
    vroot = posixpath.join(st.dataset_dir(DATASET), "versions")
    orphans = sorted(set(st.listdir(vroot)) - set(st.list_versions(DATASET)))
    # the publishes killed before their manifest
    assert len(orphans) >= len(BEFORE_MANIFEST.intersection(points)), orphans
    gc_code = (f"from datamap.resources.store import Store\nfrom tasks.publish import collect_garbage\n"
               f"collect_garbage(Store({store!r}, {so!r}), {DATASET!r}, 0)\n")
    rc, out = run_killable(gc_code, {"DATAMAP_FAILPOINT": "gc.after_remove:1"}, timeout=120, cwd=code_dir)
    assert rc == -signal.SIGKILL, out[-2000:]
    _check_invariants(st, final)
    from datamap.tasks.publish import collect_garbage

    collect_garbage(st, DATASET, 0)
    st.fs.invalidate_cache()
    assert set(st.listdir(vroot)) == set(st.list_versions(DATASET))
    _check_invariants(st, final)
    return {"kills": len(steps) + 1, "steps": steps, **timings}


def _report(name: str, got: dict) -> None:
    """Print the chain's timings; with DATAMAP_RECORD=1 also keep them in bench/out/crash.json."""
    print(name, json.dumps(got))
    if not os.environ.get("DATAMAP_RECORD"):
        return
    out = REPO / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    path = out / "crash.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = got
    path.write_text(json.dumps(data, indent=2))


@pytest.mark.parametrize("points", [pytest.param(QUICK, id="quick"),
                                    pytest.param(list(range(len(CHAIN))), id="all", marks=pytest.mark.exhaustive)])
def test_crash_chain_local(points, debian, prefect_api, code_snapshot, tmp_path):
    t = time.perf_counter()
    got = _crash_chain(str(tmp_path / "store"), {}, tmp_path, debian, prefect_api, code_snapshot, points)
    got["total_s"] = round(time.perf_counter() - t, 1)
    _report("local" if len(points) == len(CHAIN) else "local-quick", got)
