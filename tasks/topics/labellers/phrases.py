"""Candidate phrases for a topic's name, as its documents write them.

No part-of-speech model (none may be downloaded): a noun-phrase-like span is a run of
1–3 content words between punctuation and stop words ("command-line tools", "Node.js
framework"). The signals are corpus-independent: stop words of the language, punctuation,
and how many of the topic's own documents write the span. Surface forms (casing,
hyphens, dots) are kept as the documents write them most often.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

# A word: starts with a letter, may hold inner hyphens / dots / apostrophes ("Node.js",
# "command-line", "don't") and end in "++" or "#" ("C++", "C#").
WORD = re.compile(r"[^\W\d_][\w]*(?:[.\-'][^\W_][\w]*)*(?:\+\+|#)?")
# Where a phrase cannot run across: sentence and clause punctuation, brackets, quotes.
BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”|/\n\t*•<>=]+(?:\s|$)|[()\[\]{}\"“”|\n\t•<>=]|\s[-–—]\s")
URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
PART = re.compile(r"[.\-']")
POSSESSIVE = re.compile(r"'s$")
MAX_WORDS = 3
# Tokenised documents kept while a map is labelled: a topic's sampled documents are read
# again at every depth, by every candidate pass and by the grounding floor (a 3,000-row
# build tokenised each one ~12 times, 60 % of its labelling CPU). Bounded, and let go once
# the map is named (``documents_memoised``).
DOC_CACHE = 1 << 16


def words(text: str) -> list[str]:
    """Lower-case words of a label or document, hyphenated / dotted parts split too, so
    "Command-line" mentions "command" and "line"."""
    out = []
    for w in WORD.findall(text.lower()):
        out.append(w)
        if PART.search(w):
            out.extend(p for p in PART.split(w) if p)
    return out


_PER_DOCUMENT: list = []      # the memoised per-document functions (``per_document``)


def per_document(fn):
    """Memoise ``fn`` per document (bounded) until ``documents_memoised`` lets go."""
    cached = lru_cache(maxsize=DOC_CACHE)(fn)
    _PER_DOCUMENT.append(cached)
    return cached


@contextmanager
def documents_memoised() -> Iterator[None]:
    """Keep tokenised documents for the body (one map's labelling), then let them go.

    Full: 65,536 Debian descriptions' clauses and word sets held 1.04 GB, which a build
    carried into its dedupe stage and a server kept after relabelling a map."""
    try:
        yield
    finally:
        for cached in _PER_DOCUMENT:
            cached.cache_clear()


@per_document
def word_set(doc: str) -> frozenset[str]:
    """``words(doc)`` as a set, memoised per document."""
    return frozenset(words(doc))


_GAPS = re.compile(r"[\s.\-]+")


def normalised(key: str) -> str:
    """"node.js", "node-js" and "node js" are one phrase."""
    return " ".join(_GAPS.split(key.lower())).strip()


def content_words(label: str, stop: frozenset[str]) -> set[str]:
    """The words of a label that can be mentioned: lower-cased, stop words and bare
    numbers left out ("Fonts and themes" → {"fonts", "themes"})."""
    return {w for w in words(label) if w not in stop and not w.isdigit() and len(w) > 1}


@dataclass
class Phrase:
    text: str          # as the documents write it most often
    key: str           # lower-cased, single spaces
    docs: int          # documents of the sample that write it
    share: float       # docs / sample size


# Function words that start a noun phrase: a word they follow often is a verb or a
# preposition ("contains the", "based on a", "manages all"), not part of a name. Part of
# the language, like the stop words; no word of any corpus.
DETERMINERS = frozenset("a an the this these that those its their his her your our my all any some each "
                        "every several many most".split())
VERBISH_SHARE = 0.12


def verbish_words(docs: Sequence[str], min_count: int = 5) -> frozenset[str]:
    """Words that ``docs`` follow by a determiner in ≥ 12% of their occurrences: they
    introduce phrases rather than name things ("provides", "contains", "allows")."""
    seen: Counter = Counter()
    before_det: Counter = Counter()
    for doc in docs:
        toks = [w.lower() for w in WORD.findall(doc)]
        seen.update(toks)
        before_det.update(a for a, b in zip(toks, toks[1:]) if b in DETERMINERS)
    return frozenset(w for w, c in before_det.items() if c >= min_count and c >= VERBISH_SHARE * seen[w])


@per_document
def _clauses(doc: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    """The document's clauses (between breaks), each as its words (as written, lower-cased),
    possessives dropped ("Qt's" → "Qt"); memoised: the stop words are applied after."""
    out = []
    for clause in BREAK.split(URL.sub(" . ", doc)):
        ws = (POSSESSIVE.sub("", m.group(0)).strip("'") for m in WORD.finditer(clause))
        out.append(tuple((w, w.lower()) for w in ws))
    return tuple(out)


def _runs(doc: str, stop: frozenset[str]) -> Iterable[list[str]]:
    """Runs of content words between breaks and stop words, in document order."""
    for clause in _clauses(doc):
        run: list[str] = []
        for w, low in clause:
            if not w or low in stop or len(w) < 2:
                if run:
                    yield run
                run = []
                continue
            run.append(w)
        if run:
            yield run


def spans(docs: Sequence[str], stop: frozenset[str], min_docs: int = 2, min_share: float = 0.03,
          limit: int = 40) -> list[Phrase]:
    """Spans of 1–3 content words written in at least ``min_docs`` and ``min_share`` of
    ``docs``, most documents first, each in its commonest surface form."""
    df: Counter = Counter()          # lower-cased phrase → documents writing it
    written: Counter = Counter()     # phrase as written → times written
    for doc in docs:
        grams: list[str] = []
        for ws in _runs(doc, stop):
            grams += ws
            for n in range(2, MAX_WORDS + 1):
                grams += [" ".join(ws[i:i + n]) for i in range(len(ws) - n + 1)]
        written.update(grams)
        df.update({g.lower() for g in grams})
    need = max(min_docs, min_share * len(docs))
    keep = {k: c for k, c in df.items() if c >= need and not _dangling(k)}
    # a fragment nearly always written inside a longer phrase is that phrase ("Java
    # Virtual" → "Java Virtual Machine"): only the longer one is a candidate
    inside: dict[str, int] = {}
    for k, c in keep.items():
        ws = k.split()
        for n in range(1, len(ws)):
            for i in range(len(ws) - n + 1):
                sub = " ".join(ws[i:i + n])
                inside[sub] = max(inside.get(sub, 0), c)
    chosen = {k: c for k, c in keep.items() if inside.get(k, 0) < CLOSED_SHARE * c}
    form: dict[str, tuple[str, int]] = {}        # the commonest way of writing each, first seen on ties
    for surface, c in written.items():
        k = surface.lower()
        if k in chosen and c > form.get(k, ("", 0))[1]:
            form[k] = (surface, c)
    out = [Phrase(form[k][0], k, c, c / max(1, len(docs))) for k, c in chosen.items()]
    out.sort(key=lambda p: (-p.docs, -len(p.key), p.key))
    return out[:limit]


CLOSED_SHARE = 0.8


def _dangling(key: str) -> bool:
    """A phrase ending in a participle or an adverb ("… optimized", "… translated",
    "… entirely") stops before its noun: English morphology, no word list."""
    last = key.split()[-1]
    participle = len(last) > 3 and last.endswith("ed") and not last.endswith("eed")
    return participle or last.endswith(("ally", "ely", "ously", "ntly", "ctly", "ibly", "ably"))


def surface_forms(keys: Sequence[str], docs: Sequence[str]) -> dict[str, str]:
    """How ``docs`` most often write each lower-case phrase in ``keys`` (word gaps may be
    any white space or a hyphen); phrases they never write keep word-by-word casing."""
    out: dict[str, str] = {}
    casing: dict[str, Counter] = {}
    want = {w for k in keys for w in k.split()}
    for doc in docs:
        for w in WORD.findall(doc):
            lw = w.lower()
            if lw in want:
                casing.setdefault(lw, Counter())[w] += 1
    for k in keys:
        out[k] = " ".join(casing[w].most_common(1)[0][0] if w in casing else w for w in k.split())
    return out


class DocWords:
    """Which of some documents write each word, as one bit mask per word (bit ``i``:
    document ``i``): how many documents write one or all of a name's words.

    Why masks: the labeller asks this of a topic's sampled documents for every candidate
    name, against the topic and each of its siblings; a pass over every document's word
    set per question was ~2 s of one core in a 1M map's naming. With masks a question
    costs an integer operation per word of the name, and the masks (made where the
    sample is read ahead) cross to the labeller's process in one small pickle."""

    def __init__(self, masks: dict[str, int], n: int):
        self.masks, self.n = masks, n

    @classmethod
    def of(cls, docs: Sequence[str]) -> "DocWords":
        """The masks of ``docs``' words (``word_set``: hyphenated and dotted parts too)."""
        masks: dict[str, int] = {}
        get = masks.get
        for i, doc in enumerate(docs):
            bit = 1 << i
            for w in word_set(doc):
                masks[w] = get(w, 0) | bit
        return cls(masks, len(docs))

    def __len__(self) -> int:
        return self.n

    def covers(self, label_words: set[str]) -> float:
        """Share of the documents that write at least one of ``label_words``."""
        if not self.n or not label_words:
            return 0.0
        hit = 0
        for w in label_words:
            hit |= self.masks.get(w, 0)
        return hit.bit_count() / self.n

    def covers_all(self, label_words: set[str]) -> float:
        """Share of the documents that write every one of ``label_words``."""
        if not self.n or not label_words:
            return 0.0
        hit = (1 << self.n) - 1
        for w in label_words:
            hit &= self.masks.get(w, 0)
            if not hit:
                break
        return hit.bit_count() / self.n

    def document_counts(self) -> dict[str, int]:
        """word → number of the documents that write it."""
        return {w: m.bit_count() for w, m in self.masks.items()}


def doc_word_sets(docs: Sequence[str]) -> list[frozenset[str]]:
    """The set of words of each document (for mention counts over a whole map)."""
    return [word_set(d) for d in docs]
