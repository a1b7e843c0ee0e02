"""BERTopic users' seam: any BERTopic representation model names the topics of a depth.

Per depth, a BERTopic model is fitted with the depth's fixed partition on the topics'
sample documents and their vectors (no UMAP/HDBSCAN), with the representation model
asked for ("KeyBERTInspired", "MaximalMarginalRelevance", or an LLM representation set
up by the user as ``bertopic:module:attr``). Its top two phrases make the name ("A, B").
Candidate phrases are embedded with the map's own model (``embed``), so KeyBERT-style
representations compare like with like.
"""
from __future__ import annotations

import importlib
import warnings
from typing import Callable, Sequence

import numpy as np

from datamap.resources.errors import LabellerError

from datamap.tasks.topics.bertopic_import import bertopic, with_backends
from datamap.tasks.topics.labels import TopicInfo

MAX_WORDS = 5


def _representation(name: str):
    """An instance of ``bertopic.representation.<name>`` or of ``module:attr``."""
    if ":" in name:
        with_backends()                 # the user's module may use BERTopic's LLM parts
        mod, _, attr = name.partition(":")
        obj = getattr(importlib.import_module(mod), attr)
        return obj() if isinstance(obj, type) else obj
    R = bertopic().representation
    from bertopic._utils import NotInstalled   # BERTopic's placeholder for a missing part

    cls = getattr(R, name, None)
    if isinstance(cls, NotInstalled):
        cls = getattr(with_backends().representation, name, None)
    if cls is None:
        raise LabellerError(f"bertopic has no representation model {name!r}; e.g. KeyBERTInspired, "
                            "MaximalMarginalRelevance (or bertopic:module:attr for your own)")
    return cls()


def _embedder(embed: Callable[[list[str]], np.ndarray]):
    BaseEmbedder = bertopic().backend.BaseEmbedder

    class MapModel(BaseEmbedder):
        def embed(self, documents, verbose=False):   # noqa: D102 - BERTopic's interface
            return np.asarray(embed(list(documents)), dtype=np.float32)
    return MapModel()


class BertopicLabeller:
    """Names from a BERTopic representation model, one fit per depth."""

    def __init__(self, name: str, stop_words: frozenset[str], embed: Callable[[list[str]], np.ndarray] | None):
        if embed is None and name.startswith("KeyBERT"):
            raise LabellerError(f"bertopic:{name} embeds candidate words: it needs the map's embedding "
                                "model (not available for maps of your own vectors); use bertopic:"
                                "MaximalMarginalRelevance or the default labeller")
        _representation(name)          # an unknown name fails here, before any topic work
        self.name, self.stop_words, self.embed = name, stop_words, embed
        self.alternatives: dict[int, list[str]] = {}

    def _fit(self, topics: Sequence[TopicInfo]):
        bertopic()                      # loaded without torch/transformers where possible
        from bertopic import BERTopic
        from bertopic.cluster import BaseCluster
        from bertopic.dimensionality import BaseDimensionalityReduction
        from sklearn.feature_extraction.text import CountVectorizer

        from datamap.tasks.topics.tokens import TOKEN_PATTERN, preprocess

        docs = [d for t in topics for d in t.sample_docs]
        y = np.array([k for k, t in enumerate(topics) for _ in t.sample_docs])
        vecs = np.concatenate([np.asarray(t.sample_vectors, np.float32) for t in topics])
        model = BERTopic(umap_model=BaseDimensionalityReduction(), hdbscan_model=BaseCluster(),
                         embedding_model=_embedder(self.embed) if self.embed else None,
                         vectorizer_model=CountVectorizer(stop_words=sorted(self.stop_words) or None,
                                                          ngram_range=(1, 2), token_pattern=TOKEN_PATTERN,
                                                          preprocessor=preprocess),
                         representation_model=_representation(self.name), top_n_words=10,
                         calculate_probabilities=False, verbose=False, language=None)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.fit(docs, embeddings=vecs, y=y)
        theirs = np.asarray(model.topics_)
        return model, {k: int(theirs[np.argmax(y == k)]) for k in range(len(topics))}

    def label(self, topics: Sequence[TopicInfo]) -> list[str]:
        if any(t.sample_vectors is None or not t.sample_docs for t in topics):
            return [", ".join(t.keywords[:2]) for t in topics]
        model, ours_to_theirs = self._fit(topics)
        out = []
        for k, t in enumerate(topics):
            words = [w for w, _ in (model.get_topic(ours_to_theirs[k]) or []) if w]
            name = words[0] if words else ""
            if len(words) > 1 and len(name.split()) + len(words[1].split()) <= MAX_WORDS:
                name = f"{words[0]}, {words[1]}"
            out.append(name or ", ".join(t.keywords[:2]))
            self.alternatives[t.topic_id] = words[:10]
        return out
