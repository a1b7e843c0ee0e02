"""A ``CountVectorizer``'s ``fit_transform`` over two processes: the topics' c-TF-IDF.

BERTopic counts the words of each topic's documents joined into one text per topic; at
100,000 keyword documents that is one core tokenising for ~6 s (the 1M map), a pure-Python
loop while the other core waits. Each process counts half of the topic texts with every
word kept; the halves are put onto their joint vocabulary and the document-frequency cut
(``min_df`` / ``max_df``) is applied to the whole, which is what scikit-learn does in one
process: the same sorted vocabulary and the same counts (tests/test_word_counts.py).
"""
from __future__ import annotations

from numbers import Integral
from typing import Sequence

import numpy as np
import scipy.sparse as sp

from datamap.tasks import two_processes

# Characters of text from which the counting is split: below it a worker's start and the
# copies cost more than the half they take.
PARALLEL_CHARS = 5_000_000


def fit_counts_in_two(vectorizer, docs: Sequence[str], parallel_from: int = PARALLEL_CHARS):
    """``vectorizer.fit_transform(docs)`` (a scikit-learn ``CountVectorizer``) computed in
    two processes, its vocabulary fitted on ``vectorizer`` as that call would; or None,
    leaving ``vectorizer`` untouched, when it is not worth it (small input, one core), not
    possible (a fixed vocabulary, ``max_features``) or the single call should speak (a half
    with no words, nothing left after the cut: scikit-learn's own errors)."""
    if (vectorizer.vocabulary is not None or vectorizer.max_features is not None or len(docs) < 2
            or not two_processes.available()):
        return None
    chars = np.cumsum([len(d) for d in docs])
    if chars[-1] < parallel_from:
        return None
    cut = int(np.clip(np.searchsorted(chars, chars[-1] / 2), 1, len(docs) - 1))
    params = {**vectorizer.get_params(), "min_df": 1, "max_df": 1.0}
    try:
        (w1, x1), (w2, x2) = two_processes.in_two(_count, (params, list(docs[:cut])), (params, list(docs[cut:])))
    except ValueError:
        return None
    words = np.union1d(w1, w2)
    x = sp.vstack([_onto(x1, w1, words), _onto(x2, w2, words)], format="csr")
    n = x.shape[0]
    low = vectorizer.min_df if isinstance(vectorizer.min_df, Integral) else vectorizer.min_df * n
    high = vectorizer.max_df if isinstance(vectorizer.max_df, Integral) else vectorizer.max_df * n
    doc_freq = np.bincount(x.indices, minlength=len(words))
    keep = np.nonzero((doc_freq >= low) & (doc_freq <= high))[0]
    if high < low or not len(keep):
        return None
    x = x[:, keep]
    x.sort_indices()
    vectorizer.vocabulary_ = {w: i for i, w in enumerate(words[keep].tolist())}
    vectorizer.fixed_vocabulary_ = False
    return x


def _count(params: dict, docs: list[str]) -> tuple[np.ndarray, sp.csr_matrix]:
    """(sorted words, counts) of ``docs`` with every word kept: one process's half."""
    from sklearn.feature_extraction.text import CountVectorizer

    cv = CountVectorizer(**params)
    x = sp.csr_matrix(cv.fit_transform(docs))
    return cv.get_feature_names_out(), x


def _onto(x: sp.csr_matrix, words: np.ndarray, joint: np.ndarray) -> sp.csr_matrix:
    """``x``'s columns (``words``, sorted) moved to their places in ``joint`` (sorted)."""
    col = np.searchsorted(joint, words)
    return sp.csr_matrix((x.data, col[x.indices], x.indptr), shape=(x.shape[0], len(joint)))
