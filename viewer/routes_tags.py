"""Tag routes: list tags, read one, and the one write of the web map (tag edits).

Edits go through ``check_write`` (``security.write_guard``) before anything is read, so
a refused write costs nothing and learns nothing about the map.
"""
from __future__ import annotations

from typing import Any, Callable

from fastapi import APIRouter, HTTPException, Query, Request

from datamap.resources import schema
from datamap.viewer.maps import MapCache, MapState, tags_of
from datamap.viewer.request_models import TagEdit


def edit_ids(ms: MapState, body: TagEdit) -> list[Any]:
    """The ids a tag edit names: its ids, plus those of its polygon's, its rows' and its
    workbench filter's points.
    Rows outside the map are refused (400) rather than skipped: the browser sent a bug."""
    ids: list[Any] = list(body.ids or [])
    rows = []
    if body.polygon is not None:
        rows.extend(ms.rows_in_polygon(body.polygon).tolist())
    if body.rows:
        n = ms.m.row_count
        bad = [r for r in body.rows if not 0 <= r < n]
        if bad:
            raise HTTPException(400, f"rows outside this map: {bad[:5]}")
        rows.extend(body.rows)
    if body.filter is not None:
        from datamap.viewer.crossfilter import filtered_rows

        rows.extend(filtered_rows(ms, body.filter).tolist())
    if rows:
        import pyarrow as pa

        ids.extend(ms.table.column(schema.ID).take(pa.array(rows, type=pa.int64())).to_pylist())
    return ids


def add_tag_routes(r: APIRouter, maps: MapCache, check_write: Callable[[Request], None]) -> None:
    """Add a map's ``tags``, ``tags/{name}`` (GET) and the edit ``tags/{name}`` (POST) to ``r``."""
    base = "/api/maps/{dataset}/{version}"

    @r.get(base + "/tags")
    def tags(dataset: str, version: str) -> dict:
        ms = maps.get(dataset, version)
        t = tags_of(ms)
        return {"tags": [{"name": x["tag_name"], "count": x["count"], "derived": x.get("derived", False)}
                         for x in t.get_tags()]}

    @r.get(base + "/tags/{name}")
    def tag(dataset: str, version: str, name: str, limit: int = Query(100_000, ge=0, le=1_000_000)) -> dict:
        schema.check_name(name, "tag")
        ms = maps.get(dataset, version)
        ids = list(tags_of(ms).get_datums_in_tag(name))
        rows = ms.m.data.positions(ids, strict=False)
        xy = ms.xy[rows[:limit]]
        return {"name": name, "count": len(ids), "in_version": int(len(rows)),
                "rows": rows[:limit].tolist(), "x": xy[:, 0].tolist(), "y": xy[:, 1].tolist()}

    @r.post(base + "/tags/{name}")
    def edit_tag(dataset: str, version: str, name: str, body: TagEdit, request: Request) -> dict:
        check_write(request)
        schema.check_name(name, "tag")
        ms = maps.get(dataset, version)
        ids = edit_ids(ms, body)
        t = tags_of(ms)
        if body.op == "add":
            t.add(name, ids)
        else:
            t.remove(name, ids)
        return {"name": name, "changed": len(ids), "count": len(t.get_datums_in_tag(name))}
