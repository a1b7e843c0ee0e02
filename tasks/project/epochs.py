"""UMAP's layout optimisation over a fuzzy graph: our own numba epoch, umap-learn's rules.

What an epoch does is umap-learn's ``optimize_layout_euclidean`` with ``move_other``, as
``simplicial_set_embedding`` runs it: every edge is sampled in proportion to its
membership strength (``make_epochs_per_sample``); a sampled edge pulls its two ends
together and pushes its head away from ``negative_sample_rate`` uniformly drawn points;
each step is clipped to ±4 and scaled by a learning rate that falls linearly to zero.

One departure: an edge's pull and its negative samples are all measured from where its
head stood before the edge, and their steps are added together at the end, where
umap-learn moves the head after the pull and after each negative sample. Why: six
measurements in a row, each waiting for the last one's ``pow`` and division, made every
epoch a chain of dependent arithmetic; taken from one spot they run side by side. Each
is one small step (≤ 4 × the learning rate), so the spot is at most a few steps stale.
Measured on the 1M synthetic map's graph (bench/refine_kernel.py, docs/scale.md): the
same 10-NN preservation as umap-learn's epochs at 60 epochs and at 200.

Why our own kernel at all: umap-learn's does its arithmetic in float64 (its ``a`` and
``b`` are Python floats, so every ``pow`` is a double one), keeps a random state per
vertex that every negative sample reads and writes, calls ``pow`` (ours inlines
``fast_pow``), and has the chain above.

Order and threads: edges are taken head by head (the graph's rows), in blocks of
``CHUNK`` heads, each with its own xorshift random state. A run on both cores updates
shared coordinates without locks, as umap-learn's parallel epoch does (two blocks
rarely touch the same point at once). With ``parallel`` off it runs one thread, and one
seed gives the same layout every time.

Memory: from ``SPATIAL_ORDER_ROWS`` points the epochs run over the points renumbered in
the Z-order of their start (``spatial_order``), so that a head, its tails and the next
heads lie near each other in memory, not a million rows apart; the layout is handed
back in the caller's order. The negative samples' points are drawn ``AHEAD`` samples
before they are read and prefetched when drawn (``tasks.project.prefetch``). The
per-edge bookkeeping is float32 (an edge's next epoch is below the epoch count, which
float32 holds to 1e-5), one array fewer than umap-learn keeps (the negative samples'
interval is the edge's over the rate). Why: an epoch of a million-point map reads every
edge's bookkeeping, half its tails and five random points per sampled edge, and the
coordinates (8 MB) do not fit in a core's cache. Measured on the 1M synthetic map's
graph from its placed start: 20 epochs 13.4 → 6.8 s; the build's refinement (60 at
0.25, with its fuzzy graph) 42.6 → 26.5 s at 1M and 36.7 → 25.6 s on the 785k PyPI
summaries, the same 10-NN kept (bench/refine_kernel.py --before, docs/scale.md
"2026-12-06, night").
"""
from __future__ import annotations

import numba
import numpy as np

from datamap.tasks.project.fast_pow import fast_pow
from datamap.tasks.project.prefetch import prefetch_row

CHUNK = 2048              # heads per block: each block draws from its own random state
SPATIAL_ORDER_ROWS = 200_000   # from this many points the epochs run in the start's Z-order
AHEAD = 16                # negative samples drawn (and prefetched) ahead of use; a power of two
NEGATIVE_SAMPLE_RATE = 5  # umap-learn's default
GAMMA = 1.0               # repulsion weight (umap-learn's ``repulsion_strength`` default)


@numba.njit(fastmath=True, inline="always", cache=True)
def _clip(v):
    return min(max(v, np.float32(-4.0)), np.float32(4.0))


@numba.njit(fastmath=True, inline="always", cache=True)
def _pull(hx, hy, x, y, a, b):
    """The clipped attraction step of a head at (hx, hy) towards its tail at (x, y)."""
    dx = hx - x
    dy = hy - y
    d2 = dx * dx + dy * dy
    p = fast_pow(d2, b)
    g = np.float32(-2.0) * a * b * p / (d2 * (a * p + np.float32(1.0)))
    g = g if d2 > 0 else np.float32(0.0)
    return _clip(g * dx), _clip(g * dy)


@numba.njit(fastmath=True, inline="always", cache=True)
def _draw(s, nv):
    """The xorshift32 state after ``s`` and the point it draws, uniform in [0, ``nv``)
    without a division."""
    s ^= (s << np.uint64(13)) & np.uint64(0xFFFFFFFF)
    s ^= s >> np.uint64(17)
    s ^= (s << np.uint64(5)) & np.uint64(0xFFFFFFFF)
    return s, np.int64((s * nv) >> np.uint64(32))


@numba.njit(fastmath=True, inline="always", cache=True)
def _pushes(xy, hx, hy, n, s, ahead, pos, a, b, g2):
    """The sum of the clipped repulsion steps of a head at (hx, hy) from ``n`` uniformly
    drawn points, each weighted ``g2`` (2 × the repulsion weight); then the xorshift32
    state ``s`` and the position in ``ahead`` after them. The points come from
    ``ahead``, a ring of ``AHEAD`` draws already made and prefetched: each one used is
    replaced by a new draw, so a point is drawn ``AHEAD`` samples before it is read. A
    point on the same spot (the head itself) pushes nothing, as in umap-learn."""
    nv = np.uint64(xy.shape[0])
    px = np.float32(0.0)
    py = np.float32(0.0)
    for _ in range(n):
        o = ahead[pos]
        s, nxt = _draw(s, nv)
        ahead[pos] = nxt
        prefetch_row(xy, nxt)
        pos = (pos + 1) & (AHEAD - 1)
        dx = hx - xy[o, 0]
        dy = hy - xy[o, 1]
        d2 = dx * dx + dy * dy
        g = g2 * b / ((np.float32(0.001) + d2) * (a * fast_pow(d2, b) + np.float32(1.0)))
        g = g if d2 > 0 else np.float32(0.0)
        px += _clip(g * dx)
        py += _clip(g * dy)
    return px, py, s, pos


@numba.njit(fastmath=True, parallel=True, cache=True)
def _epoch(xy, starts, tail, every, next_at, next_neg_at, inv_rate, a, b, alpha, gamma, epoch, seed):
    """One epoch over all edges, in place; head ``j``'s edges are ``starts[j]:starts[j+1]``.
    ``every`` / ``next_at``: how many epochs between an edge's samples and when it is
    next due; ``next_neg_at``: when its negative samples are, taken every ``every`` ×
    ``inv_rate`` epochs (umap-learn's ``epochs_per_sample`` bookkeeping)."""
    a = np.float32(a)
    b = np.float32(b)
    alpha = np.float32(alpha)
    g2 = np.float32(2.0 * gamma)
    inv_rate = np.float32(inv_rate)
    now = np.float32(epoch)
    nv = xy.shape[0]
    for c in numba.prange((nv + CHUNK - 1) // CHUNK):
        s = np.uint64(((seed * 7919 + c * 2654435761 + 12345) & 0xFFFFFFFF) | 1)    # never 0
        ahead = np.empty(AHEAD, np.int64)
        for r in range(AHEAD):
            s, nxt = _draw(s, np.uint64(nv))
            ahead[r] = nxt
            prefetch_row(xy, nxt)
        pos = 0
        for j in range(c * CHUNK, min(nv, (c + 1) * CHUNK)):
            hx = xy[j, 0]
            hy = xy[j, 1]
            for i in range(starts[j], starts[j + 1]):
                if next_at[i] > now:
                    continue
                k = tail[i]
                gx, gy = _pull(hx, hy, xy[k, 0], xy[k, 1], a, b)
                xy[k, 0] -= gx * alpha
                xy[k, 1] -= gy * alpha
                step = every[i]
                next_at[i] += step
                step_neg = step * inv_rate
                n_neg = int((now - next_neg_at[i]) / step_neg)
                next_neg_at[i] += n_neg * step_neg
                px, py, s, pos = _pushes(xy, hx, hy, n_neg, s, ahead, pos, a, b, g2)
                hx += (gx + px) * alpha
                hy += (gy + py) * alpha
                xy[j, 0] = hx
                xy[j, 1] = hy


@numba.njit(cache=True)
def _spread_bits(v):
    """The low 16 bits of each ``v`` moved to the even bit positions (a Morton code's half)."""
    v = (v | (v << np.uint64(16))) & np.uint64(0x0000FFFF0000FFFF)
    v = (v | (v << np.uint64(8))) & np.uint64(0x00FF00FF00FF00FF)
    v = (v | (v << np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    v = (v | (v << np.uint64(2))) & np.uint64(0x3333333333333333)
    return (v | (v << np.uint64(1))) & np.uint64(0x5555555555555555)


def spatial_order(xy: np.ndarray) -> np.ndarray:
    """The points' order along a Z-order curve over a 65,536 × 65,536 grid of their box:
    points near each other in the plane are mostly near each other in this order."""
    lo = xy.min(axis=0)
    span = np.maximum(xy.max(axis=0) - lo, np.float32(1e-12))
    q = np.minimum((xy - lo) / span * 65536.0, 65535.0).astype(np.uint64)
    return np.argsort(_spread_bits(q[:, 0]) | (_spread_bits(q[:, 1]) << np.uint64(1)), kind="stable")


@numba.njit(cache=True)
def _renumbered(starts, tail, every, order, rank):
    """The CSR edges of heads taken in ``order``, every point named by its ``rank``."""
    n = len(order)
    out_starts = np.empty(n + 1, np.int64)
    out_starts[0] = 0
    for r in range(n):
        j = order[r]
        out_starts[r + 1] = out_starts[r] + starts[j + 1] - starts[j]
    out_tail = np.empty(len(tail), np.int32)
    out_every = np.empty(len(every), np.float32)
    for r in range(n):
        j = order[r]
        o = out_starts[r]
        for i in range(starts[j], starts[j + 1]):
            out_tail[o] = rank[tail[i]]
            out_every[o] = every[i]
            o += 1
    return out_starts, out_tail, out_every


def edges_for(graph, epochs: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(starts, tail, epochs between samples) of a fuzzy graph's edges, head ``j``'s being
    ``starts[j]:starts[j+1]`` (the CSR row pointer), as umap-learn's
    ``simplicial_set_embedding`` prepares them: edges weaker than 1/``epochs`` of the
    strongest would never be sampled and are dropped (for 10 epochs or fewer, umap-learn
    cuts at its default epoch count instead). Why CSR: it is already the edges grouped
    by head, which a COO copy had to sort back into (1.2–1.5 s and two 17M-entry copies
    for the 1M map)."""
    from umap.umap_ import make_epochs_per_sample

    g = graph.tocsr(copy=True)      # the caller's graph is left as it was
    g.sum_duplicates()
    cut = epochs if epochs > 10 else (500 if g.shape[0] <= 10_000 else 200)
    g.data[g.data < g.data.max() / float(cut)] = 0.0
    g.eliminate_zeros()
    return (g.indptr.astype(np.int64), g.indices.astype(np.int32),
            make_epochs_per_sample(g.data, epochs).astype(np.float64))


def optimize(xy: np.ndarray, graph, epochs: int, a: float, b: float, alpha: float, seed: int | None,
             parallel: bool = True, negative_sample_rate: float = NEGATIVE_SAMPLE_RATE,
             gamma: float = GAMMA, edges: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """``xy`` (N, 2) after ``epochs`` of UMAP's optimisation over the fuzzy ``graph``,
    starting at learning rate ``alpha``; a new float32 array, scaled into [0, 10] first
    as umap-learn scales a given start. ``negative_sample_rate`` and ``gamma`` (the
    repulsion's weight) are umap-learn's two arguments of those names; the build uses
    their defaults (fewer samples at a larger weight were measured and not taken:
    docs/scale.md, 2026-12-05, midday). ``edges``: ``edges_for(graph, epochs)`` computed
    by the caller (then ``graph`` is not read)."""
    xy = np.asarray(xy, dtype=np.float64)
    span = xy.max(axis=0) - xy.min(axis=0)
    xy = np.ascontiguousarray(10.0 * (xy - xy.min(axis=0)) / np.where(span > 0, span, 1.0), dtype=np.float32)
    if epochs <= 0 or len(xy) < 2:
        return xy
    starts, tail, every = edges if edges is not None else edges_for(graph, epochs)
    order = spatial_order(xy) if len(xy) >= SPATIAL_ORDER_ROWS else None
    if order is None:
        every = every.astype(np.float32)
    else:
        rank = np.empty(len(order), np.int64)
        rank[order] = np.arange(len(order))
        starts, tail, every = _renumbered(starts, tail, every, order, rank)
        xy = np.ascontiguousarray(xy[order])
    next_at = every.copy()
    next_neg_at = every / np.float32(negative_sample_rate)
    rng = np.random.default_rng(seed)
    before = numba.get_num_threads()
    numba.set_num_threads(before if parallel else 1)
    try:
        rate = alpha
        for e in range(int(epochs)):
            _epoch(xy, starts, tail, every, next_at, next_neg_at, 1.0 / float(negative_sample_rate), a, b,
                   rate, gamma, e, int(rng.integers(1, 2 ** 31)))
            rate = alpha * (1.0 - e / float(epochs))     # umap-learn's schedule, step for step
    finally:
        numba.set_num_threads(before)
    if order is None:
        return xy
    out = np.empty_like(xy)
    out[order] = xy
    return out
