"""datamap resources: the artifact schema, the store and the lightweight reader.

Importing this package pulls in pyarrow, numpy and fsspec only (usearch, pandas and
polars load when a resource needs them) — never Prefect, torch, UMAP or BERTopic.
"""
from datamap.resources.errors import (
    DatamapError,
    DatasetNotFound,
    IngestError,
    IntegrityError,
    InvalidName,
    ResourceMissing,
    StorageUnreachable,
    StoreError,
    ValidationFailed,
    VersionNotFound,
)
from datamap.resources.reader import DataMap, list_datasets, list_versions, open_map
from datamap.resources.store import Store

__all__ = [
    "open_map", "list_datasets", "list_versions", "DataMap", "Store",
    "DatamapError", "DatasetNotFound", "VersionNotFound", "IngestError", "ValidationFailed",
    "StorageUnreachable", "StoreError", "IntegrityError", "InvalidName", "ResourceMissing",
]
