"""`--runner dask`: the same build on a distributed.LocalCluster(n_workers=2) gives the
same ids and topics as the local run."""
from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from conftest import debian_subset
from resources import open_map

pytestmark = pytest.mark.slow


def test_dask_cluster_build_matches_local(debian, debian_vectors, tmp_path):
    from distributed import Client, LocalCluster, get_task_stream

    from flows.build_map import build_map
    from flows.runners import with_runner

    src = tmp_path / "pkgs.parquet"
    debian_subset(debian, debian_vectors, 400, seed=41).write_parquet(src)
    opts = {"text_field": "text", "id_field": "id", "embedding_field": "embedding", "tiles": None}
    local = build_map(source=str(src), dataset="local", store=str(tmp_path / "a"), options=opts)

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        flow_on_dask = with_runner(build_map, "dask", address=cluster.scheduler_address)
        with get_task_stream(client) as ts:
            remote = flow_on_dask(source=str(src), dataset="dask", store=str(tmp_path / "b"), options=opts)
        workers = set(client.scheduler_info()["workers"])
    # the stages really ran on the cluster's worker processes (ingest … topics, dedupe)
    assert len(ts.data) >= 6, ts.data
    assert {t["worker"] for t in ts.data} <= workers
    assert remote["rows"] == local["rows"] == 400
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
