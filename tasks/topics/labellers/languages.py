"""Stop words of the languages a topic's documents are written in, besides English.

Why: the labeller splits phrases at stop words and never names a topic by one, but its
list is English. On PyPI's summaries the topics of Spanish, Russian or Turkish packages
were named by their function words ("Biblioteca para: Una and для", "Пакет для
управления and на"). One list of every language's stop words would not do: German's
holds "man", "bin" and "hat", French's "son" and "plus", which English documents use as
words (man pages, /usr/bin, Red Hat). So each topic gets the lists of the languages its
own sampled documents are written in, and an English topic keeps the English list alone.

A document's language is the one whose stop words it writes most (a classic,
model-free language guess: function words are the most frequent words of any text),
when that beats the English list's count; ties keep every tied language ("de" and
"para" are Spanish and Portuguese alike). The lists are the ``stop-words`` package's (no
word list of any corpus); without that package, topics keep the English list.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Sequence

from .phrases import WORD, per_document

SHARE = 0.1            # share of a topic's documents in other languages that makes it a topic of other languages
LANGUAGE_SHARE = 0.05  # share of those documents (and at least two) that brings in a language's list
LEAD_CHARS = 200       # a document's language is guessed from its opening (~30 words; summaries: all of it)


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    """Language → its stop words (lower case), English left out: the caller's list is English."""
    try:
        import stop_words
    except ImportError:
        return {}
    return {lang: frozenset(w.lower() for w in stop_words.get_stop_words(lang))
            for lang in stop_words.AVAILABLE_LANGUAGES if lang != "english"}


@lru_cache(maxsize=1)
def _languages_of() -> dict[str, tuple[str, ...]]:
    """Stop word → the languages that list it."""
    out: dict[str, list[str]] = {}
    for lang, words in _lists().items():
        for w in words:
            out.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in out.items()}


@per_document
def document_languages(doc: str, english: frozenset[str]) -> tuple[str, ...]:
    """The languages other than English whose stop words ``doc`` writes most, when more
    of them than English ones; () for an English (or undecided) document.

    Words English lists too ("in", "a") count for neither side, and one ASCII word is not
    enough: short English summaries write few English stop words, and "AI" (French,
    Italian, Romanian), "sale" (Romanian) or "SES" (French) are stop words elsewhere. A
    word with a letter outside ASCII ("для", "à") cannot be English, so one such word is.
    10–15 µs a Debian description (its first ``LEAD_CHARS``): ~0.5 s for the 38,400
    documents a 1M map's labeller samples; memoised, since the topics stage asks for the
    keywords (``model._topic_infos``) and the labeller asks again for the names."""
    seen = set(WORD.findall(doc[:LEAD_CHARS].lower()))
    english_hits = sum(1 for w in seen if w in english)
    index = _languages_of()
    hits: Counter = Counter()
    decisive: set[str] = set()
    for w in seen:
        if w in english:
            continue
        for lang in index.get(w, ()):
            hits[lang] += 1
            if not w.isascii():
                decisive.add(lang)
    if not hits:
        return ()
    best = max(hits.values())
    if best <= english_hits:
        return ()
    return tuple(sorted(lang for lang, c in hits.items() if c == best and (c >= 2 or lang in decisive)))


def topic_stop_words(docs: Sequence[str], english: frozenset[str], share: float = SHARE,
                     language_share: float = LANGUAGE_SHARE) -> frozenset[str]:
    """Stop words of the languages other than English that ``docs`` are written in: when
    at least ``share`` of them are, each language at least ``language_share`` of those
    documents (and two) are written in. Why of those and not of all: a topic of packages
    in several languages (Turkish and Indonesian, Spanish and Portuguese) has no single
    language at ``share`` of its documents, yet is named from all of them. Why as low as
    5 %: PyPI's topic of Spanish, Portuguese and Russian summaries had 13 French ones of
    122 in other languages in one sample of 400 and fewer in another, and its keywords
    held "pour" and "des" whenever French fell under a 10 % bar; in a topic that is of
    other languages already, another list costs little. ``english``: the labeller's own
    list, which decides what is English; empty: no stop words at all, so none are added."""
    if not docs or not english:
        return frozenset()
    found = [document_languages(d, english) for d in docs]
    foreign = sum(1 for langs in found if langs)
    if foreign == 0 or foreign < share * len(docs):
        return frozenset()
    counts: Counter = Counter(lang for langs in found for lang in langs)
    lists = _lists()
    least = max(2.0, language_share * foreign)
    return frozenset().union(*(lists[lang] for lang, c in counts.items() if c >= least))
