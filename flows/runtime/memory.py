"""The build process's memory high-water mark, recorded after every stage."""
from __future__ import annotations


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
