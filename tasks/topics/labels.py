"""Topic names: what a labeller sees, the labeller interface, and the checks every name
passes whichever labeller made it.

The labellers themselves live in ``tasks/topics/labellers/`` (the offline contrastive
default, plain keywords, any OpenAI-compatible server, BERTopic representations). The
hand-written keyword rules that used to live here (head nouns, filler words, casing;
440 lines) were deleted: measured on Debian and PyPI they lost to the plain "kw1, kw2,
kw3" keywords at every depth (bench/out/labels.json, issue 17).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol, Sequence, runtime_checkable


@dataclass
class TopicInfo:
    """What a labeller sees about one topic."""
    topic_id: int
    depth: int
    parent_label: str | None
    keywords: list[str]                   # c-TF-IDF across the whole depth, best first
    sibling_keywords: list[str]           # the same minus words most of its siblings share
    count: int
    sample_docs: list[str] = field(default_factory=list)
    ancestor_labels: list[str] = field(default_factory=list)   # depth 1 first, parent last
    # what embedding-based labellers need (None / empty for a map of bare vectors or an
    # old caller): the parent's id (siblings share it), the unit centroid of the topic,
    # the vectors of ``sample_docs`` (same order) and the documents nearest the centroid
    parent_id: int | None = None
    centroid: Any = None                  # (dim,) unit vector
    sample_vectors: Any = None            # (len(sample_docs), dim)
    representative_docs: list[str] = field(default_factory=list)


@runtime_checkable
class TopicLabeller(Protocol):
    """Names the topics of one depth (all siblings at once, so names can contrast).

    Plug an LLM in here: return one short name (1–4 words) per topic, same order. The
    pipeline still makes sibling names unique afterwards."""

    def label(self, topics: Sequence[TopicInfo]) -> list[str]: ...


def _stop_words(stop_words) -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    if stop_words == "english":
        return frozenset(ENGLISH_STOP_WORDS)
    return frozenset(stop_words or ())


def is_bad_label(label: str, stop_words: frozenset[str]) -> bool:
    """Empty, a bare number or a bare stop word: never acceptable as a topic name."""
    s = label.strip().lower()
    if not s:
        return True
    words = re.findall(r"[^\W_]+", s)
    return not words or all(w.isdigit() or w in stop_words for w in words)


# URLs and e-mail addresses: no keyword comes from them ("httpwwwhaskellorg"), and their
# lower-case "http" or "cran" must not decide how a name is written
URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")



def make_unique(labels: list[str], alternatives: list[list[str]]) -> list[str]:
    """Sibling names unique: a clashing name takes its next candidate; "(2)" last resort."""
    out = list(labels)
    taken: set[str] = set()
    order = list(range(len(out)))          # callers pass siblings biggest first: they keep theirs
    for i in order:
        if out[i].lower() not in taken:
            taken.add(out[i].lower())
            continue
        alt = next((a for a in alternatives[i] if a.lower() not in taken), None)
        if alt is None:
            j = 2
            while f"{out[i]} ({j})".lower() in taken:
                j += 1
            alt = f"{out[i]} ({j})"
        out[i] = alt
        taken.add(alt.lower())
    return out


NAMED_LABELLERS = ("contrastive", "keywords", "openai")


def check_labeller(spec: Any, url: str | None = None) -> None:
    """Refuse a labeller that cannot work, before any work (``UnknownLabeller``): an
    unknown name, ``module:attr`` whose module cannot be found (looked up, not
    imported), ``openai`` without a server URL. Objects passed from Python pass."""
    import importlib.util

    from datamap.resources.errors import UnknownLabeller

    if spec is None or not isinstance(spec, str):
        return
    if spec == "openai" and not url:
        raise UnknownLabeller("the 'openai' labeller needs the server's URL: --labeller-url "
                              "http://127.0.0.1:8080/v1 (or topics option labeller_url)")
    if spec in NAMED_LABELLERS or (spec.startswith("bertopic:") and spec.split(":", 1)[1]):
        return
    mod, sep, attr = spec.partition(":")
    if not sep or not mod or not attr:
        raise UnknownLabeller(f"unknown labeller {spec!r}; choose one of {', '.join(NAMED_LABELLERS)}, "
                              "bertopic:<ReprName> or 'module:attr' of your own TopicLabeller")
    try:
        found = importlib.util.find_spec(mod)
    except (ImportError, ValueError):
        found = None
    if found is None:
        raise UnknownLabeller(f"labeller {spec!r}: no module {mod!r} on the Python path (install it, or "
                              "run from the folder that holds it)")


def load_labeller(spec, stop_words: frozenset[str]) -> TopicLabeller:
    """A TopicLabeller object as is; "module:attr" imported (and instantiated if it names
    a class). Named labellers are resolved by ``labellers.resolve_labeller``."""
    if isinstance(spec, TopicLabeller):
        return spec
    import importlib

    mod, _, attr = spec.partition(":")
    try:
        obj = getattr(importlib.import_module(mod), attr or "labeller")
    except (ImportError, AttributeError) as e:
        from datamap.resources.errors import LabellerError

        raise LabellerError(f"labeller {spec!r} cannot be loaded: {e}") from e
    obj = obj() if isinstance(obj, type) else obj
    if not isinstance(obj, TopicLabeller):
        raise TypeError(f"{spec} is not a TopicLabeller (needs .label(topics) -> list[str])")
    return obj


