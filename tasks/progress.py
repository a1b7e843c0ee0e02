"""A progress hook for long stages, so tasks stay free of any UI library.

The CLI installs a rich-based reporter; tests and Prefect workers get the silent default.
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Protocol


class Reporter(Protocol):
    def start(self, stage: str, total: int | None, unit: str) -> None: ...
    def advance(self, stage: str, n: int) -> None: ...
    def finish(self, stage: str) -> None: ...


class _Silent:
    def start(self, stage: str, total: int | None, unit: str) -> None: ...
    def advance(self, stage: str, n: int) -> None: ...
    def finish(self, stage: str) -> None: ...


_reporter: Reporter = _Silent()


def set_reporter(r: Reporter | None) -> None:
    global _reporter
    _reporter = r or _Silent()


@contextlib.contextmanager
def stage(name: str, total: int | None = None, unit: str = "rows") -> Iterator[Callable[[int], None]]:
    """``with stage("embed", n) as advance: … advance(k)`` — reports to the installed reporter."""
    _reporter.start(name, total, unit)
    try:
        yield lambda k: _reporter.advance(name, k)
    finally:
        _reporter.finish(name)


def reporting() -> bool:
    """Whether a reporter is installed (the CLI's display); builds without one log progress."""
    return not isinstance(_reporter, _Silent)
