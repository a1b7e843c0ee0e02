"""``datamap.build_map`` maps data already in memory (like the nomic client's
``map_data(data=df, embeddings=arr)``): a polars or pandas DataFrame or an Arrow table,
with a numpy array of vectors in row order."""
from __future__ import annotations

import numpy as np
import pytest

from conftest import debian_subset

SMALL = {"text_field": "text", "id_field": "id", "projection": {"method": "pca"}, "topics": None,
         "dedupe": None, "outliers": None, "tiles": None}


@pytest.fixture(scope="module")
def frame(debian, debian_vectors):
    sub = debian_subset(debian, debian_vectors, 120, seed=9)
    vectors = np.stack(sub["embedding"].to_list()).astype(np.float32)
    return sub.drop("embedding").select("id", "text", "section", "installed_size"), vectors


@pytest.mark.parametrize("kind", ["polars", "pandas", "arrow"])
def test_a_dataframe_and_a_numpy_array_make_a_map(kind, frame, tmp_store):
    import datamap

    df, vectors = frame
    data = {"polars": df, "pandas": df.to_pandas(use_pyarrow_extension_array=True), "arrow": df.to_arrow()}[kind]
    res = datamap.build_map(data, "mem", store=tmp_store, options=SMALL, embeddings=vectors)
    m = datamap.open_map("mem", store=tmp_store)
    assert res["rows"] == 120 and m.data.ids == df["id"].to_list()
    assert m.data.tb.column("installed_size").type == "int64"
    assert np.allclose(m.embeddings.latent, vectors, atol=1e-6)
    assert m.vector_search(ids=[df["id"][0]], k=3)[0][0]


def test_bad_in_memory_input_is_refused_before_any_work(frame, tmp_store):
    import datamap
    from datamap.resources.errors import IngestError

    df, vectors = frame
    with pytest.raises(IngestError, match="embeddings have 119 rows, the data 120"):
        datamap.build_map(df, "mem", store=tmp_store, options=SMALL, embeddings=vectors[:-1])
    with pytest.raises(IngestError, match="2-D numeric array"):
        datamap.build_map(df, "mem", store=tmp_store, options=SMALL, embeddings=vectors[0])
    with pytest.raises(IngestError, match="a pandas or polars DataFrame or an Arrow table; got dict"):
        datamap.build_map({"id": [1]}, "mem", store=tmp_store, options=SMALL)


def test_the_layout_is_picked_by_size_unless_asked(frame, tmp_store):
    """Atlas picks the projection by size; so do ``build_map`` and ``datamap build`` when
    no method is given (120 rows: t-SNE), and the manifest says what ran and why."""
    import datamap
    from datamap.cli.main import app
    from typer.main import get_command

    df, vectors = frame
    opts = {k: v for k, v in SMALL.items() if k != "projection"}
    datamap.build_map(df, "auto", store=tmp_store, options=opts, embeddings=vectors)
    info = datamap.open_map("auto", store=tmp_store).manifest["projection"]
    assert (info["requested"], info["method"]) == ("auto", "tsne") and "120 rows" in info["why"]
    build = get_command(app).commands["build"]
    assert next(p for p in build.params if p.name == "projection").default == "auto"
