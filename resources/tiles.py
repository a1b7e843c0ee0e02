"""``m.tiles``: the web map's quadtree tiles (written by the ``tiles`` stage).

The server hands tile bytes to the browser as they are stored; nothing is decoded here.
"""
from __future__ import annotations

import json
import re
from functools import cached_property
from typing import TYPE_CHECKING

from datamap.resources import schema
from datamap.resources.errors import ResourceMissing

if TYPE_CHECKING:
    from datamap.resources.reader import DataMap

_TILE = re.compile(r"^(\d{1,2})/(\d{1,7})/(\d{1,7})$")


class TilesResource:
    def __init__(self, m: "DataMap", artifact: str = schema.TILES):
        self._m = m
        self._art = artifact   # schema.tiles_artifact(method) for an extra projection's tiles
        m.require(artifact, "web map tiles (the 'tiles' stage)")

    @cached_property
    def index(self) -> dict:
        """Tile list ({"z/x/y": [points, bytes]}), colour columns and their codes."""
        return json.loads(self._m.store.read_bytes(self._m.artifact_path(f"{self._art}/{schema.FOLDER_INDEX}")))

    def tile_bytes(self, z: int, x: int, y: int) -> bytes:
        """The Arrow IPC stream of one tile; ResourceMissing if the quadtree has none there."""
        name = f"{int(z)}/{int(x)}/{int(y)}"
        if not _TILE.fullmatch(name) or name not in self.index["tiles"]:
            raise ResourceMissing(f"{self._m.dataset}@{self._m.version} has no tile {name}")
        return self._m.store.read_bytes(self._m.artifact_path(f"{self._art}/{name}.arrow"))
