"""One HTTP request straight into an ASGI app, with the path exactly as given.

HTTP clients (httpx under FastAPI's TestClient included) resolve ``..`` segments and
re-encode ``%25`` before sending, so a test written with them never sends the hostile
path it names. A raw client (curl --path-as-is, a socket) can; this sends what such a
client would put on the wire, decoded once as uvicorn decodes it.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import unquote


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def raw_request(app: Any, method: str, raw_path: str, body: bytes = b"", query: str = "",
                headers: dict[str, str] | None = None, chunks: Iterable[bytes] | None = None) -> RawResponse:
    """``raw_path`` is sent as is (``raw_path``) and percent-decoded once (``path``).
    ``chunks``: the body in pieces and no Content-Length, as a chunked upload arrives."""
    hdrs = {"host": "testserver", "content-type": "application/json", **(headers or {})}
    if chunks is None:
        hdrs.setdefault("content-length", str(len(body)))
        pieces = [body]
    else:
        pieces = list(chunks)
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
             "scheme": "http", "path": unquote(raw_path), "raw_path": raw_path.encode("latin-1"),
             "query_string": query.encode(), "root_path": "",
             "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in hdrs.items()],
             "client": ("127.0.0.1", 40000), "server": ("testserver", 80)}
    messages = [{"type": "http.request", "body": p, "more_body": i < len(pieces) - 1}
                for i, p in enumerate(pieces)]
    out = RawResponse(0)

    async def receive() -> dict:
        if messages:
            return messages.pop(0)
        await asyncio.Event().wait()     # the client stays connected until the answer is sent
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        if message["type"] == "http.response.start":
            out.status = message["status"]
            out.headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in message["headers"]}
        elif message["type"] == "http.response.body":
            out.body += message.get("body", b"")

    try:
        asyncio.run(app(scope, receive, send))
    except Exception:
        # Starlette sends its 500 and then re-raises: the 500 is the answer under test
        if not out.status:
            raise
    return out
