"""Locality order: a big map's rows grouped so that near neighbours come one after another.

An HNSW insertion or search spends most of its time waiting on memory: each query walks
a few hundred graph nodes spread over the whole index. Taken in an order where
consecutive queries are near each other, they walk the same nodes, which are then still
in the CPU's cache. Rows in the order a table holds them (by name, by date, shuffled)
have no such locality; this order gives it to them at the price of two small k-means.

``bench/index_order.py`` measures it on the 1M synthetic set, Debian and PyPI summaries.
"""
from __future__ import annotations

import numpy as np

CELLS = (32, 32)        # coarse cells, then cells inside each: about 1,000 leaves
FIT_SAMPLE = 40_000     # rows both levels' k-means are fitted on
FIT_ITERATIONS = 10     # an order needs cells, not converged centroids
RANDOM_FIRST = 0.3      # share of rows an insertion order puts first
RANDOM_LEAD = 0.1       # of which this share of all rows comes first of all, in random order
_BLOCK = 16_384         # rows per matrix product: ~25 MB of 384-d vectors at a time


def locality_order(vectors: np.ndarray, seed: int = 0, rows: np.ndarray | None = None) -> np.ndarray:
    """Row positions sorted by (coarse cell, cell inside it) of a two-level k-means on the
    rows' directions (cosine, like the index); with ``rows``, those positions only, in
    that order. Each level is fitted on a sample, so the cost is two assignments of every
    row to 32 centroids: ~3 s for a million 384-d rows, and no copy of the vectors."""
    rows = np.arange(len(vectors), dtype=np.int64) if rows is None else np.asarray(rows, np.int64)
    n = len(rows)
    k1, k2 = CELLS
    if n < 4 * k1:
        return rows.copy()
    rng = np.random.default_rng(seed)
    fit_rows = np.sort(rng.choice(rows, min(n, FIT_SAMPLE), replace=False))
    sample = _unit(np.asarray(vectors[fit_rows], np.float32))
    centres, fit_cells = _kmeans(sample, k1, seed)
    top, norms = _nearest(vectors, rows, centres)
    inner = np.zeros(n, np.int32)
    for cell in range(len(centres)):
        members = np.nonzero(top == cell)[0]
        own = sample[fit_cells == cell]
        k = min(k2, len(own) // 4)    # at least four fitted rows a centroid
        if len(members) > 1 and k >= 2:
            inner_centres, _ = _kmeans(own, k, seed + 1 + cell)
            inner[members], _ = _nearest(vectors, rows[members], inner_centres, norms[members])
    return rows[np.argsort(top.astype(np.int64) * k2 + inner, kind="stable")]


def insertion_order(order: np.ndarray, seed: int = 0, random_first: float = RANDOM_FIRST,
                    lead: float = RANDOM_LEAD) -> np.ndarray:
    """``order`` with a random share (``random_first``) of its rows moved to the front: a
    ``lead`` share of all rows first, in random order, then the rest of that share in
    ``order``'s order, then the other rows in ``order``'s order.

    An HNSW graph gets its long links from the points inserted first, while few points
    are in; inserted cell by cell, it had few between far cells and lost recall
    (recall@10 0.94-0.95 -> 0.92 on 300k synthetic rows). On the 1M synthetic set a
    random tenth first still lost 0.008, three tenths gained 0.005 over row order and
    half gained no more: three tenths, at two thirds of row order's insertion time. On
    200k PyPI summaries three tenths lost 0.006-0.010 at the same ``expansion_add``, so
    big maps insert in this order with a larger one (``index.LARGE_SETTINGS``), which
    gains on both corpora.

    The share in front need not all come in random order: a tenth of the rows in random
    order lays the long links, and the other two tenths, in ``order``'s order, are
    inserted with their neighbours in the cache. With ``expansion_add`` 88 instead of 80
    the repaired graph's recall@10 held (1M synthetic 0.9932 against 0.9904 / 0.9919 with
    all three tenths random; PyPI's 785k summaries 0.8504 against 0.8470-0.8526), and
    the insert and search took ~10 s less on the 1M set (53.0 + 39.2 s against 58.0-61.2
    + 41.6-42.9 s), 2-5 s less on PyPI (``bench/insert_first_order.py``). At 80, all
    three tenths in locality order lost 0.008 / 0.013 of that recall, a random twentieth
    in front 0.0005 / 0.010, a tenth 0.0005 / 0.003. ``lead=random_first`` is the
    earlier order."""
    n = len(order)
    pick = np.random.default_rng(seed).choice(n, int(n * random_first), replace=False)
    head = pick[:int(n * min(lead, random_first))]
    picked = np.zeros(n, bool)
    picked[pick] = True
    in_order = picked.copy()          # the rest of the share, after the head
    in_order[head] = False
    return np.concatenate([head, order[in_order[order]], order[~picked[order]]]).astype(np.int64)


def _unit(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms > 0, norms, 1.0)


def _kmeans(x: np.ndarray, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(centroids, labels of ``x``): a few Lloyd rounds from k-means++, one start. Seeded
    from every fitted row (at most ``FIT_SAMPLE``), not from a sample of them as the topics
    are: the order shapes the index's graph, the one PyPI build whose order was seeded from
    a sample had a repaired graph 0.007 below the recall@10 measured before (one build
    cannot tell that from HNSW's own variation), and sampling saves under a second here."""
    from sklearn.cluster import KMeans

    from datamap.tasks.kmeans_seeding import plus_plus_all_rows

    km = KMeans(n_clusters=k, init=plus_plus_all_rows, n_init=1, max_iter=FIT_ITERATIONS,
                random_state=seed).fit(x)
    return km.cluster_centers_.astype(np.float32), km.labels_


def _nearest(vectors: np.ndarray, rows: np.ndarray, centres: np.ndarray,
             norms: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Nearest centroid (Euclidean, between the unit directions of ``vectors[rows]`` and
    the centroids) and the rows' lengths: argmax of x·c / |x| − |c|²/2, block by block,
    without unit copies of the rows. ``norms`` (the rows' lengths) skips measuring them."""
    half_sq = 0.5 * np.einsum("ij,ij->i", centres, centres)
    out = np.empty(len(rows), np.int32)
    lengths = np.empty(len(rows), np.float32) if norms is None else norms
    for s in range(0, len(rows), _BLOCK):
        block = np.asarray(vectors[rows[s:s + _BLOCK]], np.float32)
        part = lengths[s:s + len(block)]          # a view: filled in place when measured here
        if norms is None:
            part[:] = np.sqrt(np.einsum("ij,ij->i", block, block))
            part[part == 0] = 1.0
        out[s:s + len(block)] = np.argmax(block @ centres.T / part[:, None] - half_sq, axis=1)
    return out, lengths
