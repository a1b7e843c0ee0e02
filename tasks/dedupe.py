"""Dedupe: semantic-duplicate clusters from the latent vectors and the k-NN graph.

Two steps, both deterministic for a given neighbour graph:

1. ``near_pairs``: every pair of points closer than ``neighbor_radius`` (cosine
   distance), found from the index stage's k-NN graph; points whose 32 neighbours are
   all that close are asked for more from the usearch index, so big clusters are
   complete. Candidate distances are recomputed from the vectors themselves (float32,
   ~1e-6), so an f16 index does not blur the cutoff. Maps up to ``exact_below`` rows skip the approximate index and compare all
   pairs (blocked matrix products): exact and identical across rebuilds (usearch
   builds its graph with several threads, so two builds may differ in a few
   neighbours).
2. ``resources.duplicate_clusters.cluster_pairs``: the greedy, chain-free leader rule
   that the reader's ``rethreshold`` runs on the stored pairs too.

The pairs up to ``neighbor_radius`` (≥ the cutoff) are kept in the version, which is
what lets ``m.duplicates.rethreshold(c)`` give, for any ``c <= neighbor_radius``,
exactly what a rebuild at ``c`` gives.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

import numpy as np

from datamap.resources.duplicate_clusters import Clusters, canonical_pairs, cluster_pairs
from datamap.resources.errors import InvalidOption
from datamap.resources.options import options_from_dict


class InvalidDuplicateOptions(InvalidOption):
    """Dedupe options out of range or unknown."""


BIG_MAP = 200_000          # rows from which the widening search is capped (same threshold as the index's)
BIG_MAP_NEIGHBORS = 128
SEARCH_CHUNK = 8_192       # queries per widening search call: bounds its result arrays


@dataclass
class DuplicateOptions:
    tag_duplicates: bool = True       # expose deletion candidates as the "duplicates" tag
    duplicate_cutoff: float = 0.1     # cosine distance (Atlas default): 1 - cosine similarity
    neighbor_radius: float = 0.2      # pairs kept for rethreshold (any cutoff up to this)
    exact_below: int = 20_000         # maps with fewer rows: exact all-pairs, no index
    margin: float = 0.02              # slack on index distances before the exact recheck
    max_neighbors: int | None = None  # widening cap per point; None: unlimited below BIG_MAP rows, else BIG_MAP_NEIGHBORS

    @classmethod
    def from_dict(cls, d: dict | None) -> "DuplicateOptions":
        o = options_from_dict(cls, d, "dedupe", InvalidDuplicateOptions)
        if not 0.0 <= float(o.duplicate_cutoff) < 2.0:
            raise InvalidDuplicateOptions(
                f"duplicate_cutoff is a cosine distance in [0, 2); got {o.duplicate_cutoff!r} (Atlas uses 0.1)")
        if float(o.neighbor_radius) < 0 or float(o.neighbor_radius) >= 2.0:
            raise InvalidDuplicateOptions(f"neighbor_radius must be in [0, 2); got {o.neighbor_radius!r}")
        return o

    def neighbor_cap(self, n: int) -> int:
        """How far one point's neighbour search may widen. Unlimited keeps every pair of a
        huge group of near-copies (exact rethreshold), but a million-row map full of such
        groups then holds hundreds of millions of pairs (17 GB measured at 1M); big maps cap
        it, so a group larger than the cap is clustered from each member's nearest
        ``cap`` copies only."""
        if self.max_neighbors is not None:
            return max(1, int(self.max_neighbors))
        return n if n < BIG_MAP else BIG_MAP_NEIGHBORS

    @property
    def radius(self) -> float:
        """Pairs are kept up to this distance (never below the cutoff)."""
        return max(float(self.duplicate_cutoff), float(self.neighbor_radius))


@dataclass
class DuplicateResult:
    a: np.ndarray          # row positions, a < b, sorted
    b: np.ndarray
    distance: np.ndarray   # float32 exact cosine distance, <= radius
    clusters: Clusters
    radius: float
    method: str
    seconds: dict = field(default_factory=dict)


def find_duplicates(ids, vectors: np.ndarray, options: DuplicateOptions | None = None,
                    knn_idx: np.ndarray | None = None, knn_dist: np.ndarray | None = None,
                    index=None) -> DuplicateResult:
    """Near pairs within the radius and the clusters at the cutoff."""
    options = options or DuplicateOptions()
    t0 = time.perf_counter()
    n = len(vectors)
    if n < options.exact_below or knn_idx is None:
        a, b, d = exact_pairs(vectors, options.radius)
        method = "exact"
    else:
        a, b, d = near_pairs(vectors, knn_idx, knn_dist, options.radius, index=index, margin=options.margin,
                             max_neighbors=options.neighbor_cap(n))
        method = "index"
    t1 = time.perf_counter()
    cl = cluster_pairs(n, ids, a, b, d, options.duplicate_cutoff)
    t2 = time.perf_counter()
    return DuplicateResult(a, b, d, cl, options.radius, method,
                           {"pairs": t1 - t0, "cluster": t2 - t1})


def _unit(vectors: np.ndarray) -> np.ndarray:
    v = np.asarray(vectors, dtype=np.float32)
    norm = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.where(norm > 0, norm, 1.0)


def exact_distances(vectors: np.ndarray, a: np.ndarray, b: np.ndarray, chunk: int = 65_536) -> np.ndarray:
    """Cosine distances of pairs (a[i], b[i]) from the vectors themselves (float32 SIMD
    dot products in cache-sized chunks: ~1e-6 accurate, deterministic for given input)."""
    out = np.empty(len(a), dtype=np.float32)
    v = np.asarray(vectors)
    for s in range(0, len(a), chunk):
        x = v[a[s:s + chunk]].astype(np.float32, copy=False)
        y = v[b[s:s + chunk]].astype(np.float32, copy=False)
        denom = np.sqrt(np.einsum("ij,ij->i", x, x)) * np.sqrt(np.einsum("ij,ij->i", y, y))
        cos = np.einsum("ij,ij->i", x, y) / np.where(denom > 0, denom, 1.0)
        cos[denom == 0] = 0.0
        out[s:s + chunk] = np.clip(1.0 - cos, 0.0, 2.0)
    return out


def exact_pairs(vectors: np.ndarray, radius: float, block: int = 2048
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All pairs within ``radius``: blocked float32 matrix products, exact recheck after."""
    u = _unit(vectors)
    n = len(u)
    lim = np.float32(1.0 - radius - 1e-3)   # float32 slack; exact_distances decides
    aa, bb = [], []
    for s in range(0, n, block):
        sim = u[s:s + block] @ u[s:].T      # upper triangle only: columns from s on
        r, c = np.nonzero(sim >= lim)
        c = c + s
        r = r + s
        keep = c > r
        aa.append(r[keep])
        bb.append(c[keep])
    a = np.concatenate(aa) if aa else np.zeros(0, np.int64)
    b = np.concatenate(bb) if bb else np.zeros(0, np.int64)
    return _finish(vectors, a, b, radius, n)


def near_pairs(vectors: np.ndarray, knn_idx: np.ndarray, knn_dist: np.ndarray, radius: float,
               index=None, margin: float = 0.02, max_neighbors: int | None = None
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs within ``radius`` from the k-NN graph, widened through ``index`` where needed
    (never past ``max_neighbors`` per point).

    Candidates are checked against the vectors chunk by chunk and only the pairs that
    pass are kept (as one int64 key per unordered pair): memory follows the result, not
    the candidates, which on a million near-copies are several times more."""
    n, k = knn_idx.shape
    cap = n if max_neighbors is None else min(n, max(int(max_neighbors), 1))
    lim = radius + margin
    keys: list[np.ndarray] = []
    dists: list[np.ndarray] = []

    def keep(a: np.ndarray, b: np.ndarray) -> None:
        if not len(a):
            return
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        key = np.unique(lo * np.int64(n) + hi)
        d = exact_distances(vectors, key // n, key % n)
        ok = d <= np.float32(radius)
        keys.append(key[ok])
        dists.append(d[ok])

    for s in range(0, n, SEARCH_CHUNK * 8):
        ki = np.asarray(knn_idx[s:s + SEARCH_CHUNK * 8])
        kd = np.asarray(knn_dist[s:s + SEARCH_CHUNK * 8])
        rows = np.arange(s, s + len(ki))[:, None]
        hit = (kd <= lim) & (ki != rows) & (ki >= 0) & (ki < n)
        r, c = np.nonzero(hit)
        keep(r.astype(np.int64) + s, ki[r, c].astype(np.int64))
    todo = np.nonzero(np.asarray(knn_dist[:, -1]) <= lim)[0] if k < n else np.zeros(0, np.int64)
    kk = k
    while todo.size and index is not None and kk < cap:
        done, kk = kk, min(cap, kk * 2)
        still = []
        for s in range(0, len(todo), SEARCH_CHUNK):
            part = todo[s:s + SEARCH_CHUNK]
            q = np.ascontiguousarray(np.asarray(vectors)[part], dtype=np.float32)
            res = index.search(q, kk, threads=os.cpu_count() or 1)
            found = np.asarray(res.keys).reshape(len(part), -1).astype(np.uint64)
            dist = np.asarray(res.distances, dtype=np.float32).reshape(len(part), -1)
            valid = found < np.uint64(n)
            ok = valid & (dist <= lim) & (found.astype(np.int64, copy=False) != part[:, None])
            ok[:, :done] = False   # the nearest `done` were checked by the previous round
            rr, cc = np.nonzero(ok)
            keep(part[rr], found[rr, cc].astype(np.int64))
            still.append(part[valid.all(axis=1) & (dist[:, -1] <= lim)])
        todo = np.concatenate(still)
    if not keys:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    key, first = np.unique(np.concatenate(keys), return_index=True)
    d = np.concatenate(dists)[first]
    return key // n, key % n, d


def _finish(vectors, a, b, radius, n):
    a, b, _ = canonical_pairs(a, b, np.zeros(len(a), np.float32), n)
    d = exact_distances(vectors, a, b)
    keep = d <= np.float32(radius)
    return a[keep], b[keep], d[keep]
