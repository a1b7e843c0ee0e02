"""``datamap.build_map`` on data already in memory, as the nomic client's
``map_data(data=df, embeddings=arr)`` does: a pandas or polars DataFrame or an Arrow
table, and optionally a numpy array of vectors in row order.

The flow reads files (its fingerprint, resume and validation all work on one input
file), so an in-memory input is written to a Parquet file (and the vectors to a ``.npy``)
in a temporary folder first, built from there and removed afterwards. The version's
manifest records that temporary path as its source.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from datamap.resources.errors import IngestError, InvalidOption


def as_arrow(data: Any) -> pa.Table | None:
    """``data`` as an Arrow table when it is a table in memory; None for a path or URL."""
    if isinstance(data, (str, os.PathLike)):
        return None
    if isinstance(data, pa.Table):
        return data
    module = type(data).__module__.split(".")[0]
    if module == "polars" and hasattr(data, "to_arrow"):
        return data.to_arrow()
    if module == "pandas" and hasattr(data, "columns"):
        return pa.Table.from_pandas(data, preserve_index=False)
    raise IngestError(f"build_map takes a path or URL, a pandas or polars DataFrame or an Arrow table; "
                      f"got {type(data).__name__}")


def as_vectors(embeddings: Any, rows: int | None) -> np.ndarray:
    """A numpy (N, d) array of finite numbers, one row per input row (checked before any work)."""
    arr = np.asarray(embeddings)
    if arr.ndim != 2 or not np.issubdtype(arr.dtype, np.number):
        raise IngestError(f"embeddings must be a 2-D numeric array (rows, width), got shape {arr.shape} "
                          f"of {arr.dtype}")
    if rows is not None and arr.shape[0] != rows:
        raise IngestError(f"embeddings have {arr.shape[0]} rows, the data {rows}: one vector per row, in order")
    return arr.astype(np.float32, copy=False)


def build_map_any(source: Any, dataset: str, store: str | None = None, options: dict | None = None,
                  embeddings: Any = None, **kwargs: Any) -> dict:
    """``flows.build_map.build_map`` for a path/URL or a table in memory, with vectors given
    as ``embeddings=`` (a path, or a numpy array in row order), against the Prefect API a
    CLI build uses (``local_api``: a server that dies with this process, started once per
    process, while the stages' libraries are imported: ``flows.preload``)."""
    from datamap.flows.options import check_options

    options = dict(options or {})
    check_options(options, dataset)     # a typo is refused now, before Prefect is even imported
    from datamap.flows.runtime.api_server import local_api
    from datamap.flows.preload import preload_for

    with local_api(preload_for(options)):
        return _build(source, dataset, store, options, embeddings, **kwargs)


def _build(source: Any, dataset: str, store: str | None, options: dict, embeddings: Any, **kwargs: Any) -> dict:
    from datamap.flows.build_map import build_map

    table = as_arrow(source)
    if embeddings is not None and options.get("embeddings"):
        raise InvalidOption("give the vectors once: embeddings= or options['embeddings'], not both")
    if table is None and (embeddings is None or isinstance(embeddings, (str, os.PathLike))):
        if embeddings is not None:
            options["embeddings"] = os.fspath(embeddings)
        return build_map(source=os.fspath(source), dataset=dataset, store=store, options=options, **kwargs)
    folder = tempfile.mkdtemp(prefix="datamap-inmemory-")
    try:
        if table is not None:
            source = os.path.join(folder, f"{dataset}.parquet")
            pq.write_table(table, source)
        if isinstance(embeddings, (str, os.PathLike)):
            options["embeddings"] = os.fspath(embeddings)
        elif embeddings is not None:
            vec = as_vectors(embeddings, table.num_rows if table is not None else None)
            options["embeddings"] = os.path.join(folder, f"{dataset}-embeddings.npy")
            np.save(options["embeddings"], vec)
        return build_map(source=os.fspath(source), dataset=dataset, store=store, options=options, **kwargs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
