"""``datamap export --with x,y,topics,neighbors,outlier``: one wide Parquet that Embedding
Atlas opens as it is (``embedding-atlas out.parquet --x x --y y --neighbors neighbors``).

Its documented input: ``--x``/``--y`` numeric columns, ``--neighbors`` a column of
``{"ids": [...], "distances": [...]}`` whose ids are zero-based row indices (and, as its
graph code stacks them, lists of one length). Checked here always; and, when
bench/.venv-atlas holds embedding-atlas (as bench/compare.py uses it), through its own
reader and neighbour-graph code in that separate venv."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from conftest import debian_subset
from datamap.cli.main import app
from datamap.resources import open_map

N = 300
ATLAS_PY = Path(os.environ.get("DATAMAP_ATLAS_PYTHON",
                               Path(__file__).resolve().parent.parent / "bench" / ".venv-atlas" / "bin" / "python"))


@pytest.fixture(scope="module")
def wide_map(debian, debian_vectors, tmp_path_factory) -> dict:
    from datamap.flows.build_map import build_map

    d = tmp_path_factory.mktemp("wide")
    debian_subset(debian, debian_vectors, N, seed=11).write_parquet(d / "in.parquet")
    store = str(d / "store")
    build_map(source=str(d / "in.parquet"), dataset="wide", store=store,
              options={"projection": {"method": "umap"}, "text_field": "text", "id_field": "id", "embedding_field": "embedding",
                       "topics": {"depths": 2}, "dedupe": None, "tiles": None})
    return {"store": store, "dir": d}


def _export(wide_map, out, *args) -> None:
    r = CliRunner().invoke(app, ["export", "wide", "--out", str(out), "--store", wide_map["store"], *args])
    assert r.exit_code == 0, r.output


def test_wide_export_matches_embedding_atlas_input(wide_map):
    out = wide_map["dir"] / "out.parquet"
    _export(wide_map, out, "--with", "x,y,topics,neighbors,outlier", "--neighbors-k", "10")
    tb = pq.read_table(out)
    m = open_map("wide", store=wide_map["store"])
    assert tb.num_rows == N and {"x", "y", "topic_depth_1", "topic_depth_2", "neighbors", "outlier_score"} \
        <= set(tb.column_names)
    assert str(tb.schema.field("x").type) == "float" and str(tb.schema.field("y").type) == "float"
    proj = m.embeddings.projected.set_index("id")
    ids = tb.column("id").to_pylist()
    assert np.allclose(tb.column("x").to_numpy(), proj.loc[ids, "x"].to_numpy(), atol=1e-6)
    nb = tb.column("neighbors").to_pylist()
    assert all(len(r["ids"]) == 10 == len(r["distances"]) for r in nb)
    assert all(i not in r["ids"] and all(0 <= j < N for j in r["ids"]) for i, r in enumerate(nb))
    # row 0's neighbours are the map's neighbours of its id, as row numbers of the file
    want, _ = m.vector_search(ids=[ids[0]], k=10)
    assert [ids[j] for j in nb[0]["ids"]] == want[0]
    assert tb.column("outlier_score").to_pylist() == pytest.approx(m.outliers.scores.tolist())


def test_neighbours_index_the_exported_rows_when_tags_filter(wide_map):
    m = open_map("wide", store=wide_map["store"])
    m.tags.add("half", m.data.ids[::2])
    out = wide_map["dir"] / "half.parquet"
    _export(wide_map, out, "--with-tag", "half", "--with", "neighbors")
    nb = pq.read_table(out).column("neighbors").to_pylist()
    assert len(nb) == N // 2
    assert all(len(r["ids"]) == 15 and max(r["ids"]) < N // 2 and i not in r["ids"] for i, r in enumerate(nb))


def test_unknown_column_is_a_usage_error(wide_map):
    r = CliRunner().invoke(app, ["export", "wide", "--out", "x.parquet", "--with", "x,pagerank"])
    assert r.exit_code == 2 and "pagerank" in r.output


ATLAS_CHECK = r"""
import json, sys
import numpy as np
from embedding_atlas.utils import load_pandas_data
from embedding_atlas.graph_metrics import compute_degree_columns
df = load_pandas_data(sys.argv[1])
deg = compute_degree_columns(df, neighbors="neighbors")
print(json.dumps({"rows": len(df), "x": str(df["x"].dtype), "y": str(df["y"].dtype),
                  "degree_lengths": [int(len(c)) for c in deg], "max_degree": int(max(c.max() for c in deg))}))
"""


@pytest.mark.skipif(not ATLAS_PY.exists(), reason="embedding-atlas venv missing (bench/.venv-atlas, see bench/compare.py)")
def test_embedding_atlas_reads_the_export(wide_map):
    out = wide_map["dir"] / "atlas.parquet"
    _export(wide_map, out, "--with", "x,y,neighbors")
    p = subprocess.run([str(ATLAS_PY), "-c", ATLAS_CHECK, str(out)], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    got = json.loads(p.stdout.strip().splitlines()[-1])
    assert got["rows"] == N and got["x"] == got["y"] == "float32"
    assert got["degree_lengths"] == [N, N, N] and got["max_degree"] > 0    # its k-NN graph code read our column
