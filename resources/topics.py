"""``m.topics``: the nested topics of a map version, with the Atlas topic API.

Reads only ``topics.parquet`` and ``topic_metadata.parquet`` (pyarrow + numpy); the
BERTopic model folder beside them is for assigning new points and is never loaded here.
"""
from __future__ import annotations

import datetime as _dt
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from datamap.resources import schema
from datamap.resources.errors import DatamapError, InvalidTopicDepth, UnknownField

if TYPE_CHECKING:
    from datamap.resources.reader import DataMap


class TopicsResource:
    def __init__(self, m: "DataMap"):
        m.require(schema.TOPICS, "topics (build with the topics stage enabled: options topics={} )")
        self._m = m
        self._calibrations: dict[int, Any] = {}

    def __repr__(self) -> str:
        return f"<TopicsResource {self._m.dataset}@{self._m.version}: {self.depth} depths>"

    # ---- tables ----------------------------------------------------------------------------
    @cached_property
    def tb(self) -> pa.Table:
        """Per point: id, topic_depth_1..D labels and _topic_depth_1..D ids (row order of m.data)."""
        return self._m.read_parquet(schema.TOPICS)

    @property
    def df(self):
        """pandas DataFrame of :attr:`tb` (Atlas ``.df``)."""
        return self.tb.to_pandas()

    @cached_property
    def _meta(self) -> pa.Table:
        self._m.require(schema.TOPIC_METADATA, "topic metadata")
        return self._m.read_parquet(schema.TOPIC_METADATA)

    @property
    def metadata(self):
        """pandas DataFrame, one row per topic at every depth: topic_id, depth, parent,
        topic_short_description, topic_description, keywords, count, x, y, and (as Atlas
        has them) topic_depth_1..D: the label of the topic's ancestor at each depth, its
        own label at its depth, None below it."""
        return self._meta_with_path().to_pandas()

    def _meta_with_path(self) -> pa.Table:
        paths: list[list[str | None]] = []
        for r in self._rows:
            chain, t = [], r
            while t is not None:
                chain.append(t[schema.TOPIC_LABEL])
                t = self._by_id.get(t[schema.TOPIC_PARENT]) if t[schema.TOPIC_PARENT] is not None else None
            chain.reverse()
            paths.append(chain + [None] * (self.depth - len(chain)))
        tb = self._meta
        for d in range(1, self.depth + 1):
            name = schema.topic_label_column(d)
            if name not in tb.column_names:
                tb = tb.append_column(name, pa.array([p[d - 1] for p in paths], type=pa.string()))
        return tb

    @cached_property
    def depth(self) -> int:
        """Number of depths (1 = broadest)."""
        d = 0
        while schema.topic_id_column(d + 1) in self.tb.column_names:
            d += 1
        return d

    def _check_depth(self, depth: Any) -> int:
        if isinstance(depth, bool) or not isinstance(depth, (int, np.integer)) or not 1 <= int(depth) <= self.depth:
            raise InvalidTopicDepth(f"topic depth must be an integer from 1 to {self.depth}, got {depth!r}")
        return int(depth)

    @cached_property
    def _rows(self) -> list[dict]:
        return self._meta.to_pylist()

    @cached_property
    def _by_id(self) -> dict[int, dict]:
        return {r[schema.TOPIC_ID]: r for r in self._rows}

    @cached_property
    def _children(self) -> dict[int, list[int]]:
        kids: dict[int, list[int]] = {r[schema.TOPIC_ID]: [] for r in self._rows}
        for r in self._rows:
            if r[schema.TOPIC_PARENT] is not None:
                kids[r[schema.TOPIC_PARENT]].append(r[schema.TOPIC_ID])
        return kids

    # ---- Atlas API ----------------------------------------------------------------------------------
    @cached_property
    def hierarchy(self) -> dict[int, list[int]]:
        """{topic id: [child topic ids]}: one entry per topic at every depth (the finest
        depth's lists are empty). Keyed by id, not label: maps built before labels were
        unique per depth may have two topics of one name. Labels: :meth:`label_of`."""
        return {r[schema.TOPIC_ID]: list(self._children[r[schema.TOPIC_ID]]) for r in self._rows}

    def label_of(self, topic_id: int) -> str:
        """The label of a topic id."""
        try:
            return self._by_id[int(topic_id)][schema.TOPIC_LABEL]
        except KeyError:
            raise DatamapError(f"no topic {topic_id!r} in {self._m.dataset}@{self._m.version}") from None

    def group_by_topic(self, topic_depth: int = 1) -> list[dict]:
        """One dict per topic at ``topic_depth``: topic_id, topic_short_description,
        topic_long_description, subtopics / subtopic_ids (one depth down) and datum_ids."""
        depth = self._check_depth(topic_depth)
        col = self.tb.column(schema.topic_id_column(depth)).to_numpy()
        ids = np.asarray(self.tb.column(schema.ID).to_pylist(), dtype=object)
        order = np.argsort(col, kind="stable")
        uniq, starts = np.unique(col[order], return_index=True)
        members = dict(zip(uniq.tolist(), np.split(order, starts[1:])))
        out = []
        for r in self._rows:
            if r[schema.TOPIC_DEPTH] != depth:
                continue
            tid = r[schema.TOPIC_ID]
            kids = self._children[tid]
            out.append({"topic_id": tid,
                        "topic_short_description": r[schema.TOPIC_LABEL],
                        "topic_long_description": r[schema.TOPIC_DESCRIPTION],
                        "subtopics": [self._by_id[c][schema.TOPIC_LABEL] for c in kids],
                        "subtopic_ids": list(kids),
                        "datum_ids": ids[members.get(tid, np.empty(0, dtype=np.int64))].tolist()})
        return out

    def get_topic_density(self, time_field: str, start, end, depth: int | None = None) -> list[dict]:
        """How many points of each topic have ``start <= time_field < end``.

        One depth at a time (1 when ``depth`` is None), as a list of {topic, count} sorted
        by count, largest first; topics with no point in the window are left out."""
        depth = 1 if depth is None else self._check_depth(depth)
        data = self._m.data.tb
        if time_field not in data.column_names:
            raise UnknownField(f"{time_field!r} is not a field of {self._m.dataset}; fields: {data.column_names}")
        col = data.column(time_field)
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            col = _parse_iso(col, time_field)       # JSON Lines and CSV keep timestamps as text
        typ = col.type
        if not (pa.types.is_timestamp(typ) or pa.types.is_date(typ)):
            raise DatamapError(f"{time_field!r} has type {typ}, not a date, a timestamp or ISO 8601 text")
        lo, hi = _bound(start, typ), _bound(end, typ)
        mask = pc.and_(pc.greater_equal(col, lo), pc.less(col, hi))
        mask = pc.fill_null(mask, False)
        labels = pc.filter(self.tb.column(schema.topic_label_column(depth)), mask)
        counts = pc.value_counts(labels)
        out = [{"topic": v["values"], "count": int(v["counts"])} for v in counts.to_pylist()]
        out.sort(key=lambda r: (-r["count"], r["topic"]))
        return out

    def calibration(self, depth: int | None = None) -> dict[str, Any]:
        """The temperature ``vector_search_topics`` uses at ``depth`` (default: deepest),
        fitted on held-out points of this map, with its expected calibration error
        (resources/topic_calibration.py). Computed once per depth and kept."""
        return self._calibration(self._check_depth(self.depth if depth is None else depth)).as_dict()

    def _calibration(self, depth: int):
        if depth not in self._calibrations:
            from datamap.resources.topic_calibration import fit

            labels = self.tb.column(schema.topic_label_column(depth)).to_pylist()
            self._calibrations[depth] = fit(self._m, depth, labels)
        return self._calibrations[depth]

    def vector_search_topics(self, queries, k: int = 32, depth: int | None = None,
                             temperature: float | None = None) -> list[dict[str, float]]:
        """Per query, {topic label: posterior} over its ``k`` nearest points at ``depth``
        (default: the map's deepest), most likely first.

        Each neighbour votes with weight exp(-(d - d_nearest) / temperature) on its cosine
        distance d (a softmax over similarities), normalised to sum to 1. ``temperature``
        defaults to the one fitted on held-out points of this map, and the vote is then
        calibrated so the posterior of the top topic matches how often it is right
        (:meth:`calibration`); a given ``temperature`` returns the raw vote. A small fixed
        one (0.02, the old default) lets the nearest neighbour dominate, overconfident."""
        depth = self._check_depth(self.depth if depth is None else depth)
        exponent = 1.0
        if temperature is None:
            cal = self._calibration(depth)
            temperature, exponent = cal.temperature, cal.exponent
        if not temperature > 0:
            raise DatamapError(f"temperature must be > 0, got {temperature!r}")
        q = np.asarray(queries, dtype=np.float32)
        if q.ndim == 1:
            q = q[None, :]
        nbr_ids, nbr_dist = self._m.embeddings.vector_search(queries=q, k=k)
        labels = self.tb.column(schema.topic_label_column(depth)).to_pylist()
        pos = self._m.data.position
        out = []
        for ids, dist in zip(nbr_ids, nbr_dist):
            if not ids:
                out.append({})
                continue
            d = np.asarray(dist, dtype=np.float64)
            w = np.exp(-(d - d.min()) / temperature)
            post: dict[str, float] = {}
            for i, wi in zip(ids, w):
                lab = labels[pos[i]]
                post[lab] = post.get(lab, 0.0) + float(wi)
            total = sum(post.values())
            vals = np.asarray(list(post.values())) / total
            if exponent != 1.0:
                from datamap.resources.topic_calibration import sharpen

                vals = sharpen(vals, exponent)
            out.append(dict(sorted(zip(post, vals.tolist()), key=lambda kv: -kv[1])))
        return out

    def topic_of(self, ids: list[str], depth: int = 1) -> list[str]:
        """Labels at ``depth`` for datum ``ids`` (in the order given)."""
        depth = self._check_depth(depth)
        pos = self._m.data.positions(list(ids))
        return self.tb.column(schema.topic_label_column(depth)).take(pa.array(pos)).to_pylist()


def _parse_iso(col: pa.ChunkedArray, field: str) -> pa.ChunkedArray:
    """A text column of ISO 8601 timestamps as UTC timestamps (offsets such as ``Z`` or
    ``+02:00`` converted; naive ones read as UTC). Empty strings and nulls stay null; any
    other unparsable value is an error naming it."""
    values = col.to_pylist()
    out: list[_dt.datetime | None] = []
    for i, v in enumerate(values):
        if v is None or not v.strip():
            out.append(None)
            continue
        try:
            t = _dt.datetime.fromisoformat(v.strip().replace("Z", "+00:00"))
        except ValueError:
            raise DatamapError(f"{field!r} row {i} holds {v!r}, which is not an ISO 8601 date or time "
                               "(e.g. 2026-11-23 or 2026-11-23T09:45:12Z)") from None
        if t.tzinfo is not None:
            t = t.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        out.append(t)
    return pa.chunked_array([pa.array(out, type=pa.timestamp("us"))])


def _bound(value, typ: pa.DataType) -> pa.Scalar:
    """A start/end as a scalar of the field's type: datetime, date, ISO string or numpy."""
    if isinstance(value, str):
        value = _dt.datetime.fromisoformat(value)
    if isinstance(value, np.datetime64):
        value = value.astype("datetime64[us]").item()
    if pa.types.is_date(typ) and isinstance(value, _dt.datetime):
        value = value.date()
    if pa.types.is_timestamp(typ) and isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        value = _dt.datetime.combine(value, _dt.time())
    if pa.types.is_timestamp(typ) and isinstance(value, _dt.datetime):
        if typ.tz is not None and value.tzinfo is None:
            value = value.replace(tzinfo=_dt.timezone.utc)
        if typ.tz is None and value.tzinfo is not None:
            value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    try:
        return pa.scalar(value, type=typ)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError) as e:
        raise DatamapError(f"cannot compare {value!r} with a {typ} field: {e}") from e
