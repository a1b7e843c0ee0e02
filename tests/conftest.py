"""Shared fixtures: the real Debian corpus, a built map, and a real S3 endpoint (moto).

Environment is set before anything imports Prefect: a private PREFECT_HOME (ephemeral
API, telemetry off), private work/cache folders, and a kept numba cache.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# A second import of this file under another module name (``tests.conftest``) would make
# a new folder and point PREFECT_HOME at it after Prefect has read the first one: builds in
# subprocesses would then cache where the pytest process never looks. Reuse the folder.
_ROOT = Path(os.environ.get("DATAMAP_TESTS_TMP") or tempfile.mkdtemp(prefix="datamap-tests-"))
os.environ["DATAMAP_TESTS_TMP"] = str(_ROOT)
# under pytest-xdist (`make test` runs several workers) each worker gets its own folder
# below the controller's: its own Prefect database, work and cache folders, removed when
# that worker ends; the controller removes the root last.
_TMP = _ROOT / os.environ["PYTEST_XDIST_WORKER"] if os.environ.get("PYTEST_XDIST_WORKER") else _ROOT
_TMP.mkdir(parents=True, exist_ok=True)
os.environ["PREFECT_HOME"] = str(_TMP / "prefect")
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["PREFECT_LOGGING_LEVEL"] = "WARNING"
# two cores shared by several test sessions: the ephemeral API can take > 20 s to start
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ["DO_NOT_TRACK"] = "1"
os.environ["GX_ANALYTICS_ENABLED"] = "false"
os.environ["DATAMAP_WORK_DIR"] = str(_TMP / "work")
os.environ["DATAMAP_CACHE_DIR"] = str(_TMP / "cache")
os.environ.pop("DATAMAP_STORE", None)
os.environ.pop("DATAMAP_FAILPOINT", None)
os.environ.setdefault("NUMBA_CACHE_DIR", str(Path.home() / ".cache" / "datamap" / "numba"))
os.environ["AWS_ACCESS_KEY_ID"] = "testing"
os.environ["AWS_SECRET_ACCESS_KEY"] = "testing"
os.environ.pop("AWS_PROFILE", None)
# `make test` runs three workers, and the processes they start, on two cores. OpenMP (numba's
# threading layer here) and OpenBLAS let an idle worker thread spin before it sleeps, and a
# spinning thread takes the core from another process's real work: three UMAP fits of 3,000
# Debian rows at once took 47 s and 31 CPU-s each, 21 s and 14 CPU-s with these two settings
# (alone: the same 10-12 s either way); three processes of small matrix products 13-14 s
# against 6.4 s. Read when the libraries load, so set before numpy is imported in this
# process, and inherited by every build a test starts.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")

import numpy as np  # noqa: E402
import polars as pl  # noqa: E402
import pytest  # noqa: E402
from prefect_server import PrefectServerFailed, _free_port, start_prefect_server  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _shared_data() -> Path:
    """``$DATAMAP_SHARED_DATA``, else ../shared/data beside the checkout, else — in a fresh
    clone of a local checkout, such as a CI dry run in a temporary folder — beside the
    repository it was cloned from."""
    if os.environ.get("DATAMAP_SHARED_DATA"):
        return Path(os.environ["DATAMAP_SHARED_DATA"])
    beside = REPO.parent / "shared" / "data"
    if beside.exists():
        return beside
    try:
        origin = subprocess.run(["git", "-C", str(REPO), "config", "--get", "remote.origin.url"],
                                capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        origin = ""
    if origin and Path(origin).is_dir():
        there = Path(origin).resolve().parent / "shared" / "data"
        if there.exists():
            return there
    return beside


SHARED = _shared_data()
CORPUS = SHARED / "debian-packages.parquet"
VECTORS = SHARED / "debian-packages-minilm.npy"


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_TMP, ignore_errors=True)


def _ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _skip_allowed(nodeid: str) -> bool:
    """``DATAMAP_CI_ALLOW_SKIPS``: comma-separated parts of test ids that may skip under CI
    on this machine (say, ``full_disk,read_only`` where mounts are not allowed). Empty by
    default: the exception has to be written down where the CI job is defined."""
    allowed = [a.strip() for a in os.environ.get("DATAMAP_CI_ALLOW_SKIPS", "").split(",") if a.strip()]
    return any(a in nodeid for a in allowed)


def _skip_reason(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr)


def _fail_the_skip(report) -> None:
    report.outcome = "failed"
    report.longrepr = (f"skipped under CI=true, which counts as a failure: {_skip_reason(report)}\n"
                       "(install what the test needs — `make test` does — or name it in "
                       "DATAMAP_CI_ALLOW_SKIPS where this machine cannot run it)")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under ``CI=true`` a skipped test is a failed one: a missing browser or tool must not
    turn a red suite green. Expected failures (xfail) are not skips and pass through."""
    outcome = yield
    report = outcome.get_result()
    if _ci() and report.skipped and not hasattr(report, "wasxfail") and not _skip_allowed(report.nodeid):
        _fail_the_skip(report)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    """The same for a whole module skipped at import (``pytest.importorskip`` at the top)."""
    outcome = yield
    report = outcome.get_result()
    if _ci() and report.skipped and not _skip_allowed(report.nodeid):
        _fail_the_skip(report)


def _module_costs() -> dict[str, float]:
    import json

    try:
        return json.loads((Path(__file__).parent / "module_costs.json").read_text())
    except (OSError, ValueError):
        return {}


def pytest_collection_modifyitems(session, config, items):
    """Longest modules first (tests/module_costs.json, from a full run: .ci/module_costs.py).
    `make test` hands whole modules to its workers in this order (--no-loadscope-reorder):
    xdist's own order, most tests first, left the slowest modules (one long test each) to
    start last and run alone. A module not in the file counts a second per test."""
    costs = _module_costs()
    by_module: dict[str, list] = {}
    for item in items:
        by_module.setdefault(item.nodeid.split("::")[0], []).append(item)
    order = sorted(by_module, key=lambda m: -costs.get(m.rsplit("/", 1)[-1], len(by_module[m])))
    items[:] = [item for m in order for item in by_module[m]]


@pytest.fixture(scope="session")
def debian() -> pl.DataFrame:
    """The whole shared Debian corpus (63,666 rows), with a row-position column."""
    if not CORPUS.exists():
        pytest.fail(f"shared corpus missing at {CORPUS}: tests need ../shared/data beside the repo "
                    "(or DATAMAP_SHARED_DATA)")
    return pl.read_parquet(CORPUS).with_row_index("_row")


@pytest.fixture(scope="session")
def debian_vectors() -> np.ndarray:
    """Precomputed MiniLM vectors, row-aligned with the corpus (float32). Read-only: one
    array serves every test of a worker, so a test that wrote into it would change the
    data of whichever tests that worker runs next (a flake that depends on scheduling)."""
    vectors = np.load(VECTORS, mmap_mode="r").astype(np.float32)
    vectors.setflags(write=False)
    return vectors


def debian_subset(debian: pl.DataFrame, vectors: np.ndarray, n: int, seed: int = 0,
                  with_vectors: bool = True) -> pl.DataFrame:
    """A deterministic sample of ``n`` real rows; an ``embedding`` list column if asked."""
    sub = debian.sample(n=n, seed=seed).sort("_row")
    if with_vectors:
        rows = sub["_row"].to_numpy()
        sub = sub.with_columns(pl.Series("embedding", vectors[rows].tolist(), dtype=pl.List(pl.Float32)))
    return sub.drop("_row")


def knn_kept(ref: np.ndarray, got: np.ndarray, k: int = 10) -> float:
    """Mean share of each row's ``k`` nearest rows (cosine, within the set) in ``ref`` that
    are also among its ``k`` nearest in ``got``: how much neighbourhood an embedder keeps."""
    def knn(x):
        s = x @ x.T
        np.fill_diagonal(s, -np.inf)
        return np.argpartition(-s, k, axis=1)[:, :k]
    a, b = knn(ref), knn(got)
    return float(np.mean([len(set(a[i]) & set(b[i])) / k for i in range(len(a))]))


@pytest.fixture
def tmp_store(tmp_path) -> str:
    return str(tmp_path / "store")


@pytest.fixture(scope="session")
def debian_2k_path(debian, debian_vectors, tmp_path_factory) -> str:
    """2,000 real Debian rows with their MiniLM vectors, as a Parquet file."""
    p = tmp_path_factory.mktemp("inputs") / "debian-2k.parquet"
    debian_subset(debian, debian_vectors, 2000, seed=1).write_parquet(p)
    return str(p)


@pytest.fixture(scope="session")
def built_map(debian_2k_path, tmp_path_factory, worker_id) -> dict:
    """A map of 2,000 real rows in a local store (bring-your-own MiniLM vectors), with
    every stage this checkout has. Shared by reader/topics/dedupe/viewer tests: read only.

    Under xdist the first worker to ask builds it once, in the run's shared temp folder,
    and every worker reads its own copy: 11 modules use it, so each of `make test`'s
    three workers otherwise built the same map (~20 CPU-s each on two busy cores). A copy,
    not the shared store, because some modules write tags or versions into theirs."""
    from filelock import FileLock

    own = tmp_path_factory.mktemp("built") / "store"
    if worker_id == "master":             # no xdist: nothing to share, build here
        return {**_build_2k(debian_2k_path, str(own)), "store": str(own), "dataset": "debian"}
    shared = tmp_path_factory.getbasetemp().parent / "built-map"   # this run's, all workers
    with FileLock(str(shared) + ".lock"):
        done = shared / "result.json"
        if not done.exists():
            res = _build_2k(debian_2k_path, str(shared / "store"))
            done.write_text(json.dumps(res, default=str))
        res = json.loads(done.read_text())
    shutil.copytree(shared / "store", own)
    return {**res, "store": str(own), "dataset": "debian"}   # res names the shared store


def _build_2k(source: str, store: str) -> dict:
    from datamap.flows.build_map import build_map

    return build_map(source=source, dataset="debian", store=store,
                     options={"projection": {"method": "umap"}, "text_field": "text", "id_field": "id",
                              "embedding_field": "embedding"})


@pytest.fixture(scope="session", autouse=True)
def prefect_api_for_the_session():
    """One Prefect server per pytest worker, used by this process's flows and exported as
    ``PREFECT_API_URL`` to the processes tests start (CLI builds, killed-and-rerun builds):
    each would otherwise start Prefect's temporary server first, ~15 s, and under a loaded
    CI a temporary server once took over 120 s to answer and failed a session fixture.
    Prefect read its settings when first imported, so they are updated here too. If the
    server cannot start, everything runs as before (each process its own server).
    ``DATAMAP_TESTS_OWN_PREFECT=1``: every process starts its own, as a user's build does."""
    if os.environ.get("PREFECT_API_URL") or os.environ.get("DATAMAP_TESTS_OWN_PREFECT") == "1":
        yield os.environ.get("PREFECT_API_URL")
        return
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with contextlib.ExitStack() as stack:
        try:
            api = stack.enter_context(start_prefect_server(_TMP / "prefect-api", ephemeral=True))
        except PrefectServerFailed as e:
            import warnings

            warnings.warn(f"no shared Prefect server, each process starts its own: {str(e)[:300]}", stacklevel=1)
            yield None
            return
        os.environ["PREFECT_API_URL"] = api
        stack.callback(os.environ.pop, "PREFECT_API_URL", None)
        stack.enter_context(temporary_settings(updates={PREFECT_API_URL: api}))
        yield api


@pytest.fixture
def no_prefect_api(monkeypatch):
    """No Prefect API for this test, in the environment or in Prefect's settings (the
    session's server is in both)."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        yield


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module (tests/webpage.py)."""
    from webpage import CHROMIUM, chromium

    if not (CHROMIUM and os.path.exists(CHROMIUM)):
        pytest.skip("needs Debian's chromium (apt-get install chromium; `make test` does it)")
    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def moto_s3():
    """A real HTTP S3 endpoint (moto's standalone server) on 127.0.0.1, with a bucket.

    Yields dict(endpoint, storage_options, bucket). s3fs is given no region_name (moto
    then refuses bucket creation).
    """
    port = _free_port()
    exe = shutil.which("moto_server", path=os.path.dirname(sys.executable)) or shutil.which("moto_server")
    cmd = [exe] if exe else [sys.executable, "-m", "moto.server"]
    proc = subprocess.Popen(cmd + ["-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("moto server did not start")
    import s3fs

    opts = {"endpoint_url": endpoint, "key": "testing", "secret": "testing"}
    fs = s3fs.S3FileSystem(**opts)
    fs.mkdir("maps")
    fs.mkdir("corpora")
    try:
        yield {"endpoint": endpoint, "storage_options": opts, "bucket": "maps", "fs": fs}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def run_killable(code: str, env_extra: dict | None = None, timeout: float = 300,
                 cwd: str | None = None) -> tuple[int, str]:
    """Run Python ``code`` in a fresh process group; return (returncode, output).

    A build killed by a failpoint orphans Prefect's temporary API server, which would
    hold our pipes open: output goes to a file and the whole group is killed after.
    """
    import signal

    env = {**os.environ, **(env_extra or {})}
    with tempfile.TemporaryFile() as out:
        p = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=out, stderr=subprocess.STDOUT,
                             cwd=cwd or str(REPO), start_new_session=True)
        try:
            rc = p.wait(timeout=timeout)
        finally:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        out.seek(0)
        return rc, out.read().decode(errors="replace")
