"""Ops dashboard router (viewer/ops.py): version history of a refreshed real map."""
from __future__ import annotations

import polars as pl
import pytest
from conftest import debian_subset
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow


def test_history_shows_refresh_counts_and_topic_drift(debian, debian_vectors, tmp_path, monkeypatch):
    from datamap.flows.build_map import build_map
    from datamap.resources.store import Store
    from datamap.viewer.app import create_app

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    store, src = str(tmp_path / "store"), str(tmp_path / "pkgs.parquet")
    opts = {"text_field": "text", "id_field": "id", "embedding_field": "embedding", "dedupe": None, "tiles": None}
    base = debian_subset(debian, debian_vectors, 500, seed=51)
    base.write_parquet(src)
    r1 = build_map(source=src, dataset="pkgs", store=store, options=opts)
    pool = debian_subset(debian, debian_vectors, 2000, seed=52)
    fresh = pool.filter(~pl.col("id").is_in(base["id"].implode())).head(10)
    pl.concat([base.tail(495), fresh]).write_parquet(src)
    r2 = build_map(source=src, dataset="pkgs", store=store, options=opts)

    client = TestClient(create_app(Store(store)), base_url="http://127.0.0.1")  # mounted in the web app
    d = client.get("/api/ops/pkgs").json()
    v1, v2 = d["versions"]
    assert (v1["version"], v2["version"]) == (r1["version"], r2["version"])
    assert v1["mode"] == "full" and v1["topic_drift"] is None and not v1["latest"]
    assert v2["latest"] and v2["mode"] == "incremental" and v2["parent"] == r1["version"]
    assert (v2["rows"], v2["rows_added"], v2["rows_removed"]) == (505, 10, 5)
    assert v2["validation"] is True and v2["topics"] >= 2
    # 10 of 505 points changed: the depth-1 topic shares barely move, but they do move
    assert 0 < v2["topic_drift"] < 0.05
    assert set(v2["stage_seconds"]) >= {"ingest", "embed", "index", "project", "topics"}
    assert d["runs"] is None                     # no Prefect API configured
    page = client.get("/ops/pkgs")
    assert page.status_code == 200 and "incremental" in page.text and r2["version"] in page.text
    assert client.get("/api/ops/nothing").status_code == 404
