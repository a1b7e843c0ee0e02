"""``m.thumbnails``: the image thumbnails of an image map (written by the thumbnails stage).

Thumbnails are packed ``per_row``² to an atlas PNG; a row's atlas and cell follow from its
row number (``cell_of``), which the web map uses to draw them straight from the atlases.
Pillow is imported only to cut a single thumbnail out (``png``).
"""
from __future__ import annotations

import io
import json
import re
from functools import cached_property
from typing import TYPE_CHECKING

from datamap.resources import schema
from datamap.resources.errors import ResourceMissing

if TYPE_CHECKING:
    from datamap.resources.reader import DataMap

_ATLAS = re.compile(r"^\d{1,9}\.png$")


def atlas_name(i: int) -> str:
    return f"{int(i)}.png"


def cell_of(row: int, per_row: int) -> tuple[int, int, int]:
    """(atlas number, column, row within the atlas) of a map row."""
    per = per_row * per_row
    a, r = divmod(int(row), per)
    return a, r % per_row, r // per_row


class ThumbnailsResource:
    def __init__(self, m: "DataMap"):
        self._m = m
        m.require(schema.THUMBNAILS, "thumbnails (an image map: a column of image paths, URLs or bytes)")

    @cached_property
    def index(self) -> dict:
        """size, per_row, atlases, rows, missing (images that could not be read)."""
        return json.loads(self._m.store.read_bytes(self._m.artifact_path(f"{schema.THUMBNAILS}/{schema.FOLDER_INDEX}")))

    def atlas_bytes(self, i: int) -> bytes:
        name = atlas_name(i)
        if not _ATLAS.fullmatch(name) or not 0 <= int(i) < self.index["atlases"]:
            raise ResourceMissing(f"{self._m.dataset}@{self._m.version} has no thumbnail atlas {i}")
        return self._m.store.read_bytes(self._m.artifact_path(f"{schema.THUMBNAILS}/{name}"))

    def png(self, row: int) -> bytes:
        """One row's thumbnail as PNG bytes (transparent if its image could not be read)."""
        from PIL import Image

        n = self.index["rows"]
        if not 0 <= int(row) < n:
            raise ResourceMissing(f"row {row} is outside this map (0..{n - 1})")
        s, pr = self.index["size"], self.index["per_row"]
        a, cx, cy = cell_of(row, pr)
        img = Image.open(io.BytesIO(self.atlas_bytes(a))).crop((cx * s, cy * s, (cx + 1) * s, (cy + 1) * s))
        buf = io.BytesIO()
        img.save(buf, format="PNG")
        return buf.getvalue()

    def image(self, row: int):
        """One row's thumbnail as a Pillow image."""
        from PIL import Image

        return Image.open(io.BytesIO(self.png(row)))
