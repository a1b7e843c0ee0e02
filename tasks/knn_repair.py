"""The HNSW k-NN graph of a big map, repaired: searches that got lost are run again, every
candidate's distance is measured exactly, and each row also considers the rows that
found it (its reverse neighbours).

Why: a big map's index is quantised (i8) and searched with a small beam, and both cost
neighbours. On the 1M synthetic map (tight groups of near-copies) 3.4 % of the rows'
searches never reached their own group: the search did not even return the row itself,
and its "neighbours" lay at cosine distance 0.5 where its true ones lay at 0.05. The
graph kept 0.914 of the exact 10-NN (umap-learn's NN-descent graph 0.99998), and the
layout over it was what kept our refinement below umap-learn's fit. Repaired, it keeps
0.992 (PyPI's 785k summaries: 0.783 → 0.852), for 17–22 s, and the default layout keeps
0.435 of the 10-NN instead of 0.392 (PyPI 0.050 → 0.055; bench/knn_repair.py,
docs/scale.md). Three steps, none of them tuned to a corpus:

1. **Lost searches** (``lost_rows``): a row's own vector is in the index, so a search
   that returns neither the row nor an identical vector has failed. Those rows are
   searched again with a wider beam (``RETRY_EXPANSION``).
2. **Exact distances** (``exact_distances``): the i8 distances order near-equal
   neighbours at random; the float32 vectors order them right.
3. **Reverse neighbours** (``merge_reverse``): if row j found row i, i is a candidate
   for j, at the distance already measured. A row whose own search strayed is usually
   found by its true neighbours.

The result has ``knn_graph``'s form: (indices, cosine distances), self first, then by
(distance, index).
"""
from __future__ import annotations

import numba
import numpy as np

from datamap.tasks.usearch_batches import search_dealt

RETRY_EXPANSION = 256   # the beam (usearch expansion_search) a lost row is searched again with
IDENTICAL = 1e-6        # cosine distance under which a candidate counts as the row's own vector


@numba.njit(parallel=True, fastmath=True, cache=True)
def _exact(vectors, inv_norm, rows, keys, visit, out):
    d = vectors.shape[1]
    for p in numba.prange(len(visit)):
        r = visit[p]
        i = rows[r]
        for j in range(keys.shape[1]):
            o = keys[r, j]
            s = np.float32(0.0)
            for t in range(d):
                s += vectors[i, t] * vectors[o, t]
            out[r, j] = max(np.float32(0.0), np.float32(1.0) - s * inv_norm[i] * inv_norm[o])


def exact_distances(vectors: np.ndarray, inv_norm: np.ndarray, rows: np.ndarray, keys: np.ndarray,
                    chunk: int = 4096, visit: np.ndarray | None = None) -> np.ndarray:
    """Cosine distance of each of ``rows`` to each of its candidates (``keys``, one row of
    candidates per row), from the vectors and their inverse norms (0 for a zero row).
    float32 vectors go through one parallel loop; others (a float16 map) are widened a
    chunk of rows at a time, so no float32 copy of the whole map is made.

    ``visit`` (a permutation of ``range(len(rows))``, e.g. a locality order) is the order
    the rows are measured in; the result is the same. In a locality order a row's
    candidates were mostly read for the rows before it: the 1M synthetic graph's 33M
    distances took 4.2–5.3 s in row order and 1.7–2.1 s so."""
    rows = np.asarray(rows, np.int64)
    keys = np.ascontiguousarray(keys, np.int64)
    out = np.empty(keys.shape, np.float32)
    visit = np.arange(len(rows), dtype=np.int64) if visit is None else np.asarray(visit, np.int64)
    if vectors.dtype == np.float32 and vectors.flags.c_contiguous:
        _exact(vectors, inv_norm, rows, keys, visit, out)
        return out
    for s in range(0, len(visit), chunk):
        at = visit[s:s + chunk]
        r, kk = rows[at], keys[at]
        a = np.asarray(vectors[r], np.float32)
        b = np.asarray(vectors[kk.ravel()], np.float32).reshape(len(r), kk.shape[1], -1)
        cos = np.einsum("rd,rkd->rk", a, b) * inv_norm[r][:, None] * inv_norm[kk]
        out[at] = np.maximum(0.0, 1.0 - cos)
    return out


def inverse_norms(vectors: np.ndarray, chunk: int = 65_536) -> np.ndarray:
    """1 / each row's length (0 for a zero row), read in chunks: no float64 copy of a big map."""
    out = np.empty(len(vectors), np.float32)
    for s in range(0, len(vectors), chunk):
        nrm = np.linalg.norm(np.asarray(vectors[s:s + chunk], np.float32), axis=1)
        out[s:s + chunk] = np.where(nrm > 0, 1.0 / np.where(nrm > 0, nrm, 1.0), 0.0)
    return out


def lost_rows(keys: np.ndarray, dist: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Positions (into ``rows``) of searches that returned neither the row itself nor an
    identical vector: ``keys``/``dist`` are the search's answers for ``rows``, ``dist``
    exact."""
    found_self = (keys == rows[:, None]).any(axis=1)
    return np.nonzero(~found_self & (dist.min(axis=1) > IDENTICAL))[0]


@numba.njit(cache=True)
def _reverse(keys, n):
    """(row pointer, source row, column) of every edge j → keys[j, c], grouped by target."""
    k = keys.shape[1]
    counts = np.zeros(n + 1, np.int64)
    for j in range(keys.shape[0]):
        for c in range(k):
            counts[keys[j, c] + 1] += 1
    ptr = np.cumsum(counts)
    fill = ptr[:-1].copy()
    src = np.empty(ptr[-1], np.int32)
    col = np.empty(ptr[-1], np.int8)
    for j in range(keys.shape[0]):
        for c in range(k):
            t = keys[j, c]
            src[fill[t]] = j
            col[fill[t]] = c
            fill[t] += 1
    return ptr, src, col


@numba.njit(parallel=True, cache=True)
def _merge(keys, dist, ptr, src, col, out_k, out_d):
    n, k = keys.shape
    for i in numba.prange(n):
        m = k + ptr[i + 1] - ptr[i]
        ck = np.empty(m, np.int64)
        cd = np.empty(m, np.float32)
        ck[:k] = keys[i]
        cd[:k] = dist[i]
        for e in range(ptr[i], ptr[i + 1]):
            ck[k + e - ptr[i]] = src[e]
            cd[k + e - ptr[i]] = dist[src[e], col[e]]
        order = np.argsort(cd, kind="mergesort")
        out_k[i, 0] = i
        out_d[i, 0] = 0.0
        got = 1
        for o in order:
            if got == k:
                break
            c = ck[o]
            if c == i:
                continue
            seen = False
            for g in range(1, got):
                if out_k[i, g] == c:
                    seen = True
                    break
            if not seen:
                out_k[i, got] = c
                out_d[i, got] = cd[o]
                got += 1
        for g in range(got, k):       # fewer distinct candidates than k: pad with self
            out_k[i, g] = i
            out_d[i, g] = 0.0
        # equal distances in index order, as exact_knn breaks ties
        for g in range(2, got):
            h = g
            while h > 1 and out_d[i, h] == out_d[i, h - 1] and out_k[i, h] < out_k[i, h - 1]:
                out_k[i, h], out_k[i, h - 1] = out_k[i, h - 1], out_k[i, h]
                h -= 1


def merge_reverse(keys: np.ndarray, dist: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``k`` nearest among its own candidates and the rows that have it among
    theirs (at the distance they measured), self first, then by (distance, index)."""
    keys = np.ascontiguousarray(keys, np.int64)
    dist = np.ascontiguousarray(dist, np.float32)
    ptr, src, col = _reverse(keys, len(keys))
    out_k = np.empty_like(keys)
    out_d = np.empty_like(dist)
    _merge(keys, dist, ptr, src, col, out_k, out_d)
    return out_k, out_d


def retry(index, vectors: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    """``rows`` searched again with a beam of ``RETRY_EXPANSION`` (the index's own beam
    is put back after): their keys, (len(rows), k)."""
    before = index.expansion_search
    index.expansion_search = max(RETRY_EXPANSION, int(before))
    try:
        return search_dealt(index, vectors, rows, k)[0]
    finally:
        index.expansion_search = before


def exact_with_retry(index, vectors: np.ndarray, inv: np.ndarray, rows: np.ndarray, keys: np.ndarray,
                     n: int, visit: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Steps 1–2 for ``rows`` and the index's answers ``keys`` (keys outside [0, n) are
    usearch's padding, made the row itself): exact distances, lost searches run again.
    ``visit``: the order to measure and search in (``exact_distances``), e.g. a locality
    order. Returns (keys, exact distances, searches lost, of those found again)."""
    keys = np.where((keys >= 0) & (keys < n), keys, rows[:, None])
    dist = exact_distances(vectors, inv, rows, keys, visit=visit)
    lost = lost_rows(keys, dist, rows)
    if not len(lost):
        return keys, dist, 0, 0
    if visit is not None:      # near rows one after another: the wide searches share cached nodes
        rank = np.empty(len(rows), np.int64)
        rank[visit] = np.arange(len(rows))
        lost = lost[np.argsort(rank[lost], kind="stable")]
    again = retry(index, vectors, rows[lost], keys.shape[1])
    keys[lost] = np.where((again >= 0) & (again < n), again, rows[lost][:, None])
    dist[lost] = exact_distances(vectors, inv, rows[lost], keys[lost])
    still = lost_rows(keys[lost], dist[lost], rows[lost])
    return keys, dist, int(len(lost)), int(len(lost) - len(still))


def repair(index, vectors: np.ndarray, keys: np.ndarray, order: np.ndarray | None = None
           ) -> tuple[tuple[np.ndarray, np.ndarray], dict]:
    """``keys`` (N, k), the index's answers for every row (usearch pads a short answer
    with keys ≥ N), repaired as the module says: ((indices, exact cosine distances),
    what was done: searches found lost, and how many of those the wider beam fixed).
    ``order``: the map's locality order, if it has one; the rows are measured and lost
    ones searched again in it (the same result, fewer cache misses)."""
    n = len(vectors)
    keys, dist, lost, fixed = exact_with_retry(index, vectors, inverse_norms(vectors), np.arange(n), keys, n,
                                               visit=order)
    return merge_reverse(keys, dist), {"lost": lost, "found_again": fixed}


def repair_rows(index, vectors: np.ndarray, rows: np.ndarray, keys: np.ndarray, n: int
                ) -> tuple[np.ndarray, np.ndarray]:
    """A refresh's search of a subset ``rows`` (the index's answers ``keys``, keys ≥ ``n``
    are padding) in ``knn_graph``'s form: lost searches again with the wider beam, exact
    distances, self first, then by (distance, index), short rows padded with self. No
    reverse neighbours: they would need the whole graph, which a refresh only patches."""
    rows = np.asarray(rows, np.int64)
    k = keys.shape[1]
    keys, dist, _, _ = exact_with_retry(index, vectors, inverse_norms(vectors[:n]), rows, keys, n)
    dist = np.where(keys == rows[:, None], np.inf, dist)      # self goes first, below
    order = np.lexsort((keys, dist), axis=1)
    keys, dist = np.take_along_axis(keys, order, 1), np.take_along_axis(dist, order, 1)
    out_k = np.concatenate([rows[:, None], keys[:, :k - 1]], axis=1)
    out_d = np.concatenate([np.zeros((len(rows), 1), np.float32), dist[:, :k - 1]], axis=1)
    pad = ~np.isfinite(out_d)
    out_k[pad] = np.broadcast_to(rows[:, None], out_k.shape)[pad]
    out_d[pad] = 0.0
    return out_k, out_d.astype(np.float32)
