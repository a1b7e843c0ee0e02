"""Big-map layouts on a built map's own k-NN graph: the sample fit (UMAP on 50,000 rows,
the rest placed, then refined over the whole graph: the default above 200k rows) against
one UMAP fit over the whole graph from a PCA start with N epochs, side by side in one
process.

Why: the sample path was chosen when a whole-graph fit meant umap-learn's seeded fit (one
thread, a spectral start that never finished at 1M rows). Since the fit over the index's
graph starts from PCA and runs on both cores (``tasks.project.umap._fit_on_graph``), a
whole-graph fit with fewer epochs might replace it. Each variant gets the same vectors and
graph (the map's stored ``knn_idx``/``knn_dist``); reported: seconds, 10-NN preservation on
``--queries`` rows against exact cosine search over all rows (``bench/compare.py``'s
``truth``/``preservation``), and the tie-aware reading (``preservation_ties``: on a corpus
of repeated texts the strict one counts a point amid its identical copies as a miss).

Finding (bench/out/layout_big.json): 60 whole-graph epochs beat the sample path on the 1M
synthetic set (0.427 vs 0.385, 218 vs 306 s) but lose on the 784,692 real PyPI summaries
(0.051 vs 0.064; ties 0.078 vs 0.092), so the default stays the sample path.

    python bench/layout_big.py --map /tmp/cmp/1000000/store:cmp --map /tmp/pypi-v4/store-quality-784692:pypi
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import cpu_model  # noqa: E402  (bench/machine.py)

OUT = Path(__file__).resolve().parent / "out"


def load(spec: str):
    """(unit vectors in memory, (knn indices, distances)) of ``STORE:DATASET``."""
    from datamap.resources import schema
    from datamap.resources.reader import open_map

    store, dataset = spec.rsplit(":", 1)
    m = open_map(dataset, store=store)
    v = np.array(m.embeddings.latent, dtype=np.float32)     # a writable copy
    v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    knn = (np.load(m.local_file(schema.KNN_IDX)), np.load(m.local_file(schema.KNN_DIST)))
    return v, knn


def variant(name: str, v: np.ndarray, knn) -> np.ndarray:
    """``sample``: the sample path (50,000 fitted, placed, ``REFINE_EPOCHS`` over the
    graph); ``graph-N``: one fit over the whole graph, PCA start, N epochs."""
    from datamap.tasks.project import umap as P

    if name == "sample":
        opts = P.ProjectionOptions(method="umap", sample_size=50_000)
    else:
        opts = P.ProjectionOptions(method="umap", sample_size=0, n_epochs=int(name.split("-")[1]))
    return P.project(v, opts, knn=knn)


def run(spec: str, variants: list[str], queries: int) -> dict:
    import compare as C

    from datamap.tasks.project.umap import ensure_numba_cache

    t0 = time.perf_counter()
    v, knn = load(spec)
    q = np.sort(np.random.default_rng(1).choice(len(v), min(queries, len(v)), replace=False))
    truth = C.truth(v, q)
    out = {"rows": len(v), "graph_k": int(knn[0].shape[1]), "queries": int(len(q)),
           "prepare_s": round(time.perf_counter() - t0, 1), "variants": {}}
    ensure_numba_cache()
    for name in variants:
        t = time.perf_counter()
        xy = variant(name, v, knn)
        secs = time.perf_counter() - t
        out["variants"][name] = {"seconds": round(secs, 1), "nn10_preservation": round(C.preservation(xy, q, truth["nn"]), 4),
                                 "nn10_preservation_ties": round(C.preservation_ties(xy, q, v, truth["kth"]), 4),
                                 "load_avg": [round(x, 2) for x in os.getloadavg()[:2]]}
        print(spec, name, json.dumps(out["variants"][name]), flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--map", action="append", required=True, help="STORE:DATASET of a built map (repeatable)")
    ap.add_argument("--variants", default="sample,graph-60")
    ap.add_argument("--queries", type=int, default=3000)
    ap.add_argument("--out", default=str(OUT / "layout_big.json"))
    a = ap.parse_args()
    res = {"command": "python bench/layout_big.py " + " ".join(sys.argv[1:]), "cpus": os.cpu_count(), "cpu": cpu_model(), "maps": {}}
    for spec in a.map:
        res["maps"][spec] = run(spec, a.variants.split(","), a.queries)
        Path(a.out).write_text(json.dumps(res, indent=1))
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
