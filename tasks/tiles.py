"""Tiles: a quadtree of small Arrow IPC files so a browser can show millions of points.

Every point gets a random rank (seeded). The root tile holds the ``capacity`` lowest
ranked points of the whole map; each child tile holds the lowest ranked of the points
left in its quarter, and so on until a quarter has no more than ``capacity`` points.
Because ranks are random, the tiles of depths 0..z together are a fair (uniform) sample
of every region at zoom z, so the viewer loads the root first and only the children of
what is on screen as one zooms in, never the whole map.

Tile files are uncompressed Arrow IPC streams (the browser decoder needs no codec; the
server compresses on the wire). Columns: x, y (float32, in the [0,1] box), row (uint32
position in ``data.parquet``), rank (uint32, the sampled order), optional colour columns
(topic id per depth, duplicate class, small categorical fields as dictionary codes,
numeric fields as float32). ``index.json`` lists the tiles and what the codes mean.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc

from datamap.resources import schema
from datamap.resources.data import align_to  # noqa: F401  (stages call T.align_to)
from datamap.resources.options import options_from_dict


@dataclass
class TileOptions:
    capacity: int = 20_000        # points per tile; the first view is one root tile
    max_depth: int = 14           # deeper than this, a leaf keeps everything left
    seed: int = 7
    max_categories: int = 64      # a string field with more distinct values is not a colour
    max_fields: int = 8           # colour fields carried besides topics/duplicates

    @classmethod
    def from_dict(cls, d: dict | None) -> "TileOptions":
        return options_from_dict(cls, d, "tiles")


@dataclass
class ColourColumn:
    """One extra per-point column carried in every tile."""
    name: str                     # column name inside the tiles
    kind: str                     # "category" (integer codes) or "numeric"
    values: np.ndarray            # length N (codes or floats)
    source: str = ""              # where it came from: field name, "topics", "duplicates"
    categories: list | None = None
    labels: dict | None = None    # code -> label (topics)
    depth: int | None = None
    extent: list | None = None    # numeric: [min, max]
    extra: dict = field(default_factory=dict)

    def meta(self) -> dict:
        out = {"name": self.name, "kind": self.kind, "source": self.source}
        if self.categories is not None:
            out["categories"] = self.categories
        if self.labels is not None:
            out["labels"] = self.labels
        if self.depth is not None:
            out["depth"] = self.depth
        if self.extent is not None:
            out["extent"] = self.extent
        out.update(self.extra)
        return out


def assign_tiles(x: np.ndarray, y: np.ndarray, opts: TileOptions) -> tuple[np.ndarray, np.ndarray]:
    """(tile key per point, rank per point). Key packs (depth, tx, ty) as z<<56|tx<<28|ty.

    One vectorised pass per depth: sort the points still unplaced by (cell, rank), keep
    the first ``capacity`` of each cell, push the rest one level down.
    """
    n = len(x)
    rng = np.random.default_rng(opts.seed)
    rank = rng.permutation(n).astype(np.uint32)
    key = np.zeros(n, dtype=np.int64)
    left = np.arange(n, dtype=np.int64)
    xc = np.clip(np.asarray(x, dtype=np.float64), 0.0, 1.0)
    yc = np.clip(np.asarray(y, dtype=np.float64), 0.0, 1.0)
    for z in range(opts.max_depth + 1):
        if len(left) == 0:
            break
        side = 1 << z
        tx = np.minimum((xc[left] * side).astype(np.int64), side - 1)
        ty = np.minimum((yc[left] * side).astype(np.int64), side - 1)
        cell = (np.int64(z) << 56) | (tx << 28) | ty
        if z == opts.max_depth:
            key[left] = cell
            break
        order = np.lexsort((rank[left], cell))
        cs = cell[order]
        starts = np.r_[0, np.flatnonzero(cs[1:] != cs[:-1]) + 1]
        group_start = np.repeat(starts, np.diff(np.r_[starts, len(cs)]))
        within = np.arange(len(cs)) - group_start
        keep = within < opts.capacity
        placed = left[order[keep]]
        key[placed] = cs[keep]
        left = left[order[~keep]]
    return key, rank


def unpack_key(k: int) -> tuple[int, int, int]:
    return int(k >> 56), int((k >> 28) & ((1 << 28) - 1)), int(k & ((1 << 28) - 1))


def tile_name(z: int, tx: int, ty: int) -> str:
    return f"{z}/{tx}/{ty}.arrow"


def _code_type(n_categories: int) -> pa.DataType:
    return pa.uint8() if n_categories < 255 else pa.uint16() if n_categories < 65535 else pa.uint32()


def categorical_codes(values: pa.ChunkedArray | pa.Array, max_categories: int) -> tuple[np.ndarray, list] | None:
    """(codes, categories by frequency) for a low-cardinality column, else None.

    Missing values get the last code (``len(categories)``), shown as "(missing)".
    """
    import pyarrow.compute as pc

    arr = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    counts = pc.value_counts(arr.drop_null())
    if len(counts) == 0 or len(counts) > max_categories:
        return None
    vals = counts.field("values").to_pylist()
    cnt = counts.field("counts").to_numpy()
    order = np.argsort(-cnt, kind="stable")
    cats = [vals[i] for i in order]
    idx = pc.index_in(arr, value_set=pa.array(cats, type=arr.type))
    codes = idx.fill_null(len(cats)).to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, [str(c) for c in cats]


def field_columns(table: pa.Table, skip: set[str], opts: TileOptions) -> list[ColourColumn]:
    """Colour columns from the data: small string/bool categories and plain numbers."""
    out: list[ColourColumn] = []
    for name in table.column_names:
        if name in skip or name.startswith("_") or len(out) >= opts.max_fields:
            continue
        col = table.column(name)
        t = col.type
        if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_boolean(t) \
                or pa.types.is_dictionary(t):
            if pa.types.is_dictionary(t):
                col = col.cast(pa.string())
            got = categorical_codes(col, opts.max_categories)
            if got is None:
                continue
            codes, cats = got
            out.append(ColourColumn(f"f:{name}", "category", codes, source=name, categories=cats))
        elif pa.types.is_integer(t) or pa.types.is_floating(t):
            v = col.to_numpy(zero_copy_only=False).astype(np.float64)
            finite = v[np.isfinite(v)]
            if len(finite) == 0:
                continue
            out.append(ColourColumn(f"f:{name}", "numeric", v.astype(np.float32), source=name,
                                    extent=[float(finite.min()), float(finite.max())]))
    return out


def topic_columns(topics: pa.Table, metadata: pa.Table | None) -> list[ColourColumn]:
    """One category column per topic depth (codes are the topic ids of that depth)."""
    labels: dict[int, str] = {}
    if metadata is not None:
        for tid, lab in zip(metadata.column(schema.TOPIC_ID).to_pylist(),
                            metadata.column(schema.TOPIC_LABEL).to_pylist()):
            labels[int(tid)] = lab
    out = []
    d = 1
    while schema.topic_id_column(d) in topics.column_names:
        ids = topics.column(schema.topic_id_column(d)).to_numpy(zero_copy_only=False).astype(np.int64)
        uniq = np.unique(ids)
        # dense codes per depth keep the tile column small (uint8/16) whatever the ids are
        codes = np.searchsorted(uniq, ids)
        out.append(ColourColumn(f"topic_{d}", "category", codes, source="topics", depth=d,
                                categories=[str(int(u)) for u in uniq],
                                labels={str(int(u)): labels.get(int(u), str(int(u))) for u in uniq}))
        d += 1
    return out


def duplicate_column(dups: pa.Table) -> ColourColumn | None:
    if schema.DUP_CLASS not in dups.column_names:
        return None
    got = categorical_codes(dups.column(schema.DUP_CLASS).cast(pa.string()), 16)
    if got is None:
        return None
    codes, cats = got
    return ColourColumn(schema.DUP_CLASS, "category", codes, source="duplicates", categories=cats)


def write_tiles(out_dir: str, x: np.ndarray, y: np.ndarray, columns: list[ColourColumn],
                opts: TileOptions, mapper=None, tiles_per_task: int = 0) -> dict:
    """Write every tile and ``index.json`` under ``out_dir``; return the index.

    ``mapper(fn, [args, ...])`` with ``tiles_per_task`` > 0 writes groups of tiles as
    separate calls (Dask tasks with ``--runner dask``, flows/dask_parts.py); every tile
    is independent, so the files are the same however they are grouped."""
    n = len(x)
    key, rank = assign_tiles(x, y, opts)
    order = np.lexsort((rank, key))          # tiles contiguous, each in rank order
    ks = key[order]
    starts = np.r_[0, np.flatnonzero(ks[1:] != ks[:-1]) + 1] if n else np.array([], dtype=np.int64)
    ends = np.r_[starts[1:], n] if n else starts
    xs = np.asarray(x, dtype=np.float32)
    ys = np.asarray(y, dtype=np.float32)
    typed = []
    for c in columns:
        if c.kind == "category":
            n_cat = len(c.categories or []) + 1
            typed.append((c.name, pa.array(c.values.astype(_code_type(n_cat).to_pandas_dtype()))))
        else:
            typed.append((c.name, pa.array(c.values.astype(np.float32))))
    spans = list(zip(starts.tolist(), ends.tolist()))
    if mapper is not None and tiles_per_task and len(spans) > tiles_per_task:
        groups = [spans[i:i + tiles_per_task] for i in range(0, len(spans), tiles_per_task)]
        tiles = {}
        for part in mapper(_write_tile_group, [(out_dir, g, ks, order, xs, ys, rank, typed) for g in groups]):
            tiles.update(part)
    else:
        tiles = _write_tile_group(out_dir, spans, ks, order, xs, ys, rank, typed)
    index = {"version": schema.TILES_VERSION, "format": schema.TILE_FORMAT, "rows": int(n),
             "capacity": opts.capacity, "max_depth": max((int(k.split("/")[0]) for k in tiles), default=0),
             "extent": [0.0, 1.0, 0.0, 1.0], "columns": [c.meta() for c in columns],
             "tiles": tiles}
    with open(os.path.join(out_dir, schema.FOLDER_INDEX), "w") as f:
        json.dump(index, f, separators=(",", ":"))
    return index


def _write_tile_group(out_dir: str, spans, ks, order, xs, ys, rank, typed) -> dict:
    """Write the tiles whose rows are ``order[s:e]`` for each (s, e) in ``spans``."""
    tiles = {}
    for s, e in spans:
        z, tx, ty = unpack_key(int(ks[s]))
        sel = order[s:e]
        cols = {"x": pa.array(xs[sel]), "y": pa.array(ys[sel]),
                schema.TILE_ROW: pa.array(sel.astype(np.uint32)), schema.TILE_RANK: pa.array(rank[sel])}
        idx = pa.array(sel)
        for name, arr in typed:
            cols[name] = arr.take(idx)
        t = pa.table(cols)
        rel = tile_name(z, tx, ty)
        path = os.path.join(out_dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        sink = pa.BufferOutputStream()
        with ipc.new_stream(sink, t.schema) as w:
            w.write_table(t)
        buf = sink.getvalue()
        with open(path, "wb") as f:
            f.write(buf.to_pybytes())
        tiles[f"{z}/{tx}/{ty}"] = [int(e - s), int(buf.size)]
    return tiles
