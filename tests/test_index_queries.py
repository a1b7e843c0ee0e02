"""Queries handed to an int8 usearch index (resources.vectors.index_queries): each row
scaled to fill int8's range before rounding, on real Debian MiniLM vectors."""
from __future__ import annotations

import numpy as np
import pytest
from usearch.index import Index

from datamap.resources.vectors import index_queries


def _unit(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, np.float64)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _i8(d: int) -> Index:
    return Index(ndim=d, metric="cos", dtype="i8")


@pytest.fixture(scope="module")
def rows(debian_vectors) -> np.ndarray:
    pick = np.random.default_rng(3).choice(len(debian_vectors), 6000, replace=False)
    return np.ascontiguousarray(_unit(debian_vectors[np.sort(pick)]), np.float32)


def test_an_int8_index_gets_each_query_filling_int8s_range(rows):
    got = index_queries(rows, _i8(rows.shape[1]))
    assert got.dtype == np.int8 and got.shape == rows.shape
    assert (np.abs(got.astype(np.int16)).max(axis=1) == 127).all()
    big = np.abs(rows) > 0.5 * np.abs(rows).max(axis=1, keepdims=True) / 127
    assert (np.sign(got[big]) == np.sign(rows[big])).all()


def test_scaled_queries_rank_the_stored_rows_closer_to_the_exact_order(rows):
    """Exact search over the rows as usearch stores them (round(127 × value)), queries
    rounded either way: the scaled ones find more of each query's true 10 nearest."""
    stored = _unit(np.clip(np.rint(rows * 127), -127, 127))
    q = np.arange(0, len(rows), 15)
    truth = np.argsort(-(rows[q] @ rows.T), axis=1)[:, :11]

    def recall(queries: np.ndarray) -> float:
        found = np.argsort(-(_unit(queries) @ stored.T), axis=1)[:, :11]
        return float(np.mean([len(set(f) & set(t)) / 11 for f, t in zip(found, truth)]))

    own = recall(np.clip(np.rint(rows[q] * 127), -127, 127))
    scaled = recall(index_queries(rows[q], _i8(rows.shape[1])))
    assert scaled > own + 0.005


def test_an_int8_index_answers_scaled_queries_by_key(rows):
    index = _i8(rows.shape[1])
    index.add(np.arange(len(rows), dtype=np.uint64), rows)
    found = np.asarray(index.search(index_queries(rows[:200], index), 1).keys, np.int64).ravel()
    cosine = np.einsum("ij,ij->i", rows[:200], rows[found])
    assert (cosine > 0.99).mean() > 0.97       # itself, or one of its (near-)copies


def test_other_indexes_get_float32_queries_unchanged(rows):
    for dtype in ("f32", "f16"):
        got = index_queries(rows.astype(np.float64), Index(ndim=rows.shape[1], metric="cos", dtype=dtype))
        assert got.dtype == np.float32 and np.array_equal(got, rows)


def test_a_zero_row_stays_zero_and_nothing_becomes_nan(rows):
    x = rows[:5].copy()
    x[2] = 0
    got = index_queries(x, _i8(x.shape[1]))
    assert (got[2] == 0).all() and (np.abs(got[[0, 1, 3, 4]].astype(np.int16)).max(axis=1) == 127).all()
    assert index_queries(x[:0], _i8(x.shape[1])).shape == (0, x.shape[1])
