""""Find more like this tag": a small linear classifier over the map's own vectors.

A tag a user made by hand (a lasso, a search, a few clicks) is a set of positive
examples. ``suggest`` trains scikit-learn's ``LogisticRegression`` on the tagged points'
vectors against a random sample of the untagged ones and returns the untagged points the
model scores highest. Untagged points are unlabelled rather than negative (some of them
belong in the tag: that is the point), so the sample is kept a few times larger than the
tag and the classes are balanced; the few true members among the negatives cost little.

Against a plain centroid-similarity ranking (cosine to the tag's mean vector) the
classifier also learns which directions *separate* the tag from its neighbourhood, which
matters when a tag sits next to a similar one (e.g. ``libs`` beside ``libdevel``);
bench/tag_suggest.py measures both.

scikit-learn is imported inside the function: the reader stays importable without it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from datamap.resources.errors import MissingExtra, TagTooSmall

if TYPE_CHECKING:
    from datamap.resources.reader import DataMap

MIN_TAGGED = 2
SCORE_CHUNK = 1 << 18      # rows scored at a time (bounded memory on 10M-row maps)


def _sample_negatives(untagged: np.ndarray, n_pos: int, rng: np.random.Generator,
                      ratio: int, floor: int, cap: int) -> np.ndarray:
    n = int(min(len(untagged), cap, max(floor, ratio * n_pos)))
    return np.sort(rng.choice(untagged, size=n, replace=False))


def fit_tag_model(latent: np.ndarray, tagged_rows: np.ndarray, seed: int = 0, ratio: int = 5,
                  floor: int = 2000, cap: int = 50_000, C: float = 1.0):
    """A fitted LogisticRegression (tagged = 1 against sampled untagged = 0) and the
    untagged rows. ``latent`` rows are unit vectors (the map's embeddings); at most ``cap``
    examples of each class are used, so a huge tag trains in seconds too."""
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as e:    # the core install reads maps; suggestions need the build extra
        raise MissingExtra("tags.suggest needs scikit-learn: pip install 'datamap[build]'") from e

    n = len(latent)
    tagged_rows = np.unique(np.asarray(tagged_rows, dtype=np.int64))
    untagged = np.setdiff1d(np.arange(n), tagged_rows, assume_unique=True)
    if len(tagged_rows) < MIN_TAGGED:
        raise TagTooSmall(f"the tag has {len(tagged_rows)} point(s) in this version; suggestions need at "
                          f"least {MIN_TAGGED} examples. Add a few more points to the tag first.")
    if len(untagged) == 0:
        raise TagTooSmall("every point of this version is in the tag: there is nothing left to suggest")
    rng = np.random.default_rng(seed)
    pos = tagged_rows if len(tagged_rows) <= cap else np.sort(rng.choice(tagged_rows, size=cap, replace=False))
    neg = _sample_negatives(untagged, len(pos), rng, ratio, floor, cap)
    rows = np.concatenate([pos, neg])
    y = np.concatenate([np.ones(len(pos), np.int8), np.zeros(len(neg), np.int8)])
    X = np.asarray(latent[rows], dtype=np.float32)
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=1000)
    model.fit(X, y)
    return model, untagged


def score_rows(model, latent: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Probability of belonging to the tag for ``rows`` (float32), in chunks."""
    out = np.empty(len(rows), dtype=np.float32)
    for s in range(0, len(rows), SCORE_CHUNK):
        r = rows[s:s + SCORE_CHUNK]
        out[s:s + SCORE_CHUNK] = model.predict_proba(np.asarray(latent[r], dtype=np.float32))[:, 1]
    return out


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` highest scores, best first (ties by position)."""
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    part = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    return part[np.lexsort((part, -scores[part]))]


def suggest(m: "DataMap", tagged_ids: list[str], k: int = 100, seed: int = 0, **fit_options):
    """pandas DataFrame (id, score) of the ``k`` untagged points most likely to belong with
    ``tagged_ids``, best first; score is the classifier's probability (0..1)."""
    import pandas as pd

    from datamap.resources import schema

    if k < 0:
        raise ValueError("k must be ≥ 0")
    latent = m.embeddings.latent
    tagged = m.data.positions(list(tagged_ids), strict=False)
    model, untagged = fit_tag_model(latent, tagged, seed=seed, **fit_options)
    scores = score_rows(model, latent, untagged)
    best = top_k(scores, k)
    rows = untagged[best]
    ids = m.data.tb.column(schema.ID).take(rows).to_pylist()
    return pd.DataFrame({schema.ID: ids, "score": scores[best].astype(np.float64), "row": rows})


def centroid_suggest(latent: np.ndarray, tagged_rows: np.ndarray, k: int = 100) -> np.ndarray:
    """Baseline: untagged rows by cosine similarity to the tag's mean vector (rows, best first)."""
    tagged_rows = np.unique(np.asarray(tagged_rows, dtype=np.int64))
    untagged = np.setdiff1d(np.arange(len(latent)), tagged_rows, assume_unique=True)
    c = np.asarray(latent[tagged_rows], np.float64).mean(axis=0)
    c /= np.linalg.norm(c) or 1.0
    sims = np.asarray(latent[untagged], np.float32) @ c.astype(np.float32)
    return untagged[top_k(sims, k)]
