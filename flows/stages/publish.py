"""The ``publish`` stage: upload the work area's artifacts as a new immutable version,
manifest last, then move LATEST. Retried: every step of a publish is idempotent."""
from __future__ import annotations

import os

import pyarrow as pa
from prefect import task

from datamap.flows.runtime.stagekit import write_vectors
from datamap.flows.runtime.workarea import unshare
from datamap.resources import schema
from datamap.resources.store import Store
from datamap.resources.vectors import read_ipc, vectors_from_table
from datamap.tasks import publish as publish_mod


@task(name="publish", retries=2, retry_delay_seconds=2)
def publish(work_dir: str, store_uri: str, storage_options: dict, dataset: str,
                  files: dict[str, str], manifest: dict, latent_dtype: str) -> str:
    unshare(work_dir)     # a retry must not write through links an earlier attempt made
    if latent_dtype != "float32":
        src = os.path.join(work_dir, schema.WORK_VECTORS)
        t = read_ipc(pa.memory_map(src, "r"))
        dst = os.path.join(work_dir, f"vectors.{latent_dtype}.arrow")
        write_vectors(dst, t.column(schema.ID), vectors_from_table(t), latent_dtype)
        files = {**files, schema.EMBEDDINGS: dst}
    store = Store(store_uri, storage_options)
    return publish_mod.publish(store, dataset, files, manifest)
