"""`--runner dask`: builds on a distributed.LocalCluster(n_workers=2) give the same result
as the local run, and the work really runs on the cluster's worker processes: every
stage as a task there, and the embedding split into batches (flows/runtime/dask_parts.py)."""
from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from conftest import debian_subset

from datamap.resources import open_map

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    import os

    from distributed import Client, LocalCluster

    old = os.environ.get("DATAMAP_PLACE_CHUNK")
    os.environ["DATAMAP_PLACE_CHUNK"] = "4"      # the workers inherit it: refreshes place 4 points per task
    os.environ["DATAMAP_TILES_PER_TASK"] = "3"   # … and write 3 tiles per task
    try:
        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as c, Client(c) as client:
            yield c, client
    finally:
        os.environ.pop("DATAMAP_TILES_PER_TASK", None)
        if old is None:
            os.environ.pop("DATAMAP_PLACE_CHUNK", None)
        else:
            os.environ["DATAMAP_PLACE_CHUNK"] = old


def test_dask_cluster_build_matches_local(cluster, debian, debian_vectors, tmp_path):
    from distributed import get_task_stream

    from datamap.flows.build_map import build_map
    from datamap.flows.runtime.runners import with_runner

    c, client = cluster
    src = tmp_path / "pkgs.parquet"
    debian_subset(debian, debian_vectors, 400, seed=41).write_parquet(src)
    opts = {"projection": {"method": "umap"}, "text_field": "text", "id_field": "id", "embedding_field": "embedding", "tiles": {"capacity": 40}}
    local = build_map(source=str(src), dataset="local", store=str(tmp_path / "a"), options=opts)

    flow_on_dask = with_runner(build_map, "dask", address=c.scheduler_address)
    with get_task_stream(client) as ts:
        remote = flow_on_dask(source=str(src), dataset="dask", store=str(tmp_path / "b"), options=opts)
    workers = set(client.scheduler_info()["workers"])
    # the stages really ran on the cluster's worker processes (ingest … topics, dedupe)
    assert len(ts.data) >= 6, ts.data
    assert {t["worker"] for t in ts.data} <= workers
    assert remote["rows"] == local["rows"] == 400
    # the tiles were written in groups of 3 by tasks on the workers; every point is in one tile
    tiles = open_map("dask", store=str(tmp_path / "b")).manifest["tiles"]["tiles"]
    groups = [t for t in ts.data if t["key"].startswith("write-tile-group-")]
    assert tiles >= 7 and len(groups) == -(-tiles // 3) and {t["worker"] for t in groups} <= workers
    index = open_map("dask", store=str(tmp_path / "b")).tiles.index
    assert sum(c for c, _ in index["tiles"].values()) == 400
    a, b = open_map("local", store=str(tmp_path / "a")), open_map("dask", store=str(tmp_path / "b"))
    assert a.data.ids == b.data.ids
    ta = pl.from_arrow(a.read_parquet("topics.parquet"))
    tb = pl.from_arrow(b.read_parquet("topics.parquet"))
    assert ta.equals(tb)
    if a.has("duplicates.parquet"):
        assert a.read_parquet("duplicates.parquet").equals(b.read_parquet("duplicates.parquet"))
    assert np.array_equal(a.embeddings.latent, b.embeddings.latent)
    # (the UMAP layout itself is not bit-identical across processes with other numba
    # thread counts, so coordinates are not compared)

    # a refresh on the cluster: the 12 new points are placed by chunk tasks on the workers
    base = pl.read_parquet(src)
    pool = debian_subset(debian, debian_vectors, 1200, seed=42)
    fresh = pool.filter(~pl.col("id").is_in(base["id"].implode())).head(12)
    pl.concat([base.tail(396), fresh]).write_parquet(src)
    with get_task_stream(client) as ts2:
        r2 = flow_on_dask(source=str(src), dataset="dask", store=str(tmp_path / "b"), options=opts)
    ref = r2["refresh"]
    assert ref["mode"] == "incremental" and ref["placed"] == 12 and ref["place_tasks"] == 3
    chunks = [t for t in ts2.data if "place-chunk" in t["key"]]
    assert len(chunks) == 3 and {t["worker"] for t in chunks} <= workers
    l2 = build_map(source=str(src), dataset="local", store=str(tmp_path / "a"), options=opts)
    assert l2["refresh"]["mode"] == "incremental" and "place_tasks" not in l2["refresh"]
    a, b = open_map("local", store=str(tmp_path / "a")), open_map("dask", store=str(tmp_path / "b"))
    assert a.data.ids == b.data.ids
    assert pl.from_arrow(a.read_parquet("topics.parquet")).equals(pl.from_arrow(b.read_parquet("topics.parquet")))


def test_dask_embeds_in_batches_on_the_workers(cluster, debian, tmp_path):
    """Text embedding: the uncached texts are cut into batches, each a task on a worker
    writing into the store's cache; the vectors equal a local build's."""
    from distributed import get_task_stream

    from datamap.flows.build_map import build_map
    from datamap.flows.runtime import dask_parts
    from datamap.flows.runtime.runners import with_runner

    c, client = cluster
    short = debian.filter(pl.col("text").str.len_chars() < 160).unique(subset="text", keep="first")
    src = tmp_path / "short.parquet"
    short.sample(n=130, seed=43).drop("_row").write_parquet(src)
    # fp32 ONNX: vectors comparable to torch's to ~1e-4 (int8's batch independence: test_embedders)
    opts = {"projection": {"method": "umap"}, "text_field": "text", "id_field": "id", "embed_mode": "exact", "topics": None, "dedupe": None,
            "tiles": None}
    local = build_map(source=str(src), dataset="local", store=str(tmp_path / "a"), options=opts)

    old = dask_parts.BATCH_TEXTS
    dask_parts.BATCH_TEXTS = 32          # 130 texts → 5 batches
    try:
        flow_on_dask = with_runner(build_map, "dask", address=c.scheduler_address)
        with get_task_stream(client) as ts:
            remote = flow_on_dask(source=str(src), dataset="dask", store=str(tmp_path / "b"), options=opts)
    finally:
        dask_parts.BATCH_TEXTS = old
    workers = set(client.scheduler_info()["workers"])
    batches = [t for t in ts.data if "embed-batch" in t["key"] or "embed_batch" in t["key"]]
    assert len(batches) == 5, [t["key"] for t in ts.data]
    assert {t["worker"] for t in batches} <= workers
    assert remote["embedded"] == local["embedded"] == 130
    a, b = open_map("local", store=str(tmp_path / "a")), open_map("dask", store=str(tmp_path / "b"))
    assert a.data.ids == b.data.ids
    # batch boundaries differ from the local run's, so allow float noise only
    cos = (a.embeddings.latent * b.embeddings.latent).sum(axis=1)
    assert cos.min() > 0.999, cos.min()


def test_a_local_build_does_not_import_dask(debian, debian_vectors, tmp_path):
    """The layout and tiles stages ask whether they run on a Dask worker; a local build
    answers without importing ``distributed`` (0.2-1.1 s of every build), and still builds."""
    import json
    import os
    import subprocess
    import sys
    import textwrap

    src = tmp_path / "pkgs.parquet"
    debian_subset(debian, debian_vectors, 120, seed=43).write_parquet(src)
    code = textwrap.dedent(f"""
        import json, sys
        from datamap.flows.build_map import build_map
        res = build_map(source={str(src)!r}, dataset="d", store={str(tmp_path / "s")!r},
                        options={{"text_field": "text", "id_field": "id", "embedding_field": "embedding",
                                  "projection": {{"method": "pca"}}, "topics": None, "tiles": {{"capacity": 40}}}})
        print(json.dumps({{"rows": res["rows"], "dask": sorted(m for m in ("distributed", "dask") if m in sys.modules)}}))
    """)
    env = {k: v for k, v in os.environ.items() if k != "DATAMAP_TILES_PER_TASK"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got == {"rows": 120, "dask": []}, got
    tiles = open_map("d", store=str(tmp_path / "s")).manifest["tiles"]["tiles"]
    assert tiles >= 3
