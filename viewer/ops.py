"""Ops dashboard router: a dataset's version history and its Prefect runs.

Mount it in the web app with ``app.include_router(ops_router(store))``. JSON at
``/api/ops/{dataset}``, a plain HTML page at ``/ops/{dataset}``. Prefect runs (failed
ones included) are listed when ``PREFECT_API_URL`` is set: the refresh deployments tag
their runs ``dataset:<name>``.
"""
from __future__ import annotations

import html
import os
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from datamap.resources.errors import DatamapError
from datamap.resources.store import Store


def prefect_runs(dataset: str, limit: int = 20) -> list[dict[str, Any]] | None:
    """Recent flow runs tagged with the dataset, newest first; None when no API is set."""
    api = os.environ.get("PREFECT_API_URL")
    if not api:
        return None
    import httpx

    ui = os.environ.get("PREFECT_UI_URL") or api.rstrip("/").removesuffix("/api")
    try:
        r = httpx.post(f"{api.rstrip('/')}/flow_runs/filter", timeout=5,
                       json={"flow_runs": {"tags": {"all_": [f"dataset:{dataset}"]}},
                             "sort": "START_TIME_DESC", "limit": limit})
        r.raise_for_status()
    except httpx.HTTPError as e:
        return [{"error": f"Prefect API unreachable: {e}"}]
    return [{"id": x["id"], "name": x["name"], "state": x["state_type"],
             "start_time": x.get("start_time"), "url": f"{ui}/runs/flow-run/{x['id']}"}
            for x in r.json()]


def ops_router(store: Store) -> APIRouter:
    from datamap.viewer.history import version_history

    router = APIRouter()

    async def _data(dataset: str) -> dict:
        try:
            hist = await run_in_threadpool(version_history, store, dataset)
        except DatamapError as e:
            raise HTTPException(404, str(e)) from e
        if not hist:
            raise HTTPException(404, f"no versions of {dataset!r}")
        runs = await run_in_threadpool(prefect_runs, dataset)
        return {"dataset": dataset, "versions": hist, "runs": runs}

    @router.get("/api/ops/{dataset}")
    async def ops_json(dataset: str) -> dict:
        return await _data(dataset)

    @router.get("/ops/{dataset}", response_class=HTMLResponse)
    async def ops_page(dataset: str) -> str:
        d = await _data(dataset)
        e = html.escape
        cols = ["version", "latest", "rows", "mode", "rows_added", "rows_removed", "rows_changed",
                "build_seconds", "validation", "topics", "duplicate_share", "topic_drift"]
        fmt = lambda v: "" if v is None else (f"{v:.3g}" if isinstance(v, float) else str(v))  # noqa: E731
        rows = "".join("<tr>" + "".join(f"<td>{e(fmt(r.get(c)))}</td>" for c in cols) + "</tr>"
                       for r in reversed(d["versions"]))
        runs = ""
        if d["runs"] is not None:
            runs = "<h2>Prefect runs</h2><table><tr><th>run</th><th>state</th><th>started</th></tr>" + "".join(
                f"<tr><td><a href='{e(r.get('url', ''))}'>{e(r.get('name', r.get('error', '')))}</a></td>"
                f"<td>{e(str(r.get('state', '')))}</td><td>{e(str(r.get('start_time') or ''))}</td></tr>"
                for r in d["runs"]) + "</table>"
        return (f"<!doctype html><meta charset=utf-8><title>{e(dataset)} · ops</title>"
                "<style>body{font:14px system-ui;margin:2em}td,th{padding:2px 8px;border-bottom:1px solid #ddd}"
                "</style>"
                f"<h1>{e(dataset)}: versions</h1><table><tr>"
                + "".join(f"<th>{c}</th>" for c in cols) + f"</tr>{rows}</table>{runs}")

    return router
