"""Refresh stages: the layout and topics of a build that has a parent version.

``place_stage`` stands in for ``project_stage`` when the dataset already has a version:
it diffs the new table against the parent (``tasks.refresh``), keeps unchanged points
where they were and places new ones among their anchored neighbours, or falls back to a
full UMAP layout when the parent is incompatible or the drift is over the threshold.
``topics_stage`` stands in for the topics stage after an incremental layout: the parent's
topics stay, new points join the topic of their anchored neighbours.
"""
from __future__ import annotations

import os
import time

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from resources import schema
from resources.reader import open_map
from resources.store import Store
from tasks import project as project_mod
from tasks import refresh as R

from .stagekit import (WORK_DATA, WORK_KNN_DIST, WORK_KNN_IDX, WORK_PROJECTION, WORK_VECTORS,
                       cached_stage, read_vectors)

REFRESH_STATE = "refresh_state.npz"     # work-area file: anchored mask + placed rows + parent positions


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


def _full_layout(work_dir: str, projection: dict) -> np.ndarray:
    vectors = read_vectors(os.path.join(work_dir, WORK_VECTORS))
    knn = (np.load(os.path.join(work_dir, WORK_KNN_IDX)), np.load(os.path.join(work_dir, WORK_KNN_DIST)))
    return project_mod.project(vectors, project_mod.ProjectionOptions(**projection), knn=knn)


@cached_stage
def place_stage(key: str, work_dir: str, store_uri: str, storage_options: dict, dataset: str, parent: str,
                model_id: str, dim: int, projection: dict, threshold: float) -> dict:
    t0 = time.perf_counter()
    pm = open_map(dataset, store=Store(store_uri, storage_options), version=parent)
    new = pl.read_parquet(os.path.join(work_dir, WORK_DATA))
    info: dict = {"parent": parent, "threshold": threshold}
    reason = _incompatible(pm.manifest, model_id, dim, projection)
    diff = None
    if reason is None:
        old = pl.from_arrow(pm.read_parquet(schema.DATA))
        diff = R.diff_rows(old, new)
        vectors = read_vectors(os.path.join(work_dir, WORK_VECTORS))
        diff.moved = R.moved_rows(diff, pm.embeddings.latent, vectors)
        info.update(diff.summary())
        if diff.drift > threshold:
            reason = f"drift {diff.drift:.1%} > threshold {threshold:.0%}"
    ids = new[schema.ID].to_arrow()
    if reason is not None:
        xy = _full_layout(work_dir, projection)
        info.update(mode="full", reason=reason)
        placed_rows = np.arange(len(new))
        anchored = np.zeros(len(new), bool)
        parent_pos = np.full(len(new), -1, np.int64)
    else:
        proj = pm.read_parquet(schema.PROJECTION)
        old_xy = np.column_stack([proj.column(schema.X).to_numpy(), proj.column(schema.Y).to_numpy()])
        xy = np.zeros((len(new), 2), np.float32)
        parent_pos = np.full(len(new), -1, np.int64)
        parent_pos[diff.kept_new] = diff.kept_old
        anchored = parent_pos >= 0
        anchored[diff.moved] = False
        xy[anchored] = old_xy[parent_pos[anchored]]
        placed_rows = np.nonzero(~anchored)[0]
        knn_idx = np.load(os.path.join(work_dir, WORK_KNN_IDX))
        knn_dist = np.load(os.path.join(work_dir, WORK_KNN_DIST))
        new_of_old = np.full(pm.row_count, -1, np.int64)
        new_of_old[parent_pos[anchored]] = np.nonzero(anchored)[0]

        def via_parent_index(rows: np.ndarray):
            """Rows with no anchored neighbour in the new graph: ask the parent's index."""
            found = pm.embeddings.index.search(vectors[rows], 64)
            out = []
            for r in range(len(rows)):
                keys = np.asarray(found.keys[r], np.int64)
                dist = np.asarray(found.distances[r], np.float64)
                ok = (keys < len(new_of_old))
                keys, dist = keys[ok], dist[ok]
                pos = new_of_old[keys]
                out.append((pos[pos >= 0], dist[pos >= 0]))
            return out

        xy, n_fallback = R.place(xy, anchored, placed_rows, knn_idx, knn_dist, fallback=via_parent_index)
        info.update(mode="incremental", placed=int(len(placed_rows)), placed_via_parent_index=n_fallback)
    pq.write_table(pa.table({schema.ID: ids, schema.X: xy[:, 0], schema.Y: xy[:, 1]}),
                   os.path.join(work_dir, WORK_PROJECTION))
    np.savez(os.path.join(work_dir, REFRESH_STATE), anchored=anchored, placed=placed_rows, parent_pos=parent_pos)
    info["seconds"] = time.perf_counter() - t0
    return {"seconds": info["seconds"], "refresh": info}


def _fetch_folder(pm, name: str, dest: str) -> None:
    """Copy a folder artifact (e.g. topic_model/) of the parent into the work area."""
    prefix = name + "/"
    for art in pm.manifest.get("artifacts", {}):
        if art.startswith(prefix):
            local = os.path.join(dest, *art[len(prefix):].split("/"))
            os.makedirs(os.path.dirname(local), exist_ok=True)
            with open(local, "wb") as f:
                f.write(pm.store.read_bytes(pm.artifact_path(art)))


@cached_stage
def topics_stage(key: str, work_dir: str, store_uri: str, storage_options: dict, dataset: str,
                 parent: str, options: dict) -> dict:
    """Parent's topics for anchored points; a neighbour vote for placed points."""
    t0 = time.perf_counter()
    pm = open_map(dataset, store=Store(store_uri, storage_options), version=parent)
    state = np.load(os.path.join(work_dir, REFRESH_STATE))
    anchored, placed, parent_pos = state["anchored"], state["placed"], state["parent_pos"]
    old_t = pm.read_parquet(schema.TOPICS)
    meta = pl.from_arrow(pm.read_parquet(schema.TOPIC_METADATA))
    depths = int(meta[schema.TOPIC_DEPTH].max())
    old_ids = np.column_stack([old_t.column(schema.topic_id_column(d + 1)).to_numpy() for d in range(depths)])
    n = len(anchored)
    ids = np.zeros((n, depths), np.int64)
    ids[anchored] = old_ids[parent_pos[anchored]]
    knn_idx = np.load(os.path.join(work_dir, WORK_KNN_IDX))
    nb = R.anchored_neighbours(anchored, placed, knn_idx, R.VOTE_K)
    # a point with no anchored neighbour joins the biggest finest topic
    finest = meta.filter(pl.col(schema.TOPIC_DEPTH) == depths).sort(schema.TOPIC_COUNT, descending=True)
    fine = R.vote(ids[:, -1], nb, default=int(finest[schema.TOPIC_ID][0]))
    parent_of = dict(zip(meta[schema.TOPIC_ID].to_list(), meta[schema.TOPIC_PARENT].to_list()))
    for d in range(depths - 1, -1, -1):
        ids[placed, d] = fine if d == depths - 1 else [parent_of[int(t)] for t in ids[placed, d + 1]]
    label = dict(zip(meta[schema.TOPIC_ID].to_list(), meta[schema.TOPIC_LABEL].to_list()))
    new_ids = pq.read_table(os.path.join(work_dir, WORK_DATA), columns=[schema.ID]).column(schema.ID)
    cols = {schema.ID: new_ids}
    for d in range(depths):
        cols[schema.topic_label_column(d + 1)] = pa.array([label[int(t)] for t in ids[:, d]], pa.string())
    for d in range(depths):
        cols[schema.topic_id_column(d + 1)] = pa.array(ids[:, d], pa.int64())
    pq.write_table(pa.table(cols), os.path.join(work_dir, schema.TOPICS), compression="zstd")
    counts = pl.DataFrame({schema.TOPIC_ID: ids.ravel()}).group_by(schema.TOPIC_ID).len("n")
    meta = (meta.join(counts, on=schema.TOPIC_ID, how="left")
            .with_columns(pl.col("n").fill_null(0).cast(pl.Int64).alias(schema.TOPIC_COUNT)).drop("n"))
    pq.write_table(meta.to_arrow(), os.path.join(work_dir, schema.TOPIC_METADATA), compression="zstd")
    model_dir = os.path.join(work_dir, schema.TOPIC_MODEL)
    files = {schema.TOPICS: schema.TOPICS, schema.TOPIC_METADATA: schema.TOPIC_METADATA}
    if any(a.startswith(schema.TOPIC_MODEL + "/") for a in pm.manifest.get("artifacts", {})):
        _fetch_folder(pm, schema.TOPIC_MODEL, model_dir)
        files[schema.TOPIC_MODEL] = schema.TOPIC_MODEL
    summary = dict(pm.manifest.get("topics", {}))
    summary.update(refreshed_from=parent, assigned=int(len(placed)),
                   n_topics=[int(len(np.unique(ids[:, d]))) for d in range(depths)])
    return {"seconds": time.perf_counter() - t0, "files": files, "summary": summary}


def parent_has(store_uri: str, storage_options: dict, dataset: str, parent: str, name: str) -> bool:
    m = Store(store_uri, storage_options).read_manifest(dataset, parent)
    return name in m.get("artifacts", {}) or any(a.startswith(name + "/") for a in m.get("artifacts", {}))



def replacement(name: str, layout: dict, store_uri: str, storage_options: dict, dataset: str):
    """(task, extra kwargs) standing in for optional stage ``name`` after an incremental
    layout, or None to run the stage as usual. Dedupe and tiles rerun as usual: they
    work from the new build's k-NN graph and layout, which already hold the new points."""
    info = layout.get("refresh") or {}
    if info.get("mode") != "incremental":
        return None
    if name == "topics" and parent_has(store_uri, storage_options, dataset, info["parent"], schema.TOPICS):
        return topics_stage, {"store_uri": store_uri, "storage_options": storage_options,
                              "dataset": dataset, "parent": info["parent"]}
    return None
