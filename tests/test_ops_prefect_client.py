"""The ops dashboard lists Prefect runs through Prefect's own client, so a server that
requires authentication works: a real Prefect server started with basic auth
(``PREFECT_SERVER_API_AUTH_STRING``), a flow run tagged ``dataset:<name>`` created on it;
the dashboard's runs carry it with ``PREFECT_API_AUTH_STRING`` set, and say the refusal
(401) without it, instead of failing the page."""
from __future__ import annotations

import pytest
from prefect_server import start_prefect_server

from datamap.viewer.ops import prefect_runs

pytestmark = pytest.mark.slow
AUTH = "ops-team:s3cret-pass"


@pytest.fixture(scope="module")
def authed_api(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("PREFECT_SERVER_API_AUTH_STRING", AUTH)     # the server subprocess requires it
    try:
        with start_prefect_server(tmp_path_factory.mktemp("authed-prefect")) as api:
            mp.delenv("PREFECT_SERVER_API_AUTH_STRING")
            yield api
    finally:
        mp.undo()


def _tagged_run(api: str, dataset: str) -> str:
    from prefect import flow
    from prefect.client.orchestration import SyncPrefectClient

    @flow(name="build_map")
    def build_map() -> None:
        pass

    with SyncPrefectClient(api, auth_string=AUTH) as c:
        run = c.create_flow_run(build_map, name=f"build-{dataset}", tags=["datamap", f"dataset:{dataset}"])
        c.create_flow_run(build_map, name="build-other", tags=["datamap", "dataset:other"])
    return str(run.id)


def test_runs_are_listed_through_prefects_client_with_auth(authed_api, monkeypatch):
    run_id = _tagged_run(authed_api, "authed")
    monkeypatch.setenv("PREFECT_API_URL", authed_api)
    monkeypatch.setenv("PREFECT_API_AUTH_STRING", AUTH)
    runs = prefect_runs("authed")
    assert [r["id"] for r in runs] == [run_id], runs           # only this dataset's run
    assert runs[0]["name"] == "build-authed" and runs[0]["url"].endswith(f"/runs/flow-run/{run_id}")

    monkeypatch.delenv("PREFECT_API_AUTH_STRING")
    refused = prefect_runs("authed")
    assert len(refused) == 1 and "401" in refused[0]["error"], refused


def test_no_api_no_runs(no_prefect_api):
    assert prefect_runs("anything") is None
