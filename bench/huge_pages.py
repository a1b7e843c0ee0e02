"""What numpy's huge-page requests cost this machine: new memory with and without them.

    .venv/bin/python bench/huge_pages.py [--gib 2] [--rounds 3] [--out bench/out/huge_pages.json]

numpy marks every array of 4 MB or more ``MADV_HUGEPAGE``, and a build allocates and
frees arrays of hundreds of MB in every stage. On the VM this was written on, new
huge-page memory faulted in 6-10x slower than ordinary pages (2026-12-07,
``bench/out/huge_pages.json``), with no compaction stall counted. Each round starts two
fresh processes, one after the other, one with numpy's default and one with
``NUMPY_MADVISE_HUGEPAGE=0`` (the order alternates), each filling ``--gib`` GiB of new
numpy memory three times (the second and third may reuse what the first freed). Reported
per fill: seconds, and the kernel's ``compact_stall`` count over it (/proc/vmstat:
faults that waited for compaction), to tell compaction from other fault costs.
``flows/runtime/memory.numpy_huge_pages_off`` is what a build does about it.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from machine import facts  # noqa: E402

CHILD = r"""
import json, sys, time
import numpy as np

def stalls():
    with open("/proc/vmstat") as f:
        return next((int(l.split()[1]) for l in f if l.startswith("compact_stall ")), -1)

n = int(float(sys.argv[1]) * 2**30) // 8
out = []
for _ in range(3):
    s, t = stalls(), time.perf_counter()
    a = np.ones(n)
    out.append({"seconds": round(time.perf_counter() - t, 3), "compact_stalls": stalls() - s})
    del a
print(json.dumps(out))
"""


def _sysfs(path: str) -> str | None:
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None


def fill(gib: float, huge: bool) -> list[dict]:
    env = {**os.environ, "NUMPY_MADVISE_HUGEPAGE": "1" if huge else "0"}
    out = subprocess.run([sys.executable, "-c", CHILD, str(gib)], env=env, capture_output=True,
                         text=True, timeout=600, check=True)
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gib", type=float, default=2.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "huge_pages.json"))
    args = ap.parse_args()
    result = {"machine": facts(), "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "gib": args.gib, "thp_enabled": _sysfs("/sys/kernel/mm/transparent_hugepage/enabled"),
              "thp_defrag": _sysfs("/sys/kernel/mm/transparent_hugepage/defrag"),
              "load_avg_start": os.getloadavg(), "rounds": []}
    for r in range(args.rounds):
        order = [True, False] if r % 2 == 0 else [False, True]
        row = {("huge_pages" if huge else "ordinary_pages"): fill(args.gib, huge) for huge in order}
        result["rounds"].append(row)
        print(json.dumps(row), flush=True)
    for kind in ("huge_pages", "ordinary_pages"):
        first = [row[kind][0]["seconds"] for row in result["rounds"]]
        again = [f["seconds"] for row in result["rounds"] for f in row[kind][1:]]
        result[kind] = {"first_fill_s": first, "refill_s_max": max(again),
                        "compact_stalls": sum(f["compact_stalls"] for row in result["rounds"] for f in row[kind])}
    result["first_fill_ratio"] = round(sum(result["huge_pages"]["first_fill_s"])
                                       / sum(result["ordinary_pages"]["first_fill_s"]), 2)
    result["load_avg_end"] = os.getloadavg()
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: result[k] for k in ("huge_pages", "ordinary_pages", "first_fill_ratio")}))


if __name__ == "__main__":
    main()
