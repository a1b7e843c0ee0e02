"""UMAP on the index's graph: umap-learn's seeded fit (spectral start, one thread) against
``tasks.project.umap._fit_on_graph`` (PCA start, epochs on every core), side by side.

Why: from ``EXACT_KNN_ROWS`` rows the k-NN graph comes from the multi-threaded HNSW index
and differs a little between runs, so the seed cannot make the layout repeat; umap-learn
still ran the epochs on one thread for it. Both variants get the same graph (one index
built twice per corpus, as two builds of one table would) and run alternately; reported:
seconds, 10-NN preservation (2,000 query rows against exact cosine search) and how alike
the two builds' layouts are (correlation of x with x and y with y: does a rebuild come
out mirrored, turned or rearranged).

    python bench/umap_threads.py --pypi-store /tmp/pypi-v4/store-quality-784692 --out bench/out/umap_threads.json
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


def old_fit(x: np.ndarray, knn, k: int, seed: int) -> np.ndarray:
    """What ``project`` ran before: ``umap.UMAP`` seeded, the graph passed in."""
    import warnings

    import umap

    r = umap.UMAP(n_neighbors=k, min_dist=0.1, metric="cosine", n_components=2, random_state=seed,
                  init="spectral", low_memory=True, precomputed_knn=(knn[0][:, :k], knn[1][:, :k]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return r.fit_transform(x)


def preservation(xy: np.ndarray, x: np.ndarray, q: np.ndarray, k: int = 10) -> float:
    """Share of each query row's k nearest (cosine, exact) that are among its k nearest in 2-D."""
    xn = x / np.linalg.norm(x, axis=1, keepdims=True)
    xy = np.asarray(xy, dtype=np.float64)
    sq = (xy ** 2).sum(1)
    kept = []
    for i in range(0, len(q), 200):
        b = q[i:i + 200]
        sim = xn[b] @ xn.T
        sim[np.arange(len(b)), b] = -np.inf
        true = np.argpartition(-sim, k, axis=1)[:, :k]
        d2 = sq[b][:, None] + sq[None, :] - 2 * xy[b] @ xy.T
        d2[np.arange(len(b)), b] = np.inf
        got = np.argpartition(d2, k, axis=1)[:, :k]
        kept += [len(set(t) & set(g)) / k for t, g in zip(true, got)]
    return float(np.mean(kept))


def corr(p: np.ndarray, r: np.ndarray) -> list[float]:
    return [round(float(np.corrcoef(p[:, i], r[:, i])[0, 1]), 3) for i in (0, 1)]


def run(name: str, x: np.ndarray) -> dict:
    """Each variant on two HNSW graphs of the same rows (two builds of one table)."""
    from datamap.tasks.index import build_index, knn_graph
    from datamap.tasks.project.umap import ProjectionOptions, _fit_on_graph, ensure_numba_cache

    ensure_numba_cache()
    graphs = [knn_graph(build_index(x), x, 33) for _ in range(2)]
    q = np.random.default_rng(2).choice(len(x), 2000, replace=False)
    opts = ProjectionOptions()
    _fit_on_graph(x[:12_000], knn_graph(build_index(x[:12_000]), x[:12_000], 33), 15, opts)   # compile
    old_fit(x[:3000], knn_graph(build_index(x[:3000]), x[:3000], 33), 15, 42)
    out: dict = {"rows": len(x), "old": [], "new": []}
    xys: dict[str, list] = {"old": [], "new": []}
    for knn in graphs:
        for variant in ("old", "new"):
            t = time.perf_counter()
            xy = old_fit(x, knn, 15, 42) if variant == "old" else _fit_on_graph(x, knn, 15, opts)
            s = time.perf_counter() - t
            out[variant].append({"s": round(s, 1), "nn10": round(preservation(xy, x, q), 4)})
            xys[variant].append(xy)
            print(name, variant, out[variant][-1], flush=True)
    for v in ("old", "new"):
        out[f"{v}_two_builds_corr_xy"] = corr(*xys[v])
        out[f"{v}_median_s"] = float(np.median([r["s"] for r in out[v]]))
        out[f"{v}_mean_nn10"] = round(float(np.mean([r["nn10"] for r in out[v]])), 4)
    out["speedup"] = round(out["old_median_s"] / out["new_median_s"], 2)
    print(name, {k: v for k, v in out.items() if k not in ("old", "new")}, flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pypi-store", help="store with a built 'pypi' map: a 100,000-row sample of its vectors")
    ap.add_argument("--out", default="bench/out/umap_threads.json")
    a = ap.parse_args()
    import topic_stability

    res = {"cpus": os.cpu_count(), "cpu": cpu_model(), "load_avg_start": list(os.getloadavg()), "corpora": {}}
    res["corpora"]["debian"] = run("debian", topic_stability.debian()[0].astype(np.float32))
    if a.pypi_store:
        res["corpora"]["pypi"] = run("pypi", topic_stability.pypi(a.pypi_store, 100_000))
    res["load_avg_end"] = list(os.getloadavg())
    Path(a.out).write_text(json.dumps(res, indent=1) + "\n")


if __name__ == "__main__":
    main()
