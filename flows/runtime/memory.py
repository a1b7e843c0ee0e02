"""The build process's memory: its high-water mark, recorded after every stage, what
it gives back between stages, and how it gets new pages while a build runs."""
from __future__ import annotations

import contextlib
import importlib
import os
import threading
from typing import Callable, Iterator

HUGE_PAGES_ENV = "NUMPY_MADVISE_HUGEPAGE"     # numpy's own switch; a value set by the user wins


def peak_rss_mb() -> float:
    """The process's memory high-water mark so far: read after every stage, the first stage
    whose figure jumps is the one that sets a big build's peak (bench/compare.py reports it).

    Linux's VmHWM, not getrusage's ru_maxrss: the latter keeps the high-water mark of
    whatever process forked this one (a benchmark holding a million vectors made a build
    look 8 GB bigger than it was)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    import resource
    import sys

    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def release_free_memory() -> None:
    """Hand the memory the allocator holds free back to the system (glibc's ``malloc_trim``;
    elsewhere nothing).

    A stage frees most of what it allocated, but numpy arrays below glibc's mmap threshold
    (up to 32 MB: a big map's per-chunk arrays) come from heaps that keep their freed pages,
    so the next stage starts on the last one's leftovers and its own peak lands on top.
    Arrow's own pool (mimalloc) keeps what it freed too: reading the 1M map's texts as a
    table and dropping it left ~700 MB resident until ``release_unused`` (measured), so
    every stage after the topics one started 1.2 GB above a fresh process. Called
    between stages."""
    import ctypes
    import ctypes.util
    import sys

    if "pyarrow" in sys.modules:
        sys.modules["pyarrow"].default_memory_pool().release_unused()

    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        trim = None
    if trim is not None:
        trim(0)


_huge_pages_lock = threading.Lock()
_huge_pages_held = 0                  # builds inside numpy_huge_pages_off now
_huge_pages_restore: list[bool] = []  # numpy's setting before the first of them, when it was changed


@contextlib.contextmanager
def numpy_huge_pages_off() -> Iterator[None]:
    """While a build runs, numpy asks the kernel for ordinary pages, not transparent huge
    pages; after it, numpy's setting again. Child processes started meanwhile (loky
    workers) inherit it through ``NUMPY_MADVISE_HUGEPAGE=0``. A user who set that
    variable keeps their choice.

    Why: numpy marks every array of 4 MB or more ``MADV_HUGEPAGE``, and a build
    allocates and frees arrays of hundreds of MB in every stage (and hands freed memory
    back between stages). On the VM this was measured on, new huge-page memory is slow to
    fault in: filling 2 GiB of new numpy memory took 6-9 s of kernel time with huge pages
    and 0.8-1.1 s without (``bench/huge_pages.py``), and the whole-PyPI fast embed stage
    took 65.8 / 66.4 s against 80.9 / 80.9 s (alternating, 2026-12-07; docs/scale.md).
    The kernel counted no compaction stalls meanwhile; the likely cause is the VM's
    balloon reporting free 2 MB blocks to its host, so every huge page is memory the host
    must supply again. Memory the host already backs fills faster with huge pages (0.36
    against 0.72 s a 2 GiB fill, the same VM hours later), but a build's first touches of
    its big arrays are the slow kind, and what huge pages would save (TLB misses) is small
    next to that for arrays a stage mostly streams through once."""
    global _huge_pages_held
    with _huge_pages_lock:    # builds side by side in one process (threads): the first one
        if _huge_pages_held == 0:           # in switches, the last one out restores
            setter = _numpy_huge_page_setter()
            if setter is not None and HUGE_PAGES_ENV not in os.environ:
                _huge_pages_restore.append(setter(False))
                os.environ[HUGE_PAGES_ENV] = "0"
        _huge_pages_held += 1
    try:
        yield
    finally:
        with _huge_pages_lock:
            _huge_pages_held -= 1
            if _huge_pages_held == 0 and _huge_pages_restore:
                _numpy_huge_page_setter()(_huge_pages_restore.pop())
                os.environ.pop(HUGE_PAGES_ENV, None)


def _numpy_huge_page_setter() -> Callable[[bool], bool] | None:
    """numpy's ``_set_madvise_hugepage`` (returns the previous setting), where it has one."""
    for module in ("numpy._core.multiarray", "numpy.core.multiarray"):
        try:
            return importlib.import_module(module)._set_madvise_hugepage
        except (ImportError, AttributeError):
            continue
    return None
