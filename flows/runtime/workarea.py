"""The local work area of one build: where stage outputs wait for publishing.

Keyed by the build's inputs, so re-running the same build after a crash finds the
finished stages (Prefect's cache keys include the area's token, so a deleted area can
never be mistaken for a finished one). Removed after a successful publish.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from typing import Any

from datamap.resources import schema


def work_root() -> str:
    return os.environ.get("DATAMAP_WORK_DIR") or os.path.join(
        os.path.expanduser("~"), ".cache", "datamap", "work")


def digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:24]


class WorkArea:
    def __init__(self, store_uri: str, dataset: str, build_key: str):
        self.build_key = build_key
        self.dir = os.path.join(work_root(), digest(store_uri), dataset, build_key)
        os.makedirs(os.path.dirname(self.dir), exist_ok=True)
        self._lock = _exclusive(self.dir + ".lock")
        os.makedirs(self.dir, exist_ok=True)
        token_file = os.path.join(self.dir, schema.WORK_TOKEN)
        if not os.path.exists(token_file):
            tmp = f"{token_file}.{uuid.uuid4().hex}"
            with open(tmp, "w") as f:
                f.write(uuid.uuid4().hex)
            os.replace(tmp, token_file)
        with open(token_file) as f:
            self.token = f.read().strip()

    def path(self, name: str) -> str:
        return os.path.join(self.dir, name)

    def key(self, stage: str, *inputs: Any) -> str:
        """Cache key of a stage: its inputs plus this area's token."""
        return digest(stage, self.token, *inputs)

    def remove(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)
        self._lock.close()   # releases the lock: a waiting build of the same input starts afresh


def _exclusive(path: str):
    """Two builds of the same input and options share one work area; the second waits
    here until the first has published (or died: the OS drops a dead process's lock), or
    they would overwrite each other's stage files. A POSIX lock (lockf): a process never
    blocks on itself, so a retry in the same process after a failure goes straight on."""
    import fcntl

    f = open(path, "a+")
    try:
        fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        print(f"waiting for another build of the same input to finish (work area {os.path.dirname(path)})")
        fcntl.lockf(f, fcntl.LOCK_EX)
    return f
