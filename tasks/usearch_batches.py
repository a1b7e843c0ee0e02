"""Batches for usearch's threads: an ``add`` or ``search`` of many rows runs on several
threads, each taking one contiguous slice of the batch. These functions hand a batch over
in an order where the slices cost the same."""
from __future__ import annotations

import os

import numpy as np

# Rows a thread takes at a time in a batch dealt out by ``dealt``.
DEAL_CHUNK = 256


def dealt(m: int, threads: int, chunk: int = DEAL_CHUNK) -> np.ndarray:
    """The order to hand usearch a batch of ``m`` rows in: a permutation of ``range(m)``
    whose ``t``-th contiguous slice (what usearch's ``add`` and ``search`` give thread
    ``t`` of ``threads``) holds chunks ``t``, ``t + threads``, … of ``chunk`` rows each.

    Why: a batch in locality order has parts that cost more than others, and with one
    slice a thread, one thread idled at the end of every batch. Dealt out, the threads take
    the same stretch of the order side by side and finish together, each chunk still
    consecutive rows. 300,000 of the 1M synthetic rows (i8, the big-map settings, two
    threads): inserting kept 1.81–1.85 cores busy before and 1.92–1.93 after, searching
    1.82 and 1.91 (docs/scale.md, "2026-12-06, later")."""
    if threads < 2 or m <= chunk:
        return np.arange(m)
    position = np.arange(m)
    return np.argsort((position // chunk) % threads, kind="stable")


def search_dealt(index, vectors: np.ndarray, rows: np.ndarray, k: int,
                 threads: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``index.search`` of ``vectors[rows]``, the batch ``dealt`` over the threads: (keys as
    int64, distances), one row of each per entry of ``rows``, in the order of ``rows``."""
    threads = threads or os.cpu_count() or 1
    p = dealt(len(rows), threads)
    m = index.search(np.ascontiguousarray(vectors[rows[p]], dtype=np.float32), k, threads=threads)
    found = np.asarray(m.keys, dtype=np.int64).reshape(len(rows), -1)
    keys = np.empty_like(found)
    dist = np.empty(found.shape, np.float32)
    keys[p] = found
    dist[p] = np.asarray(m.distances, dtype=np.float32).reshape(found.shape)
    return keys, dist
