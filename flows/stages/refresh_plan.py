"""What the refresh variants of ``index`` and ``project`` share: the row diff against the
parent version (computed once by the index stage, saved in the work area, read back by
the project stage), the decision to fall back to a full layout (the one a fresh build's
``project`` stage runs too), and the anchoring."""
from __future__ import annotations

import json
import os

import numpy as np
import polars as pl

from datamap.flows.runtime.stagekit import read_vectors
from datamap.resources import schema
from datamap.tasks import refresh as R
from datamap.tasks.project import layout
from datamap.tasks.project import umap as project_mod
from datamap.tasks.project.tsne import place_points


def _incompatible(parent_manifest: dict, model_id: str, dim: int, projection: dict) -> str | None:
    pm = parent_manifest.get("model", {})
    if pm.get("id") != model_id or pm.get("dim") != dim:
        return f"embedding model changed ({pm.get('id')}/{pm.get('dim')} → {model_id}/{dim})"
    pp = parent_manifest.get("build", {}).get("params", {}).get("projection", {})
    if project_mod.ProjectionOptions(**(pp or {})) != project_mod.ProjectionOptions(**(projection or {})):
        return "projection options changed"
    if not parent_manifest.get("artifacts", {}).get(schema.PROJECTION):
        return "parent has no layout"
    return None


def full_layout(work_dir: str, projection: dict) -> tuple[np.ndarray, dict]:
    """A fresh layout by the method asked for (umap | tsne | pca | auto), and what ran."""
    vectors = read_vectors(os.path.join(work_dir, schema.WORK_VECTORS))
    options = project_mod.ProjectionOptions(**projection)
    lay = layout(vectors, options, knn=layout_graph(work_dir, vectors, options))
    return lay.xy, lay.info


def layout_graph(work_dir: str, vectors: np.ndarray,
                 options: project_mod.ProjectionOptions) -> tuple[np.ndarray, np.ndarray]:
    """The index stage's k-NN graph from the work area, searched again in its index with
    ``n_neighbors`` + 1 columns when a UMAP layout asks for more neighbours than the index
    stage keeps (``KNN_K``).

    Why: handed a graph too narrow, umap-learn would search every row again by NN-descent
    (one thread with a seed) and the big-map refinement would quietly run on the narrower
    graph; the index is already built, and one more search of it costs a fraction of that."""
    from datamap.tasks import index as index_mod

    knn = (np.load(os.path.join(work_dir, schema.WORK_KNN_IDX)), np.load(os.path.join(work_dir, schema.WORK_KNN_DIST)))
    k = min(int(options.n_neighbors) + 1, len(vectors))
    path = os.path.join(work_dir, schema.WORK_INDEX)
    if options.method in ("tsne", "pca") or knn[0].shape[1] >= k or not os.path.exists(path):
        return knn
    from usearch.index import Index

    index = Index.restore(path, view=True)
    return index_mod.knn_graph(index, vectors, k)


def tsne_place(main: dict, vectors: np.ndarray, xy: np.ndarray, anchored: np.ndarray,
                rows: np.ndarray) -> np.ndarray | None:
    """On a t-SNE map, new points are optimised into the parent's embedding by openTSNE
    (old points fixed) rather than only dropped at their neighbours' median: t-SNE's
    clusters are tighter than UMAP's, and a median between two of them lands in a gap."""
    if main.get("method") != "tsne" or not main.get("box_transform") or not len(rows) or anchored.sum() < 4:
        return None
    got = place_points(vectors[anchored], xy[anchored], main["box_transform"], vectors[rows],
                       perplexity=float(main.get("perplexity", 30.0)), metric=main.get("metric", "cosine"))
    return np.clip(got, 0.0, 1.0).astype(np.float32)


def compute(work_dir: str, pm, model_id: str, dim: int, projection: dict, threshold: float):
    """(info, reason for a full layout or None, RowDiff or None) of this build vs the parent."""
    new = pl.read_parquet(os.path.join(work_dir, schema.WORK_DATA))
    info: dict = {"parent": pm.version, "threshold": threshold}
    reason = _incompatible(pm.manifest, model_id, dim, projection)
    diff = None
    if reason is None:
        old = pl.from_arrow(pm.read_parquet(schema.DATA))
        diff = R.diff_rows(old, new)
        vectors = read_vectors(os.path.join(work_dir, schema.WORK_VECTORS))
        diff.moved = R.moved_rows(diff, pm.embeddings.latent, vectors)
        info.update(diff.summary())
        if diff.drift > threshold:
            reason = f"drift {diff.drift:.1%} > threshold {threshold:.0%}"
    return info, reason, diff


def save(work_dir: str, info: dict, reason: str | None, diff) -> None:
    arrays = {}
    if diff is not None:
        arrays = {"kept_new": diff.kept_new, "kept_old": diff.kept_old, "moved": diff.moved,
                  "added": diff.added, "changed": diff.changed, "n": np.array([diff.n_old, diff.n_new])}
    np.savez(os.path.join(work_dir, schema.WORK_REFRESH_PLAN), **arrays)
    with open(os.path.join(work_dir, schema.WORK_REFRESH_INFO), "w") as f:
        json.dump({"info": info, "reason": reason}, f, default=str)


def load(work_dir: str):
    path = os.path.join(work_dir, schema.WORK_REFRESH_INFO)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        got = json.load(f)
    z = np.load(os.path.join(work_dir, schema.WORK_REFRESH_PLAN))
    diff = None
    if "kept_new" in z:
        diff = R.RowDiff(n_old=int(z["n"][0]), n_new=int(z["n"][1]), added=z["added"],
                         removed=[None] * int(got["info"].get("rows_removed", 0)), changed=z["changed"],
                         kept_new=z["kept_new"], kept_old=z["kept_old"], moved=z["moved"])
    return got["info"], got["reason"], diff


def anchoring(diff, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(parent position per new row or -1, anchored mask, rows to place)."""
    parent_pos = np.full(n, -1, np.int64)
    parent_pos[diff.kept_new] = diff.kept_old
    anchored = parent_pos >= 0
    anchored[diff.moved] = False
    return parent_pos, anchored, np.nonzero(~anchored)[0]

