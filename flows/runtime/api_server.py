"""The Prefect API a CLI build talks to: a child process that dies with the build.

Without ``PREFECT_API_URL``, Prefect starts a temporary API server (uvicorn, ~235 MB) as
a child and stops it at interpreter exit. A build killed with SIGKILL (the OOM killer, a
CI timeout) never reaches that exit: the server was re-parented to PID 1 and lived on,
and crash-and-retry cycles piled them up. ``local_api`` starts the server itself, as a
child that watches its parent and exits once the parent is gone (and, where Linux
allows, is sent SIGKILL by the kernel at that moment), and points Prefect at it.

Run as ``python -m datamap.flows.runtime.api_server <parent pid> <port>``: the child.
"""
from __future__ import annotations

import atexit
import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator

from datamap.resources.errors import DatamapError

POLL_SECONDS = 0.5      # how often the child checks that its parent is alive
# Prefect's own default (20 s) is too short for a first start: the server creates and
# migrates its SQLite database then, and on a busy machine (a CI run, a build beside
# other builds) that alone has taken longer. Used unless the variable below is set.
STARTUP_SECONDS = 120.0
STARTUP_ENV = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"


class ApiServerFailed(DatamapError):
    """The build's Prefect API server did not start."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to SIGKILL it when the parent dies (PR_SET_PDEATHSIG)."""
    with contextlib.suppress(Exception):
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))


def _wait_healthy(proc: subprocess.Popen, url: str, timeout: float) -> None:
    import httpx

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise ApiServerFailed(f"the Prefect API server exited with code {proc.returncode} while starting")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise ApiServerFailed(f"the Prefect API server did not answer within {timeout:.0f} s "
                          f"(raise {STARTUP_ENV} on a busy machine)")


_server: list[tuple[subprocess.Popen, str]] = []     # this process's one server, started once


def _start(while_starting: Callable[[], None] | None = None) -> str:
    """The URL of this process's API server, started on first use (builds run one after
    another in a test session share it) and stopped at exit. ``while_starting`` runs in
    this process while the server starts in its own (see ``local_api``)."""
    from prefect.settings import get_current_settings

    if _server and _server[0][0].poll() is None:
        return _server[0][1]
    _server.clear()
    port = _free_port()
    env = {**os.environ, **get_current_settings().to_environment_variables(exclude_unset=True),
           "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1"}
    on_main = threading.current_thread() is threading.main_thread()   # PDEATHSIG follows the forking thread
    proc = subprocess.Popen([sys.executable, "-m", "datamap.flows.runtime.api_server", str(os.getpid()), str(port)],
                            env=env, preexec_fn=_die_with_parent if on_main else None)   # noqa: S603
    url = f"http://127.0.0.1:{port}/api"
    try:
        if while_starting is not None:
            while_starting()
        _wait_healthy(proc, url, _startup_timeout())
    except BaseException:
        _stop(proc)
        raise
    _server.append((proc, url))
    atexit.register(_stop, proc)
    return url


def _startup_timeout() -> float:
    """How long to wait for the server: the user's setting where they set one in the
    environment, else the larger of Prefect's setting and ``STARTUP_SECONDS``."""
    from prefect.settings import get_current_settings

    if os.environ.get(STARTUP_ENV):
        return float(os.environ[STARTUP_ENV])
    return max(float(get_current_settings().server.ephemeral.startup_timeout_seconds), STARTUP_SECONDS)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def local_api(while_starting: Callable[[], None] | None = None) -> Iterator[str]:
    """Run the body against a Prefect API that lives no longer than this process.

    With ``PREFECT_API_URL`` set (a real server) nothing is started: yields that URL.
    ``while_starting``: work for this process while the server process starts (~9 s
    idle, mostly its own imports, on another core): a CLI build imports its first stage's
    libraries then, rather than after."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        yield PREFECT_API_URL.value()
        return
    url = _start(while_starting)
    os.environ["PREFECT_API_URL"] = url      # for processes the build starts (Dask workers)
    try:
        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield url
    finally:
        os.environ.pop("PREFECT_API_URL", None)


def _watch_parent(parent: int) -> None:
    """Exit this process as soon as ``parent`` is no longer its parent (it died)."""
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(0)


def main(argv: list[str]) -> None:
    parent, port = int(argv[0]), int(argv[1])
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    import uvicorn

    uvicorn.run("prefect.server.api.server:create_app", factory=True, host="127.0.0.1", port=port,
                log_level="error", lifespan="on")


if __name__ == "__main__":
    main(sys.argv[1:])
