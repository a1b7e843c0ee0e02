"""Calibrated topic posteriors for ``m.topics.vector_search_topics``.

A query's posterior over topics is a softmax vote of its ``k`` nearest points,
``w = exp(-(d - d_min) / T)``. A fixed small ``T`` lets the nearest neighbour dominate and
reports ~0.8 for topics that are right far less often; a large ``T`` votes better (a
k-NN majority) but then understates its confidence. One parameter cannot fix both, so
two are fitted per map and depth, as in temperature scaling of a classifier: the vote
temperature ``T`` (which neighbours count), then a calibration exponent ``a`` applied to
the vote, ``p_i^a / sum_j p_j^a`` (``1/a`` is the usual calibration temperature on
log-probabilities), so that the predicted probability of the top topic matches how
often it is right.

Both are fitted on held-out points of the map itself: each is a query whose own vote is
left out (``vector_search(ids=…)`` excludes it) and whose true topic is the one the build
gave it. ``T`` and then ``a`` minimise the negative log-likelihood of the true topic on
one half; the expected calibration error (ECE: the gap between the top topic's predicted
probability and how often it is right, averaged over 10 confidence bins) is reported on
the other half, so it is not measured on the points the parameters were fitted to.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

TEMPERATURES = np.geomspace(0.002, 0.5, 41)   # cosine-distance scale of sentence embeddings
EXPONENTS = np.geomspace(0.2, 5.0, 41)        # calibration exponents a (1 = the raw vote)
FLOOR = 1e-6                                  # probability floor in the log-likelihood
HELD_OUT = 1000                                # query points sampled from the map
BINS = 10


@dataclass
class Calibration:
    depth: int
    temperature: float        # vote temperature T
    exponent: float           # calibration exponent a (calibration temperature 1/a)
    ece: float                # on the evaluation half, at the fitted temperature
    ece_uncalibrated: float   # the same points at the old fixed temperature 0.02
    accuracy: float           # share of evaluation points whose top topic is their own
    held_out: int             # evaluation points (fit used as many again)
    k: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def sharpen(p: np.ndarray, exponent: float) -> np.ndarray:
    """Rows of ``p`` raised to ``exponent`` and renormalised (the calibration step)."""
    q = np.power(p, exponent)
    return q / q.sum(axis=-1, keepdims=True)


def ece(conf: np.ndarray, correct: np.ndarray, bins: int = BINS) -> float:
    """Expected calibration error of top-1 confidences ``conf`` against ``correct``."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    idx = np.clip(np.digitize(conf, edges[1:-1]), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        sel = idx == b
        if sel.any():
            total += sel.mean() * abs(float(conf[sel].mean()) - float(correct[sel].mean()))
    return float(total)


def _posterior(dists: np.ndarray, labs: np.ndarray, n_labels: int, temperature: float) -> np.ndarray:
    """(Q, n_labels) votes of the padded (Q, k) neighbour arrays (padding: distance inf)."""
    w = np.exp(-(dists - dists.min(axis=1, keepdims=True)) / temperature)
    p = np.zeros((len(dists), n_labels))
    np.add.at(p, (np.repeat(np.arange(len(dists)), dists.shape[1]), labs.ravel()), w.ravel())
    return p / p.sum(axis=1, keepdims=True)


def _nll(p: np.ndarray, truth: np.ndarray) -> float:
    return float(-np.mean(np.log(np.maximum(p[np.arange(len(p)), truth], FLOOR))))


def _top(p: np.ndarray, truth: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Top-1 confidence and top-1 correct (0/1) per row."""
    top = p.argmax(axis=1)
    return p[np.arange(len(p)), top], (top == truth).astype(float)


def fit(m, depth: int, labels: list, k: int = 32, seed: int = 0) -> Calibration:
    """Fit the temperature for ``depth`` on held-out points of map ``m`` (see module doc)."""
    n = m.row_count
    rng = np.random.default_rng(seed)
    rows = rng.choice(n, size=min(n, 2 * HELD_OUT), replace=False)
    ids = [m.data.ids[r] for r in rows]
    nbr_ids, nbr_d = m.embeddings.vector_search(ids=ids, k=min(k, max(n - 1, 1)))
    names = sorted(set(labels), key=str)
    index = {lab: i for i, lab in enumerate(names)}
    pos = m.data.position
    keep = [i for i, nb in enumerate(nbr_ids) if nb]
    width = max((len(nbr_ids[i]) for i in keep), default=1)
    dists = np.full((len(keep), width), np.inf)
    labs = np.zeros((len(keep), width), dtype=np.int64)
    for row, i in enumerate(keep):
        dists[row, :len(nbr_d[i])] = nbr_d[i]
        labs[row, :len(nbr_ids[i])] = [index[labels[pos[j]]] for j in nbr_ids[i]]
    truth = np.asarray([index[labels[rows[i]]] for i in keep], dtype=np.int64)
    half = len(keep) // 2
    fit_i = np.arange(half) if half else np.arange(len(keep))
    eval_i = np.arange(half, len(keep)) if half else fit_i

    def sub(ix):
        return dists[ix], labs[ix], truth[ix]

    fd, fl, ft = sub(fit_i)
    n_labels = len(names)
    temp = float(min(TEMPERATURES, key=lambda t: _nll(_posterior(fd, fl, n_labels, t), ft)))
    p_fit = _posterior(fd, fl, n_labels, temp)
    a = float(min(EXPONENTS, key=lambda e: _nll(sharpen(p_fit, e), ft)))
    ed, el, et = sub(eval_i)
    conf, ok = _top(sharpen(_posterior(ed, el, n_labels, temp), a), et)
    conf0, ok0 = _top(_posterior(ed, el, n_labels, 0.02), et)
    return Calibration(depth=depth, temperature=temp, exponent=a, ece=ece(conf, ok),
                       ece_uncalibrated=ece(conf0, ok0), accuracy=float(ok.mean()) if len(ok) else 0.0,
                       held_out=len(eval_i), k=k)
