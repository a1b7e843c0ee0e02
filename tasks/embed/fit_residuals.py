"""What the fast fit leaves over, borrowed from the nearest sample texts at encode time.

The fitted fast model (``static_fit``) makes a document's vector a mean of token vectors,
so it misses MiniLM by an error that is not noise: documents near each other in the
fitted space miss in similar directions. The fit's own sample knows that error for its
texts (their MiniLM vectors are the fit's targets), so a document can add the weighted
mean error of its ``k`` nearest sample texts to its fitted vector: k-NN regression of the
residual, stacked on the linear fit. A sample text's error must be the one an unseen text
would show, so each comes from a fit on the other folds of the sample.

Measured on held-out documents (``bench/fast_mode_residuals.py``, a build's own path,
10-NN kept against MiniLM): Debian 0.459 -> 0.476 (5,000 sample texts), 0.496 -> 0.524
(15,000), 0.514 -> 0.553 (30,000); PyPI 0.379 -> 0.393 (5,000), 0.427 -> 0.446
(20,000). The neighbours come from a usearch i8 index of the sample's fitted vectors,
kept in the fit file, so a text gets the same neighbours in a build, alone as a query,
and in any batch; the step costs ~3 s per 100,000 documents on two cores.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
from scipy.sparse import csr_matrix

from datamap.resources.errors import EmbeddingError

NEIGHBOURS = 20   # bench/fast_mode_residuals.py: 10 and 40 within 0.001 of 20 on Debian
POWER = 4.0       # weight of a neighbour: cosine ** POWER (8: within 0.001)
FOLDS = 2         # 5 folds: +0.001-0.002, for 2.5x the fitting
# the sample's index: usearch's defaults but a narrower search beam. On 20,000 PyPI keys
# (2026-12-06): beam 64 -> 32 took the residuals' step on 100,000 texts 5.4 -> 3.8 s, for
# 0.4463 -> 0.4455 of the held-out 10-NN kept (beam 20: 2.9 s, 0.4444)
EXPANSION_SEARCH = 32


def unit(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)


@dataclass
class Residuals:
    """The sample's errors (``shifts``: each text's target minus its out-of-fold fitted
    vector) and a usearch index of those fitted vectors, and how a document borrows the
    errors. Built from the vectors (``from_keys``) or restored from the fit file's bytes
    (``from_bytes``): the same graph, hence the same neighbours, for a build, a query and
    any later load, with no insert to wait for."""
    shifts: np.ndarray
    index: Any
    k: int = NEIGHBOURS
    power: float = POWER
    keys: np.ndarray | None = field(default=None, repr=False)

    @classmethod
    def from_keys(cls, keys: np.ndarray, shifts: np.ndarray, k: int = NEIGHBOURS,
                  power: float = POWER) -> "Residuals":
        from usearch.index import Index

        if keys.ndim != 2 or keys.shape != shifts.shape or len(keys) < 1:
            raise EmbeddingError(f"residual keys {keys.shape} and shifts {shifts.shape} must be "
                                 "the same non-empty (texts x dims) shape")
        keys = np.ascontiguousarray(keys, dtype=np.float32)
        index = Index(ndim=keys.shape[1], metric="cos", dtype="i8", expansion_search=EXPANSION_SEARCH)
        index.add(np.arange(len(keys), dtype=np.uint64), keys, threads=1)   # one thread: the same graph each time
        return cls(np.ascontiguousarray(shifts, dtype=np.float32), index, k, power, keys)

    @classmethod
    def from_bytes(cls, data: np.ndarray, shifts: np.ndarray, k: int, power: float,
                   expansion_search: int) -> "Residuals":
        from usearch.index import Index

        index = Index.restore(np.ascontiguousarray(data, dtype=np.uint8))
        if index is None or len(index) != len(shifts):
            raise EmbeddingError(f"the fit's residual index holds {0 if index is None else len(index)} texts, "
                                 f"its residuals {len(shifts)}: the file is damaged; build the map again")
        index.expansion_search = expansion_search       # not kept in usearch's file
        return cls(np.ascontiguousarray(shifts, dtype=np.float32), index, k, power)

    def to_bytes(self) -> np.ndarray:
        return np.frombuffer(bytes(self.index.save()), dtype=np.uint8)

    @property
    def expansion_search(self) -> int:
        return int(self.index.expansion_search)

    def neighbours(self, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(rows, cosines), each (m, k): the sample texts nearest each of ``v`` by the
        index's (i8) cosine; row -1 and cosine 0 where fewer were found."""
        k = min(self.k, len(self.shifts))
        found = self.index.search(np.ascontiguousarray(v, dtype=np.float32), k)
        nn, cos = np.full((len(v), k), -1, dtype=np.int64), np.zeros((len(v), k), dtype=np.float32)
        if not hasattr(found, "counts"):          # one query: usearch answers with a single Matches
            got = np.asarray(found.keys, dtype=np.int64)[:k]
            nn[0, :len(got)], cos[0, :len(got)] = got, 1.0 - np.asarray(found.distances)[:k]
            return nn, cos
        have = np.arange(k)[None, :] < np.asarray(found.counts).reshape(-1, 1)
        nn[have] = np.asarray(found.keys, dtype=np.int64).reshape(len(v), k)[have]
        cos[have] = 1.0 - np.asarray(found.distances, dtype=np.float32).reshape(len(v), k)[have]
        return nn, cos

    def apply(self, v: np.ndarray) -> np.ndarray:
        """Unit vectors ``v`` (m, d), each moved by the cosine**power-weighted mean shift of
        its nearest sample texts, and normalised again. The weighted sums are one sparse
        (documents x sample) product: no (m, k, d) gather."""
        v = np.asarray(v, dtype=np.float32)
        nn, cos = self.neighbours(v)
        w = cos.clip(0) ** self.power
        w[nn < 0] = 0.0
        total = w.sum(1)
        w /= np.where(total > 0, total, 1.0)[:, None]
        m, k = nn.shape
        spread = csr_matrix((w.ravel(), np.maximum(nn, 0).ravel(), np.arange(0, m * k + 1, k)),
                            shape=(m, len(self.shifts)))
        return unit(v + np.asarray(spread @ self.shifts, dtype=np.float32))


def out_of_fold(x: csr_matrix, y: np.ndarray, target: np.ndarray,
                fit_fold: Callable[[csr_matrix, np.ndarray], np.ndarray], folds: int = FOLDS) -> Residuals:
    """The sample's residuals, each text's from a fit that did not see it.

    ``x``: the sample's token shares; ``y``: the targets the fit is given; ``target``: the
    same targets in the encoder's final space (unit); ``fit_fold(x_rows, y_rows)``: token
    vectors fitted to those rows, in the final space. Texts with no known token are left
    out (the encoder gives them a fixed vector)."""
    if folds < 2:
        raise EmbeddingError(f"out-of-fold residuals need at least 2 folds, got {folds}")
    known = np.flatnonzero(np.asarray(x.sum(1)).ravel() > 0)
    if len(known) < 2 * folds:
        raise EmbeddingError(f"{len(known)} sample texts with known tokens are too few for {folds} folds")
    x, y, target = x[known], np.asarray(y)[known], unit(np.asarray(target)[known])
    keys = np.zeros(target.shape, dtype=np.float32)
    part = np.arange(len(known)) % folds
    for f in range(folds):
        fitted = fit_fold(x[part != f], y[part != f])
        keys[part == f] = unit(x[part == f] @ fitted)
    return Residuals.from_keys(keys, target - keys)
