"""The store: where versions of maps live, on any fsspec filesystem.

Layout (names from ``resources.schema``)::

    <store>/<dataset>/versions/<version>/<artifacts…, manifest.json last>
    <store>/<dataset>/LATEST              # text: the newest complete version
    <store>/<dataset>/tags/…              # dataset-level, survives rebuilds
    <store>/<dataset>/_work/<key>/…       # resumable intermediate stage outputs
    <store>/_cache/embeddings/<model>/…   # content-addressed embedding cache

A version is complete exactly when its manifest exists; the manifest is written after
every artifact, and ``LATEST`` is replaced (atomically) only after that. Readers never
look at a version without a manifest, so a crash at any moment leaves the previous
version in force.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import json
import os
import posixpath
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import fsspec

from datamap.resources import schema
from datamap.resources.errors import DatasetNotFound, StorageUnreachable, StoreError, VersionNotFound

DEFAULT_STORE = "./datamap-store"


def default_store_uri() -> str:
    return os.environ.get("DATAMAP_STORE", DEFAULT_STORE)


def s3_options_from_env() -> dict[str, Any]:
    """s3fs options for teams running MinIO/moto/Ceph: endpoint from the environment.

    Timeouts and retries are set here (botocore's own retry machinery, "standard" mode)
    so an unreachable endpoint fails in seconds instead of hanging, and transient 5xx
    answers are retried without a hand-written loop.
    """
    opts: dict[str, Any] = {
        "config_kwargs": {
            "connect_timeout": float(os.environ.get("DATAMAP_S3_CONNECT_TIMEOUT", "5")),
            "read_timeout": float(os.environ.get("DATAMAP_S3_READ_TIMEOUT", "60")),
            "retries": {
                "max_attempts": int(os.environ.get("DATAMAP_S3_MAX_ATTEMPTS", "5")),
                "mode": "standard",
            },
        },
    }
    endpoint = os.environ.get("DATAMAP_S3_ENDPOINT_URL") or os.environ.get("AWS_ENDPOINT_URL")
    if endpoint:
        opts["endpoint_url"] = endpoint
    return opts


def filesystem_for(uri: str, storage_options: dict | None = None) -> tuple[fsspec.AbstractFileSystem, str]:
    """Resolve a URI to (filesystem, path without protocol), with our S3 defaults."""
    protocol = fsspec.core.split_protocol(uri)[0] or "file"
    opts = dict(storage_options or {})
    if protocol in ("s3", "s3a"):
        base = s3_options_from_env()
        base_cfg = base.pop("config_kwargs")
        cfg = {**base_cfg, **opts.pop("config_kwargs", {})}
        opts = {**base, **opts, "config_kwargs": cfg}
    fs, path = _connect(uri, opts)
    if protocol == "file":
        path = os.path.abspath(path)
    return fs, path.rstrip("/")


def _connect(uri: str, opts: dict) -> tuple[fsspec.AbstractFileSystem, str]:
    """``fsspec.core.url_to_fs`` inside the storage-error translation: making a filesystem
    may already connect (ftp, sftp), and an unknown protocol or a missing driver package is
    the user's store address to fix, not a traceback."""
    with storage_errors(uri):
        try:
            return fsspec.core.url_to_fs(uri, **opts)
        except ValueError as e:
            if "protocol not known" not in str(e).lower():
                raise
            raise StoreError(f"store {uri!r}: unknown protocol {str(e).rsplit(':', 1)[-1].strip()!r}. Use a "
                             "local folder, s3://bucket/prefix, or another fsspec URL whose package is "
                             "installed") from e
        except ImportError as e:
            raise StoreError(f"store {uri!r} needs a package that is not installed: {e}") from e


# filesystems a build must not publish to: gone with the process, or read-only
_EPHEMERAL = ("memory",)
_READ_ONLY = ("http", "https")


def is_local(fs: fsspec.AbstractFileSystem) -> bool:
    return "file" in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,))


def new_version_id(now: _dt.datetime | None = None) -> str:
    """Sortable, unique, filesystem-safe: 2026-11-23T094512.123456Z."""
    now = now or _dt.datetime.now(_dt.timezone.utc)
    return now.strftime(schema.VERSION_ID_FORMAT)


@contextlib.contextmanager
def storage_errors(uri: str) -> Iterator[None]:
    """Translate low-level I/O failures into errors that name the store and the cause."""
    try:
        yield
    except (DatasetNotFound, VersionNotFound, StoreError):
        raise
    except FileNotFoundError:
        raise
    except PermissionError as e:
        raise StoreError(f"permission denied writing to store {uri!r}: {e}") from e
    except OSError as e:
        if getattr(e, "errno", None) in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise StoreError(f"no space left on the device holding store {uri!r} ({e.strerror}): "
                             "free some space or move the store; nothing partial was published") from e
        if getattr(e, "errno", None) == errno.EROFS:
            raise StoreError(f"store {uri!r} is on a read-only file system: it can be read "
                             "(open_map, serve) but not written (build, tags)") from e
        if _looks_unreachable(e):
            raise StorageUnreachable(
                f"cannot reach the storage behind {uri!r}: {e}. Check the endpoint URL "
                "(DATAMAP_S3_ENDPOINT_URL / AWS_ENDPOINT_URL), network and credentials."
            ) from e
        if getattr(e, "errno", None) in (errno.EREMOTEIO, errno.EBUSY, errno.EAGAIN):  # 5xx / throttled
            raise StoreError(
                f"store {uri!r}: the storage service kept failing after "
                f"{os.environ.get('DATAMAP_S3_MAX_ATTEMPTS', '5')} attempts ({e}). Nothing partial is "
                "visible; retry later, or raise DATAMAP_S3_MAX_ATTEMPTS for a flaky service."
            ) from e
        raise StoreError(f"store {uri!r}: {e}") from e
    except Exception as e:  # botocore / aiohttp errors are not OSError subclasses
        if _looks_unreachable(e):
            raise StorageUnreachable(
                f"cannot reach the storage behind {uri!r}: {e}. Check the endpoint URL "
                "(DATAMAP_S3_ENDPOINT_URL / AWS_ENDPOINT_URL), network and credentials."
            ) from e
        raise


def _looks_unreachable(e: BaseException) -> bool:
    names = {type(x).__name__ for x in _chain(e)}
    text = " ".join(str(x) for x in _chain(e)).lower()
    return bool(
        names & {"EndpointConnectionError", "ConnectTimeoutError", "ClientConnectorError",
                 "ConnectionRefusedError", "ServerDisconnectedError", "ReadTimeoutError"}
        or "could not connect" in text
        or "connection refused" in text
    )


def _chain(e: BaseException | None) -> Iterator[BaseException]:
    seen = set()
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        yield e
        e = e.__cause__ or e.__context__


class Store:
    """A store root on some filesystem. Cheap to create; holds no open files."""

    def __init__(self, uri: str | None = None, storage_options: dict | None = None):
        self.uri = uri or default_store_uri()
        self.storage_options = storage_options or {}
        self.fs, self.root = filesystem_for(self.uri, self.storage_options)
        self.local = is_local(self.fs)

    def __repr__(self) -> str:
        return f"Store({self.uri!r})"

    # ---- paths --------------------------------------------------------------------
    def path(self, *parts: str) -> str:
        return posixpath.join(self.root, *parts)

    def dataset_dir(self, dataset: str) -> str:
        return self.path(schema.check_name(dataset, "dataset"))

    def version_dir(self, dataset: str, version: str) -> str:
        return posixpath.join(self.dataset_dir(dataset), schema.VERSIONS_DIR,
                              schema.check_name(version, "version"))

    def artifact_path(self, dataset: str, version: str, name: str) -> str:
        return posixpath.join(self.version_dir(dataset, version), name)

    def url(self, path: str) -> str:
        """A URL for ``path`` that fsspec-aware libraries (polars, pyarrow) accept."""
        if self.local:
            return path
        proto = self.fs.protocol[0] if isinstance(self.fs.protocol, tuple) else self.fs.protocol
        return f"{proto}://{path}"

    # ---- basic I/O ------------------------------------------------------------------
    def exists(self, path: str) -> bool:
        with storage_errors(self.uri):
            self._forget(path)
            return self.fs.exists(path)

    def _forget(self, path: str) -> None:
        """Drop s3fs's cached listings for ``path``: another process may have published since
        (a long-lived reader or server would otherwise never see a new version or tag)."""
        if not self.local:
            with contextlib.suppress(Exception):
                self.fs.invalidate_cache(path)

    def read_bytes(self, path: str) -> bytes:
        with storage_errors(self.uri):
            return self.fs.cat_file(path)

    def read_json(self, path: str) -> Any:
        return json.loads(self.read_bytes(path))

    def write_bytes(self, path: str, data: bytes) -> None:
        with storage_errors(self.uri):
            if self.local:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                _local_atomic_write(path, data)
            else:
                _failpoint("store.write")        # crash tests: before the PUT
                self.fs.pipe_file(path, data)  # one PUT: all or nothing

    def write_parquet(self, path: str, table: Any, **options: Any) -> None:
        """Write ``table`` (a pyarrow Table) as parquet at ``path``, all or nothing, as
        ``write_bytes`` does. Locally Arrow writes the file itself (to a temporary name,
        synced, then renamed): going through ``bytes`` cost four copies of the data into
        fresh memory, and a 270 MB embedding-cache part took 4-8 s to write instead of
        0.4-2 s (2026-12-07). Elsewhere the file is built in memory and sent in one PUT."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.local:
            sink = pa.BufferOutputStream()
            pq.write_table(table, sink, **options)
            self.write_bytes(path, sink.getvalue().to_pybytes())
            return
        with storage_errors(self.uri):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            _local_atomic_write(path, lambda tmp: pq.write_table(table, tmp, **options))

    def write_json(self, path: str, obj: Any) -> None:
        self.write_bytes(path, json.dumps(obj, indent=2, sort_keys=True, default=str).encode())

    def makedirs(self, path: str) -> None:
        with storage_errors(self.uri):
            if self.local:
                os.makedirs(path, exist_ok=True)

    def open(self, path: str, mode: str = "rb"):
        if "w" in mode:
            self.makedirs(posixpath.dirname(path))
        return self.fs.open(path, mode)

    def remove(self, path: str | list[str], recursive: bool = False) -> None:
        """Remove ``path`` (a list: on object storage in as few requests as it allows, e.g.
        S3's batch delete); one that is already gone is no error, and does not stop the
        others from being removed."""
        paths = [path] if isinstance(path, str) else list(path)
        with storage_errors(self.uri):
            if self.local or len(paths) == 1:
                for p in paths:
                    with contextlib.suppress(FileNotFoundError):
                        self.fs.rm(p, recursive=recursive)
            elif paths:
                with contextlib.suppress(FileNotFoundError):
                    self.fs.rm(paths, recursive=recursive)

    def listdir(self, path: str) -> list[str]:
        """Base names of entries directly under ``path`` (empty if it does not exist)."""
        with storage_errors(self.uri):
            self._forget(path)
            try:
                entries = self.fs.ls(path, detail=False)
            except FileNotFoundError:
                return []
        return sorted(posixpath.basename(p.rstrip("/")) for p in entries if p.rstrip("/") != path)

    def check_reachable(self) -> None:
        """Fail fast with StorageUnreachable instead of deep inside a build."""
        with storage_errors(self.uri):
            if self.local:
                return
            if set(self._protocols()) & {"s3", "s3a", "gs", "gcs", "abfs", "az"}:
                self.fs.ls(self.root.split("/", 1)[0], refresh=True)    # the bucket
                return
            with contextlib.suppress(FileNotFoundError):                # a new store's folder
                self.fs.ls(self.root)

    def check_publishable(self) -> None:
        """Refuse, before any work, a store a build could write to but not keep: memory://
        vanishes with the process (a build there reported "published" for nothing), and
        http(s):// cannot be written at all."""
        protos = set(self._protocols())
        if protos & set(_EPHEMERAL):
            raise StoreError(f"store {self.uri!r} lives in this process's memory and is gone when the build "
                             "ends: build into a folder or s3://bucket/prefix")
        if protos & set(_READ_ONLY):
            raise StoreError(f"store {self.uri!r} is read-only over HTTP: build into a folder or "
                             "s3://bucket/prefix (an HTTP store can be read with open_map)")

    def _protocols(self) -> tuple[str, ...]:
        p = self.fs.protocol
        return p if isinstance(p, tuple) else (p,)

    # ---- datasets and versions -----------------------------------------------------------
    def list_datasets(self) -> list[str]:
        return [d for d in self.listdir(self.root)
                if not d.startswith(("_", ".")) and self.list_versions(d)]

    def list_versions(self, dataset: str) -> list[str]:
        """Complete versions (those with a manifest), oldest first."""
        vdir = posixpath.join(self.dataset_dir(dataset), schema.VERSIONS_DIR)
        out = []
        for v in self.listdir(vdir):
            if self.exists(posixpath.join(vdir, v, schema.MANIFEST)):
                out.append(v)
        return sorted(out)

    def latest(self, dataset: str) -> str | None:
        p = posixpath.join(self.dataset_dir(dataset), schema.LATEST)
        try:
            v = self.read_bytes(p).decode().strip()
        except FileNotFoundError:
            return None
        return v or None

    def set_latest(self, dataset: str, version: str) -> None:
        """Point LATEST at a version whose manifest already exists (checked)."""
        if not self.exists(self.artifact_path(dataset, version, schema.MANIFEST)):
            raise StoreError(f"refusing to point LATEST at incomplete version {version!r}")
        self.write_bytes(posixpath.join(self.dataset_dir(dataset), schema.LATEST),
                         (version + "\n").encode())

    def resolve_version(self, dataset: str, version: str | None = "latest") -> str:
        """Turn 'latest'/None/a version id into an existing complete version id."""
        schema.check_name(dataset, "dataset")
        if version in (None, "latest"):
            v = self.latest(dataset)
            if v is None:
                existing = self.list_datasets()
                raise DatasetNotFound(
                    f"no published map named {dataset!r} in store {self.uri!r}. "
                    f"Datasets here: {', '.join(existing) if existing else '(none)'}{self._where_hint(existing)}"
                )
            return v
        schema.check_name(version, "version")
        versions = self.list_versions(dataset)
        if version not in versions:
            if not versions:
                existing = self.list_datasets()
                raise DatasetNotFound(
                    f"no published map named {dataset!r} in store {self.uri!r}. "
                    f"Datasets here: {', '.join(existing) or '(none)'}{self._where_hint(existing)}"
                )
            raise VersionNotFound(
                f"dataset {dataset!r} has no complete version {version!r}. "
                f"Versions: {', '.join(versions)}"
            )
        return version

    def _where_hint(self, existing: list[str]) -> str:
        """Where a relative local store was looked for: the usual reason for "(none)" is
        running from another directory than the one the map was built in."""
        if existing or not self.local or os.path.isabs(os.path.expanduser(self.uri)):
            return ""
        return (f". A relative store is looked up from the working directory: this one is "
                f"{self.root} (cwd {os.getcwd()}); pass store='/path/to/datamap-store' or set "
                "DATAMAP_STORE to the folder the map was built in")

    def read_manifest(self, dataset: str, version: str) -> schema.Manifest:
        return self.read_json(self.artifact_path(dataset, version, schema.MANIFEST))

    def local_cache_dir(self) -> str:
        """Local folder for files a remote store must hand over as real files (usearch)."""
        base = os.environ.get("DATAMAP_CACHE_DIR") or os.path.join(
            os.path.expanduser("~"), ".cache", "datamap")
        os.makedirs(base, exist_ok=True)
        return base


def _local_atomic_write(path: str, data: bytes | Callable[[str], None]) -> None:
    """``data`` (bytes, or a function that writes the file it is given) at ``path``: written
    to a temporary name, synced, then renamed, so ``path`` is never half there."""
    tmp = f"{path}.tmp-{uuid.uuid4().hex}"
    try:
        if callable(data):
            data(tmp)
        else:
            with open(tmp, "wb") as f:
                f.write(data)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        _failpoint("store.write")   # crash tests: a written temp file that never got its name
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):   # full disk: don't leave the half-written temp behind
            os.remove(tmp)
        raise


def _failpoint(name: str) -> None:
    """Crash-test hook (``DATAMAP_FAILPOINT``); imported lazily so the reader stays light."""
    if os.environ.get("DATAMAP_FAILPOINT"):
        from datamap.resources.failpoints import failpoint

        failpoint(name)
