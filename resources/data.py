"""``m.data``: the metadata table (every input column plus ``id``)."""
from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from datamap.resources import schema
from datamap.resources.errors import DatamapError

if TYPE_CHECKING:
    from datamap.resources.reader import DataMap


class UnknownIds(DatamapError, KeyError):
    """Some requested ids are not in this map version."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class DataResource:
    def __init__(self, m: "DataMap"):
        self._m = m

    @cached_property
    def tb(self) -> pa.Table:
        """Arrow table, memory-mapped when the store is local."""
        return self._m.read_parquet(schema.DATA)

    @property
    def df(self):
        """pandas DataFrame (Atlas ``.df``)."""
        return self.tb.to_pandas()

    @property
    def pl(self):
        import polars as pl

        return pl.from_arrow(self.tb)

    @cached_property
    def ids(self) -> list[str]:
        return self.tb.column(schema.ID).to_pylist()

    @cached_property
    def position(self) -> dict[str, int]:
        return {k: i for i, k in enumerate(self.ids)}

    def coerce_ids(self, ids) -> list:
        """``ids`` as values of the id column's type: ``[0, 42]`` matches the text ids
        ``"0"``, ``"42"`` (ids are read as text unless the input's id field holds integers),
        and ``["7"]`` matches an integer id 7. A value that cannot be one stays as given, so
        it is reported as unknown rather than silently changed."""
        if isinstance(ids, (str, bytes)):
            raise DatamapError(f"ids must be a list of ids, not a single string: use [{ids!r}]")
        typ = self.tb.schema.field(schema.ID).type
        ids = list(ids)
        textual = pa.types.is_string(typ) or pa.types.is_large_string(typ)
        if textual and all(type(i) is str for i in ids):
            return ids          # the common case, kept cheap for whole-column lookups
        out: list = []
        for i in ids:
            if pa.types.is_integer(typ) and not isinstance(i, (int, np.integer)):
                try:
                    i = int(str(i))
                except ValueError:
                    pass
            elif textual:
                if isinstance(i, bytes):
                    i = i.decode("utf-8", "replace")
                elif not isinstance(i, str):
                    i = str(i.item() if isinstance(i, np.generic) else i)
            elif isinstance(i, np.generic):
                i = i.item()
            out.append(i)
        return out

    def positions(self, ids: list[str], strict: bool = True) -> np.ndarray:
        ids = self.coerce_ids(ids)
        pos = self.position
        missing = [i for i in ids if i not in pos]
        if missing and strict:
            raise UnknownIds(
                f"{len(missing)} id(s) not in {self._m.dataset}@{self._m.version}: {missing[:10]}"
            )
        return np.asarray([pos[i] for i in ids if i in pos], dtype=np.int64)

    def get(self, ids: list[str]) -> list[dict[str, Any]]:
        return self.tb.take(pa.array(self.positions(ids))).to_pylist()


def align_to(table: pa.Table, ids: pa.ChunkedArray) -> pa.Table:
    """``table`` (keyed by id) in the row order of ``ids``; stages promise it, this checks."""
    got = table.column(schema.ID)
    if len(got) == len(ids) and got.equals(ids.cast(got.type)):
        return table
    import pyarrow.compute as pc

    idx = pc.index_in(ids.cast(got.type), value_set=got.combine_chunks())
    if idx.null_count:
        raise ValueError(f"{idx.null_count} map ids missing from a per-point artifact")
    return table.take(idx)
