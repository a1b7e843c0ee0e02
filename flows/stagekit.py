"""What every stage wrapper shares: the cache decorator and the work-area file formats."""
from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pyarrow as pa
from prefect import task

from tasks.failpoints import failpoint
from resources.vectors import read_ipc, table_bytes, vectors_from_table, vectors_table

# names of the work-area files every stage after `project` can read
WORK_DATA = "data.parquet"            # validated table, id first
WORK_VECTORS = "vectors.arrow"        # float32 latent vectors (Arrow IPC, id + latent)
WORK_KNN_IDX = "knn_idx.npy"          # (N, K+1) int64 row positions, self first
WORK_KNN_DIST = "knn_dist.npy"        # (N, K+1) float32 cosine distances, self first (0)
WORK_PROJECTION = "projection.parquet"
WORK_INDEX = "index.usearch"


def _key(ctx, params: dict[str, Any]) -> str:
    return params["key"]


def cached_stage(fn=None, **task_kwargs):
    """A Prefect task cached on its ``key`` argument (which the flow derives from the
    stage's inputs and the work area's token), results persisted as JSON."""
    def wrap(f):
        point = f"{f.__module__.rsplit('.', 1)[-1]}.{f.__name__}"   # e.g. stage_topics.run

        @functools.wraps(f)
        def body(*args, **kwargs):
            out = f(*args, **kwargs)
            failpoint(point)   # crash tests: outputs written, Prefect has not recorded the result
            return out

        return task(body, cache_key_fn=_key, persist_result=True, result_serializer="json",
                    log_prints=False, **task_kwargs)
    return wrap(fn) if fn is not None else wrap


def write_vectors(path: str, ids, vectors: np.ndarray, dtype: str = "float32") -> None:
    with open(path, "wb") as f:
        f.write(table_bytes(vectors_table(ids, vectors, dtype)))


def read_vectors(path: str) -> np.ndarray:
    return vectors_from_table(read_ipc(pa.memory_map(path, "r")))
