"""``m.duplicates``: semantic-duplicate clusters of a version, and re-cutting them locally.

``.tb``/``.df`` hold one row per point (id, cluster_id, duplicate_class, retained_id,
distance_to_retained). ``.rethreshold(c)`` re-runs the build's clustering rule
(``resources.duplicate_clusters``) on the stored near pairs, so for any cutoff up to the
stored radius it returns exactly what a rebuild at ``c`` would — without one.
"""
from __future__ import annotations

import warnings
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from datamap.resources import schema
from datamap.resources.duplicate_clusters import DELETION, RETENTION, TEXT_REASONS, UNCHECKED, cluster_pairs, text_distinct
from datamap.resources.errors import DatamapError

if TYPE_CHECKING:
    from datamap.resources.reader import DataMap


class CutoffOutOfRange(DatamapError, ValueError):
    """A rethreshold cutoff above the radius the version stored pairs for."""


class TextCheckUnavailable(DatamapError, ValueError):
    """A rethreshold asked for the text check on a version built without it."""


class IncompletePairsWarning(UserWarning):
    """A rethreshold above the distance the version's pairs are complete to: its
    clusters are a lower bound on what a rebuild at that cutoff finds."""


class DuplicatesView:
    """Duplicate clusters at one cutoff (the build's, or a rethreshold's)."""

    def __init__(self, tb: pa.Table, cutoff: float):
        self._tb = tb
        self.cutoff = float(cutoff)

    def __repr__(self) -> str:
        return (f"<duplicates at cutoff {self.cutoff}: {self.n_clusters} clusters, "
                f"{len(self.deletion_candidates())} deletion candidates>")

    @property
    def tb(self) -> pa.Table:
        """Arrow table, one row per point in map order."""
        return self._tb

    @property
    def df(self):
        """pandas DataFrame (Atlas ``m.duplicates.df``)."""
        return self._tb.to_pandas()

    @property
    def n_clusters(self) -> int:
        """Clusters with more than one member."""
        return int(pc.sum(pc.equal(self._tb.column(schema.DUP_CLASS), RETENTION)).as_py() or 0)

    def deletion_candidates(self) -> list[str]:
        """Ids you can drop: each is within the cutoff of a retained point."""
        mask = pc.equal(self._tb.column(schema.DUP_CLASS), DELETION)
        return self._tb.column(schema.ID).filter(mask).to_pylist()

    def clusters(self, include_singletons: bool = False) -> dict[int, list[tuple[str, float]]]:
        """cluster_id → [(id, distance to the retained point), …], retained point first,
        then by distance and id. Only clusters with more than one member unless asked."""
        tb = self._tb
        cid = tb.column(schema.DUP_CLUSTER_ID).to_numpy()
        dist = tb.column(schema.DUP_DISTANCE).to_numpy()
        ids = tb.column(schema.ID).to_pylist()
        cls = tb.column(schema.DUP_CLASS).to_numpy(zero_copy_only=False)
        rows = np.arange(len(cid)) if include_singletons else np.nonzero(cls != "singleton")[0]
        is_ret = (cls[rows] != DELETION)
        order = rows[np.lexsort((np.asarray([ids[i] for i in rows], dtype=object).astype(str),
                                 dist[rows], ~is_ret, cid[rows]))]
        out: dict[int, list[tuple[str, float]]] = {}
        for i in order.tolist():
            out.setdefault(int(cid[i]), []).append((ids[i], float(dist[i])))
        return out


class DuplicatesResource(DuplicatesView):
    def __init__(self, m: "DataMap"):
        m.require(schema.DUPLICATES, "duplicate detection (dedupe stage)")
        self._m = m
        info = m.manifest.get("dedupe", {}) or {}
        self.cutoff = float(info.get("duplicate_cutoff", 0.1))
        self.text_check = bool((info.get("text_check") or {}).get("enabled", False))

    @cached_property
    def _tb(self) -> pa.Table:  # type: ignore[override]
        return self._m.read_parquet(schema.DUPLICATES)

    @cached_property
    def _pairs(self) -> pa.Table:
        self._m.require(schema.DUPLICATE_NEIGHBORS, "stored duplicate neighbours")
        return self._m.read_parquet(schema.DUPLICATE_NEIGHBORS)

    @property
    def radius(self) -> float:
        """Largest cutoff ``rethreshold`` can compute exactly."""
        md = self._pairs.schema.metadata or {}
        if schema.NEIGHBOR_RADIUS_KEY in md:
            return float(md[schema.NEIGHBOR_RADIUS_KEY].decode())
        return float((self._m.manifest.get("dedupe") or {}).get("neighbor_radius", self.cutoff))

    @property
    def complete_to(self) -> float:
        """Largest cutoff up to which every point's stored pairs are complete (to the
        build's widening cap). It is ``.radius`` except on maps of 200k rows or more,
        where the build widens only points crowded within the cutoff
        (``tasks.dedupe.DuplicateOptions.widen_to``): above it, a point with more than 32
        neighbours within the cutoff keeps only the pairs its 33-NN graph found."""
        md = self._pairs.schema.metadata or {}
        if schema.NEIGHBOR_COMPLETE_KEY in md:
            return float(md[schema.NEIGHBOR_COMPLETE_KEY].decode())
        return self.radius

    def rethreshold(self, cutoff: float, text_check: bool | None = None) -> DuplicatesView:
        """Duplicate clusters at another cutoff, computed here from the stored pairs.

        Equal to a rebuild with ``duplicate_cutoff=cutoff`` for any cutoff up to
        ``.complete_to`` (the radius, 0.2 by default, below 200k rows; the build's cutoff
        from there, where pairs above it come from the k-NN graph and a cutoff up to
        ``.radius`` gives a lower bound on the duplicates); larger cutoffs need a rebuild
        with a larger ``neighbor_radius``. ``text_check``: None applies the text check as the build did;
        False gives the bare cutoff (Atlas's rule, a rebuild with ``text_check=False``);
        True needs a version built with the check (its verdicts are stored per pair).
        """
        if not isinstance(cutoff, (int, float)) or not 0 <= float(cutoff) <= self.radius:
            raise CutoffOutOfRange(
                f"cutoff must be a cosine distance between 0 and {self.radius} (the radius this "
                f"version stored neighbour pairs for); got {cutoff!r}. For more, rebuild with "
                f"dedupe option neighbor_radius >= {cutoff}.")
        if float(cutoff) > self.complete_to:
            warnings.warn(
                f"rethreshold({cutoff}): this version's pairs are complete only up to {self.complete_to} "
                f"(a map this large widens the search of crowded points to its cutoff only), so points "
                f"with more than 32 neighbours within {cutoff} may miss duplicates a rebuild at "
                f"duplicate_cutoff={cutoff} would find.", IncompletePairsWarning, stacklevel=2)
        use_check = self.text_check if text_check is None else bool(text_check)
        if use_check and not self.text_check:
            raise TextCheckUnavailable(
                "this version was built without the dedupe text check (no text field, or "
                "text_check=False), so no per-pair verdicts are stored; call rethreshold(cutoff) "
                "or rebuild with dedupe option text_check=True and a text field.")
        m = self._m
        ids_col = m.data.tb.column(schema.ID)
        pairs = self._pairs
        a = pc.index_in(pairs.column(schema.ID), value_set=ids_col).to_numpy(zero_copy_only=False)
        b = pc.index_in(pairs.column(schema.NEIGHBOR_ID), value_set=ids_col).to_numpy(zero_copy_only=False)
        d = pairs.column(schema.NEIGHBOR_DISTANCE).to_numpy()
        apart = text_distinct(self._text_codes(), d, float(cutoff)) if use_check else None
        ids = ids_col.to_pylist()
        cl = cluster_pairs(len(ids), ids, a.astype(np.int64), b.astype(np.int64), d, float(cutoff), apart)
        ids_arr = ids_col.combine_chunks() if isinstance(ids_col, pa.ChunkedArray) else ids_col
        tb = pa.table({
            schema.ID: ids_arr,
            schema.DUP_CLUSTER_ID: pa.array(cl.cluster_id, type=pa.int64()),
            schema.DUP_CLASS: pa.array(cl.duplicate_class.tolist(), type=pa.string()),
            schema.DUP_RETAINED_ID: ids_arr.take(pa.array(cl.retained)),
            schema.DUP_DISTANCE: pa.array(cl.distance, type=pa.float32()),
        })
        return DuplicatesView(tb, float(cutoff))

    def _text_codes(self) -> np.ndarray:
        """The stored verdict per pair as an index into ``TEXT_REASONS`` (unknown: unchecked)."""
        col = self._pairs.column(schema.NEIGHBOR_TEXT_CHECK)
        names = pc.cast(col, pa.string()) if not pa.types.is_string(col.type) else col
        codes = pc.index_in(names, value_set=pa.array(TEXT_REASONS, type=pa.string()))
        return pc.fill_null(codes, UNCHECKED).to_numpy(zero_copy_only=False).astype(np.int64)
