"""``m.embeddings``: latent vectors, the 2-D layout and vector search."""
from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from datamap.resources import schema
from datamap.resources.errors import DatamapError
from datamap.resources.vectors import index_queries, read_ipc, vectors_from_table

if TYPE_CHECKING:
    from datamap.resources.reader import DataMap


class EmbeddingsResource:
    def __init__(self, m: "DataMap"):
        self._m = m

    @cached_property
    def _table(self) -> pa.Table:
        m = self._m
        path = m.artifact_path(schema.EMBEDDINGS)
        if m.store.local:
            return read_ipc(pa.memory_map(path, "r"))
        return read_ipc(pa.BufferReader(m.store.read_bytes(path)))

    @cached_property
    def latent(self) -> np.ndarray:
        """(N, d) high-dimensional vectors, row-aligned with ``m.data``."""
        return vectors_from_table(self._table)

    @cached_property
    def projected(self):
        """pandas DataFrame with id, x, y (Atlas ``.projected``)."""
        return self._m.read_parquet(schema.PROJECTION).to_pandas()

    @cached_property
    def projections(self):
        """Every layout this version holds, by method: ``projections["tsne"]`` → id, x, y
        (resources/projections.py); the main one is also ``projected``."""
        from datamap.resources.projections import ProjectionsResource

        return ProjectionsResource(self._m)

    @cached_property
    def index(self):
        """The usearch index, memory-mapped (``view``) rather than loaded."""
        from usearch.index import Index

        return Index.restore(self._m.local_file(schema.INDEX), view=True)

    def vector_search(self, ids: list[str] | None = None, queries: np.ndarray | None = None,
                      k: int = 5) -> tuple[list[list[str]], list[list[float]]]:
        """Nearest neighbours by cosine distance: (neighbour ids, distances) per query.

        By ``ids`` the query point itself is left out; ``queries`` must be a 2-D array of
        the map's width. No cap on ``k`` beyond the map's size.
        """
        if (ids is None) == (queries is None):
            raise DatamapError("vector_search needs exactly one of ids= or queries=")
        if not isinstance(k, (int, np.integer)) or k < 1:
            raise DatamapError(f"k must be a positive integer, got {k!r}")
        n = self._m.row_count
        data_ids = self._m.data.ids
        if ids is not None:
            pos = self._m.data.positions(list(ids))
            q = self.latent[pos]
            exclude = pos
            kk = min(int(k) + 1, n)
        else:
            q = np.asarray(queries)
            if q.ndim != 2:
                raise DatamapError(f"queries must be a 2-D array (n_queries, {self.latent.shape[1]}), got shape {q.shape}")
            if q.shape[1] != self.latent.shape[1]:
                raise DatamapError(f"queries have width {q.shape[1]}, the map's vectors {self.latent.shape[1]}")
            if not np.isfinite(q).all():
                raise DatamapError("queries contain NaN or infinite values")
            exclude = None
            kk = min(int(k), n)
        q = np.ascontiguousarray(q, dtype=np.float32)
        res = self.index.search(index_queries(q, self.index), kk)
        keys = np.asarray(res.keys).reshape(len(q), -1)
        dists = np.asarray(res.distances).reshape(len(q), -1)
        want = min(int(k), n - (1 if exclude is not None else 0))
        out_ids, out_d = [], []
        for i in range(len(q)):
            row_keys, row_d = self._row(keys[i], dists[i], n, None if exclude is None else exclude[i])
            if len(row_keys) < want:
                # HNSW may return fewer than asked when k is close to N (e.g. k = N - 1):
                # then this row is answered exactly, over every point
                row_keys, row_d = self._exact(q[i], n, None if exclude is None else exclude[i])
            out_ids.append([data_ids[j] for j in row_keys[:k]])
            out_d.append(row_d[:k])
        return out_ids, out_d

    @staticmethod
    def _row(keys: np.ndarray, dists: np.ndarray, n: int, exclude: int | None) -> tuple[list[int], list[float]]:
        """One query's hits, without padding keys and without the query point itself."""
        got_k, got_d = [], []
        for key, d in zip(keys, dists):
            key = int(key)
            if key >= n or key == exclude:
                continue
            got_k.append(key)
            got_d.append(float(d))
        return got_k, got_d

    def _exact(self, q: np.ndarray, n: int, exclude: int | None) -> tuple[list[int], list[float]]:
        """Every point by cosine distance to ``q``, nearest first (brute force)."""
        lat = np.asarray(self.latent, dtype=np.float32)
        norms = np.linalg.norm(lat, axis=1) * max(float(np.linalg.norm(q)), 1e-12)
        d = 1.0 - (lat @ q) / np.maximum(norms, 1e-12)
        order = np.argsort(d, kind="stable")
        keep = [int(j) for j in order if int(j) != exclude][:n]
        return keep, [float(d[j]) for j in keep]
