"""The spine end to end: build real maps into local and S3 stores, read them back."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import polars as pl
import pytest

from datamap.resources import open_map
from datamap.resources.errors import DatasetNotFound, VersionNotFound


def _section_of(debian: pl.DataFrame) -> dict[str, str]:
    return dict(zip(debian["id"].to_list(), debian["section"].to_list()))


def _check_map(m, input_path: str, debian: pl.DataFrame) -> None:
    src = pl.read_parquet(input_path)
    n = src.height
    assert m.row_count == n
    assert m.data.tb.num_rows == n
    assert m.data.ids == src["id"].to_list(), "ids keep the input's order"
    assert m.embeddings.latent.shape == (n, 384)
    proj = m.embeddings.projected
    assert list(proj.columns[:3]) == ["id", "x", "y"] and len(proj) == n
    assert proj[["x", "y"]].to_numpy().min() >= 0 and proj[["x", "y"]].to_numpy().max() <= 1
    # metadata types survive: ints stay ints, lists stay lists
    assert str(m.data.tb.schema.field("installed_size").type) == "int64"
    assert "list" in str(m.data.tb.schema.field("tags").type)
    # checksums in the manifest match the files
    sums = m.verify()
    assert {"data.parquet", "embeddings.arrow", "projection.parquet", "index.usearch"} <= set(sums)
    # neighbours of Python libraries are mostly other Python libraries
    section = _section_of(debian)
    py = [i for i in m.data.ids if section[i] == "python" and i.startswith("python3-")][:20]
    assert len(py) >= 10
    neigh, dist = m.embeddings.vector_search(ids=py, k=10)
    share = np.mean([[section[j] == "python" or j.startswith("python") for j in row] for row in neigh])
    base = np.mean([section[i] == "python" for i in m.data.ids])
    assert share >= 0.4 and share >= 4 * base, \
        f"only {share:.0%} of Python libraries' neighbours are Python packages (base rate {base:.0%})"
    # the HNSW answer agrees with exact cosine search
    lat = m.embeddings.latent
    pos = m.data.positions(py)
    sims = lat[pos] @ lat.T
    sims[np.arange(len(pos)), pos] = -np.inf
    exact = np.argsort(-sims, axis=1)[:, :10]
    recall = np.mean([len(set(row) & {m.data.ids[j] for j in ex}) / 10 for row, ex in zip(neigh, exact)])
    assert recall >= 0.9, f"recall@10 vs exact search {recall:.2f}"
    for q, row, d in zip(py, neigh, dist):
        assert q not in row and len(row) == 10
        assert d == sorted(d)


def test_local_build_reads_back(built_map, debian_2k_path, debian):
    m = open_map("debian", store=built_map["store"])
    _check_map(m, debian_2k_path, debian)
    assert m.version == built_map["version"]
    man = m.manifest
    assert man["rows"] == 2000 and man["validation"]["success"] is True
    assert set(man["build"]["timings"]) >= {"ingest", "embed", "index", "project"}
    assert man["input"]["sha256"]
    # vector search by raw vectors: a point's own vector finds itself first
    q = m.embeddings.latent[:3]
    neigh, dist = m.embeddings.vector_search(queries=q, k=3)
    assert [r[0] for r in neigh] == m.data.ids[:3]
    assert max(r[0] for r in dist) < 1e-3
    # get_data returns full records in the order asked
    recs = m.get_data([m.data.ids[5], m.data.ids[1]])
    assert [r["id"] for r in recs] == [m.data.ids[5], m.data.ids[1]]


def test_s3_build_reads_back(moto_s3, debian_2k_path, debian):
    fs, opts = moto_s3["fs"], moto_s3["storage_options"]
    fs.put(debian_2k_path, "corpora/debian-2k.parquet")
    from datamap.flows.build_map import build_map

    res = build_map(source="s3://corpora/debian-2k.parquet", dataset="debian",
                    store="s3://maps/prod", storage_options=opts,
                    options={"projection": {"method": "umap"}, "text_field": "text", "id_field": "id", "embedding_field": "embedding",
                             "topics": None, "dedupe": None, "tiles": None})
    assert fs.exists(f"maps/prod/debian/versions/{res['version']}/manifest.json")
    assert fs.cat_file("maps/prod/debian/LATEST").decode().strip() == res["version"]
    m = open_map("debian", store="s3://maps/prod", storage_options=opts)
    _check_map(m, debian_2k_path, debian)
    assert m.manifest["input"]["uri"] == "s3://corpora/debian-2k.parquet"


def test_vector_search_arguments(built_map):
    from datamap.resources.errors import DatamapError

    m = open_map("debian", store=built_map["store"])
    with pytest.raises(DatamapError, match="2-D"):
        m.embeddings.vector_search(queries=m.embeddings.latent[0], k=3)
    with pytest.raises(DatamapError, match="width"):
        m.embeddings.vector_search(queries=np.zeros((1, 5)), k=3)
    with pytest.raises(DatamapError, match="exactly one"):
        m.embeddings.vector_search(k=3)
    with pytest.raises(KeyError, match="not-a-package"):
        m.embeddings.vector_search(ids=["not-a-package"], k=3)
    # no k <= 128 cap
    neigh, _ = m.embeddings.vector_search(ids=[m.data.ids[0]], k=500)
    assert len(neigh[0]) == 500 and len(set(neigh[0])) == 500


def test_open_missing_lists_what_exists(built_map):
    with pytest.raises(DatasetNotFound, match="debian"):
        open_map("nope", store=built_map["store"])
    with pytest.raises(VersionNotFound, match=built_map["version"]):
        open_map("debian", store=built_map["store"], version="2001-01-01T000000.000000Z")


def test_reader_imports_no_heavy_libraries(built_map):
    code = textwrap.dedent(f"""
        import sys, json
        from datamap import open_map
        m = open_map("debian", store={built_map['store']!r})
        m.data.df; m.embeddings.latent; m.embeddings.projected
        m.embeddings.vector_search(ids=[m.data.ids[0]], k=5)
        heavy = sorted({{k.split('.')[0] for k in sys.modules}} &
                       {{'prefect', 'torch', 'umap', 'bertopic', 'sentence_transformers',
                         'great_expectations', 'sklearn', 'hdbscan', 'numba'}})
        print(json.dumps(heavy))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=os.path.dirname(os.path.dirname(__file__)))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_manifest_keys_are_the_schema_s(built_map):
    """Every key a build writes into manifest.json is declared in ``schema.Manifest``
    (the one owner of manifest names), and the declared nested keys are the written ones."""
    from datamap import open_map
    from datamap.resources import schema

    m = open_map(built_map["dataset"], store=built_map["store"])
    man = m.manifest
    assert set(man) <= schema.MANIFEST_KEYS, sorted(set(man) - schema.MANIFEST_KEYS)
    for key, typed in (("build", schema.BuildInfo), ("model", schema.ModelInfo),
                       ("validation", schema.ValidationSummary)):
        assert set(man[key]) <= set(typed.__annotations__), (key, sorted(set(man[key]) - set(typed.__annotations__)))
    for art in man["artifacts"].values():
        assert set(art) == set(schema.Artifact.__annotations__)
