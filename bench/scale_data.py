"""Inputs for the scale benchmarks: real Debian rows, or synthetic clustered rows built
from them for sizes above the corpus (63,666 rows).

Synthetic row j: a random Debian row i and one of its 10 nearest MiniLM neighbours i',
vector = normalise(v_i + t (v_i' − v_i) + noise) with t ~ U(0, 0.5) and per-dimension
Gaussian noise σ = 0.01 (‖noise‖ ≈ 0.2), text and section of row i. So points fill the
real manifold between neighbouring packages instead of being 16 tight copies of each
row: not trivially separable, still with Debian's clusters, and `section` stays a real
label for NMI. Deterministic for (n, seed).

    python bench/scale_data.py --size 1000000 --out /tmp/debian-1m.parquet
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("DATAMAP_SHARED_DATA", REPO.parent / "shared" / "data"))
NOISE = 0.01
CACHE = REPO / "bench" / "out" / "cache"


def debian():
    import polars as pl

    df = pl.read_parquet(SHARED / "debian-packages.parquet", columns=["id", "text", "section"])
    vec = np.load(SHARED / "debian-packages-minilm.npy").astype(np.float32)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True)
    return df, vec


def debian_knn10(vec: np.ndarray) -> np.ndarray:
    """Exact 10 nearest neighbours of every Debian row (cached: ~1 min once)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / "debian-knn10.npy"
    if path.exists():
        return np.load(path)
    out = np.empty((len(vec), 10), np.int64)
    for s in range(0, len(vec), 4096):
        sim = vec[s:s + 4096] @ vec.T
        sim[np.arange(len(sim)), np.arange(s, s + len(sim))] = -np.inf
        part = np.argpartition(-sim, 10, axis=1)[:, :10]
        order = np.argsort(-np.take_along_axis(sim, part, 1), axis=1)
        out[s:s + 4096] = np.take_along_axis(part, order, 1)
    np.save(path, out)
    return out


def make(n: int, seed: int = 0):
    """(polars df with id, text, section, base; float32 unit vectors (n, 384))."""
    import polars as pl

    df, vec = debian()
    if n <= df.height:
        rows = np.sort(np.random.default_rng(seed).choice(df.height, n, replace=False)) if n < df.height \
            else np.arange(df.height)
        out = df[rows].with_columns(pl.Series("base", rows))
        return out, vec[rows]
    knn = debian_knn10(vec)
    rng = np.random.default_rng(seed)
    base = rng.integers(0, df.height, n)
    other = knn[base, rng.integers(0, 10, n)]
    v = np.empty((n, vec.shape[1]), np.float32)
    for s in range(0, n, 100_000):
        b, o = base[s:s + 100_000], other[s:s + 100_000]
        t = rng.uniform(0, 0.5, (len(b), 1)).astype(np.float32)
        x = vec[b] + t * (vec[o] - vec[b]) + rng.normal(0, NOISE, (len(b), vec.shape[1])).astype(np.float32)
        v[s:s + 100_000] = x / np.linalg.norm(x, axis=1, keepdims=True)
    sub = df[base]
    ids = pl.Series("id", [f"s{j:07d}" for j in range(n)])
    out = pl.DataFrame({"id": ids, "text": sub["text"], "section": sub["section"], "base": base})
    return out, v


def write_input(n: int, path: str, seed: int = 0) -> tuple[str, str]:
    """Parquet table (id, text, section) + aligned .npy vectors for a BYO build."""
    df, v = make(n, seed)
    df.drop("base").write_parquet(path)
    npy = os.path.splitext(path)[0] + ".npy"
    np.save(npy, v)
    return path, npy


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    print(write_input(a.size, a.out))
