"""The ``project`` stage: the 2-D layout (UMAP, t-SNE, PCA or auto by size). Its refresh
variant keeps the parent version's geography and places only new or moved points."""
from __future__ import annotations

import json
import os
import time

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from datamap.flows.runtime.dask_parts import cluster_mapper, place_chunk_rows
from datamap.flows.runtime.stagekit import cached_stage, read_vectors
from datamap.flows.stages import refresh_plan as plan
from datamap.resources import schema
from datamap.resources.failpoints import failpoint
from datamap.resources.reader import open_map
from datamap.resources.store import Store
from datamap.resources.vectors import index_queries
from datamap.tasks import refresh as R


@cached_stage("project")
def project(key: str, work_dir: str, projection: dict) -> dict:
    t0 = time.perf_counter()
    xy, info = plan.full_layout(work_dir, projection)     # umap | tsne | pca | auto
    ids = pq.read_table(os.path.join(work_dir, schema.DATA), columns=[schema.ID]).column(schema.ID)
    pq.write_table(pa.table({schema.ID: ids, schema.X: xy[:, 0], schema.Y: xy[:, 1]}),
                   os.path.join(work_dir, schema.WORK_PROJECTION))
    with open(os.path.join(work_dir, schema.WORK_PROJECTION_INFO), "w") as f:   # the projections stage reads what ran
        json.dump(info, f)
    failpoint("project.after_write")
    return {"seconds": time.perf_counter() - t0, "projection": info}


@cached_stage("project-refresh")
def project_refresh(key: str, work_dir: str, store_uri: str, storage_options: dict, dataset: str, parent: str,
                model_id: str, dim: int, projection: dict, threshold: float) -> dict:
    t0 = time.perf_counter()
    pm = open_map(dataset, store=Store(store_uri, storage_options), version=parent)
    new = pl.read_parquet(os.path.join(work_dir, schema.WORK_DATA), columns=[schema.ID])
    planned = plan.load(work_dir)        # written by index_stage above
    info, reason, diff = planned if planned is not None else plan.compute(work_dir, pm, model_id, dim, projection,
                                                                    threshold)
    vectors = read_vectors(os.path.join(work_dir, schema.WORK_VECTORS))
    ids = new[schema.ID].to_arrow()
    if reason is not None:
        xy, main = plan.full_layout(work_dir, projection)
        info.update(mode="full", reason=reason)
        placed_rows = np.arange(len(new))
        anchored = np.zeros(len(new), bool)
        parent_pos = np.full(len(new), -1, np.int64)
    else:
        proj = pm.read_parquet(schema.PROJECTION)
        old_xy = np.column_stack([proj.column(schema.X).to_numpy(), proj.column(schema.Y).to_numpy()])
        xy = np.zeros((len(new), 2), np.float32)
        parent_pos, anchored, placed_rows = plan.anchoring(diff, len(new))
        xy[anchored] = old_xy[parent_pos[anchored]]
        knn_idx = np.load(os.path.join(work_dir, schema.WORK_KNN_IDX))
        knn_dist = np.load(os.path.join(work_dir, schema.WORK_KNN_DIST))
        new_of_old = np.full(pm.row_count, -1, np.int64)
        new_of_old[parent_pos[anchored]] = np.nonzero(anchored)[0]

        def via_parent_index(rows: np.ndarray):
            """Rows with no anchored neighbour in the new graph: ask the parent's index."""
            found = pm.embeddings.index.search(index_queries(vectors[rows], pm.embeddings.index), 64)
            out = []
            for r in range(len(rows)):
                keys = np.asarray(found.keys[r], np.int64)
                dist = np.asarray(found.distances[r], np.float64)
                ok = (keys < len(new_of_old))
                keys, dist = keys[ok], dist[ok]
                pos = new_of_old[keys]
                out.append((pos[pos >= 0], dist[pos >= 0]))
            return out

        mapper = cluster_mapper()      # on a Dask worker: chunks of new points go to the cluster
        xy, n_fallback = R.place(xy, anchored, placed_rows, knn_idx, knn_dist, fallback=via_parent_index,
                                 mapper=mapper, chunk=place_chunk_rows())
        info.update(mode="incremental", placed=int(len(placed_rows)), placed_via_parent_index=n_fallback)
        # the geography is the parent's, so is the record of how it was made (kept down refresh chains)
        main = dict(pm.manifest.get("projection") or {}, inherited_from=pm.version)
        by_tsne = plan.tsne_place(main, vectors, xy, anchored, placed_rows)
        if by_tsne is not None:
            xy[placed_rows] = by_tsne
            info["placed_by"] = "openTSNE transform"
        if mapper is not None:
            n_parts = -(-len(placed_rows) // place_chunk_rows())
            info["place_tasks"] = n_parts if n_parts > 1 else 0     # 1 part: placed in this task
    pq.write_table(pa.table({schema.ID: ids, schema.X: xy[:, 0], schema.Y: xy[:, 1]}),
                   os.path.join(work_dir, schema.WORK_PROJECTION))
    np.savez(os.path.join(work_dir, schema.WORK_REFRESH_STATE), anchored=anchored, placed=placed_rows, parent_pos=parent_pos)
    with open(os.path.join(work_dir, schema.WORK_PROJECTION_INFO), "w") as f:   # the projections stage reads what ran
        json.dump(main, f, default=str)
    info["seconds"] = time.perf_counter() - t0
    return {"seconds": info["seconds"], "refresh": info, "projection": main}
