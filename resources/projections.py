"""``m.embeddings.projections``: every 2-D layout a version holds, by method name.

The main layout (``projection.parquet``, also ``m.embeddings.projected``) is listed under
the method that made it; extras (``BuildOptions.projection["extra"]``) under theirs.
Dict-like and lazy: a layout is read on first access only.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Iterator

import numpy as np

from datamap.resources import schema
from datamap.resources.errors import UnknownProjection

if TYPE_CHECKING:
    from datamap.resources.reader import DataMap

METHOD_NAMES = ("umap", "tsne", "pca")


def main_method(manifest: dict) -> str:
    """The method behind ``projection.parquet``: what ran (manifest), else what was asked."""
    info = manifest.get("projection") or {}
    if info.get("method"):
        return info["method"]
    asked = ((manifest.get("build") or {}).get("params") or {}).get("projection") or {}
    m = asked.get("method", "umap")   # a manifest without projection info predates "auto" as default
    if m == "auto":   # e.g. a refreshed version: the layout is the parent's, look there
        m = "main"
    return m


class ProjectionsResource(Mapping):
    def __init__(self, m: "DataMap"):
        self._m = m
        self._cache: dict[str, object] = {}

    @cached_property
    def main(self) -> str:
        name = main_method(self._m.manifest)
        man, hops = self._m.manifest, 0
        while name == "main" and hops < 50:   # refreshed "auto" map: the layout is an ancestor's
            parent = (man.get("refresh") or {}).get("parent") or man.get("parent")
            if not parent:
                break
            try:
                man = self._m.store.read_manifest(self._m.dataset, parent)
            except Exception:  # parent pruned: keep the neutral name
                break
            name, hops = main_method(man), hops + 1
        return name

    def _artifacts(self) -> dict[str, str]:
        out = {self.main: schema.PROJECTION}
        for name in METHOD_NAMES:
            art = schema.projection_artifact(name)
            if name != self.main and self._m.has(art):
                out[name] = art
        return out

    def __iter__(self) -> Iterator[str]:
        return iter(self._artifacts())

    def __len__(self) -> int:
        return len(self._artifacts())

    def __contains__(self, name: object) -> bool:
        return name in self._artifacts()

    def __getitem__(self, name: str):
        """pandas DataFrame id, x, y of layout ``name`` (row order of ``m.data``)."""
        arts = self._artifacts()
        if name not in arts:
            raise UnknownProjection(f"{self._m.dataset}@{self._m.version} has no {name!r} projection; "
                                    f"it has {', '.join(arts)}. Rebuild with "
                                    f"projection={{'extra': [{name!r}]}} to add it.")
        if name not in self._cache:
            self._cache[name] = self._m.read_parquet(arts[name]).to_pandas()
        return self._cache[name]

    def xy(self, name: str) -> np.ndarray:
        """(N, 2) float32 coordinates of layout ``name``."""
        df = self[name]
        return np.column_stack([df[schema.X].to_numpy(), df[schema.Y].to_numpy()]).astype(np.float32)

    def tiles_artifact(self, name: str) -> str:
        """The tile set drawn for layout ``name`` (the main one is ``schema.TILES``)."""
        if name not in self._artifacts():
            self[name]   # raises the helpful UnknownProjection
        return schema.TILES if name == self.main else schema.tiles_artifact(name)

    def info(self) -> dict:
        """What the manifest says about each layout (method, why, seconds, ...)."""
        extra = (self._m.manifest.get("projections") or {}).get("methods") or {}
        out = {self.main: self._m.manifest.get("projection") or {"method": self.main}}
        out.update({k: v for k, v in extra.items() if k in self._artifacts()})
        return out
