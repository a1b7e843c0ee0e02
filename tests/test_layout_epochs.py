"""Our UMAP epochs (``tasks.project.epochs``) against umap-learn's own optimisation."""
from __future__ import annotations

import numpy as np
import pytest

from datamap.tasks import index as I
from datamap.tasks.project import epochs as E
from datamap.tasks.project import sample_fit as S
from datamap.tasks.project.umap import ensure_numba_cache


@pytest.fixture(scope="module")
def graph3k(debian_vectors):
    """3,000 real Debian rows: their fuzzy graph, exact 10-NN, UMAP's curve and a random start."""
    ensure_numba_cache()
    from umap.umap_ import find_ab_params

    rows = np.sort(np.random.default_rng(11).choice(len(debian_vectors), 3000, replace=False))
    v = np.asarray(debian_vectors[rows], np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    knn = I.exact_knn(v, np.arange(len(v)), 16)
    sim = v @ v.T
    np.fill_diagonal(sim, -np.inf)
    nn = np.argsort(-sim, axis=1)[:, :10]
    graph = S.fuzzy_graph(knn, 15, np.random.RandomState(0))
    start = np.random.default_rng(5).uniform(-10, 10, (len(v), 2)).astype(np.float32)
    return graph, nn, find_ab_params(1.0, 0.1), start


def _kept(xy, nn):
    from scipy.spatial import cKDTree

    _, got = cKDTree(xy).query(xy, 11)
    return float(np.mean([len(set(g[g != r][:10]) & set(nn[r])) / 10 for r, g in enumerate(got)]))


def test_our_epochs_keep_what_umap_learns_keep(graph3k):
    """From the same random start over the same graph, our epochs must lay the rows out as
    well as umap-learn's ``simplicial_set_embedding`` does (10-NN kept within a few
    hundredths), and must actually optimise: far above the start's."""
    from umap.umap_ import simplicial_set_embedding

    graph, nn, (a, b), start = graph3k
    theirs, _ = simplicial_set_embedding(None, graph.copy(), 2, 1.0, a, b, 1.0, 5, 200, start.copy(),
                                         np.random.RandomState(3), "cosine", {}, False, {}, False)
    ours = E.optimize(start, graph, 200, a, b, 1.0, seed=3, parallel=False)
    assert ours.dtype == np.float32 and ours.shape == start.shape and np.isfinite(ours).all()
    assert _kept(start, nn) < 0.02
    assert _kept(ours, nn) > _kept(theirs, nn) - 0.03
    assert _kept(ours, nn) > 0.2


def test_the_negative_sample_rate_and_its_weight_reach_the_epochs(graph3k):
    """umap-learn's ``negative_sample_rate`` and ``gamma``: one unweighted negative sample
    per edge (a fifth of the repulsion) must lay real rows out clearly worse than five,
    and the same one sample weighted 5 must recover most of it, without beating five."""
    graph, nn, (a, b), start = graph3k
    five = _kept(E.optimize(start, graph, 200, a, b, 1.0, seed=3, parallel=False), nn)
    plain = _kept(E.optimize(start, graph, 200, a, b, 1.0, seed=3, parallel=False, negative_sample_rate=1), nn)
    weighted = _kept(E.optimize(start, graph, 200, a, b, 1.0, seed=3, parallel=False, negative_sample_rate=1,
                                gamma=5.0), nn)
    assert plain < five - 0.05
    assert plain + 0.03 < weighted < five + 0.01


def test_one_thread_and_a_seed_give_the_same_layout(graph3k):
    graph, _, (a, b), start = graph3k
    one = E.optimize(start, graph, 30, a, b, 1.0, seed=9, parallel=False)
    assert np.array_equal(one, E.optimize(start, graph, 30, a, b, 1.0, seed=9, parallel=False))
    assert not np.array_equal(one, E.optimize(start, graph, 30, a, b, 1.0, seed=10, parallel=False))
    both = E.optimize(start, graph, 30, a, b, 1.0, seed=9, parallel=True)     # lock-free: close, not equal
    assert np.isfinite(both).all() and both.min() > -50 and both.max() < 60


def test_the_spatial_order_is_only_how_the_epochs_run(graph3k, monkeypatch):
    """Run in the start's Z-order (big maps), the epochs must lay the rows out as well as
    in row order, each row handed back in its own place: the same layout left in the
    start's Z-order keeps much less of the true 10-NN."""
    graph, nn, (a, b), start = graph3k
    rows = _kept(E.optimize(start, graph, 200, a, b, 1.0, seed=3, parallel=False), nn)
    monkeypatch.setattr(E, "SPATIAL_ORDER_ROWS", 0)
    z = E.optimize(start, graph, 200, a, b, 1.0, seed=3, parallel=False)
    assert z.dtype == np.float32 and z.shape == start.shape
    assert abs(_kept(z, nn) - rows) < 0.03
    assert _kept(z[E.spatial_order(start)], nn) < rows / 2


def test_renumbered_edges_join_the_same_points(graph3k):
    """The Z-order's CSR holds every edge once, between the same two points, with its
    own sampling interval; heads in the order asked."""
    graph, _, _, start = graph3k
    starts, tail, every = E.edges_for(graph, 60)
    order = E.spatial_order(start)
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order))
    s2, t2, e2 = E._renumbered(starts, tail, every, order, rank)
    head = np.repeat(np.arange(len(order)), np.diff(starts))
    head2 = order[np.repeat(np.arange(len(order)), np.diff(s2))]
    before = sorted(zip(head.tolist(), tail.tolist(), np.float32(every).tolist()))
    after = sorted(zip(head2.tolist(), order[t2].tolist(), e2.tolist()))
    assert before == after
    xy = start[order]
    step = np.linalg.norm(np.diff(xy, axis=0), axis=1).mean()
    assert step < 0.25 * np.linalg.norm(np.diff(start, axis=0), axis=1).mean()   # near in the plane


def test_zero_epochs_only_scale_the_start_as_umap_learn_does(graph3k):
    graph, _, (a, b), start = graph3k
    out = E.optimize(start, graph, 0, a, b, 1.0, seed=1)
    assert np.allclose(out.min(axis=0), 0) and np.allclose(out.max(axis=0), 10)
    assert np.allclose(out, 10 * (start - start.min(axis=0)) / np.ptp(start, axis=0), atol=1e-5)


def test_edges_are_kept_and_sampled_as_umap_learn_prepares_them(graph3k):
    """Edges weaker than 1/epochs of the strongest are dropped; the strongest is sampled
    every epoch, one of half its weight every other."""
    graph, _, _, _ = graph3k
    g = graph.tocoo()
    before = graph.data.copy()
    starts, tail, every = E.edges_for(graph, 60)
    assert len(starts) == graph.shape[0] + 1 and starts[0] == 0 and starts[-1] == len(tail)
    head = np.repeat(np.arange(graph.shape[0]), np.diff(starts))
    w = np.asarray(graph[head, tail]).ravel()
    assert len(head) == int((g.data >= g.data.max() / 60).sum())
    assert np.allclose(every, w.max() / w)
    assert every.min() == 1.0
    assert np.array_equal(graph.data, before)       # the caller's graph is not pruned in place


def test_fast_pow_is_within_its_stated_error():
    """``fast_pow`` against float64 ``**`` over the whole float32 range the epochs meet
    (squared 2-D distances from 1e-30 to 1e6) and UMAP's curve exponents; zero stays finite."""
    import numba

    from datamap.tasks.project.fast_pow import fast_pow

    @numba.njit(fastmath=True)
    def each(x, b):
        out = np.empty_like(x)
        for i in range(len(x)):
            out[i] = fast_pow(x[i], b)
        return out

    x = np.concatenate([np.geomspace(1e-30, 1e6, 100_000),
                        np.random.default_rng(0).uniform(0, 100, 100_000)]).astype(np.float32)
    x = x[x > 0]
    for b in (0.5, 0.79, 0.8951, 1.0):
        got = each(x, np.float32(b)).astype(np.float64)
        assert np.max(np.abs(got / x.astype(np.float64) ** b - 1)) < 2e-5, b
    zero = each(np.zeros(1, np.float32), np.float32(0.8951))
    assert np.isfinite(zero).all() and 0 <= zero[0] < 1e-30
