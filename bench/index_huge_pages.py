"""The index stage's usearch work with and without its memory on huge pages
(``tasks.index_memory``), in fresh processes, alternating.

    .venv/bin/python bench/index_huge_pages.py [--rows 1000000] [--rounds 2]
        [--vectors /tmp/cmp/1000000/input.npy] [--out bench/out/index_huge_pages.json]
    .venv/bin/python bench/index_huge_pages.py --pypi  # the PyPI fast-mode vectors of bench/pypi.py

Each run builds the index as the build does (locality order, big-map settings), then
searches every row's 33-NN graph and repairs it (``knn_graph``), and scores recall@10
against exact search on 1,000 random rows, so a change of speed is seen beside the
graph it made. Reported per run: seconds and CPU-seconds of the insert (collapse
included) and of the graph, the process's huge-page memory, the kernel's compaction and
huge-page counters over both (/proc/vmstat: a stall is a fault that waited for
compaction), the host probe before.
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
from machine import facts, speed_probe  # noqa: E402

CHILD = r"""
import json, sys, time
import numpy as np
import datamap
from datamap.tasks import index as I
path, rows, huge = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
VMSTAT = ("compact_stall", "compact_fail", "thp_fault_alloc", "thp_fault_fallback", "thp_collapse_alloc",
          "thp_collapse_alloc_failed", "pgmajfault")
def vmstat():
    got = dict(l.split() for l in open("/proc/vmstat"))
    return {k: int(got.get(k, 0)) for k in VMSTAT}
v = np.load(path, mmap_mode="r")
v = np.ascontiguousarray(v[:rows] if rows else v, dtype=np.float32)
order = I.locality(v)
t0, c0 = time.perf_counter(), time.process_time()
vm0 = vmstat()
idx = I.build_index(v, I.IndexOptions(), order=order, huge_pages=huge)
t1, c1 = time.perf_counter(), time.process_time()
keys, _ = I.knn_graph(idx, v, 33, order=order)
t2, c2 = time.perf_counter(), time.process_time()
vm = {k: v - vm0[k] for k, v in vmstat().items()}
rng = np.random.default_rng(0)
q = rng.choice(len(v), 1000, replace=False)
truth, _ = I.exact_knn(v, q, 11)
recall = float(np.mean([len(set(truth[i, 1:]) & set(keys[r, 1:11])) / 10 for i, r in enumerate(q)]))
huge_kb = [int(l.split()[1]) for l in open("/proc/self/smaps_rollup") if l.startswith("AnonHugePages")][0]
print("RESULT " + json.dumps({"huge_pages": huge, "rows": len(v), "insert_s": round(t1 - t0, 2),
      "insert_cpu_s": round(c1 - c0, 1), "graph_s": round(t2 - t1, 2), "graph_cpu_s": round(c2 - c1, 1),
      "anon_huge_mb": round(huge_kb / 1024), "recall_at_10": round(recall, 4), "vmstat": vm}))
"""


def run_child(code: str, args: list[str]) -> dict:
    """``code`` run in a fresh interpreter with ``args``, numpy's memory as a build has it;
    the JSON of its last ``RESULT`` line."""
    env = {**os.environ, "NUMPY_MADVISE_HUGEPAGE": "0"}     # as a build runs (flows/runtime/memory)
    out = subprocess.run([sys.executable, "-c", code, *args],
                         capture_output=True, text=True, env=env, cwd=str(REPO), check=True)
    line = [x for x in out.stdout.splitlines() if x.startswith("RESULT ")][-1]
    return json.loads(line[len("RESULT "):])


def one(path: str, rows: int, huge: bool) -> dict:
    return run_child(CHILD, [path, str(rows), "1" if huge else "0"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--vectors", default="/tmp/cmp/1000000/input.npy")
    ap.add_argument("--pypi", action="store_true", help="the fast-mode PyPI vectors bench/pypi.py stored")
    ap.add_argument("--rows", type=int, default=0, help="first N rows (0: all)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "index_huge_pages.json"))
    a = ap.parse_args()
    path = a.vectors
    if a.pypi:
        path = pypi_vectors()
    runs = []
    for r in range(a.rounds):
        for huge in ((False, True) if r % 2 == 0 else (True, False)):
            probe = speed_probe()
            res = {**one(path, a.rows, huge), "probe_before": probe,
                   "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
            print(json.dumps(res), flush=True)
            runs.append(res)
    out = Path(a.out)
    doc = json.loads(out.read_text()) if out.exists() else {}
    doc[Path(path).parent.name + ("-pypi" if a.pypi else "")] = {"machine": facts(), "vectors": path,
                                                                 "runs": runs}
    out.write_text(json.dumps(doc, indent=1))
    print("wrote", out)


def pypi_vectors() -> str:
    """The PyPI fast-mode vectors as one .npy (written once next to bench/pypi.py's store)."""
    import numpy as np

    dst = Path("/tmp/pypi-bench/fast-vectors.npy")
    if not dst.exists():
        sys.path.insert(0, str(REPO))
        import datamap  # noqa: F401
        from datamap.resources.reader import open_map
        from datamap.resources.store import Store

        m = open_map("pypi", store=Store("/tmp/pypi-bench/store-fast-784692-fit10000"))
        np.save(dst, np.asarray(m.embeddings.latent, dtype=np.float32))
    return str(dst)


if __name__ == "__main__":
    main()
