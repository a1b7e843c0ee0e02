"""The store's embedding cache (tasks/embed/cache.py) through ``embed_texts``: what a build
leaves in the store, what the next build reads back, and how parts left by a crash or by
the older one-part-per-chunk code are folded."""
from __future__ import annotations

import hashlib
import os

import numpy as np
import pytest

from datamap.resources.store import Store
from datamap.tasks.embed.cache import MERGE_BELOW, EmbeddingCache, text_keys
from datamap.tasks.embed.encode import EmbedOptions, embed_texts


class HashEmbedder:
    """A deterministic stand-in model: each text's vector is drawn from its own hash, so
    any batch gives a text the same vector. Counts what it is asked to embed."""

    model_id = "test/hash-embedder"
    dim = 8

    def __init__(self):
        self.asked: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.asked.extend(texts)
        return np.stack([vector_of(t) for t in texts]).astype(np.float32)


def vector_of(text: str) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
    v = np.random.default_rng(seed).normal(size=HashEmbedder.dim)
    return (v / np.linalg.norm(v)).astype(np.float32)


@pytest.fixture()
def cache(tmp_path) -> EmbeddingCache:
    return EmbeddingCache(Store(str(tmp_path / "store")), HashEmbedder.model_id)


@pytest.fixture(params=["local", "s3"])
def any_cache(request, tmp_path) -> EmbeddingCache:
    """The cache on local disk and on S3 (moto's server): folding removes parts in a batch there."""
    if request.param == "local":
        return EmbeddingCache(Store(str(tmp_path / "store")), HashEmbedder.model_id)
    s3 = request.getfixturevalue("moto_s3")
    return EmbeddingCache(Store(f"s3://{s3['bucket']}/{tmp_path.name}", s3["storage_options"]),
                          HashEmbedder.model_id)


def _expected(texts: list[str]) -> np.ndarray:
    return np.stack([vector_of(t) for t in texts])


def test_a_build_leaves_one_part_and_the_next_reads_every_vector_back(cache):
    texts = [f"package {i} does thing {i % 7}" for i in range(300)]
    first = embed_texts(texts, HashEmbedder(), cache, EmbedOptions(chunk_size=32))   # 10 chunks
    assert cache.parts() and len(cache.parts()) == 1
    model = HashEmbedder()
    again = embed_texts(texts[::-1], model, cache, EmbedOptions(chunk_size=32))
    assert model.asked == [] and (again.embedded, again.cached) == (0, 300)
    assert np.array_equal(first.vectors, _expected(texts))
    assert np.array_equal(again.vectors, _expected(texts[::-1]))


def test_repeated_texts_are_embedded_once_and_get_the_same_row(cache):
    texts = ["a small example package", "tools for x", "a small example package", "", "tools for x", ""]
    model = HashEmbedder()
    res = embed_texts(texts, model, cache, EmbedOptions(chunk_size=2))
    assert sorted(model.asked) == sorted({t for t in texts})
    assert (res.embedded, res.cached) == (3, 0)
    assert np.array_equal(res.vectors, _expected(texts))
    # half cached: the rows of cached and new texts interleave in the output
    more = ["new one", "tools for x", "another new", "a small example package"]
    res2 = embed_texts(more, HashEmbedder(), cache, EmbedOptions(chunk_size=1))
    assert (res2.embedded, res2.cached) == (2, 2)
    assert np.array_equal(res2.vectors, _expected(more))


def test_small_parts_from_older_builds_are_folded_into_one(any_cache):
    """A cache written one part per chunk (the older code, or a build killed mid-embed) is
    folded by the next build, even one that embeds nothing; big parts stay as they are."""
    cache = any_cache
    old = [f"old text {i}" for i in range(40)]
    for s in range(0, 40, 8):   # five small parts, as the older code left them
        cache.put(text_keys(old[s:s + 8]), _expected(old[s:s + 8]))
    big = [f"big part text {i}" for i in range(MERGE_BELOW)]
    big_part = cache.put(text_keys(big), _expected(big))
    assert len(cache.parts()) == 6
    res = embed_texts(old[:10], HashEmbedder(), cache)
    assert res.embedded == 0
    assert len(cache.parts()) == 2 and big_part in cache.parts()
    found, vec = cache.fetch(text_keys(old + big))
    assert found.all() and np.array_equal(vec, _expected(old + big))
    assert sum(cache.sizes.values()) == len(old) + len(big)   # no key stored twice


def test_fetch_answers_in_key_order_across_parts_and_misses(cache):
    texts = [f"t{i}" for i in range(50)]
    for s in range(0, 50, 10):
        cache.put(text_keys(texts[s:s + 10]), _expected(texts[s:s + 10]))
    ask = [texts[7], "never cached", texts[42], texts[0], "also not", texts[19]]
    found, vec = cache.fetch(text_keys(ask))
    assert found.tolist() == [True, False, True, True, False, True]
    assert np.array_equal(vec, _expected([t for t, f in zip(ask, found) if f]))
    assert cache.has(text_keys(ask)).tolist() == found.tolist()
    assert cache.fetch(text_keys(["nothing here"])) [1] is None
    assert EmbeddingCache(cache.store, "another/model").fetch(text_keys(texts))[0].sum() == 0


def test_an_unreadable_part_is_skipped_with_a_warning(cache):
    texts = [f"t{i}" for i in range(20)]
    cache.put(text_keys(texts[:10]), _expected(texts[:10]))
    cache.store.write_bytes(f"{cache.dir}/part-broken.parquet", b"not parquet")
    with pytest.warns(UserWarning, match="part-broken.parquet is unreadable"):
        res = embed_texts(texts, HashEmbedder(), cache)
    assert (res.embedded, res.cached) == (10, 10)
    assert np.array_equal(res.vectors, _expected(texts))


def test_parts_in_the_older_list_layout_are_read_and_folded(cache):
    """Caches written before the vectors became raw bytes (a parquet list of floats per
    row) stay readable, and the next build folds them into the current layout."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = [f"older layout {i}" for i in range(30)]
    for s in (0, 15):
        v = _expected(texts[s:s + 15])
        t = pa.table({"key": pa.array(text_keys(texts[s:s + 15]), pa.binary(16)),
                      "vector": pa.FixedSizeListArray.from_arrays(pa.array(v.reshape(-1)), v.shape[1])})
        sink = pa.BufferOutputStream()
        pq.write_table(t, sink, compression="zstd")
        cache.store.write_bytes(f"{cache.dir}/part-old{s}.parquet", sink.getvalue().to_pybytes())
    model = HashEmbedder()
    res = embed_texts(texts + ["one new text"], model, cache)
    assert model.asked == ["one new text"]
    assert np.array_equal(res.vectors, _expected(texts + ["one new text"]))
    (part,) = cache.parts()
    with cache.store.open(f"{cache.dir}/{part}") as f:
        assert pa.types.is_fixed_size_binary(pq.read_schema(f).field("vector").type)
    assert np.array_equal(cache.fetch(text_keys(texts))[1], _expected(texts))


class FailingAt(HashEmbedder):
    """Raises on its ``n``-th encode call, as a model that runs out of memory mid-embed."""

    def __init__(self, n: int):
        super().__init__()
        self.n, self.calls = n, 0

    def encode(self, texts):
        self.calls += 1
        if self.calls == self.n:
            raise MemoryError("model ran out of memory")
        return super().encode(texts)


def test_a_failed_embed_keeps_what_was_written_and_the_rerun_embeds_the_rest(cache, monkeypatch):
    from datamap.tasks.embed import encode

    monkeypatch.setattr(encode, "FLUSH_ROWS", 64)   # a part every two chunks of 32
    texts = [f"text number {i:03d}" for i in range(300)]   # one length: embedded in this order
    with pytest.raises(MemoryError):
        embed_texts(texts, FailingAt(6), cache, EmbedOptions(chunk_size=32))
    # chunks 1-4 were written as two parts; chunk 5 was waiting for its pair and is lost
    assert sorted(cache.sizes.values()) == [64, 64]
    assert cache.has(text_keys(texts)).sum() == 128
    model = HashEmbedder()
    res = embed_texts(texts, model, cache, EmbedOptions(chunk_size=32))
    assert len(model.asked) == 300 - 128 and res.cached == 128
    assert np.array_equal(res.vectors, _expected(texts))


def test_folding_writes_parts_of_bounded_size(cache, monkeypatch):
    """Folding a big cache of small parts never builds one huge part in memory."""
    from datamap.tasks.embed import cache as cache_mod

    monkeypatch.setattr(cache_mod, "FLUSH_ROWS", 16)
    texts = [f"t{i}" for i in range(40)]
    for s in range(0, 40, 8):
        cache.put(text_keys(texts[s:s + 8]), _expected(texts[s:s + 8]))
    cache.has(text_keys(texts[:1]))   # a lookup: what a build does first
    cache.fold_small()
    assert sorted(cache.sizes.values()) == [8, 16, 16]
    assert len(cache.parts()) == 3
    found, vec = cache.fetch(text_keys(texts))
    assert found.all() and np.array_equal(vec, _expected(texts))


def test_the_fast_mode_encodes_in_large_calls_and_the_others_in_chunk_size():
    """The fast mode's fixed per-call costs (the fit's residual search, the word memo)
    are paid once per FAST_CHUNK texts however small ``chunk_size`` is; the model modes
    keep ``chunk_size`` (progress and cache flushes follow it), and both give every text
    its own vector."""
    from datamap.tasks.embed.encode import FAST_CHUNK

    texts = [f"text number {i}" for i in range(FAST_CHUNK + 100)]
    sizes: dict[str, list[int]] = {}
    for mode in ("fast", "quality"):
        model = HashEmbedder()
        calls: list[int] = []
        real = model.encode
        model.encode = lambda batch, real=real, calls=calls: (calls.append(len(batch)), real(batch))[1]
        res = embed_texts(texts, model, None, EmbedOptions(mode=mode, chunk_size=64))
        np.testing.assert_array_equal(res.vectors, np.stack([vector_of(t) for t in texts]))
        sizes[mode] = calls
    assert sizes["fast"] == [FAST_CHUNK, 100]
    assert max(sizes["quality"]) == 64 and sum(sizes["quality"]) == len(texts)


def test_a_part_write_that_fails_leaves_no_part_and_no_temporary_file(cache, monkeypatch):
    """Locally Arrow writes a part to a temporary name that is then renamed: a failure
    after the bytes are written (here, the rename) leaves neither the part nor the
    temporary file, and the next build embeds those texts again and keeps them."""
    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    texts = [f"text {i}" for i in range(50)]
    with monkeypatch.context() as m:
        m.setattr(os, "replace", refuse)
        with pytest.raises(Exception, match="No space left"):
            embed_texts(texts, HashEmbedder(), cache)
    assert cache.store.listdir(cache.dir) == []
    model = HashEmbedder()
    embed_texts(texts, model, cache)
    assert sorted(model.asked) == sorted(texts)
    assert cache.store.listdir(cache.dir) == cache.parts() and len(cache.parts()) == 1


def test_parts_read_back_unchanged_on_either_store(any_cache):
    texts = [f"text {i}" for i in range(50)]
    embed_texts(texts, HashEmbedder(), any_cache)
    assert any_cache.store.listdir(any_cache.dir) == any_cache.parts()
    found, vectors = any_cache.fetch(text_keys(texts))
    assert found.all() and np.array_equal(vectors, _expected(texts))
