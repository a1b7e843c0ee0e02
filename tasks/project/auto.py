"""``method="auto"``: pick a projection by dataset size, and say why.

Thresholds come from bench/projections.py on the Debian MiniLM vectors (bench/out/
projections.json): t-SNE keeps the most of each point's 10 nearest neighbours at every
size we measured (0.45 vs UMAP's 0.26 at 20k rows) but costs ~4× UMAP's CPU there
(~90 CPU-s), and its cost keeps growing with N; past 20k rows UMAP is the affordable one.
Tiny inputs get PCA, which needs no neighbour graph.
"""
from __future__ import annotations

TINY = 50            # fewer rows than this: PCA (a neighbour graph is meaningless)
TSNE_MAX = 20_000    # up to this many rows: t-SNE; above: UMAP


def pick(n: int, dim: int) -> tuple[str, str]:
    """(method, reason) for ``n`` rows of width ``dim``."""
    if n < TINY:
        return "pca", f"{n} rows < {TINY}: too few for a neighbour-graph layout, PCA is exact and instant"
    if dim <= 2:
        return "pca", f"vectors are {dim}-d already: PCA only rotates and scales them"
    if n <= TSNE_MAX:
        return "tsne", (f"{n} rows <= {TSNE_MAX}: t-SNE preserves local neighbourhoods best "
                        "and its cost is small at this size")
    return "umap", (f"{n} rows > {TSNE_MAX}: t-SNE would cost several times UMAP's time at this size "
                    "(bench/projections.py: ~4x at 20k rows), UMAP keeps the build affordable")
