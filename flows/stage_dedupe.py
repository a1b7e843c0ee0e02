"""The ``dedupe`` stage: semantic-duplicate clusters for every point, plus the near pairs
that let the reader re-cut them at another threshold without a rebuild.

Reads the work area (ids, latent vectors, k-NN graph, usearch index), runs
``tasks.dedupe.find_duplicates`` and writes ``duplicates.parquet`` and
``duplicate_neighbors.parquet`` (names in ``resources.schema``).
"""
from __future__ import annotations

import os
import time

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from resources import schema

from .stagekit import (WORK_DATA, WORK_INDEX, WORK_KNN_DIST, WORK_KNN_IDX, WORK_VECTORS, cached_stage,
                       read_vectors)


def duplicate_tables(ids: pa.Array, result) -> tuple[pa.Table, pa.Table]:
    """(per-point table, near-pair table) in the artifact layout."""
    cl = result.clusters
    points = pa.table({
        schema.ID: ids,
        schema.DUP_CLUSTER_ID: pa.array(cl.cluster_id, type=pa.int64()),
        schema.DUP_CLASS: pa.array(cl.duplicate_class.tolist(), type=pa.string()),
        schema.DUP_RETAINED_ID: ids.take(pa.array(cl.retained)),
        schema.DUP_DISTANCE: pa.array(cl.distance, type=pa.float32()),
    })
    pairs = pa.table({
        schema.ID: ids.take(pa.array(result.a, type=pa.int64())),
        schema.NEIGHBOR_ID: ids.take(pa.array(result.b, type=pa.int64())),
        schema.NEIGHBOR_DISTANCE: pa.array(result.distance, type=pa.float32()),
    })
    pairs = pairs.replace_schema_metadata({schema.NEIGHBOR_RADIUS_KEY: repr(float(result.radius)).encode()})
    return points, pairs


@cached_stage
def run(key: str, work_dir: str, text_field: str | None, options: dict) -> dict:
    t0 = time.perf_counter()
    from tasks import dedupe as D

    opts = D.DuplicateOptions.from_dict(options)
    ids = pq.read_table(os.path.join(work_dir, WORK_DATA), columns=[schema.ID]).column(schema.ID).combine_chunks()
    vectors = read_vectors(os.path.join(work_dir, WORK_VECTORS))
    knn_idx = np.load(os.path.join(work_dir, WORK_KNN_IDX), mmap_mode="r")
    knn_dist = np.load(os.path.join(work_dir, WORK_KNN_DIST), mmap_mode="r")
    index = None
    if len(vectors) >= opts.exact_below:
        from usearch.index import Index

        index = Index.restore(os.path.join(work_dir, WORK_INDEX), view=True)
    result = D.find_duplicates(ids.to_pylist(), vectors, opts, knn_idx=np.asarray(knn_idx),
                               knn_dist=np.asarray(knn_dist), index=index)
    points, pairs = duplicate_tables(ids, result)
    pq.write_table(points, os.path.join(work_dir, schema.DUPLICATES), compression="zstd")
    pq.write_table(pairs, os.path.join(work_dir, schema.DUPLICATE_NEIGHBORS), compression="zstd")
    cl = result.clusters
    return {"seconds": time.perf_counter() - t0,
            "files": {schema.DUPLICATES: schema.DUPLICATES,
                      schema.DUPLICATE_NEIGHBORS: schema.DUPLICATE_NEIGHBORS},
            "summary": {"duplicate_cutoff": float(opts.duplicate_cutoff),
                        "neighbor_radius": float(result.radius),
                        "tag_duplicates": bool(opts.tag_duplicates),
                        "method": result.method,
                        "clusters": cl.n_clusters,
                        "deletion_candidates": cl.n_deletion,
                        "near_pairs": int(len(result.a)),
                        "seconds": {k: round(v, 3) for k, v in result.seconds.items()}}}
