"""The build flow: ingest → validate → embed → index → project → topics → dedupe → publish.

Each stage is a Prefect task around a pure function from ``tasks/``. Stage outputs go to
a local work area keyed by the build's inputs, and each task is cached on its inputs
(``cache_key_fn``), so re-running a crashed build resumes after the last finished stage.
Works on the ephemeral local Prefect; no server is needed.
"""
from __future__ import annotations

import dataclasses
import json
import os
import time
from typing import Any

import flows  # noqa: F401  (environment defaults: telemetry off, offline, numba cache)
import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
from prefect import flow, task

from resources import schema
from resources.store import Store
from resources.vectors import read_ipc, vectors_from_table
from tasks import embed as embed_mod
from tasks import index as index_mod
from tasks import ingest as ingest_mod
from tasks import project as project_mod
from tasks import publish as publish_mod
from tasks import refresh as refresh_mod
from tasks import validate as validate_mod
from tasks.failpoints import failpoint

from .stagekit import cached_stage, read_vectors, write_vectors
from .runners import on_dask, stage_on_runner
from .workarea import WorkArea, digest

KNN_K = 32   # neighbours kept from the index for UMAP, topics and dedupe


# ---- stages ---------------------------------------------------------------------------------
@cached_stage
def ingest_stage(key: str, work_dir: str, source: str, ingest: dict, on_invalid: str) -> dict:
    t0 = time.perf_counter()
    opts = ingest_mod.IngestOptions(**ingest)
    got = ingest_mod.ingest(source, opts)
    failpoint("ingest.after_read")
    widths = None
    if opts.embedding_field is not None and not np.isfinite(got.vectors).all():
        # rows of another width were padded with NaN: read again to name them (rare path)
        raw = ingest_mod.read_table(source, opts.format, opts.storage_options)
        widths = ingest_mod.ragged_rows(raw, opts.embedding_field)
    label = opts.embedding_field or opts.embeddings_uri or "embeddings"
    v = validate_mod.validate(got.table, got.vectors, opts.text_field, widths=widths,
                              embedding_label=label, on_invalid=on_invalid)
    v.table.write_parquet(os.path.join(work_dir, schema.DATA), compression="zstd", statistics=True)
    if v.vectors is not None:
        write_vectors(os.path.join(work_dir, "byo_vectors.arrow"), v.table[schema.ID].to_arrow(), v.vectors)
    with open(os.path.join(work_dir, schema.VALIDATION), "w") as f:
        json.dump(v.report, f, indent=2, default=str)
    return {"rows": v.table.height, "fingerprint": got.fingerprint, "validation": v.report,
            "byo": v.vectors is not None, "seconds": time.perf_counter() - t0}


@cached_stage
def embed_stage(key: str, work_dir: str, store_uri: str, storage_options: dict, text_field: str | None,
                byo: bool, embed: dict) -> dict:
    t0 = time.perf_counter()
    out = os.path.join(work_dir, "vectors.arrow")
    table = pq.read_table(os.path.join(work_dir, schema.DATA))
    ids = table.column(schema.ID)
    if byo:
        vectors = read_vectors(os.path.join(work_dir, "byo_vectors.arrow"))
        info = {"model_id": "user-provided", "embedded": 0, "cached": 0, "byo": True}
    else:
        opts = embed_mod.EmbedOptions(**embed)
        path, model_id, mode = embed_mod.resolve_embedder(opts)
        cache = embed_mod.EmbeddingCache(Store(store_uri, storage_options), model_id)
        texts = table.column(text_field).to_pylist()
        lazy = _LazyEmbedder(opts, model_id)
        res = embed_mod.embed_texts(texts, lazy, cache, opts)
        vectors = res.vectors
        info = {"model_id": res.model_id, "embedded": res.embedded, "cached": res.cached,
                "byo": False, "max_seq_length": lazy.max_seq_length, "mode": mode}
    write_vectors(out, ids, vectors)
    failpoint("embed.after_write")
    secs = time.perf_counter() - t0
    return {**info, "dim": int(vectors.shape[1]), "seconds": secs,
            "docs_per_s": (info["embedded"] / secs) if info["embedded"] else None}


class _LazyEmbedder:
    """Loads the model only if some text is missing from the cache (saves ~3 s + RAM)."""

    def __init__(self, opts: "embed_mod.EmbedOptions", model_id: str):
        self.opts, self.model_id = opts, model_id
        self._model = None
        self.max_seq_length = None

    def _load(self):
        if self._model is None:
            self._model = embed_mod.load_embedder(self.opts)
            self.max_seq_length = getattr(self._model, "max_seq_length", None)
        return self._model

    @property
    def dim(self) -> int:
        return self._load().dim

    def encode(self, texts: list[str]) -> np.ndarray:
        return self._load().encode(texts)


@cached_stage
def index_stage(key: str, work_dir: str, index: dict) -> dict:
    t0 = time.perf_counter()
    vectors = read_vectors(os.path.join(work_dir, "vectors.arrow"))
    idx = index_mod.build_index(vectors, index_mod.IndexOptions(**index))
    index_mod.save_index(idx, os.path.join(work_dir, schema.INDEX))
    t1 = time.perf_counter()
    keys, dists = index_mod.knn_graph(idx, vectors, KNN_K + 1)
    np.save(os.path.join(work_dir, "knn_idx.npy"), keys)
    np.save(os.path.join(work_dir, "knn_dist.npy"), dists)
    return {"seconds": time.perf_counter() - t0, "build_seconds": t1 - t0,
            "knn_seconds": time.perf_counter() - t1, "k": int(keys.shape[1])}


@cached_stage
def project_stage(key: str, work_dir: str, projection: dict) -> dict:
    t0 = time.perf_counter()
    vectors = read_vectors(os.path.join(work_dir, "vectors.arrow"))
    knn = (np.load(os.path.join(work_dir, "knn_idx.npy")), np.load(os.path.join(work_dir, "knn_dist.npy")))
    from tasks.projectors import layout

    lay = layout(vectors, project_mod.ProjectionOptions(**projection), knn=knn)   # umap | tsne | pca | auto
    xy = lay.xy
    ids = pq.read_table(os.path.join(work_dir, schema.DATA), columns=[schema.ID]).column(schema.ID)
    pq.write_table(pa.table({schema.ID: ids, schema.X: xy[:, 0], schema.Y: xy[:, 1]}),
                   os.path.join(work_dir, schema.PROJECTION))
    with open(os.path.join(work_dir, "projection.json"), "w") as f:   # the projections stage reads what ran
        json.dump(lay.info, f)
    failpoint("project.after_write")
    return {"seconds": time.perf_counter() - t0, "projection": lay.info}


@task(retries=2, retry_delay_seconds=2)
def publish_stage(work_dir: str, store_uri: str, storage_options: dict, dataset: str,
                  files: dict[str, str], manifest: dict, latent_dtype: str) -> str:
    if latent_dtype != "float32":
        src = os.path.join(work_dir, "vectors.arrow")
        t = read_ipc(pa.memory_map(src, "r"))
        dst = os.path.join(work_dir, f"vectors.{latent_dtype}.arrow")
        write_vectors(dst, t.column(schema.ID), vectors_from_table(t), latent_dtype)
        files = {**files, schema.EMBEDDINGS: dst}
    store = Store(store_uri, storage_options)
    return publish_mod.publish(store, dataset, files, manifest)


# ---- the flow ----------------------------------------------------------------------------------
@dataclasses.dataclass
class BuildOptions:
    """Everything that shapes a build. Plain data so it is a flow parameter and manifest entry."""
    text_field: str | None = None
    id_field: str | None = None
    embedding_field: str | None = None
    embeddings: str | None = None
    input_format: str | None = None
    model: str | None = None
    on_invalid: str = "fail"
    latent_dtype: str = "float32"
    batch_size: int = 32
    projection: dict = dataclasses.field(default_factory=dict)
    embed_mode: str = "quality"     # quality | exact | fast | torch (tasks/embed.py EMBED_MODES)
    index: dict = dataclasses.field(default_factory=dict)
    topics: dict | None = dataclasses.field(default_factory=dict)     # None: skip the stage
    dedupe: dict | None = dataclasses.field(default_factory=dict)     # None: skip the stage
    outliers: dict | None = dataclasses.field(default_factory=dict)   # None: skip the stage
    tiles: dict | None = dataclasses.field(default_factory=dict)      # None: skip the stage
    projections: dict | None = dataclasses.field(default_factory=dict)  # extra layouts (projection["extra"]); None: skip
    thumbnails: dict | None = dataclasses.field(default_factory=dict)   # image maps: thumbnails; None: skip
    full: bool = False                 # True: full re-layout even when a parent version exists
    refresh_threshold: float = 0.2     # drift (share of rows added/removed/changed) forcing a full layout


def _peak_rss_mb() -> float:
    """The process's memory high-water mark so far: read after every stage, the first stage
    whose figure jumps is the one that sets a big build's peak (bench/compare.py reports it).

    Linux's VmHWM, not getrusage's ru_maxrss: the latter keeps the high-water mark of
    whatever process forked this one (a benchmark holding a million vectors made a build
    look 8 GB bigger than it was)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    import resource
    import sys

    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


@flow(name="build_map", log_prints=True)
def build_map(source: str, dataset: str, store: str | None = None, options: dict | None = None,
              storage_options: dict | None = None, skip_unchanged: bool = False) -> dict:
    """Build ``dataset`` from ``source`` and publish a new version; return its summary.

    ``skip_unchanged`` (scheduled refreshes set it): when the source's bytes and the
    options equal the latest version's, publish nothing and return that version with
    ``unchanged: True``."""
    t_start = time.perf_counter()
    opts = BuildOptions(**(options or {}))
    if opts.on_invalid not in ("fail", "skip"):
        raise ValueError("on_invalid must be 'fail' or 'skip'")
    if opts.latent_dtype not in schema.LATENT_DTYPES:
        raise ValueError(f"latent_dtype must be one of {schema.LATENT_DTYPES}")
    schema.check_name(dataset, "dataset")
    st = Store(store, storage_options)
    st.check_reachable()
    so = storage_options or {}
    fp = ingest_mod.source_fingerprint(source, so)
    parent_man = _unchanged_candidate(st, dataset, opts) if skip_unchanged else None
    if parent_man is not None and refresh_mod.unchanged_source(parent_man, fp, dataclasses.asdict(opts)):
        return _unchanged(st, dataset, parent_man, t_start)
    build_key = digest(fp, dataclasses.asdict(opts))
    work = WorkArea(st.uri, dataset, build_key)
    ingest_opts = {"text_field": opts.text_field, "id_field": opts.id_field,
                   "embedding_field": opts.embedding_field, "embeddings_uri": opts.embeddings,
                   "format": opts.input_format, "storage_options": so}
    k_ingest = work.key("ingest", fp, ingest_opts, opts.on_invalid)
    cached: list[str] = []
    peak_rss: dict[str, float] = {}   # MB, this process's high-water mark after each stage

    def call(name: str, stage_fn, **kw) -> dict:
        state = stage_on_runner(stage_fn, **kw)   # on Dask workers with --runner dask (flows/runners.py)
        res = state.result()  # re-raises the stage's own exception
        if state.name == "Cached":
            cached.append(name)
        peak_rss[name] = _peak_rss_mb()
        return res

    ing = call("ingest", ingest_stage, key=k_ingest, work_dir=work.dir, source=source, ingest=ingest_opts,
                       on_invalid=opts.on_invalid)
    if parent_man is not None and refresh_mod.unchanged_source(parent_man, ing["fingerprint"],
                                                               dataclasses.asdict(opts)):
        work.remove()     # rewritten with the same bytes: still nothing to publish
        return _unchanged(st, dataset, parent_man, t_start)
    embed_opts = {"model": opts.model, "batch_size": opts.batch_size, "mode": opts.embed_mode}
    k_embed = work.key("embed", k_ingest, embed_opts)
    pre = None
    if not ing["byo"] and opts.text_field and on_dask():   # batches on the cluster, into the store's cache
        from .dask_parts import embed_on_cluster

        pre = embed_on_cluster(work.dir, st.uri, so, opts.text_field, embed_opts)
    emb = call("embed", embed_stage, key=k_embed, work_dir=work.dir, store_uri=st.uri, storage_options=so,
                      text_field=opts.text_field, byo=ing["byo"], embed=embed_opts)
    if pre is not None and pre["batches"]:
        emb = {**emb, "embedded": pre["embedded"], "cached": emb["cached"] - pre["rows"], "dask": pre}
    # dtype None: f32, or the large-map settings from tasks/index.py LARGE_INDEX_ROWS on
    index_opts = index_options(opts.latent_dtype, opts.index)
    k_index = work.key("index", k_embed, index_opts)
    parent = None if opts.full else st.latest(dataset)
    if parent is None:
        idx = call("index", index_stage, key=k_index, work_dir=work.dir, index=index_opts)
    else:  # refresh: reuse the parent's index and k-NN graph (flows/refresh_stage.py)
        from . import refresh_stage

        k_index = work.key("index", k_embed, index_opts, parent)
        idx = call("index", refresh_stage.index_stage, key=k_index, work_dir=work.dir, store_uri=st.uri,
                   storage_options=so, dataset=dataset, parent=parent, model_id=emb["model_id"],
                   dim=emb["dim"], projection=opts.projection, threshold=opts.refresh_threshold,
                   index=index_opts)
    k_proj = work.key("project", k_index, opts.projection, parent)
    if parent is None:
        proj = call("project", project_stage, key=k_proj, work_dir=work.dir, projection=opts.projection)
    else:  # incremental refresh: keep the parent's geography (flows/refresh_stage.py)
        from . import refresh_stage

        proj = call("project", refresh_stage.place_stage, key=k_proj, work_dir=work.dir, store_uri=st.uri,
                    storage_options=so, dataset=dataset, parent=parent, model_id=emb["model_id"],
                    dim=emb["dim"], projection=opts.projection, threshold=opts.refresh_threshold)

    files = {schema.DATA: work.path(schema.DATA), schema.EMBEDDINGS: work.path("vectors.arrow"),
             schema.PROJECTION: work.path(schema.PROJECTION), schema.INDEX: work.path(schema.INDEX),
             schema.KNN_IDX: work.path("knn_idx.npy"), schema.KNN_DIST: work.path("knn_dist.npy"),
             schema.VALIDATION: work.path(schema.VALIDATION)}
    timings = {"ingest": ing["seconds"], "embed": emb["seconds"], "index": idx["seconds"],
               "project": proj["seconds"]}
    extra: dict[str, Any] = {}
    upstream = k_proj
    for name, stage_fn, stage_opts in _optional_stages(opts):
        if name == "topics":   # labels are embedded with the map's own model; LLM answers cached in the store
            stage_opts = {"label_embedder": None if ing["byo"] or not opts.text_field
                          else {"model": opts.model, "mode": opts.embed_mode},
                          "label_cache": st.uri, **stage_opts}
        # chained: a later stage (tiles) may read what an earlier one (topics) wrote
        upstream = work.key(name, upstream, stage_opts)
        alt = None
        if parent is not None:
            from . import refresh_stage

            alt = refresh_stage.replacement(name, proj, st.uri, so, dataset)
        if alt is not None:
            res = call(name, alt[0], key=upstream, work_dir=work.dir, options=stage_opts, **alt[1])
        else:
            res = call(name, stage_fn, key=upstream, work_dir=work.dir, text_field=opts.text_field,
                       options=stage_opts)
        files.update({a: work.path(p) for a, p in res.get("files", {}).items()})
        timings[name] = res["seconds"]
        extra[name] = res.get("summary", {})

    manifest = {
        "rows": ing["rows"],
        "parent": st.latest(dataset),
        "input": ing["fingerprint"],
        "build": {"params": dataclasses.asdict(opts), "timings": timings,
                  "seconds": None, "build_key": build_key, "resumed_stages": cached,
                  "peak_rss_mb": peak_rss},
        "model": {"id": emb["model_id"], "dim": emb["dim"],
                  "embedded_rows": 0 if "embed" in cached else emb["embedded"],
                  "cached_rows": emb["cached"], "max_seq_length": emb.get("max_seq_length"),
                  "mode": emb.get("mode")},     # embed mode that ran (quality | exact | fast | torch)
        "text_field": opts.text_field,
        "id_field": opts.id_field,
        "latent_dtype": opts.latent_dtype,
        "validation": {k: ing["validation"][k] for k in ("success", "rows_in", "rows_out", "dropped")},
        "refresh": proj.get("refresh"),
        "projection": proj.get("projection"),   # main layout: method that ran, and why (auto)
        **extra,
    }
    t_pub = time.perf_counter()
    manifest["build"]["seconds"] = t_pub - t_start
    version = publish_stage(work_dir=work.dir, store_uri=st.uri, storage_options=so, dataset=dataset,
                            files=files, manifest=manifest, latent_dtype=opts.latent_dtype)
    timings["publish"] = time.perf_counter() - t_pub
    work.remove()
    out = {"dataset": dataset, "version": version, "store": st.uri, "rows": ing["rows"],
           "embedded": 0 if "embed" in cached else emb["embedded"], "cached": emb["cached"],
           "timings": timings, "resumed_stages": cached, "peak_rss_mb": {**peak_rss, "publish": _peak_rss_mb()},
           "validation": manifest["validation"], "refresh": manifest["refresh"]}
    from .run_artifacts import publish_run_artifacts

    publish_run_artifacts(out, manifest)   # the same numbers in the Prefect UI
    return out


def index_options(latent_dtype: str, index: dict | None) -> dict:
    """The index stage's options from the build options (a refresh compares its parent's)."""
    return {"dtype": "f16" if latent_dtype == "float16" else None, **(index or {})}


def _unchanged_candidate(st: Store, dataset: str, opts: BuildOptions) -> dict | None:
    """The latest version's manifest, when this build may turn out to be a no-op refresh
    (not --full; a separate embeddings file is not fingerprinted, so it always rebuilds)."""
    if opts.full or opts.embeddings:
        return None
    latest = st.latest(dataset)
    return None if latest is None else {**st.read_manifest(dataset, latest), "version": latest}


def _unchanged(st: Store, dataset: str, parent_man: dict, t_start: float) -> dict:
    """The result of a refresh whose source and options equal the latest version's."""
    v = parent_man["version"]
    print(f"{dataset}: source and options unchanged since {v}; nothing published")
    return {"dataset": dataset, "version": v, "store": st.uri, "rows": parent_man.get("rows"),
            "embedded": 0, "cached": 0, "timings": {"check": time.perf_counter() - t_start},
            "resumed_stages": [], "validation": parent_man.get("validation"),
            "refresh": {"mode": "unchanged", "parent": v}, "unchanged": True}


OPTIONAL_STAGES = ("topics", "dedupe", "outliers", "projections", "thumbnails", "tiles")


def _optional_stages(opts: BuildOptions):
    """Stages after the layout, in order; each lives in ``flows/stage_<name>.py`` as a
    Prefect task ``run(key, work_dir, text_field, options) -> {seconds, files, summary}``.
    Options ``None`` skips a stage."""
    import importlib

    stages = []
    for name in OPTIONAL_STAGES:
        stage_opts = getattr(opts, name)
        if stage_opts is None:
            continue
        if name == "projections":   # the extra layouts are asked for in BuildOptions.projection
            stage_opts = {"projection": dict(opts.projection), **stage_opts}
        try:
            mod = importlib.import_module(f"flows.stage_{name}")
        except ModuleNotFoundError as e:
            if e.name == f"flows.stage_{name}":
                continue  # stage not installed in this build of datamap
            raise
        stages.append((name, mod.run, stage_opts))
    return stages
