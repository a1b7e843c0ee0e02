"""Publish: upload a finished build as a new immutable version, manifest last, then LATEST.

Order is the whole point: artifacts → manifest (lists each with size and sha256) →
LATEST. A reader only trusts versions with a manifest, so a crash at any step leaves the
previous version in force and at worst an orphan folder that ``datamap gc`` removes.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import os
import posixpath
import shutil
import time
from typing import Any

from datamap.resources import schema
from datamap.resources.errors import StoreError
from datamap.resources.failpoints import failpoint
from datamap.resources.store import Store, new_version_id, storage_errors
from datamap.tasks.progress import stage
from datamap.tasks.threaded import in_threads


def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            h.update(block)
    return h.hexdigest()


def sha256_files(paths: list[str]) -> dict[str, str]:
    """``sha256_file`` of each path, on every core, largest first: hashlib lets go of the
    GIL while it hashes a block, and the 1M map's 2.7 GB took 2.7 s on one core."""
    order = sorted(set(paths), key=lambda p: -os.path.getsize(p))
    return dict(zip(order, in_threads(sha256_file, order)))


def expand_files(files: dict[str, str]) -> dict[str, str]:
    """Folders (e.g. tiles/, topic_model/) become one manifest entry per file."""
    out: dict[str, str] = {}
    for name, local in files.items():
        if os.path.isdir(local):
            for root, _, fnames in os.walk(local):
                for fn in sorted(fnames):
                    p = os.path.join(root, fn)
                    rel = os.path.relpath(p, local).replace(os.sep, "/")
                    out[f"{name}/{rel}"] = p
        else:
            out[name] = local
    return out


def publish(store: Store, dataset: str, files: dict[str, str], manifest: dict[str, Any],
            version: str | None = None, reused: dict[str, tuple[str, dict]] | None = None) -> str:
    """Upload ``files`` (artifact name → local path) as a new version; return its id.

    ``reused`` (artifact name → (its path in this store, its manifest entry)): files an
    earlier version holds unchanged (``datamap relabel``), copied inside the store
    instead of uploaded, with the entry (size, sha256) they already have."""
    schema.check_name(dataset, "dataset")
    version = version or new_version_id()
    vdir = store.version_dir(dataset, version)
    if store.exists(vdir):
        raise StoreError(f"version {dataset}@{version} already exists; versions are immutable")
    entries = expand_files(files)
    reused = {k: v for k, v in (reused or {}).items() if k not in entries}
    artifacts: dict[str, dict] = {}
    digests = sha256_files(list(entries.values()))
    with stage("publish", len(entries) + len(reused), "files") as advance, storage_errors(store.uri):
        for name, local in sorted(entries.items()):
            target = posixpath.join(vdir, name)
            if store.local:
                link_or_copy(local, target)
            else:
                store.fs.put_file(local, target)
            artifacts[name] = {"bytes": os.path.getsize(local), "sha256": digests[local]}
            failpoint("publish.artifact")
            advance(1)
        for name, (src, entry) in sorted(reused.items()):
            copy_in_store(store, src, posixpath.join(vdir, name))
            artifacts[name] = {"bytes": int(entry["bytes"]), "sha256": str(entry["sha256"])}
            failpoint("publish.artifact")
            advance(1)
    failpoint("publish.before_manifest")
    full: schema.Manifest = {
        **manifest,
        "schema_version": schema.SCHEMA_VERSION,
        "dataset": dataset,
        "version": version,
        "created_at": _dt.datetime.now(_dt.timezone.utc).isoformat(),
        "artifacts": dict(sorted(artifacts.items())),
    }
    store.write_json(posixpath.join(vdir, schema.MANIFEST), full)
    failpoint("publish.before_latest")
    advance_latest(store, dataset, version)
    failpoint("publish.after_latest")
    return version


def copy_in_store(store: Store, src: str, dst: str) -> None:
    """Copy one published file to another place in the same store: a hard link on a
    local disk (versions are never written after their manifest, so sharing the bytes
    is safe and costs nothing), a server-side copy elsewhere (no download)."""
    if not store.local:
        store.fs.copy(src, dst)
        return
    link_or_copy(src, dst)


def link_or_copy(src: str, dst: str) -> None:
    """``dst`` as a hard link to ``src``, or a copy where links are refused (another
    file system). A local store's work area is inside the store, so a build's artifacts
    are linked into its version rather than copied (the 1M map's 2.7 GB took 6.5 s to
    copy): the area is removed after the publish, and a stage that runs again in an area
    whose files a version shares first gives them back their own bytes
    (``flows.runtime.workarea.unshare``), so a version never changes after its manifest."""
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def _committed_at(store: Store, dataset: str, version: str, seen: dict[str, str]) -> str:
    if version not in seen:
        seen[version] = str(store.read_manifest(dataset, version).get("created_at") or "")
    return seen[version]


def advance_latest(store: Store, dataset: str, version: str, max_rounds: int = 50) -> str:
    """Point LATEST at the most recently committed complete version; return it.

    Two builds publishing at once must not leave LATEST on the earlier commit, which a
    plain "write my id" does when the later committer's write lands first. No lock (S3
    has none to offer): each publisher writes the newest version it can see, then lists
    again; while the list changed under it, it writes again. Once both manifests exist
    both publishers compute the same answer, and the last write of each follows its last
    listing, so the final LATEST is the later commit. Only versions from the older of
    (this one, current LATEST) on are compared, so a long history costs nothing.
    """
    seen: dict[str, str] = {}
    vroot = posixpath.join(store.dataset_dir(dataset), schema.VERSIONS_DIR)

    def candidates(floor: str) -> set[str]:
        with contextlib.suppress(Exception):
            store.fs.invalidate_cache(vroot)   # s3fs caches listings; ours must be fresh
        return {v for v in store.list_versions(dataset) if v >= floor}

    best = version
    for _ in range(max_rounds):
        current = store.latest(dataset)
        floor = min(version, current) if current else version
        cands = candidates(floor) | {version}
        best = max(cands, key=lambda v: (_committed_at(store, dataset, v, seen), v))
        if best != current:
            store.set_latest(dataset, best)
        if candidates(floor) | {version} == cands:
            return best
    return best


def collect_garbage(store: Store, dataset: str, min_age_s: float = 3600) -> list[str]:
    """Remove version folders that never got a manifest (crashed publishes).

    Only folders older than ``min_age_s`` (by the time in their id), so a build that is
    publishing right now is never touched.
    """
    vroot = posixpath.join(store.dataset_dir(dataset), schema.VERSIONS_DIR)
    complete = set(store.list_versions(dataset))
    now = _dt.datetime.now(_dt.timezone.utc)
    removed = []
    for v in store.listdir(vroot):
        try:
            born = _dt.datetime.strptime(v, "%Y-%m-%dT%H%M%S.%fZ").replace(tzinfo=_dt.timezone.utc)
        except ValueError:
            continue
        if v not in complete and (now - born).total_seconds() >= min_age_s:
            store.remove(posixpath.join(vroot, v), recursive=True)
            removed.append(v)
            failpoint("gc.after_remove")
    return removed


def collect_work_areas(store: Store, dataset: str, min_age_s: float = 86400) -> list[str]:
    """Remove the work areas (``<dataset>/_work/<key>``) of builds that died and were never
    re-run: untouched for ``min_age_s`` and, on a local store, not locked by a live build.

    A day by default, not an hour: a remote build touches its area once per stage, and one
    stage (embedding a large corpus in quality mode) can run for more than an hour.
    """
    root = posixpath.join(store.dataset_dir(dataset), schema.WORK_DIR)
    now = time.time()
    removed = []
    for name in store.listdir(root):
        if name.endswith(".lock"):
            continue
        area = posixpath.join(root, name)
        lock = area + ".lock"
        if now - _newest_mtime(store, area) < min_age_s or (store.local and _locked(lock)):
            continue
        store.remove(area, recursive=True)
        if store.local:
            store.remove(lock)
        removed.append(name)
    return removed


def _newest_mtime(store: Store, area: str) -> float:
    """Seconds since the epoch of the newest file in ``area`` (local mtime, S3 LastModified)."""
    newest = 0.0
    for info in store.fs.find(area, detail=True).values():
        t = info.get("mtime") or info.get("LastModified") or info.get("last_modified")
        if isinstance(t, _dt.datetime):
            t = t.timestamp()
        if t is not None:
            newest = max(newest, float(t))
    return newest


def _locked(lock_path: str) -> bool:
    """True while a live build holds ``lock_path`` (flows/runtime/workarea.py takes it). Never
    call this in a process that builds: closing a file drops that process's own locks."""
    import fcntl

    if not os.path.exists(lock_path):
        return False
    try:
        with open(lock_path, "a+") as f:
            fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.lockf(f, fcntl.LOCK_UN)
    except OSError:
        return True
    return False
