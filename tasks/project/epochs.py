"""UMAP's layout optimisation over a fuzzy graph: our own numba epoch, umap-learn's rules.

What an epoch does is umap-learn's ``optimize_layout_euclidean`` with ``move_other``, as
``simplicial_set_embedding`` runs it: every edge is sampled in proportion to its
membership strength (``make_epochs_per_sample``); a sampled edge pulls its two ends
together and pushes its head away from ``negative_sample_rate`` uniformly drawn points;
each step is clipped to ±4 and scaled by a learning rate that falls linearly to zero.

One departure: an edge's negative samples are all measured from where its head stands
after the pull, and their pushes are added together at the end, where umap-learn moves
the head after each one. Why: five samples in a row, each waiting for the last one's
``pow`` and division, made every epoch a chain of dependent arithmetic; taken from one
spot they run side by side. On one core that took 12 epochs over the 1M synthetic map's
graph from 9.1 to 6.2 s at the same 10-NN preservation (0.1375 / 0.1357).

Why our own kernel at all: umap-learn's does its arithmetic in float64 (its ``a`` and
``b`` are Python floats, so every ``pow`` is a double one), keeps a random state per
vertex that every negative sample reads and writes, and has the chain above. Measured
against it: bench/refine_kernel.py, docs/scale.md (2026-12-05, night).

Threads: a run on both cores updates shared coordinates without locks, as umap-learn's
parallel epoch does (two edges rarely touch the same point at once). With ``parallel``
off it runs one thread, and one seed gives the same layout every time.
"""
from __future__ import annotations

import numba
import numpy as np

BLOCK = 65_536            # edges per block: each block draws from its own random state
NEGATIVE_SAMPLE_RATE = 5  # umap-learn's default
GAMMA = 1.0               # repulsion weight (umap-learn's ``repulsion_strength`` default)


@numba.njit(fastmath=True, parallel=True, cache=True)
def _epoch(xy, head, tail, every, next_at, every_neg, next_neg_at, a, b, alpha, epoch, seed):
    """One epoch over all edges, in place. ``every`` / ``next_at``: how many epochs
    between an edge's samples and when it is next due; ``*_neg``: the same for its
    negative samples (umap-learn's ``epochs_per_sample`` bookkeeping)."""
    a = np.float32(a)
    b = np.float32(b)
    alpha = np.float32(alpha)
    lim = np.float32(4.0)
    nv = xy.shape[0]
    m = every.shape[0]
    for c in numba.prange((m + BLOCK - 1) // BLOCK):
        s = (seed * 7919 + c * 2654435761 + 12345) & 0xFFFFFFFF     # xorshift32 state
        if s == 0:
            s = 1
        for i in range(c * BLOCK, min(m, (c + 1) * BLOCK)):
            if next_at[i] > epoch:
                continue
            j = head[i]
            k = tail[i]
            dx = xy[j, 0] - xy[k, 0]
            dy = xy[j, 1] - xy[k, 1]
            d2 = dx * dx + dy * dy
            g = np.float32(0.0)
            if d2 > 0:
                p = d2 ** b
                g = np.float32(-2.0) * a * b * p / (d2 * (a * p + np.float32(1.0)))
            gx = min(max(g * dx, -lim), lim) * alpha
            gy = min(max(g * dy, -lim), lim) * alpha
            cx = xy[j, 0] + gx
            cy = xy[j, 1] + gy
            xy[k, 0] -= gx
            xy[k, 1] -= gy
            next_at[i] += every[i]
            n_neg = int((epoch - next_neg_at[i]) / every_neg[i])
            px = np.float32(0.0)       # the pushes of this edge's negative samples, all taken
            py = np.float32(0.0)       # from the same spot (see the module's docstring)
            for _ in range(n_neg):
                s ^= (s << 13) & 0xFFFFFFFF
                s ^= s >> 17
                s ^= (s << 5) & 0xFFFFFFFF
                o = s % nv
                dx = cx - xy[o, 0]
                dy = cy - xy[o, 1]
                d2 = dx * dx + dy * dy
                if d2 > 0:        # itself, or a point on the same spot: no push (as umap-learn)
                    g = np.float32(2.0 * GAMMA) * b / ((np.float32(0.001) + d2) * (a * d2 ** b + np.float32(1.0)))
                    px += min(max(g * dx, -lim), lim) * alpha
                    py += min(max(g * dy, -lim), lim) * alpha
            xy[j, 0] = cx + px
            xy[j, 1] = cy + py
            next_neg_at[i] += n_neg * every_neg[i]


def edges_for(graph, epochs: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(head, tail, epochs between samples) of a fuzzy graph's edges, as umap-learn's
    ``simplicial_set_embedding`` prepares them: edges weaker than 1/``epochs`` of the
    strongest would never be sampled and are dropped (for 10 epochs or fewer, umap-learn
    cuts at its default epoch count instead)."""
    from umap.umap_ import make_epochs_per_sample

    g = graph.tocoo(copy=True)      # the caller's graph is left as it was
    g.sum_duplicates()
    cut = epochs if epochs > 10 else (500 if g.shape[0] <= 10_000 else 200)
    g.data[g.data < g.data.max() / float(cut)] = 0.0
    g.eliminate_zeros()
    return (g.row.astype(np.int32), g.col.astype(np.int32),
            make_epochs_per_sample(g.data, epochs).astype(np.float64))


def optimize(xy: np.ndarray, graph, epochs: int, a: float, b: float, alpha: float, seed: int | None,
             parallel: bool = True) -> np.ndarray:
    """``xy`` (N, 2) after ``epochs`` of UMAP's optimisation over the fuzzy ``graph``,
    starting at learning rate ``alpha``; a new float32 array, scaled into [0, 10] first
    as umap-learn scales a given start."""
    xy = np.asarray(xy, dtype=np.float64)
    span = xy.max(axis=0) - xy.min(axis=0)
    xy = np.ascontiguousarray(10.0 * (xy - xy.min(axis=0)) / np.where(span > 0, span, 1.0), dtype=np.float32)
    if epochs <= 0 or len(xy) < 2:
        return xy
    head, tail, every = edges_for(graph, epochs)
    every_neg = every / NEGATIVE_SAMPLE_RATE
    next_at, next_neg_at = every.copy(), every_neg.copy()
    rng = np.random.default_rng(seed)
    before = numba.get_num_threads()
    numba.set_num_threads(before if parallel else 1)
    try:
        rate = alpha
        for e in range(int(epochs)):
            _epoch(xy, head, tail, every, next_at, every_neg, next_neg_at, a, b, rate, e,
                   int(rng.integers(1, 2 ** 31)))
            rate = alpha * (1.0 - e / float(epochs))     # umap-learn's schedule, step for step
    finally:
        numba.set_num_threads(before)
    return xy
