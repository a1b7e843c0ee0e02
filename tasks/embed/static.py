"""``fast`` mode: a static (model2vec-style) model distilled offline from the bundled MiniLM.

A static model is one vector per WordPiece token; a document is the mean of its tokens'
vectors, so encoding is a tokeniser pass plus a lookup (tens of thousands of docs/s on
two cores) at a measured loss of quality (docs/embedding-modes.md).

Distillation follows model2vec's recipe (``model2vec.distill``, v0.10): every vocabulary
token goes through the transformer as ``[CLS] token [SEP]``, mean-pooled; PCA to 256
dimensions; SIF weights from a Zipf estimate of token frequency (rank = vocabulary
order, weight = 1e-4 / (1e-4 + p(rank))). It is hand-written here because
``model2vec[distill]`` pins transformers < 5.4 (it would downgrade the transformers our
other stages use) and needs the ``skeletoken`` package; inference uses model2vec's own
``StaticModel``, whose files we write in its format and load from the local folder.
"""
from __future__ import annotations

import json
import os
import re
from itertools import chain

import numpy as np

from datamap.resources.errors import EmbeddingError
from datamap.tasks.embed.model_files import ensure_built, recipe_key

RECIPE = "static-distill-v1"
PCA_DIMS = 256
SIF_COEFFICIENT = 1e-4
_UNUSED = re.compile(r"\[unused\d+\]")


def token_vectors(model_dir: str, batch_size: int = 1024) -> tuple[np.ndarray, list[str]]:
    """(vocab_size, hidden) mean-pooled transformer output for every token, and the tokens."""
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    tok = Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))
    vocab = tok.get_vocab()
    tokens = [t for t, _ in sorted(vocab.items(), key=lambda kv: kv[1])]
    cls, sep = vocab.get("[CLS]"), vocab.get("[SEP]")
    prefix, suffix = ([cls] if cls is not None else []), ([sep] if sep is not None else [])
    model = AutoModel.from_pretrained(model_dir, local_files_only=True).eval()
    out = np.zeros((len(tokens), model.config.hidden_size), dtype=np.float32)
    with torch.inference_mode():
        for s in range(0, len(tokens), batch_size):
            ids = torch.tensor([prefix + [i] + suffix for i in range(s, min(s + batch_size, len(tokens)))])
            h = model(input_ids=ids, attention_mask=torch.ones_like(ids),
                      token_type_ids=torch.zeros_like(ids)).last_hidden_state
            out[s:s + len(ids)] = h.mean(1).float().numpy()
    return np.nan_to_num(out), tokens


def distill_vectors(vectors: np.ndarray, tokens: list[str], pca_dims: int = PCA_DIMS,
                    sif: float = SIF_COEFFICIENT) -> np.ndarray:
    """PCA + Zipf/SIF weighting as model2vec does; unused placeholder tokens get zeros."""
    keep = np.array([not _UNUSED.fullmatch(t) for t in tokens])
    x = vectors[keep].astype(np.float64)
    mean = x.mean(0)
    xc = x - mean
    eigvals, eigvecs = np.linalg.eigh(xc.T @ xc / (len(x) - 1))
    comps = eigvecs[:, ::-1][:, :pca_dims]
    scores = xc @ comps
    signs = np.sign(scores[np.argmax(np.abs(scores), axis=0), np.arange(scores.shape[1])])
    scores *= signs
    inv_rank = 1.0 / np.arange(2, len(x) + 2)
    proba = inv_rank / inv_rank.sum()
    scores *= (sif / (sif + proba))[:, None]
    out = np.zeros((len(tokens), scores.shape[1]), dtype=np.float32)
    out[keep] = scores
    return out


def save_static(out_dir: str, vectors: np.ndarray, tokenizer_file: str, model_id: str,
                base_model_name: str, **config) -> None:
    """Token vectors in model2vec's folder format (what ``StaticModel.from_pretrained`` reads)."""
    from model2vec import StaticModel
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(tokenizer_file)
    tok.no_padding()
    tok.no_truncation()
    cfg = {"model_type": "model2vec", "architectures": ["StaticModel"], "tokenizer_name": model_id,
           "hidden_dim": int(vectors.shape[1]), "seq_length": 1000000, "normalize": True,
           "pooling": "mean"} | config
    StaticModel(vectors=vectors, tokenizer=tok, config=cfg, normalize=True,
                base_model_name=base_model_name).save_pretrained(out_dir)


def build(model_dir: str, model_id: str, out_dir: str) -> None:
    vecs, tokens = token_vectors(model_dir)
    emb = distill_vectors(vecs, tokens)
    save_static(out_dir, emb, os.path.join(model_dir, "tokenizer.json"), model_id,
                os.path.basename(model_dir), apply_pca=PCA_DIMS, sif_coefficient=SIF_COEFFICIENT)
    with open(os.path.join(out_dir, "distill.json"), "w") as f:
        json.dump({"recipe": RECIPE, "source": model_dir, "source_model_id": model_id,
                   "pca_dims": PCA_DIMS, "sif_coefficient": SIF_COEFFICIENT}, f, indent=2)


def ensure_distilled(model_dir: str, model_id: str, root: str | None = None) -> str:
    if not os.path.exists(os.path.join(model_dir, "tokenizer.json")):
        raise EmbeddingError(f"fast mode needs a tokenizer.json in {model_dir!r}; use --embed-mode torch")
    try:
        return ensure_built("static", recipe_key(RECIPE, model_id), lambda d: build(model_dir, model_id, d), root)
    except EmbeddingError:
        raise
    except Exception as e:
        raise EmbeddingError(f"distilling a static model from {model_id!r} failed: {e}") from e


def static_model_id(model_id: str) -> str:
    """Its own cache key: static vectors are a different space (256-d) from the transformer's."""
    return f"{model_id}#{RECIPE}-pca{PCA_DIMS}"


class StaticEmbedder:
    """Embedder protocol on a distilled model2vec StaticModel, unit-length vectors.

    Encoding memoises per whitespace-separated chunk: BERT's normaliser and
    pre-tokeniser act within a chunk, so tokenising each distinct chunk once and summing
    its token vectors gives exactly model2vec's mean (checked in the tests), while the
    Rust tokenizer, the slow part, sees each word once per process instead of once per
    occurrence. Texts longer than the model's token limit go through model2vec itself
    so its truncation applies unchanged.
    """

    MAX_WORDS = 1_000_000        # memo cap: ~1 GB at 256 float32 dims; cleared when full

    def __init__(self, model_dir: str, model_id: str, root: str | None = None):
        self._load(ensure_distilled(model_dir, model_id, root), static_model_id(model_id))

    @classmethod
    def from_folder(cls, folder: str, model_id: str) -> "StaticEmbedder":
        """An embedder on any model2vec folder (a fitted model, a bench variant)."""
        self = cls.__new__(cls)
        self._load(folder, model_id)
        return self

    def refitted(self, fit_path: str) -> "StaticEmbedder":
        """This embedder with its token vectors replaced by a fit of them
        (``fast_fit``): same tokenizer and truncation, the fit's space and model id, and
        the fit's sample residuals added to every vector (``fit_residuals``)."""
        from datamap.tasks.embed.fast_fit import load_fit

        fit, meta = load_fit(fit_path)
        w = fit.vectors(self._emb)
        self.model.embedding = w
        self._emb, self.dim, self.model_id = w, int(w.shape[1]), meta["model_id"]
        self._residuals = fit.residuals
        self._reset_memo()
        return self

    def _load(self, folder: str, model_id: str) -> None:
        from model2vec import StaticModel

        self.model = StaticModel.from_pretrained(folder, normalize=True)
        self.model_id = model_id
        self.dim = int(self.model.dim)
        self.max_seq_length = self.model.max_length
        self.path = folder
        self._tok = self.model.tokenizer.__class__.from_str(self.model.tokenizer.to_str())
        self._tok.no_truncation()
        self._tok.no_padding()
        self._unk = self.model.unk_token_id
        self._emb = np.asarray(self.model.embedding, dtype=np.float32)
        self._residuals = None
        self._reset_memo()

    def _reset_memo(self) -> None:
        """An empty word memo (word → row of summed token vectors and token counts)."""
        self._index: dict[str, int] = {}
        self._sums = np.zeros((1024, self.dim), dtype=np.float32)
        self._counts = np.zeros(1024, dtype=np.int64)

    def _learn(self, words: list[str]) -> None:
        """Add ``words`` (none of them in the memo) to the memo."""
        start = len(self._index)
        need = start + len(words)
        if need > len(self._counts):   # grow by doubling; copy only the rows in use (np.resize
            size = max(need, 2 * len(self._counts))    # refilled the whole new array: ~15 % of encode time)
            sums, counts = np.empty((size, self.dim), np.float32), np.empty(size, np.int64)
            sums[:start], counts[:start] = self._sums[:start], self._counts[:start]
            self._sums, self._counts = sums, counts
        # words go to the tokenizer pre-split, 512 per item: far less per-call overhead
        # than one item per word; word_ids map each token back to its word
        from scipy.sparse import csr_matrix
        group = 512
        items = [words[g:g + group] for g in range(0, len(words), group)]
        for g, enc in zip(range(0, len(words), group),
                          self._tok.encode_batch(items, is_pretokenized=True, add_special_tokens=False)):
            ids = np.asarray(enc.ids, dtype=np.int64)
            wids = np.asarray(enc.word_ids, dtype=np.int64)
            keep = (ids != self._unk) if self._unk is not None else np.ones(len(ids), dtype=bool)
            m = min(group, len(words) - g)
            order = np.argsort(wids, kind="stable")
            ids, wids, keep = ids[order], wids[order], keep[order]
            indptr = np.concatenate([[0], np.cumsum(np.bincount(wids, minlength=m))])
            x = csr_matrix((keep.astype(np.float32), ids, indptr), shape=(m, len(self._emb)))
            self._sums[start + g:start + g + m] = x @ self._emb
            self._counts[start + g:start + g + m] = np.bincount(wids[keep], minlength=m)
        self._index.update(zip(words, range(start, need)))

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # word-level work in C loops (set difference, map): on 10,000 Debian texts the
        # per-word Python generators were a third of the encode time
        split = [t.split() for t in texts]
        lens = np.fromiter(map(len, split), dtype=np.int64, count=len(split))
        words = list(chain.from_iterable(split))
        distinct = set(words)
        new = distinct.difference(self._index)
        if new:
            if len(self._index) + len(new) > self.MAX_WORDS:
                self._index.clear()             # memo full: start again from this call's words
                new = distinct
            self._learn(list(new))
        flat = np.fromiter(map(self._index.__getitem__, words), dtype=np.int64, count=len(words))
        # docs × memo-words count matrix; one sparse product sums each doc's word vectors
        from scipy.sparse import csr_matrix
        indptr = np.concatenate([[0], np.cumsum(lens)])
        width = len(self._index)
        x = csr_matrix((np.ones(flat.size, dtype=np.float32), flat, indptr), shape=(len(texts), width))
        v = np.asarray(x @ self._sums[:width], dtype=np.float32)
        n = np.asarray(x @ self._counts[:width].astype(np.float32)).astype(np.int64)
        limit = self.model.max_length
        long = np.flatnonzero(n > limit) if limit else np.array([], dtype=np.int64)
        if len(long):
            v[long] = self.model.encode([texts[i] for i in long], normalize=False)
        norms = np.linalg.norm(v, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        v = v / np.where(norms == 0, 1.0, norms)
        if self._residuals is not None and not empty.all():
            v[~empty] = self._residuals.apply(v[~empty])
        # a text with no known token: a fixed unit vector so cosine stays defined
        v[empty] = 1.0 / np.sqrt(self.dim)
        return v
