"""Events a build emits, so other flows and automations can chain on a map, and the tags
by which its runs are found.

``datamap.map.published`` after LATEST has moved to a new version, and
``datamap.map.failed`` when a build fails (nothing was published; LATEST is where it
was). The resource id names the dataset (``datamap.map.<dataset>``), so an automation
can match one map or all of them (``datamap.map.*``). Emitting is best effort: a build
whose map is published does not fail because the event API is unreachable.
"""
from __future__ import annotations

import logging
from typing import Any

EVENT_PUBLISHED = "datamap.map.published"
EVENT_FAILED = "datamap.map.failed"

log = logging.getLogger(__name__)


def run_tags(dataset: str) -> list[str]:
    """The tags every build run carries, however it was started (deployments, CLI): the
    ops dashboard and Prefect's UI filter a dataset's runs by ``dataset:<name>``."""
    return ["datamap", f"dataset:{dataset}"]


def map_resource_id(dataset: str) -> str:
    """The Prefect event resource id of a dataset's map (automations match it)."""
    return f"datamap.map.{dataset}"


def _resource(dataset: str) -> dict[str, str]:
    return {"prefect.resource.id": map_resource_id(dataset), "prefect.resource.name": dataset}


def published_event(dataset: str, version: str, manifest: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments of ``emit_event`` for a published version."""
    topics = manifest.get("topics") or {}
    validation = manifest.get("validation") or {}
    return {"event": EVENT_PUBLISHED, "resource": _resource(dataset),
            "payload": {"dataset": dataset, "version": version, "rows": manifest.get("rows"),
                        "parent": manifest.get("parent"),
                        "validation": {"success": validation.get("success"), "dropped": validation.get("dropped")},
                        "topics": topics.get("n_topics")}}


def failed_event(dataset: str, message: str) -> dict[str, Any]:
    """The keyword arguments of ``emit_event`` for a failed build."""
    return {"event": EVENT_FAILED, "resource": _resource(dataset),
            "payload": {"dataset": dataset, "error": message[:2000]}}


def emit(spec: dict[str, Any]) -> bool:
    """Send one event; False (logged) when it could not be sent."""
    from prefect.events import emit_event

    try:
        return emit_event(**spec) is not None
    except Exception as e:            # the map is published either way
        log.warning("could not emit %s: %s", spec.get("event"), e)
        return False


def on_build_failure(flow: Any, flow_run: Any, state: Any) -> None:
    """Prefect ``on_failure`` hook of the build flow: announce the failure."""
    dataset = (getattr(flow_run, "parameters", None) or {}).get("dataset") or "unknown"
    emit(failed_event(str(dataset), str(getattr(state, "message", "") or "build failed")))
