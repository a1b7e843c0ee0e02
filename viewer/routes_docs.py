"""A version's Great Expectations Data Docs, served from its artifacts.

The ingest stage renders GX's Data Docs for the build's validation into the version
(``data_docs/``); this route serves exactly the files the manifest lists there, so a page
name can only ever reach one of them. The pages hold the input's own values (failing
examples), so they are served with scripts off: GX's static pages read fine without them.
"""
from __future__ import annotations

import posixpath

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from datamap.resources import schema
from datamap.viewer.maps import MapCache

TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml",
         ".ico": "image/x-icon", ".gif": "image/gif", ".otf": "font/otf", ".json": "application/json"}
DOCS_CSP = ("default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
            "connect-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'")
_RESPONSES = {200: {"content": {t.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
                                for t in TYPES.values()}}}


def add_docs_routes(r: APIRouter, maps: MapCache) -> None:
    """Add ``/api/maps/{dataset}/{version}/data-docs/{page}`` to ``r``."""

    @r.get("/api/maps/{dataset}/{version}/data-docs/{page:path}", response_class=Response, responses=_RESPONSES)
    async def data_docs(dataset: str, version: str, page: str) -> Response:
        """One file of the version's Data Docs (``index.html`` is the start page)."""
        def work() -> tuple[bytes, str]:
            m = maps.get(dataset, version).m
            name = f"{schema.DATA_DOCS}/{page}"
            if name not in (m.manifest.get("artifacts") or {}):
                raise HTTPException(404, "Not Found")
            ext = posixpath.splitext(page)[1].lower()
            return m.store.read_bytes(m.artifact_path(name)), TYPES.get(ext, "application/octet-stream")

        data, media = await run_in_threadpool(work)
        return Response(data, media_type=media, headers={"Content-Security-Policy": DOCS_CSP,
                                                         "Cache-Control": "public, max-age=86400"})
