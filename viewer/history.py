"""Version history of a dataset, for the ops dashboard: one row per complete version.

Read from the manifests, plus the drift against each version's parent
(``viewer.drift``: topic shares and the new rows' vectors, computed once per pair since
versions never change), so it needs no Prefect.
"""
from __future__ import annotations

from typing import Any

from datamap.resources import schema
from datamap.resources.errors import DatamapError
from datamap.resources.store import Store
from datamap.viewer.drift import version_drift

VECTOR_DRIFT_VERSIONS = 10   # newest versions whose embedding drift the history computes


def dropped_count(validation: dict) -> int | None:
    """Rows the contract dropped (``--on-invalid skip``), whatever shape the summary has."""
    d = validation.get("dropped")
    if isinstance(d, dict):
        return int(sum(v for v in d.values() if isinstance(v, (int, float))))
    return d if isinstance(d, int) else None


def _drift_fields(store: Store, dataset: str, parent: str | None, v: str, known: set[str],
                  vectors: bool) -> dict[str, Any]:
    if not parent or parent not in known:
        return {"topic_drift": None, "topic_drift_2": None, "topic_movers": None, "embedding_drift": None,
                "outlier_share": None}
    try:
        d = version_drift(store, dataset, parent, v, vectors)
    except (DatamapError, OSError, KeyError, ValueError) as e:   # an old version without an artifact
        return {"topic_drift": None, "topic_drift_2": None, "topic_movers": None, "embedding_drift": None,
                "outlier_share": None, "drift_error": f"{type(e).__name__}: {e}"}
    t = d["topics"]
    d1, d2 = t.get("depth_1") or {}, t.get("depth_2") or {}
    return {"topic_drift": d1.get("js"), "topic_drift_2": d2.get("js"), "topic_drift_by": t["matched_by"],
            "topic_movers": {"depth_1": {k: d1.get(k) for k in ("grew", "shrank")} if d1 else None,
                             "depth_2": {k: d2.get(k) for k in ("grew", "shrank")} if d2 else None},
            "embedding_drift": d["embeddings"], "outlier_share": d["outlier_share"]}


def data_docs_url(dataset: str, version: str | None, man: dict) -> str | None:
    """The web map's URL of a version's GX Data Docs page (viewer/routes_docs.py), if it has one."""
    page = (man.get("validation") or {}).get("data_docs")
    if not (version and page and page.startswith(schema.DATA_DOCS + "/")):
        return None
    return f"api/maps/{dataset}/{version}/data-docs/{page[len(schema.DATA_DOCS) + 1:]}"


def version_row(store: Store, dataset: str, v: str, man: dict, latest: str | None,
                known: set[str], vectors: bool = True) -> dict[str, Any]:
    """One version: rows and refresh counts, stage seconds, validation, topics,
    duplicate share and drift against its parent (``vectors``: with the embedding drift)."""
    ref = man.get("refresh") or {}
    topics = man.get("topics") or {}
    dedupe = man.get("dedupe") or {}
    build = man.get("build") or {}
    val = man.get("validation") or {}
    parent = man.get("parent")
    return {
        "version": v, "latest": v == latest, "created_at": man.get("created_at"),
        "rows": man.get("rows"), "parent": parent,
        "mode": ref.get("mode") or "full", "reason": ref.get("reason"),
        "rows_added": ref.get("rows_added"), "rows_removed": ref.get("rows_removed"),
        "rows_changed": ref.get("rows_changed"),
        "build_seconds": build.get("seconds"), "stage_seconds": build.get("timings", {}),
        "validation": val.get("success"), "dropped_rows": dropped_count(val),
        "data_docs": data_docs_url(dataset, v, man),
        "embedded_rows": (man.get("model") or {}).get("embedded_rows"),
        "topics": (topics.get("n_topics") or [None])[0] if topics else None,
        "duplicate_share": (dedupe["deletion_candidates"] / man["rows"])
        if dedupe.get("deletion_candidates") is not None and man.get("rows") else None,
        **_drift_fields(store, dataset, parent, v, known, vectors),
    }


def version_history(store: Store, dataset: str) -> list[dict[str, Any]]:
    """Oldest first (see ``version_row``). The embedding drift, which reads two versions'
    vectors, only for the newest ``VECTOR_DRIFT_VERSIONS``: a year of nightly versions
    of a large map must not make the page read every vector ever stored."""
    versions = store.list_versions(dataset)
    latest = store.latest(dataset) if versions else None
    known = set(versions)
    first_with_vectors = len(versions) - VECTOR_DRIFT_VERSIONS
    return [version_row(store, dataset, v, {**store.read_manifest(dataset, v)}, latest, known,
                        vectors=i >= first_with_vectors)
            for i, v in enumerate(versions)]


def stage_names(history: list[dict[str, Any]]) -> list[str]:
    """Every stage that appears in the history, in pipeline order as first seen."""
    seen: dict[str, None] = {}
    for h in history:
        seen.update(dict.fromkeys(h.get("stage_seconds") or {}))
    return list(seen)

