"""Routes of the workbench beside the map: chart columns, cross-filter counts, the table
of filtered rows, export, and the "Python" snippet.

Every filter arrives as a JSON body (``request_models.Filter``): its bounds are checked
by pydantic, and the names and bars it uses by ``crossfilter`` against the map's own
columns (400 ``InvalidFilter``), before any work is done. The numpy work runs in the
thread pool so a big map's brush never blocks the event loop.
"""
from __future__ import annotations

import gzip
import json

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from datamap.viewer import crossfilter, table
from datamap.viewer.maps import MapCache
from datamap.viewer.request_models import AggregateRequest, ExportRequest, RowsRequest, SnippetRequest
from datamap.viewer.snippet import python_snippet

MEDIA = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}


def fast_json(out: dict, accept_encoding: str) -> Response:
    """JSON gzipped at level 1: the bitmap in it barely compresses (142 of 211 kB at 1M
    rows), and the app-wide middleware's level 9 took 23 ms of a brush's budget for that."""
    data = json.dumps(out, separators=(",", ":")).encode()
    if "gzip" not in accept_encoding or len(data) < 1024:
        return Response(data, media_type="application/json")
    return Response(gzip.compress(data, compresslevel=1, mtime=0), media_type="application/json",
                    headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})


def add_workbench_routes(r: APIRouter, maps: MapCache) -> None:
    """Add a map's ``columns``, ``aggregate``, ``rows``, ``export`` and ``python`` to ``r``."""
    base = "/api/maps/{dataset}/{version}"

    @r.get(base + "/columns")
    async def columns(dataset: str, version: str) -> dict:
        return await run_in_threadpool(lambda: crossfilter.columns_meta(maps.get(dataset, version)))

    @r.post(base + "/aggregate")
    async def aggregate(dataset: str, version: str, body: AggregateRequest, request: Request) -> Response:
        def work() -> Response:
            out = crossfilter.aggregate(maps.get(dataset, version), body.filter, body.columns,
                                        body.mask, body.density)
            return fast_json(out, request.headers.get("accept-encoding", ""))
        return await run_in_threadpool(work)

    @r.post(base + "/rows")
    async def rows(dataset: str, version: str, body: RowsRequest) -> dict:
        def work() -> dict:
            return table.page(maps.get(dataset, version), body.filter, body.sort, body.desc, body.offset,
                              body.limit, body.columns)
        return await run_in_threadpool(work)

    @r.post(base + "/export", response_class=Response, responses={200: {"content": {
        m.split(";")[0]: {"schema": {"type": "string", "format": "binary"}} for m in MEDIA.values()}}})
    async def export(dataset: str, version: str, body: ExportRequest) -> Response:
        ms = maps.get(dataset, version)
        data = await run_in_threadpool(lambda: table.export_bytes(ms, body.filter, body.format, body.ids_only))
        name = f"{ms.m.dataset}-{ms.m.version}-filtered.{body.format}"
        return Response(data, media_type=MEDIA[body.format],
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @r.post(base + "/python")
    async def python(dataset: str, version: str, body: SnippetRequest) -> dict:
        ms = maps.get(dataset, version)
        st = maps.store
        store = st.root if st.local else st.uri
        code = await run_in_threadpool(lambda: python_snippet(ms, body.filter, store))
        return {"code": code}
