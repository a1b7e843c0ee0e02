"""Cross-filtering on the server: one boolean mask per filter, counts per chart, the
filtered rows' bitmap for the map, and a density grid for big maps.

Why here and not in the browser: the tiles hold a uniform *sample* of the map at the
zoom on screen (20,000 points at the overview), so counts computed from them would be
estimates, and the table and export need every filtered row anyway. Over the profiled
columns (``columns.py``) a brush is a few numpy comparisons and one ``np.bincount`` per
chart: bench/viewer.py measures it (docs/web-map.md has the numbers).
"""
from __future__ import annotations

import base64
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from datamap.resources import schema
from datamap.resources.errors import DatamapError
from datamap.viewer.columns import (MISSING, OTHER, TOP_TOPICS, Column, category_column, data_column,
                                    number_column)
from datamap.viewer.maps import MapState

DENSITY_GRID = 128          # cells per side of the density layer's grid over the map box
DENSITY_ROWS = 200_000      # maps with more points than this get a density layer


class InvalidFilter(DatamapError):
    """A filter names a column the map does not chart, or a value/kind that does not fit it."""


@dataclass
class Profile:
    """Every chartable column of one version, and the cell of each point in the density grid."""
    n: int
    columns: dict[str, Column]
    cell: np.ndarray
    totals: dict[str, np.ndarray] = field(default_factory=dict)     # unfiltered counts per chart
    density_total: np.ndarray | None = None

    def __post_init__(self) -> None:
        self.totals = {name: counts(c, None) for name, c in self.columns.items()}
        self.density_total = np.bincount(self.cell, minlength=DENSITY_GRID * DENSITY_GRID)

    def column(self, name: str) -> Column:
        c = self.columns.get(name)
        if c is None:
            raise InvalidFilter(f"no chart column named {name!r} on this map")
        return c


def _aligned(ms: MapState, name: str) -> pa.Table:
    """A per-point artifact in the map's row order (stages promise it; this checks)."""
    from datamap.resources.data import align_to

    return align_to(ms.m.read_parquet(name), ms.table.column(schema.ID))


def _topic_columns(ms: MapState) -> list[Column]:
    """One bar chart per topic depth: the biggest topics by id, labelled with their names."""
    if not ms.m.has(schema.TOPICS):
        return []
    t = _aligned(ms, schema.TOPICS)
    labels: dict[str, str] = {}
    if ms.has_topics():
        meta = ms.m.read_parquet(schema.TOPIC_METADATA)
        labels = {str(i): str(lab) for i, lab in zip(meta.column(schema.TOPIC_ID).to_pylist(),
                                                    meta.column(schema.TOPIC_LABEL).to_pylist())}
    out, d = [], 1
    while schema.topic_id_column(d) in t.column_names:
        col = category_column(f"topic_{d}", t.column(schema.topic_id_column(d)).combine_chunks(),
                              top=TOP_TOPICS, kind="topic", source="topics", label=f"topic depth {d}")
        if col is not None:
            col.labels = {c: labels.get(c, c) for c in col.categories}
            col.depth = d
            col.shown = d <= 2        # deeper topics are a click away ("add a chart")
            out.append(col)
        d += 1
    return out


def _curation_columns(ms: MapState) -> list[Column]:
    """Duplicate class and outlier score, where the version has them."""
    out = []
    if ms.has_duplicates():
        t = _aligned(ms, schema.DUPLICATES)
        if schema.DUP_CLASS in t.column_names:
            c = category_column(schema.DUP_CLASS, t.column(schema.DUP_CLASS).combine_chunks(), top=16,
                                source="duplicates", label="duplicate class")
            if c is not None:
                out.append(c)
    if ms.m.has(schema.OUTLIERS):
        t = _aligned(ms, schema.OUTLIERS)
        v = t.column(schema.OUTLIER_SCORE).cast(pa.float64()).fill_null(float("nan")).to_numpy()
        c = number_column(schema.OUTLIER_SCORE, v, source="outliers", label="outlier score")
        if c is not None:
            out.append(c)
    return out


def profile(ms: MapState) -> Profile:
    """The map's chart columns, built on first use and kept with the open version."""
    with ms._load_lock:
        got = getattr(ms, "_xf_profile", None)
        if got is not None:
            return got
        tb, n = ms.table, ms.m.row_count
        cols: dict[str, Column] = {}
        skip = {schema.ID, ms.text_field}
        derived = _topic_columns(ms) + _curation_columns(ms)
        for name in tb.column_names:      # the data's own fields first, then what the build added
            if name in skip or name.startswith("_") or name in {c.name for c in derived}:
                continue
            c = data_column(name, tb.column(name).combine_chunks(), n)
            if c is not None:
                cols[name] = c
        for c in derived:
            cols[c.name] = c
        xy = ms.xy
        g = DENSITY_GRID
        ix = np.clip((xy[:, 0] * g).astype(np.int64), 0, g - 1)
        iy = np.clip((xy[:, 1] * g).astype(np.int64), 0, g - 1)
        ms._xf_profile = Profile(n, cols, (iy * g + ix).astype(np.int32))
        return ms._xf_profile


def _allowed(c: Column, values: list[str]) -> np.ndarray:
    """A lookup table code -> kept, from the bar names a filter lists."""
    index = {v: i for i, v in enumerate(c.categories)}
    bad = [v for v in values if v not in index]
    if bad:
        raise InvalidFilter(f"{c.name!r} has no bar {bad[0]!r}")
    keep = np.zeros(c.size(), dtype=bool)
    keep[[index[v] for v in values]] = True
    return keep


def _rows_mask(n: int, rows) -> np.ndarray:
    m = np.zeros(n, dtype=bool)
    rows = np.asarray(rows, dtype=np.int64)
    m[rows[(rows >= 0) & (rows < n)]] = True
    return m


def mask_of(ms: MapState, f) -> np.ndarray | None:
    """The rows the filter keeps (AND across charts and sources, OR within a chart's bars);
    None when nothing filters. ``f`` is a ``request_models.Filter``."""
    p = profile(ms)
    m: np.ndarray | None = None

    def And(x: np.ndarray) -> None:
        nonlocal m
        m = x if m is None else (m & x)

    for name, (lo, hi) in f.ranges.items():
        c = p.column(name)
        if c.kind not in ("number", "date"):
            raise InvalidFilter(f"{name!r} is a {c.kind} column: filter it by values, not a range")
        with np.errstate(invalid="ignore"):
            And((c.values >= lo) & (c.values < hi))
    for name, values in f.values.items():
        c = p.column(name)
        if c.kind not in ("category", "list", "topic"):
            raise InvalidFilter(f"{name!r} is a {c.kind} column: filter it by a range, not values")
        keep = _allowed(c, values)
        And(_rows_mask(p.n, c.owner[keep[c.codes]]) if c.kind == "list" else keep[c.codes])
    if f.polygon is not None:
        And(_rows_mask(p.n, ms.rows_in_polygon(f.polygon)))
    if f.rows is not None:
        And(_rows_mask(p.n, f.rows))
    if f.tag is not None:
        from datamap.viewer.maps import tags_of

        ids = list(tags_of(ms).get_datums_in_tag(f.tag))
        And(_rows_mask(p.n, ms.m.data.positions(ids, strict=False)))
    return m


def counts(c: Column, m: np.ndarray | None) -> np.ndarray:
    """Bar heights of one chart over the rows ``m`` keeps (all rows when None)."""
    codes = c.codes
    if m is not None:
        codes = codes[m[c.owner]] if c.kind == "list" else codes[m]
    return np.bincount(codes, minlength=c.size())[:c.size()]


@dataclass
class Kept:
    """The rows a filter keeps, in the cheaper of two forms: the kept rows themselves, or
    (when it keeps more than half) the dropped ones, whose counts are taken off the totals.
    Counting then touches at most half the rows, whatever the brush."""
    mask: np.ndarray
    rows: np.ndarray          # row positions counted
    dropped: bool             # True: ``rows`` are the rows the filter drops

    @classmethod
    def of(cls, m: np.ndarray) -> Kept:
        k = int(np.count_nonzero(m))
        if k * 2 <= len(m):
            return cls(m, np.flatnonzero(m), False)
        return cls(m, np.flatnonzero(~m), True)

    def count(self, c: Column, total: np.ndarray) -> np.ndarray:
        if c.kind == "list":
            return np.rint(c.items @ self.mask.astype(np.float32)).astype(np.int64)
        else:
            codes = c.codes[self.rows]
        n = np.bincount(codes, minlength=c.size())[:c.size()]
        return total - n if self.dropped else n


def bitmap(m: np.ndarray) -> str:
    """The mask as base64 bits (bit ``r`` = row ``r``, little-endian): 125 kB at 1M rows."""
    return base64.b64encode(np.packbits(m, bitorder="little").tobytes()).decode()


def density(p: Profile, kept: Kept | None) -> str:
    """Points per grid cell (row-major, y up from the map's bottom), uint16 saturating, base64."""
    d = p.density_total
    if kept is not None:
        n = np.bincount(p.cell[kept.rows], minlength=DENSITY_GRID * DENSITY_GRID)
        d = d - n if kept.dropped else n
    return base64.b64encode(np.minimum(d, 65535).astype("<u2").tobytes()).decode()


def aggregate(ms: MapState, f, names: list[str] | None, want_mask: bool, want_density: bool) -> dict:
    """Filtered counts of each chart, how many rows pass, and (if asked) their bitmap."""
    p = profile(ms)
    m = mask_of(ms, f)
    cols = [p.column(n) for n in names] if names else list(p.columns.values())
    kept = None if m is None else Kept.of(m)
    charts = {c.name: (p.totals[c.name] if kept is None else kept.count(c, p.totals[c.name])).tolist()
              for c in cols}
    out = {"rows": p.n, "count": int(p.n if m is None else m.sum()), "charts": charts}
    if want_mask and m is not None:
        out["mask"] = bitmap(m)
    if want_density and p.n > DENSITY_ROWS:
        out["density"] = {"grid": DENSITY_GRID, "counts": density(p, kept)}
    return out


def columns_meta(ms: MapState) -> dict:
    """Every chart with its bins or bars and unfiltered counts: the chart panel's first read."""
    p = profile(ms)
    return {"rows": p.n, "density_rows": DENSITY_ROWS, "other": OTHER, "missing": MISSING,
            "columns": [c.meta(p.totals[c.name]) for c in p.columns.values()]}


def filtered_rows(ms: MapState, f) -> np.ndarray:
    """Row positions the filter keeps, in row order."""
    m = mask_of(ms, f)
    return np.arange(ms.m.row_count, dtype=np.int64) if m is None else np.flatnonzero(m)
