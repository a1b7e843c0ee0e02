"""``datamap.embed_query(m, texts)``: new texts embedded in a map's own space with the
model the build recorded, and a clear error for maps built from your own vectors."""
from __future__ import annotations

import pytest

from conftest import debian_subset

N = 60
SMALL = {"projection": {"method": "pca"}, "topics": None, "dedupe": None, "outliers": None, "tiles": None}


@pytest.fixture(scope="module")
def maps(debian, debian_vectors, tmp_path_factory) -> dict:
    from datamap.flows.build_map import build_map

    sub = debian_subset(debian, debian_vectors, N, seed=5)
    d = tmp_path_factory.mktemp("eq")
    sub.write_parquet(d / "in.parquet")
    store = str(d / "store")
    build_map(source=str(d / "in.parquet"), dataset="texts", store=store,
              options={"text_field": "text", "id_field": "id", **SMALL})
    build_map(source=str(d / "in.parquet"), dataset="vectors", store=store,
              options={"text_field": "text", "id_field": "id", "embedding_field": "embedding", **SMALL})
    return {"store": store, "texts": sub["text"].to_list(), "ids": sub["id"].to_list()}


def test_a_text_of_the_map_finds_itself(maps):
    import datamap
    from datamap import open_map

    m = open_map("texts", store=maps["store"])
    q = datamap.embed_query(m, [maps["texts"][7], maps["texts"][30]])
    assert q.shape == (2, m.embeddings.latent.shape[1])
    nb, dist = m.vector_search(queries=q, k=1)
    assert [n[0] for n in nb] == [maps["ids"][7], maps["ids"][30]]
    assert max(d[0] for d in dist) < 0.01          # the same model and path as the build
    assert datamap.embed_query(m, maps["texts"][7]).shape == (1, q.shape[1])
    with pytest.raises(datamap.DatamapError, match="a text or a non-empty list"):
        datamap.embed_query(m, [])


def test_a_map_of_your_own_vectors_says_what_to_do(maps):
    import datamap
    from datamap import open_map
    from datamap.resources.errors import NoQueryModel

    m = open_map("vectors", store=maps["store"])
    with pytest.raises(NoQueryModel, match=r"your own vectors.*vector_search\(queries="):
        datamap.embed_query(m, ["a new text"])


def test_datamap_search_on_the_command_line(maps):
    import json

    from typer.testing import CliRunner

    from datamap.cli.main import app

    r = CliRunner().invoke(app, ["search", "texts", maps["texts"][12], "-k", "2", "--json", "--store", maps["store"]])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)[0]["id"] == maps["ids"][12]
    r = CliRunner().invoke(app, ["search", "vectors", "anything", "--store", maps["store"]])
    assert r.exit_code == 1 and "NoQueryModel" in r.output


def _fresh_process(code: str, *args: str) -> dict:
    """Run ``code`` in a new interpreter (the import order is the point) and return the
    JSON of its last line; a crash (negative exit: a signal) fails with its stderr."""
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr[-2000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_fresh_process_searches_the_index_then_embeds_a_query(maps):
    """The reader's usearch index first, then the embedder's ONNX Runtime, in a new
    process. Loaded in that order with nothing before them, the pair kills the process
    (SIGSEGV, usearch 2.26.6's static C++ runtime); datamap's reader loads pyarrow
    first, which keeps it alive. A reader that stopped doing so fails here, not in a
    user's notebook."""
    code = ("import json, sys, datamap\n"
            "m = datamap.open_map('texts', store=sys.argv[1])\n"
            "nb, _ = m.vector_search(ids=[sys.argv[2]], k=2)\n"
            "assert 'onnxruntime' not in sys.modules and 'usearch.compiled' in sys.modules\n"
            "q = datamap.embed_query(m, [sys.argv[3]])\n"
            "print(json.dumps({'neighbours': nb[0], 'dim': int(q.shape[1])}))\n")
    out = _fresh_process(code, maps["store"], maps["ids"][3], maps["texts"][3])
    assert len(out["neighbours"]) == 2 and set(out["neighbours"]) <= set(maps["ids"]) and out["dim"] == 384


def test_usearch_imported_before_datamap_gets_an_error_not_a_crash(maps):
    """A user's script that imports usearch before datamap, then embeds a text query:
    without the check (``tasks/embed/load_order.py``) the process died with SIGSEGV while
    loading ONNX Runtime; now it gets ``ImportOrderError`` saying which line to move, and
    can still search by vector."""
    code = ("import json, sys\n"
            "import usearch.compiled\n"
            "import datamap\n"
            "from datamap.resources.errors import ImportOrderError\n"
            "m = datamap.open_map('texts', store=sys.argv[1])\n"
            "try:\n"
            "    datamap.embed_query(m, [sys.argv[2]])\n"
            "    print(json.dumps({'raised': None}))\n"
            "except ImportOrderError as e:\n"
            "    nb, _ = m.vector_search(ids=[sys.argv[3]], k=2)\n"
            "    print(json.dumps({'raised': str(e), 'neighbours': nb[0],\n"
            "                      'onnxruntime': 'onnxruntime' in sys.modules}))\n")
    out = _fresh_process(code, maps["store"], maps["texts"][3], maps["ids"][3])
    assert out["raised"] and "import datamap" in out["raised"] and "usearch" in out["raised"]
    assert not out["onnxruntime"] and len(out["neighbours"]) == 2


def test_the_load_order_rule_reads_which_came_first():
    from datamap.tasks.embed.load_order import usearch_loaded_first

    assert usearch_loaded_first(["numpy", "usearch.compiled", "pyarrow.lib"])
    assert usearch_loaded_first(["polars", "usearch.compiled"])
    assert not usearch_loaded_first(["pyarrow.lib", "usearch.compiled"])
    assert not usearch_loaded_first(["torch._C", "numpy", "usearch.compiled", "onnxruntime"])
    assert not usearch_loaded_first(["pyarrow.lib", "numpy"])      # no usearch at all
