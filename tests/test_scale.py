"""Big-map shortcuts on small real data: the UMAP-on-a-sample path and its placement,
and the large-map index settings. No timing here: speed lives in bench/compare.py and
bench/scale_layout.py."""
from __future__ import annotations

import json

import numpy as np
import pyarrow.parquet as pq
import pytest

from datamap.resources import schema
from datamap.tasks import index as I
from datamap.tasks.project import sample_fit as S
from datamap.tasks.project import umap as P


@pytest.fixture(scope="module")
def real4k(debian, debian_vectors):
    """4,000 real rows: (unit vectors, sections, exact 10-NN in latent space)."""
    rows = np.sort(np.random.default_rng(7).choice(len(debian_vectors), 4000, replace=False))
    v = np.asarray(debian_vectors[rows], np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    sim = v @ v.T
    np.fill_diagonal(sim, -np.inf)
    nn = np.argsort(-sim, axis=1)[:, :10]
    return v, debian["section"].to_numpy()[rows], nn


def _preservation(xy, nn, rows):
    from scipy.spatial import cKDTree

    _, got = cKDTree(xy).query(xy[rows], 11)
    return float(np.mean([len(set(g[g != r][:10]) & set(nn[r])) / 10 for r, g in zip(rows, got)]))


def test_sample_size_thresholds():
    assert S.sample_size_for(10_000) == 10_000
    assert S.sample_size_for(S.SAMPLE_ABOVE) == S.SAMPLE_ABOVE
    assert S.sample_size_for(S.SAMPLE_ABOVE + 1) == S.SAMPLE_SIZE
    assert S.sample_size_for(1_000_000, requested=0) == 1_000_000      # 0: always the full fit
    assert S.sample_size_for(5_000, requested=1_000) == 1_000
    assert S.sample_size_for(5_000, requested=9_000) == 5_000


def test_plan_sample_partitions_rows_deterministically():
    a, b = S.plan_sample(5_000, 700, seed=3), S.plan_sample(5_000, 700, seed=3)
    assert np.array_equal(a.sample, b.sample)
    assert len(a.sample) == 700 and len(a.rest) == 4_300
    assert np.array_equal(np.union1d(a.sample, a.rest), np.arange(5_000))
    assert not np.array_equal(a.sample, S.plan_sample(5_000, 700, seed=4).sample)


def test_placed_point_goes_to_median_of_its_nearest_sample_points(real4k):
    v, _, _ = real4k
    n = len(v)
    plan = S.plan_sample(n, 1_000, seed=0)
    xy_s = np.random.default_rng(0).uniform(0, 1, (1_000, 2)).astype(np.float32)
    idx, _ = S.sample_knn(v, plan.sample, 6)
    nb_i, nb_d = S.nearest_in_sample(idx, v, plan.rest, plan.sample, S.PLACE_SEARCH_K)
    assert np.isin(nb_i, plan.sample).all()
    # the index's nearest sample point is (almost always) an exact nearest one: compared
    # by similarity, since identical vectors (Debian has some) tie and either is right
    sim = v[plan.rest] @ v[plan.sample].T
    found = np.einsum("ij,ij->i", v[plan.rest], v[nb_i[:, 0]])
    assert np.mean(found >= sim.max(axis=1) - 1e-5) > 0.95
    xy = S.place_rest(xy_s, plan, n, nb_i, nb_d, k=5, jitter=0.0)
    assert np.array_equal(xy[plan.sample], xy_s)
    pos = {r: i for i, r in enumerate(plan.sample)}
    for j in (0, 17, 999, len(plan.rest) - 1):
        want = np.median(xy_s[[pos[r] for r in nb_i[j, :5]]], axis=0)
        assert np.allclose(xy[plan.rest[j]], want)


def test_anchors_read_off_the_graph_are_the_nearest_sample_points(real4k):
    """A sample point in a row's exact K-NN list is one of its nearest sample points: the
    anchors taken from the graph must be exactly the exact search's first ones, in order;
    rows with none there may go to the sample's index, whose nearest is the exact one."""
    v, _, _ = real4k
    n = len(v)
    plan = S.plan_sample(n, 400, seed=0)            # 10 %: some rows have no sample point among 16
    knn = I.exact_knn(v, np.arange(n), 17)
    nb_i, nb_d = S.anchors_from_graph(knn, plan.rest, plan.sample, n, S.PLACE_SEARCH_K)
    found = (nb_i >= 0).sum(axis=1)
    assert 0 < (found == 0).sum() < len(plan.rest) and found.max() > 1
    ex_i, ex_d = S.nearest_in_sample_exact(v, plan.rest, plan.sample, S.PLACE_SEARCH_K)
    for j in np.nonzero(found)[0]:
        m = found[j]
        assert np.allclose(nb_d[j, :m], ex_d[j, :m], atol=1e-5)    # the same nearest, in order
        differ = nb_i[j, :m] != ex_i[j, :m]                        # only where identical vectors tie
        assert np.isin(nb_i[j, :m], plan.sample).all()
        assert np.allclose(1 - v[nb_i[j, :m][differ]] @ v[plan.rest[j]], nb_d[j, :m][differ], atol=1e-5)
        assert (nb_i[j, m:] == -1).all() and np.isinf(nb_d[j, m:]).all()
    idx, _ = S.sample_knn(v, plan.sample, 6)
    searched = found == 0          # what place_from_graph searches for when hops do not reach
    got_i, _ = S.nearest_in_sample(idx, v, plan.rest[searched], plan.sample, S.PLACE_SEARCH_K)
    assert np.isin(got_i, plan.sample).all()                         # full rows of sample points
    assert np.mean(got_i[:, 0] == ex_i[searched, 0]) > 0.95


def test_big_map_placement_reads_anchors_off_the_graph(debian_vectors):
    """The build's big-map path (at least ``EXACT_KNN_ROWS`` rows, the index's graph given)
    places from the graph's anchors: without refinement its placed rows keep more of
    their neighbourhood than placement from searched anchors (no graph given), and far
    more than chance."""
    n = I.EXACT_KNN_ROWS + 2_000
    rows = np.sort(np.random.default_rng(11).choice(len(debian_vectors), n, replace=False))
    v = np.asarray(debian_vectors[rows], np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    knn = I.knn_graph(I.build_index(v), v, 33)
    opts = P.ProjectionOptions(method="umap", sample_size=800, refine_epochs=0, n_epochs=100)
    from_graph = P.project(v, opts, knn=knn)
    searched = P.project(v, opts)
    plan = S.plan_sample(n, 800, opts.seed)
    q = np.intersect1d(np.random.default_rng(2).choice(n, 1_500, replace=False), plan.rest)
    sim = v[q] @ v.T
    sim[np.arange(len(q)), q] = -np.inf
    nn = np.full((n, 10), -1)
    nn[q] = np.argsort(-sim, axis=1)[:, :10]
    got, base = _preservation(from_graph, nn, q), _preservation(searched, nn, q)
    shuffled = from_graph.copy()
    shuffled[plan.rest] = from_graph[np.random.default_rng(3).permutation(plan.rest)]
    # graph anchors place better (here 0.105 vs 0.087; Debian 63k 0.142 vs 0.105, PyPI
    # 785k 0.061 vs 0.052: bench/placement_anchors.py), so a path that ignored the graph fails
    assert got > 1.05 * base and got > 4 * _preservation(shuffled, nn, q)


def test_rows_without_a_sample_neighbour_are_placed_from_placed_neighbours(debian_vectors, monkeypatch):
    """Rows with no sample point among their graph neighbours go to the median of their
    neighbours placed before them (``place_from_graph``), not to a search of the sample:
    most of them need no search, they keep about as much neighbourhood as searched
    anchors give them and far more than chance, and the rows placed from sample
    neighbours are placed as before."""
    n = I.EXACT_KNN_ROWS + 2_000
    rows = np.sort(np.random.default_rng(12).choice(len(debian_vectors), n, replace=False))
    v = np.asarray(debian_vectors[rows], np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    knn = I.knn_graph(I.build_index(v), v, 33)
    plan = S.plan_sample(n, 600, 42)
    sidx, sknn = S.sample_knn(v, plan.sample, 16)
    xy_s = P.project(v[plan.sample], P.ProjectionOptions(method="umap", sample_size=0, n_epochs=100), knn=sknn)
    hopped, info = S.place_from_graph(xy_s, plan, n, knn, sidx, v)
    monkeypatch.setattr(S, "HOP_ROUNDS", 0)
    searched, info0 = S.place_from_graph(xy_s, plan, n, knn, sidx, v)
    lonely = plan.rest[S.anchors_from_graph(knn, plan.rest, plan.sample, n, S.PLACE_SEARCH_K)[0][:, 0] < 0]
    assert info0["searched"] == len(lonely) > 300 and info0["from_placed_neighbours"] == []
    assert sum(info["from_placed_neighbours"]) > 0.9 * len(lonely) and info["searched"] < 0.1 * len(lonely)
    others = np.setdiff1d(np.arange(n), lonely)
    assert np.array_equal(hopped[others], searched[others])
    sim = v[lonely] @ v.T
    sim[np.arange(len(lonely)), lonely] = -np.inf
    nn = np.full((n, 10), -1)
    nn[lonely] = np.argsort(-sim, axis=1)[:, :10]
    shuffled = hopped.copy()
    shuffled[lonely] = hopped[np.random.default_rng(3).permutation(lonely)]
    got = _preservation(hopped, nn, lonely)
    assert got > 0.9 * _preservation(searched, nn, lonely) and got > 4 * _preservation(shuffled, nn, lonely)


def test_big_map_layout_records_how_its_rows_were_placed(debian_vectors):
    """Above EXACT_KNN_ROWS with the map's graph, the layout's record says how many rows
    each placement rule placed (``place_from_graph``): the counts cover every placed row,
    and most came from sample points among their graph neighbours, not from a search."""
    from datamap.tasks.project import layout

    n = I.EXACT_KNN_ROWS + 1_000
    v = np.asarray(debian_vectors[:n], np.float32)
    knn = I.knn_graph(I.build_index(v), v, 33)
    opts = P.ProjectionOptions(method="umap", sample_size=800, n_epochs=30, refine_epochs=2)
    got = layout(v, opts, knn=knn)
    sample = got.info["sample"]
    placement = sample["placement"]
    assert sample["placed"] == n - 800 == (placement["from_sample_neighbours"]
                                           + sum(placement["from_placed_neighbours"]) + placement["searched"])
    assert placement["from_sample_neighbours"] > placement["searched"]
    assert got.xy.shape == (n, 2) and np.isfinite(got.xy).all()


def test_sample_layout_keeps_neighbourhoods(real4k):
    """UMAP on 1,000 of 4,000 real rows + placement keeps far more true neighbours than a
    placement that ignores them, and placed points keep about as many as fitted ones."""
    v, section, nn = real4k
    n = len(v)
    xy = P.project(v, P.ProjectionOptions(method="umap", sample_size=1_000, n_epochs=100))
    lo, hi = schema.BOX
    assert xy.shape == (n, 2) and np.isfinite(xy).all()
    assert (xy >= lo).all() and (xy <= hi).all()
    plan = S.plan_sample(n, 1_000, 42)
    q = np.random.default_rng(1).choice(n, 600, replace=False)
    placed_q = np.intersect1d(q, plan.rest)
    fitted_q = np.intersect1d(q, plan.sample)
    got_placed = _preservation(xy, nn, placed_q)
    shuffled = xy.copy()
    shuffled[plan.rest] = xy[np.random.default_rng(2).permutation(plan.rest)]
    assert got_placed > 4 * _preservation(shuffled, nn, placed_q)
    assert got_placed > 0.5 * _preservation(xy, nn, fitted_q)
    # a placed point's nearest fitted point in 2-D shares its Debian section more often than not
    from scipy.spatial import cKDTree

    _, near = cKDTree(xy[plan.sample]).query(xy[placed_q], 1)
    same = np.mean(section[plan.sample[near]] == section[placed_q])
    base = np.mean(section[plan.sample[np.random.default_rng(3).integers(0, 1_000, len(placed_q))]]
                   == section[placed_q])
    assert same > 2 * base


def test_refinement_brings_placed_points_next_to_their_neighbours(real4k):
    """Placement puts a point by its cluster, not by its own neighbours; a few epochs of
    UMAP's optimisation over the whole map's k-NN graph (``sample_fit.refine``) must bring
    placed points much closer to them, to near what UMAP's full fit keeps, and the same
    start and seed must give the same layout. The build's path (``project`` given the
    graph) must refine; without the graph it cannot."""
    v, _, nn = real4k
    n = len(v)
    knn = I.exact_knn(v, np.arange(n), 16)
    opts = P.ProjectionOptions(method="umap", sample_size=500, n_epochs=100)
    placed = P.project(v, P.ProjectionOptions(**{**opts.__dict__, "refine_epochs": 0}), knn=knn)
    assert np.array_equal(placed, P.project(v, opts))    # no graph: placement only, and the same each run
    refined = S.refine(placed, knn, 15, 0.1, S.REFINE_EPOCHS, seed=42)
    assert np.array_equal(refined, S.refine(placed, knn, 15, 0.1, S.REFINE_EPOCHS, seed=42))
    assert np.array_equal(S.refine(placed, knn, 15, 0.1, 0), placed)
    plan = S.plan_sample(n, 500, 42)
    q = np.intersect1d(np.random.default_rng(1).choice(n, 800, replace=False), plan.rest)
    before, after = _preservation(placed, nn, q), _preservation(refined, nn, q)
    full = _preservation(P.project(v, P.ProjectionOptions(method="umap", sample_size=0, n_epochs=200), knn=knn), nn, q)
    assert after > 1.3 * before
    assert after > 0.8 * full
    built = P.project(v, opts, knn=knn)            # the build's path: place, then refine
    assert np.array_equal(built, P.project(v, opts, knn=knn))   # a small map comes out the same twice
    lo, hi = schema.BOX
    assert built.shape == (n, 2) and np.isfinite(built).all()
    assert (built >= lo).all() and (built <= hi).all()
    assert _preservation(built, nn, q) > 1.3 * before
    # UMAP's own schedule asked for (refine_alpha, refine_epochs): it reaches the refinement
    full_schedule = P.project(v, P.ProjectionOptions(**{**opts.__dict__, "refine_epochs": 200, "refine_alpha": 1.0}),
                              knn=knn)
    assert not np.allclose(full_schedule, built)
    assert _preservation(full_schedule, nn, q) > 1.3 * before


def test_a_placed_start_reaches_umap_without_repeated_rows(real4k):
    """Placed points sharing a median are repeated rows; umap-learn separates them with a
    KD-tree over the whole start when it finds any (``np.unique`` over rows, its own
    check). ``separate_coincident`` leaves it none to find, moves every point by far less
    than the spacing of its neighbours, and leaves a start without repeats as it was."""
    v, _, _ = real4k
    n = len(v)
    knn = I.exact_knn(v, np.arange(n), 16)
    opts = P.ProjectionOptions(method="umap", sample_size=500, n_epochs=100, refine_epochs=0)
    placed = P.project(v, opts, knn=knn)
    assert np.unique(placed, axis=0).shape[0] < n            # the placed start repeats rows
    start = S.separate_coincident(placed, knn, np.random.RandomState(0))
    assert np.unique(start, axis=0).shape[0] == n            # umap-learn's own test: no KD-tree
    moved = np.linalg.norm(start - placed, axis=1)
    spacing = np.linalg.norm(placed - placed[knn[0][:, 1]], axis=1)
    assert moved.max() < 0.01 * spacing[spacing > 0].mean()
    assert np.array_equal(S.separate_coincident(start, knn, np.random.RandomState(0)), start)


def test_spread_moves_points_only_a_little(real4k):
    v, _, _ = real4k
    n = len(v)
    plan = S.plan_sample(n, 1_000, seed=0)
    xy_s = np.random.default_rng(0).uniform(0, 1, (1_000, 2)).astype(np.float32)
    idx, _ = S.sample_knn(v, plan.sample, 6)
    nb_i, nb_d = S.nearest_in_sample(idx, v, plan.rest, plan.sample, S.PLACE_SEARCH_K)
    a = S.place_rest(xy_s, plan, n, nb_i, nb_d, jitter=0.0)
    b = S.place_rest(xy_s, plan, n, nb_i, nb_d, jitter=0.5)
    assert np.array_equal(a[plan.sample], b[plan.sample])
    moved = np.linalg.norm(b[plan.rest] - a[plan.rest], axis=1)
    reach = np.linalg.norm(a[plan.rest] - a[nb_i[:, 0]], axis=1)
    assert (moved > 0).mean() > 0.99
    ok = reach > 0
    assert (moved[ok] <= 0.5 * reach[ok] + 1e-6).all()
    # stacked points (same median) are pulled apart
    assert len(np.unique(b[plan.rest], axis=0)) > len(np.unique(a[plan.rest], axis=0))


def test_large_index_settings_resolve_by_size_and_keep_recall(real4k):
    o = I.IndexOptions().resolved(10)
    assert (o.dtype, o.connectivity) == ("f32", None)
    big = I.IndexOptions().resolved(I.LARGE_INDEX_ROWS)
    assert big.dtype == I.LARGE_SETTINGS["dtype"] and big.connectivity == I.LARGE_SETTINGS["connectivity"]
    assert I.IndexOptions(dtype="f16", connectivity=20).resolved(10**7).dtype == "f16"
    assert I.IndexOptions(connectivity=20).resolved(10**7).connectivity == 20
    v, _, nn = real4k
    idx = I.build_index(v, I.IndexOptions(large_above=0))
    keys, dist = I.knn_graph(idx, v, 11, exact_below=0)   # the HNSW graph, not the exact one
    assert idx.dtype.name.lower().startswith("i8") or "i8" in str(idx.dtype).lower()
    assert (keys[:, 0] == np.arange(len(v))).all()
    recall = np.mean([len(set(keys[r, 1:]) & set(nn[r])) / 10 for r in range(len(v))])
    assert recall > 0.85


def test_small_maps_get_an_exact_knn_graph_the_same_in_every_process(real4k):
    """Below EXACT_KNN_ROWS the graph is exact and does not depend on the HNSW index, whose
    multi-threaded build differs run to run: two indexes, the same graph; identical rows
    come out self first, then by position (a refresh's topic vote reads this order)."""
    v = real4k[0].copy()
    v[10:14] = v[10]                       # four identical rows
    g1 = I.knn_graph(I.build_index(v), v, 11)
    from usearch.index import Index

    other = Index(ndim=v.shape[1], metric="cos")             # the same keys, inserted in reverse
    other.add(np.arange(len(v))[::-1].copy(), v[::-1].copy(), threads=2)
    g2 = I.knn_graph(other, v, 11)
    assert np.array_equal(g1[0], g2[0]) and np.array_equal(g1[1], g2[1])
    keys, dist = g1
    assert (keys[:, 0] == np.arange(len(v))).all()
    assert list(keys[12, :4]) == [12, 10, 11, 13] and np.allclose(dist[12, :4], 0.0, atol=1e-6)
    # against a brute force of its own (float64), wherever the 10th and 11th are no tie
    u = v.astype(np.float64)
    d = 1 - u @ u.T
    np.fill_diagonal(d, np.inf)
    ref = np.argsort(d, axis=1, kind="stable")[:, :11]
    gap = np.take_along_axis(d, ref[:, 10:11], 1)[:, 0] - np.take_along_axis(d, ref[:, 9:10], 1)[:, 0]
    clear = np.nonzero(gap > 1e-9)[0]
    assert len(clear) > 3800        # Debian has many word-for-word identical descriptions
    assert all(set(keys[r, 1:]) == set(ref[r, :10]) for r in clear)
    rows = np.array([3, 12, 3999])
    k2, d2 = I.search_rows(I.build_index(v), v, rows, 11, len(v))
    assert np.array_equal(k2, keys[rows]) and np.allclose(d2, dist[rows], atol=1e-6)


def test_umap_wider_than_the_graph_gets_an_exact_graph_not_its_pairwise_path(real4k):
    """n_neighbors above the build's 33-column graph (or no graph) on a small map: UMAP
    gets the exact graph it asked for, so the layout is the one the full exact graph
    gives, not umap-learn's own small-data path (all pairs through a Python callable)."""
    v = real4k[0][:600]
    opts = P.ProjectionOptions(method="umap", n_neighbors=40, n_epochs=60)
    narrow = I.exact_knn(v, np.arange(len(v)), 33)           # what a build hands over
    wide = I.exact_knn(v, np.arange(len(v)), 40)
    assert np.array_equal(P.project(v, opts, knn=narrow), P.project(v, opts, knn=wide))
    assert np.array_equal(P.project(v, opts), P.project(v, opts, knn=wide))


def test_a_small_fit_hides_umaps_two_expected_notices_and_shows_any_other_warning(real4k, monkeypatch):
    """A seeded small-map fit on our graph always raises two notices (one thread; no
    NN-descent index behind the graph): those stay quiet. Anything else umap-learn warns
    about (here: its spectral start failing, made to happen) reaches the caller."""
    import warnings

    import umap.umap_ as umap_module

    v = real4k[0][:500]
    opts = P.ProjectionOptions(method="umap", n_epochs=30)
    knn = I.exact_knn(v, np.arange(len(v)), 33)
    with warnings.catch_warnings(record=True) as quiet:
        warnings.simplefilter("always")
        P.project(v, opts, knn=knn)
    assert not [w for w in quiet if w.category is UserWarning], [str(w.message) for w in quiet]
    real = umap_module.spectral_layout

    def failing_start(*args, **kwargs):
        warnings.warn("Spectral initialisation failed! Falling back to random initialisation!", UserWarning)
        return real(*args, **kwargs)

    monkeypatch.setattr(umap_module, "spectral_layout", failing_start)
    with pytest.warns(UserWarning, match="Spectral initialisation failed"):
        P.project(v, opts, knn=knn)


def test_build_with_sampled_layout(debian_2k_path, tmp_store):
    """The flow takes the sample path from the projection options; the layout covers
    every row and the version publishes as usual."""
    from datamap.flows.build_map import build_map

    res = build_map(source=debian_2k_path, dataset="scale", store=tmp_store,
                    options={"text_field": "text", "id_field": "id", "embedding_field": "embedding",
                             "projection": {"method": "umap", "sample_size": 500, "n_epochs": 50,
                                            "place_jitter": 0.5},
                             "topics": None, "dedupe": None, "tiles": None})
    from datamap.resources import open_map

    m = open_map("scale", store=tmp_store)
    proj = m.read_parquet(schema.PROJECTION)
    assert proj.num_rows == res["rows"] == 2000
    xy = np.column_stack([proj.column(schema.X).to_numpy(), proj.column(schema.Y).to_numpy()])
    assert np.isfinite(xy).all() and len(np.unique(xy, axis=0)) > 1900
    assert m.manifest["build"]["params"]["projection"]["sample_size"] == 500
    # the sampled path ran, with its refinement over the build's own k-NN graph
    sample = m.manifest["projection"]["sample"]
    placement = sample.pop("placement")
    assert sample == {"fitted": 500, "placed": 1500, "refine_epochs": S.REFINE_EPOCHS, "refine_alpha": S.REFINE_ALPHA}
    # under EXACT_KNN_ROWS every placed row comes from an exact search of the sample
    assert placement == {"from_sample_neighbours": 0, "from_placed_neighbours": [], "searched": 1500}


def test_umap_kernels_without_a_cache_of_their_own_are_kept_between_processes():
    """umap-learn compiles smooth_knn_dist and compute_membership_strengths (every fit) and
    its layout epochs without numba's on-disk cache: 13-17 s of every build's UMAP here.
    After ``ensure_numba_cache`` a fit leaves them in the kept cache folder (the tests'
    NUMBA_CACHE_DIR; a fresh one would first compile all of pynndescent, ~40 s), and the
    next process loads them from it instead of compiling."""
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent("""
        import json, numpy as np
        from datamap.tasks.project.umap import ensure_numba_cache
        ensure_numba_cache()
        import umap, umap.layouts as L, umap.umap_ as U
        x = np.random.default_rng(0).normal(size=(200, 8)).astype(np.float32)
        umap.UMAP(n_neighbors=8, n_epochs=20, random_state=0).fit(x)
        kernels = (U.smooth_knn_dist, U.compute_membership_strengths, L._nb_optimize_layout_euclidean_single_epoch)
        print(json.dumps([sum(k.stats.cache_hits.values()) for k in kernels]))
    """)
    hits = []
    for _ in range(2):     # the first compiles them if the folder lacks them, and writes them
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stderr[-2000:]
        hits.append(json.loads(r.stdout.strip().splitlines()[-1]))
    assert all(h >= 1 for h in hits[1]), hits   # the second read all three from the folder


def test_no_two_cached_umap_kernels_share_a_function():
    """numba keys a cache entry by the Python function and the signature, not by the
    compile flags. umap-learn compiles its layout epoch twice, serial and parallel; with
    caching on for both, the parallel one loaded the serial kernel from the folder and
    the big-map refinement ran on one core (785k PyPI rows: 533 s). After
    ``ensure_numba_cache`` at most one dispatcher of a function caches it: the serial one,
    which small fits in fresh processes need."""
    from collections import Counter

    from numba.core.caching import NullCache
    from numba.core.dispatcher import Dispatcher

    from datamap.tasks.project.umap import UNCACHED_KERNEL_MODULES, ensure_numba_cache

    ensure_numba_cache()
    import importlib

    import umap.layouts as L

    kernels = list({id(o): o for m in UNCACHED_KERNEL_MODULES for o in vars(importlib.import_module(m)).values()
                    if isinstance(o, Dispatcher)}.values())
    wrappers = Counter(id(k.py_func) for k in kernels)
    assert wrappers[id(L._nb_optimize_layout_euclidean_single_epoch_parallel.py_func)] == 2   # still umap's shape
    cached = Counter(id(k.py_func) for k in kernels if not isinstance(k._cache, NullCache))
    mixed = sorted({k.py_func.__qualname__ for k in kernels if cached[id(k.py_func)] > 1})
    assert mixed == []
    assert isinstance(L._nb_optimize_layout_euclidean_single_epoch_parallel._cache, NullCache)
    assert not isinstance(L._nb_optimize_layout_euclidean_single_epoch._cache, NullCache)   # serial: kept


def test_a_fit_on_the_index_graph_keeps_umaps_quality_and_a_rebuilds_orientation(debian_vectors):
    """From ``EXACT_KNN_ROWS`` rows the graph comes from the multi-threaded HNSW index, so
    ``project`` runs UMAP from a PCA start with its epochs on every core (``_fit_on_graph``)
    instead of umap-learn's seeded one-thread fit. It must keep the 10-NN that fit keeps,
    and a second build (another HNSW graph of the same rows) must come out alike, not
    mirrored, turned or rearranged (the seeded fit's failed spectral start did that)."""
    import umap

    n = I.EXACT_KNN_ROWS + 2_000
    v = np.asarray(debian_vectors[np.random.default_rng(11).choice(len(debian_vectors), n, replace=False)],
                   np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    knn = [I.knn_graph(I.build_index(v), v, 33) for _ in range(2)]
    assert P._from_index(knn[0], 15, P.ProjectionOptions())
    opts = P.ProjectionOptions(method="umap", sample_size=0)
    a, b = (P.project(v, opts, knn=g) for g in knn)
    lo, hi = schema.BOX
    assert np.isfinite(a).all() and (a >= lo).all() and (a <= hi).all()
    assert min(np.corrcoef(a[:, i], b[:, i])[0, 1] for i in (0, 1)) > 0.8
    seeded = umap.UMAP(n_neighbors=15, min_dist=0.1, metric="cosine", random_state=42, low_memory=True,
                       precomputed_knn=(knn[0][0][:, :15], knn[0][1][:, :15])).fit_transform(v)
    q = np.random.default_rng(1).choice(n, 1_000, replace=False)
    sim = v[q] @ v.T
    sim[np.arange(len(q)), q] = -np.inf
    nn = np.zeros((n, 10), np.int64)
    nn[q] = np.argsort(-sim, axis=1)[:, :10]
    assert _preservation(a, nn, q) >= 0.9 * _preservation(seeded, nn, q)


def test_a_layout_asking_more_neighbours_than_the_stage_keeps_gets_a_wider_graph(tmp_path, debian_vectors):
    """``n_neighbors`` above the index stage's ``KNN_K``: the project stage searches its
    index again with that many columns (self first, the true neighbours) instead of
    handing UMAP a graph too narrow, which umap-learn would replace by its own NN-descent
    over every row; a layout that fits in the stored graph, or one that uses none, reads
    the stored graph as it is."""
    from datamap.flows.stages.index import KNN_K
    from datamap.flows.stages.refresh_plan import layout_graph

    n = I.EXACT_KNN_ROWS + 500                     # the HNSW path, as in a big build
    rows = np.sort(np.random.default_rng(5).choice(len(debian_vectors), n, replace=False))
    v = np.asarray(debian_vectors[rows], np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    index = I.build_index(v)
    I.save_index(index, str(tmp_path / schema.WORK_INDEX))
    stored = I.knn_graph(index, v, KNN_K + 1)
    np.save(tmp_path / schema.WORK_KNN_IDX, stored[0])
    np.save(tmp_path / schema.WORK_KNN_DIST, stored[1])

    wide = layout_graph(str(tmp_path), v, P.ProjectionOptions(method="umap", n_neighbors=KNN_K + 8))
    assert wide[0].shape == wide[1].shape == (n, KNN_K + 9)
    assert (wide[0][:, 0] == np.arange(n)).all() and np.all(np.diff(wide[1], axis=1) >= -1e-6)
    q = np.random.default_rng(3).choice(n, 300, replace=False)
    exact = I.exact_knn(v, q, KNN_K + 9)[0]
    recall = np.mean([len(set(a[1:]) & set(b[1:])) / (KNN_K + 8) for a, b in zip(wide[0][q], exact)])
    assert recall > 0.9, recall
    for opts in (P.ProjectionOptions(method="umap", n_neighbors=KNN_K), P.ProjectionOptions(method="pca", n_neighbors=60)):
        same = layout_graph(str(tmp_path), v, opts)
        assert np.array_equal(same[0], stored[0]) and np.array_equal(same[1], stored[1])
