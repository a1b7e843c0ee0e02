"""Map-derived columns for ``datamap export --with …``: one wide Parquet that other tools
open as it is. Embedding Atlas, for one, reads it with
``embedding-atlas out.parquet --x x --y y --neighbors neighbors``: coordinates as two
float columns, neighbours as a struct ``{"ids": [row, …], "distances": [d, …]}`` whose ids
are zero-based row numbers *of the exported file* and whose lists all have the same
length (it stacks them into one array).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from datamap.resources import schema
from datamap.resources.errors import InvalidOption

if TYPE_CHECKING:
    from datamap.resources.reader import DataMap

EXTRAS = ("x", "y", "topics", "neighbors", "outlier")
NEIGHBORS = "neighbors"


def check_extras(extras: list[str]) -> list[str]:
    """The ``--with`` names, refused with the valid ones listed before anything is read."""
    bad = [e for e in extras if e not in EXTRAS]
    if bad:
        raise InvalidOption(f"unknown export column(s) {', '.join(bad)}: choose from {', '.join(EXTRAS)}")
    return list(dict.fromkeys(extras))


def extra_columns(m: "DataMap", rows: np.ndarray, extras: list[str], k: int = 15) -> dict[str, pa.Array]:
    """Name → column for the exported ``rows`` (map positions, in output order)."""
    out: dict[str, pa.Array] = {}
    if "x" in extras or "y" in extras:
        xy = _projected(m)
        for axis, col in (("x", 0), ("y", 1)):
            if axis in extras:
                out[schema.X if axis == "x" else schema.Y] = pa.array(xy[rows, col], type=pa.float32())
    if "topics" in extras:
        for d in range(1, m.topics.depth + 1):
            name = schema.topic_label_column(d)
            out[name] = m.topics.tb.column(name).take(pa.array(rows)).combine_chunks()
    if "outlier" in extras:
        out[schema.OUTLIER_SCORE] = pa.array(m.outliers.scores[rows], type=pa.float32())
    if NEIGHBORS in extras:
        out[NEIGHBORS] = neighbor_column(m, rows, k)
    return out


def _projected(m: "DataMap") -> np.ndarray:
    """(N, 2) coordinates in map order (joined by id if the file is in another order)."""
    p = m.read_parquet(schema.PROJECTION)
    xy = np.column_stack([p.column(schema.X).to_numpy(), p.column(schema.Y).to_numpy()])
    ids = p.column(schema.ID).to_pylist()
    if ids == m.data.ids:
        return xy
    order = m.data.positions(ids)
    out = np.empty_like(xy)
    out[order] = xy
    return out


def neighbor_column(m: "DataMap", rows: np.ndarray, k: int) -> pa.Array:
    """Each exported row's ``k`` nearest exported rows (itself left out), as row numbers
    of the export, with cosine distances; ``k`` is capped at the export's size - 1."""
    n_out = len(rows)
    k = max(0, min(int(k), n_out - 1))
    where = np.full(m.row_count, -1, dtype=np.int64)
    where[rows] = np.arange(n_out)
    ids = [m.data.ids[r] for r in rows]
    want = min(2 * k + 1, m.row_count - 1) if k else 0
    nb, dist = m.embeddings.vector_search(ids=ids, k=want) if want else ([[] for _ in ids], [[] for _ in ids])
    pos = m.data.position
    lat = None
    out_ids, out_d = [], []
    for i, (row_nb, row_d) in enumerate(zip(nb, dist)):
        got = [(int(where[pos[j]]), d) for j, d in zip(row_nb, row_d) if where[pos[j]] >= 0][:k]
        if len(got) < k:          # the tag filter dropped too many: exact among exported rows
            lat = m.embeddings.latent[rows] if lat is None else lat
            got = _exact(lat, i, k)
        out_ids.append([g[0] for g in got])
        out_d.append([float(g[1]) for g in got])
    typ = pa.struct([("ids", pa.list_(pa.int64())), ("distances", pa.list_(pa.float32()))])
    return pa.array([{"ids": a, "distances": b} for a, b in zip(out_ids, out_d)], type=typ)


def _exact(lat: np.ndarray, i: int, k: int) -> list[tuple[int, float]]:
    q = lat[i]
    norms = np.maximum(np.linalg.norm(lat, axis=1) * max(float(np.linalg.norm(q)), 1e-12), 1e-12)
    d = 1.0 - (lat @ q) / norms
    d[i] = np.inf
    order = np.argsort(d, kind="stable")[:k]
    return [(int(j), float(d[j])) for j in order]
