"""Time and neighbourhood preservation of each projection method on the Debian vectors.

    python bench/projections.py [--rows 20000] [--methods umap,tsne,pca]

For each method, on the same ``--rows`` random rows of the shared MiniLM vectors:
wall and CPU seconds of ``tasks.projectors.layout`` (the production path; UMAP gets the
exact 32-NN graph the way the flow hands it the index's graph), 10-NN preservation (share
of each point's 10 nearest neighbours by cosine in 384-d that are also among its 10
nearest on the map) and the share of its 10 map neighbours in the same Debian section.
Writes bench/out/projections.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from machine import cpu_model  # noqa: E402  (bench/machine.py)
SHARED = os.environ.get("DATAMAP_SHARED_DATA", os.path.join(os.path.dirname(ROOT), "shared", "data"))


def exact_knn(x: np.ndarray, k: int, chunk: int = 2048) -> tuple[np.ndarray, np.ndarray]:
    """(indices, cosine distances) of the k nearest rows, self first."""
    xn = x / np.linalg.norm(x, axis=1, keepdims=True)
    idx = np.empty((len(x), k), np.int64)
    dist = np.empty((len(x), k), np.float32)
    for s in range(0, len(x), chunk):
        sim = xn[s:s + chunk] @ xn.T
        part = np.argpartition(-sim, k, axis=1)[:, :k]
        ps = np.take_along_axis(sim, part, axis=1)
        o = np.argsort(-ps, axis=1)
        idx[s:s + chunk] = np.take_along_axis(part, o, axis=1)
        dist[s:s + chunk] = 1 - np.take_along_axis(ps, o, axis=1)
    return idx, dist


def map_knn(xy: np.ndarray, k: int) -> np.ndarray:
    from scipy.spatial import cKDTree

    _, idx = cKDTree(xy).query(xy, k=k + 1)
    return idx[:, 1:]


def preservation(hi: np.ndarray, lo: np.ndarray) -> float:
    """Mean share of the high-dimensional 10-NN found among the map's 10-NN."""
    return float(np.mean([len(set(a) & set(b)) / len(a) for a, b in zip(hi, lo)]))


def same_label(nb: np.ndarray, labels: np.ndarray) -> float:
    return float((labels[nb] == labels[:, None]).mean())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--methods", default="umap,tsne,pca")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "out", "projections.json"))
    a = ap.parse_args()
    import pyarrow.parquet as pq

    from datamap.tasks.project import layout
    from datamap.tasks.project.umap import ProjectionOptions

    vec = np.load(os.path.join(SHARED, "debian-packages-minilm.npy"), mmap_mode="r")
    rows = np.sort(np.random.default_rng(a.seed).choice(len(vec), a.rows, replace=False))
    x = np.asarray(vec[rows], dtype=np.float32)
    section = pq.read_table(os.path.join(SHARED, "debian-packages.parquet"), columns=["section"]) \
        .column("section").to_numpy(zero_copy_only=False)[rows]
    t0 = time.perf_counter()
    knn_idx, knn_dist = exact_knn(x, 33)
    knn_s = time.perf_counter() - t0
    hi10 = knn_idx[:, 1:11]
    rng = np.random.default_rng(1)
    rand = rng.integers(0, len(x), size=(len(x), 10))
    out = {"rows": a.rows, "seed": a.seed, "dim": int(x.shape[1]), "host": platform.node(),
           "cpus": os.cpu_count(), "cpu": cpu_model(), "load_before": os.getloadavg(), "exact_knn_seconds": round(knn_s, 2),
           "random_baseline": {"knn10_preserved": preservation(hi10, rand),
                               "same_section_10": same_label(rand, section)},
           "latent_same_section_10": same_label(hi10, section), "methods": {}}
    for m in a.methods.split(","):
        c0, w0 = time.process_time(), time.perf_counter()
        lay = layout(x, ProjectionOptions(method=m), knn=(knn_idx, knn_dist))
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        lo10 = map_knn(lay.xy, 10)
        out["methods"][m] = {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                             "knn10_preserved": round(preservation(hi10, lo10), 4),
                             "same_section_10": round(same_label(lo10, section), 4),
                             "load_after": os.getloadavg()}
        print(m, out["methods"][m], flush=True)
        os.makedirs(os.path.dirname(a.out), exist_ok=True)
        with open(a.out, "w") as f:
            json.dump(out, f, indent=2)


if __name__ == "__main__":
    main()
