"""The ``topics`` stage: nested topics for every point, their metadata and a saved model.

Reads the work area (data, latent vectors, layout), runs ``tasks.topics.build_topics``
and writes the three topic artifacts named in ``resources.schema``. BERTopic and
scikit-learn are imported only when the stage runs.
"""
from __future__ import annotations

import os
import shutil
import time

import pyarrow as pa
import pyarrow.parquet as pq

from resources import schema

from .stagekit import WORK_DATA, WORK_PROJECTION, WORK_VECTORS, cached_stage, read_vectors


def topic_tables(ids: pa.Array, result) -> tuple[pa.Table, pa.Table]:
    """(per-point table, metadata table) in the artifact layout."""
    cols = {schema.ID: ids}
    for d in range(result.ids.shape[1]):
        cols[schema.topic_label_column(d + 1)] = pa.array(result.labels[d], type=pa.string())
    for d in range(result.ids.shape[1]):
        cols[schema.topic_id_column(d + 1)] = pa.array(result.ids[:, d], type=pa.int64())
    meta_schema = pa.schema([(schema.TOPIC_ID, pa.int64()), (schema.TOPIC_DEPTH, pa.int32()),
                             (schema.TOPIC_PARENT, pa.int64()), (schema.TOPIC_LABEL, pa.string()),
                             (schema.TOPIC_DESCRIPTION, pa.string()), (schema.TOPIC_KEYWORDS, pa.list_(pa.string())),
                             (schema.TOPIC_COUNT, pa.int64()), (schema.X, pa.float32()), (schema.Y, pa.float32())])
    meta = pa.Table.from_pylist(result.metadata, schema=meta_schema)
    return pa.table(cols), meta


@cached_stage
def run(key: str, work_dir: str, text_field: str | None, options: dict) -> dict:
    t0 = time.perf_counter()
    from tasks import topics as T

    opts = T.TopicOptions.from_dict(options)
    if text_field is None:
        # a map of bare vectors: same partition, topics named by position, no keywords
        data = pq.read_table(os.path.join(work_dir, WORK_DATA), columns=[schema.ID])
        docs = None
    else:
        data = pq.read_table(os.path.join(work_dir, WORK_DATA), columns=[schema.ID, text_field])
        docs = [s or "" for s in data.column(text_field).to_pylist()]
    vectors = read_vectors(os.path.join(work_dir, WORK_VECTORS))
    proj = pq.read_table(os.path.join(work_dir, WORK_PROJECTION), columns=[schema.X, schema.Y])
    import numpy as np

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
                        "options": {k: (v if v is None or isinstance(v, (str, int, float, list, dict))
                                         else repr(v)) for k, v in vars(opts).items()},
                        "model": ("bertopic (safetensors), finest depth" if result.model is not None
                                  else "centroids (safetensors), no texts"),
                        "named_by": (result.labelling or {}).get("labeller") if docs is not None
                        else "position (no text field)",
                        "labelling": (result.labelling or {}).get("depths", []),
                        "seconds": {k: round(v, 3) for k, v in seconds.items()}}}
