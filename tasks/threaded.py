"""Numpy work on every core through threads, for steps whose heavy calls (sorts, gathers,
Arrow kernels) release the GIL: the results come back in the items' order, so what a
step computes does not depend on the number of cores."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def in_threads(fn: Callable[[T], R], items: Iterable[T], threads: int | None = None) -> list[R]:
    """``[fn(x) for x in items]`` on ``threads`` threads (default: one per core)."""
    items = list(items)
    threads = min(threads or os.cpu_count() or 1, len(items))
    if threads <= 1:
        return [fn(x) for x in items]
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(fn, items))
