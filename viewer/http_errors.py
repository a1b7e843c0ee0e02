"""How the web map API reports errors: the project's error classes as HTTP status codes,
and request validation errors without echoing the input back."""
from __future__ import annotations

import json

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from datamap.resources.errors import (
    DatamapError,
    DatasetNotFound,
    ResourceMissing,
    UnknownField,
    UnknownProjection,
    VersionNotFound,
)
from datamap.viewer.maps import SemanticSearchUnavailable

try:
    from datamap.resources.errors import UnknownTag
except ImportError:  # tags not in this checkout
    class UnknownTag(DatamapError):  # type: ignore[no-redef]
        pass

NOT_FOUND = (DatasetNotFound, VersionNotFound, ResourceMissing, UnknownField, UnknownTag, UnknownProjection)


def status_of(e: DatamapError) -> int:
    """404 for what is not there, 409 for a search the map cannot answer, else 400."""
    code = 400
    if isinstance(e, NOT_FOUND):
        code = 404
    if isinstance(e, SemanticSearchUnavailable):
        code = 409
    return code


def add_error_handlers(app: FastAPI) -> None:
    """Install both handlers on ``app`` (handlers cannot live on an ``APIRouter``)."""

    @app.exception_handler(RequestValidationError)
    async def _bad_request(request: Request, e: RequestValidationError) -> Response:
        # FastAPI's default echoes the input back: a lone surrogate in it made rendering the
        # 422 itself fail (500), and a huge invalid body came back whole. Name the fields only.
        errors = [{"loc": [str(x) for x in err.get("loc", ())], "msg": str(err.get("msg", "")),
                   "type": str(err.get("type", ""))} for err in e.errors()[:20]]
        body = json.dumps({"error": "InvalidRequest", "detail": errors}, ensure_ascii=True)
        return Response(body, status_code=422, media_type="application/json")

    @app.exception_handler(DatamapError)
    async def _datamap_error(request: Request, e: DatamapError) -> JSONResponse:
        return JSONResponse({"error": type(e).__name__, "detail": str(e)}, status_code=status_of(e))
