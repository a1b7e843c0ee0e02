"""Who may read and write through the web map: body limits, tokens, origins, headers.

Writes (tags) are refused unless the server was started with a token (then the request
must carry it) or listens on loopback only; a write from another web origin is refused
either way (no cross-site tag edits). With ``require_token`` every request, reads too,
must carry the token: that is how ``serve`` runs beyond loopback.
"""
from __future__ import annotations

import hmac
from typing import Any, Awaitable, Callable

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from datamap.viewer.limits import MAX_BODY, MAX_LASSO_BODY

TOKEN_COOKIE = "datamap_token"
# no inline scripts, no third-party anything: data text can never become code
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                           "script-src 'self'; worker-src 'self' blob:; connect-src 'self'")


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413, counting the
    bytes as they arrive (a missing or lying Content-Length does not get past it)."""

    def __init__(self, app: Any, limit: int = MAX_BODY, lasso_limit: int = MAX_LASSO_BODY):
        self.app, self.limit, self.lasso_limit = app, limit, lasso_limit

    def limit_for(self, path: str) -> int:
        """Lasso-only routes (``…/select``) take a polygon and nothing else: a smaller limit."""
        return self.lasso_limit if path.endswith("/select") else self.limit

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit_for(scope.get("path", ""))
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            return await JSONResponse({"error": "BodyTooLarge",
                                       "detail": f"request bodies here are limited to {limit} bytes"},
                                      status_code=413)(scope, receive, send)
        seen = 0

        async def counted():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, f"request bodies here are limited to {limit} bytes")
            return msg

        return await self.app(scope, counted, send)


def given_token(request: Request) -> str:
    """The token a request carries: a header for scripts, the sign-in cookie for browsers."""
    return (request.headers.get("x-datamap-token")
            or request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            or request.cookies.get(TOKEN_COOKIE, ""))


def token_ok(got: str, token: str) -> bool:
    """Constant-time comparison, so response timing does not leak the token."""
    return bool(got) and hmac.compare_digest(got.encode(), token.encode())


def write_guard(token: str | None, writable: bool) -> Callable[[Request], None]:
    """The check every write route calls first: same origin, then the token (or, with
    none, whether this server takes writes at all). Raises ``HTTPException`` to refuse."""

    def check_write(request: Request) -> None:
        origin = request.headers.get("origin")
        if origin is not None:
            host = request.headers.get("host", "")
            if origin.split("://", 1)[-1] != host:
                raise HTTPException(403, "cross-origin writes are refused")
        if token:
            if not token_ok(given_token(request), token):
                raise HTTPException(401, "this server needs its token for writes (X-Datamap-Token header)")
        elif not writable:
            raise HTTPException(403, "writes are off: the server listens beyond loopback without "
                                     "--token / DATAMAP_TOKEN")

    return check_write


def same_site_path(path: str) -> str:
    """``path`` as a redirect target that stays on this site: one leading ``/``.

    ``//evil.example/`` (or ``/\\evil.example``, which browsers read the same way) is a
    scheme-relative URL to another host; a sign-in link of that shape would send the
    browser, just signed in, off-site. Leading slashes and backslashes collapse to one."""
    return "/" + path.lstrip("/\\")


def _sign_in_or_refuse(request: Request, token: str) -> Response | None:
    """With ``require_token``: a GET with ``?token=`` signs in (a cookie, and the token
    dropped from the address bar and history); a request without the token is refused.
    None lets the request through."""
    given = request.query_params.get("token")
    if given is not None and request.method == "GET" and token_ok(given, token):
        resp = RedirectResponse(same_site_path(request.url.path), status_code=303)
        resp.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        return resp
    if not token_ok(given_token(request), token):
        return JSONResponse({"error": "TokenRequired",
                             "detail": "this server needs its access token: open /?token=<token> "
                                       "once, or send the X-Datamap-Token header"}, status_code=401)
    return None


def add_security_middleware(app: FastAPI, token: str | None, require_token: bool) -> None:
    """The outermost middleware: the token gate (when required) and the headers every
    response carries. Added last so it wraps the others, as it did inside ``create_app``."""

    @app.middleware("http")
    async def _security_headers(request: Request,
                                call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        resp = _sign_in_or_refuse(request, token) if require_token else None
        if resp is None:
            resp = await call_next(request)
        resp.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        return resp
