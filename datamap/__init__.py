"""datamap: self-hosted, versioned data maps.

The public surface. ``open_map`` and the reader need only the core install
(``pip install datamap``); ``build_map`` needs ``datamap[build]`` and is imported on
first use, so ``import datamap`` never pulls in Prefect, torch, UMAP or BERTopic.
"""
from __future__ import annotations

from importlib import metadata as _metadata
from typing import Any

from datamap.resources import (
    DataMap,
    DatamapError,
    DatasetNotFound,
    Store,
    VersionNotFound,
    list_datasets,
    list_versions,
    open_map,
)

try:
    __version__ = _metadata.version("datamap")
except _metadata.PackageNotFoundError:   # running from a checkout that is not installed
    __version__ = "0+unknown"

__all__ = ["open_map", "list_datasets", "list_versions", "DataMap", "Store", "DatamapError",
           "DatasetNotFound", "VersionNotFound", "build_map", "embed_query", "__version__"]


def __getattr__(name: str) -> Any:
    """``datamap.build_map`` and ``datamap.embed_query`` load the build stack / the
    embedder only when they are asked for."""
    if name == "build_map":
        from datamap.cli.extras import require

        require("build", "datamap.build_map")
        from datamap.flows.inmemory import build_map_any

        return build_map_any      # a path/URL, or a DataFrame / Arrow table and numpy vectors
    if name == "embed_query":
        from datamap.cli.extras import require

        require("embed", "datamap.embed_query")
        from datamap.tasks.embed.query import embed_query

        return embed_query
    raise AttributeError(f"module 'datamap' has no attribute {name!r}")
