"""Pure-Python work split over two processes, for the stages that would otherwise keep
one of the two cores idle (the text check of near pairs; the topic labeller reading its
samples while BERTopic counts words).

joblib's loky workers, not ``multiprocessing``'s spawn: spawn runs the caller's
``__main__`` again in the child, so a user's script that builds a map without a main
guard failed (tried first; it broke exactly so). The workers are reused from one call to
the next (``get_reusable_executor``), so only the first call of a process pays their
start (~0.3 s, plus the imports the work needs).
"""
from __future__ import annotations

import os
from typing import Any, Callable, Iterator


def available() -> bool:
    """Whether a second process can take half: two cores, and not inside a daemonic
    process (a Dask worker), which may not start children."""
    import multiprocessing as mp

    return (os.cpu_count() or 1) >= 2 and not mp.current_process().daemon


def in_two(fn: Callable[..., Any], first: tuple, second: tuple) -> list[Any]:
    """``[fn(*first), fn(*second)]``, each in a worker process of its own. ``fn`` and its
    arguments go through pickle, so ``fn`` is a module-level function."""
    from joblib import Parallel, delayed

    return Parallel(n_jobs=2, backend="loky")(delayed(fn)(*args) for args in (first, second))


def started(fn: Callable[..., Any], calls: list[tuple]) -> Iterator[Any]:
    """``fn(*args)`` for each of ``calls``, started now in the same two worker processes;
    the results come in the order of ``calls`` as the returned iterator is read, so this
    process can do other work meanwhile (joblib dispatches on a thread of its own)."""
    from joblib import Parallel, delayed

    return iter(Parallel(n_jobs=2, backend="loky", return_as="generator")(delayed(fn)(*args) for args in calls))
