"""The store's own run log: one small JSON record per build, whoever started it.

Prefect keeps run history only when a server is configured, and runs started from the
CLI never reach it; the ops dashboard still has to say when a map last refreshed, how
it ended and why it failed. So every build writes ``<store>/_ops/runs/<dataset>/
<start>-<run>.json`` (``schema.RUN_LOG_DIR``): one object per run, because an S3 object
cannot be appended to, and names that sort by start time, so the newest are the last
names of one listing. Reading needs nothing but the store (works on ``s3://``).
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import posixpath
import uuid
from typing import Any

from datamap.resources import schema
from datamap.resources.store import Store, storage_errors

_STAMP = "%Y%m%dT%H%M%S%fZ"


def run_dir(store: Store, dataset: str) -> str:
    return store.path(schema.RUN_LOG_DIR, schema.check_name(dataset, "dataset"))


def record_path(store: Store, record: schema.RunRecord) -> str:
    """Where ``record`` lives: its start time (sortable) and run id make the name."""
    started = _dt.datetime.fromisoformat(record["started_at"]).astimezone(_dt.timezone.utc)
    run = schema.check_name(record["run_id"], "run id")
    return posixpath.join(run_dir(store, record["dataset"]), f"{started.strftime(_STAMP)}-{run}.json")


def write_record(store: Store, record: schema.RunRecord) -> str:
    """Write (or replace: the end of a run overwrites its start) one run record.

    Not through ``Store.write_bytes``: its crash-test failpoints count the writes of the
    publish protocol (cache part, manifest, LATEST), which a log record must not shift.
    Still all-or-nothing: a renamed temp file locally, one PUT on object stores."""
    unknown = set(record) - schema.RUN_RECORD_KEYS
    if unknown:
        raise ValueError(f"unknown run record field(s) {sorted(unknown)}: see schema.RunRecord")
    path = record_path(store, record)
    data = json.dumps(dict(record), indent=2, sort_keys=True, default=str).encode()
    with storage_errors(store.uri):
        if store.local:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            tmp = f"{path}.tmp-{uuid.uuid4().hex}"
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        else:
            store.fs.pipe_file(path, data)
    return path


def read_runs(store: Store, dataset: str, limit: int = 100) -> list[schema.RunRecord]:
    """The dataset's newest ``limit`` run records, newest first (empty when it has none)."""
    d = run_dir(store, dataset)
    names = [n for n in store.listdir(d) if n.endswith(".json")][-limit:]   # not *.json.tmp-…
    paths = [posixpath.join(d, n) for n in reversed(names)]
    if not paths:
        return []
    with storage_errors(store.uri):   # one concurrent batch of GETs on object stores
        got = store.fs.cat(paths, on_error="omit")   # a record removed since the listing is left out
    return [json.loads(got[p]) for p in paths if p in got]


def logged_datasets(store: Store) -> list[str]:
    """Datasets with at least one run record (a dataset whose first build failed has no
    version yet, but is still one the team wants to see)."""
    return [d for d in store.listdir(store.path(schema.RUN_LOG_DIR)) if not d.startswith(("_", "."))]


def registered(store: Store) -> dict[str, dict[str, Any]]:
    """dataset → its registry entry, read-only, straight from the registry document
    (``schema.SOURCES``; written by ``tasks.sources``)."""
    try:
        doc: dict[str, Any] = store.read_json(store.path(schema.SOURCES))
    except FileNotFoundError:
        return {}
    return {name: dict(entry or {}) for name, entry in doc.get("sources", {}).items()}


def schedules(store: Store) -> dict[str, str | None]:
    """dataset → cron of its refresh (``schema.SOURCE_SCHEDULE``) for every registered source."""
    return {name: e.get(schema.SOURCE_SCHEDULE) for name, e in registered(store).items()}
