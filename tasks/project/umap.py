"""Project: latent vectors → 2-D layout with UMAP (cosine), scaled into a fixed box.

The box (``resources.schema.BOX``) is the same for every map, so tiles, topic label
positions and the viewer never need the data's own extent.
"""
from __future__ import annotations

import os
import warnings
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from datamap.resources import schema
from datamap.tasks.progress import stage


@dataclass
class ProjectionOptions:
    n_neighbors: int = 15
    min_dist: float = 0.1
    n_epochs: int | None = None     # None: umap-learn's default (200 for large N, 500 small)
    seed: int | None = 42           # fixed seed → the same input gives the same map
    metric: str = "cosine"
    method: str = "auto"            # auto (by size, as Atlas does: tasks/project/auto.py) | umap | tsne | pca
    extra: list = field(default_factory=list)   # more methods stored beside the main one
    perplexity: float = 30.0        # t-SNE only
    learning_rate: float | str = "auto"   # t-SNE only: openTSNE's "auto" is max(N / 12, 200)
    sample_size: int | None = None  # UMAP on a sample, rest placed: None = auto by N (tasks/sample_fit.py), 0 = never
    refine_epochs: int | None = None  # sample path: UMAP epochs over the whole k-NN graph after placement; None = auto (sample_fit.REFINE_EPOCHS), 0 = none
    refine_alpha: float | None = None  # sample path: those epochs' starting learning rate; None = sample_fit.REFINE_ALPHA; 200 epochs at 1.0 = UMAP's own full schedule (docs/scale.md)
    place_jitter: float = 0.0       # sample path: spread placed points by this share of their nearest-anchor distance (0.5 cost 30% of 10-NN preservation, docs/scale.md)


# umap-learn's modules whose numba kernels have no on-disk cache of their own (no
# ``cache=True``: smooth_knn_dist and compute_membership_strengths, which every fit runs,
# the layout epochs, the distances): numba compiled them again in every process, 13-17 s
# of each UMAP fit here even with NUMBA_CACHE_DIR kept (1,500 points: 15.7 s -> 2.3 s).
UNCACHED_KERNEL_MODULES = ("umap.umap_", "umap.layouts", "umap.utils", "umap.distances", "umap.sparse")
_kernels_cached = False


def ensure_numba_cache() -> None:
    """Keep numba's compiled kernels between processes (saves 10–25 s per process):
    a kept cache folder, and caching switched on for umap-learn's kernels that lack it."""
    global _kernels_cached
    if "NUMBA_CACHE_DIR" not in os.environ:
        d = os.path.join(os.path.expanduser("~"), ".cache", "datamap", "numba")
        os.makedirs(d, exist_ok=True)
        os.environ["NUMBA_CACHE_DIR"] = d
    if _kernels_cached:
        return
    from numba.core.caching import NullCache

    kernels, wrappers = _umap_kernels()
    for k in kernels:
        # numba's own switch, the one ``cache=True`` flips at decoration time. Not for the
        # parallel twin of a function umap-learn also compiles serially (the layout epoch):
        # numba names cache entries by the Python function and the
        # signature, not by the flags, so with both cached the parallel one loaded the
        # serial kernel and the refinement of a 785k-row map ran on one core (533 s). The
        # serial twin stays cached: small fits in fresh processes need it (11 s otherwise).
        shared = wrappers[id(k.py_func)] > 1
        if isinstance(k._cache, NullCache) and not (shared and k.targetoptions.get("parallel")):
            k.enable_caching()
    _kernels_cached = True


def _umap_kernels() -> tuple[list, Counter]:
    """umap-learn's numba dispatchers in ``UNCACHED_KERNEL_MODULES``, and how many of them
    wrap each Python function (keyed by ``id``)."""
    import importlib

    from numba.core.dispatcher import Dispatcher

    found = {id(obj): obj for name in UNCACHED_KERNEL_MODULES for obj in vars(importlib.import_module(name)).values()
             if isinstance(obj, Dispatcher)}          # by identity: one kernel is imported into several modules
    kernels = list(found.values())
    return kernels, Counter(id(k.py_func) for k in kernels)


def normalize_to_box(xy: np.ndarray) -> np.ndarray:
    """Centre and scale isotropically (no aspect distortion) into BOX × BOX."""
    lo, hi = schema.BOX
    xy = np.asarray(xy, dtype=np.float64)
    if len(xy) == 0:
        return xy.astype(np.float32)
    mins, maxs = xy.min(axis=0), xy.max(axis=0)
    span = float((maxs - mins).max())
    centre = (mins + maxs) / 2
    scale = (hi - lo) * 0.98 / span if span > 0 else 1.0
    out = (xy - centre) * scale + (lo + hi) / 2
    return out.astype(np.float32)


def _tiny_layout(vectors: np.ndarray) -> np.ndarray:
    """PCA to 2-D for inputs too small for UMAP's neighbour graph."""
    n = len(vectors)
    if n == 1:
        return np.zeros((1, 2))
    c = vectors - vectors.mean(axis=0)
    u, s, _ = np.linalg.svd(c, full_matrices=False)
    xy = u[:, :2] * s[:2]
    if xy.shape[1] < 2:
        xy = np.column_stack([xy[:, 0], np.zeros(n)])
    return xy


def project(vectors: np.ndarray, options: ProjectionOptions | None = None,
            knn: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """(N, 2) float32 coordinates in the box.

    ``knn`` = (indices, distances) from our own index, so UMAP skips its own
    neighbour search (the costliest part) when the caller already has the graph.
    """
    options = options or ProjectionOptions()
    if options.method != "umap":   # t-SNE, PCA, auto: tasks/projectors/
        from datamap.tasks.project import layout

        return layout(vectors, options, knn).xy
    return project_with_placement(vectors, options, knn)[0]


def project_with_placement(vectors: np.ndarray, options: ProjectionOptions,
                           knn: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, dict]:
    """UMAP's (N, 2) coordinates in the box, and how the big-map path placed the rows it
    did not fit (``sample_fit.place_from_graph``'s counts; empty when UMAP fitted every
    row). Why: a map's manifest should say how many of its points sit where a search of
    the sample put them, not only how many were placed."""
    n = len(vectors)
    from datamap.tasks.project import sample_fit

    size = sample_fit.sample_size_for(n, options.sample_size)
    if size < n:
        xy, placement = _sample_layout(vectors, options, size, knn)
        return normalize_to_box(xy), placement
    return _full_layout(vectors, options, knn), {}


def _full_layout(vectors: np.ndarray, options: ProjectionOptions,
                 knn: tuple[np.ndarray, np.ndarray] | None) -> np.ndarray:
    """UMAP fitted on every row: over our graph when it has enough columns, else by
    umap-learn with its own neighbour search."""
    n = len(vectors)
    with stage("project", n, "points"):
        if n < 4:
            return normalize_to_box(_tiny_layout(vectors))
        ensure_numba_cache()
        import umap

        k = min(options.n_neighbors, n - 1)
        knn = _graph_for(vectors, options, k, knn)
        if _from_index(knn, k, options):
            return normalize_to_box(_fit_on_graph(vectors, knn, k, options))
        kwargs = dict(n_neighbors=k, min_dist=options.min_dist, metric=options.metric,
                      n_components=2, random_state=options.seed, n_epochs=options.n_epochs,
                      init="spectral" if n > k + 2 else "random", low_memory=True)
        if knn is not None and knn[0].shape[1] >= k:
            kwargs["precomputed_knn"] = (knn[0][:, :k], knn[1][:, :k])
        if options.seed is None:
            kwargs["n_jobs"] = os.cpu_count() or 1
        reducer = umap.UMAP(**kwargs)
        with warnings.catch_warnings():
            # the two notices every seeded fit on our graph raises; any other warning (a
            # spectral start that fell back to random, disconnected vertices) is shown
            for notice in KNOWN_UMAP_NOTICES:
                warnings.filterwarnings("ignore", message=notice, category=UserWarning)
            xy = reducer.fit_transform(vectors)
    return normalize_to_box(xy)


# What umap-learn says on every seeded fit over a precomputed graph, and why it is expected:
# a seed runs one thread (the map must come out the same on every run), and our graph has
# no NN-descent index behind it (the map never calls ``UMAP.transform``).
KNOWN_UMAP_NOTICES = (r"n_jobs value .* overridden to 1 by setting random_state",
                      r"precomputed_knn\[2\] \(knn_search_index\) is not an NNDescent object")


def _from_index(knn: tuple[np.ndarray, np.ndarray] | None, k: int, options: ProjectionOptions) -> bool:
    """Whether the graph came from the HNSW index (``EXACT_KNN_ROWS`` rows and more), so
    the fit need not repeat bit for bit and may use every core (``_fit_on_graph``)."""
    from datamap.tasks.index import EXACT_KNN_ROWS

    return (knn is not None and len(knn[0]) >= EXACT_KNN_ROWS and knn[0].shape[1] >= k
            and options.metric == "cosine")


def _fit_on_graph(vectors: np.ndarray, knn: tuple[np.ndarray, np.ndarray], k: int,
                  options: ProjectionOptions) -> np.ndarray:
    """UMAP's fit over the index's graph from a PCA start, its epochs on every core, in
    umap-learn's scale.

    Why not ``umap.UMAP(random_state=seed)``: a seed makes umap-learn run its epochs on one
    thread, for a promise this graph cannot keep: from ``EXACT_KNN_ROWS`` rows it comes from
    the multi-threaded HNSW index and differs a little from run to run. And its spectral
    start fails on these corpora ("too small an eigengap": ARPACK gives up after a long
    try, then a random start), so two builds of the same rows came out unlike each other
    (correlation of their x coordinates 0.25 on Debian). A PCA start is fixed by the data:
    two builds on two HNSW graphs correlate 0.95 / 0.94 (x / y), 10-NN preservation is the
    same, and with no eigensolver and both cores the fit takes a quarter to a half of the
    time (63,666 Debian rows 59.6 → 16.2 s, 100k PyPI 70.8 → 31.4 s; bench/umap_threads.py).
    The start is umap-learn's (``init="pca"``: the top two principal components, scaled
    to ±10 with a little noise) and so are the fuzzy graph and the curve; the epochs are
    ours (``tasks.project.epochs``: umap-learn's rules, float32, a negative sample's
    push taken from one spot), as the big-map refinement runs them."""
    from sklearn.decomposition import PCA
    from umap.umap_ import find_ab_params, noisy_scale_coords

    from datamap.tasks.project import epochs as E
    from datamap.tasks.project.sample_fit import fuzzy_graph

    rs = np.random.RandomState(options.seed)
    graph = fuzzy_graph(knn, k, rs)
    a, b = find_ab_params(1.0, options.min_dist)
    start = PCA(n_components=2, random_state=rs).fit_transform(np.asarray(vectors, dtype=np.float32))
    start = noisy_scale_coords(start, rs, max_coord=10, noise=0.0001)
    epochs = options.n_epochs or (500 if len(vectors) <= 10_000 else 200)   # umap-learn's defaults
    return E.optimize(start, graph, int(epochs), a, b, 1.0, options.seed, parallel=True)


def _graph_for(vectors: np.ndarray, options: ProjectionOptions, k: int,
               knn: tuple[np.ndarray, np.ndarray] | None) -> tuple[np.ndarray, np.ndarray] | None:
    """The k-NN graph UMAP gets: the caller's if it has ``k`` columns, else, for a small
    cosine map, an exact one (``tasks.index.exact_knn``).

    Why: without a graph, umap-learn handles fewer than 4,096 rows by sklearn's
    ``pairwise_distances`` with its numba metric as a Python callable, one call per pair:
    3,000 random 384-d points took 7.9-8.9 s to lay out that way and 2.3-3.6 s with the
    exact graph (a matrix product). Builds pass their index's 33-column graph, so this is
    for direct callers and for an ``n_neighbors`` above 32."""
    from datamap.tasks.index import EXACT_KNN_ROWS, exact_knn

    n = len(vectors)
    if knn is not None and knn[0].shape[1] >= k:
        return knn
    if options.metric != "cosine" or n >= EXACT_KNN_ROWS:
        return None                 # umap-learn searches (NN-descent from 4,096 rows)
    return exact_knn(np.asarray(vectors, dtype=np.float32), np.arange(n), k)


def _sample_layout(vectors: np.ndarray, options: ProjectionOptions, size: int,
                   knn: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, dict]:
    """UMAP fitted on ``size`` sampled rows (their own k-NN graph), the rest placed from
    their nearest sample points, then refined over the whole map's graph ``knn`` when
    the caller has it (tasks/sample_fit.py): the big-map path. Returns the layout and
    how many rows each placement rule placed."""
    from datamap.tasks.project import sample_fit as S

    n = len(vectors)
    plan = S.plan_sample(n, size, options.seed)
    k = min(options.n_neighbors, size - 1)
    sidx, sknn = S.sample_knn(vectors, plan.sample, k + 1)
    full = ProjectionOptions(**{**options.__dict__, "sample_size": 0})
    xy_s = project(np.asarray(vectors[plan.sample], dtype=np.float32), full, knn=sknn)
    epochs = S.refine_epochs_for(options.refine_epochs) if knn is not None else 0
    with ThreadPoolExecutor(1) as pool:   # the refinement's edges while the rows are placed (one core each)
        edges = pool.submit(S.refine_edges, knn, options.n_neighbors, epochs) if epochs else None
        xy, placement = _place(vectors, options, plan, xy_s, knn, sidx)
        edges = None if edges is None else edges.result()
    if edges is None:
        return xy, placement
    ensure_numba_cache()             # here: sample_fit must not import this module (no cycle)
    with stage("refine", n, "points"):
        return S.refine(xy, knn, options.n_neighbors, options.min_dist, epochs, options.seed,
                        alpha=S.refine_alpha_for(options.refine_alpha), edges=edges), placement


def _place(vectors: np.ndarray, options: ProjectionOptions, plan, xy_s: np.ndarray,
           knn: tuple[np.ndarray, np.ndarray] | None, sidx) -> tuple[np.ndarray, dict]:
    """Every row not in the sample placed from its nearest sample points (``sample_fit``):
    the layout and how many rows each rule placed."""
    from datamap.tasks.index import EXACT_KNN_ROWS
    from datamap.tasks.project import sample_fit as S

    n = len(vectors)
    with stage("place", len(plan.rest), "points"):
        if n >= EXACT_KNN_ROWS and knn is not None:   # big maps: from the graph, hops, then search
            xy, placement = S.place_from_graph(xy_s, plan, n, knn, sidx, vectors, options.place_jitter,
                                               options.seed)
        else:
            if n < EXACT_KNN_ROWS:      # small maps: exact anchors, the same map every run
                nb_i, nb_d = S.nearest_in_sample_exact(vectors, plan.rest, plan.sample, S.PLACE_SEARCH_K)
            else:
                nb_i, nb_d = S.nearest_in_sample(sidx, vectors, plan.rest, plan.sample, S.PLACE_SEARCH_K)
            xy = S.place_rest(xy_s, plan, n, nb_i, nb_d, jitter=options.place_jitter, seed=options.seed)
            placement = {"from_sample_neighbours": 0, "from_placed_neighbours": [], "searched": int(len(plan.rest))}
    return xy, placement
