"""Routes that describe what there is to see: the store's catalog and one map's info.

``/info`` is what the front end reads first: it says which panels and layers the map can
have (search modes, tags, duplicates, topics, outliers, extra layouts, thumbnails).
"""
from __future__ import annotations

import os
from typing import Any

from fastapi import APIRouter

from datamap.resources import schema
from datamap.resources.reader import list_versions
from datamap.resources.store import Store
from datamap.viewer.maps import MapCache, MapState, QueryEmbedders
from datamap.viewer.projections_api import extra_info


def _topics(ms: MapState) -> list[dict[str, Any]] | None:
    """The topic tree's labels and places, only the columns the map draws."""
    if not ms.has_topics():
        return None
    meta = ms.m.read_parquet(schema.TOPIC_METADATA)
    keep = [c for c in (schema.TOPIC_ID, schema.TOPIC_DEPTH, schema.TOPIC_PARENT, schema.TOPIC_LABEL,
                        schema.TOPIC_COUNT, schema.X, schema.Y) if c in meta.column_names]
    return meta.select(keep).to_pylist()


def add_map_routes(r: APIRouter, st: Store, maps: MapCache, embedders: QueryEmbedders, token: str | None,
                   writable: bool) -> None:
    """Add ``/api/catalog`` and ``/api/maps/{dataset}/{version}/info`` to ``r``."""

    @r.get("/api/catalog")
    def catalog() -> dict:
        out = []
        for d in st.list_datasets():
            out.append({"dataset": d, "versions": list(reversed(list_versions(d, st)))})
        return {"store": st.uri if not st.local else os.path.basename(st.root) or st.root,
                "datasets": out, "writable": bool(token) or writable, "token_required": bool(token)}

    @r.get("/api/maps/{dataset}/{version}/info")
    def info(dataset: str, version: str) -> dict:
        ms = maps.get(dataset, version)
        m = ms.m
        tiles = m.tiles.index if m.has(schema.TILES) else None
        topics = _topics(ms)
        man = m.manifest
        return {"dataset": m.dataset, "version": m.version, "rows": m.row_count,
                "created_at": man.get("created_at"), "build_seconds": (man.get("build") or {}).get("seconds"),
                "validation": (man.get("validation") or {}).get("success"),
                "text_field": ms.text_field, "model": (man.get("model") or {}).get("id"),
                "fields": ms.fields,
                "semantic_search": embedders.available(m), "keyword_search": ms.text_field is not None,
                "tags": ms.has_tags(), "duplicates": ms.has_duplicates(), "topics": topics,
                "outliers": m.has(schema.OUTLIERS),
                "tiles": tiles, "versions": [v["version"] for v in reversed(list_versions(dataset, st))],
                **extra_info(m)}   # layouts to switch between, image thumbnails (projections_api.py)
