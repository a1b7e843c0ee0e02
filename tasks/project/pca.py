"""PCA layout (scikit-learn): the fastest method and the only linear one.

Vectors are L2-normalised first so PCA sees the same geometry as the cosine metric
the rest of the map uses. Global distances survive, local neighbourhoods much less so
(bench/projections.py measures how much).
"""
from __future__ import annotations

import numpy as np

from datamap.tasks.project import box_transform, to_box


def pca_layout(vectors: np.ndarray, options) -> tuple[np.ndarray, dict]:
    x = np.asarray(vectors, dtype=np.float32)
    n = len(x)
    if n == 0:
        return np.zeros((0, 2), np.float32), {}
    if n == 1:
        return to_box(np.zeros((1, 2)), box_transform(np.zeros((1, 2)))), {}
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    x = x / np.where(norms > 0, norms, 1)
    from sklearn.decomposition import PCA

    k = min(2, x.shape[1], n)
    pca = PCA(n_components=k, random_state=options.seed if options.seed is not None else None)
    xy = pca.fit_transform(x)
    if xy.shape[1] < 2:
        xy = np.column_stack([xy[:, 0], np.zeros(n)])
    t = box_transform(xy)
    return to_box(xy, t), {"explained_variance": [round(float(v), 4) for v in pca.explained_variance_ratio_]}
