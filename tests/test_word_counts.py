"""The c-TF-IDF word counts on two processes (tasks/topics/word_counts.py) equal
scikit-learn's single pass: the same vocabulary, the same counts, entry for entry."""
from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from datamap.tasks import two_processes
from datamap.tasks.topics import word_counts
from datamap.tasks.topics.model import TopicOptions, _recording_vectorizer

from conftest import CORPUS

pytestmark = pytest.mark.skipif(not two_processes.available(), reason="needs two cores")


def _topic_documents(n_topics: int = 24) -> list[str]:
    """Debian descriptions joined per section, as BERTopic joins a topic's texts."""
    df = pl.read_parquet(CORPUS).head(6000)
    sections = df["section"].to_list()
    texts = df["text"].fill_null("").to_list()
    by = {}
    for s, t in zip(sections, texts):
        by.setdefault(s, []).append(t)
    return [" ".join(v) for _, v in sorted(by.items())][:n_topics]


def _same(a, b) -> None:
    a, b = a.tocsr(), b.tocsr()
    assert a.shape == b.shape and a.dtype == b.dtype
    assert np.array_equal(a.indptr, b.indptr)
    assert np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)


def test_two_processes_count_what_one_does(monkeypatch):
    docs = _topic_documents()
    monkeypatch.setattr(word_counts, "SPLIT_CHARS", 1000)
    vec = _recording_vectorizer(TopicOptions(), n_docs=len(docs) * 1000)   # min_df 2, phrases of 1-2 words
    split = vec.fit_transform(docs)
    plain = CountVectorizer(**vec.get_params()).fit(docs)
    one = CountVectorizer(**vec.get_params()).fit_transform(docs)
    assert word_counts.count_vocab(vec, docs) is not None      # the two-process path ran
    assert vec.vocabulary_ == plain.vocabulary_
    assert list(vec.get_feature_names_out()) == list(plain.get_feature_names_out())
    _same(split, one)
    _same(vec.bow_, one)
    _same(vec.transform(docs[:3]), plain.transform(docs[:3]))


def test_the_merge_numbers_new_terms_as_one_pass_meets_them():
    params = CountVectorizer(ngram_range=(1, 2)).get_params()
    docs = ["zeta alpha", "alpha beta", "gamma zeta delta", "beta omega"]
    vocab, counts = word_counts.merge(word_counts.count_part(params, docs[:2]),
                                      word_counts.count_part(params, docs[2:]))
    one_vocab, one_counts = CountVectorizer(**params)._count_vocab(docs, False)
    assert vocab == one_vocab
    assert list(vocab) == list(one_vocab)       # insertion order too: min_df and sorting read it
    _same(counts, one_counts)


def test_a_half_of_stop_words_only_keeps_the_other_halfs_words():
    params = CountVectorizer(stop_words="english").get_params()
    docs = ["the and of", "it is the", "graph database engine", "database server"]
    vocab, counts = word_counts.merge(word_counts.count_part(params, docs[:2]),
                                      word_counts.count_part(params, docs[2:]))
    one_vocab, one_counts = CountVectorizer(**params)._count_vocab(docs, False)
    assert vocab == one_vocab
    _same(counts, one_counts)
    with pytest.raises(ValueError, match="empty vocabulary"):
        word_counts.merge(word_counts.count_part(params, docs[:1]), word_counts.count_part(params, docs[1:2]))


def test_short_input_is_counted_in_this_process():
    vec = _recording_vectorizer(TopicOptions(), n_docs=10)
    assert word_counts.count_vocab(vec, ["a short text", "another one"]) is None
