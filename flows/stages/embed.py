"""The ``embed`` stage: the validated texts to vectors through the store's embedding
cache (or the user's own vectors, passed through), written to the work area."""
from __future__ import annotations

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
                byo: bool, options: dict) -> dict:
    t0 = time.perf_counter()
    out = os.path.join(work_dir, schema.WORK_VECTORS)
    table = pq.read_table(os.path.join(work_dir, schema.DATA))
    ids = table.column(schema.ID)
    if byo:
        vectors = read_vectors(os.path.join(work_dir, schema.WORK_BYO_VECTORS))
        info = {"model_id": schema.USER_VECTORS_MODEL, "embedded": 0, "cached": 0, "byo": True}
    else:
        opts = embed_mod.EmbedOptions(**options)
        path, model_id, mode = embed_mod.resolve_embedder(opts)
        cache = EmbeddingCache(Store(store_uri, storage_options), model_id)
        texts = table.column(text_field).to_pylist()
        lazy = embed_mod.LazyEmbedder(opts, model_id)
        res = embed_mod.embed_texts(texts, lazy, cache, opts)
        vectors = res.vectors
        info = {"model_id": res.model_id, "embedded": res.embedded, "cached": res.cached,
                "byo": False, "max_seq_length": lazy.max_seq_length, "mode": mode}
    write_vectors(out, ids, vectors)
    failpoint("embed.after_write")
    secs = time.perf_counter() - t0
    return {**info, "dim": int(vectors.shape[1]), "seconds": secs,
            "docs_per_s": (info["embedded"] / secs) if info["embedded"] else None}
