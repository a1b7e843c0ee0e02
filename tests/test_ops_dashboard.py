"""The ops dashboard (viewer/ops.py, overview.py, metrics.py, drift.py; ops.ts in the web map)
on a real store of three maps built from real Debian rows:

* ``fresh``: built twice from the CLI (the second an incremental refresh of +10/-5 rows),
  nightly schedule;
* ``broken``: built, then its source broke the data contract (duplicate ids) and the
  refresh failed;
* ``stale``: built, nightly schedule, and its version and run aged by three days (what a
  store looks like when the nightly refresh stopped running).

No Prefect server: the run history comes from the store's own run log.
"""
from __future__ import annotations

import datetime as _dt
import glob
import json
import os
import tempfile
import time
from pathlib import Path

import polars as pl
import pytest
from conftest import debian_subset
from typer.testing import CliRunner
from webpage import chromium, coloured_pixels, needs_chromium, serve

NIGHTLY = "0 3 * * *"
OUT = (Path(__file__).resolve().parents[1] / "bench" / "out" if os.environ.get("DATAMAP_SCREENSHOTS")
       else Path(tempfile.gettempdir()) / "datamap-screenshots")
CLI_ARGS = ["--text-field", "text", "--id-field", "id", "--embedding-field", "embedding", "--projection", "pca"]


def _cli_build(src: str, dataset: str, store: str):
    from datamap.cli.main import app

    return CliRunner().invoke(app, ["build", src, "--dataset", dataset, "--store", store, *CLI_ARGS])


def _age(store: str, dataset: str, days: float) -> None:
    """Move the dataset's version and run records ``days`` into the past."""
    shift = _dt.timedelta(days=days)
    for path in glob.glob(f"{store}/{dataset}/versions/*/manifest.json") + glob.glob(f"{store}/_ops/runs/{dataset}/*.json"):
        doc = json.loads(Path(path).read_text())
        for k in ("created_at", "started_at", "ended_at"):
            if doc.get(k):
                doc[k] = (_dt.datetime.fromisoformat(doc[k]) - shift).isoformat()
        Path(path).write_text(json.dumps(doc))


@pytest.fixture(scope="module")
def ops_store(debian, debian_vectors, tmp_path_factory, ) -> dict:
    from datamap.resources.store import Store
    from datamap.tasks.sources import register_source

    tmp = tmp_path_factory.mktemp("ops")
    store = str(tmp / "store")
    base = debian_subset(debian, debian_vectors, 300, seed=61)
    srcs = {d: str(tmp / f"{d}.parquet") for d in ("fresh", "broken", "stale")}
    for d, src in srcs.items():
        base.write_parquet(src)
        r = _cli_build(src, d, store)
        assert r.exit_code == 0, r.output
        register_source(Store(store), d, src, schedule=NIGHTLY)
    pool = debian_subset(debian, debian_vectors, 2000, seed=62)
    new = pool.filter(~pl.col("id").is_in(base["id"].implode())).head(10)
    pl.concat([base.tail(295), new]).write_parquet(srcs["fresh"])
    r = _cli_build(srcs["fresh"], "fresh", store)          # the refresh: an incremental CLI build
    assert r.exit_code == 0, r.output
    pl.concat([base, base.head(3)]).write_parquet(srcs["broken"])   # three ids twice: contract broken
    r = _cli_build(srcs["broken"], "broken", store)
    assert r.exit_code != 0 and "ValidationFailed" in r.output, r.output
    _age(store, "stale", days=3)
    return {"store": store}


@pytest.mark.slow
def test_cli_builds_are_in_the_run_log_without_prefect(ops_store, no_prefect_api):
    from datamap.resources.store import Store
    from datamap.viewer.app import create_app
    from fastapi.testclient import TestClient

    client = TestClient(create_app(Store(ops_store["store"])), base_url="http://127.0.0.1")
    d = client.get("/api/ops/fresh").json()
    assert d["prefect_runs"] is None                       # no Prefect API configured
    runs = d["runs"]
    assert [r["outcome"] for r in runs] == ["published", "published"]
    assert all(r["trigger"] == "direct" for r in runs)
    versions = [v["version"] for v in d["versions"]]
    assert [r["version"] for r in reversed(runs)] == versions   # each CLI build is the run of its version
    assert set(runs[0]["stage_seconds"]) >= {"ingest", "embed", "index", "project"}
    v1, v2 = d["versions"]
    assert v2["mode"] == "incremental" and (v2["rows_added"], v2["rows_removed"]) == (10, 5)
    # 10 of 305 points are new: the topic shares move, a little, at both depths
    assert 0 < v2["topic_drift"] < 0.05 and v2["topic_drift_by"] == "id"
    assert v2["embedding_drift"]["new_rows"] == 10 and v2["embedding_drift"]["mean_shift"] > 0
    assert 0 <= v2["outlier_share"] < 0.1        # about 1 %: the parent's p99 splits off its top 1 %
    assert v1["topic_drift"] is None and v1["outlier_share"] is None
    b = client.get("/api/ops/broken").json()
    assert b["runs"][0]["outcome"] == "failed" and b["runs"][0]["error_class"] == "ValidationFailed"
    assert b["status"]["state"] == "failing" and b["status"]["latest_version"] == b["versions"][0]["version"]
    assert client.get("/api/ops/nothing").status_code == 404
    diff = client.get("/api/ops/fresh/diff", params={"a": v1["version"], "b": v2["version"]}).json()
    assert (diff["rows_added"], diff["rows_removed"], diff["median_move"]) == (10, 5, 0)
    assert client.get("/api/ops/fresh/diff", params={"a": "2020-01-01T000000.000000Z",
                                                      "b": v2["version"]}).status_code == 404
    assert client.get("/ops/fresh", follow_redirects=False).headers["location"] == "/#/ops/fresh"


@pytest.mark.slow
def test_metrics_parse_and_freshness_matches_the_store(ops_store):
    from datamap.resources.store import Store
    from datamap.viewer.app import create_app
    from fastapi.testclient import TestClient
    from prometheus_client.parser import text_string_to_metric_families

    st = Store(ops_store["store"])
    client = TestClient(create_app(st), base_url="http://127.0.0.1")
    t0 = time.time()
    text = client.get("/metrics").text
    t1 = time.time()
    fams = {f.name: f for f in text_string_to_metric_families(text)}
    ages = {s.labels["dataset"]: s.value for s in fams["datamap_map_age_seconds"].samples}
    assert set(ages) == {"fresh", "broken", "stale"}
    for d, age in ages.items():
        created = _dt.datetime.fromisoformat(st.read_manifest(d, st.latest(d))["created_at"]).timestamp()
        assert t0 - created - 1 <= age <= t1 - created + 1, (d, age)
    assert ages["stale"] > 3 * 86400 - 60
    state = {(s.labels["dataset"], s.labels["state"]): s.value for s in fams["datamap_state"].samples}
    assert state[("fresh", "fresh")] == state[("broken", "failing")] == state[("stale", "late")] == 1
    assert {s.labels["dataset"]: s.value for s in fams["datamap_failures_in_a_row"].samples}["broken"] == 1
    intervals = {s.labels["dataset"]: s.value for s in fams["datamap_schedule_interval_seconds"].samples}
    assert intervals == {"fresh": 86400, "broken": 86400, "stale": 86400}
    stages = {s.labels["stage"] for s in fams["datamap_last_build_stage_seconds"].samples if s.labels["dataset"] == "fresh"}
    assert {"ingest", "embed", "index", "project", "topics"} <= stages
    drift = {(s.labels["dataset"], s.labels["depth"]) for s in fams["datamap_topic_drift_js"].samples}
    assert ("fresh", "1") in drift and ("stale", "1") not in drift


def _shoot(pg, path: Path) -> None:
    """The whole ops page: #ops scrolls inside the window, so grow the window to its height."""
    h = pg.evaluate("document.getElementById('ops').scrollHeight + 60")
    pg.set_viewport_size({"width": 1280, "height": max(600, min(int(h), 4000))})
    pg.screenshot(path=str(path))


def _open(browser, url: str):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    pg = ctx.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.goto(url)
    pg.wait_for_function("window.__datamap && window.__datamap.opsReady", timeout=60_000)
    return pg


@pytest.mark.slow
@needs_chromium
def test_overview_and_dataset_page_in_chromium(ops_store):
    OUT.mkdir(parents=True, exist_ok=True)
    with serve(ops_store["store"]) as base, chromium() as browser:
        pg = _open(browser, f"{base}/ops")                  # the redirect to the web map's #/ops
        rows = pg.eval_on_selector_all("#ops-overview tbody tr",
                                       "rs => rs.map(r => [r.dataset.dataset, r.dataset.state])")
        assert dict(rows) == {"fresh": "fresh", "broken": "failing", "stale": "late"}
        assert rows[0] == ["broken", "failing"] and rows[1] == ["stale", "late"]   # failing, then late first
        problem = pg.inner_text("#ops-overview tbody tr[data-dataset=broken] .problem")
        assert "ValidationFailed" in problem
        _shoot(pg, OUT / "ops-overview.png")
        # the latest version's Great Expectations Data Docs page is one click away, and opens
        href = pg.get_attribute("#ops-overview tbody tr[data-dataset=fresh] a.data-docs", "href")
        assert href and "/data-docs/validations/" in href, href
        docs = pg.context.new_page()
        assert docs.goto(href if "://" in href else f"{base}/{href.lstrip('/')}").status == 200
        assert "expect_column_values_to_be_unique" in docs.content() or "unique" in docs.inner_text("body")
        docs.close()
        pg.click("#ops-overview th:nth-child(2)")          # sort by map name
        names = pg.eval_on_selector_all("#ops-overview tbody tr", "rs => rs.map(r => r.dataset.dataset)")
        assert names == ["broken", "fresh", "stale"]
        assert not pg.errors, pg.errors

        pg = _open(browser, f"{base}/ops/fresh")
        assert pg.get_attribute("#ops-title", "data-state") == "fresh"
        n = 2                                              # versions of "fresh"
        for chart in ("#chart-rows", "#chart-stages", "#chart-dropped"):
            assert pg.locator(f"{chart} g.slot").count() == n, chart
        drawn = pg.eval_on_selector_all("#chart-rows rect.bar", "rs => rs.filter(r => r.getBBox().height > 0).length")
        assert drawn >= n                                   # every version has a visible bar
        assert pg.locator("#chart-drift circle.pt").count() == 2   # depth 1 and 2 of the refresh
        assert pg.locator("#chart-embedding circle.pt").count() >= 1
        assert pg.locator("#chart-outliers circle.pt").count() == 1   # the refresh against its parent
        for chart in ("#chart-rows", "#chart-stages", "#chart-drift"):
            assert coloured_pixels(pg.locator(f"{chart} svg").screenshot()) > 50, f"{chart} is blank"
        pg.wait_for_selector("#ops-diff-result")         # `datamap diff` of the latest and its parent
        assert (pg.get_attribute("#ops-diff-result", "data-added"),
                pg.get_attribute("#ops-diff-result", "data-removed")) == ("10", "5")
        outcomes = pg.eval_on_selector_all("#ops-runs tr[data-outcome]", "rs => rs.map(r => r.dataset.outcome)")
        assert outcomes == ["published", "published"] and "CLI" in pg.inner_text("#ops-runs")
        _shoot(pg, OUT / "ops-dataset.png")
        assert not pg.errors, pg.errors

        pg.goto(f"{base}/#/ops/nothing")                    # an unknown dataset: said on the page
        pg.wait_for_function("window.__datamap && window.__datamap.error", timeout=30_000)
        assert "404" in pg.inner_text("#ops") and "nothing" in pg.inner_text("#ops")


@pytest.mark.slow
def test_ops_on_an_s3_store(moto_s3, debian, debian_vectors, tmp_path):
    """The run log, the overview and /metrics on a real S3 endpoint (moto's server)."""
    from datamap.flows.build_map import build_map
    from datamap.resources.errors import ValidationFailed
    from datamap.resources.store import Store
    from datamap.viewer.app import create_app
    from fastapi.testclient import TestClient
    from prometheus_client.parser import text_string_to_metric_families

    # a prefix of its own: every module on a worker shares the one moto server
    store, so = "s3://maps/ops-dashboard", moto_s3["storage_options"]
    src = str(tmp_path / "s3src.parquet")
    base = debian_subset(debian, debian_vectors, 200, seed=63)
    base.write_parquet(src)
    opts = {"text_field": "text", "id_field": "id", "embedding_field": "embedding", "projection": {"method": "pca"},
            "topics": None, "dedupe": None, "tiles": None, "outliers": None}
    r = build_map(source=src, dataset="s3map", store=store, options=opts, storage_options=so)
    pl.concat([base, base.head(2)]).write_parquet(src)
    with pytest.raises(ValidationFailed):
        build_map(source=src, dataset="s3map", store=store, options=opts, storage_options=so)
    client = TestClient(create_app(Store(store, so)), base_url="http://127.0.0.1")
    [row] = client.get("/api/ops").json()["datasets"]
    assert (row["dataset"], row["state"], row["latest_version"]) == ("s3map", "failing", r["version"])
    assert row["last_run"]["error_class"] == "ValidationFailed" and row["schedule"] is None
    runs = client.get("/api/ops/s3map").json()["runs"]
    assert [x["outcome"] for x in runs] == ["failed", "published"]
    fams = {f.name: f for f in text_string_to_metric_families(client.get("/metrics").text)}
    [age] = fams["datamap_map_age_seconds"].samples
    assert 0 <= age.value < 600


def test_late_means_a_scheduled_run_is_overdue():
    from datamap.viewer.overview import FAILING, FRESH, LATE, freshness

    utc = _dt.timezone.utc
    built = _dt.datetime(2026, 11, 30, 3, 20, tzinfo=utc)        # after the 03:00 run
    evening = _dt.datetime(2026, 11, 30, 23, 0, tzinfo=utc)
    due = _dt.datetime(2026, 12, 1, 4, 0, tzinfo=utc)            # next 03:00 run + one hour of grace
    assert freshness(built, "published", NIGHTLY, evening, 3600) == (FRESH, due)
    assert freshness(built, "published", NIGHTLY, due - _dt.timedelta(seconds=1), 3600) == (FRESH, due)
    assert freshness(built, "published", NIGHTLY, due + _dt.timedelta(minutes=1), 3600) == (LATE, due)
    assert freshness(built, "published", None, _dt.datetime(2027, 1, 1, tzinfo=utc), 3600) == (FRESH, None)
    assert freshness(built, "failed", NIGHTLY, evening, 3600)[0] == FAILING
    assert freshness(None, None, NIGHTLY, evening, 3600)[0] == FAILING   # never succeeded


def test_a_bad_schedule_is_refused_with_its_text(tmp_path):
    from datamap.resources.errors import InvalidSchedule
    from datamap.resources.schedule import check_schedule
    from datamap.resources.store import Store
    from datamap.tasks.sources import load_registry, register_source

    src = tmp_path / "s.csv"
    src.write_text("text\nhello\n")
    with pytest.raises(InvalidSchedule, match="every night"):
        register_source(Store(str(tmp_path / "store")), "d", str(src), schedule="every night")
    assert load_registry(Store(str(tmp_path / "store"))) == {}
    assert check_schedule("*/15 * * * *") == "*/15 * * * *"


def test_jensen_shannon_bounds_and_movers():
    from datamap.viewer.drift import js_divergence, movers

    assert js_divergence({"a": 0.5, "b": 0.5}, {"b": 0.5, "a": 0.5}) == 0
    assert js_divergence({"a": 1.0}, {"b": 1.0}) == pytest.approx(1.0)
    mid = js_divergence({"a": 0.9, "b": 0.1}, {"a": 0.6, "b": 0.4})
    assert 0 < mid < 1 and js_divergence({}, {"a": 1.0}) is None
    m = movers({"a": 0.5, "b": 0.3, "c": 0.2}, {"a": 0.2, "b": 0.3, "c": 0.5}, {"a": "A", "c": "C"})
    assert [r["topic"] for r in m["grew"]] == ["C"] and [r["topic"] for r in m["shrank"]] == ["A"]
    assert m["shrank"][0]["change"] == pytest.approx(-0.3)


def test_a_build_refused_before_any_work_is_still_logged(tmp_path):
    """An option error fails the build at once; the run log says so, with the error's class.
    A dataset name that could escape the store is refused without a record."""
    from datamap.flows.build_map import build_map
    from datamap.resources import runlog
    from datamap.resources.errors import InvalidName, InvalidOption
    from datamap.resources.store import Store

    store = str(tmp_path / "store")
    with pytest.raises(InvalidOption, match="colour"):
        build_map(source=str(tmp_path / "none.csv"), dataset="d", store=store, options={"colour": "red"})
    [rec] = runlog.read_runs(Store(store), "d")
    assert (rec["outcome"], rec["error_class"], rec["trigger"]) == ("failed", "InvalidOption", "direct")
    assert "colour" in rec["error_message"] and rec["ended_at"] >= rec["started_at"]
    with pytest.raises(InvalidName):
        build_map(source=str(tmp_path / "none.csv"), dataset="../d", store=store)
    assert runlog.logged_datasets(Store(store)) == ["d"]


def test_schedules_come_from_the_registry(tmp_path):
    """A source's own --schedule is its deployment's cron; the others get deploy's --cron,
    recorded in the registry so the dashboard knows when they are due."""
    from datamap.deployments.maps import map_deployments
    from datamap.resources import runlog
    from datamap.resources.store import Store
    from datamap.tasks.sources import record_default_schedule, register_source

    st = Store(str(tmp_path / "store"))
    for name in ("own", "other"):
        (tmp_path / f"{name}.csv").write_text("text\nhello\n")
    register_source(st, "own", str(tmp_path / "own.csv"), {"text_field": "text"}, schedule="*/30 * * * *")
    register_source(st, "other", str(tmp_path / "other.csv"), {"text_field": "text"})
    deps = {d.name: d for d in map_deployments(st.uri, cron=NIGHTLY, watch_every_s=None)}
    crons = {n: d.schedules[0].schedule.cron for n, d in deps.items()}
    assert crons == {"refresh-own": "*/30 * * * *", "refresh-other": NIGHTLY}
    assert runlog.schedules(st) == {"own": "*/30 * * * *", "other": None}
    record_default_schedule(st, NIGHTLY)
    assert runlog.schedules(st) == {"own": "*/30 * * * *", "other": NIGHTLY}
    # registered, never built: on the overview, due from its registration on
    from datamap.viewer.overview import overview

    now = _dt.datetime.now(_dt.timezone.utc)
    assert {r["dataset"]: (r["state"], r["latest_version"]) for r in overview(st, now)} == \
        {"own": ("fresh", None), "other": ("fresh", None)}
    assert {r["dataset"]: r["state"] for r in overview(st, now + _dt.timedelta(days=2))} == \
        {"own": "late", "other": "late"}


def test_source_add_takes_a_schedule_and_refuses_a_bad_one(tmp_path):
    from datamap.cli.main import app

    store = str(tmp_path / "store")
    (tmp_path / "s.csv").write_text("text\nhello\n")
    bad = CliRunner().invoke(app, ["source", "add", "d", str(tmp_path / "s.csv"), "--store", store,
                                   "--schedule", "nightly please"])
    assert bad.exit_code == 2 and "InvalidSchedule" in bad.output and "nightly please" in bad.output
    ok = CliRunner().invoke(app, ["source", "add", "d", str(tmp_path / "s.csv"), "--store", store,
                                  "--schedule", "15 4 * * 1"])
    assert ok.exit_code == 0, ok.output
    listed = CliRunner().invoke(app, ["source", "list", "--store", store])
    assert "15 4 * * 1" in listed.output
