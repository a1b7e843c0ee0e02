"""Comparing two versions of a map: which rows were added, removed or changed (by id),
how far kept points moved, and which topics appeared, vanished or were renamed.

The refresh (``tasks.refresh``) diffs the new table against the parent with it, and
``datamap diff`` and the ops dashboard's diff view compare any two versions; kept apart
from the refresh's placement code so a reader of maps (the web server) can use it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl
from datamap.resources import schema


@dataclass
class RowDiff:
    """How the new table relates to the parent, by id (positions are new-table rows)."""
    n_old: int
    n_new: int
    added: np.ndarray                      # new positions whose id is not in the parent
    removed: list[str]                     # parent ids gone from the new table
    changed: np.ndarray                    # new positions whose id exists but row content differs
    kept_new: np.ndarray                   # new positions whose id exists in the parent
    kept_old: np.ndarray                   # … and their parent positions (aligned)
    moved: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # kept, vector changed

    @property
    def drift(self) -> float:
        return (len(self.added) + len(self.removed) + len(self.changed)) / max(self.n_old, 1)

    def summary(self) -> dict:
        return {"rows_added": int(len(self.added)), "rows_removed": int(len(self.removed)),
                "rows_changed": int(len(self.changed)), "rows_moved": int(len(self.moved)),
                "rows_kept": int(len(self.kept_new)), "drift": round(self.drift, 6)}


def _row_hashes(df: pl.DataFrame, columns: list[str]) -> pl.Series:
    return df.select(columns).hash_rows(seed=0)


def diff_rows(old: pl.DataFrame, new: pl.DataFrame) -> RowDiff:
    """Compare two validated tables (``id`` first). Content = the columns both share."""
    cols = [c for c in new.columns if c in old.columns]
    o = pl.DataFrame({"id": old[schema.ID], "h_old": _row_hashes(old, cols),
                      "p_old": pl.int_range(old.height, eager=True)})
    n = pl.DataFrame({"id": new[schema.ID], "h_new": _row_hashes(new, cols),
                      "p_new": pl.int_range(new.height, eager=True)})
    j = n.join(o, on="id", how="left", maintain_order="left")
    added = j.filter(pl.col("p_old").is_null())["p_new"].to_numpy().astype(np.int64)
    kept = j.filter(pl.col("p_old").is_not_null())
    changed = kept.filter(pl.col("h_old") != pl.col("h_new"))["p_new"].to_numpy().astype(np.int64)
    removed = o.join(n, on="id", how="anti")["id"].to_list()
    return RowDiff(n_old=old.height, n_new=new.height, added=added, removed=removed, changed=changed,
                   kept_new=kept["p_new"].to_numpy().astype(np.int64),
                   kept_old=kept["p_old"].to_numpy().astype(np.int64))


def median_move(old_ids: list[str], old_xy: np.ndarray, new_ids: list[str], new_xy: np.ndarray) -> float:
    """Median distance moved by points present in both versions, as a share of the map's
    extent (the larger side of the new layout's bounding box)."""
    pos = {k: i for i, k in enumerate(old_ids)}
    pairs = [(pos[k], j) for j, k in enumerate(new_ids) if k in pos]
    if not pairs:
        return float("nan")
    a, b = np.array(pairs).T
    d = np.linalg.norm(old_xy[a].astype(np.float64) - new_xy[b].astype(np.float64), axis=1)
    extent = float((new_xy.max(axis=0) - new_xy.min(axis=0)).max())
    return float(np.median(d) / extent) if extent > 0 else 0.0


def _topic_labels(m) -> dict[int, dict[int, str]]:
    """Per depth: topic id → label (topics with points only). Keyed by id: two topics of a
    depth may have shared a label in maps built before labels were unique per depth."""
    if not m.has(schema.TOPIC_METADATA):
        return {}
    meta = pl.from_arrow(m.read_parquet(schema.TOPIC_METADATA))
    meta = meta.filter(pl.col(schema.TOPIC_COUNT) > 0) if schema.TOPIC_COUNT in meta.columns else meta
    out: dict[int, dict[int, str]] = {}
    for tid, depth, label in zip(meta[schema.TOPIC_ID].to_list(), meta[schema.TOPIC_DEPTH].to_list(),
                                 meta[schema.TOPIC_LABEL].to_list()):
        out.setdefault(int(depth), {})[int(tid)] = label
    return out


def _topic_changes(a: dict[int, str], b: dict[int, str]) -> dict:
    """Topics of one depth that appeared, vanished or were renamed, by id ("label (#id)")."""
    name = lambda t, lab: f"{lab} (#{t})"  # noqa: E731
    return {"appeared": [name(t, b[t]) for t in sorted(set(b) - set(a))],
            "vanished": [name(t, a[t]) for t in sorted(set(a) - set(b))],
            "renamed": [f"{a[t]} → {b[t]} (#{t})" for t in sorted(set(a) & set(b)) if a[t] != b[t]],
            "count": len(b)}


def compare_versions(a, b) -> dict:
    """What changed from map version ``a`` to ``b`` (two ``resources.DataMap``): rows
    added / removed / changed by id, points that moved, and topics (by id, per depth)
    that appeared or vanished. Works for any two versions, not only parent and child."""
    da, db = pl.from_arrow(a.read_parquet(schema.DATA)), pl.from_arrow(b.read_parquet(schema.DATA))
    d = diff_rows(da, db)
    pa_, pb = a.read_parquet(schema.PROJECTION), b.read_parquet(schema.PROJECTION)
    xy = lambda t: np.column_stack([t.column(schema.X).to_numpy(), t.column(schema.Y).to_numpy()])  # noqa: E731
    ta, tb = _topic_labels(a), _topic_labels(b)
    topics = {depth: _topic_changes(ta.get(depth, {}), tb.get(depth, {})) for depth in sorted(set(ta) | set(tb))}
    return {
        "dataset": b.dataset, "from": a.version, "to": b.version,
        "rows": {"from": da.height, "to": db.height},
        "rows_added": len(d.added), "rows_removed": len(d.removed), "rows_changed": len(d.changed),
        "added_ids": db[schema.ID].gather(d.added).head(20).to_list(),
        "removed_ids": d.removed[:20],
        "median_move": median_move(pa_.column(schema.ID).to_pylist(), xy(pa_),
                                   pb.column(schema.ID).to_pylist(), xy(pb)),
        "refresh": b.manifest.get("refresh"),
        "parent": b.manifest.get("parent"),
        "topics": topics,
    }
