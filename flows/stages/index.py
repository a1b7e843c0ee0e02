"""The ``index`` stage: a usearch HNSW index over the vectors and the k-NN graph that
layout, topics, dedupe and outliers reuse. Its refresh variant turns the parent
version's index into this build's and searches only rows whose neighbourhood changed."""
from __future__ import annotations

import os
import time

import numpy as np

from datamap.flows.runtime.stagekit import cached_stage, read_vectors
from datamap.flows.stages import refresh_plan as plan
from datamap.resources import schema
from datamap.resources.reader import open_map
from datamap.resources.store import Store
from datamap.tasks import index as index_mod
from datamap.tasks import refresh as R

KNN_K = 32   # neighbours kept from the index for UMAP, topics and dedupe


def index_options(latent_dtype: str, index: dict | None) -> dict:
    """The index stage's options from the build options (a refresh compares its parent's)."""
    return {"dtype": "f16" if latent_dtype == "float16" else None, **(index or {})}


def index_options_of(params: dict) -> dict:
    """The index options a version was built with, from its manifest's build params."""
    return index_options(params.get("latent_dtype", "float32"), params.get("index"))


@cached_stage("index")
def index(key: str, work_dir: str, options: dict) -> dict:
    t0 = time.perf_counter()
    vectors = read_vectors(os.path.join(work_dir, schema.WORK_VECTORS))
    t_order = time.perf_counter()
    order = index_mod.locality(vectors)      # None below LOCALITY_ROWS: row order
    t_order = time.perf_counter() - t_order
    if order is not None:    # dedupe's widening searches go in it too
        np.save(os.path.join(work_dir, schema.WORK_LOCALITY), order)
    idx = index_mod.build_index(vectors, index_mod.IndexOptions(**options), order=order)
    index_mod.save_index(idx, os.path.join(work_dir, schema.WORK_INDEX))
    t1 = time.perf_counter()
    repair: dict = {}
    keys, dists = index_mod.knn_graph(idx, vectors, KNN_K + 1, order=order, report=repair)
    np.save(os.path.join(work_dir, schema.WORK_KNN_IDX), keys)
    np.save(os.path.join(work_dir, schema.WORK_KNN_DIST), dists)
    return {"seconds": time.perf_counter() - t0, "build_seconds": t1 - t0, "order_seconds": t_order,
            "knn_seconds": time.perf_counter() - t1, "k": int(keys.shape[1]),
            "lost_searches": repair.get("lost", 0), "found_again": repair.get("found_again", 0)}


@cached_stage("index-refresh")
def index_refresh(key: str, work_dir: str, store_uri: str, storage_options: dict, dataset: str, parent: str,
                model_id: str, dim: int, projection: dict, threshold: float, options: dict) -> dict:
    """Stands in for the index stage when a parent exists: diff the rows, then turn the
    parent's usearch index into this build's (remove gone keys, renumber, add new rows)
    and patch its k-NN graph, searching only rows whose neighbourhood changed. Builds
    from scratch when the layout will be redone anyway or the index settings changed."""
    from usearch.index import Index

    t0 = time.perf_counter()
    pm = open_map(dataset, store=Store(store_uri, storage_options), version=parent)
    info, reason, diff = plan.compute(work_dir, pm, model_id, dim, projection, threshold)
    why = reason
    if why is None and index_options_of(pm.manifest.get("build", {}).get("params", {})) != options:
        why = "index options changed"
    if why is None and not pm.has(schema.INDEX):
        why = "parent has no index"
    if why is not None:
        res = index.fn(key=key, work_dir=work_dir, options=options)
        info["index"] = {"reused": False, "reason": why}
        plan.save(work_dir, info, reason, diff)
        return {**res, "seconds": time.perf_counter() - t0}
    vectors = read_vectors(os.path.join(work_dir, schema.WORK_VECTORS))
    n = len(vectors)
    parent_pos, anchored, placed = plan.anchoring(diff, n)
    idx = Index.restore(pm.local_file(schema.INDEX))       # a private copy in memory
    arows = np.nonzero(anchored)[0]
    index_mod.reindex(idx, pm.row_count, parent_pos[arows], arows, placed, vectors[placed])
    if len(idx) != n:
        raise RuntimeError(f"refreshed index holds {len(idx)} vectors for {n} rows")
    index_mod.save_index(idx, os.path.join(work_dir, schema.WORK_INDEX))
    t1 = time.perf_counter()
    k = min(KNN_K + 1, n)
    old = None
    if pm.has(schema.KNN_IDX) and pm.has(schema.KNN_DIST):
        old = (np.load(pm.local_file(schema.KNN_IDX)), np.load(pm.local_file(schema.KNN_DIST)))
        if old[0].shape != (pm.row_count, k):
            old = None
    if old is not None:
        keys, dists, searched = R.refresh_knn(old[0], old[1], parent_pos, anchored, placed,
                                              lambda rows: index_mod.search_rows(idx, vectors, rows, k, n))
    else:
        keys, dists = index_mod.knn_graph(idx, vectors, k)
        searched = n
    np.save(os.path.join(work_dir, schema.WORK_KNN_IDX), keys)
    np.save(os.path.join(work_dir, schema.WORK_KNN_DIST), dists)
    info["index"] = {"reused": True, "removed": int(pm.row_count - len(arows)), "added": int(len(placed)),
                     "knn_rows_searched": int(searched)}
    plan.save(work_dir, info, reason, diff)
    return {"seconds": time.perf_counter() - t0, "build_seconds": t1 - t0,
            "knn_seconds": time.perf_counter() - t1, "k": int(keys.shape[1]), "reused": True}
