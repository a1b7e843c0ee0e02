"""The build process's memory: its high-water mark, recorded after every stage, and how
glibc keeps or returns what the stages free."""
from __future__ import annotations

import contextlib
import os
from typing import Iterator


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


# glibc's mallopt parameters (malloc.h) and the environment names its children read
_M_TRIM_THRESHOLD, _M_MMAP_MAX = -1, -4
_KEEP = {"MALLOC_MMAP_MAX_": "0", "MALLOC_TRIM_THRESHOLD_": str(2**31 - 1)}
_DEFAULTS = {_M_MMAP_MAX: 65536, _M_TRIM_THRESHOLD: 128 * 1024}


@contextlib.contextmanager
def freed_memory_kept() -> Iterator[None]:
    """While a build runs, memory a stage frees stays with the process for its next
    allocation instead of going back to the kernel (glibc: no ``mmap`` for big blocks, no
    trimming; ``release_free_memory`` still hands it all back between stages). After
    the build, glibc's defaults again. Elsewhere than glibc: nothing.

    Why: glibc serves every block above its mmap threshold (at most 32 MB) from fresh
    pages and unmaps it on free, and a big build allocates and frees vectors, k-NN
    graphs and parquet buffers of hundreds of MB within each stage. On VMs that give
    freed guest memory back to their host (virtio-balloon free page reporting, as on the
    machine this was measured on), every fresh page then costs a host fault: filling 2 GiB
    of fresh memory took 2.7-11.7 s there, the same 2 GiB reused 0.3 s. The 1M
    pre-embedded build (bench/compare.py, 2026-12-07, alternating): 292.6 and 291.6 s
    against 306.4 and 299.5 s, peak 6.17 / 6.43 GB against 6.39 / 6.75 GB.
    Children started during the build (Prefect's API server, loky workers) read the same
    settings from the environment."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        mallopt = ctypes.CDLL(name).mallopt if name else None
    except (OSError, AttributeError):
        mallopt = None
    if mallopt is None:
        yield
        return
    before = {k: os.environ.get(k) for k in _KEEP}
    os.environ.update(_KEEP)
    mallopt(_M_MMAP_MAX, 0)
    mallopt(_M_TRIM_THRESHOLD, 2**31 - 1)
    try:
        yield
    finally:
        for option, value in _DEFAULTS.items():
            mallopt(option, value)
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        release_free_memory()
