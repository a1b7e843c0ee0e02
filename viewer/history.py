"""Version history of a dataset, for the ops dashboard: one row per complete version.

Read from the manifests only (plus the small topic metadata for the drift), so it is
cheap even for long histories and needs no Prefect.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl

from datamap.resources import schema
from datamap.resources.reader import open_map
from datamap.resources.store import Store


def topic_distribution(m) -> dict[str, float]:
    """Share of points per depth-1 topic label (labels, so full rebuilds compare too)."""
    if not m.has(schema.TOPIC_METADATA):
        return {}
    meta = pl.from_arrow(m.read_parquet(schema.TOPIC_METADATA)).filter(pl.col(schema.TOPIC_DEPTH) == 1)
    total = float(meta[schema.TOPIC_COUNT].sum()) or 1.0
    return {lab: c / total for lab, c in zip(meta[schema.TOPIC_LABEL].to_list(), meta[schema.TOPIC_COUNT].to_list())}


def total_variation(p: dict[str, float], q: dict[str, float]) -> float | None:
    """Half the L1 distance of two distributions: 0 same, 1 disjoint."""
    if not p or not q:
        return None
    keys = set(p) | set(q)
    return float(0.5 * np.sum([abs(p.get(k, 0.0) - q.get(k, 0.0)) for k in keys]))


def version_history(store: Store, dataset: str) -> list[dict[str, Any]]:
    """Oldest first: rows, refresh counts, stage seconds, validation, topics, duplicates,
    and the depth-1 topic-distribution drift against the parent."""
    out = []
    dists: dict[str, dict[str, float]] = {}
    latest = store.latest(dataset)
    for v in store.list_versions(dataset):
        m = open_map(dataset, store=store, version=v)
        man = m.manifest
        dists[v] = topic_distribution(m)
        ref = man.get("refresh") or {}
        topics = man.get("topics") or {}
        dedupe = man.get("dedupe") or {}
        parent = man.get("parent")
        out.append({
            "version": v, "latest": v == latest, "created_at": man.get("created_at"),
            "rows": man.get("rows"), "parent": parent,
            "mode": ref.get("mode") or "full", "reason": ref.get("reason"),
            "rows_added": ref.get("rows_added"), "rows_removed": ref.get("rows_removed"),
            "rows_changed": ref.get("rows_changed"),
            "build_seconds": (man.get("build") or {}).get("seconds"),
            "stage_seconds": (man.get("build") or {}).get("timings", {}),
            "validation": (man.get("validation") or {}).get("success"),
            "embedded_rows": (man.get("model") or {}).get("embedded_rows"),
            "topics": (topics.get("n_topics") or [None])[0] if topics else None,
            "duplicate_share": (dedupe["deletion_candidates"] / man["rows"])
            if dedupe.get("deletion_candidates") is not None and man.get("rows") else None,
            "topic_drift": total_variation(dists.get(parent, {}), dists[v]) if parent in dists else None,
        })
    return out
