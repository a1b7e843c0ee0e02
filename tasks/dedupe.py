"""Dedupe: semantic-duplicate clusters from the latent vectors and the k-NN graph.

Two steps, both deterministic for a given neighbour graph:

1. ``near_pairs``: every pair of points closer than ``neighbor_radius`` (cosine
   distance), found from the index stage's k-NN graph; points whose 32 neighbours are
   all that close are asked for more from the usearch index, so big clusters are
   complete. Candidate distances are recomputed from the vectors themselves (float32,
   ~1e-6), so an f16 or i8 index does not blur the cutoff; the graph's own distances are
   kept where a sample shows them exact already (the index stage's repair computes them
   so: ``graph_distances_exact``). Maps up to ``exact_below`` rows skip the approximate index and compare all
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
from dataclasses import dataclass, field, replace

import numpy as np

from datamap.resources.duplicate_clusters import Clusters, canonical_pairs, cluster_pairs, text_distinct
from datamap.resources.vectors import row_norms
from datamap.tasks.dedupe_groups import copy_groups, expand
from datamap.tasks.locality import locality_order
from datamap.tasks.sorted_keys import distinct, firsts
from datamap.tasks.threaded import in_threads
from datamap.tasks.usearch_batches import search_dealt
from datamap.resources.errors import InvalidOption
from datamap.resources.options import options_from_dict


class InvalidDuplicateOptions(InvalidOption):
    """Dedupe options out of range or unknown."""


BIG_MAP = 200_000          # rows from which the widening search is capped (same threshold as the index's)
BIG_MAP_NEIGHBORS = 128
SEARCH_CHUNK = 8_192       # queries per widening search call: bounds its result arrays
GRAPH_CHUNK = SEARCH_CHUNK * 8   # graph rows whose pairs are read at a time
LOCALITY_QUERIES = 50_000  # widening searches from which the queries go in locality order


@dataclass
class DuplicateOptions:
    tag_duplicates: bool = True       # expose deletion candidates as the "duplicates" tag
    duplicate_cutoff: float = 0.1     # cosine distance (Atlas default): 1 - cosine similarity
    neighbor_radius: float = 0.2      # pairs kept for rethreshold (any cutoff up to this)
    exact_below: int = 20_000         # maps with fewer rows: exact all-pairs, no index
    margin: float = 0.02              # slack on index distances before the exact recheck
    max_neighbors: int | None = None  # widening cap per point; None: unlimited below BIG_MAP rows, else BIG_MAP_NEIGHBORS
    widen_radius: float | None = None # widen a point whose graph neighbours all lie within this; None: see widen_to
    text_check: bool = True           # keep apart near pairs whose texts differ by a name, number or role (tasks.dedupe_check); False: Atlas's bare cutoff

    @classmethod
    def from_dict(cls, d: dict | None) -> "DuplicateOptions":
        o = options_from_dict(cls, d, "dedupe", InvalidDuplicateOptions)
        if not 0.0 <= float(o.duplicate_cutoff) < 2.0:
            raise InvalidDuplicateOptions(
                f"duplicate_cutoff is a cosine distance in [0, 2); got {o.duplicate_cutoff!r} (Atlas uses 0.1)")
        if float(o.neighbor_radius) < 0 or float(o.neighbor_radius) >= 2.0:
            raise InvalidDuplicateOptions(f"neighbor_radius must be in [0, 2); got {o.neighbor_radius!r}")
        w = o.widen_radius
        if w is not None and (isinstance(w, bool) or not isinstance(w, (int, float)) or not 0.0 <= w < 2.0):
            raise InvalidDuplicateOptions(f"widen_radius must be a cosine distance in [0, 2) or unset; "
                                          f"got {o.widen_radius!r}")
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

    def widen_to(self, n: int) -> float:
        """The distance up to which each point's pairs are complete (to the cap): a point
        whose 32 graph neighbours all lie within it is searched wider. Below ``BIG_MAP``
        rows that is the stored radius, so ``rethreshold`` up to it is exact. From
        ``BIG_MAP`` rows it is the cutoff, as SemHash searches: widening every point with 32
        neighbours within the radius (twice the cutoff) searched 695k of a million
        synthetic near-copies at 128 instead of 339k, for pairs only ``rethreshold`` above
        the cutoff reads. There, pairs beyond the cutoff come from the 33-NN graph."""
        if self.widen_radius is not None:
            return min(max(float(self.widen_radius), float(self.duplicate_cutoff)), self.radius)
        return self.radius if n < BIG_MAP else float(self.duplicate_cutoff)

    @property
    def radius(self) -> float:
        """Pairs are kept up to this distance (never below the cutoff)."""
        return max(float(self.duplicate_cutoff), float(self.neighbor_radius))


@dataclass
class DuplicateResult:
    a: np.ndarray          # row positions, a < b, sorted
    b: np.ndarray
    distance: np.ndarray   # float32 exact cosine distance, <= radius
    clusters: Clusters | None   # None until cut_clusters
    radius: float
    method: str
    seconds: dict = field(default_factory=dict)
    text_codes: np.ndarray | None = None   # int8 per pair: index into TEXT_REASONS; None: check off
    text_check: dict = field(default_factory=dict)   # the manifest's record of the check
    complete_to: float | None = None   # every point's pairs are complete up to this (None: the radius)


def find_duplicates(ids, vectors: np.ndarray, options: DuplicateOptions | None = None,
                    knn_idx: np.ndarray | None = None, knn_dist: np.ndarray | None = None,
                    index=None, texts=None, order: np.ndarray | None = None) -> DuplicateResult:
    """Near pairs within the radius and the clusters at the cutoff: ``find_pairs`` then
    ``cut_clusters`` (see them)."""
    options = options or DuplicateOptions()
    pairs = find_pairs(ids, vectors, options, knn_idx, knn_dist, index, texts, order)
    return cut_clusters(pairs, ids, options)


def find_pairs(ids, vectors: np.ndarray, options: DuplicateOptions | None = None,
               knn_idx: np.ndarray | None = None, knn_dist: np.ndarray | None = None,
               index=None, texts=None, order: np.ndarray | None = None) -> DuplicateResult:
    """Near pairs within the radius, with their text verdicts; ``clusters`` not cut yet
    (``cut_clusters``), so a caller can write the pairs out while they are. Identical
    vectors are searched once and linked as a star (``tasks.dedupe_groups``); with
    ``texts`` and ``options.text_check``, pairs whose texts name different things are
    marked to be kept apart. ``order``: the index stage's locality order of the rows, if
    it made one; the widening searches then go in that order instead of one computed here."""
    options = options or DuplicateOptions()
    t0 = time.perf_counter()
    n = len(vectors)
    checked = texts is not None and options.text_check
    groups = copy_groups(vectors, ids, texts if checked else None)
    gv = np.asarray(vectors)[groups.rep] if not groups.trivial else vectors
    if n < options.exact_below or knn_idx is None:
        ga, gb, d = exact_pairs(gv, options.radius)
        method = "exact"
    else:
        gk, gd, gindex = _group_graph(groups, knn_idx, knn_dist, index)
        ga, gb, d = near_pairs(gv, gk, gd, options.radius, index=gindex, margin=options.margin,
                               max_neighbors=options.neighbor_cap(n),
                               copies=None if groups.trivial else groups.size - 1,
                               widen_radius=options.widen_to(n),
                               graph_exact=graph_distances_exact(vectors, knn_idx, knn_dist),
                               query_rank=None if order is None else _group_rank(groups, order))
        method = "index"
    a, b, d = expand(groups, ga, gb, d)
    t1 = time.perf_counter()
    codes, info = run_text_check(texts, a, b, d, options)
    t2 = time.perf_counter()
    return DuplicateResult(a, b, d, None, options.radius, method, {"pairs": t1 - t0, "text_check": t2 - t1},
                           codes, info, None if method == "exact" else options.widen_to(n))


def cut_clusters(pairs: DuplicateResult, ids, options: DuplicateOptions) -> DuplicateResult:
    """``pairs`` (``find_pairs``) with its clusters at the cutoff; the pair arrays are
    read, never changed, so a thread may be writing them out meanwhile."""
    t0 = time.perf_counter()
    a, b, d, codes = pairs.a, pairs.b, pairs.distance, pairs.text_codes
    apart = None if codes is None else text_distinct(codes, d, options.duplicate_cutoff)
    cl = cluster_pairs(len(ids), ids, a, b, d, options.duplicate_cutoff, apart)
    info = {**pairs.text_check,
            "rejected_at_cutoff": 0 if apart is None else int((apart & (d <= options.duplicate_cutoff)).sum()),
            "seconds": round(pairs.seconds["text_check"], 3)}
    return replace(pairs, clusters=cl, text_check=info,
                   seconds={**pairs.seconds, "cluster": time.perf_counter() - t0})


def run_text_check(texts, a: np.ndarray, b: np.ndarray, d: np.ndarray, options: DuplicateOptions
                   ) -> tuple[np.ndarray | None, dict]:
    """Reason codes per pair and the manifest's record; (None, why) when the check is off."""
    if not options.text_check:
        return None, {"enabled": False, "why": "dedupe option text_check=False (Atlas's bare cutoff)"}
    if texts is None:
        return None, {"enabled": False, "why": "no text field: nothing to compare"}
    from datamap.tasks.dedupe_check import check_pairs, describe

    codes, compared = check_pairs(texts, a, b)
    return codes, {"enabled": True, **describe(), "pairs": int(len(a)), "text_pairs_compared": compared}


# Graph distances count as exact when a sample of them is within this of exact_distances
# (the repaired graph's differ by float32 rounding, ~5e-7; an i8 index's by ~1e-2).
EXACT_GRAPH_TOLERANCE = 1e-5
EXACT_GRAPH_SAMPLE = 20_000    # rows whose every graph distance is checked


def graph_distances_exact(vectors: np.ndarray, knn_idx: np.ndarray, knn_dist: np.ndarray,
                          sample: int = EXACT_GRAPH_SAMPLE, tol: float = EXACT_GRAPH_TOLERANCE) -> bool:
    """Whether the k-NN graph's distances are exact cosine distances of the vectors, as
    the index stage's repair (``tasks.knn_repair``) and the exact graph of small maps make
    them; then ``near_pairs`` keeps them instead of computing every graph pair again (28M
    pairs, ~9 s on a million rows). Checked on a sample of rows rather than assumed,
    because a graph can come from elsewhere: a refresh keeps its parent's distances, and
    a parent built before the repair has the index's quantised ones."""
    n = len(knn_idx)
    rows = np.random.default_rng(0).choice(n, min(n, sample), replace=False)
    k = np.asarray(knn_idx[rows]).astype(np.int64)
    ok = (k >= 0) & (k < n)
    r, c = np.nonzero(ok)
    if not len(r):
        return False
    d = exact_distances(vectors, rows[r], k[r, c])
    return bool(np.abs(d - np.asarray(knn_dist[rows])[r, c]).max() <= tol)


def _group_rank(groups, order: np.ndarray) -> np.ndarray:
    """Each group's place in a row order: where its representative comes."""
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order))
    return rank[groups.rep]


class _GroupIndex:
    """The usearch index seen from representatives: every key becomes its row's group."""

    def __init__(self, index, group: np.ndarray):
        self._index, self._group = index, group

    def search(self, q, k, threads=1):
        res = self._index.search(q, k, threads=threads)
        keys = np.asarray(res.keys).reshape(len(q), -1).astype(np.int64)
        n = len(self._group)
        ok = (keys >= 0) & (keys < n)
        mapped = np.where(ok, self._group[np.clip(keys, 0, n - 1)], np.iinfo(np.int64).max)
        return _Found(mapped.astype(np.uint64), np.asarray(res.distances, dtype=np.float32))


@dataclass
class _Found:
    keys: np.ndarray
    distances: np.ndarray


def _group_graph(groups, knn_idx, knn_dist, index):
    """The k-NN graph rows of the representatives, neighbours named by group."""
    if groups.trivial:
        return knn_idx, knn_dist, index
    k = np.asarray(knn_idx)[groups.rep].astype(np.int64)
    n = len(groups.group)
    ok = (k >= 0) & (k < n)
    gk = np.where(ok, groups.group[np.clip(k, 0, n - 1)], -1)
    gd = np.asarray(knn_dist)[groups.rep]
    return gk, gd, (None if index is None else _GroupIndex(index, groups.group))


def _unit(vectors: np.ndarray) -> np.ndarray:
    v = np.asarray(vectors, dtype=np.float32)
    norm = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.where(norm > 0, norm, 1.0)


def exact_distances(vectors: np.ndarray, a: np.ndarray, b: np.ndarray, chunk: int = 16_384,
                    norms: np.ndarray | None = None) -> np.ndarray:
    """Cosine distances of pairs (a[i], b[i]) from the vectors themselves (float32 SIMD
    dot products: ~1e-6 accurate, deterministic for given input and any thread count;
    a pair measured either way round gets the same distance).

    Most of the time is reading the two rows of each pair from memory, not the
    arithmetic. float32 vectors go through one parallel loop over the pairs that reads
    the rows in place; pairs given query by query in a locality order (``near_pairs``)
    then mostly find their rows in the cache: 6.4M pairs of the 1M synthetic map took
    0.35 s so, 1.3 s in key order and 2.4 s as numpy gathers. Other dtypes (a float16 map)
    are widened ``chunk`` pairs at a time on every core (numpy releases the GIL); each
    chunk writes its own slice. ``norms``: ``row_norms(vectors)`` when the caller checks
    many batches of pairs."""
    a = np.asarray(a, np.int64)
    b = np.asarray(b, np.int64)
    out = np.empty(len(a), dtype=np.float32)
    v = np.asarray(vectors)
    if v.dtype == np.float32 and v.flags.c_contiguous:
        from datamap.tasks.pair_distances import pair_distances

        pair_distances(v, _pair_norms(v, a, b) if norms is None else np.asarray(norms, np.float32), a, b, out)
        return out

    def run(s: int) -> None:
        x = v[a[s:s + chunk]].astype(np.float32, copy=False)
        y = v[b[s:s + chunk]].astype(np.float32, copy=False)
        if norms is None:
            nx, ny = np.sqrt(np.einsum("ij,ij->i", x, x)), np.sqrt(np.einsum("ij,ij->i", y, y))
        else:
            nx, ny = norms[a[s:s + chunk]], norms[b[s:s + chunk]]
        denom = nx * ny
        cos = np.einsum("ij,ij->i", x, y) / np.where(denom > 0, denom, 1.0)
        cos[denom == 0] = 0.0
        out[s:s + chunk] = np.clip(1.0 - cos, 0.0, 2.0)

    in_threads(run, range(0, len(a), chunk))
    return out


def _pair_norms(v: np.ndarray, a: np.ndarray, b: np.ndarray, chunk: int = 16_384) -> np.ndarray:
    """Row lengths for the rows the pairs name (0 elsewhere), the values ``row_norms``
    gives them: a check of a few pairs (the graph sample, a refresh's new rows) need not
    read every row of a big map. Gathered ``chunk`` rows at a time: the 1M map's graph
    sample names ~300k rows, whose copy at once was 450 MB of fresh memory, 3 s of page
    faults on one core at the start of its dedupe stage."""
    out = np.zeros(len(v), np.float32)
    rows = distinct(np.concatenate([a, b]))
    for s in range(0, len(rows), chunk):
        out[rows[s:s + chunk]] = row_norms(v[rows[s:s + chunk]])
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
               index=None, margin: float = 0.02, max_neighbors: int | None = None,
               copies: np.ndarray | None = None, widen_radius: float | None = None,
               graph_exact: bool = False, query_rank: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs within ``radius`` from the k-NN graph, widened through ``index`` where needed
    (never past ``max_neighbors`` per point): for a point whose graph neighbours all lie
    within ``widen_radius`` (default ``radius``), plus the margin.

    Candidates are checked against the vectors chunk by chunk and only the pairs that
    pass are kept (as one int64 key per unordered pair): memory follows the result, not
    the candidates, which on a million near-copies are several times more.

    ``copies`` (per point: how many identical copies of it the index holds besides
    itself) is given when the points are the representatives of ``tasks.dedupe_groups``:
    a widened query then asks for that many more results and drops them, so a group of
    50,000 identical texts does not hide its neighbours behind its own copies.

    ``graph_exact`` (``graph_distances_exact``): the graph's distances are kept as they
    are rather than computed again. ``query_rank`` (per point): the widening searches go
    in this order (a locality order: neighbours one after another hit the same cached
    index nodes); without it, from ``LOCALITY_QUERIES`` searches one is computed."""
    n, k = knn_idx.shape
    n_index = n if copies is None else n + int(np.sum(copies))
    cap = n_index if max_neighbors is None else min(n_index, max(int(max_neighbors), 1))
    lim = radius + margin
    wide = (radius if widen_radius is None else min(float(widen_radius), radius)) + margin
    keys: list[np.ndarray] = []
    dists: list[np.ndarray] = []
    norms = row_norms(vectors)

    def keep(a: np.ndarray, b: np.ndarray) -> None:
        """The pairs (a, b) within the radius, measured in the order given (query by
        query: their rows are then mostly in the cache), as sorted distinct keys."""
        if not len(a):
            return
        d = exact_distances(vectors, a, b, norms=norms)
        ok = d <= np.float32(radius)
        a, b, d = a[ok], b[ok], d[ok]
        key = np.minimum(a, b) * np.int64(n) + np.maximum(a, b)
        o = np.argsort(key)      # a pair met twice has the same distance both times: any order of the two
        key, d = key[o], d[o]
        first = firsts(key)
        keys.append(key[first])
        dists.append(d[first])

    if graph_exact:     # the graph's chunks sorted on every core (numpy sorts without the GIL)
        for key, d in in_threads(lambda s: _graph_chunk_known(knn_idx, knn_dist, s, n, radius), _graph_starts(n)):
            keys.append(key)
            dists.append(d)
    else:
        for s in _graph_starts(n):
            r, c = _graph_hits(knn_idx, knn_dist, s, n, lim)
            keep(r.astype(np.int64) + s, np.asarray(knn_idx[s:s + GRAPH_CHUNK])[r, c].astype(np.int64))
    todo = np.nonzero(np.asarray(knn_dist[:, -1]) <= wide)[0] if k < n_index else np.zeros(0, np.int64)
    if query_rank is not None:
        todo = todo[np.argsort(query_rank[todo], kind="stable")]
    elif len(todo) >= LOCALITY_QUERIES and index is not None:   # neighbours one after another: cache hits
        todo = locality_order(vectors, rows=todo)
    kk = k
    while todo.size and index is not None and kk < cap:
        done, kk = kk, widen(kk, cap)
        still = []
        for part in _batches(todo, kk, copies):
            found, dist = _search(index, vectors, part, kk, copies)
            valid = found < np.uint64(n)
            ok = valid & (dist <= lim) & (found.astype(np.int64, copy=False) != part[:, None])
            ok[:, :done] = False   # the nearest `done` were checked by the previous round
            rr, cc = np.nonzero(ok)
            keep(part[rr], found[rr, cc].astype(np.int64))
            still.append(part[valid.all(axis=1) & (dist[:, -1] <= wide)])
        todo = np.concatenate(still)
    key, d = merge_pairs(keys, dists)
    keys.clear()                   # the chunks go before the two position arrays are made
    dists.clear()
    a, b = np.divmod(key, np.int64(n))
    return a, b, d


def _graph_starts(n: int) -> range:
    return range(0, n, GRAPH_CHUNK)


def _graph_hits(knn_idx: np.ndarray, knn_dist: np.ndarray, s: int, n: int, lim: float
                ) -> tuple[np.ndarray, np.ndarray]:
    """(row within the chunk, column) of the graph entries from row ``s`` on within ``lim``,
    other than the row itself and padding."""
    ki = np.asarray(knn_idx[s:s + GRAPH_CHUNK])
    kd = np.asarray(knn_dist[s:s + GRAPH_CHUNK])
    rows = np.arange(s, s + len(ki))[:, None]
    return np.nonzero((kd <= lim) & (ki != rows) & (ki >= 0) & (ki < n))


def _graph_chunk_known(knn_idx: np.ndarray, knn_dist: np.ndarray, s: int, n: int, radius: float
                       ) -> tuple[np.ndarray, np.ndarray]:
    """One graph chunk's pairs within ``radius`` at the graph's own (exact) distances, as
    sorted distinct pair keys; a pair met from both of its points keeps the first."""
    r, c = _graph_hits(knn_idx, knn_dist, s, n, radius)
    a = r.astype(np.int64) + s
    b = np.asarray(knn_idx[s:s + GRAPH_CHUNK])[r, c].astype(np.int64)
    d = np.asarray(knn_dist[s:s + GRAPH_CHUNK])[r, c].astype(np.float32)
    key = np.minimum(a, b) * np.int64(n) + np.maximum(a, b)
    o = np.argsort(key, kind="stable")
    key, d = key[o], d[o]
    first = firsts(key) & (d <= np.float32(radius))
    return key[first], d[first]


def merge_pairs(keys: list[np.ndarray], dists: list[np.ndarray], parts: int = 64
                ) -> tuple[np.ndarray, np.ndarray]:
    """The distinct pair keys of several chunks, sorted, each with its distance; every
    chunk's keys sorted and distinct already (``near_pairs``' ``keep``).

    A pair met from both of its points comes once from each chunk that met it, with the
    same distance up to float32 rounding (the graph's and ``exact_distances``' sums run
    in different orders); the copy of the first chunk that met it is kept, so the
    result does not depend on anything but the input. Merged one key range at a time into
    arrays of the total's size, of which only what is written is ever touched: a 1M
    near-copy map meets ~45M pairs, and one sort over all of them held the chunks, their
    concatenation, the sort order and the sorted copies at once (~32 bytes a pair, a
    1.5 GB spike at the end of the stage's search; now ~12 bytes a pair beyond the chunks)."""
    total = sum(map(len, keys))
    if not total:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    stride = max(1, total // (parts * 256))
    sample = np.sort(np.concatenate([k[::stride] for k in keys]))
    edges = np.unique(sample[np.arange(1, parts) * len(sample) // parts])   # ranges of about equal size
    cuts = [np.concatenate([[0], np.searchsorted(k, edges), [len(k)]]) for k in keys]
    out_key = np.empty(total, np.int64)
    out_d = np.empty(total, np.float32)

    def merged(j: int) -> tuple[np.ndarray, np.ndarray]:
        part = np.concatenate([k[c[j]:c[j + 1]] for k, c in zip(keys, cuts)])
        order = np.argsort(part, kind="stable")
        part = part[order]
        first = firsts(part)
        return part[first], np.concatenate([v[c[j]:c[j + 1]] for v, c in zip(dists, cuts)])[order][first]

    m = 0
    ranges = list(range(len(edges) + 1))
    wave = os.cpu_count() or 1      # ranges sorted at once, one per core; written in order
    for w in range(0, len(ranges), wave):
        for key, d in in_threads(merged, ranges[w:w + wave]):
            out_key[m:m + len(key)] = key
            out_d[m:m + len(key)] = d
            m += len(key)
    return out_key[:m], out_d[:m]


def widen(kk: int, cap: int) -> int:
    """The next widening search's size: twice the last, or the cap at once when the cap
    is within four times the last. A point whose neighbours all lie within the radius
    at one size often does at twice that too (1M synthetic map: 456k of 696k points
    searched at 66 were searched again at 128), and one search at 128 costs less than
    one at 66 and another at 128: usearch's work grows with the results asked for."""
    return cap if cap <= 4 * kk else min(cap, kk * 2)


def _batches(todo: np.ndarray, kk: int, copies: np.ndarray | None, budget: int = SEARCH_CHUNK * 64):
    """Query batches whose results (kk plus each query's own copies) stay near ``budget``."""
    if copies is None:
        for s in range(0, len(todo), SEARCH_CHUNK):
            yield todo[s:s + SEARCH_CHUNK]
        return
    todo = todo[np.argsort(copies[todo], kind="stable")]
    s = 0
    while s < len(todo):
        width = kk + int(copies[todo[min(len(todo) - 1, s + SEARCH_CHUNK - 1)]])
        step = max(1, min(SEARCH_CHUNK, budget // max(width, 1)))
        yield todo[s:s + step]
        s += step


def _search(index, vectors, part: np.ndarray, kk: int, copies: np.ndarray | None):
    """(keys, distances), ``kk`` columns, for the queries ``part``; with ``copies``, each
    query's own copies (keys equal to its own group) are asked for on top and dropped."""
    extra = 0 if copies is None else int(copies[part].max())
    keys, dist = search_dealt(index, np.asarray(vectors), part, kk + extra)
    found = keys.astype(np.uint64)    # back from int64 bit for bit, "no result" included
    if extra:
        own = found == part.astype(np.uint64)[:, None]
        order = np.argsort(own, axis=1, kind="stable")[:, :kk]
        found = np.take_along_axis(found, order, axis=1)
        dist = np.take_along_axis(dist, order, axis=1)
    if found.shape[1] < kk:   # fewer points than asked for: pad with "no result"
        pad = kk - found.shape[1]
        found = np.pad(found, ((0, 0), (0, pad)), constant_values=np.iinfo(np.uint64).max)
        dist = np.pad(dist, ((0, 0), (0, pad)), constant_values=np.inf)
    return found, dist


def _finish(vectors, a, b, radius, n):
    a, b, _ = canonical_pairs(a, b, np.zeros(len(a), np.float32), n)
    d = exact_distances(vectors, a, b)
    keep = d <= np.float32(radius)
    return a[keep], b[keep], d[keep]
