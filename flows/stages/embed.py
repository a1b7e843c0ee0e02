"""The ``embed`` stage: the validated texts to vectors through the store's embedding
cache (or the user's own vectors, passed through), written to the work area."""
from __future__ import annotations

import dataclasses
import os
import time

import pyarrow.parquet as pq

from datamap.flows.runtime.stagekit import cached_stage, read_vectors, write_vectors
from datamap.resources import schema
from datamap.resources.failpoints import failpoint
from datamap.resources.store import Store
from datamap.tasks.embed import encode as embed_mod
from datamap.tasks.embed.cache import EmbeddingCache


@cached_stage("embed")
def embed(key: str, work_dir: str, store_uri: str, storage_options: dict, text_field: str | None,
                byo: bool, options: dict, reuse_fit: str | None = None) -> dict:
    """``reuse_fit``: the store path of the parent version's fitted fast model, which a
    refresh embeds with instead of fitting again (the same space as its parent)."""
    t0 = time.perf_counter()
    out = os.path.join(work_dir, schema.WORK_VECTORS)
    # only the columns read here: the whole table of a 1M map (texts and every other
    # column the user's file had) took 1.8-3.5 s to decode, its ids alone 0.04-0.07 s
    table = pq.read_table(os.path.join(work_dir, schema.DATA), columns=[schema.ID] if byo else [schema.ID, text_field])
    ids = table.column(schema.ID)
    if byo:
        vectors = read_vectors(os.path.join(work_dir, schema.WORK_BYO_VECTORS))
        info = {"model_id": schema.USER_VECTORS_MODEL, "embedded": 0, "cached": 0, "byo": True}
    else:
        opts = embed_mod.EmbedOptions(**options)
        store = Store(store_uri, storage_options)
        texts = table.column(text_field).to_pylist()
        fit = None
        if opts.fit_sample and opts.mode == "fast":
            fit = _fitted(work_dir, store, texts, opts, reuse_fit)
            opts = dataclasses.replace(opts, fitted=os.path.join(work_dir, schema.WORK_FAST_MODEL))
        path, model_id, mode = embed_mod.resolve_embedder(opts)
        cache = EmbeddingCache(store, model_id)
        lazy = embed_mod.LazyEmbedder(opts, model_id)
        res = embed_mod.embed_texts(texts, lazy, cache, opts)
        vectors = res.vectors
        info = {"model_id": model_id, "embedded": res.embedded, "cached": res.cached,
                "byo": False, "max_seq_length": lazy.max_seq_length, "mode": mode, "fit": fit}
    write_vectors(out, ids, vectors)
    failpoint("embed.after_write")
    secs = time.perf_counter() - t0
    return {**info, "dim": int(vectors.shape[1]), "seconds": secs,
            "docs_per_s": (info["embedded"] / secs) if info["embedded"] else None}


def _fitted(work_dir: str, store: Store, texts: list[str], opts: embed_mod.EmbedOptions,
            reuse_fit: str | None) -> dict:
    """The fast model's fit in the work area: the parent's, or a new one on a bottom-k
    sample whose quality vectors go through (and into) the store's embedding cache."""
    from datamap.tasks.embed import fast_fit
    from datamap.tasks.embed.cache import text_keys
    from datamap.tasks.embed.static import StaticEmbedder, static_model_id

    out = os.path.join(work_dir, schema.WORK_FAST_MODEL)
    if reuse_fit:
        with open(out, "wb") as f:       # no half-file risk worth a rename: a resumed stage rewrites it
            f.write(store.read_bytes(reuse_fit))
        return {**fast_fit.fit_meta(out), "reused": reuse_fit}
    qopts = dataclasses.replace(opts, mode="quality", fit_sample=0, fitted=None)
    _, q_id, _ = embed_mod.resolve_embedder(qopts)

    def targets(sample: list[str]):
        return embed_mod.embed_texts(sample, embed_mod.LazyEmbedder(qopts, q_id),
                                     EmbeddingCache(store, q_id), qopts).vectors

    path, base_id = embed_mod.resolve_model(opts.model)
    static = StaticEmbedder(path, base_id)
    return fast_fit.fit_to_sample(texts, text_keys(texts), opts.fit_sample, static, targets,
                                  static_model_id(base_id), q_id, out, opts.max_chars)
