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
