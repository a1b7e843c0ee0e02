"""The index stage in row order against locality order (``tasks.locality``), side by side.

For each vectors file: an HNSW index built with the settings the build picks for that
many rows (or ``--large``: the big-map settings at any size), once inserting rows in the
order the table holds them and once in ``insertion_order(locality_order(...))``; every
row's 33-NN searched in row order and in locality order. Reported: seconds of the order,
the insertion and the search; recall@10 and @32 of the graph (self excluded) on 2,000 rows
against exact cosine neighbours, and recall@10 with ties counted. Each variant is built and searched twice, alternating,
so the host's drift shows as the spread between the two.

    .venv/bin/python bench/index_order.py OUT.json NAME=PATH.npy[:ROWS] ... [--large] [--rounds 2] \
        [--random-first 0.3]      # the share insertion_order puts first
        [--variants row,locality:80]  # insertion order and, optionally, expansion_add

Results: bench/out/index_order.json; docs/scale.md ("locality order").
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time

import numpy as np

from datamap.tasks import index as I
from datamap.tasks.locality import RANDOM_FIRST, insertion_order, locality_order

K = 33
QUERIES = 2_000


def load(spec: str) -> tuple[str, np.ndarray]:
    name, path = spec.split("=", 1)
    rows = None
    if ":" in path:
        path, rows = path.rsplit(":", 1)
    v = np.load(path, mmap_mode="r")
    if rows:
        v = v[np.sort(np.random.default_rng(7).choice(len(v), int(rows), replace=False))]
    return name, np.ascontiguousarray(v, dtype=np.float32)


def exact_truth(v: np.ndarray, q: np.ndarray, k: int) -> np.ndarray:
    """Exact cosine k-NN of rows ``q`` (self excluded), float32 unit rows."""
    u = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    out = np.empty((len(q), k), np.int64)
    for s in range(0, len(q), 250):
        d = u[q[s:s + 250]] @ u.T
        d[np.arange(len(d)), q[s:s + 250]] = -np.inf
        part = np.argpartition(-d, k, axis=1)[:, :k]
        out[s:s + 250] = np.take_along_axis(part, np.argsort(-np.take_along_axis(d, part, 1), 1), 1)
    return out


def recall(keys: np.ndarray, q: np.ndarray, truth: np.ndarray, k: int) -> float:
    got = [set(r[r != i][:k].tolist()) for r, i in zip(keys[q], q)]
    return float(np.mean([len(g & set(t[:k].tolist())) / k for g, t in zip(got, truth)]))


def recall_ties(v: np.ndarray, keys: np.ndarray, q: np.ndarray, truth: np.ndarray, k: int) -> float:
    """Recall@k where a found row counts if it is as near as the k-th exact neighbour: with
    many identical vectors (PyPI's copied summaries) the exact k nearest are one arbitrary
    pick among ties, and ``recall`` would count an equally near row as a miss."""
    u = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    hits = []
    for r, i, t in zip(keys[q], q, truth):
        got = r[(r != i) & (r >= 0)][:k]
        kth = float(u[i] @ u[t[k - 1]])
        hits.append(np.count_nonzero(u[got] @ u[i] >= kth - 1e-6) / k)
    return float(np.mean(hits))


def build(v: np.ndarray, opts: I.IndexOptions, insert: np.ndarray | None) -> tuple[object, float]:
    from usearch.index import Index

    o = opts.resolved(len(v))
    kw = {n: getattr(o, n) for n in ("connectivity", "expansion_add", "expansion_search") if getattr(o, n)}
    idx = Index(ndim=v.shape[1], metric="cos", dtype=o.dtype, **kw)
    rows = np.arange(len(v)) if insert is None else insert
    t = time.perf_counter()
    for s in range(0, len(v), 50_000):
        r = rows[s:s + 50_000]
        idx.add(r.astype(np.uint64), np.ascontiguousarray(v[r]), threads=os.cpu_count() or 1)
    return idx, time.perf_counter() - t


def search(idx, v: np.ndarray, order: np.ndarray | None) -> tuple[np.ndarray, float]:
    t = time.perf_counter()
    keys, _ = I.knn_graph(idx, v, K, exact_below=0, order=order)
    return keys, time.perf_counter() - t


def one_corpus(name: str, v: np.ndarray, large: bool, rounds: int, random_first: float,
               variants: list[str]) -> dict:
    n = len(v)
    opts = I.IndexOptions(large_above=0) if large else I.IndexOptions()
    q = np.sort(np.random.default_rng(3).choice(n, QUERIES, replace=False))
    truth = exact_truth(v, q, K - 1)
    res: dict = {"rows": n, "dim": int(v.shape[1]), "settings": opts.resolved(n).__dict__, "runs": []}
    for r in range(rounds):
        t = time.perf_counter()
        order = locality_order(v)
        t_order = time.perf_counter() - t
        for variant in variants:
            how, _, ef = variant.partition(":")
            loc = how == "locality"
            vopts = dataclasses.replace(opts, expansion_add=int(ef)) if ef else opts
            idx, t_add = build(v, vopts, insertion_order(order, random_first=random_first) if loc else None)
            keys, t_search = search(idx, v, order if loc else None)
            run = {"round": r, "variant": variant, "expansion_add": vopts.resolved(n).expansion_add,
                   "order_s": round(t_order, 2) if loc else 0.0,
                   "add_s": round(t_add, 2), "search_s": round(t_search, 2),
                   "recall10": round(recall(keys, q, truth, 10), 4),
                   "recall32": round(recall(keys, q, truth, K - 1), 4),
                   "recall10_ties": round(recall_ties(v, keys, q, truth, 10), 4)}
            if not loc:     # the same index searched in locality order: the search's share alone
                _, run["search_in_locality_order_s"] = (lambda o: (o[0], round(o[1], 2)))(search(idx, v, order))
            res["runs"].append(run)
            print(name, json.dumps(run), flush=True)
            del idx, keys
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("corpora", nargs="+", help="NAME=PATH.npy[:ROWS]")
    ap.add_argument("--large", action="store_true", help="big-map index settings at any size")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--random-first", type=float, default=RANDOM_FIRST)
    ap.add_argument("--variants", default="row,locality",
                    help="comma-separated ORDER[:EXPANSION_ADD], ORDER = row | locality")
    a = ap.parse_args()
    out = {"argv": sys.argv[1:], "random_first": a.random_first, "load_avg_start": os.getloadavg(), "corpora": {}}
    for spec in a.corpora:
        name, v = load(spec)
        out["corpora"][name] = one_corpus(name, v, a.large, a.rounds, a.random_first, a.variants.split(","))
    out["load_avg_end"] = os.getloadavg()
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
