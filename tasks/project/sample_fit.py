"""Layout for big maps: fit UMAP on a sample, place every other point from its nearest
sample points.

Why: UMAP's optimisation costs grow with N (≈ 57 s for 63k rows on 2 cores, ~15 min
extrapolated for 1M). A layout fitted on 50k sampled points already shows every cluster
of a million-point map; the rest are placed where their nearest sample points lie, with
the same rule an incremental refresh uses (``tasks.refresh.place``: coordinate-wise
median of the nearest anchored neighbours), so there is one placement rule in the code.

A placed point's anchors (its nearest sample points) are read off the whole map's k-NN
graph where the build has it (``anchors_from_graph``): a sample point among a row's 32
graph neighbours is one of its nearest sample points. With a 6 % sample most rows have
1–3 there, fewer than the search's 8, yet the placement keeps *more* neighbourhood (it
is not pulled toward farther anchors): 10-NN preservation of placed layouts 0.105 →
0.142 on Debian (63,666 rows, 4,000 fitted), 0.052 → 0.061 on PyPI (785k, 50k fitted),
the same after refinement (0.271 / 0.051). Rows with none (12 % on both) are searched
in a small HNSW index over the sample alone (``nearest_in_sample``); that search over
every placed row cost 45 s of the 785k PyPI layout, the graph read 7 s.

The median of 5 anchors puts many placed points on the same coordinates (x from one
anchor, y from another); an optional deterministic spread (``jitter``, a share of the
distance to the nearest anchor) keeps them from stacking into single pixels. It costs
10-NN preservation (bench/scale_layout.py: −16% to −29%), so the build's default is 0.

Placement alone keeps a placed point near the right cluster but not next to its own
neighbours: on all 63,666 Debian rows with a 5 % sample, 10-NN preservation was 0.103
against 0.282 for UMAP's full fit. So the placed layout is then *refined*: a few epochs
of UMAP's own optimisation (umap-learn's ``fuzzy_simplicial_set``, then its epochs as
``tasks.project.epochs`` runs them) over the whole map's k-NN graph, which the build already
has from the index, starting from the placed coordinates: 120 epochs at half UMAP's
learning rate. Why that schedule: measured on all three corpora from the build's own
placed start (2026-12-06, night; bench/refine_kernel.py on the 1M synthetic and the 785k
PyPI maps, bench/placement_anchors.py on Debian's sample path), 10-NN kept:

    schedule        1M synthetic   PyPI (fast)   Debian (3,200 fitted)   1M epochs
    60 at 0.25      0.432          0.0575        0.281                   ~15 s (the default until then)
    100 at 0.5      0.525          0.0601        0.292
    120 at 0.5      0.545          0.0618        0.300                   ~30 s
    140 at 0.5      0.550–0.552    0.0634–0.0638 0.306–0.307             ~39 s
    100 at 1.0      0.538          0.0546        0.272

A quarter rate (``UMAP.transform``'s for points put into a fitted map) leaves points
near where placement put them; the full rate scatters a good start on real text. Half
the rate gains on every corpus, more with more epochs; 120 keep 0.92× what umap-learn's
full fit keeps at 1M (0.594), and 140 gain little more for ~9 s more of a 1M build,
whose target is 300 s (docs/scale.md). The epochs' memory order paid for most of the
extra epochs (``tasks.project.epochs``). The sample fit gives the global arrangement,
placement a start, the refinement the local structure (``refine``;
bench/scale_layout.py).

Automatic by N (``SAMPLE_ABOVE``), overridable through the projection options
(``sample_size``: 0 = always the full fit, N = sample of N; ``refine_epochs``: 0 =
placement only).
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from datamap.tasks.refresh import PLACE_K, place, place_chunk

SAMPLE_ABOVE = 200_000     # maps with more rows fit UMAP on a sample by default
SAMPLE_SIZE = 50_000       # default sample: fits in ~40 s on 2 cores, all clusters kept
# The sample's own index (``sample_knn``): f16 at usearch's default graph settings (M 16,
# ef 128 / 64). The full index's big-map expansions (88 / 48) built and searched it in
# 7.8 s instead of 12.4 s at 1M, but the sample's 16-NN recall fell 0.998 -> 0.996 (1M)
# and 0.955 -> 0.939 (PyPI) and the layout kept ~0.5 % less of the 10-NN on both corpora
# in most runs, within but at the bottom of its run-to-run spread: measured, not taken
# (docs/scale.md, 2026-12-07, session six; bench/sample_index.py).
SAMPLE_INDEX = {"dtype": "f16"}
PLACE_SEARCH_EF = 24       # usearch expansion for that search (see nearest_in_sample)
PLACE_SEARCH_K = 8         # sample neighbours looked up per placed point (PLACE_K used)
REFINE_EPOCHS = 120        # UMAP epochs over the whole graph after placement (its full fit runs 200)
REFINE_ALPHA = 0.5         # learning rate of those epochs: half UMAP's own (see above)
HOP_ROUNDS = 2             # rounds of placement from already placed graph neighbours (place_from_graph)


@dataclass
class SamplePlan:
    sample: np.ndarray      # sorted row positions fitted by UMAP
    rest: np.ndarray        # sorted row positions placed afterwards


def sample_size_for(n: int, requested: int | None = None) -> int:
    """How many rows UMAP fits: ``requested`` if given (0 → all), else all up to
    ``SAMPLE_ABOVE`` rows and ``SAMPLE_SIZE`` above."""
    if requested is not None:
        return n if requested <= 0 or requested >= n else int(requested)
    return n if n <= SAMPLE_ABOVE else min(SAMPLE_SIZE, n)


def plan_sample(n: int, size: int, seed: int | None = 42) -> SamplePlan:
    """A uniform random sample of ``size`` rows (deterministic for a seed)."""
    rng = np.random.default_rng(0 if seed is None else seed)
    sample = np.sort(rng.choice(n, size=size, replace=False)).astype(np.int64)
    mask = np.zeros(n, bool)
    mask[sample] = True
    return SamplePlan(sample=sample, rest=np.nonzero(~mask)[0].astype(np.int64))


def sample_knn(vectors: np.ndarray, sample: np.ndarray, k: int):
    """(index over the sample, its own k-NN graph in sample positions, self first)."""
    from datamap.tasks.index import IndexOptions, build_index, knn_graph

    sv = np.ascontiguousarray(vectors[sample], dtype=np.float32)
    # f16: built twice as fast as f32 and searched 1.7× faster, nearest-5 recall 0.992
    # vs 0.993 at ef 32 (950k placed points against a 50k sample, synthetic 1M); the
    # graph settings: SAMPLE_INDEX
    idx = build_index(sv, IndexOptions(**SAMPLE_INDEX))
    return idx, knn_graph(idx, sv, k)


def nearest_in_sample(index, vectors: np.ndarray, rows: np.ndarray, sample: np.ndarray, k: int,
                      chunk: int = 100_000) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``rows``: its ``k`` nearest sample points as global row positions, and
    their cosine distances (−1 where usearch found fewer)."""
    threads = os.cpu_count() or 1
    # the placement takes a median of a few anchors, which a near-miss barely moves: a
    # narrower search (ef 24: nearest-5 recall ≈ 0.99 vs 0.997 at usearch's 64) cut the
    # 1M build's placement from 124 s to about 40 s
    index.expansion_search = PLACE_SEARCH_EF
    out_i = np.full((len(rows), k), -1, np.int64)
    out_d = np.full((len(rows), k), np.inf, np.float32)
    for s in range(0, len(rows), chunk):
        q = np.ascontiguousarray(vectors[rows[s:s + chunk]], dtype=np.float32)
        m = index.search(q, k, threads=threads)
        keys = np.asarray(m.keys, dtype=np.int64).reshape(len(q), -1)
        dist = np.asarray(m.distances, dtype=np.float32).reshape(len(q), -1)
        ok = (keys >= 0) & (keys < len(sample))
        out_i[s:s + chunk, :keys.shape[1]] = np.where(ok, sample[np.clip(keys, 0, len(sample) - 1)], -1)
        out_d[s:s + chunk, :keys.shape[1]] = np.where(ok, dist, np.inf)
    return out_i, out_d


def anchors_from_graph(knn: tuple[np.ndarray, np.ndarray], rows: np.ndarray, sample: np.ndarray, n: int,
                       k: int) -> tuple[np.ndarray, np.ndarray]:
    """``nearest_in_sample``'s answer read off the whole map's k-NN graph where it can be:
    for each of ``rows``, the sample points among its graph neighbours, nearest first (at
    most ``k``; −1 / inf where fewer). A sample point in a row's K-NN list *is* one of its
    nearest sample points, so no search is needed for a row that has one; rows with none
    (a −1 first column) are placed otherwise (``place_from_graph``). Why: the search
    over all placed points was the layout's second-largest cost on 785k PyPI rows (45 s;
    113 s on a slower host),
    and with a 50k sample 88 % of rows already have a sample point among their 32 graph
    neighbours."""
    from datamap.tasks.refresh import anchored_neighbours

    in_sample = np.zeros(n, bool)
    in_sample[sample] = True
    nb = anchored_neighbours(in_sample, rows, knn[0], k)
    # stable: sample neighbours keep their graph order (nearest first) at the front
    order = np.argsort(nb < 0, axis=1, kind="stable")[:, :k]
    out_i = np.take_along_axis(nb, order, 1)
    keep = out_i >= 0
    out_d = np.where(keep, np.take_along_axis(knn[1][rows], order, 1), np.inf).astype(np.float32)
    if out_i.shape[1] < k:
        pad = k - out_i.shape[1]
        out_i = np.pad(out_i, ((0, 0), (0, pad)), constant_values=-1)
        out_d = np.pad(out_d, ((0, 0), (0, pad)), constant_values=np.inf)
    return out_i, out_d


def place_from_graph(xy_sample: np.ndarray, plan: SamplePlan, n: int, knn: tuple[np.ndarray, np.ndarray],
                     index, vectors: np.ndarray, jitter: float = 0.0,
                     seed: int | None = 42) -> tuple[np.ndarray, dict]:
    """The big-map placement when the whole map's k-NN graph is at hand: (N, 2) layout
    and how each placed row was placed.

    1. A row with sample points among its graph neighbours goes to their median
       (``anchors_from_graph``).
    2. A row with none goes to the median of its graph neighbours placed in step 1 (or in
       an earlier round of this step), up to ``HOP_ROUNDS`` rounds: their coordinates
       come from sample points a hop further away.
    3. Only rows with no placed point within those hops search the sample's index.

    Why: on the 1M synthetic map a fifth of the rows had no sample point among their 32
    neighbours, and searching the sample for them was 12 of the layout's 110 s; their
    neighbours had almost all been placed by then."""
    nb_i, nb_d = anchors_from_graph(knn, plan.rest, plan.sample, n, PLACE_SEARCH_K)
    has = nb_i[:, 0] >= 0
    xy = place_rest(xy_sample, SamplePlan(plan.sample, plan.rest[has]), n, nb_i[has], nb_d[has],
                    jitter=jitter, seed=seed)
    placed = np.zeros(n, bool)
    placed[plan.sample] = True
    placed[plan.rest[has]] = True
    lonely = plan.rest[~has]
    hopped = []
    for _ in range(HOP_ROUNDS):
        if not len(lonely):
            break
        rows = knn[0][lonely]
        med, ok = place_chunk(xy, placed, lonely, rows, PLACE_K)
        first = np.take_along_axis(rows, np.argmax(placed[rows], axis=1)[:, None], 1)[:, 0]
        xy[lonely[ok]] = med[ok]
        spread(xy, lonely[ok], first[ok], jitter, seed)
        placed[lonely[ok]] = True
        hopped.append(int(ok.sum()))
        lonely = lonely[~ok]
    if len(lonely):
        s_i, s_d = nearest_in_sample(index, vectors, lonely, plan.sample, PLACE_SEARCH_K)
        xy[lonely] = place_rest(xy_sample, SamplePlan(plan.sample, lonely), n, s_i, s_d,
                                jitter=jitter, seed=seed)[lonely]
    return xy, {"from_sample_neighbours": int(has.sum()), "from_placed_neighbours": hopped,
                "searched": int(len(lonely))}


def nearest_in_sample_exact(vectors: np.ndarray, rows: np.ndarray, sample: np.ndarray,
                            k: int) -> tuple[np.ndarray, np.ndarray]:
    """``nearest_in_sample`` by exact cosine search (``tasks.index.exact_search``), for
    maps under ``tasks.index.EXACT_KNN_ROWS`` rows, where it costs well under a second.
    HNSW built with several threads finds slightly different anchors from run to run,
    so a small sampled map would not come out the same twice; this does."""
    from datamap.tasks.index import exact_search

    keys, dist = exact_search(vectors[sample], vectors[rows], k)
    return sample[keys], dist


def spread(xy: np.ndarray, rows: np.ndarray, nearest: np.ndarray, jitter: float, seed: int | None) -> None:
    """Move each placed point by up to ``jitter`` × (its distance to its nearest anchor)
    in a random direction, in place: breaks exact stacks, stays inside the neighbourhood."""
    if jitter <= 0 or not len(rows):
        return
    rng = np.random.default_rng(1 if seed is None else seed + 1)
    have = nearest >= 0
    r = np.zeros(len(rows), np.float32)
    r[have] = np.linalg.norm(xy[rows[have]] - xy[nearest[have]], axis=1)
    # points sitting exactly on their nearest anchor spread by a share of the local scale
    scale = np.where(r > 0, r, np.float32(np.median(r[r > 0]) if (r > 0).any() else 1e-3))
    ang = rng.uniform(0, 2 * np.pi, len(rows))
    rad = jitter * scale * np.sqrt(rng.uniform(0, 1, len(rows)))
    xy[rows, 0] += (rad * np.cos(ang)).astype(np.float32)
    xy[rows, 1] += (rad * np.sin(ang)).astype(np.float32)


def place_rest(xy_sample: np.ndarray, plan: SamplePlan, n: int, nb_idx: np.ndarray, nb_dist: np.ndarray,
               k: int = PLACE_K, jitter: float = 0.5, seed: int | None = 42) -> np.ndarray:
    """(N, 2) layout: sample rows at their fitted coordinates, the rest placed by
    ``tasks.refresh.place`` from ``nb_idx`` (rest × K global positions of sample points)."""
    xy = np.zeros((n, 2), np.float32)
    xy[plan.sample] = xy_sample
    anchored = np.zeros(n, bool)
    anchored[plan.sample] = True
    if not len(plan.rest):
        return xy
    graph = np.zeros((n, nb_idx.shape[1]), np.int64)   # place() reads graph rows of `todo` only
    graph[plan.rest] = np.where(nb_idx >= 0, nb_idx, plan.rest[:, None])   # self = not anchored
    xy, _ = place(xy, anchored, plan.rest, graph, np.zeros_like(graph, dtype=np.float32), k=k)
    del graph
    spread(xy, plan.rest, nb_idx[:, 0], jitter, seed)
    return xy


def refine_epochs_for(requested: int | None) -> int:
    """Epochs of refinement: ``requested`` if given (0 → none), else ``REFINE_EPOCHS``."""
    return REFINE_EPOCHS if requested is None else max(0, int(requested))


def refine_alpha_for(requested: float | None) -> float:
    """The refinement's starting learning rate: ``requested`` if given, else ``REFINE_ALPHA``."""
    return REFINE_ALPHA if requested is None else float(requested)


def fuzzy_graph(knn: tuple[np.ndarray, np.ndarray], k: int, rs: np.random.RandomState | None = None):
    """UMAP's fuzzy simplicial set (sparse, N × N) from the first ``k`` columns of a
    cosine k-NN graph (indices, distances), self first: umap-learn's own function, fed
    the graph so it searches nothing (so it draws nothing from ``rs`` either)."""
    from umap.umap_ import fuzzy_simplicial_set

    n = len(knn[0])
    graph, _, _ = fuzzy_simplicial_set(np.empty((n, 1), np.float32), k, rs, "cosine",
                                       knn_indices=np.ascontiguousarray(knn[0][:, :k]),
                                       knn_dists=np.ascontiguousarray(knn[1][:, :k], dtype=np.float32))
    return graph


def separate_coincident(xy: np.ndarray, knn: tuple[np.ndarray, np.ndarray], rs: np.random.RandomState,
                        scale: float = 0.001) -> np.ndarray:
    """``xy`` with every point moved by a normal offset of ``scale`` × the mean 2-D
    distance from a point to its nearest graph neighbour (where not zero).

    Why: placed points that share their anchors share a median, and umap-learn, handed a
    start with repeated rows, separates them the same way but measures the spacing with
    a KD-tree over every point (3.5 s of the 1M build's refinement, for an offset of a
    thousandth of that spacing). The first graph neighbour's 2-D distance is at least the
    nearest point's, and repeated rows' zeros are left out of the mean, so the offset is
    somewhat larger than umap-learn's, still a thousandth of a neighbour spacing; a start
    with no repeated rows is passed through unchanged."""
    xy = np.asarray(xy, dtype=np.float32)
    if len(xy) < 2 or knn[0].shape[1] < 2:
        return xy
    order = np.lexsort((xy[:, 1], xy[:, 0]))
    s = xy[order]
    if not np.any(np.all(s[1:] == s[:-1], axis=1)):
        return xy
    nb = knn[0][:, 1]
    ok = nb >= 0
    gap = np.linalg.norm(xy[ok] - xy[nb[ok]], axis=1)
    gap = gap[gap > 0]
    spacing = float(gap.mean()) if len(gap) else float(np.ptp(xy, axis=0).max() or 1.0) * 1e-6
    return (xy + rs.normal(scale=scale * spacing, size=xy.shape)).astype(np.float32)


Edges = tuple[np.ndarray, np.ndarray, np.ndarray]   # tasks.project.epochs.edges_for: (starts, tail, every)


def refine_edges(knn: tuple[np.ndarray, np.ndarray], n_neighbors: int, epochs: int) -> Edges | None:
    """The refinement's edges (``tasks.project.epochs.edges_for`` of the whole map's fuzzy
    graph): what ``refine`` needs of the graph, computed apart from the start. Why apart:
    at 1M rows it is ~5 s of one core (scipy's sparse sums, which release the GIL), so the
    big-map layout computes it on a thread while the rows are placed (also one core's
    work) and hands it to ``refine``. None where ``refine`` would not run."""
    from datamap.tasks.project import epochs as E

    n = len(knn[0])
    k = min(int(n_neighbors), knn[0].shape[1])
    if epochs <= 0 or n <= k + 1:
        return None
    return E.edges_for(fuzzy_graph(knn, k), int(epochs))


def refine(xy: np.ndarray, knn: tuple[np.ndarray, np.ndarray], n_neighbors: int, min_dist: float,
           epochs: int, seed: int | None = 42, alpha: float = REFINE_ALPHA, edges: Edges | None = None) -> np.ndarray:
    """``xy`` after ``epochs`` of UMAP's optimisation over the k-NN graph ``knn`` =
    (indices, cosine distances), self first, of every row; ``edges``: ``refine_edges``
    of the same arguments, when the caller computed them already.

    Why UMAP's optimisation and not a fit: ``UMAP.fit`` would search neighbours again and
    start from a spectral layout, the two costs the sample fit avoids; with the graph
    given and the placed layout as the start it only optimises. The fuzzy graph and the
    curve (``a``, ``b``) are umap-learn's; the epochs are ours (``tasks.project.epochs``:
    umap-learn's rules in float32, ~2.5× faster than its own). The result is in
    umap-learn's raw scale (the caller puts it in the box).

    Threads: a seed runs one thread, so the same start gives the same layout, except
    where the graph came from the multi-threaded HNSW index (``EXACT_KNN_ROWS`` rows and
    more): that graph already differs from run to run, and both cores halve the time."""
    from umap.umap_ import find_ab_params

    from datamap.tasks.index import EXACT_KNN_ROWS
    from datamap.tasks.project import epochs as E

    n = len(xy)
    k = min(int(n_neighbors), knn[0].shape[1])
    if epochs <= 0 or n <= k + 1:
        return xy
    if edges is None:
        edges = refine_edges(knn, n_neighbors, epochs)
    rs = np.random.RandomState(seed)
    a, b = find_ab_params(1.0, min_dist)
    start = separate_coincident(xy, knn, rs)
    return E.optimize(start, None, int(epochs), a, b, float(alpha), seed,
                      parallel=seed is None or n >= EXACT_KNN_ROWS, edges=edges)
