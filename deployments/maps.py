"""Deployments of the map flows, built from the store's source registry.

One ``refresh-<dataset>`` deployment of ``build_map`` per registered source, with

* a cron schedule (the nightly refresh; an incremental refresh when little changed), and
* an event trigger on ``datamap.source.changed`` whose resource id names that dataset,

plus one ``watch-sources`` deployment of the watcher on an interval. ``serve_all``
serves them from this process (``prefect.serve``): the server schedules and triggers,
this process runs the flow runs. Registering a new source needs a restart of the serving
process, since the deployments are made from the registry at start.
"""
from __future__ import annotations

import datetime as _dt

from prefect.events import DeploymentEventTrigger

from datamap.flows.events import run_tags
from datamap.resources import schema
from datamap.resources.store import Store
from datamap.tasks import sources as sources_mod

NIGHTLY = "0 3 * * *"
WATCH_EVERY_S = 300


def refresh_spec(dataset: str, entry: dict, store_uri: str, storage_options: dict | None,
                 cron: str | None) -> dict:
    """What one ``refresh-<dataset>`` deployment is, whichever way it is deployed
    (``prefect.serve`` here, or a prefect.yaml for work pools in ``deployments.project``)."""
    return {
        "name": f"refresh-{dataset}",
        "cron": entry.get(schema.SOURCE_SCHEDULE) or cron,   # its own schedule, else the default
        "trigger": {"expect": [sources_mod.EVENT_CHANGED],
                    "match": {"prefect.resource.id": sources_mod.resource_id(dataset)}},
        "parameters": {"source": entry["source"], "dataset": dataset, "store": store_uri,
                       "options": entry.get("options") or {},
                       "storage_options": storage_options or None,
                       "skip_unchanged": True},   # a nightly run over an untouched source publishes nothing
        "description": f"Rebuild {dataset} from {entry['source']} (nightly and when it changes)",
        "tags": run_tags(dataset),
        "concurrency_limit": 1,   # two refreshes of one dataset would race for LATEST
    }


def watch_spec(store_uri: str, storage_options: dict | None, every_s: float) -> dict:
    """The ``watch-sources`` deployment: fingerprint sources, emit datamap.source.changed."""
    return {"name": "watch-sources", "interval_s": every_s,
            "parameters": {"store": store_uri, "storage_options": storage_options or None},
            "description": "Fingerprint registered sources; emit datamap.source.changed on change",
            "tags": ["datamap"]}


def refresh_specs(st: Store, storage_options: dict | None, cron: str | None,
                  datasets: list[str] | None = None) -> list[dict]:
    """``refresh_spec`` of every registered source (only ``datasets`` when given), by name."""
    return [refresh_spec(dataset, entry, st.uri, storage_options, cron)
            for dataset, entry in sorted(sources_mod.load_registry(st).items())
            if datasets is None or dataset in datasets]


def map_deployments(store: str | None = None, storage_options: dict | None = None,
                    cron: str | None = NIGHTLY, watch_every_s: float | None = WATCH_EVERY_S,
                    datasets: list[str] | None = None) -> list:
    """RunnerDeployments for every registered source (+ the watcher)."""
    from datamap.flows.build_map import build_map
    from datamap.flows.watch_sources import watch_sources

    st = Store(store, storage_options)
    deps = []
    for spec in refresh_specs(st, storage_options, cron, datasets):
        trigger = DeploymentEventTrigger(name=f"{spec['parameters']['dataset']} source changed", expect=set(spec["trigger"]["expect"]),
                                         match=spec["trigger"]["match"])
        deps.append(build_map.to_deployment(
            name=spec["name"], cron=spec["cron"], triggers=[trigger], parameters=spec["parameters"],
            description=spec["description"], tags=spec["tags"], concurrency_limit=spec["concurrency_limit"]))
    if watch_every_s:
        spec = watch_spec(st.uri, storage_options, watch_every_s)
        deps.append(watch_sources.to_deployment(
            name=spec["name"], interval=_dt.timedelta(seconds=watch_every_s), parameters=spec["parameters"],
            description=spec["description"], tags=spec["tags"]))
    return deps


def serve_all(deployments: list, limit: int | None = None) -> None:
    """Block, serving ``deployments`` against the API in PREFECT_API_URL."""
    from prefect import serve

    serve(*deployments, limit=limit)
