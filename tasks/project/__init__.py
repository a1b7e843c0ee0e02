"""Projection methods behind ``ProjectionOptions.method``: one module per method.

``layout`` is the one entry point: it resolves ``auto``, runs the chosen method and
returns the coordinates in the shared box plus what ran and why (for the manifest).
Each method is its own module (``umap``, ``tsne``, ``pca``; ``auto`` picks by size;
``sample_fit`` is UMAP's big-map path), imported only when asked for.
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field

import numpy as np

METHODS = ("umap", "tsne", "pca")          # concrete methods
CHOICES = METHODS + ("auto",)              # what a user may ask for


@dataclass
class Layout:
    xy: np.ndarray                 # (N, 2) float32 in schema.BOX
    method: str                    # the method that ran (never "auto")
    info: dict = field(default_factory=dict)   # json-able: requested, picked, why, seconds, box transform


def check_method(method: str, what: str = "projection method") -> str:
    from datamap.resources.errors import UnknownProjection

    if method not in CHOICES:
        raise UnknownProjection(f"unknown {what} {method!r}: choose one of {', '.join(CHOICES)}")
    return method


def layout(vectors: np.ndarray, options=None, knn: tuple[np.ndarray, np.ndarray] | None = None) -> Layout:
    """Run ``options.method`` (resolving ``auto`` by size) on ``vectors``."""
    from datamap.tasks.project import umap as project_mod

    options = options or project_mod.ProjectionOptions()
    requested = check_method(options.method)
    n, d = (vectors.shape[0], vectors.shape[1] if vectors.ndim == 2 else 1)
    method, why = requested, "asked for"
    if requested == "auto":
        from datamap.tasks.project.auto import pick

        method, why = pick(n, d)
    t0 = time.perf_counter()
    extra: dict = {}
    if method == "umap":
        xy, placement = project_mod.project_with_placement(vectors, dataclasses.replace(options, method="umap"),
                                                           knn=knn)
        extra = _sample_info(n, options, knn is not None, placement)
    elif method == "tsne":
        from datamap.tasks.project.tsne import tsne_layout

        xy, extra = tsne_layout(vectors, options)
    else:
        from datamap.tasks.project.pca import pca_layout

        xy, extra = pca_layout(vectors, options)
    info = {"requested": requested, "method": method, "why": why, "rows": int(n),
            "seconds": round(time.perf_counter() - t0, 3), **extra}
    return Layout(np.asarray(xy, dtype=np.float32), method, info)


def _sample_info(n: int, options, have_graph: bool, placement: dict) -> dict:
    """What UMAP's big-map path did (for the manifest): rows fitted, placed (and by which
    rule: ``placement``), and the epochs of refinement over the whole graph; nothing when
    UMAP fitted every row."""
    from datamap.tasks.project import sample_fit as S

    size = S.sample_size_for(n, options.sample_size)
    if size >= n or n < 4:
        return {}
    epochs = S.refine_epochs_for(options.refine_epochs) if have_graph else 0
    return {"sample": {"fitted": int(size), "placed": int(n - size), "placement": placement,
                       "refine_epochs": int(epochs), "refine_alpha": S.refine_alpha_for(options.refine_alpha)}}


def box_transform(xy: np.ndarray) -> dict:
    """The centre/scale ``tasks.project.normalize_to_box`` applies, so raw coordinates can
    be recovered later (t-SNE places new points in its own, unscaled space)."""
    from datamap.resources import schema

    lo, hi = schema.BOX
    xy = np.asarray(xy, dtype=np.float64)
    if len(xy) == 0:
        return {"centre": [0.0, 0.0], "scale": 1.0, "box_mid": (lo + hi) / 2}
    mins, maxs = xy.min(axis=0), xy.max(axis=0)
    span = float((maxs - mins).max())
    return {"centre": ((mins + maxs) / 2).tolist(),
            "scale": (hi - lo) * 0.98 / span if span > 0 else 1.0, "box_mid": (lo + hi) / 2}


def to_box(xy: np.ndarray, t: dict) -> np.ndarray:
    return ((np.asarray(xy, dtype=np.float64) - np.asarray(t["centre"])) * t["scale"] + t["box_mid"]).astype(np.float32)


def from_box(xy: np.ndarray, t: dict) -> np.ndarray:
    return (np.asarray(xy, dtype=np.float64) - t["box_mid"]) / t["scale"] + np.asarray(t["centre"])
