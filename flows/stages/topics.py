"""The ``topics`` stage: nested topics for every point, their metadata and a saved model.

Reads the work area (data, latent vectors, layout), runs ``tasks.topics.build_topics``
and writes the three topic artifacts named in ``resources.schema``. BERTopic and
scikit-learn are imported only when the stage runs.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import time

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from datamap.flows.runtime.stagekit import cached_stage, read_vectors
from datamap.resources import schema
from datamap.resources.reader import open_map
from datamap.resources.store import Store
from datamap.tasks import refresh as R
from datamap.tasks.topics.tables import topic_tables  # noqa: F401  (also used by relabel)


def preload_topics() -> None:
    """Import BERTopic as this stage does (without torch: ``tasks.topics.bertopic_import``),
    and with it umap-learn, HDBSCAN and scikit-learn: 2–4 s of one core here, which the
    stage otherwise pays while the other core idles. A build calls it while Prefect's API
    server starts in its own process (``flows.preload``). An import that fails
    here is left for the stage to report."""
    with contextlib.suppress(Exception):
        from datamap.tasks.topics.bertopic_import import bertopic

        bertopic()


@cached_stage("topics")
def topics(key: str, work_dir: str, text_field: str | None, options: dict) -> dict:
    t0 = time.perf_counter()
    from datamap.tasks.topics import model as T

    opts = T.TopicOptions.from_dict(options)
    if text_field is None:
        # a map of bare vectors: same partition, topics named by position, no keywords
        data = pq.read_table(os.path.join(work_dir, schema.WORK_DATA), columns=[schema.ID])
        docs = None
    else:
        data = pq.read_table(os.path.join(work_dir, schema.WORK_DATA), columns=[schema.ID, text_field])
        docs = [s or "" for s in data.column(text_field).to_pylist()]
    vectors = read_vectors(os.path.join(work_dir, schema.WORK_VECTORS))
    proj = pq.read_table(os.path.join(work_dir, schema.WORK_PROJECTION), columns=[schema.X, schema.Y])
    xy = np.column_stack([proj.column(schema.X).to_numpy(), proj.column(schema.Y).to_numpy()])
    result = T.build_topics(docs, vectors, xy, opts)

    points, meta = topic_tables(data.column(schema.ID), result)
    pq.write_table(points, os.path.join(work_dir, schema.TOPICS), compression="zstd")
    pq.write_table(meta, os.path.join(work_dir, schema.TOPIC_METADATA), compression="zstd")
    model_dir = os.path.join(work_dir, schema.TOPIC_MODEL)
    shutil.rmtree(model_dir, ignore_errors=True)     # a resumed run rewrites it whole
    t_save = time.perf_counter()
    T.save_model(result, model_dir)
    seconds = {**result.seconds, "save": time.perf_counter() - t_save}
    depths = result.ids.shape[1]
    return {"seconds": time.perf_counter() - t0,
            "files": {schema.TOPICS: schema.TOPICS, schema.TOPIC_METADATA: schema.TOPIC_METADATA,
                      schema.TOPIC_MODEL: schema.TOPIC_MODEL},
            "summary": {"depths": depths,
                        "n_topics": [int(len(np.unique(result.ids[:, d]))) for d in range(depths)],
                        "options": recorded_options(opts),
                        "model": ("bertopic (safetensors), finest depth" if result.model is not None
                                  else "centroids (safetensors), no texts"),
                        "named_by": (result.labelling or {}).get("labeller") if docs is not None
                        else "position (no text field)",
                        "labelling": (result.labelling or {}).get("depths", []),
                        "seconds": {k: round(v, 3) for k, v in seconds.items()}}}


def recorded_options(opts) -> dict:
    """The topic options as the manifest keeps them: plain values, and the fitted fast
    model named by its version file (``schema.FAST_MODEL``) rather than the work-area
    path the stage read it from, which is gone once the build ends."""
    out = {k: (v if v is None or isinstance(v, (str, int, float, list, dict)) else repr(v))
           for k, v in vars(opts).items()}
    label = out.get("label_embedder")
    if isinstance(label, dict) and label.get("fitted"):
        out["label_embedder"] = {**label, "fitted": schema.FAST_MODEL}
    return out


def _fetch_folder(pm, name: str, dest: str) -> None:
    """Copy a folder artifact (e.g. topic_model/) of the parent into the work area."""
    prefix = name + "/"
    for art in pm.manifest.get("artifacts", {}):
        if art.startswith(prefix):
            local = os.path.join(dest, *art[len(prefix):].split("/"))
            os.makedirs(os.path.dirname(local), exist_ok=True)
            with open(local, "wb") as f:
                f.write(pm.store.read_bytes(pm.artifact_path(art)))


@cached_stage("topics-refresh")
def topics_refresh(key: str, work_dir: str, store_uri: str, storage_options: dict, dataset: str,
                 parent: str, options: dict) -> dict:
    """Parent's topics for anchored points; a neighbour vote for placed points."""
    t0 = time.perf_counter()
    pm = open_map(dataset, store=Store(store_uri, storage_options), version=parent)
    state = np.load(os.path.join(work_dir, schema.WORK_REFRESH_STATE))
    anchored, placed, parent_pos = state["anchored"], state["placed"], state["parent_pos"]
    old_t = pm.read_parquet(schema.TOPICS)
    meta = pl.from_arrow(pm.read_parquet(schema.TOPIC_METADATA))
    depths = int(meta[schema.TOPIC_DEPTH].max())
    old_ids = np.column_stack([old_t.column(schema.topic_id_column(d + 1)).to_numpy() for d in range(depths)])
    n = len(anchored)
    ids = np.zeros((n, depths), np.int64)
    ids[anchored] = old_ids[parent_pos[anchored]]
    knn_idx = np.load(os.path.join(work_dir, schema.WORK_KNN_IDX))
    nb = R.anchored_neighbours(anchored, placed, knn_idx, R.VOTE_K)
    # a point with no anchored neighbour joins the biggest finest topic
    finest = meta.filter(pl.col(schema.TOPIC_DEPTH) == depths).sort(schema.TOPIC_COUNT, descending=True)
    fine = R.vote(ids[:, -1], nb, default=int(finest[schema.TOPIC_ID][0]))
    parent_of = dict(zip(meta[schema.TOPIC_ID].to_list(), meta[schema.TOPIC_PARENT].to_list()))
    for d in range(depths - 1, -1, -1):
        ids[placed, d] = fine if d == depths - 1 else [parent_of[int(t)] for t in ids[placed, d + 1]]
    label = dict(zip(meta[schema.TOPIC_ID].to_list(), meta[schema.TOPIC_LABEL].to_list()))
    new_ids = pq.read_table(os.path.join(work_dir, schema.WORK_DATA), columns=[schema.ID]).column(schema.ID)
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
