"""The topics' word counts in two processes (``tasks.topics.word_counts``) are scikit-learn's
own: the same vocabulary and the same counts, on real texts joined per topic as BERTopic
joins them."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from datamap.tasks.topics.tokens import TOKEN_PATTERN, preprocess
from datamap.tasks.topics.word_counts import fit_counts_in_two


@pytest.fixture(scope="module")
def joined(debian) -> list[str]:
    """One text per Debian section, its descriptions joined (BERTopic's documents per topic)."""
    by = {}
    for text, section in zip(debian["text"].to_list()[:20_000], debian["section"].to_list()[:20_000]):
        by.setdefault(section, []).append(text)
    return [" ".join(v) for _, v in sorted(by.items())]


@pytest.mark.parametrize("min_df, max_df, ngrams", [(2, 1.0, (1, 2)), (1, 0.9, (1, 1)), (0.05, 0.8, (1, 2))])
def test_two_processes_count_what_one_does(joined, min_df, max_df, ngrams):
    params = dict(stop_words=["the", "and", "for", "of"], ngram_range=ngrams, token_pattern=TOKEN_PATTERN,
                  preprocessor=preprocess, min_df=min_df, max_df=max_df)
    one = CountVectorizer(**params)
    expect = one.fit_transform(joined)
    two = CountVectorizer(**params)
    got = fit_counts_in_two(two, joined, parallel_from=0)
    assert got is not None, "not split"
    assert two.vocabulary_ == one.vocabulary_
    assert type(got) is type(expect) and got.dtype == expect.dtype and got.shape == expect.shape
    assert (got != expect).nnz == 0
    assert got.has_sorted_indices
    assert np.array_equal(two.get_feature_names_out(), one.get_feature_names_out())
    assert (two.transform(joined[:3]) != one.transform(joined[:3])).nnz == 0


def test_left_to_one_process_when_small_fixed_or_when_a_half_has_no_words(joined):
    assert sum(map(len, joined)) > 5_000_000
    assert fit_counts_in_two(CountVectorizer(), joined) is not None
    cv = CountVectorizer(token_pattern=TOKEN_PATTERN)
    small = [t[:20_000] for t in joined]                                 # under 5M characters
    assert fit_counts_in_two(cv, small) is None and not hasattr(cv, "vocabulary_")
    fixed = CountVectorizer(vocabulary=["python", "library"])
    assert fit_counts_in_two(fixed, joined, parallel_from=0) is None
    only_stop = ["the of and", "and the"] + ["python library for data", "a data library"]
    cv = CountVectorizer(stop_words="english", min_df=1)
    assert fit_counts_in_two(cv, only_stop, parallel_from=0) is None     # the first half has no words
    assert cv.fit_transform(only_stop).shape[0] == 4                     # the caller's own fit still runs
