"""Thumbnails for image maps: one small picture per row, packed into atlas PNGs.

Rows reference their image by a local path, an fsspec URL (``s3://…``, ``https://…``)
or the image bytes themselves. Each thumbnail is fitted into a ``size``² cell (small
images are enlarged by whole pixels, so 8×8 digits stay crisp); ``per_row`` × ``per_row``
cells make one atlas. A thumbnail's atlas and cell follow from its row number alone, so
the web map needs no per-image lookup table and a million images are ~4,000 files, not
a million. Decoding is Pillow's; nothing here is hand-written beyond the packing.
"""
from __future__ import annotations

import io
import json
import os
from dataclasses import dataclass, field

import numpy as np

from datamap.resources import schema
from datamap.resources.errors import InvalidOption
from datamap.resources.options import options_from_dict
from datamap.resources.thumbnails import atlas_name, cell_of

THUMBNAILS_VERSION = 1
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff")
_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")
FIELD_NAMES = ("image", "image_path", "image_url", "img", "picture", "photo", "thumbnail", "file", "path", "url")


@dataclass
class ThumbnailOptions:
    image_field: str | None = None   # None: the first column that holds images (detect_image_field)
    size: int = 64                   # cell side in pixels
    per_row: int = 16                # cells per atlas side: 256 thumbnails per atlas
    base_path: str | None = None     # relative paths are resolved against this (default: cwd)
    on_missing: str = "blank"        # blank: empty cell, counted in the manifest | fail: ImageUnreadable
    storage_options: dict = field(default_factory=dict)   # for fsspec URLs

    @classmethod
    def from_dict(cls, d: dict | None) -> "ThumbnailOptions":
        o = options_from_dict(cls, d, "thumbnails")
        if o.on_missing not in ("blank", "fail"):
            raise InvalidOption("thumbnails on_missing must be 'blank' or 'fail'")
        if not 8 <= o.size <= 256 or not 1 <= o.per_row <= 64:
            raise InvalidOption("thumbnails size must be 8..256 pixels and per_row 1..64")
        return o


def _looks_like_image_ref(v) -> bool:
    if isinstance(v, (bytes, bytearray, memoryview)):
        return bytes(v[:4]).startswith(_MAGIC) or (bytes(v[:4]) == b"RIFF" and bytes(v[8:12]) == b"WEBP")
    if isinstance(v, str):
        return v.lower().split("?", 1)[0].endswith(IMAGE_SUFFIXES)
    return False


def detect_image_field(table, skip: set[str] = frozenset()) -> str | None:
    """The column whose first non-null values all look like images (bytes with an image
    signature, or paths/URLs with an image suffix); named candidates are tried first."""
    names = [c for c in table.column_names if c not in skip]
    names = sorted(names, key=lambda c: c.lower() not in FIELD_NAMES)   # stable: named candidates first
    for name in names:
        col = table.column(name)
        sample = [v for v in col.slice(0, 200).to_pylist() if v is not None][:20]
        if sample and all(_looks_like_image_ref(v) for v in sample):
            return name
    return None


def open_image(value, opts: ThumbnailOptions):
    """A Pillow image from bytes, a local path or an fsspec URL; ImageUnreadable if not."""
    from PIL import Image, UnidentifiedImageError

    from datamap.resources.errors import ImageUnreadable

    try:
        if isinstance(value, (bytes, bytearray, memoryview)):
            data = bytes(value)
        else:
            ref = str(value)
            if "://" not in ref and opts.base_path and not os.path.isabs(ref):
                ref = os.path.join(opts.base_path, ref)
            import fsspec

            with fsspec.open(ref, "rb", **(opts.storage_options if "://" in ref else {})) as f:
                data = f.read()
        img = Image.open(io.BytesIO(data))
        img.load()
        return img
    except (OSError, UnidentifiedImageError, ValueError) as e:
        what = f"<{len(value)} bytes>" if isinstance(value, (bytes, bytearray, memoryview)) else repr(value)
        raise ImageUnreadable(f"cannot read image {what}: {e}") from e


def fit(img, size: int):
    """RGBA ``size``×``size`` cell with ``img`` centred, aspect kept; small images are
    enlarged by a whole factor with nearest-neighbour (crisp), large ones reduced (Lanczos)."""
    from PIL import Image

    img = img.convert("RGBA")
    w, h = img.size
    if max(w, h) > size:
        img = img.copy()
        img.thumbnail((size, size), Image.LANCZOS)
    elif max(w, h) * 2 <= size:
        k = size // max(w, h)
        img = img.resize((w * k, h * k), Image.NEAREST)
    cell = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    cell.paste(img, ((size - img.size[0]) // 2, (size - img.size[1]) // 2))
    return cell


def write_thumbnails(out_dir: str, values: list, opts: ThumbnailOptions) -> dict:
    """Write the atlases and ``index.json`` for ``values`` (one image ref per row)."""
    from PIL import Image

    from datamap.resources.errors import ImageUnreadable

    os.makedirs(out_dir, exist_ok=True)
    n = len(values)
    per = opts.per_row * opts.per_row
    side = opts.size * opts.per_row
    missing: list[int] = []
    n_atlas = (n + per - 1) // per
    for a in range(n_atlas):
        sheet = Image.new("RGBA", (side, side), (0, 0, 0, 0))
        for row in range(a * per, min(n, (a + 1) * per)):
            v = values[row]
            try:
                if v is None:
                    raise ImageUnreadable(f"row {row} has no image")
                cell = fit(open_image(v, opts), opts.size)
            except ImageUnreadable:
                if opts.on_missing == "fail":
                    raise
                missing.append(row)
                continue
            _, cx, cy = cell_of(row, opts.per_row)
            sheet.paste(cell, (cx * opts.size, cy * opts.size))
        sheet.save(os.path.join(out_dir, atlas_name(a)), format="PNG", optimize=False)
    index = {"version": THUMBNAILS_VERSION, "rows": n, "size": opts.size, "per_row": opts.per_row,
             "atlases": n_atlas, "format": "png", "missing": len(missing), "missing_rows": missing[:100]}
    with open(os.path.join(out_dir, schema.FOLDER_INDEX), "w") as f:
        json.dump(index, f)
    return index


def labels_neighbour_share(xy: np.ndarray, labels: np.ndarray, k: int = 10) -> float:
    """Mean share of each point's ``k`` nearest map neighbours with its own label (the
    separation figure reported for image maps)."""
    from scipy.spatial import cKDTree

    _, idx = cKDTree(xy).query(xy, k=k + 1)
    return float((labels[idx[:, 1:]] == labels[:, None]).mean())
