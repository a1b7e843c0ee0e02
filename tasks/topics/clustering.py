"""The topic partition: strictly nested levels that each score like flat k-means.

Why "middle-out" and not top-down: measured on the Debian corpus (AMI against its
``section``, 63,666 rows, sizes 16/64/256), top-down splitting (k-means 16, then each
topic split by k-means) trails flat k-means by 0.01–0.03 at depths 2–3, because the
depth-1 borders constrain every finer level. Independent flat k-means at every K
reconciled afterwards moves 25–32% of points and loses 0.02–0.04. What keeps every
depth close to flat k-means is to anchor one level (the middle one) on a flat k-means
partition, nest the finer levels inside it by splitting each anchor topic (a mild
constraint once topics are small), and build each coarser level from a flat k-means at
that K by giving every finer topic *whole* to the coarse k-means cluster that holds most
of its points (majority reconciliation), then let the points on that level's borders
follow the flat k-means: a point whose flat cluster is not its parent moves to the most
similar anchor topic under that cluster's parent when that topic is within 0.05 cosine of
its own (about 10% of points move). Measured over 8 seeds, AMI at depths 1/2/3: majority
merge alone 0.365 / 0.418 / 0.390; with border moves and spread-weighted splits 0.377 /
0.420 / 0.392, against flat k-means at the same K 0.377 / 0.418 / 0.392. Tried and not
kept (depth-1 AMI, same seeds): best of six coarse k-means by agreement (noise); a
consensus of ten coarse k-means over the anchor topics (+0.004, unstable); weighted
k-means of the anchor centroids (−0.005); merging the finest topics instead (−0.015);
spectral clustering of the kNN graph (0.04–0.22: it splits off small components).

Scale: every k-means is fitted on at most ``max_fit_points`` rows; the hierarchy is
built on that sample and the other rows join the fine topic of the nearest fine
centroid (cosine), taking its ancestors, so nesting stays strict and every point is
assigned. The fitted rows are L2-normalised first (k-means on the unit sphere ≈ cosine).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from datamap.resources.vectors import row_norms
from datamap.tasks.progress import stage


def default_sizes(n: int, depths: int = 3, min_topic_size: int = 10) -> list[int]:
    """Topics per depth from the number of points: depth 1 a handful of broad themes
    (6–16, ≈ √N/16), each next depth 4× finer, capped so a topic averages ≥ min size."""
    if depths < 1:
        raise ValueError("depths must be ≥ 1")
    cap = max(1, n // max(1, min_topic_size))
    first = int(np.clip(round(np.sqrt(max(n, 1)) / 16), 6, 16))
    sizes = [min(cap, first * 4 ** d) for d in range(depths)]
    return [max(1, s) for s in sizes]


def normalize(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(v / norms)


# Rows read at a time by the passes below: ~25 MB of 384-d float32.
CHUNK_ROWS = 16_384


def inverse_norms(v: np.ndarray, chunk: int = CHUNK_ROWS) -> np.ndarray:
    """1/‖row‖ of every row (1 for a zero row, as ``normalize`` leaves it zero).

    Why not ``normalize`` the whole map: at 1M × 384 a unit copy is a fresh 1.5 GB that
    the OS must fault in (3–4 s each time, measured) and that raises the stage's peak;
    the topic step needs only cosines and unit sums, which these chunked passes give."""
    out = row_norms(v, chunk)
    out[out == 0] = 1.0
    return 1.0 / out


def unit_sums(v: np.ndarray, labels: np.ndarray, k: int, inv: np.ndarray,
              chunk: int = 65_536) -> np.ndarray:
    """(k, dim) float64: the sum of the unit rows of each label, in chunked sparse
    products (each chunk summed in float32, on every core; the chunks added in float64
    in order, so the sums do not depend on the thread count)."""
    from scipy.sparse import csr_matrix

    from datamap.tasks.threaded import in_threads

    def part(i: int) -> np.ndarray:
        lab, w = labels[i:i + chunk], inv[i:i + chunk]
        onehot = csr_matrix((w, (lab, np.arange(len(lab)))), shape=(k, len(lab)))
        return onehot @ np.asarray(v[i:i + chunk], dtype=np.float32)

    out = np.zeros((k, v.shape[1]), dtype=np.float64)
    for s in in_threads(part, range(0, len(v), chunk)):
        out += s
    return out


def cosine_to(v: np.ndarray, labels: np.ndarray, centroids: np.ndarray, inv: np.ndarray,
              chunk: int = CHUNK_ROWS) -> np.ndarray:
    """Each row's cosine to the unit centroid of its own label (chunks on every core)."""
    from datamap.tasks.threaded import in_threads

    out = np.empty(len(v), dtype=np.float32)
    c = np.asarray(centroids, dtype=np.float32)

    def part(i: int) -> None:
        blk = np.asarray(v[i:i + chunk], dtype=np.float32)
        out[i:i + chunk] = np.einsum("ij,ij->i", blk, c[labels[i:i + chunk]]) * inv[i:i + chunk]

    in_threads(part, range(0, len(v), chunk))
    return out


# How every k-means here is seeded: k-means++ on a float64 copy (tasks.kmeans_seeding),
# scikit-learn's own algorithm at a third of its float32 cost; "k-means++" is
# scikit-learn's float32 path, which bench/kmeans_seeding.py compares it with.
SEEDING: object = None    # None: tasks.kmeans_seeding.plus_plus

# k-means++ starts tried for each flat level, and the Lloyd iterations each gets before
# the one with the lowest inertia is run on to convergence (see kmeans).
KMEANS_STARTS = 3
START_ITERATIONS = 10


def kmeans(x: np.ndarray, k: int, seed: int, starts: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """(labels 0..k'-1, centroids (k', dim)); empty clusters dropped (k' ≤ k).

    ``starts`` > 1: that many k-means++ starts each get ``START_ITERATIONS`` Lloyd
    iterations, and only the one with the lowest inertia runs on to convergence. Why: one
    start lands in whichever local optimum its first picks lead to, so a rebuild whose
    vectors moved by a rounding (cosine ≥ 0.998) or a new seed regrouped a third of the
    points at 16 topics (AMI 0.62–0.66 between the two fits, Debian and PyPI); the better
    of a few starts is found again more often (bench/topic_stability.py). The basin is
    settled in the first iterations, so short starts cost a fraction of sklearn's
    ``n_init`` (which runs every start to the end). The starts stop by iteration count
    only (``tol=0``): sklearn turns a nonzero ``tol`` into a tolerance with a variance
    pass over every row, on one core, on each fit (0.07 s on 100,000 384-d rows, more
    where numpy's temporaries are not on huge pages, as in a build), and a ten-iteration
    start did not stop earlier by it: the labels came out identical on Debian, PyPI and
    the 1M synthetic map, whose clustering took 15.5 / 15.9 s against 15.9 / 17.6 s."""
    from sklearn.cluster import KMeans

    from datamap.tasks.kmeans_seeding import plus_plus

    seeding = plus_plus if SEEDING is None else SEEDING
    n = len(x)
    if k <= 1 or n <= 1:
        return np.zeros(n, dtype=np.int64), x.mean(axis=0, keepdims=True) if n else np.zeros((1, x.shape[1]), np.float32)
    k = min(k, n)
    init: object = seeding
    if starts > 1 and k < n:
        tries = (KMeans(n_clusters=k, init=seeding, n_init=1, random_state=seed + 7919 * i,
                        max_iter=START_ITERATIONS, tol=0).fit(x)
                 for i in range(starts))
        init = min(tries, key=lambda t: t.inertia_).cluster_centers_
    km = KMeans(n_clusters=k, init=init, n_init=1, random_state=seed, max_iter=100).fit(x)
    used, lab = np.unique(km.labels_, return_inverse=True)
    return lab.astype(np.int64), km.cluster_centers_[used].astype(np.float32)


def nearest(x: np.ndarray, centroids: np.ndarray, chunk: int = 65_536) -> np.ndarray:
    """Index of the most cosine-similar centroid for each row (chunked: bounded memory).
    The rows need not be unit vectors: a row's length scales all its cosines alike."""
    c = normalize(centroids)
    out = np.empty(len(x), dtype=np.int64)
    for i in range(0, len(x), chunk):
        out[i:i + chunk] = np.argmax(np.asarray(x[i:i + chunk], dtype=np.float32) @ c.T, axis=1)
    return out


def allocate(counts: np.ndarray, total: int, min_size: int, weights: np.ndarray | None = None) -> np.ndarray:
    """Children per parent: proportional to ``weights`` (default: size; largest remainder)
    so the level has about ``total`` topics; ≥ 2 where the parent is big enough to split,
    ≤ size/min."""
    counts = np.asarray(counts, dtype=np.float64)
    weights = counts if weights is None else np.asarray(weights, dtype=np.float64)
    cap = np.maximum(1, counts // max(1, min_size)).astype(np.int64)
    floor = np.where(counts >= 2 * min_size, 2, 1)
    floor = np.minimum(floor, cap)
    want = weights / weights.sum() * max(total, len(counts))
    k = np.clip(np.floor(want).astype(np.int64), floor, cap)
    rem = want - np.floor(want)
    for i in np.argsort(-rem):
        if k.sum() >= total:
            break
        if k[i] < cap[i]:
            k[i] += 1
    while k.sum() > total and (k > floor).any():     # floors pushed it over: take back
        over = np.where(k > floor, k - want, -np.inf)  # from the most over-served parent
        k[int(np.argmax(over))] -= 1
    return k


def split_level(x: np.ndarray, parent: np.ndarray, total: int, min_size: int, seed: int) -> np.ndarray:
    """A finer level nested in ``parent``: each parent topic split by its own k-means.

    Children go to parents in proportion to their spread (sum of squared distances to
    their centroid), as flat k-means spends its centroids: a tight family of 2,000 near-
    identical packages needs fewer sub-topics than a loose one. Measured on Debian (8
    seeds): depth-3 AMI 0.390 → 0.392 over allocating by size."""
    counts = np.bincount(parent)
    cent = np.zeros((len(counts), x.shape[1]), dtype=np.float32)
    np.add.at(cent, parent, x)
    cent /= np.maximum(counts, 1)[:, None].astype(np.float32)
    spread = np.bincount(parent, weights=((x - cent[parent]) ** 2).sum(axis=1), minlength=len(counts))
    ks = allocate(counts, total, min_size, spread if spread.sum() > 0 else None)
    out = np.zeros(len(x), dtype=np.int64)
    nxt = 0
    for p in range(len(counts)):
        idx = np.nonzero(parent == p)[0]
        sub, _ = kmeans(x[idx], int(ks[p]), seed + 1 + p)
        out[idx] = sub + nxt
        nxt += int(sub.max()) + 1
    return out


def merge_level(child: np.ndarray, coarse: np.ndarray) -> np.ndarray:
    """A coarser level that ``child`` nests in: each child topic goes whole to the
    ``coarse`` cluster holding most of its points. A coarse cluster that wins no child
    takes the child with the largest share of points in it among parents that have two
    or more children, so the level keeps its K where it can. Labels renumbered 0..K'-1."""
    kc, kk = int(child.max()) + 1, int(coarse.max()) + 1
    table = np.zeros((kc, kk), dtype=np.int64)
    np.add.at(table, (child, coarse), 1)
    parent = table.argmax(axis=1)
    share = table / np.maximum(table.sum(axis=1, keepdims=True), 1)
    for c in np.argsort(-table.sum(axis=0)):
        if (parent == c).any():
            continue
        movable = np.bincount(parent, minlength=kk)[parent] >= 2
        cand = np.where(movable, share[:, c], -1.0)
        best = int(np.argmax(cand))
        if cand[best] > 0:
            parent[best] = c
    _, parent = np.unique(parent, return_inverse=True)
    return parent[child]


# Cosine slack within which a point on a border may change topic (see move_borders).
BORDER_SLACK = 0.05


def move_borders(x: np.ndarray, child: np.ndarray, coarse: np.ndarray, flat: np.ndarray,
                 slack: float = BORDER_SLACK, min_size: int = 1) -> np.ndarray:
    """``child`` with border points moved so the coarse level agrees more with ``flat``.

    ``coarse`` is the majority-merged level above ``child`` (one parent per child topic);
    ``flat`` the flat k-means it was merged from. A point whose flat cluster is not its
    parent moves to the most similar child topic under the parent that flat cluster
    became, when that topic's centroid is within ``slack`` (cosine) of its own topic's:
    such a point sits between two topics anyway. Parents stay fixed, so nesting holds;
    a topic that would fall below ``min_size`` keeps its points. Returns new child labels."""
    k = int(child.max()) + 1
    cent = np.zeros((k, x.shape[1]), dtype=np.float32)
    np.add.at(cent, child, x)
    cent = normalize(cent)
    parent_of = np.zeros(k, dtype=np.int64)
    parent_of[child] = coarse
    table = np.zeros((int(flat.max()) + 1, int(coarse.max()) + 1), dtype=np.int64)
    np.add.at(table, (flat, coarse), 1)
    want = table.argmax(axis=1)[flat]            # the parent each point's flat cluster became
    out = child.copy()
    for i in range(0, len(x), 65_536):
        rows = i + np.nonzero(want[i:i + 65_536] != coarse[i:i + 65_536])[0]
        if not len(rows):
            continue
        sim = x[rows] @ cent.T
        own = sim[np.arange(len(rows)), child[rows]]
        sim[parent_of[None, :] != want[rows][:, None]] = -np.inf
        best = sim.argmax(axis=1)
        go = own - sim[np.arange(len(rows)), best] < slack
        out[rows[go]] = best[go]
    left = np.bincount(out, minlength=k)
    keep = (left < min_size) & (np.bincount(child, minlength=k) >= min_size)
    undo = keep[child] & (out != child)
    out[undo] = child[undo]
    return out


def anchor_depth(depths: int) -> int:
    """0-based depth fitted as a flat k-means (the middle one)."""
    return depths // 2


@dataclass
class Hierarchy:
    labels: np.ndarray          # (N, D) int64, 0..K_d-1 per depth, strictly nested
    fine_centroids: np.ndarray  # (K_D, dim) unit vectors of the finest topics
    fine_to: np.ndarray         # (K_D, D) each finest topic's label at every depth
    fit_rows: int               # rows the k-means were fitted on


def fit_hierarchy(vectors: np.ndarray, sizes: Sequence[int], min_topic_size: int = 10,
                  seed: int = 42, max_fit_points: int = 100_000, starts: int = KMEANS_STARTS) -> Hierarchy:
    """Middle-out nested partition (see module doc), fitted on ≤ max_fit_points rows.
    The flat k-means (the anchor level and the coarser ones) take the best of ``starts``
    (``kmeans``); the per-topic splits below the anchor take one each, as their parents
    already fix where they lie."""
    n, D = len(vectors), len(sizes)
    rng = np.random.default_rng(seed)
    fit_idx = np.arange(n) if n <= max_fit_points else np.sort(rng.choice(n, max_fit_points, replace=False))
    xf = normalize(vectors if len(fit_idx) == n else np.asarray(vectors)[fit_idx])
    a = anchor_depth(D)
    lab = np.zeros((len(xf), D), dtype=np.int64)
    with stage("topics.cluster", D, "levels") as advance:
        lab[:, a], _ = kmeans(xf, int(sizes[a]), seed, starts)
        advance(1)
        for d in range(a - 1, -1, -1):
            flat, _ = kmeans(xf, int(sizes[d]), seed + 1000 * d, starts)
            lab[:, d] = merge_level(lab[:, d + 1], flat)
            if d == a - 1:          # the anchor's borders follow the flat level above it
                parent_of = np.zeros(int(lab[:, a].max()) + 1, dtype=np.int64)
                parent_of[lab[:, a]] = lab[:, d]
                moved = move_borders(xf, lab[:, a], lab[:, d], flat, min_size=min_topic_size)
                lab[:, d] = parent_of[moved]
                lab[:, a] = np.unique(moved, return_inverse=True)[1]
            advance(1)
        for d in range(a + 1, D):   # finer levels split the anchor once its borders are final
            lab[:, d] = split_level(xf, lab[:, d - 1], int(sizes[d]), min_topic_size, seed + 1000 * d)
            advance(1)
    fine = lab[:, -1]
    k_fine = int(fine.max()) + 1
    fine_to = np.zeros((k_fine, D), dtype=np.int64)
    fine_to[fine] = lab
    cent = np.zeros((k_fine, xf.shape[1]), dtype=np.float32)
    np.add.at(cent, fine, xf)
    cent = normalize(cent)
    if len(fit_idx) == n:
        return Hierarchy(lab, cent, fine_to, n)
    out = fine_to[nearest(vectors, cent)]     # the rest: no unit copy of every row (inverse_norms)
    out[fit_idx] = lab          # fitted rows keep their own topics
    return Hierarchy(out, cent, fine_to, len(fit_idx))


def cluster_hierarchy(vectors: np.ndarray, sizes: Sequence[int], min_topic_size: int = 10,
                      seed: int = 42, max_fit_points: int = 100_000, starts: int = KMEANS_STARTS) -> np.ndarray:
    """(N, D) int64 labels, column d = depth d+1, strictly nested (a child's points are a
    subset of one parent's), every point labelled, labels 0..K_d-1 per depth."""
    return fit_hierarchy(vectors, sizes, min_topic_size, seed, max_fit_points, starts).labels
