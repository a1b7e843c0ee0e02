"""The workbench's "Python" button: polars code over ``open_map(...)`` that keeps the same
rows as the filter on screen.

Written on the server beside the filter code it mirrors (``crossfilter.mask_of``), so a
test can run the snippet and compare its ids with the export: the two must not drift.
"""
from __future__ import annotations

import pyarrow as pa

from datamap.resources import schema
from datamap.viewer.columns import MISSING, OTHER, Column
from datamap.viewer.crossfilter import profile
from datamap.viewer.maps import MapState

JOINS = {"topics": schema.TOPICS, "duplicates": schema.DUPLICATES, "outliers": schema.OUTLIERS}


def _expr(ms: MapState, c: Column) -> str:
    """The polars expression of a chart column's value, as the profile computed it."""
    if c.source == "topics":
        return f"pl.col({c.name!r}).cast(pl.String)"
    if c.kind == "date":
        t = ms.table.schema.field(c.name).type
        if pa.types.is_string(t) or pa.types.is_large_string(t):
            return f'pl.col({c.name!r}).str.to_datetime(strict=False, time_unit="ms").dt.epoch("ms")'
        return f'pl.col({c.name!r}).cast(pl.Datetime("ms")).dt.epoch("ms")'
    if c.kind == "number":
        return f"pl.col({c.name!r}).cast(pl.Float64)"
    return f"pl.col({c.name!r}).cast(pl.String)"


def _values(ms: MapState, c: Column, values: list[str]) -> str:
    """OR of the picked bars: named values, "(other)" (not a top value), "(missing)"."""
    top = [v for v in c.categories if v not in (OTHER, MISSING)]
    named = [v for v in values if v not in (OTHER, MISSING)]
    if c.kind == "list":
        parts = [f"pl.col({c.name!r}).list.eval(pl.element().is_in({named!r})).list.any()"] if named else []
        if OTHER in values:
            parts.append(f"pl.col({c.name!r}).list.eval(~pl.element().is_in({top!r})).list.any()")
        return " | ".join(f"({p})" for p in parts)
    e = _expr(ms, c)
    parts = [f"{e}.is_in({named!r})"] if named else []
    if OTHER in values:
        parts.append(f"(~{e}.is_in({top!r}) & {e}.is_not_null())")
    if MISSING in values:
        parts.append(f"{e}.is_null()")
    return " | ".join(f"({p})" for p in parts)


def _joins(ms: MapState, cols: list[Column]) -> list[str]:
    """Lines that bring topic, duplicate and outlier columns beside the data, by id."""
    out = []
    for src in sorted({c.source for c in cols} - {"data"}):
        if src == "topics":
            sel = ", ".join(f'pl.col("{schema.topic_id_column(c.depth)}").alias({c.name!r})'
                            for c in cols if c.source == "topics")
        else:
            sel = ", ".join(f"{c.name!r}" for c in cols if c.source == src)
        out.append(f'df = df.join(pl.from_arrow(m.read_parquet("{JOINS[src]}")).select("id", {sel}), '
                   'on="id", how="left").sort("row")')
    return out


def python_snippet(ms: MapState, f, store: str) -> str:
    """Code that gives the filtered rows as a polars DataFrame ``df`` (with a ``row`` column)."""
    from datamap.viewer.crossfilter import mask_of

    mask_of(ms, f)          # the same checks as every other use of a filter (InvalidFilter: 400)
    p = profile(ms)
    used = [p.column(n) for n in list(f.ranges) + list(f.values)]
    lines = ["import polars as pl", "from datamap import open_map", "",
             f"m = open_map({ms.m.dataset!r}, store={store!r}, version={ms.m.version!r})",
             'df = pl.from_arrow(m.data.tb).with_row_index("row")']
    lines += _joins(ms, list({c.name: c for c in used}.values()))
    conds = []
    for name, (lo, hi) in f.ranges.items():
        e = _expr(ms, p.column(name))
        conds.append(f"({e} >= {lo!r}) & ({e} < {hi!r})")
    for name, values in f.values.items():
        conds.append(_values(ms, p.column(name), values))
    if f.polygon is not None:
        lines[:2] += ["import numpy as np", "from datamap.viewer.maps import points_in_polygon"]
        lines.append('xy = pl.from_arrow(m.read_parquet("projection.parquet")).select("x", "y")'
                     '.to_numpy().astype("float32")')
        lines.append(f"lasso = points_in_polygon(xy, np.array({f.polygon!r})).tolist()")
        conds.append('pl.col("row").is_in(lasso)')
    if f.rows is not None:
        conds.append(f'pl.col("row").is_in({list(f.rows)!r})')
    if f.tag is not None:
        conds.append(f'pl.col("id").is_in(list(m.tags.get_datums_in_tag({f.tag!r})))')
    for cnd in conds:
        lines.append(f"df = df.filter({cnd})")
    return "\n".join(lines) + "\n"
