"""The lightweight reader: open a published map version without Prefect, torch or UMAP.

Mirrors the Atlas map-resource API (``m.data``, ``m.embeddings``, ``m.topics``,
``m.duplicates``, ``m.tags``, ``m.get_data``) so users of that API feel at home. Every
resource loads lazily on first access; local artifacts are memory-mapped.
"""
from __future__ import annotations

import hashlib
import os
import posixpath
from functools import cached_property
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from datamap.resources import schema
from datamap.resources.errors import IntegrityError, ResourceMissing
from datamap.resources.store import Store


def open_map(dataset: str, store: str | Store | None = None, version: str | None = "latest",
             storage_options: dict | None = None) -> "DataMap":
    """Open ``dataset`` at ``version`` ("latest" by default) in ``store``.

    Raises DatasetNotFound / VersionNotFound listing what exists.
    """
    st = store if isinstance(store, Store) else Store(store, storage_options)
    v = st.resolve_version(dataset, version)
    return DataMap(st, dataset, v)


def list_datasets(store: str | Store | None = None, storage_options: dict | None = None) -> list[str]:
    st = store if isinstance(store, Store) else Store(store, storage_options)
    return st.list_datasets()


def list_versions(dataset: str, store: str | Store | None = None,
                  storage_options: dict | None = None) -> list[dict]:
    """Complete versions, oldest first, with the manifest facts a catalog shows."""
    st = store if isinstance(store, Store) else Store(store, storage_options)
    latest = st.latest(dataset)
    out = []
    for v in st.list_versions(dataset):
        m = st.read_manifest(dataset, v)
        out.append({"version": v, "rows": m.get("rows"), "created_at": m.get("created_at"),
                    "latest": v == latest, "build_seconds": m.get("build", {}).get("seconds"),
                    "validation": (m.get("validation") or {}).get("success"),
                    "parent": m.get("parent")})
    return out


class DataMap:
    """One immutable version of a map."""

    def __init__(self, store: Store, dataset: str, version: str):
        self.store = store
        self.dataset = dataset
        self.version = version
        self.manifest: schema.Manifest = store.read_manifest(dataset, version)
        got = self.manifest.get("schema_version")
        if got != schema.SCHEMA_VERSION:
            raise IntegrityError(
                f"{dataset}@{version} has artifact schema {got}; this reader understands "
                f"{schema.SCHEMA_VERSION}. Upgrade datamap or rebuild the map."
            )

    def __repr__(self) -> str:
        return f"<DataMap {self.dataset}@{self.version}: {self.manifest.get('rows')} rows>"

    # ---- artifact access (shared by the resources) ------------------------------------
    def has(self, name: str) -> bool:
        arts = self.manifest.get("artifacts", {})
        return name in arts or any(k.startswith(name.rstrip("/") + "/") for k in arts)

    def require(self, name: str, what: str) -> None:
        if not self.has(name):
            raise ResourceMissing(f"{self.dataset}@{self.version} was built without {what}")

    def artifact_path(self, name: str) -> str:
        return self.store.artifact_path(self.dataset, self.version, name)

    def read_parquet(self, name: str) -> pa.Table:
        path = self.artifact_path(name)
        if self.store.local:
            return pq.read_table(path, memory_map=True)
        with self.store.open(path) as f:
            return pq.read_table(f)

    def local_file(self, name: str) -> str:
        """A local path for ``name``: the file itself, or a verified cached copy (remote)."""
        path = self.artifact_path(name)
        if self.store.local:
            return path
        key = hashlib.sha256(f"{self.store.uri}|{self.dataset}|{self.version}".encode()).hexdigest()[:20]
        local = os.path.join(self.store.local_cache_dir(), "versions", key, name)
        if not os.path.exists(local):
            os.makedirs(os.path.dirname(local), exist_ok=True)
            tmp = f"{local}.part-{os.getpid()}"
            self.store.fs.get_file(path, tmp)
            os.replace(tmp, local)
        return local

    def verify(self) -> dict[str, str]:
        """Recompute every artifact's sha256 and compare with the manifest."""
        bad = {}
        for name, meta in self.manifest.get("artifacts", {}).items():
            h = hashlib.sha256()
            with self.store.open(self.artifact_path(name)) as f:
                for block in iter(lambda: f.read(1 << 22), b""):
                    h.update(block)
            if h.hexdigest() != meta["sha256"]:
                bad[name] = h.hexdigest()
        if bad:
            raise IntegrityError(f"{self.dataset}@{self.version}: checksum mismatch for {sorted(bad)}")
        return {n: m["sha256"] for n, m in self.manifest.get("artifacts", {}).items()}

    # ---- resources -------------------------------------------------------------------------
    @cached_property
    def data(self):
        from datamap.resources.data import DataResource

        return DataResource(self)

    @cached_property
    def embeddings(self):
        from datamap.resources.embeddings import EmbeddingsResource

        return EmbeddingsResource(self)

    @cached_property
    def topics(self):
        from datamap.resources.topics import TopicsResource

        return TopicsResource(self)

    @cached_property
    def duplicates(self):
        from datamap.resources.duplicates import DuplicatesResource

        return DuplicatesResource(self)

    @cached_property
    def tags(self):
        from datamap.resources.tags import TagsResource

        return TagsResource(self)

    @cached_property
    def outliers(self):
        from datamap.resources.outliers import OutliersResource

        return OutliersResource(self)

    @cached_property
    def thumbnails(self):
        from datamap.resources.thumbnails import ThumbnailsResource

        return ThumbnailsResource(self)

    @cached_property
    def tiles(self):
        from datamap.resources.tiles import TilesResource

        return TilesResource(self)

    def vector_search(self, ids: list[str] | None = None, queries: Any = None,
                      k: int = 5) -> tuple[list[list[str]], list[list[float]]]:
        """Nearest neighbours (Atlas calls it on the map): ``m.embeddings.vector_search``."""
        return self.embeddings.vector_search(ids=ids, queries=queries, k=k)

    def get_data(self, ids: list[str]) -> list[dict[str, Any]]:
        """Full records for ``ids`` in the order given (Atlas ``get_data``)."""
        return self.data.get(ids)

    @property
    def row_count(self) -> int:
        return int(self.manifest["rows"])

    def dataset_path(self, *parts: str) -> str:
        return posixpath.join(self.store.dataset_dir(self.dataset), *parts)
