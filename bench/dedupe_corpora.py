"""The two real corpora the dedupe benchmarks and labels use, with their vectors.

- Debian: 63,666 package descriptions with the shipped MiniLM vectors (torch, float16).
- PyPI: a fixed-seed 50,000-row sample of the 784,692 one-line summaries (seed 17, rows
  in file order: the sample ``bench/label_corpora.py`` uses elsewhere), embedded once with
  the project's default embedder (quality mode) and cached under bench/out/cache/ (ignored
  by git), keyed by the sample's texts and the model id.

    python bench/dedupe_corpora.py pypi     # embed the PyPI sample now (~5 min on 2 cores)
"""
from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("DATAMAP_SHARED_DATA", REPO.parent / "shared" / "data"))
CACHE = REPO / "bench" / "out" / "cache"
PYPI_N = 50_000
PYPI_SEED = 17
CORPORA = ("debian", "pypi")


@dataclass
class Corpus:
    name: str
    ids: list[str]
    texts: list[str]
    vectors: np.ndarray    # float32, row order of ids/texts


def debian() -> Corpus:
    import pyarrow.parquet as pq

    t = pq.read_table(SHARED / "debian-packages.parquet", columns=["id", "text"])
    vecs = np.load(SHARED / "debian-packages-minilm.npy").astype(np.float32)
    return Corpus("debian", t.column("id").to_pylist(), [d or "" for d in t.column("text").to_pylist()], vecs)


def pypi_rows(n: int = PYPI_N, seed: int = PYPI_SEED):
    import pyarrow.parquet as pq

    t = pq.read_table(SHARED / "pypi-summaries.parquet", columns=["id", "text"])
    rows = np.sort(np.random.default_rng(seed).choice(t.num_rows, n, replace=False))
    return t.take(rows)


def pypi() -> Corpus:
    """The PyPI sample and its vectors (embedded once, then read from the cache)."""
    t = pypi_rows()
    docs = [s or "" for s in t.column("text").to_pylist()]
    from datamap.tasks.embed.encode import EmbedOptions, embed_texts, load_embedder, resolve_embedder

    opts = EmbedOptions(mode="quality")
    model_id = resolve_embedder(opts)[1]
    h = hashlib.sha256(("\x00".join(docs) + model_id).encode()).hexdigest()[:16]
    path = CACHE / f"pypi-{len(docs)}-{h}.npy"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        vecs = embed_texts(docs, load_embedder(opts), None, opts).vectors.astype(np.float32)
        np.save(path, vecs)
    return Corpus("pypi", t.column("id").to_pylist(), docs, np.load(path).astype(np.float32))


def load(name: str) -> Corpus:
    if name == "debian":
        return debian()
    if name == "pypi":
        return pypi()
    raise SystemExit(f"unknown corpus {name!r}: debian | pypi")


if __name__ == "__main__":
    for name in sys.argv[1:] or ["pypi"]:
        c = load(name)
        print(name, len(c.ids), c.vectors.shape)
