"""Registered sources: which input file feeds which dataset, and what it looked like last.

The registry is one JSON document in the store (``resources.schema.SOURCES``), so the
watcher, the deployments and the CLI on any machine that can reach the store agree on
it without a database. Each entry keeps the build options for the dataset and the last
fingerprint (size + ETag/mtime, from ``tasks.ingest.source_fingerprint``) the watcher saw.
"""
from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from typing import Any

from datamap.resources import schema
from datamap.resources.errors import IngestError, InvalidOption
from datamap.resources.schedule import check_schedule
from datamap.resources.store import Store
from datamap.tasks.ingest.read import source_fingerprint

# the fields of a fingerprint that say "the content changed"; the uri is the key itself
FINGERPRINT_FIELDS = ("size", "etag", "mtime")

EVENT_CHANGED = "datamap.source.changed"


def resource_id(dataset: str) -> str:
    """The Prefect event resource id that names a dataset's source (triggers match it)."""
    return f"datamap.source.{dataset}"


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat()


def load_registry(store: Store) -> dict[str, dict[str, Any]]:
    """dataset → entry (source, options, storage_options, fingerprint, checked_at)."""
    path = store.path(schema.SOURCES)
    try:
        doc = store.read_json(path)
    except FileNotFoundError:
        return {}
    return dict(doc.get("sources", {}))


def save_registry(store: Store, sources: dict[str, dict[str, Any]]) -> None:
    store.write_json(store.path(schema.SOURCES), {"sources": sources})


# option names that hold credentials (fsspec/s3fs/boto spellings): never written to the registry
SECRET_KEYS = frozenset({"key", "secret", "token", "password", "passwd", "session_token", "aws_access_key_id",
                         "aws_secret_access_key", "aws_session_token", "access_key", "secret_key",
                         "credentials", "api_key", "client_secret"})


def find_secrets(value: Any, path: str = "") -> list[str]:
    """Dotted paths of every credential-named key in nested options (``storage_options.secret``)."""
    found: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            here = f"{path}.{k}" if path else str(k)
            if str(k).lower() in SECRET_KEYS and v not in (None, ""):
                found.append(here)
            found += find_secrets(v, here)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += find_secrets(v, f"{path}[{i}]")
    return found


def register_source(store: Store, dataset: str, source: str, options: dict | None = None,
                    storage_options: dict | None = None, schedule: str | None = None) -> dict[str, Any]:
    """Add or replace the source of ``dataset``; records its current fingerprint as the
    baseline, so the watcher only reports changes made after registration. ``schedule``
    (cron, UTC) is its refresh schedule: the deployment's, and what "late" means."""
    schema.check_name(dataset, "dataset")
    secrets = find_secrets({"options": options or {}, "storage_options": storage_options or {}})
    if secrets:
        raise InvalidOption(f"refusing to store credentials in the source registry ({', '.join(secrets)}): "
                            "the registry is a plain JSON file in the store. Give them to the workers instead: "
                            "environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), an AWS "
                            "profile or IAM role, fsspec's config file, or a Prefect Secret/AWS credentials block")
    if schedule is not None:
        check_schedule(schedule)
    if "://" not in source:   # a local path: absolute, so the serving process finds it from any folder
        source = os.path.abspath(source)
    fp = source_fingerprint(source, storage_options)  # fails now if the source is unreachable
    sources = load_registry(store)
    entry = {"source": source, "options": options or {}, "storage_options": storage_options or {},
             "fingerprint": fp, "checked_at": _now(), "registered_at": _now()}
    if schedule is not None:
        entry[schema.SOURCE_SCHEDULE] = schedule
    sources[dataset] = entry
    save_registry(store, sources)
    return entry


def record_default_schedule(store: Store, cron: str | None, datasets: list[str] | None = None) -> None:
    """Give every registered source without a schedule of its own ``cron`` (what
    ``datamap deploy --cron`` serves), so the ops dashboard knows when each is due."""
    if not cron:
        return
    check_schedule(cron)
    sources = load_registry(store)
    todo = [d for d, e in sources.items() if not e.get(schema.SOURCE_SCHEDULE)
            and (datasets is None or d in datasets)]
    for d in todo:
        sources[d][schema.SOURCE_SCHEDULE] = cron
    if todo:
        save_registry(store, sources)


def unregister_source(store: Store, dataset: str) -> bool:
    sources = load_registry(store)
    found = sources.pop(dataset, None) is not None
    if found:
        save_registry(store, sources)
    return found


def fingerprint_changed(old: dict | None, new: dict) -> bool:
    """True when a previously seen source now differs in size, ETag or mtime."""
    if old is None:
        return False
    return any(old.get(f) != new.get(f) for f in FINGERPRINT_FIELDS)


@dataclass
class SourceCheck:
    dataset: str
    source: str
    changed: bool
    old: dict | None
    new: dict | None
    error: str | None = None


def check_sources(store: Store, datasets: list[str] | None = None) -> list[SourceCheck]:
    """Fingerprint every registered source, save what was seen, and say which changed.

    A source that cannot be read is reported with ``error`` and keeps its old
    fingerprint, so it counts as changed once it comes back different.
    """
    sources = load_registry(store)
    out: list[SourceCheck] = []
    for dataset, entry in sorted(sources.items()):
        if datasets is not None and dataset not in datasets:
            continue
        old = entry.get("fingerprint")
        try:
            new = source_fingerprint(entry["source"], entry.get("storage_options"))
        except IngestError as e:
            out.append(SourceCheck(dataset, entry["source"], False, old, None, str(e)))
            continue
        changed = fingerprint_changed(old, new)
        out.append(SourceCheck(dataset, entry["source"], changed, old, new))
        entry["fingerprint"] = new
        entry["checked_at"] = _now()
    # re-read before writing so a registration made meanwhile is not lost
    latest = load_registry(store)
    for c in out:
        if c.new is not None and c.dataset in latest and latest[c.dataset]["source"] == c.source:
            latest[c.dataset]["fingerprint"] = c.new
            latest[c.dataset]["checked_at"] = sources[c.dataset]["checked_at"]
    save_registry(store, latest)
    return out
