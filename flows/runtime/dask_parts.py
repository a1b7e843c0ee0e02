"""The parallel parts of a build, split into many small tasks for a Dask cluster.

With ``--runner dask`` every stage already runs on a worker, but a stage is one task.
Embedding is the part worth spreading: the texts the store's embedding cache lacks are
cut into batches, each batch is a Prefect task that embeds its texts and writes them to
the cache **in the store**, so workers on other machines need nothing but the store (an
S3 bucket) and this package. The embed stage then runs as usual and finds every vector
in the cache. Texts travel inside the task arguments, not through the work area.
"""
from __future__ import annotations

import os
import sys

import pyarrow.parquet as pq
from prefect import task

from datamap.resources import schema
from datamap.resources.store import Store
from datamap.tasks.embed import encode as embed_mod
from datamap.tasks.embed.cache import EmbeddingCache, text_keys

BATCH_TEXTS = 2048      # texts per task: big enough to amortise loading the model on a worker


@task(name="embed-batch", retries=1, retry_delay_seconds=2)
def embed_batch(store_uri: str, storage_options: dict, embed: dict, texts: list[str]) -> dict:
    """Embed ``texts`` on whichever worker runs this, into the store's embedding cache."""
    import socket

    opts = embed_mod.EmbedOptions(**embed)
    _, model_id, _ = embed_mod.resolve_embedder(opts)
    cache = EmbeddingCache(Store(store_uri, storage_options), model_id)
    res = embed_mod.embed_texts(texts, embed_mod.LazyEmbedder(opts, model_id), cache, opts)
    return {"embedded": res.embedded, "host": socket.gethostname(), "pid": os.getpid()}


def embed_on_cluster(work_dir: str, store_uri: str, storage_options: dict, text_field: str, embed: dict,
                     batch: int | None = None) -> dict:
    """Fill the embedding cache for this build's uncached texts with one task per batch
    (submitted to the flow's Dask task runner); returns how many texts and batches."""
    batch = batch or BATCH_TEXTS
    opts = embed_mod.EmbedOptions(**embed)
    _, model_id, _ = embed_mod.resolve_embedder(opts)
    cache = EmbeddingCache(Store(store_uri, storage_options), model_id)
    texts = pq.read_table(os.path.join(work_dir, schema.WORK_DATA), columns=[text_field]).column(text_field).to_pylist()
    keys = text_keys(texts)
    first = dict(zip(keys, texts))   # the distinct texts, in order
    held = cache.has(list(first))
    todo = {k: t for (k, t), h in zip(first.items(), held) if not h}
    # longest first, as embed_texts orders them, so each batch pads little
    order = sorted(todo.values(), key=len, reverse=True)
    futures = [embed_batch.submit(store_uri, storage_options, embed, order[s:s + batch])
               for s in range(0, len(order), batch)]
    done = [f.result() for f in futures]
    return {"embedded": sum(d["embedded"] for d in done), "batches": len(done),
            "rows": sum(1 for k in keys if k in todo),
            "workers": sorted({f"{d['host']}:{d['pid']}" for d in done})}


PLACE_CHUNK = 50_000    # placed points per task; below it one task places them all (< 1 s per 50k)


def place_chunk_rows() -> int:
    """Rows per placement task (``DATAMAP_PLACE_CHUNK`` overrides, read on the worker)."""
    return int(os.environ.get("DATAMAP_PLACE_CHUNK") or PLACE_CHUNK)


def cluster_mapper():
    """``mapper(fn, [args, ...])`` that runs the calls as tasks on the Dask cluster this
    code is running on (``distributed.worker_client``: a task may submit tasks), or None
    outside a Dask worker. Used by the refresh stage to place new points in chunks.

    A Dask worker has imported ``distributed`` before it runs any task, so a process that
    has not is no worker: the check costs nothing there, where importing ``distributed``
    to ask cost every local build 0.2-1.1 s (measured on two hosts)."""
    if "distributed" not in sys.modules:
        return None
    try:
        from distributed import get_worker, worker_client

        get_worker()
    except (ImportError, ValueError):
        return None

    def run(fn, args_list):
        with worker_client() as client:
            name = fn.__name__.strip("_").replace("_", "-")
            return client.gather([client.submit(fn, *a, pure=False, key=f"{name}-{i}-{os.urandom(4).hex()}")
                                  for i, a in enumerate(args_list)])
    return run


TILES_PER_TASK = 16     # tiles (≤ 20k points each) written per task; fewer tiles: one task writes all


def tiles_per_task() -> int:
    """Tiles per tile-writing task (``DATAMAP_TILES_PER_TASK`` overrides, read on the worker)."""
    return int(os.environ.get("DATAMAP_TILES_PER_TASK") or TILES_PER_TASK)
