"""The ``dedupe`` stage: semantic-duplicate clusters for every point, plus the near pairs
that let the reader re-cut them at another threshold without a rebuild.

Reads the work area (ids, latent vectors, k-NN graph, usearch index), runs
``tasks.dedupe.find_pairs`` and ``cut_clusters`` and writes ``duplicates.parquet`` and
``duplicate_neighbors.parquet`` (names in ``resources.schema``); the pair table is
written while the clusters are cut.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from datamap.flows.runtime.stagekit import cached_stage, read_vectors
from datamap.resources import schema
from datamap.resources.reader import open_map
from datamap.resources.store import Store
from datamap.tasks import refresh as R

PAIR_BATCH = 4_000_000   # near pairs turned into id strings and written per batch (bounded memory)


def write_point_table(work_dir: str, ids: pa.Array, result) -> None:
    pq.write_table(point_table(ids, result), os.path.join(work_dir, schema.DUPLICATES), compression="zstd")


def write_pair_table(work_dir: str, ids: pa.Array, result) -> None:
    """``duplicate_neighbors.parquet``, in batches (``pair_batches``), so its id strings
    never sit in memory all at once. Needs the pairs only, not the clusters."""
    writer = None
    for part in pair_batches(ids, result):
        if writer is None:
            writer = pq.ParquetWriter(os.path.join(work_dir, schema.DUPLICATE_NEIGHBORS), part.schema,
                                      compression="zstd")
        writer.write_table(part)
    writer.close()


def cut_and_write(work_dir: str, ids: pa.Array, id_list: list, pairs, opts):
    """``tasks.dedupe.cut_clusters`` of ``pairs`` while a thread writes their pair table,
    then the point table; returns the clustered result. Both are one core's work (Arrow's
    take and Parquet's encoder release the GIL), ~5 s each on a million near-copies."""
    from datamap.tasks import dedupe as D

    with ThreadPoolExecutor(1) as pool:
        written = pool.submit(write_pair_table, work_dir, ids, pairs)
        result = D.cut_clusters(pairs, id_list, opts)
        write_point_table(work_dir, ids, result)
        written.result()
    return result


def point_table(ids: pa.Array, result) -> pa.Table:
    cl = result.clusters
    return pa.table({
        schema.ID: ids,
        schema.DUP_CLUSTER_ID: pa.array(cl.cluster_id, type=pa.int64()),
        schema.DUP_CLASS: pa.array(cl.duplicate_class.tolist(), type=pa.string()),
        schema.DUP_RETAINED_ID: ids.take(pa.array(cl.retained)),
        schema.DUP_DISTANCE: pa.array(cl.distance, type=pa.float32()),
    })


def pair_batches(ids: pa.Array, result, batch: int = PAIR_BATCH):
    """The near-pair table in slices: a million-row map of near-copies keeps tens of
    millions of pairs, whose id strings would not fit in memory all at once."""
    from datamap.resources.duplicate_clusters import TEXT_REASONS

    meta = {schema.NEIGHBOR_RADIUS_KEY: repr(float(result.radius)).encode()}
    if result.complete_to is not None and result.complete_to < result.radius:
        meta[schema.NEIGHBOR_COMPLETE_KEY] = repr(float(result.complete_to)).encode()
    reasons = pa.array(TEXT_REASONS, type=pa.string())
    for s in range(0, max(len(result.a), 1), batch):
        cols = {
            schema.ID: ids.take(pa.array(result.a[s:s + batch], type=pa.int64())),
            schema.NEIGHBOR_ID: ids.take(pa.array(result.b[s:s + batch], type=pa.int64())),
            schema.NEIGHBOR_DISTANCE: pa.array(result.distance[s:s + batch], type=pa.float32()),
        }
        if result.text_codes is not None:
            cols[schema.NEIGHBOR_TEXT_CHECK] = pa.DictionaryArray.from_arrays(
                pa.array(result.text_codes[s:s + batch], type=pa.int8()), reasons)
        yield pa.table(cols).replace_schema_metadata(meta)


@cached_stage("dedupe")
def dedupe(key: str, work_dir: str, text_field: str | None, options: dict) -> dict:
    t0 = time.perf_counter()
    from datamap.tasks import dedupe as D

    opts = D.DuplicateOptions.from_dict(options)
    ids, texts = read_ids_and_texts(work_dir, text_field if opts.text_check else None)
    vectors = read_vectors(os.path.join(work_dir, schema.WORK_VECTORS))
    knn_idx = np.load(os.path.join(work_dir, schema.WORK_KNN_IDX), mmap_mode="r")
    knn_dist = np.load(os.path.join(work_dir, schema.WORK_KNN_DIST), mmap_mode="r")
    index = None
    if len(vectors) >= opts.exact_below:
        from usearch.index import Index

        index = Index.restore(os.path.join(work_dir, schema.WORK_INDEX), view=True)
    id_list = ids.to_pylist()
    pairs = D.find_pairs(id_list, vectors, opts, knn_idx=np.asarray(knn_idx), knn_dist=np.asarray(knn_dist),
                         index=index, texts=texts, order=read_locality(work_dir, len(vectors)))
    result = cut_and_write(work_dir, ids, id_list, pairs, opts)
    cl = result.clusters
    return {"seconds": time.perf_counter() - t0,
            "files": {schema.DUPLICATES: schema.DUPLICATES,
                      schema.DUPLICATE_NEIGHBORS: schema.DUPLICATE_NEIGHBORS},
            "summary": {"duplicate_cutoff": float(opts.duplicate_cutoff),
                        "neighbor_radius": float(result.radius),
                        "tag_duplicates": bool(opts.tag_duplicates),
                        "method": result.method,
                        "clusters": cl.n_clusters,
                        "deletion_candidates": cl.n_deletion,
                        "near_pairs": int(len(result.a)),
                        "pairs_complete_to": float(result.radius if result.complete_to is None
                                                   else result.complete_to),
                        "text_check": result.text_check,
                        "seconds": {k: round(v, 3) for k, v in result.seconds.items()}}}


def read_locality(work_dir: str, n: int) -> np.ndarray | None:
    """The index stage's locality order of the rows, when it made one for this map."""
    path = os.path.join(work_dir, schema.WORK_LOCALITY)
    if not os.path.exists(path):
        return None
    order = np.load(path)
    return order if len(order) == n else None


def read_ids_and_texts(work_dir: str, text_field: str | None):
    """The ids and, when the text check runs and the map has a text field, the texts."""
    path = os.path.join(work_dir, schema.WORK_DATA)
    names = pq.read_schema(path).names
    cols = [schema.ID] + ([text_field] if text_field and text_field in names else [])
    tb = pq.read_table(path, columns=cols)
    texts = tb.column(text_field).combine_chunks() if len(cols) == 2 else None
    return tb.column(schema.ID).combine_chunks(), texts


@cached_stage("dedupe-refresh")
def dedupe_refresh(key: str, work_dir: str, store_uri: str, storage_options: dict, dataset: str,
                 parent: str, options: dict) -> dict:
    """The parent's near pairs between anchored points, plus the pairs of the placed
    points (exact, against every point), re-clustered: what a rebuild finds, without
    searching the neighbourhoods of the points that did not change. Pairs are regrouped
    by identical vectors (``tasks.dedupe_groups``) and re-checked by text, as a rebuild
    does."""
    from datamap.resources.duplicate_clusters import canonical_pairs
    from datamap.tasks import dedupe as D
    from datamap.tasks.dedupe_groups import copy_groups, expand, to_groups

    t0 = time.perf_counter()
    opts = D.DuplicateOptions.from_dict(options)
    pm = open_map(dataset, store=Store(store_uri, storage_options), version=parent)
    state = np.load(os.path.join(work_dir, schema.WORK_REFRESH_STATE))
    anchored, placed = state["anchored"], state["placed"]
    n = len(anchored)
    before = pm.manifest.get("dedupe") or {}
    text_field = pm.manifest.get("text_field")
    same = (before.get("neighbor_radius") == float(opts.radius)
            and before.get("duplicate_cutoff") == float(opts.duplicate_cutoff))
    if not same or not pm.has(schema.DUPLICATE_NEIGHBORS) or len(placed) * n > 5e9:
        return dedupe.fn(key=key, work_dir=work_dir, text_field=text_field, options=options)
    ids, texts = read_ids_and_texts(work_dir, text_field if opts.text_check else None)
    vectors = read_vectors(os.path.join(work_dir, schema.WORK_VECTORS))
    t1 = time.perf_counter()
    pos = pl.DataFrame({"k": ids.to_pylist(), "p": np.arange(n)}).filter(pl.Series(anchored))
    old = pl.from_arrow(pm.read_parquet(schema.DUPLICATE_NEIGHBORS).select(
        [schema.ID, schema.NEIGHBOR_ID, schema.NEIGHBOR_DISTANCE]))
    kept = (old.join(pos.rename({"k": schema.ID, "p": "a"}), on=schema.ID)
            .join(pos.rename({"k": schema.NEIGHBOR_ID, "p": "b"}), on=schema.NEIGHBOR_ID))
    a, b, d = R.pairs_near_rows(vectors, placed, opts.radius)
    a = np.concatenate([kept["a"].to_numpy().astype(np.int64), a])
    b = np.concatenate([kept["b"].to_numpy().astype(np.int64), b])
    d = np.concatenate([kept[schema.NEIGHBOR_DISTANCE].to_numpy().astype(np.float32), d])
    id_list = ids.to_pylist()
    groups = copy_groups(vectors, id_list, texts if opts.text_check else None)
    a, b, d = expand(groups, *to_groups(groups, *canonical_pairs(a, b, d, n)))
    t2 = time.perf_counter()
    codes, info = D.run_text_check(texts, a, b, d, opts)
    t3 = time.perf_counter()
    pairs = D.DuplicateResult(a, b, d, None, opts.radius, "refresh", {"pairs": t2 - t1, "text_check": t3 - t2},
                              codes, info, before.get("pairs_complete_to"))   # anchored pairs are the parent's
    result = cut_and_write(work_dir, ids, id_list, pairs, opts)
    clusters = result.clusters
    return {"seconds": time.perf_counter() - t0,
            "files": {schema.DUPLICATES: schema.DUPLICATES, schema.DUPLICATE_NEIGHBORS: schema.DUPLICATE_NEIGHBORS},
            "summary": {**before, "method": "refresh", "refreshed_from": parent,
                        "clusters": clusters.n_clusters, "deletion_candidates": clusters.n_deletion,
                        "near_pairs": int(len(a)), "new_points_searched": int(len(placed)),
                        "tag_duplicates": bool(opts.tag_duplicates), "text_check": result.text_check,
                        "seconds": {k: round(v, 3) for k, v in result.seconds.items()}}}
