"""The plainest names: a topic's top three c-TF-IDF keywords, "kw1, kw2, kw3".

BERTopic's default topic name, and the baseline every other labeller is measured
against (``bench/labels.py``). A list, not a name a person would write, so it is never
the default; it is the honest choice for a corpus whose documents no labeller reads well,
and it costs nothing.
"""
from __future__ import annotations

from typing import Sequence

from datamap.tasks.topics.labels import TopicInfo

N_WORDS = 3


class KeywordsLabeller:
    """``TopicLabeller``: "kw1, kw2, kw3"; further keywords are the alternatives."""

    def __init__(self, n: int = N_WORDS):
        self.n = n
        self.alternatives: dict[int, list[str]] = {}

    def label(self, topics: Sequence[TopicInfo]) -> list[str]:
        out = []
        for t in topics:
            kws = list(dict.fromkeys(t.keywords))
            out.append(", ".join(kws[: self.n]) or f"topic {t.topic_id}")
            self.alternatives[t.topic_id] = [", ".join(kws[i: i + self.n]) for i in range(1, len(kws) - self.n + 1)]
        return out
