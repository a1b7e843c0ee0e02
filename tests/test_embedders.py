"""Embed modes on real Debian descriptions, checked against the shared reference vectors.

The reference (/work/shared/data/debian-packages-minilm.npy) is sentence-transformers
on torch, fp32. Quality mode is exported from the bundled weights into a fresh folder
here (the real first-use path); fast mode's static model is distilled once per machine
into the shared model folder (~40 s the first time) and reused.
"""
from __future__ import annotations

import socket

import numpy as np
import pytest

from datamap.resources.errors import EmbeddingError
from datamap.resources.store import Store
from datamap.tasks.embed.cache import EmbeddingCache
from datamap.tasks.embed.encode import (
    EmbedOptions,
    embed_texts,
    load_embedder,
    resolve_embedder,
    resolve_model,
)


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    """No network: hub offline, and any non-loopback connection attempt fails the test."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    real = socket.socket.connect

    def guarded(self, addr):
        host = addr[0] if isinstance(addr, tuple) else addr
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost") and not host.startswith("/"):
            raise AssertionError(f"embedder tried to reach the network: {addr!r}")
        return real(self, addr)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def sample(debian, debian_vectors):
    """300 real rows (texts as the embed stage sends them) and their reference vectors."""
    sub = debian.sample(n=300, seed=7).sort("_row")
    rows = sub["_row"].to_numpy()
    texts = [t[:EmbedOptions().max_chars] for t in sub["text"].to_list()]
    return texts, debian_vectors[rows]


@pytest.fixture(scope="session")
def onnx_root(tmp_path_factory):
    """A fresh model folder: the ONNX export happens here, as at a user's first build."""
    return str(tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def quality(onnx_root):
    from datamap.tasks.embed.onnx_minilm import OnnxEmbedder
    path, model_id = resolve_model(None)
    return OnnxEmbedder(path, model_id, int8=True, root=onnx_root)


def test_quality_mode_matches_reference_vectors(quality, sample):
    texts, ref = sample
    v = quality.encode(texts)
    assert v.shape == (len(texts), 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    cos = (v * ref).sum(1)
    assert cos.mean() >= 0.995, cos.mean()
    assert cos.min() >= 0.99, np.sort(cos)[:5]
    # the int8 graph is a real approximation, not the fp32 one under another name
    assert cos.max() < 0.99999


def test_exact_mode_reproduces_torch_vectors(quality, onnx_root, sample):
    from datamap.tasks.embed.onnx_minilm import OnnxEmbedder
    path, model_id = resolve_model(None)
    exact = OnnxEmbedder(path, model_id, int8=False, root=onnx_root)   # reuses the export above
    texts, ref = sample
    cos = (exact.encode(texts[:120]) * ref[:120]).sum(1)
    assert cos.min() >= 0.999, cos.min()   # reference is stored float16: ~1e-4 of rounding
    assert exact.model_id == model_id       # same vectors, so it shares the torch cache key
    assert quality.model_id != model_id     # int8 differs up to the bar: its own key


def test_a_text_gets_the_same_vector_in_any_batch(quality, onnx_root, sample):
    """Length bucketing puts a text in batches of different size and width, and a build's
    batches depend on what else is in it. Quality mode quantises activations per token, so
    a text's vector depends on that text alone (recipe v2 scaled them per batch tensor:
    two batchings of 1,500 PyPI summaries agreed only to cosine 0.980, and this test, with
    v2's tolerance of 1e-2 tightened to 1e-4, failed on it)."""
    import random

    from datamap.tasks.embed.onnx_minilm import OnnxEmbedder
    texts, _ = sample
    path, model_id = resolve_model(None)
    exact = OnnxEmbedder(path, model_id, int8=False, root=onnx_root)
    order = list(range(60))
    random.Random(5).shuffle(order)
    for emb in (exact, quality):
        together = emb.encode(texts[:60])
        alone = np.vstack([emb.encode([t]) for t in texts[:60:8]])
        cos = (together[::8] * alone).sum(1)
        assert cos.min() >= 1 - 1e-4, (emb.model_id, cos.min())
        mixed = np.empty_like(together)
        for s in range(0, 60, 7):        # other batch mates, other widths
            mixed[order[s:s + 7]] = emb.encode([texts[i] for i in order[s:s + 7]])
        assert (together * mixed).sum(1).min() >= 1 - 1e-4, emb.model_id


def test_quality_mode_holds_every_short_pypi_summary_to_torch(quality):
    """Issue 24's bar, "cosine >= 0.99 to torch for every document", on 600 real PyPI
    summaries (short texts, where int8 activations lose most: recipe v2's worst on 1,500
    was 0.982); every summary, not a quantile."""
    import polars as pl
    from conftest import SHARED

    from datamap.tasks.embed.encode import SentenceTransformerEmbedder

    df = pl.read_parquet(SHARED / "pypi-summaries.parquet", columns=["text"])
    texts = df.filter(pl.col("text").str.strip_chars().str.len_chars() > 0).sample(n=600, seed=11)["text"].to_list()
    path, model_id = resolve_model(None)
    ref = SentenceTransformerEmbedder(path, model_id).encode(texts)
    cos = (quality.encode(texts) * ref).sum(1)
    assert cos.min() >= 0.99, [(round(float(cos[i]), 4), texts[i]) for i in np.argsort(cos)[:3]]
    assert cos.mean() >= 0.997, cos.mean()


@pytest.fixture(scope="session")
def fast():
    return load_embedder(EmbedOptions(mode="fast"))


def _knn(x: np.ndarray, k: int = 10) -> np.ndarray:
    s = x @ x.T
    np.fill_diagonal(s, -np.inf)
    return np.argpartition(-s, k, axis=1)[:, :k]


def test_fast_mode_recovers_minilm_neighbours(fast, debian, debian_vectors):
    """Share of each doc's 10 MiniLM neighbours the static model finds, on 3,000 real rows.

    Measured 0.281 / 0.289 (seeds 0 / 1) at this size; the floor leaves room for noise
    but fails if the distillation breaks (random vectors score ~0.003).
    """
    sub = debian.sample(n=3000, seed=0).sort("_row")
    rows = sub["_row"].to_numpy()
    v = fast.encode(sub["text"].to_list())
    assert v.shape == (3000, 256)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    a, b = _knn(debian_vectors[rows]), _knn(v)
    recovery = np.mean([len(set(a[i]) & set(b[i])) / 10 for i in range(len(a))])
    assert recovery >= 0.25, recovery


def test_fast_mode_equals_model2vec_inference(fast, sample):
    """Our memoised per-word encoder must give model2vec's StaticModel.encode vectors."""
    texts, _ = sample
    texts = texts + ["", "   ", "\u00e9t\u00e9 na\u00efve caf\u00e9 \u4e2d\u6587", "word " * 700]
    ours = fast.encode(texts)
    ref = fast.model.encode(texts, normalize=True)
    known = np.linalg.norm(ref, axis=1) > 0
    assert np.abs(ours[known] - ref[known]).max() < 1e-5
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)   # empty texts too


def test_fast_mode_word_memo_full_gives_the_same_vectors(fast, sample):
    """When the word memo is full it starts again from the call's own words: a memo
    smaller than one call's vocabulary still gives model2vec's vectors, call after call."""
    from datamap.tasks.embed.static import StaticEmbedder

    texts, _ = sample
    small = StaticEmbedder.from_folder(fast.path, fast.model_id)
    small.MAX_WORDS = 400                   # each call below has more distinct words than that
    ref = fast.model.encode(texts, normalize=True)
    for lo in (0, 100, 0, 200):
        assert len({w for t in texts[lo:lo + 100] for w in t.split()}) > small.MAX_WORDS
        assert np.abs(small.encode(texts[lo:lo + 100]) - ref[lo:lo + 100]).max() < 1e-5
    assert len(small._index) < len({w for t in texts for w in t.split()})   # it was cleared


def test_fast_mode_cache_is_separate(fast, tmp_store, sample):
    texts, _ = sample
    store = Store(tmp_store)
    _, fast_id, mode = resolve_embedder(EmbedOptions(mode="fast"))
    assert mode == "fast" and fast_id == fast.model_id
    first = embed_texts(texts[:50], fast, EmbeddingCache(store, fast_id))
    again = embed_texts(texts[:50], fast, EmbeddingCache(store, fast_id))
    assert (first.embedded, again.embedded, again.cached) == (50, 0, 50)
    assert np.array_equal(first.vectors, again.vectors)
    # another mode's key sees none of the static vectors (they are another space)
    _, q_id, _ = resolve_embedder(EmbedOptions(mode="quality"))
    assert not EmbeddingCache(store, q_id).has([b"x" * 16]).any()
    assert EmbeddingCache(store, q_id).dir != EmbeddingCache(store, fast_id).dir
    # cache parts store hashes and vectors plainly: a dictionary of values that never
    # repeat was most of the write time of a big fast-mode build and grew the parts
    import pyarrow.parquet as pq

    cache = EmbeddingCache(store, fast_id)
    parts = [n for n in store.listdir(cache.dir) if n.endswith(".parquet")]
    assert parts
    for name in parts:
        with store.open(f"{cache.dir}/{name}") as f:
            meta = pq.ParquetFile(f).metadata
            for g in range(meta.num_row_groups):
                for c in range(meta.num_columns):
                    assert not any("DICTIONARY" in e for e in meta.row_group(g).column(c).encodings), name


def test_unknown_mode_is_a_clear_error():
    with pytest.raises(EmbeddingError, match="quality, exact, fast, torch"):
        resolve_embedder(EmbedOptions(mode="turbo"))


@pytest.mark.slow
def test_build_flow_runs_the_chosen_mode(debian, tmp_path, tmp_store):
    """--embed-mode reaches the embed stage: the manifest names the static model, 256-d."""
    from datamap.flows.build_map import build_map
    from datamap.resources import open_map

    src = tmp_path / "pkgs.parquet"
    debian.sample(n=150, seed=4).drop("_row").write_parquet(src)
    res = build_map(source=str(src), dataset="pkgs", store=tmp_store,
                    options={"projection": {"method": "umap"}, "text_field": "text", "id_field": "id", "embed_mode": "fast",
                             "topics": None, "dedupe": None, "tiles": None})
    assert res["embedded"] == 150
    m = open_map("pkgs", store=tmp_store)
    assert m.manifest["model"]["id"].endswith("#static-distill-v1-pca256")
    assert m.manifest["model"]["mode"] == "fast"
    assert m.embeddings.latent.shape == (150, 256)
