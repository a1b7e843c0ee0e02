"""How well a depth's labels tell its topics apart and stay grounded in the documents.

The measure of issue 17 (used by ``bench/labels.py`` and the tests):

- **agreement**: a document agrees when, among the labels of its topic and its topic's
  siblings (same parent; at depth 1 all depth-1 topics), the label whose embedding (the
  map's own model) has the highest cosine to the document's vector is its own topic's.
  Reported with the chance level, the mean over documents of 1 / number of siblings.
- **mention**: the share of documents that write at least one content word of their
  topic's label (lower-cased, stop words left out).
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from .phrases import content_words, words


def agreement(vectors: np.ndarray, topic: np.ndarray, parent: np.ndarray | None,
              label_vectors: dict[int, np.ndarray]) -> tuple[float, float]:
    """(agreement, chance) of one depth. ``topic``/``parent``: per document ids at this
    depth and one up (None at depth 1); ``label_vectors``: topic id → unit vector."""
    topic = np.asarray(topic)
    groups = np.zeros(len(topic), dtype=np.int64) if parent is None else np.asarray(parent)
    hits, chance = 0, 0.0
    order = np.argsort(groups, kind="stable")
    bounds = np.flatnonzero(np.diff(groups[order])) + 1
    for rows in np.split(order, bounds):
        sib = np.unique(topic[rows])
        if len(sib) == 1:
            hits += len(rows)
            chance += len(rows)
            continue
        lab = np.stack([label_vectors[int(t)] for t in sib]).astype(np.float32)
        for s in range(0, len(rows), 8192):
            part = rows[s:s + 8192]
            best = sib[np.argmax(np.asarray(vectors[part], dtype=np.float32) @ lab.T, axis=1)]
            hits += int((best == topic[part]).sum())
        chance += len(rows) / len(sib)
    return hits / len(topic), chance / len(topic)


def mention(docs: Sequence[str] | Sequence[frozenset[str]], topic: np.ndarray, labels: dict[int, str],
            stop: frozenset[str]) -> float:
    """Share of documents writing at least one content word of their topic's label."""
    cw = {t: content_words(lab, stop) for t, lab in labels.items()}
    hit = 0
    for d, t in zip(docs, np.asarray(topic).tolist()):
        ws = d if isinstance(d, frozenset) else frozenset(words(d))
        hit += bool(cw[t] & ws)
    return hit / max(1, len(topic))


def score_depth(vectors: np.ndarray, doc_words: Sequence[frozenset[str]], topic: np.ndarray,
                parent: np.ndarray | None, labels: dict[int, str],
                embed: Callable[[list[str]], np.ndarray], stop: frozenset[str]) -> dict:
    """Agreement, chance and mention of one depth's labels."""
    names = sorted(set(labels.values()))
    vecs = dict(zip(names, np.asarray(embed(names), dtype=np.float32)))
    agree, chance = agreement(vectors, topic, parent, {t: vecs[lab] for t, lab in labels.items()})
    return {"agreement": round(agree, 4), "chance": round(chance, 4),
            "mention": round(mention(doc_words, topic, labels, stop), 4)}
