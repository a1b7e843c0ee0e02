"""A user's vectors beside the data (``--embeddings``): read from a local folder or S3
without a second in-memory copy, and the work-area vector files written straight to disk."""
from __future__ import annotations

import numpy as np
import polars as pl
import pyarrow as pa
import pytest

from datamap.flows.runtime.stagekit import read_vectors, write_vectors
from datamap.resources.errors import IngestError
from datamap.tasks.ingest.read import vectors_from_file


def _vectors(n: int = 300, d: int = 12) -> np.ndarray:
    return np.random.default_rng(5).normal(size=(n, d)).astype(np.float32)


def test_npy_reads_the_same_from_a_folder_and_from_s3(tmp_path, moto_s3):
    v = _vectors()
    np.save(tmp_path / "v.npy", v)
    moto_s3["fs"].put(str(tmp_path / "v.npy"), "corpora/v.npy")
    ids = pl.Series("id", [str(i) for i in range(len(v))])
    local = vectors_from_file(str(tmp_path / "v.npy"), ids)
    remote = vectors_from_file("s3://corpora/v.npy", ids, moto_s3["storage_options"])
    assert local.dtype == remote.dtype == np.float32
    assert np.array_equal(local, v) and np.array_equal(remote, v)


@pytest.mark.parametrize("case, message", [
    ("missing", "input not found"),
    ("empty", r"is empty \(0 bytes\)"),
    ("truncated", "cannot read .* as .npy"),
    ("objects", "cannot read .* as .npy"),
    ("one_dim", r"have shape \(300,\); expected \(rows, dims\)"),
    ("short", "have 200 rows but the input has 300"),
])
def test_bad_npy_is_named(tmp_path, case, message):
    path = tmp_path / f"{case}.npy"
    v = _vectors()
    if case == "empty":
        path.write_bytes(b"")
    elif case == "truncated":
        np.save(path, v)
        path.write_bytes(path.read_bytes()[:-100])
    elif case == "objects":
        np.save(path, np.array([{"a": 1}] * 300, dtype=object), allow_pickle=True)
    elif case == "one_dim":
        np.save(path, v[:, 0])
    elif case == "short":
        np.save(path, v[:200])
    ids = pl.Series("id", [str(i) for i in range(300)])
    with pytest.raises(IngestError, match=message):
        vectors_from_file(str(path), ids)


def test_vector_file_round_trip_is_one_mappable_chunk(tmp_path):
    v = _vectors(1_000, 7)
    ids = pa.array([f"r{i}" for i in range(len(v))])
    for dtype in ("float32", "float16"):
        path = str(tmp_path / f"v.{dtype}.arrow")
        write_vectors(path, ids, v, dtype)
        back = read_vectors(path)
        assert back.shape == v.shape and back.dtype == np.dtype(dtype)
        np.testing.assert_allclose(back.astype(np.float32), v, atol=2e-3 if dtype == "float16" else 0)
        with pa.memory_map(path, "r") as src:
            t = pa.ipc.open_file(src).read_all()
        assert t.column("latent").num_chunks == 1 and t.column("id").to_pylist() == ids.to_pylist()
