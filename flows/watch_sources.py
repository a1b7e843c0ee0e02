"""The watcher flow: fingerprint each registered source and announce the ones that changed.

It does not build anything itself. It emits a ``datamap.source.changed`` Prefect event
whose resource id names the dataset (``datamap.source.<dataset>``); the dataset's
deployment has an event trigger on exactly that id, so the server starts the rebuild.
Decoupling through events means anything else (an S3 notification bridge, a CI job)
can trigger a rebuild by emitting the same event.
"""
from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.events import emit_event

import datamap.flows  # noqa: F401  # noqa: F401  (environment defaults)
from datamap.resources.store import Store
from datamap.tasks import sources as sources_mod


def source_changed_event(dataset: str, source: str, old: dict | None, new: dict | None) -> dict:
    """The event's fields, shared by the watcher and ``datamap source touch``."""
    return {
        "event": sources_mod.EVENT_CHANGED,
        "resource": {"prefect.resource.id": sources_mod.resource_id(dataset),
                     "prefect.resource.name": dataset,
                     "datamap.dataset": dataset, "datamap.source": source},
        "payload": {"old": old, "new": new},
    }


@task
def check_task(store_uri: str, storage_options: dict | None) -> list[dict]:
    checks = sources_mod.check_sources(Store(store_uri, storage_options))
    return [c.__dict__ for c in checks]


@flow(name="watch_sources", log_prints=True)
def watch_sources(store: str | None = None, storage_options: dict | None = None) -> dict:
    """Check every registered source once; emit an event per changed one."""
    log = get_run_logger()
    st = Store(store, storage_options)
    checks = check_task(st.uri, storage_options)
    emitted = []
    for c in checks:
        if c["error"]:
            log.warning("source of %s unreadable: %s", c["dataset"], c["error"])
        elif c["changed"]:
            ev = emit_event(**source_changed_event(c["dataset"], c["source"], c["old"], c["new"]))
            emitted.append(c["dataset"])
            log.info("source of %s changed → event %s", c["dataset"], ev.id if ev else "(not sent)")
    return {"checked": len(checks), "changed": emitted,
            "errors": {c["dataset"]: c["error"] for c in checks if c["error"]}}
