"""The ``projections`` stage: extra 2-D layouts beside the main one.

``BuildOptions.projection = {"method": "umap", "extra": ["tsne", "pca"]}`` keeps UMAP as
``projection.parquet`` (``m.embeddings.projected``) and writes one
``schema.projection_artifact(method)`` per extra method, so a user can compare layouts
before trusting a cluster. The tiles stage (which runs later) calls ``extra_tile_sets``
to give each extra layout its own quadtree: a tile set is spatial, so sharing one across
layouts would load the wrong points when zoomed in.
"""
from __future__ import annotations

import json
import os
import shutil
import time

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from datamap.flows.runtime.stagekit import cached_stage, read_vectors
from datamap.resources import schema

schema.WORK_PROJECTIONS = "projections.json"   # {"main": method, "extra": [methods written]}
schema.WORK_PROJECTION_INFO = schema.WORK_PROJECTION_INFO  # the project stage's info: method that ran, why


def extra_methods(projection: dict, ran: str | None = None) -> tuple[str, list[str]]:
    """(main method, extra methods to compute), checked; the main one is never repeated.
    ``ran``: the method the main layout actually used (what ``auto`` resolved to)."""
    from datamap.resources.errors import UnknownProjection
    from datamap.tasks.project import METHODS, check_method

    from datamap.tasks.project.umap import ProjectionOptions

    main = check_method(projection.get("method", ProjectionOptions.method))
    if ran:
        main = ran
    extra = projection.get("extra") or []
    if isinstance(extra, str):
        extra = [extra]
    out: list[str] = []
    for m in extra:
        if m == "auto" or m not in METHODS:
            raise UnknownProjection(f"extra projection {m!r}: choose from {', '.join(METHODS)} "
                                    "('auto' only makes sense as the main method)")
        if m != main and m not in out:
            out.append(m)
    return main, out


@cached_stage("projections")
def projections(key: str, work_dir: str, text_field: str | None, options: dict) -> dict:
    t0 = time.perf_counter()
    from datamap.tasks.project import layout
    from datamap.tasks.project import umap as project_mod

    projection = dict(options.get("projection") or {})
    ran = None
    info_path = os.path.join(work_dir, schema.WORK_PROJECTION_INFO)
    if os.path.exists(info_path):      # absent after an incremental refresh (parent's layout kept)
        with open(info_path) as f:
            ran = json.load(f).get("method")
    main, extras = extra_methods(projection, ran)
    base = {k: v for k, v in projection.items() if k not in ("method", "extra")}
    files: dict[str, str] = {}
    methods: dict[str, dict] = {}
    if extras:
        vectors = read_vectors(os.path.join(work_dir, schema.WORK_VECTORS))
        knn = (np.load(os.path.join(work_dir, schema.WORK_KNN_IDX)), np.load(os.path.join(work_dir, schema.WORK_KNN_DIST)))
        ids = pq.read_table(os.path.join(work_dir, schema.WORK_DATA), columns=[schema.ID]).column(schema.ID)
        for m in extras:
            lay = layout(vectors, project_mod.ProjectionOptions(**base, method=m), knn=knn)
            name = schema.projection_artifact(m)
            pq.write_table(pa.table({schema.ID: ids, schema.X: lay.xy[:, 0], schema.Y: lay.xy[:, 1]}),
                           os.path.join(work_dir, name))
            files[name] = name
            methods[m] = lay.info
    with open(os.path.join(work_dir, schema.WORK_PROJECTIONS), "w") as f:
        json.dump({"main": main, "extra": list(methods)}, f)
    return {"seconds": time.perf_counter() - t0, "files": files,
            "summary": {"main": main, "extra": list(methods), "methods": methods}}


def extra_tile_sets(work_dir: str, columns: list, opts) -> dict[str, str]:
    """Write a tile set per extra layout (same colour columns as the main tiles); return
    {artifact: path in work_dir} for the tiles stage's ``files``."""
    from datamap.tasks import tiles as T

    path = os.path.join(work_dir, schema.WORK_PROJECTIONS)
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        extras = json.load(f).get("extra", [])
    out = {}
    for m in extras:
        proj = pq.read_table(os.path.join(work_dir, schema.projection_artifact(m)), columns=[schema.X, schema.Y])
        name = schema.tiles_artifact(m)
        out_dir = os.path.join(work_dir, name)
        shutil.rmtree(out_dir, ignore_errors=True)
        T.write_tiles(out_dir, proj.column(schema.X).to_numpy(), proj.column(schema.Y).to_numpy(), columns, opts)
        out[name] = name
    return out
