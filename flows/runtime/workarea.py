"""The work area of one build: where stage outputs wait for publishing, on the store.

The area lives in the map's store, ``<store>/<dataset>/_work/<build key>/``, beside the
stage task results Prefect persists for it (``_results/``), so a build killed on one
machine resumes on any other worker that reaches the store: finished stages are cache
hits there too. On a local store the stages write straight into that folder; on a remote
one (S3…) they write to a local scratch copy (``DATAMAP_WORK_DIR``) whose new files are
uploaded inside every stage, before Prefect records the stage as done, and downloaded again
by the next build of the same input that finds the area, on whichever machine.

Keyed by the build's inputs, so re-running the same build after a crash finds the
finished stages (stage cache keys include the area's token, so a deleted area can never
be mistaken for a finished one). Removed after a successful publish; ``datamap gc``
removes areas of builds that died and were never re-run.
"""
from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
import uuid
from pathlib import Path
from typing import Any

from datamap.resources import schema
from datamap.resources.store import Store

RESULTS = "_results"          # Prefect's persisted stage results, inside the area

_ACTIVE: dict[str, "WorkArea"] = {}   # local dir → its area: stage bodies sync through it


def work_root() -> str:
    """Local scratch for builds on remote stores (on a local store the area is in the store)."""
    return os.environ.get("DATAMAP_WORK_DIR") or os.path.join(
        os.path.expanduser("~"), ".cache", "datamap", "work")


def digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:24]


class WorkArea:
    """One build's stage outputs and cache identity; see the module docstring."""

    def __init__(self, store: Store, dataset: str, build_key: str):
        self.build_key = build_key
        self.store = store
        self.remote = posixpath.join(store.dataset_dir(dataset), schema.WORK_DIR, build_key)
        self.dir = self.remote if store.local else os.path.join(
            work_root(), digest(store.uri), dataset, build_key)
        os.makedirs(os.path.dirname(self.dir), exist_ok=True)
        self._lock = _exclusive(self.dir + ".lock")
        os.makedirs(self.dir, exist_ok=True)
        self._synced: dict[str, tuple[int, int]] = {}
        self.token = self._local_token() if store.local else self._remote_token()
        _ACTIVE[self.dir] = self

    def path(self, name: str) -> str:
        return os.path.join(self.dir, name)

    def key(self, stage: str, *inputs: Any) -> str:
        """Cache key of a stage: its inputs plus this area's token."""
        return digest(stage, self.token, *inputs)

    def result_storage(self) -> Path:
        """Where Prefect persists this area's stage results: ``_results/`` inside it, so
        removing the area drops them. A local folder either way (Prefect would otherwise
        want a block saved on its server, with the store's credentials in it); on a
        remote store ``sync`` carries the records up with the stage files, and the next
        worker's restore brings them down before its cache lookups."""
        return Path(self.dir) / RESULTS

    def sync(self) -> list[str]:
        """Upload the files stages wrote or changed since the last sync (remote stores);
        return their names. Called inside every stage task, before its result is recorded
        (a stage's result never reaches the store without its outputs), and by the flow
        after each stage (which carries that stage's result record up)."""
        if self.store.local:
            return []
        sent = []
        for rel, sig in _local_files(self.dir).items():
            if self._synced.get(rel) != sig:
                self.store.fs.put_file(os.path.join(self.dir, rel), posixpath.join(self.remote, rel))
                self._synced[rel] = sig
                sent.append(rel)
        return sent

    def remove(self) -> None:
        if not self.store.local:
            self.store.remove(self.remote, recursive=True)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.release()

    def release(self) -> None:
        """Let go of the area, keeping its files: a failed build's stages stay for the
        next build of the same input to resume from, but its lock must not outlive the
        build, or a long-lived process (a notebook, a worker) whose build failed would
        keep every other process's build of that input waiting."""
        _ACTIVE.pop(self.dir, None)
        self._lock.close()   # releases the lock: a waiting build of the same input starts

    # ---- identity and restore ------------------------------------------------------
    def _local_token(self) -> str:
        token_file = os.path.join(self.dir, schema.WORK_TOKEN)
        if not os.path.exists(token_file):
            tmp = f"{token_file}.{uuid.uuid4().hex}"
            with open(tmp, "w") as f:
                f.write(uuid.uuid4().hex)
            os.replace(tmp, token_file)
        with open(token_file) as f:
            return f.read().strip()

    def _remote_token(self) -> str:
        """The store's token wins: its area (and results) is what another worker left. With
        none there, local leftovers are stale (their results are gone): start afresh."""
        remote_token = posixpath.join(self.remote, schema.WORK_TOKEN)
        if self.store.exists(remote_token):
            self._restore()
            return self.store.read_bytes(remote_token).decode().strip()
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir, exist_ok=True)
        token = self._local_token()
        self.store.write_bytes(remote_token, token.encode())
        self._synced = _local_files(self.dir)
        return token

    def _restore(self) -> None:
        """Download the store's copy of the area, stage results included."""
        fs = self.store.fs
        for path, info in fs.find(self.remote, detail=True).items():
            rel = posixpath.relpath(path, self.remote)
            local = os.path.join(self.dir, rel)
            if not (os.path.exists(local) and os.path.getsize(local) == info.get("size")):
                os.makedirs(os.path.dirname(local), exist_ok=True)
                fs.get_file(path, local)
        self._synced = _local_files(self.dir)


def unshare(work_dir: str | None) -> list[str]:
    """Give each file of a local work area that a version shares (a publish links a
    local store's artifacts into the version: ``tasks.publish.link_or_copy``) bytes of
    its own again; return their names. Called before a stage or a publish writes into
    the area: a stage writes its files in place, and through a shared link that would
    change a version after its manifest. Only an area used again after a publish began
    (a publish retried, or a build resumed after one failed) has any."""
    if not work_dir or not os.path.isdir(work_dir):
        return []
    out = []
    for root, _, names in os.walk(work_dir):
        for fn in names:
            path = os.path.join(root, fn)
            if os.lstat(path).st_nlink < 2:
                continue
            tmp = f"{path}.unshare-{uuid.uuid4().hex}"
            shutil.copyfile(path, tmp)
            os.replace(tmp, path)      # the version keeps the old inode, the area a new one
            out.append(os.path.relpath(path, work_dir))
    return out


def sync_stage_outputs(work_dir: str | None) -> None:
    """After a stage body returns: put its outputs on the store (no-op for local stores,
    and where the area is not this process's, e.g. on a Dask worker: the flow syncs then)."""
    area = _ACTIVE.get(work_dir or "")
    if area is not None:
        area.sync()


def _local_files(root: str) -> dict[str, tuple[int, int]]:
    out = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = os.path.join(dirpath, n)
            st = os.stat(p)
            out[os.path.relpath(p, root).replace(os.sep, "/")] = (st.st_size, st.st_mtime_ns)
    return out


def _exclusive(path: str):
    """Two builds of the same input and options share one work area; the second waits
    here until the first has published (or died: the OS drops a dead process's lock), or
    they would overwrite each other's stage files. A POSIX lock (lockf), held for the
    build only (``WorkArea.release``): a failed build's area stays for a resume, unlocked.
    The lock is per machine: on a remote store, two machines must not build the same
    input at the same moment (schedules and the source watcher run one build per dataset)."""
    import fcntl

    f = open(path, "a+")
    try:
        fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        print(f"waiting for another build of the same input to finish (work area {os.path.dirname(path)})")
        fcntl.lockf(f, fcntl.LOCK_EX)
    return f

