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


def host_times() -> dict:
    """Seconds the whole machine has spent since boot (psutil's ``cpu_times``): user,
    system, idle, iowait and steal (time the hypervisor ran someone else while this VM
    wanted a core), the last two 0.0 where the platform has none. The difference over a
    run says whether the VM was short of CPU then."""
    import psutil

    t = psutil.cpu_times()
    return {k: round(getattr(t, k, 0.0), 2) for k in ("user", "system", "idle", "iowait", "steal")}


def host_times_between(before: dict, after: dict) -> dict:
    """``host_times`` spent between two readings."""
    return {k: round(after[k] - before[k], 2) for k in before}


# The probe's fixed work: sized to take a few seconds here (Intel Xeon, 2 cores).
PROBE_ROWS = 100_000       # vectors inserted into the probe's HNSW index
PROBE_DIM = 384
PROBE_FILL_GIB = 2.0       # new memory written once
PROBE_TABLE = 50_000_000   # float32 values read at random: a 200 MB array, beyond any cache
PROBE_GATHERS = 50_000_000 # random reads from it


def speed_probe(seed: int = 0) -> dict:
    """``probe_here(seed)`` run in a fresh process (``python bench/machine.py``), so the
    caller's own memory and libraries stay as they were: usearch's compiled module, loaded
    into a process before pyarrow or onnxruntime, makes a later ``import onnxruntime``
    crash that process (SIGSEGV, usearch 2.26.6 and onnxruntime 1.32.0), and
    ``bench/pypi.py`` loads the embedder after its build."""
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, os.path.abspath(__file__), "--seed", str(seed)], capture_output=True,
                          text=True, check=True)
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out.pop("cpu", None)
    return out


def probe_here(seed: int = 0) -> dict:
    """Seconds this machine takes *now* for three fixed pieces of a big build's work:
    writing new memory (``fill_s``), random reads that miss the caches (``gather_s``) and
    a usearch insert on both cores (``insert_s``, ``insert_cpu_s``) at the big-map settings
    of the day the probe was written (i8, connectivity 12, expansion_add 80; the build's
    ``index.LARGE_SETTINGS`` have moved on since, the probe's stay put so that every probe
    measures the same work).

    Why: the same 1M build has taken 243 s and 310 s on the same VM an hour apart, with
    the same code and 20 % more CPU-seconds in the slow run; the host's speed moves, and
    a wall time without it cannot be compared with the next one. Run beside a build
    (``compare.py`` runs it before and after datamap's), a slow build with a slow probe is
    the host; a slow build with a fast probe is the code. Random vectors, fixed seed: the
    work is the same every time, not realistic, which is all a probe needs."""
    import numpy as np
    from usearch.index import Index

    from datamap.flows.runtime.memory import numpy_huge_pages_off

    out: dict = {}
    rng = np.random.default_rng(seed)
    with numpy_huge_pages_off():     # as a build allocates (flows.build_map)
        t = time.perf_counter()
        fresh = np.empty(int(PROBE_FILL_GIB * 2 ** 30) // 4, np.float32)
        fresh.fill(1.0)
        out["fill_s"] = time.perf_counter() - t
        del fresh
        table = rng.standard_normal(PROBE_TABLE, dtype=np.float32)
        where = rng.integers(0, len(table), PROBE_GATHERS)
        t = time.perf_counter()
        float(table[where].sum())
        out["gather_s"] = time.perf_counter() - t
        del table, where
    centres = rng.standard_normal((200, PROBE_DIM), dtype=np.float32)
    vectors = centres[rng.integers(0, 200, PROBE_ROWS)] + 0.5 * rng.standard_normal((PROBE_ROWS, PROBE_DIM),
                                                                                     dtype=np.float32)
    index = Index(ndim=PROBE_DIM, metric="cos", dtype="i8", connectivity=12, expansion_add=80)
    t, c = time.perf_counter(), time.process_time()
    index.add(np.arange(PROBE_ROWS, dtype=np.uint64), vectors, threads=2)
    out["insert_s"], out["insert_cpu_s"] = time.perf_counter() - t, time.process_time() - c
    out["at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in out.items()}


if __name__ == "__main__":
    import argparse
    import json

    ap = argparse.ArgumentParser(description="The host's speed now (speed_probe): one JSON line.")
    ap.add_argument("--seed", type=int, default=0)
    print(json.dumps({"cpu": cpu_model(), **probe_here(ap.parse_args().seed)}))
