"""Where a placed point's anchors come from: an HNSW search over the sample for every
placed row (``search``) against the whole map's k-NN graph, searching only rows with
fewer than N sample points there (``graphN``); 10-NN preservation (strict, and with ties
counted: bench/compare.py) of the placed layout and after R refinement epochs at
learning rate A (``variant:R[:A[:H[:NSR]]]``, A = sample_fit.REFINE_ALPHA by default), on
5,000 rows. H > 0 first moves every placed point H times to the weighted mean of its
fuzzy-graph neighbours, sample points held fixed (a harmonic start); ``hopR``: the
build's path (``sample_fit.place_from_graph``): graph anchors, then R rounds of placement
from placed graph neighbours, then a search for the rest (``hop0`` = ``graph1``); NSR is the
refinement's negative samples: "build" (the default: ``sample_fit.refine``), an integer
(umap-learn's epochs at that unweighted rate), "Nw" (our epochs, N samples weighted to sum
to five). All three were tried and not taken (docs/scale.md, 2026-12-03 night and
2026-12-05 midday). One sample fit is shared by all variants. ``pca:R:A`` skips the sample fit and the
placement: R epochs over the whole graph from umap-learn's PCA start, i.e. umap-learn's
full fit (``init="pca"``) on the build's own graph.

    .venv/bin/python bench/placement_anchors.py STORE DATASET search:60,graph1:60,graph1:40 50000 OUT.json
    .venv/bin/python bench/placement_anchors.py ../shared/data/debian-packages-minilm.npy debian \
        search:60,graph1:60,graph1:40,graph1:0 4000 OUT.json     # vectors: graph from build_index

Results: bench/out/placement_anchors_{pypi,debian}.json (PyPI: the fast-mode store of
``bench/pypi.py --mode fast``); docs/scale.md.
"""
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402
from machine import facts as machine_facts  # noqa: E402
from datamap.resources.reader import open_map
from datamap.resources.store import Store
from datamap.resources import schema
from datamap.tasks.project import sample_fit as S
from datamap.tasks.project import umap as U
if len(sys.argv) < 4:
    sys.exit(__doc__)
store, dataset = sys.argv[1], sys.argv[2]
variants = sys.argv[3].split(",")
if store.endswith(".npy"):
    from datamap.tasks import index as I
    v = np.load(store).astype(np.float32); v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    n = len(v)
    # the 1M graph takes ~5 min: kept in the bench folder, never beside the (shared, read-only) vectors
    cached = Path(os.environ.get("DATAMAP_BENCH_DIR", "/tmp")) / "placement_anchors" / (Path(store).stem + ".knn33.npz")
    cached.parent.mkdir(parents=True, exist_ok=True)
    if cached.exists():
        z = np.load(cached); knn = (z["i"], z["d"])
    else:
        knn = I.knn_graph(I.build_index(v), v, 33)
        np.savez(cached, i=knn[0], d=knn[1])
else:
    m = open_map(dataset, store=Store(store))
    v = np.array(m.embeddings.latent, dtype=np.float32); v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    n = len(v)
    knn = (np.load(m.local_file(schema.KNN_IDX)), np.load(m.local_file(schema.KNN_DIST)))
print("knn", knn[0].shape, flush=True)
q = np.sort(np.random.default_rng(1).choice(n, 5000, replace=False))
t = time.time(); tr = compare.truth(v, q); print("truth", round(time.time()-t,1), flush=True)
size = int(sys.argv[4]) if len(sys.argv) > 4 else S.SAMPLE_SIZE
plan = S.plan_sample(n, size, 42)
t = time.time(); sidx, sknn = S.sample_knn(v, plan.sample, 16); t_sk = time.time()-t
opts = U.ProjectionOptions(method="umap", sample_size=0)
t = time.time(); xy_s = U.project(v[plan.sample], opts, knn=sknn); t_fit = time.time()-t
print(f"sample knn {t_sk:.1f} fit {t_fit:.1f}", flush=True)
def pres(xy): return round(compare.preservation(xy, q, tr["nn"]), 4), round(compare.preservation_ties(xy, q, v, tr["kth"]), 4)
out = {"n": n, "sample": size, "sample_knn_s": t_sk, "sample_fit_s": t_fit, "machine": machine_facts()}
def pca_start(v):
    """umap-learn's init="pca": the top two principal directions, scaled to ±10."""
    c = v - v.mean(axis=0)
    w, vec = np.linalg.eigh(c.T @ c)
    xy = (c @ vec[:, -2:][:, ::-1]).astype(np.float32)
    return xy * (10.0 / np.abs(xy).max())


def harmonic(xy, fixed, iterations):
    """Each non-fixed point to the weighted mean of its fuzzy-graph neighbours, repeated."""
    w = S.fuzzy_graph(knn, 15, np.random.RandomState(42)).tocsr()
    deg = np.maximum(np.asarray(w.sum(axis=1)).ravel(), 1e-12)[:, None]
    xy = xy.astype(np.float64)
    for _ in range(iterations):
        xy[~fixed] = ((w @ xy) / deg)[~fixed]
    return xy.astype(np.float32)


def refine(xy, ep, alpha, nsr):
    """sample_fit.refine (``nsr`` "build"); our epochs with N negative samples weighted to sum
    to five ("Nw"); or umap-learn's own call with an unweighted negative sample rate (an
    integer)."""
    if nsr == "build":
        return S.refine(xy, knn, 15, 0.1, ep, seed=42, alpha=alpha)
    if nsr.endswith("w"):       # the same weighted variant as bench/refine_kernel.py's
        from refine_kernel import ours
        return ours(xy, knn, ep, alpha, 42, negatives=int(nsr[:-1]))
    nsr = int(nsr)
    from umap.umap_ import find_ab_params, simplicial_set_embedding
    rs = np.random.RandomState(42)
    a, b = find_ab_params(1.0, 0.1)
    out, _ = simplicial_set_embedding(None, S.fuzzy_graph(knn, 15, rs), 2, alpha, a, b, 1.0, nsr, ep,
                                      xy, rs, "cosine", {}, False, {}, False, parallel=True)
    return out


def key(spec):
    """A variant run again (to see the run-to-run spread) is kept as spec#2, spec#3, …"""
    return spec if spec not in out else f"{spec}#{sum(k.split('#')[0] == spec for k in out) + 1}"


for spec in variants:
    parts = spec.split(":")
    var, ep = parts[0], int(parts[1]) if len(parts) > 1 else S.REFINE_EPOCHS
    alpha = float(parts[2]) if len(parts) > 2 else S.REFINE_ALPHA
    smooth = int(parts[3]) if len(parts) > 3 else 0
    nsr = parts[4] if len(parts) > 4 else "build"
    t = time.time()
    if var == "pca":   # no sample fit, no placement: umap-learn's full fit on this graph
        xy = pca_start(v); t_anchor = time.time() - t
        t = time.time(); xr = S.refine(xy, knn, 15, 0.1, ep, seed=42, alpha=alpha); t_ref = time.time() - t
        out[key(spec)] = r = {"start_s": round(t_anchor, 1), "refined_pres_strict_ties": pres(xr), "refine_s": round(t_ref, 1)}
        print(spec, r, flush=True)
        continue
    if var.startswith("hop"):   # the build's path: graph anchors, R rounds from placed neighbours, then search
        S.HOP_ROUNDS = int(var[len("hop"):])
        xy, info = S.place_from_graph(xy_s, plan, n, knn, sidx, v, 0.0, 42)
        t_anchor = time.time() - t
        p0 = pres(xy)
        t = time.time(); xr = refine(xy, ep, alpha, nsr); t_ref = time.time() - t
        out[key(spec)] = r = {"place_s": round(t_anchor, 1), **info, "placed_pres_strict_ties": p0,
                         "refined_pres_strict_ties": pres(xr), "refine_s": round(t_ref, 1)}
        print(spec, r, flush=True)
        continue
    if var == "search":
        nb_i, nb_d = S.nearest_in_sample(sidx, v, plan.rest, plan.sample, S.PLACE_SEARCH_K); searched = len(plan.rest)
    else:
        mf = int(var[len("graph"):])
        nb_i, nb_d = S.anchors_from_graph(knn, plan.rest, plan.sample, n, S.PLACE_SEARCH_K)
        need = np.nonzero((nb_i >= 0).sum(axis=1) < mf)[0]; searched = len(need)
        if len(need): nb_i[need], nb_d[need] = S.nearest_in_sample(sidx, v, plan.rest[need], plan.sample, S.PLACE_SEARCH_K)
    t_anchor = time.time()-t
    found = (nb_i >= 0).sum(axis=1)
    xy = S.place_rest(xy_s, plan, n, nb_i, nb_d, jitter=0.0, seed=42)
    if smooth:
        fixed = np.zeros(n, bool); fixed[plan.sample] = True
        xy = harmonic(xy, fixed, smooth)
    p0 = pres(xy)
    t = time.time(); xr = refine(xy, ep, alpha, nsr); t_ref = time.time()-t
    p1 = pres(xr)
    r = {"anchor_s": round(t_anchor,1), "searched": int(searched), "anchors_hist": np.bincount(found, minlength=9).tolist(),
         "placed_pres_strict_ties": p0, "refined_pres_strict_ties": p1, "refine_s": round(t_ref,1)}
    out[key(spec)] = r; print(spec, r, flush=True)
json.dump(out, open(sys.argv[5] if len(sys.argv) > 5 else "/tmp/ix/anchors_eval.json", "w"), indent=1)

