"""Distinct values of large int64 key arrays by sorting (dedupe's pair keys, the text
check's text-pair keys)."""
from __future__ import annotations

import numpy as np


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values of an int64 array: ``np.unique`` without its hash table.
    numpy 2.4's ``np.unique`` hashes when asked for the values only, which on pair keys is
    ~100× slower than sorting (5M keys: 5.4 s against 0.04 s; 52 of a million-row map's
    202 s of pair finding went there)."""
    s = np.sort(values)
    return s[firsts(s)]


def firsts(sorted_values: np.ndarray) -> np.ndarray:
    """Mask of the first of each run of equal values in a sorted array."""
    m = np.empty(len(sorted_values), dtype=bool)
    if len(m):
        m[0] = True
        np.not_equal(sorted_values[1:], sorted_values[:-1], out=m[1:])
    return m
