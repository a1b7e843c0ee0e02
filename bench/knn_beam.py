"""How wide the big map's HNSW beams need to be now that the k-NN graph is repaired
(``tasks.knn_repair``): the index built and searched as the build does it, for each
``--add`` (expansion_add) and ``--search`` (expansion_search) beam, on a stored map's own
vectors, in one process.

For each (add, search) pair: the build's locality order, the index built with that
``expansion_add`` (the stored index is reused for the build's own value), every row
searched for 33 neighbours in locality order with that ``expansion_search`` (timed), the
repair (timed, with its lost/found-again counts), and recall of the exact 10-NN of 5,000
rows (strict, and with ties counted) before and after the repair. With ``--epochs`` the
refinement also runs over each repaired graph from the build's own placed start
(bench/refine_kernel.py's cache, so the start is the same for every beam; only the graph
the epochs pull along differs) and reports the 10-NN the layout keeps. With ``--first``
the index is instead rebuilt (the build's settings) for each share of rows inserted in
random order before the locality order (``tasks.locality.insertion_order``'s
``random_first``; the build uses ``RANDOM_FIRST``), each searched with the build's beam.

    DATAMAP_BENCH_DIR=/tmp/cmp .venv/bin/python bench/knn_beam.py \\
        --map /tmp/cmp/1000000/store:cmp --add 80,48 --search 48,32,24 \\
        --out bench/out/knn_beam.json
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
from knn_repair import recall  # noqa: E402
from machine import run_header  # noqa: E402

from datamap.flows.stages.index import KNN_K  # noqa: E402
from datamap.resources import schema  # noqa: E402
from datamap.resources.reader import open_map  # noqa: E402
from datamap.resources.store import Store  # noqa: E402
from datamap.tasks import index as I  # noqa: E402
from datamap.tasks import knn_repair as K  # noqa: E402
from datamap.tasks.project import sample_fit as S  # noqa: E402
from datamap.tasks.project import umap as U  # noqa: E402


def searched(index, v: np.ndarray, order: np.ndarray, ef: int) -> tuple[np.ndarray, float]:
    """Every row's KNN_K + 1 nearest as ``knn_graph`` asks for them, with beam ``ef``."""
    index.expansion_search = ef
    k = KNN_K + 1
    keys = np.empty((len(v), k), np.int64)
    t = time.perf_counter()
    for s in range(0, len(v), I._SEARCH_BLOCK):
        rows = order[s:s + I._SEARCH_BLOCK]
        m = index.search(np.ascontiguousarray(v[rows]), k, threads=os.cpu_count() or 1)
        keys[rows] = np.asarray(m.keys, np.int64).reshape(len(rows), k)
    return keys, time.perf_counter() - t


def raw_graph(keys: np.ndarray) -> np.ndarray:
    """The search's own answer with padding replaced by self (for its recall only)."""
    return np.where(keys < len(keys), keys, np.arange(len(keys))[:, None])


def one_beam(index, v, order, ef, q, tr, placed, epochs: list[str]) -> dict:
    keys, search_s = searched(index, v, order, ef)
    t = time.perf_counter()
    graph, counts = K.repair(index, v, keys.copy())
    out = {"expansion_search": ef, "search_s": round(search_s, 2),
           "repair_s": round(time.perf_counter() - t, 2), **counts,
           "raw": recall(raw_graph(keys), v, q, tr), "repaired": recall(graph[0], v, q, tr), "layouts": []}
    out["knn_s"] = round(out["search_s"] + out["repair_s"], 2)
    for spec in epochs:
        n_epochs, alpha = spec.split(":")
        t = time.perf_counter()
        xy = S.refine(placed, graph, 15, 0.1, int(n_epochs), None, alpha=float(alpha))
        out["layouts"].append({"epochs": int(n_epochs), "alpha": float(alpha),
                               "seconds": round(time.perf_counter() - t, 1),
                               "kept_10nn": round(compare.preservation(xy, q, tr["nn"]), 4),
                               "kept_10nn_ties": round(compare.preservation_ties(xy, q, v, tr["kth"]), 4)})
    return out


def one_map(store: str, dataset: str, adds: list[int], beams: list[int], epochs: list[str],
            cache: Path, firsts: list[float]) -> dict:
    v, _, q, tr, placed, _ = refine_kernel.prepared(store, dataset, cache)
    m = open_map(dataset, store=Store(store))
    from usearch.index import Index

    t = time.perf_counter()
    order = I.locality(v)
    order_s = time.perf_counter() - t
    K.repair(Index.restore(m.local_file(schema.INDEX), view=True), v[:2000],
             np.zeros((2000, 4), np.int64))                                   # compile before timing
    out = {"rows": len(v), "order_s": round(order_s, 2), "indexes": []}
    for first in firsts:
        t = time.perf_counter()
        index = I.build_index(v, I.IndexOptions(), order=order, random_first=first)
        entry = {"random_first": first, "build_s": round(time.perf_counter() - t, 2),
                 "beams": [one_beam(index, v, order, I.LARGE_SETTINGS["expansion_search"], q, tr, placed, epochs)]}
        out["indexes"].append(entry)
        print(dataset, json.dumps(entry), flush=True)
        del index
    for add in (adds if not firsts else []):
        if add == I.LARGE_SETTINGS["expansion_add"]:
            index, build_s = Index.restore(m.local_file(schema.INDEX), view=True), None
        else:
            t = time.perf_counter()
            index = I.build_index(v, I.IndexOptions(expansion_add=add), order=order)
            build_s = round(time.perf_counter() - t, 2)
        entry = {"expansion_add": add, "build_s": build_s, "beams": []}
        out["indexes"].append(entry)
        for ef in beams:
            entry["beams"].append(one_beam(index, v, order, ef, q, tr, placed, epochs))
            print(dataset, add, json.dumps(entry["beams"][-1]), flush=True)
        del index
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--map", action="append", required=True, help="STORE:DATASET (repeatable)")
    ap.add_argument("--add", default=str(I.LARGE_SETTINGS["expansion_add"]),
                    help="expansion_add values, comma-separated (the build's own reuses the stored index)")
    ap.add_argument("--search", default=str(I.LARGE_SETTINGS["expansion_search"]),
                    help="expansion_search values, comma-separated")
    ap.add_argument("--first", default="", help="random_first shares to rebuild the index with, "
                    "comma-separated (instead of --add/--search)")
    ap.add_argument("--epochs", default="", help="EPOCHS:ALPHA,... refinements over each repaired graph")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    cache = refine_kernel.cache_dir()
    out = run_header(retry_expansion=K.RETRY_EXPANSION, large_settings=I.LARGE_SETTINGS)
    adds = [int(x) for x in args.add.split(",")]
    beams = [int(x) for x in args.search.split(",")]
    epochs = [e for e in args.epochs.split(",") if e]
    for spec in args.map:
        store, dataset = spec.rsplit(":", 1)
        out["maps"][dataset] = one_map(store, dataset, adds, beams, epochs, cache,
                                       [float(x) for x in args.first.split(",") if x])
        Path(args.out).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
