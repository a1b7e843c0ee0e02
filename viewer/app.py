"""The web map's HTTP API (FastAPI) and the static front end.

Binary data (tiles) goes out as Arrow IPC; everything else is small JSON. Reads go
through the ``resources`` reader only. Writes (tags) are refused unless the server was
started with a token (then the request must carry it) or listens on loopback only; a
write from another web origin is refused either way (no cross-site tag edits).
"""
from __future__ import annotations

import hmac
import json
import os
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from datamap.resources import schema
from datamap.resources.errors import (
    DatamapError,
    DatasetNotFound,
    ResourceMissing,
    UnknownField,
    UnknownProjection,
    VersionNotFound,
)
from datamap.resources.reader import list_versions
from datamap.resources.store import Store

try:
    from datamap.resources.errors import UnknownTag
except ImportError:  # tags not in this checkout
    class UnknownTag(DatamapError):  # type: ignore[no-redef]
        pass

from datamap.viewer.maps import MapCache, QueryEmbedders, SemanticSearchUnavailable, TileCache, tile_response
from datamap.viewer.projections_api import extra_info

STATIC_DIR = os.path.join(os.path.dirname(__file__), "static")
MAX_K = 1000


MAX_BODY = 16 << 20          # bytes of a request body (a 200k-id tag edit is ~5 MB)
MAX_VERTICES = 10_000        # a lasso with more points is not drawn by a hand
MAX_ITEMS = 1_000_000        # rows / ids in one tag edit
TOKEN_COOKIE = "datamap_token"


class TagEdit(BaseModel):
    """What to add to / remove from a tag: a polygon in map coordinates, rows or ids."""
    polygon: list[list[float]] | None = Field(None, max_length=MAX_VERTICES)
    rows: list[int] | None = Field(None, max_length=MAX_ITEMS)
    ids: list[str] | None = Field(None, max_length=MAX_ITEMS)
    op: str = Field("add", pattern="^(add|remove)$")


class Selection(BaseModel):
    polygon: list[list[float]] = Field(..., max_length=MAX_VERTICES)
    limit: int = Field(2000, ge=0, le=200_000)


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413, counting the
    bytes as they arrive (a missing or lying Content-Length does not get past it)."""

    def __init__(self, app, limit: int = MAX_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            return await JSONResponse({"error": "BodyTooLarge",
                                       "detail": f"request bodies are limited to {self.limit} bytes"},
                                      status_code=413)(scope, receive, send)
        seen = 0

        async def counted():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise HTTPException(413, f"request bodies are limited to {self.limit} bytes")
            return msg

        return await self.app(scope, counted, send)


def _given_token(request: Request) -> str:
    return (request.headers.get("x-datamap-token")
            or request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            or request.cookies.get(TOKEN_COOKIE, ""))


def _token_ok(got: str, token: str) -> bool:
    return bool(got) and hmac.compare_digest(got.encode(), token.encode())


def create_app(store: str | Store | None = None, token: str | None = None,
               writable: bool = True, allowed_hosts: list[str] | None = None,
               require_token: bool = False) -> FastAPI:
    """``require_token``: every request (reads too) must carry ``token`` — what ``serve``
    sets when listening beyond loopback. A browser signs in once with ``/?token=…``,
    which sets an HttpOnly, SameSite=Strict cookie and drops the token from the URL."""
    if require_token and not token:
        raise ValueError("require_token needs a token")
    st = store if isinstance(store, Store) else Store(store)
    maps = MapCache(st)
    embedders = QueryEmbedders()
    tiles = TileCache()
    app = FastAPI(title="datamap", docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json")
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(BodyLimit)
    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.state.store = st
    app.state.maps = maps

    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def _bad_request(request: Request, e: RequestValidationError):
        # FastAPI's default echoes the input back: a lone surrogate in it made rendering the
        # 422 itself fail (500), and a huge invalid body came back whole. Name the fields only.
        errors = [{"loc": [str(x) for x in err.get("loc", ())], "msg": str(err.get("msg", "")),
                   "type": str(err.get("type", ""))} for err in e.errors()[:20]]
        body = json.dumps({"error": "InvalidRequest", "detail": errors}, ensure_ascii=True)
        return Response(body, status_code=422, media_type="application/json")

    @app.exception_handler(DatamapError)
    async def _datamap_error(request: Request, e: DatamapError):
        code = 400
        if isinstance(e, (DatasetNotFound, VersionNotFound, ResourceMissing, UnknownField, UnknownTag,
                          UnknownProjection)):
            code = 404
        if isinstance(e, SemanticSearchUnavailable):
            code = 409
        return JSONResponse({"error": type(e).__name__, "detail": str(e)}, status_code=code)

    def check_write(request: Request) -> None:
        origin = request.headers.get("origin")
        if origin is not None:
            host = request.headers.get("host", "")
            if origin.split("://", 1)[-1] != host:
                raise HTTPException(403, "cross-origin writes are refused")
        if token:
            if not _token_ok(_given_token(request), token):
                raise HTTPException(401, "this server needs its token for writes (X-Datamap-Token header)")
        elif not writable:
            raise HTTPException(403, "writes are off: the server listens beyond loopback without "
                                     "--token / DATAMAP_TOKEN")

    # ---- catalog ---------------------------------------------------------------------------
    @app.get("/api/catalog")
    def catalog() -> dict:
        out = []
        for d in st.list_datasets():
            out.append({"dataset": d, "versions": list(reversed(list_versions(d, st)))})
        return {"store": st.uri if not st.local else os.path.basename(st.root) or st.root,
                "datasets": out, "writable": bool(token) or writable, "token_required": bool(token)}

    @app.get("/api/maps/{dataset}/{version}/info")
    def info(dataset: str, version: str) -> dict:
        ms = maps.get(dataset, version)
        m = ms.m
        tiles = m.tiles.index if m.has(schema.TILES) else None
        topics = None
        if ms.has_topics():
            meta = m.read_parquet(schema.TOPIC_METADATA)
            keep = [c for c in (schema.TOPIC_ID, schema.TOPIC_DEPTH, schema.TOPIC_PARENT, schema.TOPIC_LABEL,
                                schema.TOPIC_COUNT, schema.X, schema.Y) if c in meta.column_names]
            topics = meta.select(keep).to_pylist()
        man = m.manifest
        return {"dataset": m.dataset, "version": m.version, "rows": m.row_count,
                "created_at": man.get("created_at"), "build_seconds": (man.get("build") or {}).get("seconds"),
                "validation": (man.get("validation") or {}).get("success"),
                "text_field": ms.text_field, "model": (man.get("model") or {}).get("id"),
                "fields": ms.fields,
                "semantic_search": embedders.available(m), "keyword_search": ms.text_field is not None,
                "tags": ms.has_tags(), "duplicates": ms.has_duplicates(), "topics": topics,
                "outliers": m.has(schema.OUTLIERS),
                "tiles": tiles, "versions": [v["version"] for v in reversed(list_versions(dataset, st))],
                **extra_info(m)}   # layouts to switch between, image thumbnails (projections_api.py)

    # ---- tiles -----------------------------------------------------------------------------
    @app.get("/api/maps/{dataset}/{version}/tiles/{z}/{x}/{y}.arrow")
    async def tile(dataset: str, version: str, z: int, x: int, y: int, request: Request) -> Response:
        def work() -> bytes:
            ms = maps.get(dataset, version)
            m = ms.m
            return tiles.get((m.dataset, m.version, z, x, y), lambda: m.tiles.tile_bytes(z, x, y))

        data = await run_in_threadpool(work)
        return tile_response(data, version, request.headers.get("accept-encoding", ""))

    # ---- records and neighbours --------------------------------------------------------------
    @app.get("/api/maps/{dataset}/{version}/records/{row}")
    def record(dataset: str, version: str, row: int) -> dict:
        ms = maps.get(dataset, version)
        rec = ms.record(row)
        if ms.has_duplicates():
            c = ms.cluster_of_row.get(row)
            rec["duplicate_cluster"] = None if c is None else {
                "cluster_id": c, "members": ms.hits(ms.duplicate_rows[c][:50].tolist())}
        return rec

    @app.get("/api/maps/{dataset}/{version}/neighbors/{row}")
    def neighbors(dataset: str, version: str, row: int, k: int = Query(10, ge=1, le=100)) -> dict:
        ms = maps.get(dataset, version)
        rec = ms.record(row)
        ids, dists = ms.m.embeddings.vector_search(ids=[rec["id"]], k=k)
        rows = ms.m.data.positions(ids[0]).tolist()
        return {"row": row, "neighbors": ms.hits(rows, dists[0])}

    # ---- search ------------------------------------------------------------------------------
    @app.get("/api/maps/{dataset}/{version}/search")
    def search(dataset: str, version: str, q: str = Query(..., min_length=1, max_length=2000),
               mode: str = Query("semantic", pattern="^(semantic|keyword)$"),
               k: int = Query(50, ge=1, le=MAX_K)) -> dict:
        ms = maps.get(dataset, version)
        if mode == "keyword":
            rows, total, exact = ms.keyword_search(q, k)
            return {"mode": mode, "query": q, "total": total, "exact": exact, "hits": ms.hits(rows)}
        vec = embedders.embed(ms.m, q)
        ids, dists = ms.m.embeddings.vector_search(queries=vec, k=k)
        rows = ms.m.data.positions(ids[0]).tolist()
        return {"mode": mode, "query": q, "total": len(rows), "exact": True, "hits": ms.hits(rows, dists[0])}

    @app.post("/api/maps/{dataset}/{version}/select")
    def select(dataset: str, version: str, body: Selection) -> dict:
        ms = maps.get(dataset, version)
        rows = ms.rows_in_polygon(body.polygon)
        return {"count": int(len(rows)), "rows": rows[:body.limit].tolist()}

    # ---- tags --------------------------------------------------------------------------------
    def tags_of(ms):
        if not ms.has_tags():
            raise ResourceMissing("this datamap has no tags support installed")
        return ms.m.tags

    @app.get("/api/maps/{dataset}/{version}/tags")
    def tags(dataset: str, version: str) -> dict:
        ms = maps.get(dataset, version)
        t = tags_of(ms)
        return {"tags": [{"name": x["tag_name"], "count": x["count"], "derived": x.get("derived", False)}
                         for x in t.get_tags()]}

    @app.get("/api/maps/{dataset}/{version}/tags/{name}")
    def tag(dataset: str, version: str, name: str, limit: int = Query(100_000, ge=0, le=1_000_000)) -> dict:
        schema.check_name(name, "tag")
        ms = maps.get(dataset, version)
        ids = list(tags_of(ms).get_datums_in_tag(name))
        rows = ms.m.data.positions(ids, strict=False)
        xy = ms.xy[rows[:limit]]
        return {"name": name, "count": len(ids), "in_version": int(len(rows)),
                "rows": rows[:limit].tolist(), "x": xy[:, 0].tolist(), "y": xy[:, 1].tolist()}

    @app.post("/api/maps/{dataset}/{version}/tags/{name}")
    def edit_tag(dataset: str, version: str, name: str, body: TagEdit, request: Request) -> dict:
        check_write(request)
        schema.check_name(name, "tag")
        ms = maps.get(dataset, version)
        ids: list[Any] = list(body.ids or [])
        rows = []
        if body.polygon is not None:
            rows.extend(ms.rows_in_polygon(body.polygon).tolist())
        if body.rows:
            n = ms.m.row_count
            bad = [r for r in body.rows if not 0 <= r < n]
            if bad:
                raise HTTPException(400, f"rows outside this map: {bad[:5]}")
            rows.extend(body.rows)
        if rows:
            import pyarrow as pa

            ids.extend(ms.table.column(schema.ID).take(pa.array(rows, type=pa.int64())).to_pylist())
        t = tags_of(ms)
        if body.op == "add":
            t.add(name, ids)
        else:
            t.remove(name, ids)
        return {"name": name, "changed": len(ids), "count": len(t.get_datums_in_tag(name))}

    # ---- front end ---------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def index() -> Response:
        path = os.path.join(STATIC_DIR, "index.html")
        if not os.path.exists(path):
            return JSONResponse({"error": "front end not built: run `make viewer` (needs Node)"}, 500)
        return FileResponse(path, headers={"Cache-Control": "no-cache"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    if os.path.isdir(os.path.join(STATIC_DIR, "assets")):
        app.mount("/assets", StaticFiles(directory=os.path.join(STATIC_DIR, "assets")), name="assets")

    @app.middleware("http")
    async def _security_headers(request: Request, call_next):
        if require_token:
            given = request.query_params.get("token")
            if given is not None and request.method == "GET" and _token_ok(given, token):
                from fastapi.responses import RedirectResponse

                # sign in: keep the token in a cookie, not in the address bar or history
                resp = RedirectResponse(request.url.remove_query_params("token").path or "/", status_code=303)
                resp.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
            elif not _token_ok(_given_token(request), token):
                resp = JSONResponse({"error": "TokenRequired",
                                     "detail": "this server needs its access token: open /?token=<token> "
                                               "once, or send the X-Datamap-Token header"}, status_code=401)
            else:
                resp = await call_next(request)
        else:
            resp = await call_next(request)
        # no inline scripts, no third-party anything: data text can never become code
        resp.headers.setdefault("Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                                "script-src 'self'; worker-src 'self' blob:; connect-src 'self'")
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        return resp

    from datamap.viewer.projections_api import projections_router

    app.include_router(projections_router(maps, tiles))   # extra layouts' tiles, thumbnails
    from datamap.viewer.ops import ops_router

    app.include_router(ops_router(st))   # /ops/<dataset>: version history and Prefect runs
    from datamap.viewer.curation import curation_router

    app.include_router(curation_router(maps))   # outlier colours, "find more like this tag"
    return app


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(store: str | None, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          log_level: str = "warning") -> None:
    import uvicorn

    loopback = host in LOOPBACK
    if not loopback and not token:
        raise DatamapError(f"refusing to listen on {host!r} without a token: anyone who can reach it "
                           "could read the maps. Pass --token or set DATAMAP_TOKEN.")
    app = create_app(store, token=token, writable=loopback or bool(token), require_token=not loopback,
                     allowed_hosts=["127.0.0.1", "localhost", "[::1]", "::1"] if loopback else None)
    # browsers reuse connections between pans; a short keep-alive makes them race the close
    uvicorn.run(app, host=host, port=port, log_level=log_level, timeout_keep_alive=30)
