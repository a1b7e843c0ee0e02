"""A fault-injecting HTTP proxy for S3 tests: sits on 127.0.0.1 in front of the moto server.

Each request is, at the configured rates (seeded, so a run is repeatable):
- dropped: the connection is cut with no answer, either before the request reaches the
  store or *after* it was applied (the nastier case: the write happened, the client
  does not know);
- answered 500 / 503 (S3's ``InternalError`` / ``SlowDown`` XML) without reaching the store;
- delayed by ``delay`` seconds.
Rates can be changed while it runs (``proxy.set(...)``), and ``fail_after`` makes every
request after the N-th fail (an outage that starts mid-build). Counters say what it did.

Built on aiohttp (already a dependency through s3fs), in a thread with its own loop.
The Host header is passed through unchanged, so SigV4 signatures made for the proxy's
address stay valid.
"""
from __future__ import annotations

import asyncio
import random
import socket
import threading
from collections import Counter

from aiohttp import ClientSession, ClientTimeout, web

_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
        "transfer-encoding", "upgrade", "content-length"}

_S3_ERROR = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code>"
             "<Message>injected by faultproxy</Message><RequestId>fault</RequestId></Error>")


class FaultProxy:
    def __init__(self, upstream: str, drop: float = 0.0, error: float = 0.0, delay: float = 0.0,
                 seed: int = 0):
        self.upstream = upstream.rstrip("/")
        self.drop, self.error, self.delay = drop, error, delay
        self.fail_after: int | None = None
        self.rng = random.Random(seed)
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="faultproxy", daemon=True)

    # ---- control ---------------------------------------------------------------------------
    def set(self, drop: float | None = None, error: float | None = None, delay: float | None = None,
            fail_after: int | None = -1) -> None:
        with self._lock:
            if drop is not None:
                self.drop = drop
            if error is not None:
                self.error = error
            if delay is not None:
                self.delay = delay
            if fail_after != -1:
                self.fail_after = None if fail_after is None else self.counts["requests"] + fail_after

    def __enter__(self) -> "FaultProxy":
        self._thread.start()
        if not self._ready.wait(30):
            raise RuntimeError("fault proxy did not start")
        return self

    def __exit__(self, *exc) -> None:
        fut = asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop)
        fut.result(timeout=15)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=15)

    # ---- serving -------------------------------------------------------------------------------
    def _decide(self) -> str:
        with self._lock:
            self.counts["requests"] += 1
            if self.fail_after is not None and self.counts["requests"] > self.fail_after:
                return "error"
            r = self.rng.random()
            if r < self.drop / 2:
                return "drop_before"
            if r < self.drop:
                return "drop_after"
            if r < self.drop + self.error:
                return "error"
            return "pass"

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        what = self._decide()
        if self.delay:
            await asyncio.sleep(self.delay)
        if what == "drop_before":
            self.counts["dropped"] += 1
            request.transport.abort()
            raise asyncio.CancelledError
        if what == "error":
            status = self.rng.choice((500, 503))
            self.counts[f"http_{status}"] += 1
            code = "SlowDown" if status == 503 else "InternalError"
            return web.Response(status=status, body=_S3_ERROR.format(code=code).encode(),
                                content_type="application/xml")
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP}
        async with self._session.request(request.method, self.upstream + request.rel_url.raw_path_qs,
                                         headers=headers, data=body, allow_redirects=False,
                                         auto_decompress=False) as up:
            data = await up.read()
            out_headers = {k: v for k, v in up.headers.items() if k.lower() not in _HOP}
            status = up.status
        if what == "drop_after":
            self.counts["dropped_after_apply"] += 1
            request.transport.abort()
            raise asyncio.CancelledError
        self.counts["passed"] += 1
        if request.method == "HEAD":   # no body, but the client needs the object's length
            if "Content-Length" in up.headers:
                out_headers["Content-Length"] = up.headers["Content-Length"]
            return web.Response(status=status, headers=out_headers)
        return web.Response(status=status, body=data, headers=out_headers)

    async def _start(self) -> None:
        self._session = ClientSession(timeout=ClientTimeout(total=120), auto_decompress=False,
                                      skip_auto_headers=("User-Agent", "Accept-Encoding", "Content-Type"))
        app = web.Application(client_max_size=1 << 30)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()

    async def _shutdown(self) -> None:
        await self._runner.cleanup()
        await self._session.close()

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._start())
        self._ready.set()
        self._loop.run_forever()
