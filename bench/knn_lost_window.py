"""Lost searches found again: usearch with a wider beam (``knn_repair.retry``, the build's
way; ``beamN`` for another beam) or exactly among the rows around them in the locality order
(``window_nearest`` below), or both. On a stored map's own index, in one process.

For each map: every row searched as the build searches it (locality order, 33 neighbours,
the large-map beam), exact distances, the lost rows; then each way's time and the recall
of the exact 10-NN, on the lost rows themselves and on random rows, of the graph before
and after the reverse neighbours are merged in (``knn_repair.merge_reverse``).

    .venv/bin/python bench/knn_lost_window.py --map /tmp/cmp/1000000/store:cmp \\
        --map /tmp/pypi-bench/store-fast-784692-fit10000:pypi \\
        --ways beam,window,beam+window,beam128+window,beam96+window,beam64+window \\
        --out bench/out/knn_lost_window.json
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import run_header  # noqa: E402

from datamap.resources import schema  # noqa: E402
from datamap.resources.reader import open_map  # noqa: E402
from datamap.resources.store import Store  # noqa: E402
from datamap.tasks import index as I  # noqa: E402
from datamap.tasks import knn_repair as K  # noqa: E402
from datamap.tasks.locality import locality_order  # noqa: E402
from datamap.tasks.usearch_batches import search_dealt  # noqa: E402

K_SEARCH = 33
WINDOW_ROWS = 1024      # a lost row is compared with the rows this many places around it in the locality order


def window_nearest(vectors: np.ndarray, inv_norm: np.ndarray, rows: np.ndarray, order: np.ndarray, k: int,
                   width: int = WINDOW_ROWS) -> tuple[np.ndarray, np.ndarray]:
    """Each of ``rows``' ``k`` nearest (exact cosine, itself included) among the rows within
    ``width`` places of it in ``order`` (a locality order: near rows one after another):
    (keys, exact distances), nearest first. Rows are taken ``width`` places of the order
    at a time, each block against the ``3 * width`` rows around it: one matrix product."""
    rows = np.asarray(rows, np.int64)
    n = len(order)
    rank = np.empty(n, np.int64)
    rank[order] = np.arange(n)
    at = rank[rows]
    block = at // width
    keys = np.empty((len(rows), min(k, n)), np.int64)
    for b in np.unique(block):
        mine = np.nonzero(block == b)[0]
        cand = order[max(0, (b - 1) * width):min(n, (b + 2) * width)]
        c = np.asarray(vectors[cand], np.float32) * inv_norm[cand, None]
        q = np.asarray(vectors[rows[mine]], np.float32) * inv_norm[rows[mine], None]
        sim = q @ c.T
        kk = min(keys.shape[1], len(cand))
        top = np.argpartition(-sim, kk - 1, axis=1)[:, :kk]
        keys[mine, :kk] = cand[top]
        keys[mine, kk:] = rows[mine, None]
    dist = K.exact_distances(vectors, inv_norm, rows, keys)
    o = np.lexsort((keys, dist), axis=1)
    return np.take_along_axis(keys, o, axis=1), np.take_along_axis(dist, o, axis=1)


def merge_candidates(k1: np.ndarray, d1: np.ndarray, k2: np.ndarray, d2: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Row by row, the ``k1.shape[1]`` nearest distinct candidates of two candidate lists
    with exact distances (``exact_distances``: a key met in both has one distance)."""
    k = k1.shape[1]
    keys = np.concatenate([k1, k2], axis=1)
    dist = np.concatenate([d1, d2], axis=1).astype(np.float32)
    o = np.argsort(keys, axis=1, kind="stable")
    keys, dist = np.take_along_axis(keys, o, 1), np.take_along_axis(dist, o, 1)
    dup = np.zeros(keys.shape, bool)
    dup[:, 1:] = keys[:, 1:] == keys[:, :-1]
    dist = np.where(dup, np.inf, dist)
    o = np.lexsort((keys, dist), axis=1)[:, :k]
    return np.take_along_axis(keys, o, 1), np.take_along_axis(dist, o, 1)


def truth(v: np.ndarray, inv: np.ndarray, q: np.ndarray, k: int = 10) -> np.ndarray:
    """Exact k nearest (self excluded) of rows ``q``, by float32 cosine, 512 queries at a time."""
    out = np.empty((len(q), k), np.int64)
    for s in range(0, len(q), 512):
        r = q[s:s + 512]
        sim = np.empty((len(r), len(v)), np.float32)
        for c in range(0, len(v), 200_000):
            sim[:, c:c + 200_000] = (v[r] * inv[r, None]) @ (v[c:c + 200_000] * inv[c:c + 200_000, None]).T
        sim[np.arange(len(r)), r] = -np.inf
        part = np.argpartition(-sim, k, axis=1)[:, :k]
        out[s:s + len(r)] = part
    return out


def recall(keys: np.ndarray, q: np.ndarray, tr: np.ndarray) -> float:
    return round(float(np.mean([len(set(a[1:11].tolist()) & set(b.tolist())) / 10
                                for a, b in zip(keys[q], tr)])), 4)


def _retry(index, v: np.ndarray, rows: np.ndarray, k: int, beam: int) -> np.ndarray:
    """``knn_repair.retry`` with a beam of ``beam``."""
    before = index.expansion_search
    index.expansion_search = beam
    try:
        return search_dealt(index, v, rows, k)[0]
    finally:
        index.expansion_search = before


def one_map(store: str, dataset: str, sample: int, ways: list[str]) -> dict:
    from usearch.index import Index

    m = open_map(dataset, store=Store(store))
    v = np.ascontiguousarray(m.embeddings.latent, np.float32)
    n = len(v)
    index = Index.restore(m.local_file(schema.INDEX), view=True)
    index.expansion_search = I.LARGE_SETTINGS["expansion_search"]
    order = locality_order(v)
    keys = np.empty((n, K_SEARCH), np.int64)
    t = time.perf_counter()
    for s in range(0, n, 100_000):
        rows = order[s:s + 100_000]
        keys[rows] = search_dealt(index, v, rows, K_SEARCH)[0]
    out: dict = {"rows": n, "search_s": round(time.perf_counter() - t, 2)}
    rows = np.arange(n)
    keys = np.where((keys >= 0) & (keys < n), keys, rows[:, None])
    inv = K.inverse_norms(v)
    dist = K.exact_distances(v, inv, rows, keys, visit=order)
    lost = K.lost_rows(keys, dist, rows)
    rank = np.empty(n, np.int64)
    rank[order] = np.arange(n)
    lost = lost[np.argsort(rank[lost], kind="stable")]
    out["lost"] = int(len(lost))
    rng = np.random.default_rng(5)
    q_lost = np.sort(rng.choice(lost, min(sample, len(lost)), replace=False))
    q_all = np.sort(rng.choice(n, sample, replace=False))
    t = time.perf_counter()
    tr_lost, tr_all = truth(v, inv, q_lost), truth(v, inv, q_all)
    out["truth_s"] = round(time.perf_counter() - t, 1)
    window_nearest(v[:5000], inv[:5000], np.arange(10), np.arange(5000), K_SEARCH)   # compile
    for way in ways:
        kk, dd = keys.copy(), dist.copy()
        t = time.perf_counter()
        beam = int(way.split("+")[0][4:] or K.RETRY_EXPANSION) if way.startswith("beam") else 0
        if beam:
            again = _retry(index, v, lost, K_SEARCH, beam)
            again = np.where((again >= 0) & (again < n), again, lost[:, None])
            kk[lost], dd[lost] = again, K.exact_distances(v, inv, lost, again)   # as the build did: replaced
        if way.endswith("window"):
            wk, wd = window_nearest(v, inv, lost, order, K_SEARCH)
            kk[lost], dd[lost] = merge_candidates(kk[lost], dd[lost], wk, wd)
        secs = time.perf_counter() - t
        still = len(K.lost_rows(kk[lost], dd[lost], lost))
        t = time.perf_counter()
        gk, _ = K.merge_reverse(kk, dd)
        rev_s = time.perf_counter() - t
        raw_self = np.where(kk[:, :1] == rows[:, None], kk, np.concatenate([rows[:, None], kk[:, :-1]], 1))
        out[way] = {"seconds": round(secs, 2), "still_lost": int(still), "reverse_s": round(rev_s, 2),
                    "recall10_lost_before_reverse": recall(_sorted(raw_self, dd, kk), q_lost, tr_lost),
                    "recall10_lost": recall(gk, q_lost, tr_lost), "recall10_random": recall(gk, q_all, tr_all)}
        print(dataset, way, json.dumps(out[way]), flush=True)
    return out


def _sorted(_unused, dist: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Each row's candidates by exact distance, self first (for recall before the merge)."""
    rows = np.arange(len(keys))[:, None]
    d = np.where(keys == rows, -1.0, dist)
    return np.take_along_axis(keys, np.argsort(d, axis=1, kind="stable"), axis=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--map", action="append", required=True, help="STORE:DATASET (repeatable)")
    ap.add_argument("--sample", type=int, default=2000, help="rows (lost, and random) checked against exact search")
    ap.add_argument("--ways", default="beam,window,beam+window",
                    help="beam[N] (a retry with beam N, default RETRY_EXPANSION), window, beam[N]+window")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    out = run_header(retry_expansion=K.RETRY_EXPANSION, window=WINDOW_ROWS)
    out["maps"] = {}
    for spec in args.map:
        store, dataset = spec.rsplit(":", 1)
        out["maps"][dataset] = one_map(store, dataset, args.sample, args.ways.split(","))
        Path(args.out).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
