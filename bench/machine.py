"""Facts about the machine a benchmark ran on, kept with its numbers.

Why: sessions here run on different CPUs (an AMD EPYC one night, an Intel Xeon the next
morning), and the same 1M build took 312–360 CPU-s on one and 532 on the other. A
number without its CPU cannot be compared with the next one."""
from __future__ import annotations

import os
import platform
import time


def cpu_model() -> str | None:
    """The CPU's model name from /proc/cpuinfo (None where there is none)."""
    try:
        with open("/proc/cpuinfo") as f:
            return next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), None)
    except OSError:
        return None


def facts() -> dict:
    """Cores, CPU model, memory, Python and platform (the cores are shared: keep the load
    averages beside these)."""
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "cpu": cpu_model(),
            "mem_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024 ** 3, 1)}


def run_header(**extra) -> dict:
    """The head of a benchmark's output: host, machine facts, start time (UTC), the
    script's own settings (``extra``), and an empty ``maps`` for its per-map results."""
    return {"host": platform.node(), "machine": facts(), **extra,
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "maps": {}}
