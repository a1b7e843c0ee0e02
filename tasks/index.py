"""Index: a usearch HNSW index over the latent vectors (cosine), key = row position.

Saved as one file in the version; the reader memory-maps it. The same index answers
``vector_search`` and gives later stages their k-NN graph.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from datamap.resources.errors import InvalidOption
from datamap.tasks.progress import stage
from datamap.tasks.usearch_batches import dealt, search_dealt

# Maps with at least this many rows get the cheaper "large" settings below unless the
# options name their own (docs/scale.md has the measured recall and time of each).
LARGE_INDEX_ROWS = 200_000
# expansion_add was 64 with rows inserted in row order. Inserted in locality order (the
# default below), 80 costs less than in row order and buys more recall than 64 did:
# 1M synthetic 55.7 -> 39.5 s, recall@10 0.895 -> 0.917; 200k PyPI summaries 7.8-8.5 ->
# 7.5-8.5 s, 0.816 -> 0.830; all 785k PyPI summaries 54.8 -> 62.9 s, 0.764 -> 0.781
# (a trade there, not a win; bench/out/index_order_ef80_*.json, docs/scale.md). 88 since
# only a tenth of the rows goes in at random first (locality.RANDOM_LEAD): the same
# repaired recall for ~10 s less on the 1M set, 2-5 s less on PyPI's 785k
# (bench/out/insert_first_order.json).
LARGE_SETTINGS = {"dtype": "i8", "connectivity": 12, "expansion_add": 88, "expansion_search": 48}
# Maps below this many rows get an exact k-NN graph (one matrix product per block) rather
# than HNSW's: at this size it costs under a second, and it is the same on every machine
# and thread count. HNSW built with several threads is not, so a refresh on a Dask worker
# and one on a laptop could vote new points into different topics.
EXACT_KNN_ROWS = 10_000
_EXACT_BLOCK = 1024
# Maps with at least this many rows are searched for their k-NN graph in locality order
# (tasks.locality): the same graph with fewer cache misses, the 1M synthetic set's search
# 48 -> 27 s (bench/index_order.py). On Debian's 63,666 rows the order cost (~3 s) more
# than it saved.
LOCALITY_ROWS = 200_000
# Indexes of at least this many rows keep their memory on huge pages (tasks.index_memory):
# below, the index fits the TLB's reach well enough that the advice buys nothing measurable.
HUGE_PAGE_ROWS = 200_000
INSERT_ORDERS = ("row", "locality")
_SEARCH_BLOCK = 100_000


@dataclass
class IndexOptions:
    dtype: str | None = None         # usearch scalar kind: f32, f16, i8; None: f32, i8 for large maps
    connectivity: int | None = None  # None: usearch defaults (recall@10 ≈ 0.98 on MiniLM), 12 for large maps
    expansion_add: int | None = None
    expansion_search: int | None = None
    large_above: int = LARGE_INDEX_ROWS   # rows from which unset options take LARGE_SETTINGS
    # "locality" (from LOCALITY_ROWS rows): insert near rows together (tasks.locality).
    # At the same expansion_add it inserts 1M synthetic rows in two thirds of the time at
    # recall@10 +0.005, but loses 0.01 on 200k PyPI summaries; hence LARGE_SETTINGS'
    # larger expansion_add (80, 88 since a random tenth goes first: tasks.locality), which
    # gains recall on every corpus measured.
    # "row": in the table's order, as before.
    insert_order: str = "locality"

    def __post_init__(self) -> None:
        if self.insert_order not in INSERT_ORDERS:
            raise InvalidOption(f"index option insert_order must be one of {', '.join(INSERT_ORDERS)}; "
                                f"got {self.insert_order!r}")

    def resolved(self, n: int) -> "IndexOptions":
        """Unset options filled in for an index of ``n`` rows."""
        out = IndexOptions(**self.__dict__)
        if n >= self.large_above:
            for name, value in LARGE_SETTINGS.items():
                if getattr(out, name) is None:
                    setattr(out, name, value)
        if out.dtype is None:
            out.dtype = "f32"
        return out


def locality(vectors: np.ndarray) -> np.ndarray | None:
    """The order a map of this size is indexed and searched in: ``locality_order`` from
    ``LOCALITY_ROWS`` rows, else None (row order)."""
    if len(vectors) < LOCALITY_ROWS:
        return None
    from datamap.tasks.locality import locality_order

    return locality_order(vectors)


def build_index(vectors: np.ndarray, options: IndexOptions | None = None, order: np.ndarray | None = None,
                random_first: float | None = None, huge_pages: bool | None = None):
    """A usearch index over ``vectors``, key = row position. With ``order`` (a locality
    order) and ``insert_order="locality"``, rows are inserted in ``insertion_order(order)``:
    the same keys, added faster. ``random_first`` (None: ``locality.RANDOM_FIRST``) is
    the share of rows inserted at random ahead of that order (bench/knn_beam.py --first
    measures it). ``huge_pages`` (None: from ``HUGE_PAGE_ROWS`` rows): the index's memory
    on transparent huge pages (``tasks.index_memory``)."""
    from usearch.index import Index

    from datamap.tasks.index_memory import GrowingMemory

    n, d = vectors.shape
    options = (options or IndexOptions()).resolved(n)
    kw = {}
    for name in ("connectivity", "expansion_add", "expansion_search"):
        if getattr(options, name) is not None:
            kw[name] = getattr(options, name)
    index = Index(ndim=d, metric="cos", dtype=options.dtype, **kw)
    if order is not None and options.insert_order == "locality":
        from datamap.tasks.locality import RANDOM_FIRST, insertion_order

        order = insertion_order(order, random_first=RANDOM_FIRST if random_first is None else random_first)
    else:
        order = None
    memory = GrowingMemory(n >= HUGE_PAGE_ROWS if huge_pages is None else huge_pages)
    with stage("index", n, "vectors") as advance:
        step = 50_000
        threads = os.cpu_count() or 1
        for s in range(0, n, step):
            e = min(n, s + step)
            rows = np.arange(s, e) if order is None else order[s:e]
            rows = rows[dealt(len(rows), threads)]
            batch = np.ascontiguousarray(vectors[rows], dtype=np.float32)
            memory.before()
            index.add(rows.astype(np.uint64), batch, threads=threads)
            memory.after()
            advance(e - s)
    memory.collapse()
    return index


def _unit(x: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length in float64 (zero rows left as they are)."""
    x = np.asarray(x, np.float64)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms > 0, norms, 1.0)


def _nearest(d: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` smallest of each row of distances ``d``, by (distance, position)."""
    part = np.argpartition(d, k - 1, axis=1)[:, :k] if k < d.shape[1] else np.tile(np.arange(d.shape[1]), (len(d), 1))
    pd = np.take_along_axis(d, part, axis=1)
    order = np.lexsort((part, pd), axis=1)
    return np.take_along_axis(part, order, axis=1), np.take_along_axis(pd, order, axis=1)


def exact_knn(vectors: np.ndarray, rows: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact cosine k-NN of ``rows`` among all ``vectors``, in ``knn_graph``'s form: self
    first, then by (distance, position), so ties (identical vectors) always come out in
    the same order. Distances are computed in float64 for the same reason."""
    n = len(vectors)
    k = min(k, n)
    rows = np.asarray(rows, np.int64)
    unit = _unit(vectors)
    keys = np.empty((len(rows), k), np.int64)
    dist = np.empty((len(rows), k), np.float32)
    for s in range(0, len(rows), _EXACT_BLOCK):
        r = rows[s:s + _EXACT_BLOCK]
        d = 1.0 - unit[r] @ unit.T
        d[np.arange(len(r)), r] = -np.inf                    # self first, even among identical rows
        keys[s:s + len(r)], dist[s:s + len(r)] = _nearest(d, k)
    dist[:, 0] = 0.0
    return keys, np.maximum(dist, 0.0)


def exact_search(base: np.ndarray, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact cosine k nearest of each of ``queries`` among the rows of ``base``: (positions
    in ``base``, distances), by (distance, position), float64 like ``exact_knn``."""
    k = min(k, len(base))
    unit = _unit(base)
    keys = np.empty((len(queries), k), np.int64)
    dist = np.empty((len(queries), k), np.float32)
    for s in range(0, len(queries), _EXACT_BLOCK):
        d = 1.0 - _unit(queries[s:s + _EXACT_BLOCK]) @ unit.T
        keys[s:s + len(d)], dist[s:s + len(d)] = _nearest(d, k)
    return keys, np.maximum(dist, 0.0)


def knn_graph(index, vectors: np.ndarray, k: int, exact_below: int = EXACT_KNN_ROWS,
              order: np.ndarray | None = None, report: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(indices, cosine distances), (N, k) each, self first — UMAP's precomputed_knn form.
    Exact (``exact_knn``) for fewer than ``exact_below`` rows, else from the HNSW index,
    queried in ``order`` (a locality order) when given: the same graph, found faster;
    then repaired (``tasks.knn_repair``: lost searches again with a wider beam, exact
    distances, reverse neighbours), which ``report`` (if given) gets the counts of."""
    from datamap.tasks import knn_repair

    n = len(vectors)
    k = min(k, n)
    if n < exact_below:
        return exact_knn(vectors, np.arange(n), k)
    keys = np.empty((n, k), np.int64)
    for s in range(0, n, _SEARCH_BLOCK):
        rows = np.arange(s, min(n, s + _SEARCH_BLOCK)) if order is None else order[s:s + _SEARCH_BLOCK]
        keys[rows] = search_dealt(index, vectors, rows, k)[0]
    (keys, dist), counts = knn_repair.repair(index, vectors, keys, order=order)
    if report is not None:
        report.update(counts)
    return keys, dist


def save_index(index, path: str) -> None:
    index.save(path)


_TMP_KEY = np.uint64(1 << 48)   # above any row position: renames go through it to avoid clashes


def reindex(index, n_old: int, keep_old: np.ndarray, keep_new: np.ndarray, add_rows: np.ndarray,
            add_vectors: np.ndarray) -> None:
    """Turn a parent version's index into its child's in place, keeping key = row position.

    A refresh reuses the parent's HNSW graph instead of rebuilding it (a rebuild is the
    costliest step of a refresh at 50k rows): keys of rows that are gone or whose vector
    changed are removed, kept rows are renamed from their parent position to their new
    one, and ``add_rows`` (new positions) are inserted with ``add_vectors``. usearch
    renames are O(1) per key; renaming goes through a high temporary range because the
    old and new position sets overlap.
    """
    keep_old = np.asarray(keep_old, np.uint64)
    keep_new = np.asarray(keep_new, np.uint64)
    gone = np.setdiff1d(np.arange(n_old, dtype=np.uint64), keep_old, assume_unique=True)
    if len(gone):
        # compact: re-link the graph around removed nodes (0.1 s for 250 of 50k), so
        # search quality does not erode over many refreshes
        index.remove(gone, compact=True, threads=os.cpu_count() or 1)
    if len(keep_old):
        index.rename(keep_old, keep_old + _TMP_KEY)
        index.rename(keep_old + _TMP_KEY, keep_new)
    if len(add_rows):
        index.add(np.asarray(add_rows, np.uint64), np.ascontiguousarray(add_vectors, dtype=np.float32),
                  threads=os.cpu_count() or 1)


def search_rows(index, vectors: np.ndarray, rows: np.ndarray, k: int, n: int,
                exact_below: int = EXACT_KNN_ROWS) -> tuple[np.ndarray, np.ndarray]:
    """k-NN rows for a subset of points (positions ``rows``), in ``knn_graph``'s form:
    self first, gaps filled with self, exact cosine distances (``knn_repair.repair_rows``)."""
    rows = np.asarray(rows, np.int64)
    k = min(k, n)
    if not len(rows):
        return np.zeros((0, k), np.int64), np.zeros((0, k), np.float32)
    if n < exact_below:
        return exact_knn(vectors[:n], rows, k)
    from datamap.tasks import knn_repair

    return knn_repair.repair_rows(index, vectors, rows, search_dealt(index, vectors, rows, k)[0], n)
