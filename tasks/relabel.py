"""``datamap relabel``: new topic names as a new immutable version, nothing else recomputed.

Latent Scope lets a user rerun one stage; here the stage worth rerunning alone is the
naming (a different labeller, an LLM that is now reachable). The partition, vectors,
layout, index, duplicates, outliers and tile geometry stay as they are: the new version
copies those files inside the store (hard links on a local disk), and rewrites only what
holds names: ``topics.parquet``, ``topic_metadata.parquet``, the saved topic model (it
carries the labels) and each tile set's ``index.json`` (topic id → label). Publishing
goes through ``tasks.publish`` (files, then manifest, then LATEST), so a failure at any
point leaves the last good version in force.
"""
from __future__ import annotations

import dataclasses
import json
import os
import posixpath
import tempfile
import time
from typing import Any

import numpy as np
import pyarrow.parquet as pq

from datamap.resources import schema
from datamap.resources.errors import LabellerError, ResourceMissing
from datamap.resources.reader import DataMap, open_map
from datamap.resources.store import Store

# the topic options a relabel may change; every other one is the build's (same partition)
LABEL_OPTIONS = ("labeller", "labeller_url", "labeller_model", "labeller_settings")


def topic_options(pm: DataMap, store_uri: str, changes: dict[str, Any]):
    """The ``TopicOptions`` the version was built with, with ``changes`` (labeller
    options only) applied; refused with the option named before any work."""
    from datamap.tasks.topics.labellers import resolve_labeller
    from datamap.tasks.topics.labels import _stop_words, check_labeller
    from datamap.tasks.topics.model import TopicOptions

    bad = sorted(set(changes) - set(LABEL_OPTIONS))
    if bad:
        raise LabellerError(f"relabel changes only {', '.join(LABEL_OPTIONS)}; not {', '.join(bad)} "
                            "(those change the partition: rebuild the map)")
    known = {f.name for f in dataclasses.fields(TopicOptions)}
    built = {k: v for k, v in ((pm.manifest.get("topics") or {}).get("options") or {}).items() if k in known}
    if not isinstance(built.get("labeller"), str) or built["labeller"].startswith("<"):
        built["labeller"] = "contrastive"      # an object passed from Python is recorded as its repr
    opts = TopicOptions.from_dict({**built, **{k: v for k, v in changes.items() if v is not None},
                                   "label_cache": store_uri})
    check_labeller(opts.labeller, opts.labeller_url)
    stop = _stop_words(opts.stop_words)
    resolve_labeller(opts.labeller, stop, url=opts.labeller_url, model=opts.labeller_model,
                     cache_store=store_uri, settings=opts.labeller_settings)   # unknown name: fails here
    return opts


def _inputs(pm: DataMap) -> tuple[list[str] | None, np.ndarray, np.ndarray, np.ndarray]:
    """(texts, vectors, layout, topic ids (N, D)) of the version, in its row order."""
    topics = pm.read_parquet(schema.TOPICS)
    depths = sum(1 for c in topics.column_names if c.startswith("_topic_depth_"))
    ids = np.column_stack([topics.column(schema.topic_id_column(d + 1)).to_numpy() for d in range(depths)])
    data = pm.read_parquet(schema.DATA)
    if not data.column(schema.ID).equals(topics.column(schema.ID)):
        raise ResourceMissing(f"{pm.dataset}@{pm.version}: topics.parquet is not in data order; rebuild the map")
    text_field = pm.manifest.get("text_field")
    docs = None if not text_field else [s or "" for s in data.column(text_field).to_pylist()]
    from datamap.tasks.topics.model import topic_docs

    docs = topic_docs(docs)          # as the build's topics stage read them
    vectors = np.asarray(pm.embeddings.latent, dtype=np.float32)
    proj = pm.read_parquet(schema.PROJECTION)
    xy = np.column_stack([proj.column(schema.X).to_numpy(), proj.column(schema.Y).to_numpy()])
    return docs, vectors, xy, ids


def _saved_centroids(pm: DataMap) -> dict[str, np.ndarray] | None:
    from datamap.tasks.topics.model import CENTROIDS_FILE

    name = f"{schema.TOPIC_MODEL}/{CENTROIDS_FILE}"
    if name not in pm.manifest.get("artifacts", {}):
        return None
    from safetensors.numpy import load_file

    return load_file(pm.local_file(name))


def relabelled_tile_indexes(pm: DataMap, label_of: dict[int, str], out_dir: str) -> dict[str, str]:
    """Each tile set's ``index.json`` with the new names (tile files keep topic ids, so
    they are unchanged); artifact name → local path."""
    out = {}
    for name in pm.manifest.get("artifacts", {}):
        folder, _, leaf = name.partition("/")
        if leaf != schema.FOLDER_INDEX or not (folder == schema.TILES or folder.startswith(schema.TILES + "_")):
            continue
        index = json.loads(pm.store.read_bytes(pm.artifact_path(name)))
        for col in index.get("columns", []):
            if col.get("source") == "topics" and "labels" in col:
                col["labels"] = {code: label_of.get(int(code), lab) for code, lab in col["labels"].items()}
        local = os.path.join(out_dir, folder, leaf)
        os.makedirs(os.path.dirname(local), exist_ok=True)
        with open(local, "w") as f:
            json.dump(index, f, separators=(",", ":"))
        out[name] = local
    return out


def _manifest(pm: DataMap, opts, result, seconds: float, rewritten: list[str]) -> dict:
    """The parent's manifest with new topic facts; build timings name only the relabel,
    so the manifest itself shows that nothing was embedded or laid out."""
    man = {k: v for k, v in pm.manifest.items()
           if k not in ("artifacts", "version", "created_at", "schema_version", "dataset")}
    params = dict((man.get("build") or {}).get("params") or {})
    params["topics"] = {**(params.get("topics") or {}),
                        **{k: getattr(opts, k) for k in LABEL_OPTIONS if getattr(opts, k) is not None}}
    man["parent"] = pm.version
    man["build"] = {"params": params, "timings": {"relabel": seconds}, "seconds": seconds,
                    "build_key": None, "resumed_stages": [], "peak_rss_mb": {}}
    man["model"] = {**(man.get("model") or {}), "embedded_rows": 0, "cached_rows": 0}
    topics = dict(man.get("topics") or {})
    topics.update(named_by=(result.labelling or {}).get("labeller"),
                  labelling=(result.labelling or {}).get("depths", []),
                  options={**(topics.get("options") or {}), **{k: getattr(opts, k) for k in LABEL_OPTIONS}},
                  seconds={k: round(v, 3) for k, v in result.seconds.items()})
    man["topics"] = topics
    man["relabel"] = {"parent": pm.version, "labeller": topics["named_by"], "rewritten": rewritten}
    return man


def relabel_map(dataset: str, store: str | Store | None = None, labeller: str | None = "contrastive",
                labeller_url: str | None = None, labeller_model: str | None = None,
                version: str | None = "latest", storage_options: dict | None = None) -> dict:
    """Publish ``dataset``'s ``version`` again with its topics named by ``labeller``;
    return {dataset, version, parent, seconds, rewritten, copied, store}."""
    t0 = time.perf_counter()
    st = store if isinstance(store, Store) else Store(store, storage_options)
    st.check_publishable()
    pm = open_map(dataset, store=st, version=version)
    pm.require(schema.TOPICS, "topics (relabel names the stored topics; build with topics first)")
    opts = topic_options(pm, st.uri, {"labeller": labeller, "labeller_url": labeller_url,
                                      "labeller_model": labeller_model})
    from datamap.tasks import publish as publish_mod
    from datamap.tasks.topics.model import save_model
    from datamap.tasks.topics.relabel import relabel_topics
    from datamap.tasks.topics.tables import topic_tables

    docs, vectors, xy, ids = _inputs(pm)
    result = relabel_topics(docs, vectors, xy, ids, opts, _saved_centroids(pm))
    with tempfile.TemporaryDirectory(prefix="datamap-relabel-") as tmp:
        points, meta = topic_tables(pm.read_parquet(schema.TOPICS).column(schema.ID), result)
        files = {schema.TOPICS: os.path.join(tmp, schema.TOPICS),
                 schema.TOPIC_METADATA: os.path.join(tmp, schema.TOPIC_METADATA),
                 schema.TOPIC_MODEL: os.path.join(tmp, schema.TOPIC_MODEL)}
        pq.write_table(points, files[schema.TOPICS], compression="zstd")
        pq.write_table(meta, files[schema.TOPIC_METADATA], compression="zstd")
        save_model(result, files[schema.TOPIC_MODEL])
        label_of = {int(r[schema.TOPIC_ID]): r[schema.TOPIC_LABEL] for r in result.metadata}
        files.update(relabelled_tile_indexes(pm, label_of, tmp))
        fresh = set(publish_mod.expand_files(files))
        reused = {name: (pm.artifact_path(name), entry) for name, entry in pm.manifest["artifacts"].items()
                  if name not in fresh and not name.startswith(schema.TOPIC_MODEL + "/")}
        man = _manifest(pm, opts, result, time.perf_counter() - t0, sorted(fresh))
        new_version = publish_mod.publish(st, dataset, files, man, reused=reused)
    return {"dataset": dataset, "version": new_version, "parent": pm.version, "store": st.uri,
            "rows": pm.row_count, "seconds": time.perf_counter() - t0, "labeller": man["relabel"]["labeller"],
            "rewritten": sorted(fresh), "copied": sorted(reused)}
