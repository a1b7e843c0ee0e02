"""Topic names: the pluggable labeller interface and the default keyword labeller.

No network and no LLM by default: a name is built from a topic's c-TF-IDF keywords and
cased as its documents write them. A ``TopicLabeller`` (e.g. an LLM prompt) can replace
the default; the pipeline still makes sibling names unique and refuses bare stop words
or numbers afterwards.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol, Sequence, runtime_checkable

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


class KeywordLabeller:
    """Default: a phrase from c-TF-IDF keywords, cased as the documents write it.

    The top keyword, as a two-word phrase when one that starts or ends with it ranks
    near the top ("Python module", "GNU compiler"), else joined with the next keyword
    ("Audio and sound"). Below depth 1 the keywords are the ones that tell a topic from
    its siblings, minus words already in the parent's name.
    """

    def __init__(self, stop_words: frozenset[str] = frozenset()):
        self.stop_words = stop_words

    def candidates(self, t: TopicInfo) -> list[str]:
        parent_words = set((t.parent_label or "").lower().split())
        own = t.sibling_keywords if (t.depth > 1 and t.sibling_keywords) else t.keywords
        ranked = [w for w in own if not is_bad_label(w, self.stop_words)
                  and not (set(w.split()) <= parent_words)]
        ranked += [w for w in t.keywords if w not in ranked and not is_bad_label(w, self.stop_words)]
        if not ranked:
            return []
        head = ranked[:6]
        unigrams = [w for w in head if " " not in w]
        first = unigrams[0] if unigrams else head[0]
        bigrams = [w for w in head if " " in w and len(set(w.split())) == len(w.split())]
        cands = []
        phrase = (next((b for b in bigrams if b.split()[0] == first), None)
                  or next((b for b in bigrams if b.split()[-1] == first), None))
        if phrase:
            cands.append(phrase)
        second = next((w for w in unigrams[1:] if w not in first and first not in w), None)
        if second and " " not in first:
            cands.append(f"{first} and {second}")
        cands.append(first)
        cands += ranked
        seen, out = set(), []
        for c in cands:
            c = " ".join(c.split()[:4])
            if c not in seen:
                seen.add(c)
                out.append(c)
        return out

    def label(self, topics: Sequence[TopicInfo]) -> list[str]:
        return [(self.candidates(t) or [f"topic {t.topic_id}"])[0] for t in topics]


def _casing(words: set[str], docs: Sequence[str]) -> dict[str, str]:
    """The commonest surface form of each word in ``docs`` ("gnome" → "GNOME")."""
    if not words:
        return {}
    pat = re.compile(r"\b(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b",
                     re.IGNORECASE)
    forms: dict[str, Counter] = {w: Counter() for w in words}
    for d in docs:
        for m in pat.finditer(d):
            s = m.group(0)
            forms.setdefault(s.lower(), Counter())[s] += 1
    return {w: (c.most_common(1)[0][0] if c else w) for w, c in forms.items()}


def _display(label: str, casing: dict[str, str]) -> str:
    words = [casing.get(w, w) for w in label.split()]
    if words and words[0][:1].islower():
        words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


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


def load_labeller(spec, stop_words: frozenset[str]) -> TopicLabeller:
    """None → keyword labels; a TopicLabeller object as is; "module:attr" imported (and
    instantiated if it names a class)."""
    if spec is None:
        return KeywordLabeller(stop_words)
    if isinstance(spec, TopicLabeller):
        return spec
    import importlib

    mod, _, attr = spec.partition(":")
    obj = getattr(importlib.import_module(mod), attr or "labeller")
    obj = obj() if isinstance(obj, type) else obj
    if not isinstance(obj, TopicLabeller):
        raise TypeError(f"{spec} is not a TopicLabeller (needs .label(topics) -> list[str])")
    return obj


