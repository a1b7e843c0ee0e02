"""k-means++ seeding for float32 data at the speed of float64.

scikit-learn's ``KMeans`` seeds with k-means++, which at every step measures a few
candidate centres against all points. For float32 input it computes those distances in
float64 by converting the points chunk by chunk at every step (``_euclidean_distances_upcast``),
so seeding 64 centres on 100,000 384-d rows took ~4 s, more than the Lloyd iterations
after it. Given float64 points, the same seeding is one BLAS product a step. ``plus_plus``
converts the points once and calls scikit-learn's own ``kmeans_plusplus``; ``KMeans``
takes it as its ``init`` callable, so the rest of the fit (float32 Lloyd) is unchanged.
Measured on the 1M synthetic map's 100k-row topic fit: the hierarchy 28.8 -> 20.8 s at
the same inertia (60,784 vs 60,831 at 64 topics, 69,213 vs 69,063 at 16).
"""
from __future__ import annotations

import numpy as np


def plus_plus(x: np.ndarray, n_clusters: int, random_state) -> np.ndarray:
    """k-means++ centres of ``x`` (``KMeans(init=plus_plus)``), in ``x``'s dtype. The
    random draws come from ``random_state``, so a seeded ``KMeans`` stays deterministic."""
    from sklearn.cluster import kmeans_plusplus

    centres, _ = kmeans_plusplus(np.asarray(x, dtype=np.float64), n_clusters, random_state=random_state)
    return centres.astype(x.dtype, copy=False)
