"""What every stage wrapper shares: the cache decorator and the work-area vector format."""
from __future__ import annotations

import functools
import inspect
from typing import Any, Callable

import numpy as np
import pyarrow as pa
from prefect import task

from datamap.flows.runtime.workarea import sync_stage_outputs, unshare
from datamap.resources.failpoints import failpoint
from datamap.resources.vectors import read_ipc, vectors_from_table, vectors_table, write_table_file


def _key(ctx, params: dict[str, Any]) -> str:
    return params["key"]


def cached_stage(name: str, **task_kwargs) -> Callable:
    """A Prefect task named ``name`` (what the Prefect UI shows), cached on its ``key``
    argument (which the flow derives from the stage's inputs and the work area's token),
    results persisted as JSON (into the work area on the store: ``WorkArea.result_storage``). ``stage.<name>`` is the crash-test failpoint after it."""
    def wrap(f):
        sig = inspect.signature(f)

        @functools.wraps(f)
        def body(*args, **kwargs):
            # Prefect passes parameters positionally: find work_dir by name
            work_dir = sig.bind_partial(*args, **kwargs).arguments.get("work_dir")
            unshare(work_dir)        # no version's bytes are written through
            out = f(*args, **kwargs)
            sync_stage_outputs(work_dir)   # on the store before the result is recorded
            failpoint(f"stage.{name}")   # crash tests: outputs written, Prefect has not recorded the result
            return out

        return task(body, name=name, cache_key_fn=_key, persist_result=True, result_serializer="json",
                    log_prints=False, **task_kwargs)
    return wrap


def write_vectors(path: str, ids, vectors: np.ndarray, dtype: str = "float32") -> None:
    write_table_file(path, vectors_table(ids, vectors, dtype))


def read_vectors(path: str) -> np.ndarray:
    return vectors_from_table(read_ipc(pa.memory_map(path, "r")))
