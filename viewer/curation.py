"""Web-map routes for curation: outlier scores as a colour, and "find more like this tag".

Mounted by ``viewer.app.create_app`` next to the map API. Reads go through the reader's
``m.outliers`` and ``m.tags.suggest``; accepting suggestions is the existing tag write
(``POST …/tags/{name}`` with ids), so it keeps that route's token and origin checks.
"""
from __future__ import annotations

import numpy as np
from fastapi import APIRouter, Query
from fastapi.responses import Response

from datamap.resources import schema
from datamap.resources.errors import ResourceMissing
from datamap.viewer.media import BYTES, answers

MAX_SUGGEST = 1000


def curation_router(maps) -> APIRouter:
    """``maps`` is the app's ``viewer.maps.MapCache``."""
    r = APIRouter()

    @r.get("/api/maps/{dataset}/{version}/outliers/percentile.bin", **answers(BYTES))
    def outlier_percentiles(dataset: str, version: str) -> Response:
        """One byte per row, map order: the score's percentile 0..100 (100 = most outlying).
        A byte per point keeps this at 10 MB for a 10M-point map."""
        ms = maps.get(dataset, version)
        pct = np.rint(ms.m.outliers.percentile() * 100).astype(np.uint8)
        cache = "no-cache" if version == "latest" else "public, max-age=31536000, immutable"
        return Response(pct.tobytes(), media_type="application/octet-stream",
                        headers={"Cache-Control": cache})

    @r.get("/api/maps/{dataset}/{version}/outliers/top")
    def outlier_top(dataset: str, version: str, n: int = Query(50, ge=1, le=MAX_SUGGEST)) -> dict:
        ms = maps.get(dataset, version)
        o = ms.m.outliers
        rows = np.argsort(o.ranks, kind="stable")[:n]
        return {"method": o.method, "hits": ms.hits(rows.tolist(), o.scores[rows].tolist())}

    @r.get("/api/maps/{dataset}/{version}/tags/{name}/suggest")
    def tag_suggest(dataset: str, version: str, name: str, k: int = Query(100, ge=1, le=MAX_SUGGEST)) -> dict:
        schema.check_name(name, "tag")
        ms = maps.get(dataset, version)
        if not ms.has_tags():
            raise ResourceMissing("this datamap has no tags support installed")
        got = ms.m.tags.suggest(name, k=k)
        return {"name": name, "k": k, "hits": ms.hits(got["row"].tolist(), got["score"].tolist())}

    return r
