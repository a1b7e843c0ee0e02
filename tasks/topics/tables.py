"""The two topic tables of a version (``topics.parquet``, ``topic_metadata.parquet``) from
a ``TopicsResult``: one writer for the build's topics stage and ``datamap relabel``, so
both publish the same columns and types."""
from __future__ import annotations

import pyarrow as pa

from datamap.resources import schema


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
