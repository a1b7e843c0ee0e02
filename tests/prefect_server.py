"""A real Prefect server on 127.0.0.1 for the tests' builds (``prefect server start``).

Every process that runs a flow without ``PREFECT_API_URL`` starts Prefect's temporary
server first: ~15 s here (8.7 s of it importing the server app), paid again by each CLI
build and each killed-and-rerun build a test starts. ``tests/conftest.py`` starts one per
pytest worker, points that worker's own flows at it (Prefect's settings) and exports its
URL to the processes tests start, so none of them starts its own; tests that
need a server of their own (their own database, auth, run log) start one with
``start_prefect_server``.
"""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx


class PrefectServerFailed(RuntimeError):
    """The tests' Prefect server did not start; its log's tail is in the message."""


def _free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(server: subprocess.Popen, api: str, log: Path, timeout: float) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                return
        if server.poll() is not None:
            raise PrefectServerFailed(f"prefect server exited:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)
    raise PrefectServerFailed(f"prefect server did not start in {timeout:.0f} s:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def start_prefect_server(root: Path, timeout: float = 180, ephemeral: bool = False) -> Iterator[str]:
    """A real Prefect server with its own PREFECT_HOME under ``root``; yields its API URL
    and stops it (its whole process group) on exit. ``ephemeral``: run only the services
    Prefect's temporary server runs (what a build without a server would have had)."""
    root.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_HOME=str(root / "home"), PREFECT_UI_ENABLED="false", PREFECT_LOGGING_LEVEL="WARNING")
    if ephemeral:
        env["PREFECT__SERVER_EPHEMERAL"] = "1"
    log = root / "server.log"
    exe = str(Path(sys.executable).parent / "prefect")
    with open(log, "wb") as out:
        server = subprocess.Popen([exe, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                                  env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_healthy(server, api, log, timeout)
        yield api
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(server.pid, sig)
                server.wait(timeout=10)
                break
            except (ProcessLookupError, subprocess.TimeoutExpired):
                continue
