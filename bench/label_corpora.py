"""The two shared corpora the label benchmark runs on, with their vectors.

- Debian: 63,666 package descriptions with the shipped MiniLM vectors (torch, float16).
- PyPI: a fixed-seed 50,000-row sample of the 784,692 one-line summaries, embedded once
  with the project's default embedder (quality mode) and cached under bench/out/cache/
  (keyed by the sample's texts and the model id, so a changed sample is re-embedded).

    python bench/label_corpora.py pypi     # embed the PyPI sample now (~5 min on 2 cores)
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("DATAMAP_SHARED_DATA", REPO.parent / "shared" / "data"))
CACHE = REPO / "bench" / "out" / "cache"
PYPI_N = 50_000
PYPI_SEED = 17


def debian() -> tuple[list[str], np.ndarray]:
    """All Debian descriptions and their shipped vectors (float32, unit length)."""
    import pyarrow.parquet as pq

    docs = pq.read_table(SHARED / "debian-packages.parquet", columns=["text"]).column("text").to_pylist()
    vecs = np.load(SHARED / "debian-packages-minilm.npy").astype(np.float32)
    return [d or "" for d in docs], vecs


def pypi_texts(n: int = PYPI_N, seed: int = PYPI_SEED) -> list[str]:
    """The fixed PyPI sample, in the order of its rows in the shared file."""
    import pyarrow.parquet as pq

    t = pq.read_table(SHARED / "pypi-summaries.parquet")
    col = "summary" if "summary" in t.column_names else "text"
    rows = np.sort(np.random.default_rng(seed).choice(t.num_rows, n, replace=False))
    return [s or "" for s in t.column(col).take(rows).to_pylist()]


def embedder():
    """The default embedder of a build (bundled MiniLM, quality mode)."""
    from datamap.tasks.embed.encode import EmbedOptions, load_embedder

    return load_embedder(EmbedOptions(mode="quality"))


def pypi(emb=None) -> tuple[list[str], np.ndarray]:
    """The PyPI sample and its vectors, embedded once and cached as .npy."""
    docs = pypi_texts()
    emb = emb or embedder()
    h = hashlib.sha256(("\x00".join(docs) + emb.model_id).encode()).hexdigest()[:16]
    path = CACHE / f"pypi-{len(docs)}-{h}.npy"
    if path.exists():
        return docs, np.load(path)
    CACHE.mkdir(parents=True, exist_ok=True)
    from datamap.tasks.embed.encode import EmbedOptions, embed_texts

    vecs = embed_texts(docs, emb, None, EmbedOptions()).vectors.astype(np.float32)
    np.save(path, vecs)
    return docs, vecs


def load(name: str, emb=None) -> tuple[list[str], np.ndarray]:
    if name == "debian":
        return debian()
    if name == "pypi":
        return pypi(emb)
    raise SystemExit(f"unknown corpus {name!r}: debian | pypi")


if __name__ == "__main__":
    for name in sys.argv[1:] or ["pypi"]:
        d, v = load(name)
        print(name, len(d), v.shape)
