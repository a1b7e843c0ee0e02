"""datamap as a Prefect project run by a real worker: prefect.yaml → `prefect deploy --all`
→ a process work pool → `prefect worker start`, on a REAL Prefect server on 127.0.0.1.

A changed source (the watcher's ``datamap.source.changed`` event) makes the worker run the
refresh deployment, which publishes a new version and announces it with a
``datamap.map.published`` event carrying that version.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import httpx
import pytest
import yaml
from conftest import REPO, debian_subset
from test_crash import start_prefect_server
from test_operations import OPTIONS, _flow_runs, _kill_group, _wait

pytestmark = pytest.mark.slow

DATASET = "pooled"
POOL = "datamap-test"


def _cli(args: list[str], env: dict, cwd, timeout: float = 180) -> subprocess.CompletedProcess:
    p = subprocess.run(args, env=env, cwd=str(cwd), capture_output=True, text=True, timeout=timeout)
    assert p.returncode == 0, f"{args}\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}"
    return p


def _events(api: str, name: str) -> list[dict]:
    r = httpx.post(f"{api}/events/filter", timeout=10,
                   json={"filter": {"event": {"name": [name]}, "occurred": {"since": "2000-01-01T00:00:00Z"}},
                         "limit": 50})
    r.raise_for_status()
    return r.json().get("events", [])


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    with start_prefect_server(tmp_path_factory.mktemp("pool-prefect")) as url:
        yield url


def test_prefect_yaml_deployed_to_a_work_pool_runs_on_a_worker_and_announces_the_version(
        debian, debian_vectors, tmp_path, api):
    from datamap.resources.store import Store
    from datamap.tasks.sources import register_source

    source, store = tmp_path / "src.parquet", str(tmp_path / "store")
    debian_subset(debian, debian_vectors, 300, seed=3).write_parquet(source)
    register_source(Store(store), DATASET, str(source), OPTIONS)
    project = tmp_path / "project"
    project.mkdir()
    if True:
        env = {**os.environ, "PREFECT_API_URL": api, "PREFECT_LOGGING_LEVEL": "INFO"}   # stage progress is INFO
        _cli([sys.executable, "-m", "datamap.cli.main", "deploy", "--store", store, "--prefect-yaml",
              str(project / "prefect.yaml"), "--pool", POOL, "--watch-every", "0"], env, REPO)
        doc = yaml.safe_load((project / "prefect.yaml").read_text())
        assert [d["name"] for d in doc["deployments"]] == [f"refresh-{DATASET}"]
        _cli([sys.executable, "-m", "prefect", "work-pool", "create", POOL, "--type", "process"], env, project)
        _cli([sys.executable, "-m", "prefect", "--no-prompt", "deploy", "--all"], env, project, timeout=300)
        deps = httpx.post(f"{api}/deployments/filter", json={}, timeout=5).json()
        dep = next(d for d in deps if d["name"] == f"refresh-{DATASET}")
        assert dep["work_pool_name"] == POOL and "dataset:" + DATASET in dep["tags"]
        log = tmp_path / "worker.log"
        with open(log, "wb") as out:
            worker = subprocess.Popen([sys.executable, "-m", "prefect", "worker", "start", "--pool", POOL],
                                      env=env, cwd=str(project), stdout=out, stderr=subprocess.STDOUT,
                                      start_new_session=True)
        try:
            debian_subset(debian, debian_vectors, 340, seed=3).write_parquet(source)    # the source changes
            code = ("import json; from datamap.flows.watch_sources import watch_sources; "
                    f"print('RESULT', json.dumps(watch_sources(store={store!r})))")
            out = _cli([sys.executable, "-c", code], env, REPO).stdout
            assert json.loads(out.split("RESULT ", 1)[1].splitlines()[0])["changed"] == [DATASET]

            def completed():
                runs = _flow_runs(api, dep["id"])
                assert not [r for r in runs if r["state_type"] in ("FAILED", "CRASHED")], runs
                return [r for r in runs if r["state_type"] == "COMPLETED"]
            runs = _wait(completed, 300, "the worker to complete the triggered refresh", poll=1, logs=[log])
            assert runs[0]["name"] == f"build-{DATASET}"
            latest = Store(store).latest(DATASET)
            assert latest is not None
            # stage progress went to the run log (no terminal on a worker), and the run links its version
            def progress_logged():     # the run's logs reach the API in batches, after its state
                logs = httpx.post(f"{api}/logs/filter", timeout=10, json={
                    "logs": {"flow_run_id": {"any_": [runs[0]["id"]]}}, "limit": 200}).json()
                msgs = [x["message"] for x in logs]
                # wait for the last stage's end: its start may reach the API one batch earlier
                return msgs if any(re.match(r"publish: [\d,]+ files in [\d.]+ s", m) for m in msgs) else None
            msgs = _wait(progress_logged, 60, "the publish stage's end in the run's log", poll=1, logs=[log])
            assert any(m.startswith("publish: started (") for m in msgs), msgs
            arts = httpx.post(f"{api}/artifacts/filter", timeout=10,
                              json={"artifacts": {"flow_run_id": {"any_": [runs[0]["id"]]}}}).json()
            links = {a["key"]: a["data"] for a in arts if (a.get("key") or "").endswith("-version")}
            assert any(latest in str(v) for v in links.values()), arts
            # … and the Great Expectations Data Docs page of its validation, a file of the version
            docs = [re.search(r"\((\S+)\)$", a["data"]).group(1) for a in arts   # a markdown link
                    if (a.get("key") or "").endswith("-data-docs")]
            man = Store(store).read_manifest(DATASET, latest)
            assert docs and docs[0].endswith(man["validation"]["data_docs"]) and latest in docs[0], arts
            assert os.path.exists(docs[0].removeprefix("file://")), docs

            def announced():
                return [e for e in _events(api, "datamap.map.published")
                        if e["resource"]["prefect.resource.id"] == f"datamap.map.{DATASET}"]
            ev = _wait(announced, 60, "the datamap.map.published event", poll=1, logs=[log])
            assert ev[0]["payload"]["version"] == latest and ev[0]["payload"]["rows"] == 340
        finally:
            _kill_group(worker)


def test_a_failed_build_announces_itself_and_publishes_nothing(debian, debian_vectors, tmp_path, api):
    """A build of an invalid source (duplicate ids) fails validation before any expensive stage and
    emits ``datamap.map.failed`` naming the dataset and the error."""
    import polars as pl

    src = tmp_path / "dup.parquet"
    rows = debian_subset(debian, debian_vectors, 50, seed=4)
    pl.concat([rows, rows.head(2)]).write_parquet(src)
    store = str(tmp_path / "store")
    code = ("from datamap.flows.build_map import build_map; "
            f"build_map(source={str(src)!r}, dataset='broken', store={store!r}, options={OPTIONS!r})")
    p = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PREFECT_API_URL": api}, cwd=str(REPO),
                       capture_output=True, text=True, timeout=300)
    assert p.returncode != 0
    from datamap.resources.store import Store

    assert Store(store).latest("broken") is None

    def announced():
        return [e for e in _events(api, "datamap.map.failed")
                if e["resource"]["prefect.resource.id"] == "datamap.map.broken"]
    ev = _wait(announced, 60, "the datamap.map.failed event", poll=1)
    err = ev[0]["payload"]["error"]
    assert "ValidationFailed" in err and "unique" in err and all(i in err for i in rows["id"].head(2)), err


def test_the_repository_prefect_yaml_and_dockerfile_are_what_the_generator_and_makefile_say(tmp_path):
    """The committed prefect.yaml is the generator's output for the bundled sample (plus
    the docker variant): same entrypoints, trigger, tags and parameters the flows accept;
    the Dockerfile parses, copies only what exists and pins torch like the Makefile."""
    from dockerfile_parse import DockerfileParser
    from prefect.flows import load_flow_from_entrypoint

    from datamap.deployments.project import project_document
    from datamap.resources.store import Store
    from datamap.tasks.sources import register_source

    committed = yaml.safe_load((REPO / "prefect.yaml").read_text())
    for dep in committed["deployments"]:
        flow = load_flow_from_entrypoint(dep["entrypoint"])
        flow.validate_parameters(dep["parameters"])         # raises on a parameter the flow lacks
    store = str(tmp_path / "store")
    register_source(Store(store), "debian-sample", str(REPO / "sample" / "debian-3k.parquet"),
                    {"text_field": "text", "id_field": "id"})
    made = {d["name"]: d for d in project_document(store)["deployments"]}
    mine = {d["name"]: d for d in committed["deployments"]}
    for name in ("refresh-debian-sample", "watch-sources"):
        for key in ("entrypoint", "tags", "concurrency_limit", "schedules", "description"):
            if key != "description" or name == "watch-sources":
                assert mine[name].get(key) == made[name].get(key), (name, key)
    trig = [{k: t[k] for k in ("type", "expect", "match")} for t in made["refresh-debian-sample"]["triggers"]]
    assert [{k: t[k] for k in ("type", "expect", "match")} for t in mine["refresh-debian-sample"]["triggers"]] == trig
    for key in ("options", "dataset", "skip_unchanged"):
        assert mine["refresh-debian-sample"]["parameters"][key] == made["refresh-debian-sample"]["parameters"][key]

    df = DockerfileParser(path=str(REPO / "Dockerfile"))
    steps = [(i["instruction"], i["value"]) for i in df.structure if i["instruction"] != "COMMENT"]
    assert steps[0][0] == "FROM"
    for ins, value in steps:
        if ins == "COPY":
            for src in value.split()[:-1]:
                assert (REPO / src).exists(), f"Dockerfile copies {src}, which the repository lacks"
    assert steps[-1][0] == "CMD" and json.loads(steps[-1][1])
    torch = next(v for i, v in steps if i == "RUN" and "torch==" in v).split("torch==")[1].split()[0]
    assert f"torch=={torch}" in (REPO / "Makefile").read_text()


def test_a_cli_build_is_named_and_tagged_like_a_deployment_run(debian, debian_vectors, tmp_path, api):
    """`datamap build` against a server: its run is ``build-<dataset>`` and carries the
    ``datamap`` and ``dataset:<name>`` tags, so a dataset's runs are found however started."""
    src = tmp_path / "cli.parquet"
    debian_subset(debian, debian_vectors, 120, seed=5).write_parquet(src)
    _cli([sys.executable, "-m", "datamap.cli.main", "build", str(src), "--dataset", "clibuilt",
          "--store", str(tmp_path / "store"), "--text-field", "text", "--id-field", "id",
          "--embedding-field", "embedding", "--no-topics", "--no-dedupe"],
         {**os.environ, "PREFECT_API_URL": api}, REPO, timeout=300)
    r = httpx.post(f"{api}/flow_runs/filter", timeout=5,
                   json={"flow_runs": {"tags": {"all_": ["datamap", "dataset:clibuilt"]}}})
    runs = r.json()
    assert [(x["name"], x["state_type"]) for x in runs] == [("build-clibuilt", "COMPLETED")]


def test_credentials_are_never_written_to_the_source_registry(tmp_path):
    """`datamap source add … --options '{"storage_options": {"secret": …}}'` is refused with
    the key named and where credentials belong; nothing is registered."""
    from datamap.resources.store import Store
    from datamap.tasks.sources import load_registry

    src = tmp_path / "s.csv"
    src.write_text("id,text\na,hello\n")
    store = str(tmp_path / "store")
    opts = {"text_field": "text", "storage_options": {"key": "AKIA-not-real", "secret": "shh"}}
    p = subprocess.run([sys.executable, "-m", "datamap.cli.main", "source", "add", "s", str(src), "--store", store,
                        "--options", json.dumps(opts)], capture_output=True, text=True, timeout=120)
    assert p.returncode != 0
    msg = " ".join((p.stdout + p.stderr).split())
    assert "options.storage_options.key" in msg and "options.storage_options.secret" in msg, msg
    assert "shh" not in msg and "environment variables" in msg
    assert load_registry(Store(store)) == {}
    ok = subprocess.run([sys.executable, "-m", "datamap.cli.main", "source", "add", "s", str(src), "--store", store,
                         "--options", json.dumps({"text_field": "text", "storage_options": {"anon": True}})],
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert list(load_registry(Store(store))) == ["s"]
