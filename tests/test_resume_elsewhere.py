"""A build killed on one machine resumes on another, from the work area held in the store.

"Machine A" and "machine B" are two processes with their own local scratch folder
(``DATAMAP_WORK_DIR``) and their own ``PREFECT_HOME`` (Prefect's default result folder is
there), sharing only the store and the team's Prefect server, as two workers of one
work pool do. A is SIGKILLed right after its third stage (index) wrote its outputs and
before Prefect recorded it; B must find ingest and embed finished (cache hits read from
the store), redo index, and publish. On a local folder and on S3 (moto's server).
"""
from __future__ import annotations

import json
import posixpath
import shutil
import signal
import textwrap

import polars as pl
import pytest
from conftest import run_killable
from prefect_server import start_prefect_server

from datamap.resources import Store, open_map
from datamap.tasks.publish import collect_work_areas

pytestmark = pytest.mark.slow

DATASET = "r"
OPTS = {"text_field": "text", "id_field": "id", "embed_mode": "fast", "projection": {"method": "pca"},
        "topics": None, "dedupe": None, "tiles": None, "outliers": None, "thumbnails": None,
        "projections": None}

_BUILD = """
import json
from datamap.flows.build_map import build_map
res = build_map(source={src!r}, dataset={ds!r}, store={store!r}, options={opts!r}, storage_options={so!r})
print("RESULT", json.dumps(res, default=str), flush=True)
"""


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory):
    with start_prefect_server(tmp_path_factory.mktemp("resume-prefect")) as api:
        yield api


@pytest.fixture(scope="module")
def source(debian, tmp_path_factory) -> str:
    p = tmp_path_factory.mktemp("resume-src") / "in.parquet"
    debian.filter(pl.col("text").str.len_chars() < 400).head(300).select("id", "text").write_parquet(p)
    return str(p)


def _machine(tmp_path, name: str, src: str, store: str, so: dict, api: str, point: str | None = None):
    """Run one build as machine ``name``: its own scratch folder and Prefect home."""
    home = tmp_path / name
    env = {"PREFECT_API_URL": api, "PREFECT_HOME": str(home / "prefect"),
           "DATAMAP_WORK_DIR": str(home / "work")}
    if point:
        env["DATAMAP_FAILPOINT"] = point
    code = _BUILD.format(src=src, ds=DATASET, store=store, opts=OPTS, so=so)
    rc, out = run_killable(textwrap.dedent(code), env, timeout=400)
    return rc, out, home


def _areas(st: Store) -> dict[str, list[str]]:
    """{build key: files in its area} for every work area of the dataset in the store."""
    root = posixpath.join(st.dataset_dir(DATASET), "_work")
    out = {}
    for name in st.listdir(root):
        if not name.endswith(".lock"):
            area = posixpath.join(root, name)
            out[name] = sorted(posixpath.relpath(p, area) for p in st.fs.find(area))
    return out


def _kill_then_resume(tmp_path, src: str, store: str, so: dict, api: str) -> dict:
    st = Store(store, so)
    rc, out, home_a = _machine(tmp_path, "a", src, store, so, api, point="stage.index")
    assert rc == -signal.SIGKILL, out[-3000:]
    areas = _areas(st)
    assert len(areas) == 1, areas
    files = next(iter(areas.values()))
    # the killed stage's outputs reached the store, but only the two recorded stages' results
    assert {"TOKEN", "data.parquet", "vectors.arrow", "index.usearch"} <= set(files), files
    assert len([f for f in files if f.startswith("_results/")]) == 2, files
    shutil.rmtree(home_a, ignore_errors=True)   # machine A is gone, with its disk
    rc, out, _ = _machine(tmp_path, "b", src, store, so, api)
    assert rc == 0, out[-3000:]
    res = json.loads(out.split("RESULT ", 1)[1].splitlines()[0])
    assert {"ingest", "embed"} <= set(res["resumed_stages"]), res["resumed_stages"]
    assert "index" not in res["resumed_stages"]       # killed before Prefect recorded it: redone
    assert res["embedded"] == 0
    assert open_map(DATASET, store=st).row_count == 300
    assert _areas(st) == {}                     # published: the area is gone from the store
    return res


# `make test-all`: S3, the case a second machine meets (nothing but the store shared), runs
# in `make test`; so does the local crash chain (tests/test_crash.py), which resumes the
# same work area from another process after each of its 12 kills
@pytest.mark.exhaustive
def test_killed_build_resumes_on_another_machine_local_store(tmp_path, source, prefect_api):
    _kill_then_resume(tmp_path, source, str(tmp_path / "store"), {}, prefect_api)


def test_killed_build_resumes_on_another_machine_s3(tmp_path, source, prefect_api, moto_s3):
    store = f"s3://{moto_s3['bucket']}/resume-{tmp_path.name}"
    _kill_then_resume(tmp_path, source, store, moto_s3["storage_options"], prefect_api)


def test_gc_removes_only_abandoned_work_areas(tmp_path, source, prefect_api):
    store = str(tmp_path / "store")
    st = Store(store)
    rc, out, _ = _machine(tmp_path, "a", source, store, {}, prefect_api, point="stage.embed")
    assert rc == -signal.SIGKILL, out[-3000:]
    assert len(_areas(st)) == 1
    assert collect_work_areas(st, DATASET) == []          # touched just now: a rerun may want it
    removed = collect_work_areas(st, DATASET, min_age_s=0)
    assert len(removed) == 1 and _areas(st) == {}
    assert not [n for n in st.listdir(posixpath.join(st.dataset_dir(DATASET), "_work")) if n.endswith(".lock")]
