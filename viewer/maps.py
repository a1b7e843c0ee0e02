"""What the web server knows about open maps: a small cache of readers, the query
embedder per model, and the geometry behind lasso/box selection.

Everything about a map is read through ``resources`` (the reader); the only other
import is ``tasks.embed`` for the query model, loaded once and only when a semantic
search is asked for.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from functools import cached_property
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from datamap.resources import schema
from datamap.resources.errors import DatamapError, ResourceMissing
from datamap.resources.reader import DataMap
from datamap.resources.store import Store


class SemanticSearchUnavailable(DatamapError):
    """The map's vectors came from a model this server cannot load (e.g. your own vectors)."""


class MapState:
    """One open version plus the arrays the server reuses across requests."""

    def __init__(self, m: DataMap):
        self.m = m
        self._load_lock = threading.RLock()
        self._xy: np.ndarray | None = None

    @property
    def table(self) -> pa.Table:
        """The data table, loaded once even when 50 requests ask at the same moment."""
        with self._load_lock:
            return self.m.data.tb

    @property
    def xy(self) -> np.ndarray:
        with self._load_lock:
            if self._xy is None:
                t = self.m.read_parquet(schema.PROJECTION)
                self._xy = np.column_stack([t.column(schema.X).to_numpy(),
                                            t.column(schema.Y).to_numpy()]).astype(np.float32)
            return self._xy

    @cached_property
    def fields(self) -> list[str]:
        """Column names from the Parquet footer: opening a 10M-row map must not decode it."""
        import pyarrow.parquet as pq

        m = self.m
        if m.store.local:
            return list(pq.read_schema(m.artifact_path(schema.DATA)).names)
        with m.store.open(m.artifact_path(schema.DATA)) as f:
            return list(pq.read_schema(f).names)

    @property
    def text_field(self) -> str | None:
        return self.m.manifest.get("text_field")

    def has_tags(self) -> bool:
        try:
            import datamap.resources.tags  # noqa: F401
        except ImportError:
            return False
        return True

    def has_duplicates(self) -> bool:
        return self.m.has(schema.DUPLICATES)

    def has_topics(self) -> bool:
        return self.m.has(schema.TOPIC_METADATA)

    @cached_property
    def duplicates(self) -> pa.Table | None:
        if not self.has_duplicates():
            return None
        return self.m.read_parquet(schema.DUPLICATES)

    @cached_property
    def duplicate_rows(self) -> dict[int, np.ndarray]:
        """cluster id -> row positions of its members, for clusters of two or more."""
        t = self.duplicates
        if t is None or schema.DUP_CLUSTER_ID not in t.column_names:
            return {}
        pos = self.m.data.positions(t.column(schema.ID).to_pylist(), strict=False)
        cl = t.column(schema.DUP_CLUSTER_ID).fill_null(-1).to_numpy().astype(np.int64)
        if len(pos) != len(cl):
            return {}
        order = np.argsort(cl, kind="stable")
        uniq, start, count = np.unique(cl[order], return_index=True, return_counts=True)
        return {int(u): pos[order[s:s + c]] for u, s, c in zip(uniq, start, count) if c > 1 and u != -1}

    @cached_property
    def cluster_of_row(self) -> dict[int, Any]:
        return {int(r): c for c, rows in self.duplicate_rows.items() for r in rows}

    def preview(self, rows: np.ndarray | list[int], chars: int = 200) -> list[str]:
        tf = self.text_field
        if tf is None:
            return ["" for _ in rows]
        vals = self.table.column(tf).take(pa.array(np.asarray(rows, dtype=np.int64))).to_pylist()
        return [(v or "")[:chars] for v in vals]

    def record(self, row: int) -> dict:
        n = self.m.row_count
        if not 0 <= row < n:
            raise ResourceMissing(f"row {row} is outside this map (0..{n - 1})")
        rec = self.table.slice(row, 1).to_pylist()[0]
        fields = {}
        for k, v in rec.items():
            if isinstance(v, list) and len(v) > 64:
                v = v[:64] + [f"… {len(v) - 64} more"]
            if isinstance(v, (bytes, bytearray)):
                v = f"<{len(v)} bytes>"
            fields[k] = v if isinstance(v, (str, int, float, bool, list, type(None))) else str(v)
        return {"row": row, "id": rec[schema.ID], "x": float(self.xy[row, 0]), "y": float(self.xy[row, 1]),
                "text_field": self.text_field, "fields": fields}

    def hits(self, rows: list[int], scores: list[float] | None = None) -> list[dict]:
        rows_a = np.asarray(rows, dtype=np.int64)
        if len(rows_a) == 0:
            return []
        ids = self.table.column(schema.ID).take(pa.array(rows_a)).to_pylist()
        prev = self.preview(rows_a)
        out = []
        for i, r in enumerate(rows_a):
            h = {"row": int(r), "id": ids[i], "x": float(self.xy[r, 0]), "y": float(self.xy[r, 1]),
                 "text": prev[i]}
            if scores is not None:
                h["score"] = float(scores[i])
            out.append(h)
        return out

    def keyword_search(self, query: str, k: int, chunk: int = 1 << 18) -> tuple[list[int], int, bool]:
        """(first ``k`` rows whose text contains every word of ``query``, case-insensitive,
        in row order; hits counted; whether that count is exact).

        Scans in chunks and stops once ``k`` hits are found, so a common word on a 10M map
        answers from the first chunk instead of a full scan; the count is then a lower bound.
        """
        tf = self.text_field
        if tf is None:
            raise ResourceMissing("this map has no text field to search")
        words = [w for w in query.split() if w]
        if not words:
            return [], 0, True
        col = self.table.column(tf)
        found: list[np.ndarray] = []
        count = 0
        n = len(col)
        for start in range(0, n, chunk):
            part = col.slice(start, chunk)
            mask = None
            for w in words:
                hit = pc.match_substring(part, w, ignore_case=True)
                mask = hit if mask is None else pc.and_(mask, hit)
            rows = np.flatnonzero(mask.fill_null(False).to_numpy(zero_copy_only=False)) + start
            found.append(rows)
            count += len(rows)
            if count >= k and start + chunk < n:
                return np.concatenate(found)[:k].tolist(), count, False
        return (np.concatenate(found)[:k].tolist() if found else []), count, True

    def rows_in_polygon(self, polygon: list[list[float]]) -> np.ndarray:
        return points_in_polygon(self.xy, np.asarray(polygon, dtype=np.float64))


def points_in_polygon(xy: np.ndarray, poly: np.ndarray) -> np.ndarray:
    """Row positions of points inside ``poly`` (even-odd rule, vectorised ray casting).

    Hand-written (a dozen lines) to avoid pulling shapely/matplotlib into the server;
    the bounding box prefilter keeps a small lasso on a 10M map cheap.
    """
    if poly.ndim != 2 or poly.shape[0] < 3 or poly.shape[1] != 2 or not np.isfinite(poly).all():
        raise DatamapError("a selection polygon needs at least 3 finite [x, y] points")
    lo, hi = poly.min(axis=0), poly.max(axis=0)
    cand = np.flatnonzero((xy[:, 0] >= lo[0]) & (xy[:, 0] <= hi[0]) & (xy[:, 1] >= lo[1]) & (xy[:, 1] <= hi[1]))
    px = xy[cand, 0].astype(np.float64)
    py = xy[cand, 1].astype(np.float64)
    inside = np.zeros(len(cand), dtype=bool)
    x0, y0 = poly[:, 0], poly[:, 1]
    x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
    for a, b, c, d in zip(x0, y0, x1, y1):
        crosses = (b > py) != (d > py)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            xint = a + (py - b) * (c - a) / (d - b)
        inside ^= crosses & (px < xint)
    return cand[inside]


class QueryEmbedders:
    """One loaded sentence-transformers model per model id, loaded on first use."""

    def __init__(self):
        self._lock = threading.Lock()
        self._models: dict[str, Any] = {}
        self._opts: dict[tuple, Any] = {}

    @staticmethod
    def options_for(m: DataMap):
        """EmbedOptions that reproduce the map's own embedder, or None if we cannot
        (``datamap.tasks.embed.query.query_options``: the one rule, shared with
        ``datamap.embed_query``)."""
        from datamap.tasks.embed.query import query_options

        return query_options(m)

    def _options(self, m: DataMap):
        key = (m.store.uri, m.dataset, m.version)
        if key not in self._opts:
            self._opts[key] = self.options_for(m)
        return self._opts[key]

    def available(self, m: DataMap) -> bool:
        return self._options(m) is not None

    def embed(self, m: DataMap, text: str) -> np.ndarray:
        opts = self._options(m)
        mid = (m.manifest.get("model") or {}).get("id")
        if opts is None:
            raise SemanticSearchUnavailable(
                f"{m.dataset}@{m.version} was embedded with {mid!r}, which this server cannot "
                "load; use keyword search, or rebuild the map with a model folder (--model)")
        with self._lock:
            model = self._models.get(mid)
            if model is None:
                from datamap.tasks.embed import encode as E

                model = E.load_embedder(opts)
                self._models[mid] = model
        return np.asarray(model.encode([text]), dtype=np.float32)


class TileCache:
    """Gzipped tile bytes by (dataset, version, tile), least recently used dropped first.

    Versions are immutable, so a tile compressed once is good forever; compressing on
    every request (the generic middleware) made the server CPU-bound at ~25 tiles/s.
    """

    def __init__(self, max_bytes: int = 256 << 20, level: int = 5):
        self.max_bytes = max_bytes
        self.level = level
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple, bytes] = OrderedDict()
        self._bytes = 0

    def get(self, key: tuple, load) -> bytes:
        with self._lock:
            got = self._items.get(key)
            if got is not None:
                self._items.move_to_end(key)
                return got
        import gzip

        data = gzip.compress(load(), compresslevel=self.level, mtime=0)
        with self._lock:
            if key not in self._items:
                self._items[key] = data
                self._bytes += len(data)
            while self._bytes > self.max_bytes and len(self._items) > 1:
                _, old = self._items.popitem(last=False)
                self._bytes -= len(old)
        return data


class MapCache:
    """Open versions by (dataset, version), least recently used dropped first."""

    def __init__(self, store: Store, size: int = 8):
        self.store = store
        self.size = size
        self._lock = threading.Lock()
        self._maps: OrderedDict[tuple[str, str], MapState] = OrderedDict()

    def get(self, dataset: str, version: str) -> MapState:
        schema.check_name(dataset, "dataset")
        if version not in (None, "latest"):
            with self._lock:          # versions are immutable: an open one needs no lookup
                st = self._maps.get((dataset, schema.check_name(version, "version")))
                if st is not None:
                    self._maps.move_to_end((dataset, version))
                    return st
        v = self.store.resolve_version(dataset, version)
        key = (dataset, v)
        with self._lock:
            st = self._maps.get(key)
            if st is not None:
                self._maps.move_to_end(key)
                return st
        st = MapState(DataMap(self.store, dataset, v))
        with self._lock:
            self._maps[key] = st
            while len(self._maps) > self.size:
                self._maps.popitem(last=False)
        return st


def tile_response(data: bytes, version: str, accept_encoding: str):
    """A tile as HTTP: gzipped bytes as stored when the client takes gzip, immutable
    caching for a pinned version (versions never change), revalidation for "latest"."""
    from fastapi.responses import Response

    headers = {"Cache-Control": "no-cache" if version == "latest" else "public, max-age=31536000, immutable",
               "Vary": "Accept-Encoding"}
    if "gzip" in accept_encoding:
        headers["Content-Encoding"] = "gzip"
    else:
        import gzip

        data = gzip.decompress(data)
    return Response(data, media_type="application/vnd.apache.arrow.stream", headers=headers)


def tags_of(ms: MapState) -> Any:
    """The map's tags; a 404 (``ResourceMissing``) when tag support is not installed."""
    if not ms.has_tags():
        raise ResourceMissing("this datamap has no tags support installed")
    return ms.m.tags
