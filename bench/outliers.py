"""Outlier scores and "find more like this tag" on the whole Debian corpus (63,666 rows,
the precomputed MiniLM vectors): cost and quality.

- outliers: the usearch index and 33-NN graph exactly as the build makes them (timed
  apart), then each scoring method on that graph; quality as the ranks of 30 planted
  off-topic paragraphs (tests/planted.py) among the 63,696 points.
- suggest: for several sections, tag a random half and ask for 100 suggestions;
  precision@100 against the other half for the classifier (resources/tag_suggest.py)
  and for a centroid-similarity baseline, with the seconds each took.

    .venv/bin/python bench/outliers.py [--sections python,doc,...] [--out bench/out/outliers.json]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

import numpy as np
import polars as pl

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [REPO, os.path.join(REPO, "tests")]
from machine import facts as machine_facts  # noqa: E402  (bench/machine.py)
SHARED = os.environ.get("DATAMAP_SHARED_DATA", os.path.join(os.path.dirname(REPO), "shared", "data"))


def outliers_bench(vectors: np.ndarray, n_debian: int) -> dict:
    from datamap.flows.build_map import KNN_K
    from datamap.tasks import index as I
    from datamap.tasks import outliers as O

    n = len(vectors)
    planted = np.arange(n_debian, n)
    t0 = time.perf_counter()
    idx = I.build_index(vectors, I.IndexOptions())
    t1 = time.perf_counter()
    keys, dist = I.knn_graph(idx, vectors, KNN_K + 1)
    t2 = time.perf_counter()
    out = {"rows": n, "planted": int(len(planted)), "index_seconds": t1 - t0, "knn_graph_seconds": t2 - t1,
           "methods": {}}
    for method in O.METHODS:
        for k in (10, 20, 32):
            ts = time.perf_counter()
            s = O.outlier_scores(keys, dist, O.OutlierOptions(method=method, n_neighbors=k))
            r = O.ranks(s)
            secs = time.perf_counter() - ts
            pr = r[planted]
            out["methods"][f"{method}@k{k}"] = {
                "seconds": secs, "precision_at_30": float((pr <= len(planted)).mean()),
                "median_rank": float(np.median(pr)), "top_1pct": float((pr <= n / 100).mean()),
                "finite": bool(np.isfinite(s).all())}
            print(f"{method:>13} k={k:2d}: {secs * 1000:7.1f} ms  P@30 {(pr <= 30).mean():.2f}  "
                  f"median rank {np.median(pr):7.0f} / {n}  in top 1% {(pr <= n / 100).mean():.2f}", flush=True)
    rnd = np.random.default_rng(0).permutation(n)[:len(planted)] + 1
    out["random"] = {"precision_at_30": float((rnd <= len(planted)).mean()), "median_rank": float(np.median(rnd))}
    return out


def suggest_bench(vectors: np.ndarray, sections: np.ndarray, names: list[str]) -> dict:
    from datamap.resources.tag_suggest import centroid_suggest, fit_tag_model, score_rows, top_k

    rng = np.random.default_rng(0)
    out = {}
    for s in names:
        rows = np.nonzero(sections == s)[0]
        perm = rng.permutation(rows)
        tag, held = perm[:len(rows) // 2], set(perm[len(rows) // 2:].tolist())
        t0 = time.perf_counter()
        model, untagged = fit_tag_model(vectors, tag)
        t1 = time.perf_counter()
        sc = score_rows(model, vectors, untagged)
        best = untagged[top_k(sc, 100)]
        t2 = time.perf_counter()
        base = centroid_suggest(vectors, tag, 100)
        t3 = time.perf_counter()
        p = float(np.mean([b in held for b in best]))
        pb = float(np.mean([b in held for b in base]))
        rnd = len(held) / len(untagged)
        out[s] = {"rows": int(len(rows)), "tagged": int(len(tag)), "precision_at_100": p,
                  "centroid_precision_at_100": pb, "random_precision": rnd,
                  "fit_seconds": t1 - t0, "score_seconds": t2 - t1, "centroid_seconds": t3 - t2}
        print(f"{s:>10} ({len(rows):5d} rows): classifier P@100 {p:.2f}  centroid {pb:.2f}  random {rnd:.3f}  "
              f"fit {t1 - t0:.2f} s + score {t2 - t1:.2f} s", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sections", default="python,perl,doc,libs,libdevel,devel,games,net,utils,science,sound")
    ap.add_argument("--out", default=os.path.join(REPO, "bench", "out", "outliers.json"))
    args = ap.parse_args()
    from planted import embed_minilm, planted_texts

    deb = pl.read_parquet(os.path.join(SHARED, "debian-packages.parquet"))
    vec = np.load(os.path.join(SHARED, "debian-packages-minilm.npy")).astype(np.float32)
    pt = planted_texts(30)
    pv = embed_minilm([t for _, t in pt])
    allv = np.ascontiguousarray(np.vstack([vec, pv]), dtype=np.float32)
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} (2 cores shared: timings are pessimistic)", flush=True)
    res = {"machine": {**machine_facts(), "load_average_at_start": load[0]},
           "outliers": outliers_bench(allv, len(vec)),
           "suggest": suggest_bench(vec, deb["section"].to_numpy(), args.sections.split(","))}
    res["machine"]["load_average_at_end"] = os.getloadavg()[0]
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(res, f, indent=2)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
