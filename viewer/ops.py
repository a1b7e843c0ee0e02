"""Ops dashboard router: every dataset's state, one dataset's history and runs, ``/metrics``.

Mount it in the web app with ``app.include_router(ops_router(store))``. JSON at
``/api/ops`` (overview: fresh / late / failing, ``viewer.overview``) and
``/api/ops/{dataset}`` (versions with drift, the store's run log, Prefect runs);
``/ops`` and ``/ops/{dataset}`` open the web map's own front end on its ops pages
(``#/ops``); ``/metrics`` is the Prometheus text format (``viewer.metrics``). All of it
only reads. Prefect runs (failed ones included) are listed when ``PREFECT_API_URL`` is
set: the refresh deployments tag their runs ``dataset:<name>``; the run log lists every
build whoever started it, so the page has a history without a server too.
"""
from __future__ import annotations

import datetime as _dt
import os
from typing import Any
from urllib.parse import quote

from datamap.resources import runlog, schema
from datamap.resources.errors import DatamapError
from datamap.resources.store import Store
from fastapi import APIRouter, HTTPException
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool


def prefect_ui() -> str | None:
    api = os.environ.get("PREFECT_API_URL")
    if not api:
        return None
    return (os.environ.get("PREFECT_UI_URL") or api.rstrip("/").removesuffix("/api")).rstrip("/")


def prefect_runs(dataset: str, limit: int = 20) -> list[dict[str, Any]] | None:
    """Recent flow runs tagged with the dataset, newest first; None when no API is set.

    Through Prefect's own client, so whatever authenticates this process to the server
    (``PREFECT_API_KEY`` for Prefect Cloud, ``PREFECT_API_AUTH_STRING`` for a server started
    with basic auth; from the environment, else the active Prefect profile) works here too.
    Runs are tagged ``dataset:<name>`` however they were started: deployments and
    ``datamap build`` alike."""
    try:
        from prefect.client.orchestration import SyncPrefectClient
        from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterTags
        from prefect.client.schemas.sorting import FlowRunSort
    except ImportError:
        if not os.environ.get("PREFECT_API_URL"):
            return None
        return [{"error": "PREFECT_API_URL is set but Prefect is not installed here "
                          "(pip install 'datamap[build]') to list its runs"}]
    api, key, auth = _prefect_api()
    if not api:
        return None
    ui = prefect_ui()
    try:
        with SyncPrefectClient(api, api_key=key, auth_string=auth, httpx_settings={"timeout": 5}) as client:
            runs = client.read_flow_runs(
                flow_run_filter=FlowRunFilter(tags=FlowRunFilterTags(all_=[f"dataset:{dataset}"])),
                sort=FlowRunSort.START_TIME_DESC, limit=limit)
    except Exception as e:   # unreachable, refused credentials, an older server: said on the page
        return [{"error": f"Prefect API: {type(e).__name__}: {str(e)[:300]}"}]
    return [{"id": str(x.id), "name": x.name, "state": x.state_type.value if x.state_type else None,
             "start_time": x.start_time.isoformat() if x.start_time else None,
             "url": f"{ui}/runs/flow-run/{x.id}"} for x in runs]


def _prefect_api() -> tuple[str | None, str | None, str | None]:
    """(API URL, API key, basic-auth string): the environment first (read per request: a
    long-lived server may be pointed elsewhere by its supervisor), then the Prefect profile."""
    from prefect.settings import get_current_settings

    cfg = get_current_settings().api

    def secret(v) -> str | None:
        return v.get_secret_value() if v is not None else None

    return (os.environ.get("PREFECT_API_URL") or cfg.url, os.environ.get("PREFECT_API_KEY") or secret(cfg.key),
            os.environ.get("PREFECT_API_AUTH_STRING") or secret(cfg.auth_string))


def run_history(store: Store, dataset: str) -> list[dict[str, Any]]:
    """The run log, newest first, each run linked to its Prefect run (when it had one and a
    UI is known) and to the map it published."""
    ui = prefect_ui()
    out = []
    for r in runlog.read_runs(store, dataset):
        run = dict(r)
        run["prefect_url"] = f"{ui}/runs/flow-run/{r['prefect_flow_run_id']}" \
            if ui and r.get("prefect_flow_run_id") else None
        run["map_url"] = f"/#/map/{quote(dataset, safe='')}/{quote(r['version'], safe='')}" \
            if r.get("version") and r.get("outcome") == schema.RUN_PUBLISHED else None
        out.append(run)
    return out


def dataset_page_data(store: Store, dataset: str) -> dict[str, Any]:
    """Everything the per-dataset page draws."""
    from datamap.viewer.history import stage_names, version_history
    from datamap.viewer.overview import dataset_status, late_grace_s

    schema.check_name(dataset, "dataset")
    hist = version_history(store, dataset)
    runs = run_history(store, dataset)
    if not hist and not runs:
        raise HTTPException(404, f"no versions and no runs of {dataset!r} in this store")
    now = _dt.datetime.now(_dt.timezone.utc)
    entry = runlog.registered(store).get(dataset, {})
    status = dataset_status(store, dataset, entry.get(schema.SOURCE_SCHEDULE), now, late_grace_s(),
                            entry.get("registered_at"))
    pruns = prefect_runs(dataset)
    states = {p["id"]: p["state"] for p in pruns or [] if "id" in p}
    for r in runs:   # the Prefect server's word on a run it knows (e.g. CRASHED when the log says running)
        r["prefect_state"] = states.get(r.get("prefect_flow_run_id"))
    return {"dataset": dataset, "status": status, "versions": hist, "stages": stage_names(hist),
            "runs": runs, "prefect_runs": pruns, "generated_at": now.isoformat()}


def version_diff(store: Store, dataset: str, a: str, b: str) -> dict[str, Any]:
    """What ``datamap diff DATASET A B --json`` prints (tasks.compare.compare_versions)."""
    from datamap.resources.reader import open_map
    from datamap.tasks.compare import compare_versions

    res = compare_versions(open_map(dataset, store=store, version=a), open_map(dataset, store=store, version=b))
    mm = res.get("median_move")
    res["median_move"] = None if mm is None or mm != mm else mm   # NaN (no kept points) is not JSON
    return res


def ops_router(store: Store) -> APIRouter:
    from datamap.viewer.metrics import metrics_text, store_registry
    from datamap.viewer.overview import overview

    router = APIRouter()
    registry = store_registry(store)

    @router.get("/api/ops")
    async def ops_overview() -> dict:
        rows = await run_in_threadpool(overview, store)
        return {"store": store.uri, "datasets": rows,
                "generated_at": _dt.datetime.now(_dt.timezone.utc).isoformat()}

    @router.get("/api/ops/{dataset}")
    async def ops_dataset(dataset: str) -> dict:
        try:
            return await run_in_threadpool(dataset_page_data, store, dataset)
        except DatamapError as e:
            raise HTTPException(404, str(e)) from e

    @router.get("/api/ops/{dataset}/diff")
    async def ops_diff(dataset: str, a: str, b: str) -> dict:
        """``datamap diff`` of versions ``a`` → ``b``: rows added / removed / changed,
        median move of kept points, topics appeared / vanished / renamed per depth."""
        try:
            return await run_in_threadpool(version_diff, store, dataset, a, b)
        except DatamapError as e:
            raise HTTPException(404, str(e)) from e

    @router.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        body = await run_in_threadpool(metrics_text, registry)
        return Response(body, media_type="text/plain; version=0.0.4; charset=utf-8")

    @router.get("/ops", include_in_schema=False)
    async def ops_page() -> RedirectResponse:
        return RedirectResponse("/#/ops", status_code=307)

    @router.get("/ops/{dataset}", include_in_schema=False)
    async def ops_dataset_page(dataset: str) -> RedirectResponse:
        try:
            schema.check_name(dataset, "dataset")
        except DatamapError as e:
            raise HTTPException(404, str(e)) from e
        return RedirectResponse(f"/#/ops/{quote(dataset, safe='')}", status_code=307)

    return router
