"""The big-map k-NN graph's repair (tasks.knn_repair): lost searches again, exact
distances, reverse neighbours. On real Debian vectors made into tight groups, as the 1M
benchmark's are, and on small graphs whose answer is known by hand."""
from __future__ import annotations

import numpy as np
import pytest

from datamap.tasks import index as I
from datamap.tasks import knn_repair as K


@pytest.fixture(scope="module")
def grouped(debian_vectors):
    """16,000 unit rows: 2,000 real Debian rows, 8 noisy copies each, every copy drawn
    part of the way towards one of its row's 10 nearest (bench/scale_data.py's recipe),
    an i8 index with the large-map settings, and the exact 11-NN of 1,500 rows."""
    rng = np.random.default_rng(5)
    vec = np.asarray(debian_vectors, np.float32)
    base = rng.choice(len(vec), 2000, replace=False)
    bv = vec[base] / np.linalg.norm(vec[base], axis=1, keepdims=True)
    near = np.argsort(-(bv @ bv.T), axis=1)[:, 1:11]
    b = np.repeat(np.arange(2000), 8)
    other = base[near[b, rng.integers(0, 10, len(b))]]
    t = rng.uniform(0, 0.5, (len(b), 1)).astype(np.float32)
    x = vec[base[b]] + t * (vec[other] - vec[base[b]]) + rng.normal(0, 0.01, (len(b), vec.shape[1])).astype(np.float32)
    v = np.ascontiguousarray(x / np.linalg.norm(x, axis=1, keepdims=True), np.float32)
    index = I.build_index(v, I.IndexOptions(**I.LARGE_SETTINGS))
    rows = np.sort(rng.choice(len(v), 1500, replace=False))
    exact, _ = I.exact_knn(v, rows, 11)
    return v, index, rows, exact[:, 1:]


def _recall(keys: np.ndarray, rows: np.ndarray, exact: np.ndarray) -> float:
    return float(np.mean([len(set(k[k != r][:10].tolist()) & set(e.tolist())) / 10
                          for k, r, e in zip(keys, rows, exact)]))


def _raw(index, v: np.ndarray, k: int) -> np.ndarray:
    m = index.search(v, k, threads=2)
    return np.asarray(m.keys, np.int64).reshape(len(v), -1)


def test_the_repaired_graph_keeps_more_of_the_exact_neighbours(grouped):
    v, index, rows, exact = grouped
    raw = _raw(index, v[rows], 33)
    keys, dist = I.knn_graph(index, v, 33)
    assert (keys[:, 0] == np.arange(len(v))).all()
    assert _recall(keys[rows], rows, exact) >= 0.99
    assert _recall(keys[rows], rows, exact) > _recall(raw, rows, exact) + 0.005
    # exact cosine distances, in order after self
    want = 1.0 - np.einsum("d,kd->k", v[rows[0]], v[keys[rows[0]]])
    assert np.allclose(dist[rows[0]], np.maximum(want, 0), atol=2e-6)
    assert (np.diff(dist[:, 1:], axis=1) >= 0).all()


def test_a_lost_search_is_searched_again(grouped):
    """Rows whose answers are another group's rows (as a search that strayed returns)
    come out with their own neighbours, and are counted."""
    v, index, rows, exact = grouped
    keys = _raw(index, v, 33)
    lost = rows[:200]
    far = (lost + len(v) // 2) % len(v)
    keys[lost] = keys[far]                    # a far row's answers: neither self nor its group
    (fixed, _), counts = K.repair(index, v, keys)
    assert counts["lost"] >= 200
    assert counts["found_again"] >= 190
    assert _recall(fixed[lost], lost, exact[:200]) >= 0.97


def test_reverse_neighbours_reach_a_row_that_found_nothing():
    """Row 0's own answers are far; rows 1 and 2 found it at distance 0.1 and 0.2, so it
    gets them, at those distances, ahead of its own; ties go by index; self first."""
    keys = np.array([[0, 3, 4], [1, 0, 2], [2, 0, 1], [3, 4, 5], [4, 3, 5], [5, 4, 3]])
    dist = np.array([[0.0, 0.9, 0.9], [0.0, 0.1, 0.3], [0.0, 0.2, 0.3],
                     [0.0, 0.5, 0.6], [0.0, 0.5, 0.6], [0.0, 0.6, 0.6]], np.float32)
    k, d = K.merge_reverse(keys, dist)
    assert k[0].tolist() == [0, 1, 2] and np.allclose(d[0], [0.0, 0.1, 0.2])
    assert k[5].tolist() == [5, 3, 4] and np.allclose(d[5], [0.0, 0.6, 0.6])
    assert (k[:, 0] == np.arange(6)).all()


def test_a_row_with_fewer_candidates_than_k_is_padded_with_itself():
    keys = np.array([[0, 1, 1], [1, 0, 0]])
    dist = np.array([[0.0, 0.2, 0.2], [0.0, 0.2, 0.2]], np.float32)
    k, d = K.merge_reverse(keys, dist)
    assert k.tolist() == [[0, 1, 0], [1, 0, 1]]
    assert np.allclose(d, [[0.0, 0.2, 0.0], [0.0, 0.2, 0.0]])


def test_an_identical_vector_counts_as_found():
    rows = np.array([0, 1, 2])
    keys = np.array([[7, 8], [1, 9], [4, 5]])
    dist = np.array([[0.0, 0.3], [0.0, 0.3], [0.2, 0.3]], np.float32)
    assert K.lost_rows(keys, dist, rows).tolist() == [2]


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
def test_exact_distances_match_float64(dtype):
    rng = np.random.default_rng(0)
    v = (rng.normal(size=(300, 24)) * rng.uniform(0.5, 3, (300, 1))).astype(dtype)
    v[7] = 0                                  # a zero row: distance 1 to everything
    keys = rng.integers(0, 300, (300, 6))
    got = K.exact_distances(v, K.inverse_norms(v), np.arange(300), keys)
    u = np.asarray(v, np.float64)
    nrm = np.linalg.norm(u, axis=1)
    u = u / np.where(nrm > 0, nrm, 1)[:, None]
    want = np.maximum(0, 1 - np.einsum("nd,nkd->nk", u, u[keys]))
    assert np.allclose(got, want, atol=1e-5)
    # measured in another order (the repair visits a big map's rows in its locality order)
    visited = K.exact_distances(v, K.inverse_norms(v), np.arange(300), keys, chunk=64, visit=rng.permutation(300))
    assert np.array_equal(visited, got)


def test_a_refreshed_subset_gets_exact_distances_in_order(grouped):
    v, index, rows, exact = grouped
    k, d = I.search_rows(index, v, rows[:300], 33, len(v))
    assert (k[:, 0] == rows[:300]).all() and (d[:, 0] == 0).all()
    assert (np.diff(d[:, 1:], axis=1) >= 0).all()
    assert _recall(k, rows[:300], exact[:300]) >= 0.98
