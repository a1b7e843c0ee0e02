"""What every web-map test shares: Debian's Chromium driven by Playwright, and the
viewer served by uvicorn on a free loopback port.

Playwright is pointed at /usr/bin/chromium and never downloads a browser of its own.
"""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import threading
import time
from typing import Iterator

import numpy as np
import pytest
from conftest import _free_port

# Debian's chromium as the PATH finds it (``DATAMAP_CHROMIUM`` to name another build); with
# none, browser tests skip, and under CI=true a skip fails the run (conftest.py)
CHROMIUM = os.environ.get("DATAMAP_CHROMIUM") or shutil.which("chromium") or ""
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--use-angle=swiftshader", "--enable-unsafe-swiftshader"]
READY = "window.__datamap && window.__datamap.ready && window.__datamap.firstPointsMs !== null"

needs_chromium = pytest.mark.skipif(
    not (CHROMIUM and os.path.exists(CHROMIUM)), reason="needs Debian's chromium (apt-get install chromium; `make test` does it)")


@contextlib.contextmanager
def serve(store: str, **app_kwargs) -> Iterator[str]:
    """The viewer app over ``store`` on 127.0.0.1; yields its base URL."""
    import uvicorn

    from datamap.viewer.app import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(store, **app_kwargs), host="127.0.0.1", port=port,
                                        log_level="warning"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        th.join(timeout=10)


@contextlib.contextmanager
def chromium() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def open_page(browser, url: str, timeout_ms: int = 120_000):
    """A fresh 1280×800 context on ``url``, returned once the map has drawn its first points.

    bypass_csp: Playwright's wait_for_function evaluates strings, which the server's CSP
    forbids (the XSS test checks our text-only rendering without the CSP as a safety net).
    Two shared cores under load make SwiftShader's WebGL start-up slow: hence the timeout."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    pg = ctx.new_page()
    pg.errors, pg.dialogs = [], []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    # recorded from the first byte: a script smuggled into a record would alert during load
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.goto(url)
    try:
        pg.wait_for_function(READY, timeout=timeout_ms)
    except Exception as e:
        state = pg.evaluate("JSON.stringify({ready: window.__datamap && window.__datamap.ready, "
                            "error: window.__datamap && window.__datamap.error, "
                            "tiles: window.__datamap && window.__datamap.tilesLoaded})")
        ctx.close()
        raise AssertionError(f"map not ready: {state}; page errors {pg.errors}") from e
    settle(pg)
    return ctx, pg


# True once the map is quiet for three animation frames in a row: no tile request in flight,
# every deck.gl layer loaded (thumbnail atlases included) and no redraw pending. Checked on
# every animation frame (Playwright's default polling), so it waits on the page, not a clock.
SETTLED = """() => {
  const v = window.__datamap && window.__datamap.view;
  if (!v || !v.deck) return false;
  const lm = v.deck.layerManager;
  const layers = lm ? lm.getLayers() : [];
  const quiet = v.loading.size === 0 && layers.every((l) => l.isLoaded)
    && !v.deck.needsRedraw({clearRedrawFlags: false});
  const s = window.__settle || (window.__settle = {n: 0});
  s.n = quiet ? s.n + 1 : 0;
  if (s.n >= 3) { window.__settle = null; return true; }
  return false;
}"""


def settle(pg, timeout_ms: int = 30_000) -> None:
    """Wait until what the map shows is final: tiles loaded, layers loaded, frame drawn."""
    pg.evaluate("window.__settle = null")
    pg.wait_for_function(SETTLED, timeout=timeout_ms)


def coloured_pixels(png: bytes) -> int:
    """Pixels that are clearly not the white/grey background."""
    from PIL import Image

    im = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    spread = im.max(axis=2) - im.min(axis=2)
    return int((spread > 60).sum())
