"""scikit-learn's word counting (``CountVectorizer._count_vocab``) on both cores.

Why: c-TF-IDF's bag of words is counted by a pure-Python loop over every token of the
keyword sample (up to 100,000 texts, one and two word phrases): ~8 s of one core in a
1M-row build, while the other core idles. The documents are cut in two runs of about
equal length, each counted by scikit-learn's own code in a worker process
(``tasks.two_processes``), and the two vocabularies merged in the order a single pass
would have met their terms. So the counts, the vocabulary and everything scikit-learn
derives from them after counting (``min_df``, the sorted features) are the same as one
process's, entry for entry (``tests/test_word_counts.py``).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from datamap.tasks import two_processes

# Below this many characters in all, the texts are counted in this process. Counting
# runs at 4-5M characters a second here (PyPI's 100,000 keyword summaries, 6.4M
# characters: 1.7 s; the 1M synthetic set's 100,000 Debian-like texts, 42.8M: ~8 s),
# and the two workers cost ~1 s to start and fill (PyPI: 2.7 s on the first call, 1.4 s
# warm). So the split pays from ~4 s of counting on.
SPLIT_CHARS = 16_000_000


def count_vocab(vectorizer, documents: Sequence[str]) -> tuple[dict[str, int], object] | None:
    """``vectorizer._count_vocab(documents, False)``'s (vocabulary, counts) computed in
    two processes, or None where that would not pay (short input, one core, a daemonic
    process) and the caller should count here."""
    docs = list(documents)
    if len(docs) < 2 or not two_processes.available() or not all(isinstance(d, str) for d in docs):
        return None
    lengths = np.cumsum([len(d) for d in docs])
    if lengths[-1] < SPLIT_CHARS:
        return None
    cut = int(np.clip(np.searchsorted(lengths, lengths[-1] / 2), 1, len(docs) - 1))
    params = vectorizer.get_params()
    first, second = two_processes.in_two(count_part, (params, docs[:cut]), (params, docs[cut:]))
    return merge(first, second)


def count_part(params: dict, docs: list[str]) -> tuple[dict[str, int], object | None, int]:
    """One worker's half: scikit-learn's own (vocabulary, counts), and its number of
    documents; an empty vocabulary is kept as ({}, None) (the other half may have words)."""
    from sklearn.feature_extraction.text import CountVectorizer

    try:
        return (*CountVectorizer(**params)._count_vocab(docs, False), len(docs))
    except ValueError as e:
        if "empty vocabulary" not in str(e):
            raise
        return {}, None, len(docs)


def merge(first: tuple[dict[str, int], object | None, int], second: tuple[dict[str, int], object | None, int]):
    """One pass's (vocabulary, counts) from its two halves': the second half's new terms
    numbered after the first's, in the order the second half met them."""
    vocab, x1, n1 = first
    vocab = dict(vocab)
    v2, x2, n2 = second
    remap = np.empty(len(v2), dtype=np.int64)
    for term, j in sorted(v2.items(), key=lambda kv: kv[1]):
        remap[j] = vocab.setdefault(term, len(vocab))
    if not vocab:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    like = x1 if x1 is not None else x2          # scikit-learn's sparse class and dtypes
    cls, width = type(like), len(vocab)
    parts = []
    for x, n, cols in ((x1, n1, None), (x2, n2, remap)):
        if x is None:
            parts.append(cls((np.zeros(0, like.dtype), np.zeros(0, like.indices.dtype),
                              np.zeros(n + 1, like.indptr.dtype)), shape=(n, width)))
            continue
        idx = x.indices if cols is None else cols[x.indices].astype(x.indices.dtype)
        part = cls((x.data, idx, x.indptr), shape=(n, width))
        part.sort_indices()
        parts.append(part)
    import scipy.sparse as sp

    out = cls(sp.vstack(parts, format="csr", dtype=like.dtype))
    out.sort_indices()
    return vocab, out
