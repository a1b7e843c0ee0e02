"""Stage progress in the Prefect run log, for builds nobody watches in a terminal.

A deployment run on a worker has no progress display; its stages' counts ("embed: 12,000
of 63,666 rows") go to Prefect's run logger instead, at most every ``every_s`` seconds
per stage, plus one line when a stage starts and ends. The CLI keeps its own display.
"""
from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator


def _logger() -> logging.Logger | logging.LoggerAdapter:
    from prefect import get_run_logger
    from prefect.exceptions import MissingContextError

    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("datamap.build")


class RunLogReporter:
    """A ``tasks.progress.Reporter`` writing to the current Prefect run's log."""

    def __init__(self, every_s: float = 30.0):
        self.every_s = every_s
        self._state: dict[str, dict] = {}

    def start(self, stage: str, total: int | None, unit: str) -> None:
        self._state[stage] = {"total": total, "unit": unit, "done": 0, "t0": time.monotonic(),
                              "last": time.monotonic()}
        _logger().info("%s: started%s", stage, f" ({total:,} {unit})" if total else "")

    def advance(self, stage: str, n: int) -> None:
        s = self._state.get(stage)
        if s is None:
            return
        s["done"] += n
        now = time.monotonic()
        if now - s["last"] >= self.every_s:
            s["last"] = now
            share = f" ({s['done'] / s['total']:.0%})" if s["total"] else ""
            _logger().info("%s: %s of %s %s%s", stage, f"{s['done']:,}", f"{s['total']:,}" if s["total"] else "?",
                           s["unit"], share)

    def finish(self, stage: str) -> None:
        s = self._state.pop(stage, None)
        if s is not None:
            _logger().info("%s: %s %s in %.1f s", stage, f"{s['done']:,}", s["unit"], time.monotonic() - s["t0"])


@contextlib.contextmanager
def progress_in_run_log(every_s: float = 30.0) -> Iterator[None]:
    """Send stage progress to the run log for the duration, unless a display (the CLI's)
    is already installed."""
    from datamap.tasks import progress

    if progress.reporting():
        yield
        return
    progress.set_reporter(RunLogReporter(every_s))
    try:
        yield
    finally:
        progress.set_reporter(None)
