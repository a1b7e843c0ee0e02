"""Quality and time of the big-map shortcuts against the slow path, on real Debian vectors.

    python bench/scale_layout.py [--rows 63666] [--samples 10000,20000] [--out bench/out/scale_layout.json]

* layout: full UMAP (precomputed k-NN from the default index) vs UMAP fitted on a sample
  with the rest placed (tasks/project/sample_fit.py): placement alone, with the placement
  spread, and placement refined by UMAP epochs over the whole k-NN graph (the build's
  default): 10-NN preservation (share of a point's 10 nearest 2-D neighbours that are
  among its 10 nearest latent neighbours, exact cosine), overall and for placed points
  alone. ``method="umap"`` throughout (``auto`` would pick t-SNE up to 20,000 rows).
* index: default settings vs the large-map settings (tasks/index.py LARGE_SETTINGS):
  build and k-NN-graph seconds, recall@10 against exact search.
* dedupe: pairs within the 0.1 cutoff from the k-NN graph of each index vs exact
  all-pairs (precision is 1 by construction: distances are rechecked exactly).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.scale_data import debian, debian_knn10  # noqa: E402


def preservation(xy: np.ndarray, latent_nn: np.ndarray, rows: np.ndarray, k: int = 10) -> float:
    """Mean share of each row's k nearest 2-D neighbours among its k nearest latent ones."""
    from scipy.spatial import cKDTree

    tree = cKDTree(xy)
    _, nn = tree.query(xy[rows], k + 1)
    got = 0.0
    for r, row in zip(rows, nn):
        row = [j for j in row if j != r][:k]
        got += len(set(row) & set(latent_nn[r][:k])) / k
    return got / len(rows)


def pair_set(a, b) -> set:
    return set(zip(np.asarray(a).tolist(), np.asarray(b).tolist()))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=63_666)
    ap.add_argument("--samples", default="3200,10000", help="3,200 = 5 %% of Debian, the 1M default's share")
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "scale_layout.json"))
    ap.add_argument("--map", help="STORE:DATASET: another map's vectors instead of Debian's "
                                  "(e.g. the PyPI sample bench/pypi.py built), to check on a corpus nothing was tuned on")
    ap.add_argument("--skip-index", action="store_true", help="layout only: one default index, no dedupe check")
    a = ap.parse_args()
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from datamap.tasks import dedupe as D
    from datamap.tasks import index as I
    from datamap.tasks.project import umap as P

    if a.map:
        from datamap.resources import open_map

        store, dataset = a.map.rsplit(":", 1)
        vec = np.array(open_map(dataset, store=store).embeddings.latent, np.float32)
        vec /= np.linalg.norm(vec, axis=1, keepdims=True)
    else:
        _, vec = debian()
    n = min(a.rows, len(vec))
    if n == len(vec) and not a.map:
        nn = debian_knn10(vec)
    else:   # a seeded random subset, with its own exact 10-NN
        vec = vec[np.sort(np.random.default_rng(5).choice(len(vec), n, replace=False))]
        nn = np.empty((n, 10), np.int64)
        for s in range(0, n, 4096):
            sim = vec[s:s + 4096] @ vec.T
            sim[np.arange(len(sim)), np.arange(s, s + len(sim))] = -np.inf
            part = np.argpartition(-sim, 10, axis=1)[:, :10]
            nn[s:s + 4096] = np.take_along_axis(part, np.argsort(-np.take_along_axis(sim, part, 1), axis=1), 1)
    rng = np.random.default_rng(0)
    q = rng.choice(n, 2000, replace=False)
    out: dict = {"rows": n, "vectors": a.map or "Debian MiniLM", "load_avg": os.getloadavg(),
                 "index": [], "layout": [], "dedupe": []}

    graphs = {}
    settings = (("default", I.IndexOptions(large_above=10**12)), ("large", I.IndexOptions(large_above=0)))
    for name, opts in settings[:1] if a.skip_index else settings:
        t = time.perf_counter()
        idx = I.build_index(vec, opts)
        tb = time.perf_counter() - t
        t = time.perf_counter()
        g = I.knn_graph(idx, vec, 33)
        tk = time.perf_counter() - t
        rec = float(np.mean([len(set(g[0][r, 1:11]) & set(nn[r])) / 10 for r in q]))
        graphs[name] = (idx, g)
        out["index"].append({"settings": name, "resolved": I.IndexOptions(large_above=0 if name == "large" else 10**12)
                             .resolved(n).__dict__, "build_s": tb, "knn33_s": tk, "recall_at_10": rec})
        print(out["index"][-1], flush=True)

    exact = D.exact_pairs(vec, 0.1) if not a.skip_index else ([], [])
    ex = pair_set(exact[0], exact[1])
    for name, (idx, g) in ({} if a.skip_index else graphs).items():
        t = time.perf_counter()
        a_, b_, d_ = D.near_pairs(vec, g[0], g[1], 0.1, index=idx)
        got = pair_set(a_, b_)
        out["dedupe"].append({"settings": name, "seconds": time.perf_counter() - t, "exact_pairs": len(ex),
                              "pairs": len(got), "recall": len(got & ex) / max(len(ex), 1),
                              "precision": len(got & ex) / max(len(got), 1)})
        print(out["dedupe"][-1], flush=True)

    g = graphs["default"][1]
    t = time.perf_counter()
    xy_full = P.project(vec, P.ProjectionOptions(method="umap", sample_size=0), knn=g)
    out["layout"].append({"method": "full", "seconds": time.perf_counter() - t,
                          "nn10_preservation": preservation(xy_full, nn, q)})
    print(out["layout"][-1], flush=True)
    from datamap.tasks.project import sample_fit as S

    full = out["layout"][0]["nn10_preservation"]
    for size in [int(x) for x in a.samples.split(",") if x]:
        for label, jitter, epochs in (("place", 0.0, 0), ("place", 0.5, 0),
                                      ("place + refine", 0.0, S.REFINE_EPOCHS)):
            t = time.perf_counter()
            xy = P.project(vec, P.ProjectionOptions(method="umap", sample_size=size, place_jitter=jitter,
                                                    refine_epochs=epochs), knn=g)
            secs = time.perf_counter() - t
            placed = S.plan_sample(n, size, 42).rest
            qp = np.intersect1d(q, placed)
            got = preservation(xy, nn, q)
            out["layout"].append({"method": f"sample {size} + {label}", "jitter": jitter, "refine_epochs": epochs,
                                  "seconds": secs, "nn10_preservation": got, "x_full": round(got / full, 3),
                                  "nn10_preservation_placed": preservation(xy, nn, qp)})
            print(out["layout"][-1], flush=True)
    Path(a.out).write_text(json.dumps(out, indent=2))
    print("wrote", a.out)


if __name__ == "__main__":
    main()
