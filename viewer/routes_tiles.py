"""The main layout's tiles: Arrow IPC, read off the event loop, cached compressed.

Tiles are the bulk of what the map loads while panning, so they are read in a thread
(the event loop keeps answering other requests) and kept in the shared ``TileCache``.
"""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from datamap.viewer.maps import MapCache, TileCache, tile_response
from datamap.viewer.media import ARROW, answers


def add_tile_routes(r: APIRouter, maps: MapCache, tiles: TileCache) -> None:
    """Add ``/api/maps/{dataset}/{version}/tiles/{z}/{x}/{y}.arrow`` to ``r``."""

    @r.get("/api/maps/{dataset}/{version}/tiles/{z}/{x}/{y}.arrow", **answers(ARROW))
    async def tile(dataset: str, version: str, z: int, x: int, y: int, request: Request) -> Response:
        def work() -> bytes:
            ms = maps.get(dataset, version)
            m = ms.m
            return tiles.get((m.dataset, m.version, z, x, y), lambda: m.tiles.tile_bytes(z, x, y))

        data = await run_in_threadpool(work)
        return tile_response(data, version, request.headers.get("accept-encoding", ""))
