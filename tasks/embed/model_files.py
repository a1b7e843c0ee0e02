"""Local folder of model files derived from bundled weights, built once and reused.

Derived files (an exported ONNX graph, a distilled static model) are a pure function of
the source weights and the recipe, so they are keyed by both and shared by every build
and test session on the machine. They live apart from DATAMAP_CACHE_DIR (which tests
point at a throwaway folder) so a fresh session does not pay the export again.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator


def models_root() -> str:
    """DATAMAP_MODEL_CACHE, else ~/.cache/datamap/models."""
    return os.environ.get("DATAMAP_MODEL_CACHE") or os.path.join(
        os.path.expanduser("~"), ".cache", "datamap", "models")


def recipe_key(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:20]


def ensure_built(name: str, key: str, build: Callable[[str], None], root: str | None = None) -> str:
    """Folder ``<root>/<name>-<key>``; if missing, ``build(tmp_folder)`` fills it first.

    Built in a temporary sibling and renamed into place, so a crash or a concurrent
    build never leaves a half-written model that a later run would trust. Processes that
    need the same folder at once (parallel builds, Dask workers, test workers on a fresh
    machine) wait on a lock file for the first one's build instead of each exporting the
    model again: an ONNX export is ~20-40 CPU-seconds here.
    """
    root = root or models_root()
    final = os.path.join(root, f"{name}-{key}")
    if os.path.isfile(os.path.join(final, "COMPLETE")):
        return final
    os.makedirs(root, exist_ok=True)
    with _exclusive(os.path.join(root, f".{name}-{key}.lock")):
        if not os.path.isfile(os.path.join(final, "COMPLETE")):     # built while we waited?
            _build_into(final, name, key, build, root)
    return final


@contextlib.contextmanager
def _exclusive(path: str) -> Iterator[None]:
    """An advisory lock held while the block runs, released if the process dies (flock).
    Where flock is missing, no lock: the rename below still keeps the folder whole."""
    try:
        import fcntl
    except ImportError:           # not POSIX
        yield
        return
    with open(path, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _build_into(final: str, name: str, key: str, build: Callable[[str], None], root: str) -> None:
    tmp = tempfile.mkdtemp(prefix=f".{name}-{key}-", dir=root)
    try:
        build(tmp)
        with open(os.path.join(tmp, "COMPLETE"), "w") as f:
            f.write(key)
        try:
            os.rename(tmp, final)
        except OSError:
            if not os.path.isfile(os.path.join(final, "COMPLETE")):
                raise        # someone else's half-built folder would be a real problem
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
