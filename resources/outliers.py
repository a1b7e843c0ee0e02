"""``m.outliers``: a per-point outlier score for one version (the ``outliers`` stage).

``.tb``/``.df`` hold one row per point in map order: id, outlier_score (higher = more
isolated from the rest of the map) and rank (1 = the most outlying point). ``.top(n)``
lists the ``n`` most outlying points, with their text when the map has a text field,
which is what one reads when hunting strays, mislabelled rows or junk.
"""
from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from datamap.resources import schema

if TYPE_CHECKING:
    from datamap.resources.reader import DataMap


class OutliersResource:
    def __init__(self, m: "DataMap"):
        m.require(schema.OUTLIERS, "outlier scores (outliers stage)")
        self._m = m

    def __repr__(self) -> str:
        info = self._m.manifest.get("outliers") or {}
        return f"<outliers of {self._m.dataset}@{self._m.version}: method {info.get('method')}>"

    @cached_property
    def tb(self) -> pa.Table:
        """Arrow table, one row per point in map order."""
        return self._m.read_parquet(schema.OUTLIERS)

    @property
    def df(self):
        """pandas DataFrame: id, outlier_score, rank."""
        return self.tb.to_pandas()

    @property
    def method(self) -> str | None:
        return (self._m.manifest.get("outliers") or {}).get("method")

    @cached_property
    def scores(self) -> np.ndarray:
        """float32 scores in map (row) order."""
        return self.tb.column(schema.OUTLIER_SCORE).to_numpy()

    @cached_property
    def ranks(self) -> np.ndarray:
        """int64 ranks in map (row) order, 1 = most outlying."""
        return self.tb.column(schema.OUTLIER_RANK).to_numpy()

    def percentile(self) -> np.ndarray:
        """Share of points scoring lower, in map order (0 = most typical, ~1 = most outlying)."""
        n = len(self.ranks)
        return (n - self.ranks) / max(n - 1, 1)

    def top(self, n: int = 20, text: bool = True):
        """pandas DataFrame of the ``n`` most outlying points, rank order: id, outlier_score,
        rank, plus the text field when the map has one (``text=False`` to skip it)."""
        if n < 0:
            raise ValueError("n must be ≥ 0")
        order = np.argsort(self.ranks, kind="stable")[:n]
        t = self.tb.take(pa.array(order, type=pa.int64()))
        tf = self._m.manifest.get("text_field")
        if text and tf:   # outliers.parquet is in map order, like data.parquet
            t = t.append_column(tf, self._m.data.tb.column(tf).take(pa.array(order, type=pa.int64())))
        return t.to_pandas()
