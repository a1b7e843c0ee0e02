"""Topic labellers and the resolver that picks one by name.

    "contrastive"            default, offline: written phrases that point at their topic
                             rather than at its siblings (``contrastive.py``)
    "keywords"               the topic's top three c-TF-IDF keywords, "kw1, kw2, kw3"
                             (BERTopic's default name; ``keywords.py``)
    "openai"                 any OpenAI-compatible chat server (``openai.py``), with
                             the offline labeller as the fallback for every topic it
                             cannot name
    "bertopic:<ReprName>"    a BERTopic representation model per depth
                             ("bertopic:KeyBERTInspired", "bertopic:MaximalMarginalRelevance")
    "module:attr"            any object with ``label(topics) -> list[str]``

Every labeller has the ``TopicLabeller`` shape; those that can offer more names set
``alternatives`` (topic id → names, best first) for per-depth uniqueness, and those that
call out set ``report`` (what they asked, what fell back and why) for the manifest.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from datamap.resources.errors import LabellerError

from datamap.tasks.topics.labels import TopicInfo, TopicLabeller, load_labeller

from .contrastive import ContrastiveLabeller, ContrastiveOptions
from .keywords import KeywordsLabeller

__all__ = ["ContrastiveLabeller", "ContrastiveOptions", "KeywordsLabeller", "TopicInfo", "TopicLabeller",
           "resolve_labeller", "LABELLERS"]

LABELLERS = ("contrastive", "keywords", "openai", "bertopic:<ReprName>")


def resolve_labeller(spec: Any, stop_words: frozenset[str], *,
                     embed: Callable[[list[str]], np.ndarray] | None = None,
                     url: str | None = None, model: str | None = None,
                     cache_store: str | None = None, settings: dict | None = None) -> TopicLabeller:
    """The labeller named by ``spec`` (None → "contrastive"), built with what it needs.

    ``embed`` maps texts to unit vectors in the map's space (None: lexical scores);
    ``url``/``model``/``cache_store``/``settings`` configure the "openai" labeller."""
    if spec is None or spec == "contrastive":
        return ContrastiveLabeller(stop_words, embed)
    if spec == "keywords":
        return KeywordsLabeller()
    if spec == "openai":
        from .openai import OpenAILabeller

        return OpenAILabeller(url, model, fallback=ContrastiveLabeller(stop_words, embed),
                              store_uri=cache_store, stop_words=stop_words, **(settings or {}))
    if isinstance(spec, str) and spec.startswith("bertopic:"):
        from .bertopic_repr import BertopicLabeller

        return BertopicLabeller(spec.split(":", 1)[1], stop_words, embed)
    if isinstance(spec, str) and ":" not in spec:
        raise LabellerError(f"unknown labeller {spec!r}; choose one of {', '.join(LABELLERS)} "
                            "or give 'module:attr' of your own TopicLabeller")
    return load_labeller(spec, stop_words)
