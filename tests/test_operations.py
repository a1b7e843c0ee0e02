"""Operations against a REAL Prefect server on 127.0.0.1: deployments, schedule, event trigger.

One server (temporary PREFECT_HOME, SQLite) and one `datamap deploy` process serve the
whole module; both run in their own process groups and are killed at the end.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import polars as pl
import pytest
from conftest import REPO, _free_port, debian_subset

pytestmark = pytest.mark.slow

CRON = "17 4 * * *"
DATASET = "pkgs"
OPTIONS = {"projection": {"method": "umap"}, "text_field": "text", "id_field": "id", "embedding_field": "embedding",
           "topics": None, "dedupe": None, "tiles": None}


def _kill_group(p: subprocess.Popen) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(p.pid, sig)
        except ProcessLookupError:
            return
        try:
            p.wait(timeout=10)
            # the group may still hold children (flow-run subprocesses)
        except subprocess.TimeoutExpired:
            continue
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _wait(pred, timeout: float, what: str, poll: float = 0.5, logs: list[Path] = ()):
    deadline = time.time() + timeout
    while time.time() < deadline:
        got = pred()
        if got:
            return got
        time.sleep(poll)
    tails = "\n".join(f"--- {p}:\n{p.read_text(errors='replace')[-3000:]}" for p in logs if p.exists())
    pytest.fail(f"timed out after {timeout}s waiting for {what}\n{tails}")


@pytest.fixture(scope="module")
def ops(tmp_path_factory, debian, debian_vectors):
    """A Prefect server, a registered source, and `datamap deploy` serving it."""
    from datamap.resources.store import Store
    from datamap.tasks.sources import register_source

    root = tmp_path_factory.mktemp("ops")
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_HOME=str(root / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_UI_ENABLED="false", PREFECT_LOGGING_LEVEL="INFO", DO_NOT_TRACK="1")
    server_log = root / "server.log"
    exe = str(Path(sys.executable).parent / "prefect")
    with open(server_log, "wb") as out:
        server = subprocess.Popen([exe, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                                  env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    procs = [server]
    try:
        def healthy():
            try:
                return httpx.get(f"{api}/health", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False
        _wait(healthy, 90, "prefect server /api/health", logs=[server_log])

        source = root / "pkgs.parquet"
        debian_subset(debian, debian_vectors, 400, seed=7).write_parquet(source)
        store = str(root / "store")
        register_source(Store(store), DATASET, str(source), OPTIONS)

        client_env = {**env, "PREFECT_API_URL": api}
        serve_log = root / "serve.log"
        with open(serve_log, "wb") as out:
            serve = subprocess.Popen(
                [sys.executable, "-m", "datamap.cli.main", "deploy", "--store", store, "--cron", CRON,
                 "--watch-every", "3600"],
                env=client_env, cwd=str(REPO), stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        procs.append(serve)

        def deployments():
            r = httpx.post(f"{api}/deployments/filter", json={}, timeout=5)
            deps = {d["name"]: d for d in r.json()}
            return deps if {f"refresh-{DATASET}", "watch-sources"} <= set(deps) else None
        deps = _wait(deployments, 120, "deployments registered by `datamap deploy`", logs=[serve_log])
        yield {"api": api, "env": client_env, "store": store, "source": source, "deps": deps,
               "logs": [server_log, serve_log], "root": root, "debian": debian, "vectors": debian_vectors}
    finally:
        for p in reversed(procs):
            _kill_group(p)


def _flow_runs(api: str, deployment_id: str) -> list[dict]:
    r = httpx.post(f"{api}/flow_runs/filter", timeout=5,
                   json={"flow_runs": {"deployment_id": {"any_": [deployment_id]}}})
    r.raise_for_status()
    return r.json()


def _run_watcher(ops) -> dict:
    """The watcher flow, in its own process against the server (as a deployment run would)."""
    code = ("import json; from datamap.flows.watch_sources import watch_sources; "
            f"print('RESULT', json.dumps(watch_sources(store={ops['store']!r})))")
    p = subprocess.run([sys.executable, "-c", code], env=ops["env"], cwd=str(REPO),
                       capture_output=True, text=True, timeout=180, start_new_session=True)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    line = [ln for ln in p.stdout.splitlines() if ln.startswith("RESULT ")][-1]
    return json.loads(line[len("RESULT "):])


def test_schedule_and_trigger_registered(ops):
    dep = ops["deps"][f"refresh-{DATASET}"]
    crons = [s["schedule"].get("cron") for s in dep["schedules"]]
    assert crons == [CRON]
    assert dep["parameters"]["dataset"] == DATASET
    assert dep["parameters"]["source"] == str(ops["source"])
    assert dep["parameters"]["skip_unchanged"] is True     # an untouched source publishes nothing
    # the trigger is an automation on the server, matching this dataset's source id
    r = httpx.post(f"{ops['api']}/automations/filter", json={}, timeout=5)
    autos = [a for a in r.json() if a["trigger"].get("expect") == ["datamap.source.changed"]]
    assert len(autos) == 1
    assert autos[0]["trigger"]["match"]["prefect.resource.id"] == f"datamap.source.{DATASET}"
    assert autos[0]["actions"][0]["deployment_id"] == dep["id"]
    watch = ops["deps"]["watch-sources"]
    assert watch["schedules"][0]["schedule"]["interval"] == 3600


def test_source_change_event_rebuilds_and_bad_source_keeps_latest(ops, monkeypatch):
    from datamap.resources import open_map
    from datamap.resources.store import Store

    api, store, source = ops["api"], Store(ops["store"]), ops["source"]
    dep_id = ops["deps"][f"refresh-{DATASET}"]["id"]
    assert store.latest(DATASET) is None

    # unchanged source: the watcher emits nothing
    assert _run_watcher(ops)["changed"] == []

    # the source changes (more rows) → event → the served deployment rebuilds
    bigger = debian_subset(ops["debian"], ops["vectors"], 450, seed=7)
    bigger.write_parquet(source)
    assert _run_watcher(ops)["changed"] == [DATASET]

    def completed():
        runs = _flow_runs(api, dep_id)
        done = [r for r in runs if r["state_type"] == "COMPLETED"]
        bad = [r for r in runs if r["state_type"] in ("FAILED", "CRASHED")]
        assert not bad, bad
        return done
    runs = _wait(completed, 240, "a completed refresh flow run", poll=1, logs=ops["logs"])
    assert len(runs) == 1
    v1 = store.latest(DATASET)
    assert v1 is not None
    m = open_map(DATASET, store=store)
    assert m.version == v1 and m.row_count == 450
    # the run published its numbers as Prefect artifacts (what the Prefect UI shows)
    r = httpx.post(f"{api}/artifacts/filter", timeout=5,
                   json={"artifacts": {"flow_run_id": {"any_": [runs[0]["id"]]}}})
    arts = {x["key"]: x for x in r.json()}
    assert {f"datamap-{DATASET}-stages", f"datamap-{DATASET}-summary"} <= set(arts)
    assert "**450**" in arts[f"datamap-{DATASET}-summary"]["data"]
    stages = {row["stage"] for row in json.loads(arts[f"datamap-{DATASET}-stages"]["data"])}
    assert {"ingest", "embed", "index", "project", "publish"} <= stages

    # the source turns invalid (duplicate ids) → the triggered run fails, LATEST stays
    broken = pl.concat([bigger, bigger.head(5)])
    broken.write_parquet(source)
    assert _run_watcher(ops)["changed"] == [DATASET]

    def failed():
        return [r for r in _flow_runs(api, dep_id) if r["state_type"] in ("FAILED", "CRASHED")]
    bad = _wait(failed, 240, "the refresh of the broken source to fail", poll=1, logs=ops["logs"])
    assert bad[0]["state_type"] == "FAILED"
    assert store.latest(DATASET) == v1
    assert store.list_versions(DATASET) == [v1]

    # the ops dashboard of the web app shows the one version and both runs, the failed one too
    from fastapi.testclient import TestClient

    from datamap.viewer.app import create_app

    monkeypatch.setenv("PREFECT_API_URL", api)
    client = TestClient(create_app(store), base_url="http://127.0.0.1")
    d = client.get(f"/api/ops/{DATASET}").json()
    assert [v["version"] for v in d["versions"]] == [v1] and d["versions"][0]["latest"]
    states = {r["id"]: r["state"] for r in d["prefect_runs"]}
    assert states[bad[0]["id"]] == "FAILED" and states[runs[0]["id"]] == "COMPLETED"
    # the store's run log has the deployment's runs too, joined with Prefect's states
    logged = {r["prefect_flow_run_id"]: r for r in d["runs"]}
    assert logged[bad[0]["id"]]["outcome"] == "failed" and logged[bad[0]["id"]]["prefect_state"] == "FAILED"
    assert logged[bad[0]["id"]]["trigger"] == "deployment" and logged[bad[0]["id"]]["error_class"]
    assert logged[runs[0]["id"]]["outcome"] == "published" and logged[runs[0]["id"]]["version"] == v1
    assert logged[bad[0]["id"]]["prefect_url"].endswith(f"/runs/flow-run/{bad[0]['id']}")
