"""``/metrics``: the ops dashboard's numbers for Prometheus (official ``prometheus_client``).

A custom collector reads the store at scrape time (the overview and the latest
version's history row), so the numbers are as current as the store and no background
thread or state is needed; one registry per app, so tests and several apps in one
process do not share metrics. Every metric is labelled ``dataset``; see
docs/operations.md for a Grafana alert on ``datamap_map_age_seconds``.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from typing import Any

from datamap.resources.errors import DatamapError
from datamap.resources.schedule import next_fire
from datamap.resources.store import Store
from datamap.viewer.history import version_row
from datamap.viewer.overview import STATE_ORDER, overview
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector


def schedule_interval_s(cron: str | None, now: _dt.datetime) -> float | None:
    """Seconds between the next two fires of ``cron`` (for "older than 2× its schedule")."""
    if not cron:
        return None
    try:
        a = next_fire(cron, now)
    except DatamapError:
        return None
    return (next_fire(cron, a) - a).total_seconds()


def _gauge(name: str, doc: str, labels: tuple[str, ...] = ("dataset",)) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, doc, labels=list(labels))


class StoreCollector(Collector):
    """Collects per-dataset gauges from the store on every scrape."""

    def __init__(self, store: Store):
        self.store = store

    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = _dt.datetime.now(_dt.timezone.utc)
        rows = overview(self.store, now)
        g = {
            "age": _gauge("datamap_map_age_seconds", "Seconds since the LATEST version was published"),
            "success": _gauge("datamap_last_success_age_seconds",
                              "Seconds since the last successful run (published or source unchanged)"),
            "interval": _gauge("datamap_schedule_interval_seconds", "Seconds between two scheduled refreshes"),
            "state": _gauge("datamap_state", "1 for the dataset's current state (failing, late, fresh)",
                            ("dataset", "state")),
            "rows": _gauge("datamap_rows", "Rows in the LATEST version"),
            "build": _gauge("datamap_last_build_seconds", "Whole build time of the LATEST version"),
            "stage": _gauge("datamap_last_build_stage_seconds", "Seconds per stage of the LATEST version's build",
                            ("dataset", "stage")),
            "dup": _gauge("datamap_duplicate_share", "Deletion candidates / rows in the LATEST version"),
            "drift": _gauge("datamap_topic_drift_js", "Jensen-Shannon divergence of topic shares vs the parent",
                            ("dataset", "depth")),
            "emb": _gauge("datamap_embedding_mean_shift", "Cosine distance of the new rows' mean vector "
                          "to the parent's"),
            "outl": _gauge("datamap_outlier_share", "Share of points above the parent's p99 outlier score"),
            "fail_row": _gauge("datamap_failures_in_a_row", "Finished runs in a row that failed"),
            "fail_recent": _gauge("datamap_failed_runs_recent", "Failed runs among the last 20 in the run log"),
        }
        for r in rows:
            self._dataset(g, r, now)
        yield from g.values()

    def _dataset(self, g: dict[str, GaugeMetricFamily], r: dict[str, Any], now: _dt.datetime) -> None:
        d = r["dataset"]
        for state in STATE_ORDER:
            g["state"].add_metric([d, state], 1.0 if r["state"] == state else 0.0)
        g["fail_row"].add_metric([d], r["failures_in_a_row"])
        g["fail_recent"].add_metric([d], r["failed_runs_recent"])
        if r["last_success_at"]:
            last = _dt.datetime.fromisoformat(r["last_success_at"])
            g["success"].add_metric([d], (now - last).total_seconds())
        interval = schedule_interval_s(r["schedule"], now)
        if interval is not None:
            g["interval"].add_metric([d], interval)
        if r["latest_version"] is None:
            return
        g["age"].add_metric([d], r["age_seconds"])
        g["rows"].add_metric([d], r["rows"] or 0)
        v = r["latest_version"]   # only the latest row: drift of older versions is not scraped
        h = version_row(self.store, d, v, self.store.read_manifest(d, v), v, set(self.store.list_versions(d)))
        if h.get("build_seconds") is not None:
            g["build"].add_metric([d], h["build_seconds"])
        for stage, s in (h.get("stage_seconds") or {}).items():
            g["stage"].add_metric([d, stage], s)
        if h.get("duplicate_share") is not None:
            g["dup"].add_metric([d], h["duplicate_share"])
        for depth, key in (("1", "topic_drift"), ("2", "topic_drift_2")):
            if h.get(key) is not None:
                g["drift"].add_metric([d, depth], h[key])
        if h.get("outlier_share") is not None:
            g["outl"].add_metric([d], h["outlier_share"])
        if (h.get("embedding_drift") or {}).get("mean_shift") is not None:
            g["emb"].add_metric([d], h["embedding_drift"]["mean_shift"])


def metrics_text(registry: CollectorRegistry) -> bytes:
    return generate_latest(registry)


def store_registry(store: Store) -> CollectorRegistry:
    reg = CollectorRegistry(auto_describe=False)
    reg.register(StoreCollector(store))
    return reg
