"""The web map's HTTP API (FastAPI) and the static front end, composed from one module
of routes per concern.

Binary data (tiles) goes out as Arrow IPC; everything else is small JSON. Reads go
through the ``resources`` reader only. Writes (tags) are refused unless the server was
started with a token (then the request must carry it) or listens on loopback only; a
write from another web origin is refused either way (no cross-site tag edits).

Where each part lives: ``security`` (body limit, tokens, origins, headers),
``http_errors`` (error classes to status codes), ``routes_maps`` (catalog, info),
``routes_tiles``, ``routes_records`` (records, neighbours, search, lasso),
``routes_tags`` (tags and the tag write), ``routes_workbench`` (charts, cross-filter,
table, export), ``routes_frontend`` (the page and its assets),
then the routers of ``projections_api``, ``ops`` and ``curation``.
"""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from datamap.resources.errors import DatamapError
from datamap.resources.store import Store
from datamap.viewer.curation import curation_router
from datamap.viewer.http_errors import add_error_handlers
from datamap.viewer.limits import MAX_BODY, MAX_ITEMS, MAX_K, MAX_VERTICES  # noqa: F401  (imported from here)
from datamap.viewer.maps import MapCache, QueryEmbedders, TileCache
from datamap.viewer.ops import ops_router
from datamap.viewer.projections_api import projections_router
from datamap.viewer.routes_frontend import STATIC_DIR, add_frontend_routes, mount_assets  # noqa: F401
from datamap.viewer.routes_docs import add_docs_routes
from datamap.viewer.routes_maps import add_map_routes
from datamap.viewer.routes_records import Selection, add_record_routes  # noqa: F401
from datamap.viewer.routes_tags import TagEdit, add_tag_routes  # noqa: F401
from datamap.viewer.routes_tiles import add_tile_routes
from datamap.viewer.routes_workbench import add_workbench_routes
from datamap.viewer.security import TOKEN_COOKIE, BodyLimit, add_security_middleware, write_guard  # noqa: F401


def create_app(store: str | Store | None = None, token: str | None = None,
               writable: bool = True, allowed_hosts: list[str] | None = None,
               require_token: bool = False) -> FastAPI:
    """``require_token``: every request (reads too) must carry ``token`` — what ``serve``
    sets when listening beyond loopback. A browser signs in once with ``/?token=…``,
    which sets an HttpOnly, SameSite=Strict cookie and drops the token from the URL.

    Only composition happens here; the order is the one requests see: routes are
    matched in the order added, and the middleware added last runs first."""
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
    add_error_handlers(app)
    # the core routes go on the app's own router (``app.router`` is an ``APIRouter``), so
    # ``app.routes`` lists each of them as an ``APIRoute``, as it did when they were written
    # inline: tests/test_security.py walks that list. ``include_router`` would list one
    # opaque entry per router in this FastAPI.
    add_map_routes(app.router, st, maps, embedders, token, writable)
    add_tile_routes(app.router, maps, tiles)
    add_docs_routes(app.router, maps)
    add_record_routes(app.router, maps, embedders)
    add_tag_routes(app.router, maps, write_guard(token, writable))
    add_workbench_routes(app.router, maps)
    add_frontend_routes(app.router)
    mount_assets(app)
    add_security_middleware(app, token, require_token)
    # routers of their own, as before (so, in this FastAPI, not walked by test_security.py)
    app.include_router(projections_router(maps, tiles))   # extra layouts' tiles, thumbnails
    app.include_router(ops_router(st))   # /ops/<dataset>: version history and Prefect runs
    app.include_router(curation_router(maps))   # outlier colours, "find more like this tag"
    return app


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(store: str | None, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          log_level: str = "warning") -> None:
    """Run the web map with uvicorn. Beyond loopback a token is required (reads too), since
    anyone who can reach the port could otherwise read every map; on loopback the host
    header is checked, so a DNS-rebinding page cannot talk to it."""
    import uvicorn

    loopback = host in LOOPBACK
    if not loopback and not token:
        raise DatamapError(f"refusing to listen on {host!r} without a token: anyone who can reach it "
                           "could read the maps. Pass --token or set DATAMAP_TOKEN.")
    app = create_app(store, token=token, writable=loopback or bool(token), require_token=not loopback,
                     allowed_hosts=["127.0.0.1", "localhost", "[::1]", "::1"] if loopback else None)
    # browsers reuse connections between pans; a short keep-alive makes them race the close
    uvicorn.run(app, host=host, port=port, log_level=log_level, timeout_keep_alive=30)
