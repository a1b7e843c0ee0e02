"""The ``outliers`` stage: a per-point outlier score from the build's k-NN graph.

Reads ``knn_idx.npy`` / ``knn_dist.npy`` from the work area, scores every point with
``tasks.outliers`` and writes ``outliers.parquet`` (id, outlier_score, rank). A refresh
runs it again on the new build's graph, which already holds the new points: it costs
well under a second per 100k points, so there is nothing to carry over from the parent.
"""
from __future__ import annotations

import os
import time

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from datamap.flows.runtime.stagekit import cached_stage
from datamap.resources import schema


def outlier_table(ids: pa.Array, scores: np.ndarray, ranks: np.ndarray) -> pa.Table:
    return pa.table({schema.ID: ids,
                     schema.OUTLIER_SCORE: pa.array(scores, type=pa.float32()),
                     schema.OUTLIER_RANK: pa.array(ranks, type=pa.int64())})


@cached_stage("outliers")
def outliers(key: str, work_dir: str, text_field: str | None, options: dict) -> dict:
    t0 = time.perf_counter()
    from datamap.tasks import outliers as O

    opts = O.OutlierOptions.from_dict(options)
    ids = pq.read_table(os.path.join(work_dir, schema.WORK_DATA), columns=[schema.ID]).column(schema.ID).combine_chunks()
    knn_idx = np.load(os.path.join(work_dir, schema.WORK_KNN_IDX), mmap_mode="r")
    knn_dist = np.load(os.path.join(work_dir, schema.WORK_KNN_DIST), mmap_mode="r")
    scores = O.outlier_scores(knn_idx, knn_dist, opts)
    ranks = O.ranks(scores)
    pq.write_table(outlier_table(ids, scores, ranks), os.path.join(work_dir, schema.OUTLIERS), compression="zstd")
    k = min(opts.n_neighbors, knn_idx.shape[1] - 1)
    q = np.quantile(scores, [0.5, 0.99]) if len(scores) else [None, None]
    return {"seconds": time.perf_counter() - t0,
            "files": {schema.OUTLIERS: schema.OUTLIERS},
            "summary": {"method": opts.method, "n_neighbors": int(k),
                        "median": None if q[0] is None else float(q[0]),
                        "p99": None if q[1] is None else float(q[1]),
                        "max": float(scores.max()) if len(scores) else None}}
