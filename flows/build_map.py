"""The build flow: ingest → embed → index → project → topics → dedupe → … → publish.

This module only composes: the order of the stages (``datamap.flows.stages``, one
Prefect task each), the refresh switch (a build with a parent version runs the refresh
variants), and the manifest. Stage outputs go to a work area keyed by the build's
inputs and each task is cached on its inputs, so re-running a crashed build resumes
after the last finished stage. Works on the ephemeral local Prefect; no server needed.
"""
from __future__ import annotations

import dataclasses
import importlib
import os
import time
from typing import Any, Callable

from prefect import flow

import datamap.flows  # noqa: F401  (environment defaults: telemetry off, offline, numba cache)
from datamap.flows import events
from datamap.flows.runtime.memory import numpy_huge_pages_off, peak_rss_mb, release_free_memory
from datamap.flows.runtime.progress_log import progress_in_run_log
from datamap.flows.runtime.runners import on_dask, stage_on_runner
from datamap.flows.runtime.runlog import recorded_run
from datamap.flows.runtime.workarea import WorkArea, digest
from datamap.flows.options import BuildOptions, check_options  # noqa: F401  (re-exported: callers import them here)
from datamap.flows.stages.dedupe import dedupe_refresh
from datamap.flows.stages.embed import embed
from datamap.flows.stages.index import index, index_options, index_refresh
from datamap.flows.stages.ingest import ingest
from datamap.flows.stages.project import project, project_refresh
from datamap.flows.stages.publish import publish
from datamap.flows.stages.topics import topics_refresh
from datamap.resources import schema
from datamap.resources.store import Store
from datamap.tasks import refresh as refresh_mod
from datamap.tasks.ingest import read as ingest_mod
from datamap.tasks.ingest.suite import load_user_suite

# stages after the layout, in order; each is ``datamap.flows.stages.<name>.<name>``
OPTIONAL_STAGES = ("topics", "dedupe", "outliers", "projections", "thumbnails", "tiles")


class _Run:
    """One build in progress: its work area, and what each stage call reported."""

    def __init__(self, work: WorkArea):
        self.work = work
        self.cached: list[str] = []
        self.peak_rss: dict[str, float] = {}   # MB, this process's high-water mark after each stage

    def call(self, name: str, stage_fn: Callable, **kw) -> dict:
        stage_fn = stage_fn.with_options(result_storage=self.work.result_storage())
        state = stage_on_runner(stage_fn, work_dir=self.work.dir, **kw)   # on Dask with --runner dask
        res = state.result()  # re-raises the stage's own exception
        self.work.sync()      # a stage that ran on a Dask worker synced nothing from there
        if state.name == "Cached":
            self.cached.append(name)
        self.peak_rss[name] = peak_rss_mb()
        release_free_memory()     # the next stage's peak starts from what this one still uses
        return res


@flow(name="build_map", flow_run_name="build-{dataset}", log_prints=True, on_failure=[events.on_build_failure])
def build_map(source: str, dataset: str, store: str | None = None, options: dict | None = None,
              storage_options: dict | None = None, skip_unchanged: bool = False) -> dict:
    """Build ``dataset`` from ``source`` and publish a new version; return its summary.

    ``skip_unchanged`` (scheduled refreshes set it): when the source's bytes and the
    options equal the latest version's, publish nothing and return that version with
    ``unchanged: True``. Every call, success or failure, is recorded in the store's run
    log (``flows.runtime.runlog``), so CLI builds show on the ops dashboard too; stage
    progress goes to the Prefect run log unless a display (the CLI's) shows it."""
    with recorded_run(store, storage_options, dataset, source) as run_log, progress_in_run_log(), \
            numpy_huge_pages_off():
        run_log["result"] = _build_map(source, dataset, store, options, storage_options, skip_unchanged)
    return run_log["result"]


def _build_map(source: str, dataset: str, store: str | None, options: dict | None,
               storage_options: dict | None, skip_unchanged: bool) -> dict:
    t_start = time.perf_counter()
    opts = check_options(options, dataset)
    st = Store(store, storage_options)
    st.check_publishable()
    st.check_reachable()
    so = storage_options or {}
    user_suite = load_user_suite(opts.expectations, so) if opts.expectations else None   # before the source
    fp = ingest_mod.source_fingerprint(source, so)
    parent_man = _unchanged_candidate(st, dataset, opts) if skip_unchanged else None
    if parent_man is not None and refresh_mod.unchanged_source(parent_man, fp, dataclasses.asdict(opts)):
        return _unchanged(st, dataset, parent_man, t_start)
    run = _Run(WorkArea(st, dataset, digest(fp, dataclasses.asdict(opts))))
    try:
        return _run_stages(run, source, st, so, dataset, opts, fp, user_suite, parent_man, t_start)
    finally:
        run.work.release()     # kept on failure for a resume, but unlocked


def _run_stages(run: _Run, source: str, st: Store, so: dict, dataset: str, opts: BuildOptions, fp: str,
                user_suite: list | None, parent_man: dict | None, t_start: float) -> dict:
    """Every stage of one build in its (locked) work area, then publish."""
    core = _core_stages(run, source, st, so, dataset, opts, fp, user_suite)
    if parent_man is not None and refresh_mod.unchanged_source(parent_man, core["ingest"]["fingerprint"],
                                                               dataclasses.asdict(opts)):
        run.work.remove()     # rewritten with the same bytes: still nothing to publish
        return _unchanged(st, dataset, parent_man, t_start)
    core = {**core, **_layout_stages(run, core, st, so, dataset, opts)}
    files, timings, extra = _optional_stages(run, core, st, so, dataset, opts)
    manifest = _manifest(run, core, st, dataset, opts, timings, extra)
    t_pub = time.perf_counter()
    manifest["build"]["seconds"] = t_pub - t_start
    version = publish(work_dir=run.work.dir, store_uri=st.uri, storage_options=so, dataset=dataset,
                      files=files, manifest=manifest, latent_dtype=opts.latent_dtype)
    timings["publish"] = time.perf_counter() - t_pub
    events.emit(events.published_event(dataset, version, manifest))    # LATEST has moved
    run.work.remove()
    return _summary(run, core, st, dataset, version, timings, manifest)


def _core_stages(run: _Run, source: str, st: Store, so: dict, dataset: str, opts: BuildOptions,
                 fp: str, user_suite: list | None = None) -> dict:
    """ingest and embed: the validated table and its vectors, in the work area."""
    ingest_opts = {"text_field": opts.text_field, "id_field": opts.id_field,
                   "embedding_field": opts.embedding_field, "embeddings_uri": opts.embeddings,
                   "format": opts.input_format, "storage_options": so}
    k_ingest = run.work.key("ingest", fp, ingest_opts, opts.on_invalid, user_suite)
    ing = run.call("ingest", ingest, key=k_ingest, source=source, options=ingest_opts, on_invalid=opts.on_invalid,
                   expectations=user_suite, suite_name=f"datamap.{dataset}")
    embed_opts = {"model": opts.model, "batch_size": opts.batch_size, "mode": opts.embed_mode,
                  "fit_sample": opts.embed_fit_sample}
    reuse_fit = _parent_fit(st, dataset, opts)
    k_embed = run.work.key("embed", k_ingest, embed_opts, reuse_fit)
    pre = None
    if not ing["byo"] and opts.text_field and on_dask() and not opts.embed_fit_sample:   # batches on the cluster
        from datamap.flows.runtime.dask_parts import embed_on_cluster

        pre = embed_on_cluster(run.work.dir, st.uri, so, opts.text_field, embed_opts)
    emb = run.call("embed", embed, key=k_embed, store_uri=st.uri, storage_options=so,
                   text_field=opts.text_field, byo=ing["byo"], options=embed_opts, reuse_fit=reuse_fit)
    if pre is not None and pre["batches"]:
        emb = {**emb, "embedded": pre["embedded"], "cached": emb["cached"] - pre["rows"], "dask": pre}
    return {"ingest": ing, "embed": emb, "k_embed": k_embed}


def _parent_fit(st: Store, dataset: str, opts: BuildOptions) -> str | None:
    """The latest version's fitted fast model when this build would fit one the same way
    (same model, sample size and text field, not ``--full``): a refresh stays in its
    parent's space. Another text field is another corpus, so it gets its own fit."""
    if not opts.embed_fit_sample or opts.embed_mode != "fast" or opts.full:
        return None
    latest = st.latest(dataset)
    if latest is None:
        return None
    man = st.read_manifest(dataset, latest)
    params = (man.get("build") or {}).get("params") or {}
    same = (params.get("embed_fit_sample"), params.get("model"), params.get("embed_mode"),
            params.get("text_field")) == (opts.embed_fit_sample, opts.model, opts.embed_mode, opts.text_field)
    if not same or schema.FAST_MODEL not in (man.get("artifacts") or {}):
        return None
    return st.artifact_path(dataset, latest, schema.FAST_MODEL)


def _layout_stages(run: _Run, core: dict, st: Store, so: dict, dataset: str, opts: BuildOptions) -> dict:
    """index and project; with a parent version, their refresh variants (the refresh switch)."""
    emb = core["embed"]
    index_opts = index_options(opts.latent_dtype, opts.index)   # f32, or large-map settings by size
    parent = None if opts.full else st.latest(dataset)
    if parent is None:
        k_index = run.work.key("index", core["k_embed"], index_opts)
        idx = run.call("index", index, key=k_index, options=index_opts)
        k_proj = run.work.key("project", k_index, opts.projection, parent)
        proj = run.call("project", project, key=k_proj, projection=opts.projection)
        return {"index": idx, "project": proj, "k_proj": k_proj}
    shared = {"store_uri": st.uri, "storage_options": so, "dataset": dataset, "parent": parent,
              "model_id": emb["model_id"], "dim": emb["dim"], "projection": opts.projection,
              "threshold": opts.refresh_threshold}
    k_index = run.work.key("index", core["k_embed"], index_opts, parent)
    idx = run.call("index", index_refresh, key=k_index, options=index_opts, **shared)
    k_proj = run.work.key("project", k_index, opts.projection, parent)
    proj = run.call("project", project_refresh, key=k_proj, **shared)
    return {"index": idx, "project": proj, "k_proj": k_proj}


def _optional_stages(run: _Run, core: dict, st: Store, so: dict, dataset: str,
                     opts: BuildOptions) -> tuple[dict[str, str], dict[str, float], dict[str, Any]]:
    """Every stage after the layout that the options ask for, chained: a later stage
    (tiles) may read what an earlier one (topics) wrote. Returns (files, timings, summaries)."""
    w = run.work
    files = {schema.DATA: w.path(schema.WORK_DATA), schema.EMBEDDINGS: w.path(schema.WORK_VECTORS),
             schema.PROJECTION: w.path(schema.WORK_PROJECTION), schema.INDEX: w.path(schema.WORK_INDEX),
             schema.KNN_IDX: w.path(schema.WORK_KNN_IDX), schema.KNN_DIST: w.path(schema.WORK_KNN_DIST),
             schema.VALIDATION: w.path(schema.VALIDATION),
             schema.EXPECTATION_SUITE: w.path(schema.EXPECTATION_SUITE)}
    if core["embed"].get("fit"):
        files[schema.FAST_MODEL] = w.path(schema.WORK_FAST_MODEL)
    if os.path.isdir(w.path(schema.DATA_DOCS)):
        files[schema.DATA_DOCS] = w.path(schema.DATA_DOCS)
    timings = {name: core[name]["seconds"] for name in ("ingest", "embed", "index", "project")}
    extra: dict[str, Any] = {}
    upstream = core["k_proj"]
    for name, stage_fn, stage_opts in optional_stages(opts):
        if name == "topics":   # labels are embedded with the map's own model; LLM answers cached in the store
            stage_opts = {"label_embedder": None if core["ingest"]["byo"] or not opts.text_field
                          else {"model": opts.model, "mode": opts.embed_mode,
                                "fitted": w.path(schema.WORK_FAST_MODEL) if core["embed"].get("fit") else None},
                          "label_cache": st.uri, **stage_opts}
        upstream = w.key(name, upstream, stage_opts)
        alt = refresh_variant(name, core["project"], st.uri, so, dataset)
        if alt is not None:
            res = run.call(name, alt[0], key=upstream, options=stage_opts, **alt[1])
        else:
            res = run.call(name, stage_fn, key=upstream, text_field=opts.text_field, options=stage_opts)
        files.update({a: w.path(p) for a, p in res.get("files", {}).items()})
        timings[name] = res["seconds"]
        extra[name] = res.get("summary", {})
    return files, timings, extra


def _manifest(run: _Run, core: dict, st: Store, dataset: str, opts: BuildOptions,
              timings: dict[str, float], extra: dict[str, Any]) -> schema.Manifest:
    """The version's manifest (publish adds the artifact list and writes it last)."""
    ing, emb, proj = core["ingest"], core["embed"], core["project"]
    return {
        "rows": ing["rows"],
        "parent": st.latest(dataset),
        "input": ing["fingerprint"],
        "build": {"params": dataclasses.asdict(opts), "timings": timings,
                  "seconds": None, "build_key": run.work.build_key, "resumed_stages": run.cached,
                  "peak_rss_mb": run.peak_rss},
        "model": {"id": emb["model_id"], "dim": emb["dim"],
                  "embedded_rows": 0 if "embed" in run.cached else emb["embedded"],
                  "cached_rows": emb["cached"], "max_seq_length": emb.get("max_seq_length"),
                  "mode": emb.get("mode"),      # embed mode that ran (quality | exact | fast | torch)
                  "fit": emb.get("fit")},       # fast mode fitted to this corpus (tasks/embed/fast_fit.py)
        "text_field": opts.text_field,
        "id_field": opts.id_field,
        "latent_dtype": opts.latent_dtype,
        "validation": {k: ing["validation"].get(k) for k in ("success", "rows_in", "rows_out", "dropped",
                                                              "suite", "expectations", "data_docs")},
        "refresh": proj.get("refresh"),
        "projection": proj.get("projection"),   # main layout: method that ran, and why (auto)
        **extra,
    }


def _summary(run: _Run, core: dict, st: Store, dataset: str, version: str, timings: dict,
             manifest: dict) -> dict:
    """What the flow returns (and shows as Prefect artifacts)."""
    emb = core["embed"]
    out = {"dataset": dataset, "version": version, "store": st.uri, "rows": core["ingest"]["rows"],
           "embedded": 0 if "embed" in run.cached else emb["embedded"], "cached": emb["cached"],
           "timings": timings, "resumed_stages": run.cached,
           "peak_rss_mb": {**run.peak_rss, "publish": peak_rss_mb()},
           "validation": manifest["validation"], "refresh": manifest["refresh"]}
    from datamap.flows.runtime.run_artifacts import publish_run_artifacts

    publish_run_artifacts(out, manifest, st.version_dir(dataset, version))   # the same numbers in the Prefect UI
    return out


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


def optional_stages(opts: BuildOptions) -> list[tuple[str, Callable, dict]]:
    """(name, task, options) of the stages after the layout that ``opts`` asks for, in
    order; options ``None`` skips a stage."""
    stages = []
    for name in OPTIONAL_STAGES:
        stage_opts = getattr(opts, name)
        if stage_opts is None:
            continue
        if name == "projections":   # the extra layouts are asked for in BuildOptions.projection
            stage_opts = {"projection": dict(opts.projection), **stage_opts}
        mod = importlib.import_module(f"datamap.flows.stages.{name}")
        stages.append((name, getattr(mod, name), stage_opts))
    return stages


def parent_has(store_uri: str, storage_options: dict, dataset: str, parent: str, name: str) -> bool:
    m = Store(store_uri, storage_options).read_manifest(dataset, parent)
    return name in m.get("artifacts", {}) or any(a.startswith(name + "/") for a in m.get("artifacts", {}))


def refresh_variant(name: str, layout: dict, store_uri: str, storage_options: dict, dataset: str):
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
        return topics_refresh, extra
    if name == "dedupe" and parent_has(store_uri, storage_options, dataset, info["parent"],
                                       schema.DUPLICATE_NEIGHBORS):
        return dedupe_refresh, extra
    return None
