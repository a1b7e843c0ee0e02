"""The big map's k-NN graph before and after ``tasks.knn_repair``, and what each does to
the layout: on a stored map's own index, in one process.

For each map: every row searched in the index as the build searches it (33 neighbours,
the large-map beam), the graph as the build kept it before the repair (usearch's
distances, self moved first) and repaired (each step timed); recall of the exact 10-NN
of 5,000 rows (strict, and with ties counted); then the refinement's epochs from the
build's own placed start (bench/refine_kernel.py's cache) over each graph, for each
GRAPH:EPOCHS:ALPHA of ``--variants`` (GRAPH: ``raw`` or ``repaired``).

    DATAMAP_BENCH_DIR=/tmp/cmp .venv/bin/python bench/knn_repair.py \\
        --map /tmp/cmp/1000000/store:cmp --map /tmp/pypi-bench/store-fast-784692:pypi \\
        --out bench/out/knn_repair.json
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402
import refine_kernel  # noqa: E402
from machine import run_header  # noqa: E402

from datamap.resources import schema  # noqa: E402
from datamap.resources.reader import open_map  # noqa: E402
from datamap.resources.store import Store  # noqa: E402
from datamap.tasks import index as I  # noqa: E402
from datamap.tasks import knn_repair as K  # noqa: E402
from datamap.tasks.project import sample_fit as S  # noqa: E402
from datamap.tasks.project import umap as U  # noqa: E402

K_SEARCH = 33


def searched(index, v: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Every row's 33 nearest as the index answers (keys, usearch distances, seconds)."""
    index.expansion_search = I.LARGE_SETTINGS["expansion_search"]
    keys = np.empty((len(v), K_SEARCH), np.int64)
    dist = np.empty((len(v), K_SEARCH), np.float32)
    t = time.perf_counter()
    for s in range(0, len(v), 100_000):
        m = index.search(np.ascontiguousarray(v[s:s + 100_000]), K_SEARCH, threads=os.cpu_count() or 1)
        keys[s:s + 100_000] = np.asarray(m.keys, np.int64).reshape(-1, K_SEARCH)
        dist[s:s + 100_000] = np.asarray(m.distances, np.float32).reshape(-1, K_SEARCH)
    return keys, dist, time.perf_counter() - t


def unrepaired(keys: np.ndarray, dist: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The graph as ``knn_graph`` kept it before the repair: usearch's order and
    distances, padding replaced by self, self moved first (dropping the last)."""
    n = len(keys)
    keys, dist = keys.copy(), dist.copy()
    bad = keys >= n
    keys[bad] = np.nonzero(bad)[0]
    dist[bad] = 0.0
    for i in np.nonzero(keys[:, 0] != np.arange(n))[0]:
        row, drow = list(keys[i]), list(dist[i])
        if i in row:
            j = row.index(i)
            row.pop(j), drow.pop(j)
        else:
            row.pop(), drow.pop()
        keys[i], dist[i] = [i] + row, [0.0] + drow
    return keys, np.maximum(dist, 0.0)


def repaired_timed(index, v: np.ndarray, keys: np.ndarray) -> tuple[tuple[np.ndarray, np.ndarray], dict]:
    """``knn_repair.repair``'s steps one by one, each timed (the same result)."""
    n, rows, out = len(v), np.arange(len(v)), {}
    t = time.perf_counter()
    keys = np.where(keys < n, keys, rows[:, None])
    inv = K.inverse_norms(v)
    dist = K.exact_distances(v, inv, rows, keys)
    lost = K.lost_rows(keys, dist, rows)
    out["exact_s"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    again = K.retry(index, v, lost, keys.shape[1])
    again = np.where(again < n, again, lost[:, None])
    keys[lost], dist[lost] = again, K.exact_distances(v, inv, lost, again)
    out.update(retry_s=round(time.perf_counter() - t, 2), lost=int(len(lost)),
               found_again=int(len(lost) - len(K.lost_rows(again, dist[lost], lost))))
    t = time.perf_counter()
    graph = K.merge_reverse(keys, dist)
    out["reverse_s"] = round(time.perf_counter() - t, 2)
    return graph, out


def recall(keys: np.ndarray, v: np.ndarray, q: np.ndarray, tr: dict) -> dict:
    strict = np.mean([len(set(a[1:11].tolist()) & set(b.tolist())) / 10 for a, b in zip(keys[q], tr["nn"])])
    ties = np.mean([np.sum(v[a[1:11]] @ v[r] >= k - 1e-6) / 10 for a, r, k in zip(keys[q], q, tr["kth"])])
    return {"recall10": round(float(strict), 4), "recall10_ties": round(float(ties), 4)}


def one_map(store: str, dataset: str, variants: list[str], cache: Path) -> dict:
    v, _, q, tr, placed, _ = refine_kernel.prepared(store, dataset, cache)
    m = open_map(dataset, store=Store(store))
    from usearch.index import Index

    index = Index.restore(m.local_file(schema.INDEX), view=True)
    keys, dist, search_s = searched(index, v)
    graphs = {"raw": unrepaired(keys, dist)}
    K.repair(index, v[:2000], keys[:2000] % 2000)                 # compile before timing
    t = time.perf_counter()
    graphs["repaired"], steps = repaired_timed(index, v, keys.copy())
    steps["repair_s"] = round(time.perf_counter() - t, 2)
    out = {"rows": len(v), "search_s": round(search_s, 2), "repair": steps,
           "graphs": {g: recall(graphs[g][0], v, q, tr) for g in graphs}, "layouts": []}
    print(dataset, json.dumps({k: out[k] for k in ("search_s", "repair", "graphs")}), flush=True)
    for spec in variants:
        g, epochs, alpha = spec.split(":")
        t = time.perf_counter()
        xy = S.refine(placed, graphs[g], 15, 0.1, int(epochs), None, alpha=float(alpha))
        out["layouts"].append({"graph": g, "epochs": int(epochs), "alpha": float(alpha),
                               "seconds": round(time.perf_counter() - t, 1),
                               "kept_10nn": round(compare.preservation(xy, q, tr["nn"]), 4),
                               "kept_10nn_ties": round(compare.preservation_ties(xy, q, v, tr["kth"]), 4)})
        print(dataset, out["layouts"][-1], flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--map", action="append", required=True, help="STORE:DATASET (repeatable)")
    ap.add_argument("--variants", default="raw:60:0.25,repaired:60:0.25,raw:100:1.0,repaired:100:1.0",
                    help="GRAPH:EPOCHS:ALPHA,... with GRAPH raw or repaired")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    cache = refine_kernel.cache_dir()
    out = run_header(variants=args.variants, retry_expansion=K.RETRY_EXPANSION)
    for spec in args.map:
        store, dataset = spec.rsplit(":", 1)
        out["maps"][dataset] = one_map(store, dataset, args.variants.split(","), cache)
        Path(args.out).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
