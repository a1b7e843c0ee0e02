"""Duplicate clusters from near-neighbour pairs: the one rule shared by build and reader.

The build (``tasks.dedupe``) and ``m.duplicates.rethreshold`` both call
``cluster_pairs`` on the same stored pairs, so a rethreshold gives exactly what a
rebuild at that cutoff gives. Only numpy is used, so the reader can run it.

The rule (greedy leader clustering, which cannot chain):

1. Keep the pairs whose cosine distance is ``<= cutoff`` (and, when the build ran the
   text check, that it did not judge two different records: ``text_distinct``).
2. Order the points that have at least one such neighbour by *centrality*: more
   neighbours within the cutoff first; ties: smaller total distance to them first;
   ties: smaller id (string order) first.
3. Walk that order. A point not yet in a cluster becomes the *retained point* of a new
   cluster, and every neighbour within the cutoff that is not yet in a cluster joins it.
4. Walk it again: a retained point that got no members, though it has neighbours within
   the cutoff, takes the nearest of them whose cluster keeps another member.
5. Points left over (and retained points that still have no members) are singletons.

So every member is within the cutoff of its cluster's retained point (a chain
a–b–c–d cannot become one cluster), no two retained points are within the cutoff of
each other, and the result depends only on the pairs and the ids, never on chance.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SINGLETON = "singleton"
RETENTION = "retention candidate"
DELETION = "deletion candidate"
CLASSES = (SINGLETON, RETENTION, DELETION)

# The text check's verdict on a near pair (``tasks.dedupe_check``), stored per pair in
# duplicate_neighbors.parquet. The first three say "the same record", the last five
# "different records" (a sibling from one template). ``unchecked``: no text to compare.
TEXT_SAME = ("equal", "reworded", "contained")
TEXT_DISTINCT = ("substituted", "qualified", "qualifier", "described", "paragraph")   # new reasons go last: stored codes stay valid
TEXT_REASONS = TEXT_SAME + TEXT_DISTINCT
UNCHECKED = -1
# A "reworded" pair shares few words, so only the embedding says it is the same record:
# it must then be twice as close as the cutoff (agreement of two signals).
REWORDED_SHARE = 0.5


def text_distinct(codes: np.ndarray, d: np.ndarray, cutoff: float) -> np.ndarray:
    """True for pairs the text check keeps apart at ``cutoff``: the difference names
    another thing, or the texts share few words and the vectors are not twice as close
    as the cutoff. ``codes``: index into ``TEXT_REASONS`` (``UNCHECKED`` = -1: never apart)."""
    codes = np.asarray(codes)
    reworded = codes == TEXT_REASONS.index("reworded")
    far = np.asarray(d, dtype=np.float32) > np.float32(REWORDED_SHARE * float(cutoff))
    return (codes >= len(TEXT_SAME)) | (reworded & far)


@dataclass
class Clusters:
    """Per point (row position order)."""
    cluster_id: np.ndarray        # int64; singletons have their own id
    retained: np.ndarray          # int64 row position of the cluster's retained point
    distance: np.ndarray          # float32 cosine distance to the retained point (0 for it)
    duplicate_class: np.ndarray   # object array of CLASSES
    cutoff: float

    @property
    def n_clusters(self) -> int:
        """Clusters with more than one member."""
        return int((self.duplicate_class == RETENTION).sum())

    @property
    def n_deletion(self) -> int:
        return int((self.duplicate_class == DELETION).sum())


def canonical_pairs(a: np.ndarray, b: np.ndarray, d: np.ndarray, n: int
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unordered pairs as (lo, hi, distance) with lo < hi, unique, sorted by (lo, hi).
    Pairs that already are (the dedupe search's output) come back as they are: a million
    rows' 32M pairs cost ~2.5 GB of keys and sort indices to put in the order they have."""
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    d = np.asarray(d, dtype=np.float32)
    if _canonical(a, b):
        return a, b, d
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    ok = lo != hi
    lo, hi, d = lo[ok], hi[ok], d[ok]
    key = lo * np.int64(n) + hi
    key, first = np.unique(key, return_index=True)   # sorted, first occurrence kept
    return key // n, key % n, d[first]


def _canonical(a: np.ndarray, b: np.ndarray, chunk: int = 1 << 20) -> bool:
    """lo < hi in every pair and the pairs strictly increasing by (lo, hi).

    Checked a chunk at a time (each chunk overlapping the next by one pair): whole-array
    differences of a million-row map's 33M pairs were two fresh 260 MB arrays, whose first
    touch cost this VM 1–4 s; chunks reuse a few megabytes (0.12 s)."""
    for s in range(0, len(a), chunk):
        aa, bb = a[s:s + chunk + 1], b[s:s + chunk + 1]
        if not bool((aa < bb).all()):
            return False
        da = aa[1:] - aa[:-1]
        if not bool(((da > 0) | ((da == 0) & (bb[1:] > bb[:-1]))).all()):
            return False
    return True


def cluster_pairs(n: int, ids, a: np.ndarray, b: np.ndarray, d: np.ndarray, cutoff: float,
                  apart: np.ndarray | None = None) -> Clusters:
    """Clusters of ``n`` points given near pairs (row positions ``a``, ``b``, float32 cosine
    distance ``d``) and the ids (for ties). Pairs in any order or direction. ``apart``
    (bool per pair, from ``text_distinct``): pairs that are never duplicates, whatever
    their distance — they are dropped before the rule runs."""
    if apart is not None:
        keep = ~np.asarray(apart, dtype=bool)
        a, b, d = np.asarray(a)[keep], np.asarray(b)[keep], np.asarray(d)[keep]
    a, b, d = canonical_pairs(a, b, d, n)
    keep = d <= np.float32(cutoff)
    a, b, d = a[keep], b[keep], d[keep]
    src, dst, dd = _both_directions(a, b, d, n)
    del a, b, d
    deg = np.bincount(src, minlength=n)
    total = np.bincount(src, weights=dd.astype(np.float64), minlength=n)
    indptr = np.concatenate([[0], np.cumsum(deg)])

    cluster = np.full(n, -1, dtype=np.int64)
    retained = np.arange(n, dtype=np.int64)
    dist = np.zeros(n, dtype=np.float32)
    members = np.zeros(n, dtype=np.int64)

    cand = np.nonzero(deg > 0)[0]
    if cand.size:
        id_rank = _id_rank(ids, cand)
        walk = cand[np.lexsort((id_rank, total[cand], -deg[cand]))]
        next_id = 0
        for p in walk.tolist():
            if cluster[p] >= 0:
                continue
            cluster[p] = next_id
            s, e = indptr[p], indptr[p + 1]
            nb = dst[s:e]
            free = cluster[nb] < 0
            if free.any():
                got = nb[free]
                cluster[got] = next_id
                retained[got] = p
                dist[got] = dd[s:e][free]
                members[p] = got.size
            next_id += 1
        _pair_left_alone(walk, indptr, dst, dd, cluster, retained, dist, members)
    else:
        next_id = 0
    rest = np.nonzero(cluster < 0)[0]
    cluster[rest] = np.arange(next_id, next_id + rest.size)

    cls = np.full(n, SINGLETON, dtype=object)
    cls[members > 0] = RETENTION
    cls[retained != np.arange(n)] = DELETION
    return Clusters(cluster, retained, dist, cls, float(cutoff))


_KEY_BITS = 62      # an edge's source and position in one non-negative int64


def _both_directions(a: np.ndarray, b: np.ndarray, d: np.ndarray, n: int
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair of ``canonical_pairs`` (lo < hi, sorted by (lo, hi)) as two directed
    edges, sorted by (source, destination): an adjacency list.

    Why no argsort: the edges are the reversed pairs (hi → lo) followed by the pairs
    (lo → hi). Sorted by source alone, stably, a source's reversed edges come first with
    their destinations below it and ascending, then its own pairs' above it, ascending:
    (source, destination) order. A stable sort by source is a plain sort of one int64 per
    edge, source above the edge's position; numpy's vectorised sort took 0.2 s for a
    million-row map's 20M edges, where a stable argsort of (source, destination) keys
    took 3 s. Keys wider than 62 bits (rows × 2·pairs ≥ 2^62, far beyond one machine's
    memory) take the argsort."""
    m = len(a)
    bits = max(1, (2 * m).bit_length())
    if max(1, int(n)).bit_length() + bits > _KEY_BITS:
        key = np.concatenate([a * np.int64(n) + b, b * np.int64(n) + a])
        order = np.argsort(key, kind="stable")
        return key[order] // n, key[order] % n, np.concatenate([d, d])[order]
    key = np.concatenate([b, a])                 # sources: the reversed edges, then the pairs
    key <<= bits
    key |= np.arange(2 * m, dtype=np.int64)
    key.sort()
    pos = key & np.int64((1 << bits) - 1)
    key >>= bits
    dst = np.concatenate([a, b])[pos]
    dd = np.concatenate([d, d])[pos]
    return key, dst, dd


def _pair_left_alone(walk: np.ndarray, indptr: np.ndarray, dst: np.ndarray, dd: np.ndarray,
                     cluster: np.ndarray, retained: np.ndarray, dist: np.ndarray,
                     members: np.ndarray) -> None:
    """Step 4 of the rule, in place: a retained point left without members although it
    has a duplicate takes its nearest duplicate from a cluster that keeps another member.

    The walk leaves such a point alone when every neighbour within the cutoff was taken
    by a retained point farther than the cutoff from it (no chaining). On the million
    synthetic near-copies that was 30k points, most of the 3.8 % of rows with a duplicate
    within 0.1 that came out as singletons (SemHash, which lets a later point join an
    earlier point's cluster by comparing with its retained point directly, missed 1.8 %).
    Moving the neighbour keeps every guarantee: it is within the cutoff of its new
    retained point, the cluster it leaves keeps a member, and the set of points that
    survive deletion does not change. Walk order, nearest first (ties: smaller row
    position), so the result depends only on the pairs, the ids and the rows' order, which
    a rebuild of the same input and ``rethreshold`` share."""
    alone = walk[(retained[walk] == walk) & (members[walk] == 0)]
    for p in alone.tolist():
        s, e = indptr[p], indptr[p + 1]
        nb = dst[s:e]
        lead = retained[nb]
        ok = (lead != nb) & (members[lead] >= 2)
        if not ok.any():
            continue
        cand = np.nonzero(ok)[0]
        j = int(cand[np.argmin(dd[s:e][cand])])   # nearest; ties: smaller row (pairs sorted by it)
        q, old = int(nb[j]), int(lead[j])
        members[old] -= 1
        members[p] = 1
        retained[q] = p
        cluster[q] = cluster[p]
        dist[q] = dd[s + j]


def _id_rank(ids, rows: np.ndarray) -> np.ndarray:
    """Rank of each row's id in string order (ties between equal centrality go by id)."""
    sub = np.asarray([str(ids[i]) for i in rows.tolist()], dtype=object) if not isinstance(ids, np.ndarray) \
        else np.asarray(ids, dtype=object)[rows]
    order = np.argsort(sub.astype(str), kind="stable")
    rank = np.empty(rows.size, dtype=np.int64)
    rank[order] = np.arange(rows.size)
    return rank
