"""Curated copies of a map's data: keep or drop rows by tag, write Parquet.

The curation loop the Atlas docs show (find duplicates or bad rows on the map, tag them,
export the rest) as one call: ``export(m, out, without_tags=["duplicates"])``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from datamap.resources import schema
from datamap.resources.errors import InvalidOption

if TYPE_CHECKING:
    from datamap.resources.reader import DataMap


def curated_mask(m: "DataMap", with_tags: list[str] = (), without_tags: list[str] = ()) -> pa.Array:
    """Rows in every ``with_tags`` tag and in none of the ``without_tags`` tags.

    Unknown tag names raise ``UnknownTag`` (listing the dataset's tags) before anything
    is written."""
    ids = m.data.tb.column(schema.ID)
    keep = pa.array([True] * len(ids), type=pa.bool_())
    for name in with_tags:
        keep = pc.and_(keep, pc.is_in(ids, value_set=pa.array(m.tags.get_datums_in_tag(name), pa.string())))
    for name in without_tags:
        keep = pc.and_(keep, pc.invert(pc.is_in(ids, value_set=pa.array(m.tags.get_datums_in_tag(name),
                                                                            pa.string()))))
    return keep


def export(m: "DataMap", out: str, with_tags: list[str] = (), without_tags: list[str] = (),
           storage_options: dict | None = None, extras: list[str] = (), neighbors_k: int = 15) -> dict:
    """Write the kept rows (every data column) to ``out`` (local path or fsspec URL), plus
    the map columns named in ``extras`` (x, y, topics, neighbors, outlier:
    resources/export_columns.py)."""
    import fsspec

    from datamap.resources.export_columns import check_extras, extra_columns

    extras = check_extras(list(extras))
    keep = curated_mask(m, list(with_tags), list(without_tags))
    tb = m.data.tb.filter(keep)
    if extras:
        rows = np.flatnonzero(keep.to_numpy(zero_copy_only=False))
        for name, col in extra_columns(m, rows, extras, neighbors_k).items():
            if name in tb.column_names:
                raise InvalidOption(f"the data already has a column {name!r}; export it without --with "
                                    f"{name}, or rename the column")
            tb = tb.append_column(name, col)
    with fsspec.open(out, "wb", **(storage_options or {})) as f:
        pq.write_table(tb, f, compression="zstd")
    return {"out": out, "rows_in": m.row_count, "rows_out": tb.num_rows,
            "dropped": m.row_count - tb.num_rows, "version": m.version}
