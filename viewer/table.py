"""The workbench table and export: the filtered rows, sorted on any column, one page at a time.

Sorting a million filtered rows takes a few hundred milliseconds, and scrolling asks for
a page every few frames, so the sorted order of the last few (filter, sort) pairs is
kept with the open version and a page is then a slice.
"""
from __future__ import annotations

import io
import threading
from collections import OrderedDict

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from datamap.resources import schema
from datamap.viewer.crossfilter import InvalidFilter, filtered_rows, profile
from datamap.viewer.maps import MapState

CELL_CHARS = 200        # text cells are clipped; the record panel shows the whole value
ORDERS_KEPT = 4
_lock = threading.Lock()


def _sort_key(ms: MapState, name: str, rows: np.ndarray) -> pa.Array | np.ndarray:
    """The values ``rows`` are sorted by: the data field, or a chart column's value/label."""
    tb = ms.table
    if name in tb.column_names:
        col = tb.column(name)
        if pa.types.is_list(col.type) or pa.types.is_large_list(col.type):
            return pc.list_value_length(col.take(pa.array(rows))).combine_chunks()
        if pa.types.is_binary(col.type) or pa.types.is_large_binary(col.type):
            raise InvalidFilter(f"{name!r} holds bytes: it cannot be sorted")
        return col.take(pa.array(rows)).combine_chunks()
    c = profile(ms).column(name)
    if c.values is not None:
        return c.values[rows]
    return pa.array([c.labels.get(x, x) for x in c.categories] + [None])\
        .take(pa.array(np.minimum(c.codes[rows], len(c.categories))))


def ordered_rows(ms: MapState, f, sort: str | None, desc: bool) -> np.ndarray:
    """The filtered rows in table order (row order when unsorted; missing values last)."""
    key = (f.model_dump_json(), sort, desc)
    with _lock:
        cache = ms.__dict__.setdefault("_xf_orders", OrderedDict())
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
    rows = filtered_rows(ms, f)
    if sort:
        vals = _sort_key(ms, sort, rows)
        arr = pa.array(vals) if isinstance(vals, np.ndarray) else vals
        order = pc.sort_indices(pa.table({"k": arr}),
                                sort_keys=[("k", "descending" if desc else "ascending", "at_end")]).to_numpy()
        rows = rows[order]
    with _lock:
        cache[key] = rows
        while len(cache) > ORDERS_KEPT:
            cache.popitem(last=False)
    return rows


def _cell(v):
    if isinstance(v, str):
        return v if len(v) <= CELL_CHARS else v[:CELL_CHARS] + "…"
    if isinstance(v, (list, tuple)):
        return _cell(", ".join(str(x) for x in v))
    if isinstance(v, (bytes, bytearray)):
        return f"<{len(v)} bytes>"
    if isinstance(v, float) and not np.isfinite(v):
        return None
    return v if isinstance(v, (int, float, bool, type(None))) else str(v)


def page(ms: MapState, f, sort: str | None, desc: bool, offset: int, limit: int, columns: list[str]) -> dict:
    """One page of the table: each row's position, id, place and its clipped cells."""
    rows = ordered_rows(ms, f, sort, desc)
    part = rows[offset:offset + limit]
    tb, p = ms.table, profile(ms)
    cells: dict[str, list] = {}
    for name in columns:
        if name in tb.column_names:
            cells[name] = [_cell(v) for v in tb.column(name).take(pa.array(part)).to_pylist()]
        else:
            c = p.column(name)
            if c.values is not None:
                cells[name] = [_cell(float(x)) for x in c.values[part]]
            else:
                cats = c.categories + [None]
                cells[name] = [c.labels.get(cats[k], cats[k]) if cats[k] else None
                               for k in np.minimum(c.codes[part], len(c.categories))]
    ids = tb.column(schema.ID).take(pa.array(part)).to_pylist()
    xy = ms.xy[part]
    return {"count": len(rows), "offset": offset, "rows": part.tolist(), "ids": ids,
            "x": xy[:, 0].tolist(), "y": xy[:, 1].tolist(), "cells": cells}


def export_bytes(ms: MapState, f, fmt: str, ids_only: bool) -> bytes:
    """The filtered rows (every data field, or only ``id``) as CSV or Parquet bytes.
    CSV has no lists: list cells are joined with "|"; bytes columns are left out of it."""
    import polars as pl

    rows = filtered_rows(ms, f)
    tb = ms.table.select([schema.ID]) if ids_only else ms.table
    df = pl.from_arrow(tb.take(pa.array(rows)))
    buf = io.BytesIO()
    if fmt == "parquet":
        df.write_parquet(buf)
        return buf.getvalue()
    for name, dt in df.schema.items():
        if isinstance(dt, pl.List):
            df = df.with_columns(pl.col(name).cast(pl.List(pl.String)).list.join("|"))
        elif dt == pl.Binary or isinstance(dt, (pl.Struct, pl.Array)):
            df = df.drop(name)
    df.write_csv(buf)
    return buf.getvalue()

