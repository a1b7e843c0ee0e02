"""Locality order (tasks.locality): big maps are indexed and searched with near rows together."""
from __future__ import annotations

import numpy as np
import pytest

from datamap.tasks import index as I
from datamap.tasks.locality import insertion_order, locality_order
from datamap.tasks.usearch_batches import dealt, search_dealt


def blobs(n: int = 6_000, centres: int = 60, dim: int = 48, seed: int = 0) -> np.ndarray:
    """Rows around ``centres`` directions, shuffled: row order has no locality."""
    rng = np.random.default_rng(seed)
    c = rng.normal(size=(centres, dim))
    v = c[rng.integers(0, centres, n)] + 0.15 * rng.normal(size=(n, dim))
    return (v * rng.uniform(0.5, 3.0, (n, 1))).astype(np.float32)   # lengths vary: cosine must not care


def step_distance(v: np.ndarray, order: np.ndarray) -> float:
    """Mean cosine distance between rows that follow each other in ``order``."""
    u = v / np.linalg.norm(v, axis=1, keepdims=True)
    return float(np.mean(1.0 - np.einsum("ij,ij->i", u[order[:-1]], u[order[1:]])))


def test_locality_order_puts_near_rows_next_to_each_other():
    v = blobs()
    order = locality_order(v)
    assert np.array_equal(np.sort(order), np.arange(len(v)))
    assert np.array_equal(order, locality_order(v)), "the same rows and seed give the same order"
    shuffled, grouped = step_distance(v, np.arange(len(v))), step_distance(v, order)
    assert grouped < 0.25 * shuffled, (shuffled, grouped)


def test_locality_order_of_some_rows_orders_those_rows_only():
    v = blobs()
    rows = np.nonzero(np.arange(len(v)) % 3 == 0)[0]
    order = locality_order(v, rows=rows)
    assert np.array_equal(np.sort(order), rows)
    assert step_distance(v, order) < 0.25 * step_distance(v, rows)


def test_insertion_order_puts_a_random_share_first_and_keeps_the_rest_in_order():
    order = np.random.default_rng(1).permutation(1_000)
    ins = insertion_order(order, random_first=0.3)
    assert np.array_equal(np.sort(ins), np.arange(1_000))
    first, rest = ins[:300], ins[300:]
    position = np.empty(1_000, np.int64)
    position[order] = np.arange(1_000)
    assert np.all(np.diff(position[rest]) > 0), "the rows after the random share keep the locality order"
    assert not np.all(np.diff(position[first]) > 0), "the share in front is not in locality order"


def test_insertion_order_leads_with_a_random_tenth_then_the_rest_of_its_share_in_locality_order():
    order = np.random.default_rng(1).permutation(1_000)
    position = np.empty(1_000, np.int64)
    position[order] = np.arange(1_000)
    ins = insertion_order(order, random_first=0.3, lead=0.1)
    assert np.array_equal(np.sort(ins), np.arange(1_000))
    lead, share = ins[:100], ins[100:300]
    assert not np.all(np.diff(position[lead]) > 0), "the lead is in random order"
    assert np.all(np.diff(position[share]) > 0), "the rest of the share keeps the locality order"
    assert np.all(np.diff(position[ins[300:]]) > 0)
    assert np.array_equal(np.sort(ins[:300]), np.sort(insertion_order(order, random_first=0.3, lead=0.3)[:300])), \
        "the same rows go in front, however many of them lead"


@pytest.mark.parametrize("dtype", ["f32", "i8"])
def test_an_index_built_and_searched_in_locality_order_gives_each_row_its_own_neighbours(dtype):
    """Keys stay row positions whatever the insertion order, and a graph searched in
    locality order is put back in row order: the same rows as searched in row order."""
    v = blobs(4_000)
    order = locality_order(v)
    opts = I.IndexOptions(dtype=dtype, insert_order="locality")
    idx = I.build_index(v, opts, order=order)
    assert len(idx) == len(v)
    keys, dist = I.knn_graph(idx, v, 11, exact_below=0, order=order)
    again, _ = I.knn_graph(idx, v, 11, exact_below=0)
    assert np.array_equal(keys[:, 0], np.arange(len(v)))
    assert np.array_equal(keys, again)
    exact, _ = I.exact_knn(v, np.arange(len(v)), 11)
    hits = np.mean([len(set(a[1:]) & set(b[1:])) / 10 for a, b in zip(keys, exact)])
    assert hits > 0.8, hits     # keys that were not row positions would find ~nothing


def test_an_unknown_insert_order_is_refused_before_the_build():
    from datamap.flows.build_map import check_options
    from datamap.resources.errors import InvalidOption

    with pytest.raises(InvalidOption, match=r"insert_order must be one of row, locality; got 'sorted'"):
        check_options({"index": {"insert_order": "sorted"}}, "ds")


def test_a_batch_dealt_over_threads_gives_each_thread_every_other_chunk():
    """usearch hands thread t the t-th contiguous slice of a batch; ``dealt`` puts chunks
    t, t + threads, … there, each chunk consecutive rows."""
    p = dealt(2_048, 2, chunk=256)
    assert np.array_equal(np.sort(p), np.arange(2_048))
    first, second = p[:1_024], p[1_024:]
    assert np.array_equal(first, np.concatenate([np.arange(c * 256, (c + 1) * 256) for c in (0, 2, 4, 6)]))
    assert np.array_equal(second, np.concatenate([np.arange(c * 256, (c + 1) * 256) for c in (1, 3, 5, 7)]))
    assert np.array_equal(dealt(2_048, 1), np.arange(2_048)), "one thread: the order given"
    assert np.array_equal(dealt(200, 2, chunk=256), np.arange(200)), "one chunk: the order given"


@pytest.mark.parametrize("dtype", ["f32", "i8"])
def test_a_search_dealt_over_threads_answers_each_row_in_the_order_asked(dtype):
    """The batch goes to usearch in another order; each answer comes back to its row."""
    v = blobs(4_000)
    idx = I.build_index(v, I.IndexOptions(dtype=dtype))
    rows = np.random.default_rng(3).permutation(len(v))[:3_000]
    keys, dist = search_dealt(idx, v, rows, 9, threads=2)
    plain = idx.search(np.ascontiguousarray(v[rows]), 9, threads=1)
    assert np.array_equal(keys, np.asarray(plain.keys, np.int64).reshape(len(rows), -1))
    assert np.allclose(dist, np.asarray(plain.distances).reshape(len(rows), -1))
    assert np.mean(keys[:, 0] == rows) > 0.95, "most rows find themselves first"
