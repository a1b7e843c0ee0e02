"""Latent vectors as Arrow: one fixed_size_list column, memory-mappable when local.

Arrow IPC (not .npy) keeps ids next to vectors in one self-describing file, and a
single-chunk fixed_size_list maps to a (N, d) numpy view with zero copies.
"""
from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc

from datamap.resources import schema

if TYPE_CHECKING:
    from usearch.index import Index


def vectors_table(ids: pa.Array | list[str], vectors: np.ndarray, dtype: str = "float32") -> pa.Table:
    if dtype not in schema.LATENT_DTYPES:
        raise ValueError(f"latent dtype must be one of {schema.LATENT_DTYPES}, got {dtype!r}")
    v = np.ascontiguousarray(vectors, dtype=dtype)
    n, d = v.shape
    flat = pa.array(v.reshape(-1), type=pa.float16() if dtype == "float16" else pa.float32())
    col = pa.FixedSizeListArray.from_arrays(flat, d)
    if isinstance(ids, pa.ChunkedArray):
        ids = ids.combine_chunks()
    ids = ids.cast(pa.string()) if isinstance(ids, pa.Array) else pa.array(ids, type=pa.string())
    return pa.table({schema.ID: ids, schema.LATENT: col})


def table_bytes(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    with ipc.new_file(sink, table.schema) as w:
        w.write_table(table, max_chunksize=max(1, table.num_rows))
    return sink.getvalue()


def row_norms(vectors: np.ndarray, chunk: int = 65_536) -> np.ndarray:
    """Each row's length in float32, read in chunks: no second copy of a big map (a
    million-row map's dedupe checks ~67M pairs against these; its topics step takes
    cosines from them)."""
    v = np.asarray(vectors)
    out = np.empty(len(v), np.float32)
    for s in range(0, len(v), chunk):
        x = v[s:s + chunk].astype(np.float32, copy=False)
        out[s:s + chunk] = np.sqrt(np.einsum("ij,ij->i", x, x))
    return out


def index_queries(vectors: np.ndarray, index: "Index") -> np.ndarray:
    """Query rows as ``index`` (a usearch index) should be handed them: for an ``i8``
    index, each row scaled so its largest component is ±127 and rounded to int8; for any
    other, float32.

    Why: usearch turns a float query into int8 as round(127 × value), which suits values
    spread over [-1, 1]. A unit embedding's components are far smaller (the largest ~0.16
    of a 384-d MiniLM row, ~0.35 of a 256-d static one), so most of int8's range went
    unused. Cosine does not change with a row's length, so each query may fill the range
    on its own: one search of 1,000 rows' own vectors in the 1M synthetic map's index
    found 0.926 -> 0.938 of their exact 11 nearest at the reader's beam (64), in the PyPI
    map's 0.805 -> 0.814 (docs/scale.md, 2026-12-07, session seven).

    The build still hands its *rows* to usearch as floats. Rows scaled alike found far
    more (0.92 -> 0.96, 0.80 -> 0.82 at beam 48) at no cost on PyPI, but cost the 1M
    synthetic map's index stage ~10 s (its near-copies stop tying, so each insert and
    search walks further; bench/index_i8_scale.py), which issue 24's 300 s target cannot
    spare yet."""
    from usearch.index import ScalarKind

    if getattr(index, "dtype", None) != ScalarKind.I8:
        return np.ascontiguousarray(vectors, dtype=np.float32)
    x = np.asarray(vectors, dtype=np.float32)
    peak = np.abs(x).max(axis=1, keepdims=True) if x.size else np.ones((len(x), 1), np.float32)
    scale = np.float32(127.0) / np.where(peak > 0, peak, np.float32(1.0))
    return np.ascontiguousarray(np.clip(np.rint(x * scale), -127, 127).astype(np.int8))


def write_table_file(path: str, table: pa.Table) -> None:
    """``table`` as one Arrow IPC record batch in a local file, streamed to disk: going
    through ``table_bytes`` held a second 1.5 GB copy of a 1M × 384 map in memory and
    cost ~4 s more to build it (measured on the 1M ingest)."""
    with pa.OSFile(path, "wb") as sink, ipc.new_file(sink, table.schema) as w:
        w.write_table(table, max_chunksize=max(1, table.num_rows))


def vectors_from_table(table: pa.Table) -> np.ndarray:
    """(N, d) numpy array; a view on the Arrow buffer when it is one chunk."""
    col = table.column(schema.LATENT)
    d = col.type.list_size
    if col.num_chunks == 1:
        flat = col.chunk(0).values
    else:
        flat = pa.concat_arrays([c.values for c in col.chunks])
    arr = flat.to_numpy(zero_copy_only=False)
    return arr.reshape(-1, d)


def read_ipc(source) -> pa.Table:
    """Read an Arrow IPC file from a path, memory map, or file-like object."""
    return ipc.open_file(source).read_all()
