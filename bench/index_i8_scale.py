"""The big-map index (int8) with its rows rounded two ways, in fresh processes, alternating:
usearch's own rounding (round(127 × value) of the float rows, the build's) against every
row added and every query scaled to fill int8's range first (``resources.vectors.
index_queries``, which the build applies to queries only; here usearch's ``add`` and
``search`` are wrapped so the whole index stage hands it scaled rows).

    .venv/bin/python bench/index_i8_scale.py [--rounds 1] [--out bench/out/index_i8_scale.json]
    .venv/bin/python bench/index_i8_scale.py --pypi   # the PyPI fast-mode vectors of bench/pypi.py
    .venv/bin/python bench/index_i8_scale.py --settings '{"expansion_add": 80}' [--only scaled]   # other settings

Each run builds the index as the build does (locality order, big-map settings unless
``--settings`` overrides some), searches every row's 33-NN graph and repairs it
(``knn_graph``), and scores recall@10 against exact float search on 1,000 random rows,
both of the repaired graph and of one plain search of those rows' vectors (what
``vector_search`` gets: its 11 nearest, the row itself among them).
Reported per run: seconds and CPU-seconds of the insert and of the graph, the rows whose
search got lost (the repair searches them again with a wide beam), recall@10, the host
probe before.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from index_huge_pages import pypi_vectors, run_child  # noqa: E402
from machine import facts, speed_probe  # noqa: E402

CHILD = r"""
import json, sys, time
import numpy as np
import datamap
from datamap.tasks import index as I, usearch_batches as B
path, scaled, settings = sys.argv[1], sys.argv[2] == "1", json.loads(sys.argv[3])
if scaled:         # every row added and every query scaled to fill int8's range
    from usearch.index import Index
    from datamap.resources.vectors import index_queries
    add, search = Index.add, Index.search
    Index.add = lambda self, keys, vectors, *a, **kw: add(self, keys, index_queries(vectors, self), *a, **kw)
    Index.search = lambda self, vectors, *a, **kw: search(self, index_queries(vectors, self), *a, **kw)
v = np.ascontiguousarray(np.load(path, mmap_mode="r"), dtype=np.float32)
order = I.locality(v)
t0, c0 = time.perf_counter(), time.process_time()
idx = I.build_index(v, I.IndexOptions(**settings), order=order)
t1, c1 = time.perf_counter(), time.process_time()
report = {}
keys, _ = I.knn_graph(idx, v, 33, order=order, report=report)
t2, c2 = time.perf_counter(), time.process_time()
q = np.random.default_rng(0).choice(len(v), 1000, replace=False)
truth, _ = I.exact_knn(v, q, 11)
recall = float(np.mean([len(set(truth[i, 1:]) & set(keys[r, 1:11])) / 10 for i, r in enumerate(q)]))
raw = B.search_dealt(idx, v, q, 11)[0]      # what vector_search gets: one search, no repair
raw_recall = float(np.mean([len(set(truth[i]) & set(raw[i])) / 11 for i in range(len(q))]))
print("RESULT " + json.dumps({"scaled": scaled, "rows": len(v), "insert_s": round(t1 - t0, 2),
      "insert_cpu_s": round(c1 - c0, 1), "graph_s": round(t2 - t1, 2), "graph_cpu_s": round(c2 - c1, 1),
      "repair": report, "recall_at_10": round(recall, 4),
      "search_recall_at_11": round(raw_recall, 4)}, default=int))
"""


def one(path: str, scaled: bool, settings: dict) -> dict:
    return run_child(CHILD, [path, "1" if scaled else "0", json.dumps(settings)])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--vectors", default="/tmp/cmp/1000000/input.npy")
    ap.add_argument("--pypi", action="store_true", help="the fast-mode PyPI vectors bench/pypi.py stored")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--settings", default="{}", help="IndexOptions fields as JSON, for both ways")
    ap.add_argument("--only", choices=("scaled", "usearch"), help="run one way only")
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "index_i8_scale.json"))
    a = ap.parse_args()
    path = pypi_vectors() if a.pypi else a.vectors
    settings = json.loads(a.settings)
    runs = []
    for r in range(a.rounds):
        for scaled in ((False, True) if r % 2 == 0 else (True, False)):
            if a.only and scaled != (a.only == "scaled"):
                continue
            probe = speed_probe()
            res = {**one(path, scaled, settings), "settings": settings, "probe_before": probe,
                   "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
            print(json.dumps(res), flush=True)
            runs.append(res)
    out = Path(a.out)
    doc = json.loads(out.read_text()) if out.exists() else {}
    key = ("pypi" if a.pypi else Path(path).parent.name) + (f" {a.settings}" if settings else "")
    doc.setdefault(key, {"machine": facts(), "vectors": path, "runs": []})["runs"] += runs
    out.write_text(json.dumps(doc, indent=1))
    print("wrote", out)


if __name__ == "__main__":
    main()
