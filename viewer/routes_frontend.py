"""The built front end: ``index.html``, its hashed assets, and an empty favicon.

The page is served ``no-cache`` so a new build is picked up at once; the assets under
``/assets`` carry content hashes in their names, so they can be cached as they are.
"""
from __future__ import annotations

import os

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

STATIC_DIR = os.path.join(os.path.dirname(__file__), "static")


def add_frontend_routes(r: APIRouter) -> None:
    """Add ``/`` and ``/favicon.ico`` to ``r`` (kept out of the OpenAPI schema: they are not API)."""

    @r.get("/", include_in_schema=False)
    def index() -> Response:
        path = os.path.join(STATIC_DIR, "index.html")
        if not os.path.exists(path):
            return JSONResponse({"error": "front end not built: run `make viewer` (needs Node)"}, 500)
        return FileResponse(path, headers={"Cache-Control": "no-cache"})

    @r.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)


def mount_assets(app: FastAPI) -> None:
    """Mount ``static/assets`` when the front end is built (on the app itself: a mount is
    not a route an ``APIRouter`` hands on)."""
    if os.path.isdir(os.path.join(STATIC_DIR, "assets")):
        app.mount("/assets", StaticFiles(directory=os.path.join(STATIC_DIR, "assets")), name="assets")
