"""Every dataset of the store with a fresh / late / failing state: what on-call reads first.

* **failing**: the last finished run of the dataset failed (its error is shown; the
  previous version stays LATEST, so the map is up but stale);
* **late**: the dataset has a refresh schedule (cron, UTC, from the source registry) and
  a scheduled run should have succeeded by now: the first fire time after the last
  success, plus a grace for the build itself (``DATAMAP_OPS_LATE_GRACE_S``, one hour),
  has passed;
* **fresh**: neither. A dataset without a schedule is never late.

A success is a published version or an "unchanged" run (the source had not changed:
the map is as fresh as the data). Everything comes from the store (manifests, the run
log, the registry), so it works without Prefect and on ``s3://`` stores alike.
"""
from __future__ import annotations

import datetime as _dt
import os
from typing import Any

from datamap.resources import runlog, schema
from datamap.resources.errors import DatamapError
from datamap.resources.schedule import next_fire
from datamap.resources.store import Store
from datamap.viewer.history import data_docs_url, dropped_count

FAILING, LATE, FRESH = "failing", "late", "fresh"
RECENT_RUNS = 20           # run records read per dataset (the streak and counts look no further)
STATE_ORDER = {FAILING: 0, LATE: 1, FRESH: 2}


def late_grace_s() -> float:
    return float(os.environ.get("DATAMAP_OPS_LATE_GRACE_S", "3600"))


def _ts(s: str | None) -> _dt.datetime | None:
    if not s:
        return None
    t = _dt.datetime.fromisoformat(s)
    return t if t.tzinfo else t.replace(tzinfo=_dt.timezone.utc)


def freshness(last_success: _dt.datetime | None, last_outcome: str | None, cron: str | None,
              now: _dt.datetime, grace_s: float) -> tuple[str, _dt.datetime | None]:
    """(state, due): the state, and when the next success is due (None: no schedule)."""
    due = None
    if cron and last_success is not None:
        due = next_fire(cron, last_success) + _dt.timedelta(seconds=grace_s)
    if last_outcome == schema.RUN_FAILED or last_success is None:
        return FAILING, due
    if due is not None and now > due:
        return LATE, due
    return FRESH, due


def _failure_streak(runs: list[dict]) -> tuple[int, str | None]:
    """How many finished runs in a row (newest first) failed, and when the streak began."""
    n, since = 0, None
    for r in runs:
        if r.get("outcome") == schema.RUN_RUNNING:
            continue
        if r.get("outcome") != schema.RUN_FAILED:
            break
        n, since = n + 1, r.get("started_at")
    return n, since


def dataset_status(store: Store, dataset: str, cron: str | None, now: _dt.datetime,
                   grace_s: float, registered_at: str | None = None) -> dict[str, Any]:
    """One overview row (see the module docstring for the states). A registered source
    that never ran is due from its registration on: late once its first scheduled run
    is overdue, fresh ("never built") until then."""
    runs = runlog.read_runs(store, dataset, limit=RECENT_RUNS)
    finished = [r for r in runs if r.get("outcome") != schema.RUN_RUNNING]
    latest = store.latest(dataset) if store.list_versions(dataset) else None
    man = store.read_manifest(dataset, latest) if latest else {}
    parent_rows = None
    if man.get("parent"):
        try:
            parent_rows = store.read_manifest(dataset, man["parent"]).get("rows")
        except DatamapError:
            parent_rows = None
    successes = [_ts(r.get("ended_at")) for r in finished if r.get("outcome") in schema.RUN_SUCCESS]
    created = _ts(man.get("created_at"))
    last_success = max([t for t in successes + [created] if t is not None], default=None)
    if last_success is None and not finished and registered_at:
        state, due = freshness(_ts(registered_at), None, cron, now, grace_s)
    else:
        state, due = freshness(last_success, finished[0].get("outcome") if finished else None, cron, now, grace_s)
    streak, failing_since = _failure_streak(runs)
    last = runs[0] if runs else None
    return {
        "dataset": dataset, "state": state, "schedule": cron,
        "due_at": due.isoformat() if due else None,
        "latest_version": latest, "version_created_at": man.get("created_at"),
        "age_seconds": (now - created).total_seconds() if created else None,
        "last_success_at": last_success.isoformat() if last_success else None,
        "rows": man.get("rows"), "rows_change": (man["rows"] - parent_rows)
        if parent_rows is not None and man.get("rows") is not None else None,
        "validation": (man.get("validation") or {}).get("success"),
        "dropped_rows": dropped_count(man.get("validation") or {}),
        "data_docs": data_docs_url(dataset, latest, man),
        "last_run": {k: last.get(k) for k in ("outcome", "started_at", "ended_at", "seconds", "trigger",
                                               "error_class", "error_message", "version")} if last else None,
        "failures_in_a_row": streak, "failing_since": failing_since if state == FAILING else None,
        "failed_runs_recent": sum(r.get("outcome") == schema.RUN_FAILED for r in runs),
        "stage_seconds": (man.get("build") or {}).get("timings") or {},
    }


def overview(store: Store, now: _dt.datetime | None = None) -> list[dict[str, Any]]:
    """Every dataset with versions, run records or a registered source: failing first,
    then late, then fresh; within a state the oldest map first."""
    now = now or _dt.datetime.now(_dt.timezone.utc)
    reg = runlog.registered(store)
    names = sorted(set(store.list_datasets()) | set(runlog.logged_datasets(store)) | set(reg))
    grace = late_grace_s()
    rows = [dataset_status(store, d, reg.get(d, {}).get(schema.SOURCE_SCHEDULE), now, grace,
                           reg.get(d, {}).get("registered_at")) for d in names]
    return sorted(rows, key=lambda r: (STATE_ORDER[r["state"]], -(r["age_seconds"] or float("inf"))))
