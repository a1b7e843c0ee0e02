"""What the contrastive labeller reads in a topic's sampled documents before it scores
names: the phrases they write, and the stop words of their other languages. Read ahead,
in a second process, while BERTopic counts the map's words in this one.

Why ahead: at 1M rows the topic step kept one of the two cores idle for ~25 s, first
while BERTopic counted words (~12 s, pure Python) and then while the labeller read its
sampled documents (~8 s of its ~14 s, pure Python too). The reading needs only each
topic's sample, which is drawn as soon as the topics are clustered, not BERTopic's
keywords, so the two can run side by side. The result is the same as reading in turn:
the same pure functions (``read_topic``) run on the same documents.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Sequence

from .languages import topic_stop_words
from .phrases import DocWords, Phrase, documents_memoised, normalised, spans, verbish_words

# Sampled documents of a whole map from which reading ahead pays for its second
# process (~0.5 s to start it and import this module there, once per process).
READ_AHEAD_DOCS = 5_000


@dataclass
class TopicReading:
    """One topic's sample, read."""
    foreign: frozenset[str]    # stop words of the other languages its documents are written in
    written: list[Phrase]      # spans written in ≥ 2 and ≥ 3 % of the documents, most first
    anywhere: str              # every span it writes, normalised ("node js"), one per line
    words: DocWords            # which documents write each word

    def writes(self, norm_key: str) -> bool:
        """Whether some sampled document writes this normalised phrase as one span."""
        return norm_key in self._spans

    @cached_property
    def _spans(self) -> frozenset[str]:     # made where asked: the worker sends one string
        return frozenset(self.anywhere.split("\n")) if self.anywhere else frozenset()


def read_topic(docs: Sequence[str], stop_words: frozenset[str], verbish: frozenset[str],
               n_spans: int) -> TopicReading:
    """Read one topic's sampled ``docs``: split at ``stop_words``, the depth's ``verbish``
    words and the stop words of the documents' other languages."""
    foreign = topic_stop_words(docs, stop_words)
    every = spans(docs, stop_words | verbish | foreign, min_docs=1, min_share=0.0, limit=10**6) if docs else []
    written = [p for p in every if p.docs >= max(2, 0.03 * len(docs))][:n_spans]
    return TopicReading(foreign, written, "\n".join({normalised(p.key) for p in every}), DocWords.of(docs))


def read_depth(stop_words: frozenset[str], n_spans: int,
               samples: list[list[str]]) -> tuple[frozenset[str], list[TopicReading]]:
    """(verb-like words, one reading per topic) of one depth's samples, in their order."""
    with documents_memoised():
        verbish = verbish_words([d for docs in samples for d in docs])
        return verbish, [read_topic(docs, stop_words, verbish, n_spans) for docs in samples]


class ReadAhead:
    """Every depth's samples, read in the two worker processes of ``tasks.two_processes``,
    a depth per job, so the first depth can be named while the others are still read;
    ``depth`` waits for one depth's result."""

    def __init__(self, stop_words: frozenset[str], n_spans: int, samples: list[list[list[str]]]):
        from datamap.tasks.two_processes import started

        self.keys = [_key(s) for s in samples]
        self._results = started(read_depth, [(stop_words, n_spans, s) for s in samples])
        self._got: list[tuple[frozenset[str], list[TopicReading]]] = []
        self._lost = False

    def depth(self, samples: list[list[str]]) -> tuple[frozenset[str], list[TopicReading]] | None:
        """The reading of the depth whose samples these are, or None if none was read (other
        samples, or the worker was lost: killed for memory, say; the labeller then reads
        for itself rather than fail the build)."""
        from concurrent.futures import BrokenExecutor

        key = _key(samples)
        if key not in self.keys or self._lost:
            return None
        d = self.keys.index(key)
        try:
            while len(self._got) <= d:
                self._got.append(next(self._results))
        except BrokenExecutor:
            self._lost = True
            return None
        return self._got[d]


def _key(samples: list[list[str]]) -> tuple:
    return tuple(tuple(docs) for docs in samples)
