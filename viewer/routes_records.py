"""Read routes about rows: one record, its neighbours, search, and a lasso selection.

All answers are small JSON lists of hits (``MapState.hits``), so the front end shows
results from search, neighbours and selections with one renderer.
"""
from __future__ import annotations

from fastapi import APIRouter, Query

from datamap.viewer.limits import MAX_K
from datamap.viewer.maps import MapCache, QueryEmbedders
from datamap.viewer.request_models import Selection


def add_record_routes(r: APIRouter, maps: MapCache, embedders: QueryEmbedders) -> None:
    """Add a map's ``records/{row}``, ``neighbors/{row}``, ``search`` and ``select`` to ``r``."""
    base = "/api/maps/{dataset}/{version}"

    @r.get(base + "/records/{row}")
    def record(dataset: str, version: str, row: int) -> dict:
        ms = maps.get(dataset, version)
        rec = ms.record(row)
        if ms.has_duplicates():
            c = ms.cluster_of_row.get(row)
            rec["duplicate_cluster"] = None if c is None else {
                "cluster_id": c, "members": ms.hits(ms.duplicate_rows[c][:50].tolist())}
        return rec

    @r.get(base + "/neighbors/{row}")
    def neighbors(dataset: str, version: str, row: int, k: int = Query(10, ge=1, le=100)) -> dict:
        ms = maps.get(dataset, version)
        rec = ms.record(row)
        ids, dists = ms.m.embeddings.vector_search(ids=[rec["id"]], k=k)
        rows = ms.m.data.positions(ids[0]).tolist()
        return {"row": row, "neighbors": ms.hits(rows, dists[0])}

    @r.get(base + "/search")
    def search(dataset: str, version: str, q: str = Query(..., min_length=1, max_length=2000),
               mode: str = Query("semantic", pattern="^(semantic|keyword)$"),
               k: int = Query(50, ge=1, le=MAX_K)) -> dict:
        ms = maps.get(dataset, version)
        if mode == "keyword":
            rows, total, exact = ms.keyword_search(q, k)
            return {"mode": mode, "query": q, "total": total, "exact": exact, "hits": ms.hits(rows)}
        vec = embedders.embed(ms.m, q)
        ids, dists = ms.m.embeddings.vector_search(queries=vec, k=k)
        rows = ms.m.data.positions(ids[0]).tolist()
        return {"mode": mode, "query": q, "total": len(rows), "exact": True, "hits": ms.hits(rows, dists[0])}

    @r.post(base + "/select")
    def select(dataset: str, version: str, body: Selection) -> dict:
        ms = maps.get(dataset, version)
        rows = ms.rows_in_polygon(body.polygon)
        return {"count": int(len(rows)), "rows": rows[:body.limit].tolist()}
