"""Web map API for extra projections and image thumbnails (mounted by ``viewer/app.py``).

A map may hold several layouts (``m.embeddings.projections``); each has its own tile set,
so switching layout in the browser is a switch of tile URLs. Selections are polygons in
one layout's coordinates: ``select`` and ``positions`` take the layout by name, which is
how the browser keeps a selection when the user switches layout.
"""
from __future__ import annotations

import threading

import numpy as np
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from datamap.resources import schema
from datamap.resources.errors import ResourceMissing
from datamap.viewer.maps import tile_response
from datamap.viewer.media import ARROW, PNG, answers
from datamap.viewer.request_models import ProjectionSelection, Rows

_lock = threading.Lock()


def projection_xy(ms, name: str) -> np.ndarray:
    """(N, 2) float32 layout ``name`` of an open map, loaded once per server."""
    cache = ms.__dict__.setdefault("_projection_xy", {})
    with _lock:
        if name not in cache:
            if name == ms.m.embeddings.projections.main:
                cache[name] = ms.xy
            else:
                cache[name] = ms.m.embeddings.projections.xy(name)
        return cache[name]


def _tiles(ms, name: str):
    cache = ms.__dict__.setdefault("_projection_tiles", {})
    with _lock:
        if name not in cache:
            from datamap.resources.tiles import TilesResource

            cache[name] = TilesResource(ms.m, ms.m.embeddings.projections.tiles_artifact(name))
        return cache[name]


def extra_info(m) -> dict:
    """What ``/info`` adds: the layouts (each with its tile index) and the thumbnails."""
    p = m.embeddings.projections
    layouts = {}
    for name in p:
        art = p.tiles_artifact(name)
        if name == p.main or not m.has(art):
            continue
        from datamap.resources.tiles import TilesResource

        layouts[name] = TilesResource(m, art).index
    thumbs = m.thumbnails.index if m.has(schema.THUMBNAILS) else None
    return {"projections": {"main": p.main, "names": list(p), "tiles": layouts}, "thumbnails": thumbs}


def projections_router(maps, tile_cache) -> APIRouter:
    r = APIRouter()
    base = "/api/maps/{dataset}/{version}"

    @r.get(base + "/projections/{name}/tiles/{z}/{x}/{y}.arrow", **answers(ARROW))
    async def tile(dataset: str, version: str, name: str, z: int, x: int, y: int, request: Request) -> Response:
        def work() -> bytes:
            ms = maps.get(dataset, version)
            t = _tiles(ms, name)
            return tile_cache.get((ms.m.dataset, ms.m.version, name, z, x, y), lambda: t.tile_bytes(z, x, y))

        data = await run_in_threadpool(work)
        return tile_response(data, version, request.headers.get("accept-encoding", ""))

    @r.post(base + "/projections/{name}/select")
    def select(dataset: str, version: str, name: str, body: ProjectionSelection) -> dict:
        from datamap.viewer.maps import points_in_polygon

        ms = maps.get(dataset, version)
        rows = points_in_polygon(projection_xy(ms, name), np.asarray(body.polygon, dtype=np.float64))
        return {"projection": name, "count": int(len(rows)), "rows": rows[:body.limit].tolist()}

    @r.post(base + "/projections/{name}/positions")
    def positions(dataset: str, version: str, name: str, body: Rows) -> dict:
        ms = maps.get(dataset, version)
        xy = projection_xy(ms, name)
        rows = np.asarray(body.rows, dtype=np.int64)
        if len(rows) and (rows.min() < 0 or rows.max() >= len(xy)):
            raise ResourceMissing(f"rows outside this map (0..{len(xy) - 1})")
        return {"projection": name, "x": xy[rows, 0].tolist(), "y": xy[rows, 1].tolist()}

    def png(data: bytes, version: str) -> Response:
        cc = "no-cache" if version == "latest" else "public, max-age=31536000, immutable"
        return Response(data, media_type="image/png", headers={"Cache-Control": cc})

    @r.get(base + "/thumbnails/atlas/{i}.png", **answers(PNG))
    def atlas(dataset: str, version: str, i: int) -> Response:
        return png(maps.get(dataset, version).m.thumbnails.atlas_bytes(i), version)

    @r.get(base + "/thumbnails/row/{row}.png", **answers(PNG))
    def thumbnail(dataset: str, version: str, row: int) -> Response:
        return png(maps.get(dataset, version).m.thumbnails.png(row), version)

    return r
