"""t-SNE layout through openTSNE (FFT-accelerated gradients, Poličar et al.).

openTSNE is used rather than scikit-learn's t-SNE because its FFT interpolation makes
the cost linear in N and because a finished embedding can *place new points* without
moving the old ones (``place_points``), which an incremental refresh needs.
"""
from __future__ import annotations

import os

import numpy as np

from datamap.tasks.project import box_transform, from_box, to_box


def _threads() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _gradient(n: int) -> str:
    # openTSNE's own rule: FFT interpolation pays off from ~10k points, Barnes-Hut below
    return "fft" if n >= 10_000 else "bh"


def _perplexity(options, n: int) -> float:
    # openTSNE needs about 3 × perplexity neighbours per point
    return float(max(2.0, min(getattr(options, "perplexity", 30.0), (n - 1) / 3.0)))


def tsne_layout(vectors: np.ndarray, options) -> tuple[np.ndarray, dict]:
    """(coordinates in the box, info incl. the raw→box transform and the settings)."""
    x = np.ascontiguousarray(vectors, dtype=np.float32)
    n = len(x)
    if n < 4:
        from datamap.tasks.project.pca import pca_layout

        xy, _ = pca_layout(x, options)
        return xy, {"fallback": "pca (fewer than 4 rows)"}
    from openTSNE import TSNE

    perp = _perplexity(options, n)
    rate = getattr(options, "learning_rate", "auto")
    tsne = TSNE(n_components=2, perplexity=perp, metric=options.metric, initialization="pca",
                negative_gradient_method=_gradient(n), n_jobs=_threads(), random_state=options.seed,
                learning_rate=rate, verbose=False)
    emb = tsne.fit(x)
    raw = np.asarray(emb, dtype=np.float64)
    t = box_transform(raw)
    return to_box(raw, t), {"perplexity": perp, "metric": options.metric, "gradient": _gradient(n),
                            "learning_rate": rate, "box_transform": t}


def place_points(train_vectors: np.ndarray, train_xy: np.ndarray, box: dict,
                 new_vectors: np.ndarray, perplexity: float = 30.0, metric: str = "cosine",
                 seed: int | None = 42, n_iter: int = 250) -> np.ndarray:
    """Place ``new_vectors`` into an existing t-SNE map; return their box coordinates.

    ``train_xy`` are the published box coordinates of ``train_vectors`` and ``box`` the
    ``box_transform`` recorded in the manifest (``manifest["projection"]["box_transform"]``
    or ``manifest["projections"]["methods"]["tsne"]["box_transform"]``). The old points stay
    exactly where they are; each new point starts at the median of its neighbours among
    them and is optimised against them alone (openTSNE ``TSNEEmbedding.transform``).
    """
    from openTSNE import TSNEEmbedding
    from openTSNE.affinity import PerplexityBasedNN

    train = np.ascontiguousarray(train_vectors, dtype=np.float32)
    new = np.ascontiguousarray(new_vectors, dtype=np.float32)
    if len(new) == 0:
        return np.zeros((0, 2), np.float32)
    n = len(train)
    aff = PerplexityBasedNN(train, perplexity=float(max(2.0, min(perplexity, (n - 1) / 3.0))), metric=metric,
                            n_jobs=_threads(), random_state=seed, verbose=False)
    raw = from_box(train_xy, box)
    emb = TSNEEmbedding(np.ascontiguousarray(raw), aff, negative_gradient_method=_gradient(n), n_jobs=_threads(),
                        random_state=seed)
    part = emb.transform(new, n_iter=n_iter)
    return to_box(np.asarray(part, dtype=np.float64), box)
