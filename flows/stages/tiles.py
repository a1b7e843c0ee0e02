"""The ``tiles`` stage: quadtree Arrow tiles for the web map (``tasks.tiles``).

Runs after topics and dedupe so their ids can colour the map: it picks up
``topics.parquet`` / ``topic_metadata.parquet`` / ``duplicates.parquet`` when an earlier
stage left them in the work area, and carries them in every tile.
"""
from __future__ import annotations

import os
import shutil
import time

import pyarrow as pa
import pyarrow.parquet as pq

from datamap.flows.runtime.stagekit import cached_stage
from datamap.resources import schema


@cached_stage("tiles")
def tiles(key: str, work_dir: str, text_field: str | None, options: dict) -> dict:
    t0 = time.perf_counter()
    from datamap.tasks import tiles as T

    opts = T.TileOptions.from_dict(options)
    proj = pq.read_table(os.path.join(work_dir, schema.WORK_PROJECTION), columns=[schema.X, schema.Y])
    x = proj.column(schema.X).to_numpy()
    y = proj.column(schema.Y).to_numpy()
    data_path = os.path.join(work_dir, schema.WORK_DATA)
    ids = pq.read_table(data_path, columns=[schema.ID]).column(schema.ID)
    columns = []
    topics_path = os.path.join(work_dir, schema.TOPICS)
    if os.path.exists(topics_path):
        meta_path = os.path.join(work_dir, schema.TOPIC_METADATA)
        meta = pq.read_table(meta_path) if os.path.exists(meta_path) else None
        columns += T.topic_columns(T.align_to(pq.read_table(topics_path), ids), meta)
    dup_path = os.path.join(work_dir, schema.DUPLICATES)
    if os.path.exists(dup_path):
        c = T.duplicate_column(T.align_to(pq.read_table(dup_path), ids))
        if c is not None:
            columns.append(c)
    skip = {schema.ID, text_field or ""}
    # only columns that can be colours (never the vectors or other list columns)
    names = [f.name for f in pq.read_schema(data_path) if f.name not in skip and (
        pa.types.is_string(f.type) or pa.types.is_large_string(f.type) or pa.types.is_boolean(f.type)
        or pa.types.is_integer(f.type) or pa.types.is_floating(f.type) or pa.types.is_dictionary(f.type))]
    if names:
        columns += T.field_columns(pq.read_table(data_path, columns=names), skip, opts)
    out_dir = os.path.join(work_dir, schema.TILES)
    shutil.rmtree(out_dir, ignore_errors=True)       # a resumed run rewrites it whole
    from datamap.flows.runtime.dask_parts import cluster_mapper, tiles_per_task

    # on a Dask worker (--runner dask) groups of tiles are written by tasks on the cluster
    index = T.write_tiles(out_dir, x, y, columns, opts, mapper=cluster_mapper(), tiles_per_task=tiles_per_task())
    sizes = [v[1] for v in index["tiles"].values()]
    from datamap.flows.stages.projections import extra_tile_sets  # one tile set per extra layout

    files = {schema.TILES: schema.TILES, **extra_tile_sets(work_dir, columns, opts)}
    return {"seconds": time.perf_counter() - t0,
            "files": files,
            "summary": {"tiles": len(index["tiles"]), "capacity": opts.capacity,
                        "max_depth": index["max_depth"], "bytes": int(sum(sizes)),
                        "root_bytes": int(index["tiles"].get("0/0/0", [0, 0])[1]),
                        "columns": [c["name"] for c in index["columns"]]}}
