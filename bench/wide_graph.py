"""A UMAP layout asking more neighbours (48) than the index stage keeps (32): umap-learn's
own NN-descent over every row (the path before 916be06) against one more search of the
build's index (``flows.stages.refresh_plan.layout_graph``), each run twice, alternating,
in one process. 10-NN preservation (strict and ties counted, bench/compare.py) on 2,000
rows against exact search.

    .venv/bin/python bench/wide_graph.py --corpus pypi --rows 60000     # quality-mode vectors
    .venv/bin/python bench/wide_graph.py --corpus debian                # the shared MiniLM vectors

Writes bench/out/wide_graph_<corpus>.json.
"""
import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import compare  # noqa: E402
from scale_data import SHARED  # noqa: E402

from datamap.tasks import index as I  # noqa: E402
from datamap.tasks.project import umap as P  # noqa: E402


def vectors(corpus: str, rows: int | None) -> np.ndarray:
    if corpus == "debian":
        v = np.load(SHARED / "debian-packages-minilm.npy").astype(np.float32)
        return v[:rows] if rows else v
    import polars as pl

    from datamap.tasks.embed.encode import EmbedOptions, load_embedder

    texts = pl.read_parquet(SHARED / "pypi-summaries.parquet", columns=["text"]).sample(n=rows or 60000, seed=3)
    return np.asarray(load_embedder(EmbedOptions(mode="quality")).encode(texts["text"].to_list()), np.float32)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", choices=("pypi", "debian"), default="pypi")
    ap.add_argument("--rows", type=int)
    ap.add_argument("--n-neighbors", type=int, default=48)
    a = ap.parse_args()
    t = time.time()
    v = vectors(a.corpus, a.rows)
    v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    out = {"corpus": a.corpus, "rows": len(v), "n_neighbors": a.n_neighbors, "vectors_s": round(time.time() - t, 1)}
    q = np.sort(np.random.default_rng(1).choice(len(v), 2000, replace=False))
    tr = compare.truth(v, q)
    idx = I.build_index(v)
    narrow = I.knn_graph(idx, v, 33)                  # what the index stage keeps
    opts = P.ProjectionOptions(method="umap", n_neighbors=a.n_neighbors)
    for name in ("nndescent", "widened", "nndescent_2", "widened_2"):
        t = time.time()
        g = narrow if name.startswith("nndescent") else I.knn_graph(idx, v, a.n_neighbors + 1)
        xy = P.project(v, opts, knn=g)
        out[name] = {"s": round(time.time() - t, 1), "pres": round(compare.preservation(xy, q, tr["nn"]), 4),
                     "pres_ties": round(compare.preservation_ties(xy, q, v, tr["kth"]), 4)}
        print(name, out[name], flush=True)
    path = REPO / "bench" / "out" / f"wide_graph_{a.corpus}.json"
    path.write_text(json.dumps(out, indent=1))
    print("wrote", path)


if __name__ == "__main__":
    main()
