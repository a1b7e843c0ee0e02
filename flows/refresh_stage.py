"""Refresh stages: the layout and topics of a build that has a parent version.

``place_stage`` stands in for ``project_stage`` when the dataset already has a version:
it diffs the new table against the parent (``tasks.refresh``), keeps unchanged points
where they were and places new ones among their anchored neighbours, or falls back to a
full UMAP layout when the parent is incompatible or the drift is over the threshold.
``topics_stage`` stands in for the topics stage after an incremental layout: the parent's
topics stay, new points join the topic of their anchored neighbours.
"""
from __future__ import annotations

import json
import os
import time

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from resources import schema
from resources.reader import open_map
from resources.store import Store
from tasks import project as project_mod
from tasks import refresh as R

from .stagekit import (WORK_DATA, WORK_INDEX, WORK_KNN_DIST, WORK_KNN_IDX, WORK_PROJECTION, WORK_VECTORS,
                       cached_stage, read_vectors)

REFRESH_STATE = "refresh_state.npz"     # work-area file: anchored mask + placed rows + parent positions


def _incompatible(parent_manifest: dict, model_id: str, dim: int, projection: dict) -> str | None:
    pm = parent_manifest.get("model", {})
    if pm.get("id") != model_id or pm.get("dim") != dim:
        return f"embedding model changed ({pm.get('id')}/{pm.get('dim')} → {model_id}/{dim})"
    pp = parent_manifest.get("build", {}).get("params", {}).get("projection", {})
    if project_mod.ProjectionOptions(**(pp or {})) != project_mod.ProjectionOptions(**(projection or {})):
        return "projection options changed"
    if not parent_manifest.get("artifacts", {}).get(schema.PROJECTION):
        return "parent has no layout"
    return None


def _full_layout(work_dir: str, projection: dict) -> tuple[np.ndarray, dict]:
    """A fresh layout by the method asked for (umap | tsne | pca | auto), and what ran."""
    from tasks.projectors import layout

    vectors = read_vectors(os.path.join(work_dir, WORK_VECTORS))
    knn = (np.load(os.path.join(work_dir, WORK_KNN_IDX)), np.load(os.path.join(work_dir, WORK_KNN_DIST)))
    lay = layout(vectors, project_mod.ProjectionOptions(**projection), knn=knn)
    return lay.xy, lay.info


def _tsne_place(main: dict, vectors: np.ndarray, xy: np.ndarray, anchored: np.ndarray,
                rows: np.ndarray) -> np.ndarray | None:
    """On a t-SNE map, new points are optimised into the parent's embedding by openTSNE
    (old points fixed) rather than only dropped at their neighbours' median: t-SNE's
    clusters are tighter than UMAP's, and a median between two of them lands in a gap."""
    if main.get("method") != "tsne" or not main.get("box_transform") or not len(rows) or anchored.sum() < 4:
        return None
    from tasks.projectors.tsne import place_points

    got = place_points(vectors[anchored], xy[anchored], main["box_transform"], vectors[rows],
                       perplexity=float(main.get("perplexity", 30.0)), metric=main.get("metric", "cosine"))
    return np.clip(got, 0.0, 1.0).astype(np.float32)


REFRESH_PLAN = "refresh_plan.npz"       # work-area file: the row diff the index stage computed
REFRESH_INFO = "refresh_plan.json"      # … and its summary / decision


def _plan(work_dir: str, pm, model_id: str, dim: int, projection: dict, threshold: float):
    """(info, reason for a full layout or None, RowDiff or None) of this build vs the parent."""
    new = pl.read_parquet(os.path.join(work_dir, WORK_DATA))
    info: dict = {"parent": pm.version, "threshold": threshold}
    reason = _incompatible(pm.manifest, model_id, dim, projection)
    diff = None
    if reason is None:
        old = pl.from_arrow(pm.read_parquet(schema.DATA))
        diff = R.diff_rows(old, new)
        vectors = read_vectors(os.path.join(work_dir, WORK_VECTORS))
        diff.moved = R.moved_rows(diff, pm.embeddings.latent, vectors)
        info.update(diff.summary())
        if diff.drift > threshold:
            reason = f"drift {diff.drift:.1%} > threshold {threshold:.0%}"
    return info, reason, diff


def _save_plan(work_dir: str, info: dict, reason: str | None, diff) -> None:
    arrays = {}
    if diff is not None:
        arrays = {"kept_new": diff.kept_new, "kept_old": diff.kept_old, "moved": diff.moved,
                  "added": diff.added, "changed": diff.changed, "n": np.array([diff.n_old, diff.n_new])}
    np.savez(os.path.join(work_dir, REFRESH_PLAN), **arrays)
    with open(os.path.join(work_dir, REFRESH_INFO), "w") as f:
        json.dump({"info": info, "reason": reason}, f, default=str)


def _load_plan(work_dir: str):
    path = os.path.join(work_dir, REFRESH_INFO)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        got = json.load(f)
    z = np.load(os.path.join(work_dir, REFRESH_PLAN))
    diff = None
    if "kept_new" in z:
        diff = R.RowDiff(n_old=int(z["n"][0]), n_new=int(z["n"][1]), added=z["added"],
                         removed=[None] * int(got["info"].get("rows_removed", 0)), changed=z["changed"],
                         kept_new=z["kept_new"], kept_old=z["kept_old"], moved=z["moved"])
    return got["info"], got["reason"], diff


def _anchoring(diff, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(parent position per new row or -1, anchored mask, rows to place)."""
    parent_pos = np.full(n, -1, np.int64)
    parent_pos[diff.kept_new] = diff.kept_old
    anchored = parent_pos >= 0
    anchored[diff.moved] = False
    return parent_pos, anchored, np.nonzero(~anchored)[0]


def _index_opts(params: dict) -> dict:
    from .build_map import index_options      # one formula for the build and its refresh

    return index_options(params.get("latent_dtype", "float32"), params.get("index"))


@cached_stage
def index_stage(key: str, work_dir: str, store_uri: str, storage_options: dict, dataset: str, parent: str,
                model_id: str, dim: int, projection: dict, threshold: float, index: dict) -> dict:
    """Stands in for the index stage when a parent exists: diff the rows, then turn the
    parent's usearch index into this build's (remove gone keys, renumber, add new rows)
    and patch its k-NN graph, searching only rows whose neighbourhood changed. Builds
    from scratch when the layout will be redone anyway or the index settings changed."""
    from usearch.index import Index

    from tasks import index as index_mod

    from .build_map import KNN_K
    from .build_map import index_stage as full_index

    t0 = time.perf_counter()
    pm = open_map(dataset, store=Store(store_uri, storage_options), version=parent)
    info, reason, diff = _plan(work_dir, pm, model_id, dim, projection, threshold)
    why = reason
    if why is None and _index_opts(pm.manifest.get("build", {}).get("params", {})) != index:
        why = "index options changed"
    if why is None and not pm.has(schema.INDEX):
        why = "parent has no index"
    if why is not None:
        res = full_index.fn(key=key, work_dir=work_dir, index=index)
        info["index"] = {"reused": False, "reason": why}
        _save_plan(work_dir, info, reason, diff)
        return {**res, "seconds": time.perf_counter() - t0}
    vectors = read_vectors(os.path.join(work_dir, WORK_VECTORS))
    n = len(vectors)
    parent_pos, anchored, placed = _anchoring(diff, n)
    idx = Index.restore(pm.local_file(schema.INDEX))       # a private copy in memory
    arows = np.nonzero(anchored)[0]
    index_mod.reindex(idx, pm.row_count, parent_pos[arows], arows, placed, vectors[placed])
    if len(idx) != n:
        raise RuntimeError(f"refreshed index holds {len(idx)} vectors for {n} rows")
    index_mod.save_index(idx, os.path.join(work_dir, WORK_INDEX))
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
    np.save(os.path.join(work_dir, WORK_KNN_IDX), keys)
    np.save(os.path.join(work_dir, WORK_KNN_DIST), dists)
    info["index"] = {"reused": True, "removed": int(pm.row_count - len(arows)), "added": int(len(placed)),
                     "knn_rows_searched": int(searched)}
    _save_plan(work_dir, info, reason, diff)
    return {"seconds": time.perf_counter() - t0, "build_seconds": t1 - t0,
            "knn_seconds": time.perf_counter() - t1, "k": int(keys.shape[1]), "reused": True}


@cached_stage
def place_stage(key: str, work_dir: str, store_uri: str, storage_options: dict, dataset: str, parent: str,
                model_id: str, dim: int, projection: dict, threshold: float) -> dict:
    t0 = time.perf_counter()
    pm = open_map(dataset, store=Store(store_uri, storage_options), version=parent)
    new = pl.read_parquet(os.path.join(work_dir, WORK_DATA), columns=[schema.ID])
    planned = _load_plan(work_dir)        # written by index_stage above
    info, reason, diff = planned if planned is not None else _plan(work_dir, pm, model_id, dim, projection,
                                                                    threshold)
    vectors = read_vectors(os.path.join(work_dir, WORK_VECTORS))
    ids = new[schema.ID].to_arrow()
    if reason is not None:
        xy, main = _full_layout(work_dir, projection)
        info.update(mode="full", reason=reason)
        placed_rows = np.arange(len(new))
        anchored = np.zeros(len(new), bool)
        parent_pos = np.full(len(new), -1, np.int64)
    else:
        proj = pm.read_parquet(schema.PROJECTION)
        old_xy = np.column_stack([proj.column(schema.X).to_numpy(), proj.column(schema.Y).to_numpy()])
        xy = np.zeros((len(new), 2), np.float32)
        parent_pos, anchored, placed_rows = _anchoring(diff, len(new))
        xy[anchored] = old_xy[parent_pos[anchored]]
        knn_idx = np.load(os.path.join(work_dir, WORK_KNN_IDX))
        knn_dist = np.load(os.path.join(work_dir, WORK_KNN_DIST))
        new_of_old = np.full(pm.row_count, -1, np.int64)
        new_of_old[parent_pos[anchored]] = np.nonzero(anchored)[0]

        def via_parent_index(rows: np.ndarray):
            """Rows with no anchored neighbour in the new graph: ask the parent's index."""
            found = pm.embeddings.index.search(vectors[rows], 64)
            out = []
            for r in range(len(rows)):
                keys = np.asarray(found.keys[r], np.int64)
                dist = np.asarray(found.distances[r], np.float64)
                ok = (keys < len(new_of_old))
                keys, dist = keys[ok], dist[ok]
                pos = new_of_old[keys]
                out.append((pos[pos >= 0], dist[pos >= 0]))
            return out

        from .dask_parts import cluster_mapper, place_chunk_rows

        mapper = cluster_mapper()      # on a Dask worker: chunks of new points go to the cluster
        xy, n_fallback = R.place(xy, anchored, placed_rows, knn_idx, knn_dist, fallback=via_parent_index,
                                 mapper=mapper, chunk=place_chunk_rows())
        info.update(mode="incremental", placed=int(len(placed_rows)), placed_via_parent_index=n_fallback)
        # the geography is the parent's, so is the record of how it was made (kept down refresh chains)
        main = dict(pm.manifest.get("projection") or {}, inherited_from=pm.version)
        by_tsne = _tsne_place(main, vectors, xy, anchored, placed_rows)
        if by_tsne is not None:
            xy[placed_rows] = by_tsne
            info["placed_by"] = "openTSNE transform"
        if mapper is not None:
            n_parts = -(-len(placed_rows) // place_chunk_rows())
            info["place_tasks"] = n_parts if n_parts > 1 else 0     # 1 part: placed in this task
    pq.write_table(pa.table({schema.ID: ids, schema.X: xy[:, 0], schema.Y: xy[:, 1]}),
                   os.path.join(work_dir, WORK_PROJECTION))
    np.savez(os.path.join(work_dir, REFRESH_STATE), anchored=anchored, placed=placed_rows, parent_pos=parent_pos)
    with open(os.path.join(work_dir, "projection.json"), "w") as f:   # the projections stage reads what ran
        json.dump(main, f, default=str)
    info["seconds"] = time.perf_counter() - t0
    return {"seconds": info["seconds"], "refresh": info, "projection": main}


def _fetch_folder(pm, name: str, dest: str) -> None:
    """Copy a folder artifact (e.g. topic_model/) of the parent into the work area."""
    prefix = name + "/"
    for art in pm.manifest.get("artifacts", {}):
        if art.startswith(prefix):
            local = os.path.join(dest, *art[len(prefix):].split("/"))
            os.makedirs(os.path.dirname(local), exist_ok=True)
            with open(local, "wb") as f:
                f.write(pm.store.read_bytes(pm.artifact_path(art)))


@cached_stage
def topics_stage(key: str, work_dir: str, store_uri: str, storage_options: dict, dataset: str,
                 parent: str, options: dict) -> dict:
    """Parent's topics for anchored points; a neighbour vote for placed points."""
    t0 = time.perf_counter()
    pm = open_map(dataset, store=Store(store_uri, storage_options), version=parent)
    state = np.load(os.path.join(work_dir, REFRESH_STATE))
    anchored, placed, parent_pos = state["anchored"], state["placed"], state["parent_pos"]
    old_t = pm.read_parquet(schema.TOPICS)
    meta = pl.from_arrow(pm.read_parquet(schema.TOPIC_METADATA))
    depths = int(meta[schema.TOPIC_DEPTH].max())
    old_ids = np.column_stack([old_t.column(schema.topic_id_column(d + 1)).to_numpy() for d in range(depths)])
    n = len(anchored)
    ids = np.zeros((n, depths), np.int64)
    ids[anchored] = old_ids[parent_pos[anchored]]
    knn_idx = np.load(os.path.join(work_dir, WORK_KNN_IDX))
    nb = R.anchored_neighbours(anchored, placed, knn_idx, R.VOTE_K)
    # a point with no anchored neighbour joins the biggest finest topic
    finest = meta.filter(pl.col(schema.TOPIC_DEPTH) == depths).sort(schema.TOPIC_COUNT, descending=True)
    fine = R.vote(ids[:, -1], nb, default=int(finest[schema.TOPIC_ID][0]))
    parent_of = dict(zip(meta[schema.TOPIC_ID].to_list(), meta[schema.TOPIC_PARENT].to_list()))
    for d in range(depths - 1, -1, -1):
        ids[placed, d] = fine if d == depths - 1 else [parent_of[int(t)] for t in ids[placed, d + 1]]
    label = dict(zip(meta[schema.TOPIC_ID].to_list(), meta[schema.TOPIC_LABEL].to_list()))
    new_ids = pq.read_table(os.path.join(work_dir, WORK_DATA), columns=[schema.ID]).column(schema.ID)
    cols = {schema.ID: new_ids}
    for d in range(depths):
        cols[schema.topic_label_column(d + 1)] = pa.array([label[int(t)] for t in ids[:, d]], pa.string())
    for d in range(depths):
        cols[schema.topic_id_column(d + 1)] = pa.array(ids[:, d], pa.int64())
    pq.write_table(pa.table(cols), os.path.join(work_dir, schema.TOPICS), compression="zstd")
    counts = pl.DataFrame({schema.TOPIC_ID: ids.ravel()}).group_by(schema.TOPIC_ID).len("n")
    meta = (meta.join(counts, on=schema.TOPIC_ID, how="left")
            .with_columns(pl.col("n").fill_null(0).cast(pl.Int64).alias(schema.TOPIC_COUNT)).drop("n"))
    pq.write_table(meta.to_arrow(), os.path.join(work_dir, schema.TOPIC_METADATA), compression="zstd")
    model_dir = os.path.join(work_dir, schema.TOPIC_MODEL)
    files = {schema.TOPICS: schema.TOPICS, schema.TOPIC_METADATA: schema.TOPIC_METADATA}
    if any(a.startswith(schema.TOPIC_MODEL + "/") for a in pm.manifest.get("artifacts", {})):
        _fetch_folder(pm, schema.TOPIC_MODEL, model_dir)
        files[schema.TOPIC_MODEL] = schema.TOPIC_MODEL
    summary = dict(pm.manifest.get("topics", {}))
    summary.update(refreshed_from=parent, assigned=int(len(placed)),
                   n_topics=[int(len(np.unique(ids[:, d]))) for d in range(depths)])
    return {"seconds": time.perf_counter() - t0, "files": files, "summary": summary}


def parent_has(store_uri: str, storage_options: dict, dataset: str, parent: str, name: str) -> bool:
    m = Store(store_uri, storage_options).read_manifest(dataset, parent)
    return name in m.get("artifacts", {}) or any(a.startswith(name + "/") for a in m.get("artifacts", {}))



@cached_stage
def dedupe_stage(key: str, work_dir: str, store_uri: str, storage_options: dict, dataset: str,
                 parent: str, options: dict) -> dict:
    """The parent's near pairs between anchored points, plus the pairs of the placed
    points (exact, against every point), re-clustered: what a rebuild finds, without
    searching the neighbourhoods of the points that did not change."""
    from resources.duplicate_clusters import canonical_pairs, cluster_pairs
    from tasks import dedupe as D

    from . import stage_dedupe

    t0 = time.perf_counter()
    opts = D.DuplicateOptions.from_dict(options)
    pm = open_map(dataset, store=Store(store_uri, storage_options), version=parent)
    state = np.load(os.path.join(work_dir, REFRESH_STATE))
    anchored, placed = state["anchored"], state["placed"]
    n = len(anchored)
    before = pm.manifest.get("dedupe") or {}
    same = (before.get("neighbor_radius") == float(opts.radius)
            and before.get("duplicate_cutoff") == float(opts.duplicate_cutoff))
    if not same or not pm.has(schema.DUPLICATE_NEIGHBORS) or len(placed) * n > 5e9:
        return stage_dedupe.run.fn(key=key, work_dir=work_dir, text_field=None, options=options)
    ids = pq.read_table(os.path.join(work_dir, WORK_DATA), columns=[schema.ID]).column(schema.ID).combine_chunks()
    vectors = read_vectors(os.path.join(work_dir, WORK_VECTORS))
    t1 = time.perf_counter()
    pos = pl.DataFrame({"k": ids.to_pylist(), "p": np.arange(n)}).filter(pl.Series(anchored))
    old = pl.from_arrow(pm.read_parquet(schema.DUPLICATE_NEIGHBORS))
    kept = (old.join(pos.rename({"k": schema.ID, "p": "a"}), on=schema.ID)
            .join(pos.rename({"k": schema.NEIGHBOR_ID, "p": "b"}), on=schema.NEIGHBOR_ID))
    a, b, d = R.pairs_near_rows(vectors, placed, opts.radius)
    a = np.concatenate([kept["a"].to_numpy().astype(np.int64), a])
    b = np.concatenate([kept["b"].to_numpy().astype(np.int64), b])
    d = np.concatenate([kept[schema.NEIGHBOR_DISTANCE].to_numpy().astype(np.float32), d])
    a, b, d = canonical_pairs(a, b, d, n)
    t2 = time.perf_counter()
    clusters = cluster_pairs(n, ids.to_pylist(), a, b, d, opts.duplicate_cutoff)
    result = D.DuplicateResult(a, b, d, clusters, opts.radius, "refresh",
                               {"pairs": t2 - t1, "cluster": time.perf_counter() - t2})
    stage_dedupe.write_duplicate_tables(work_dir, ids, result)
    return {"seconds": time.perf_counter() - t0,
            "files": {schema.DUPLICATES: schema.DUPLICATES, schema.DUPLICATE_NEIGHBORS: schema.DUPLICATE_NEIGHBORS},
            "summary": {**before, "method": "refresh", "refreshed_from": parent,
                        "clusters": clusters.n_clusters, "deletion_candidates": clusters.n_deletion,
                        "near_pairs": int(len(a)), "new_points_searched": int(len(placed)),
                        "tag_duplicates": bool(opts.tag_duplicates),
                        "seconds": {k: round(v, 3) for k, v in result.seconds.items()}}}


def replacement(name: str, layout: dict, store_uri: str, storage_options: dict, dataset: str):
    """(task, extra kwargs) standing in for optional stage ``name`` after an incremental
    layout, or None to run the stage as usual. Topics keep the parent's model and vote
    for new points; dedupe keeps the parent's pairs and searches only around new points;
    tiles (and stages this module does not know) rerun as usual on the new layout."""
    info = layout.get("refresh") or {}
    if info.get("mode") != "incremental":
        return None
    extra = {"store_uri": store_uri, "storage_options": storage_options, "dataset": dataset,
             "parent": info["parent"]}
    if name == "topics" and parent_has(store_uri, storage_options, dataset, info["parent"], schema.TOPICS):
        return topics_stage, extra
    if name == "dedupe" and parent_has(store_uri, storage_options, dataset, info["parent"],
                                       schema.DUPLICATE_NEIGHBORS):
        return dedupe_stage, extra
    return None
