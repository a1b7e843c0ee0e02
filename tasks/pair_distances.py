"""Cosine distances of row pairs, read in place: one parallel numba loop over the pairs.

Its own module so that ``tasks.dedupe`` imports without numba (a core install parses
dedupe's options before it names the missing extra); dedupe loads this on first use.
"""
from __future__ import annotations

import numba
import numpy as np


@numba.njit(parallel=True, fastmath=True, cache=True)
def pair_distances(v, norms, a, b, out):
    """``out[p]`` = 1 − cos(v[a[p]], v[b[p]]) clipped to [0, 2], from the rows' lengths
    ``norms`` (a zero row: distance 1). Each pair's sum runs in one thread in a fixed
    order, so the result does not depend on the thread count, and (a, b) and (b, a) give
    the same float32."""
    d = v.shape[1]
    for p in numba.prange(len(a)):
        i, j = a[p], b[p]
        s = np.float32(0.0)
        for t in range(d):
            s += v[i, t] * v[j, t]
        den = norms[i] * norms[j]
        cos = s / den if den > 0 else np.float32(0.0)
        out[p] = min(max(np.float32(1.0) - cos, np.float32(0.0)), np.float32(2.0))
