"""Off-topic texts to plant among Debian package descriptions: real prose from two sources
that ship on this machine and have nothing to do with software packages' descriptions —
the dataset descriptions bundled with scikit-learn (botany, medicine, housing, forests…)
and the licence texts under /usr/share/common-licenses (legal prose).

Deterministic: files in name order, the first prose paragraphs of 200–1,200 characters.
Shared by tests/test_outliers.py and bench/outliers.py.
"""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path

LICENSES = Path("/usr/share/common-licenses")


def _paragraphs(text: str) -> list[str]:
    out = []
    for p in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in p.strip().splitlines()]
        if not lines or any(ln.startswith(("=", "..", ":", "|", "+", "-", "*", ">>>")) for ln in lines):
            continue
        s = " ".join(lines)
        if 200 <= len(s) <= 1200 and s.count(" ") > 25:
            out.append(s)
    return out


def _descr_files() -> list[Path]:
    import sklearn.datasets

    d = Path(os.path.dirname(sklearn.datasets.__file__)) / "descr"
    return sorted(d.glob("*.rst"))


def _license_files() -> list[Path]:
    # symlinks (GPL -> GPL-3, …) would plant the same paragraph twice
    return sorted(p for p in LICENSES.iterdir() if p.is_file() and not p.is_symlink()) if LICENSES.exists() else []


def planted_texts(n: int = 30, per_file: int = 2) -> list[tuple[str, str]]:
    """``n`` (id, text) pairs, alternating between the two sources, at most ``per_file``
    paragraphs per file so the planted rows are spread over many topics."""
    pools = []
    for files, prefix in ((_descr_files(), "planted-sklearn"), (_license_files(), "planted-license")):
        pool = []
        for rnd in range(per_file):
            for f in files:
                paras = _paragraphs(f.read_text(errors="replace"))
                if rnd < len(paras):
                    pool.append((f"{prefix}-{re.sub(r'[^A-Za-z0-9]+', '-', f.name)}-{rnd}", paras[rnd]))
        pools.append(pool)
    out: list[tuple[str, str]] = []
    i = 0
    while len(out) < n and any(i < len(p) for p in pools):
        for p in pools:
            if i < len(p) and len(out) < n:
                out.append(p[i])
        i += 1
    if len(out) < n:
        raise RuntimeError(f"only {len(out)} planted paragraphs found (scikit-learn descr/ and {LICENSES})")
    return out


def embed_minilm(texts: list[str]):
    """The texts embedded like the corpus vectors: all-MiniLM-L6-v2, L2-normalised (float32),
    by the ``exact`` mode (ONNX fp32: sentence-transformers' vectors to ~1e-4, without the
    ~11 s import of torch). The model ships in a package; nothing is downloaded. Cached per
    process: several test modules plant the same paragraphs."""
    return _embed(tuple(texts)).copy()


@functools.lru_cache(maxsize=4)
def _embed(texts: tuple[str, ...]):
    from datamap.tasks.embed.encode import EmbedOptions, load_embedder

    return load_embedder(EmbedOptions(mode="exact")).encode(list(texts))
