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


# Nouns that name a *kind* of thing ("Haskell library", "Network server"): a label is the
# topic's most distinctive subject word followed by the kind its keywords mention most.
HEAD_NOUNS = frozenset("""
library libraries module modules bindings binding plugin plugins extension extensions
tool tools utility utilities font fonts server servers client clients daemon driver drivers
game games documentation framework toolkit editor compiler interpreter parser engine
theme themes headers programs program applications application interface widgets
dictionary dictionaries scripts backend frontend emulator manager viewer player
""".split())
# Words that say nothing about a topic on their own, whatever c-TF-IDF thinks
# ("Package contains", "Providing built"): never a label word.
FILLER_WORDS = frozenset("""
package packages contains contain containing provides provide providing provided based
using use used uses includes including include included allows allow enables enable lets needed required packaged written new set
simple small various support supports supported version versions built build features
feature way easy easily like make makes just also additional useful common generic files file turned
""".split())


# A topic whose best subject word is in fewer than this share of its documents is a
# family of things ("java/ruby/php/…"): it is named after up to three subjects that each
# bring in documents the others miss ("Java, Ruby and PHP"), not after the first alone.
MIXED_BELOW = 0.4
NEW_DOCS_AT_LEAST = 0.1
NAME_CAPS = 0.7          # share of mid-sentence mentions capitalised for a word to count as a name


# URLs and e-mail addresses: no keyword comes from them ("httpwwwhaskellorg"), and their
# lower-case "http" or "cran" must not decide how a name is written
URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")


def _doc_sets(words: Sequence[str], docs: Sequence[str]) -> tuple[dict[str, set[int]], dict[str, float]]:
    """Which of ``docs`` mention each word (whole word, plural too, any case), and the
    share of its mid-sentence mentions written with a capital ("Java", "PHP", "GTK")."""
    sets, caps = {}, {}
    for w in words:
        pat = re.compile(r"\b" + re.escape(w) + r"s?\b", re.IGNORECASE)
        hit, upper, mid = set(), 0, 0
        for i, d in enumerate(docs):
            for m in pat.finditer(d):
                hit.add(i)
                before = d[max(0, m.start() - 2):m.start()]
                if m.start() == 0 or before.strip() in (".", ":", "-", "*") or "\n" in before:
                    if any(ch.isupper() for ch in m.group(0)[1:]):
                        mid += 1                   # sentence start, but "AddressSanitizer"
                        upper += 1                 # has capitals inside: a name anyway
                    continue                       # else a capital says nothing here
                mid += 1
                upper += any(ch.isupper() for ch in m.group(0))
        sets[w], caps[w] = hit, (upper / mid if mid else 0.0)
    return sets, caps


def several_subjects(subject: str, others: Sequence[str], docs: Sequence[str],
                     phrases: Sequence[str] = ()) -> str | None:
    """"A, B and C" when ``subject`` covers too few of ``docs`` and other subjects each add
    documents it misses; None when one subject is enough (or there are too few docs to tell).

    Only names count as subjects here (words the documents capitalise mid-sentence:
    "Java", "Ruby", "PHP"): common words that merely co-occur ("data", "service") make a
    list that reads like keywords. Two words of one keyword phrase ("linear algebra") are
    one subject, never listed apart."""
    if len(docs) < 10 or " " in subject:
        return None
    sets, caps = _doc_sets([subject], docs)
    covered = set(sets[subject])
    if len(covered) >= MIXED_BELOW * len(docs) or caps[subject] < NAME_CAPS:
        return None
    more = _doc_sets(others, docs)
    sets.update(more[0])
    caps.update(more[1])
    pairs = {frozenset(p.split()) for p in phrases if len(p.split()) == 2}
    chosen = [subject]
    for w in others:
        if (" " in w or caps[w] < NAME_CAPS or any(w[:4] == c[:4] or w in c or c in w for c in chosen)
                or any(frozenset((w, c)) in pairs for c in chosen)):
            continue
        new = sets[w] - covered
        if len(new) >= NEW_DOCS_AT_LEAST * len(docs) and len(sets[w] & covered) <= len(sets[w]) / 2:
            chosen.append(w)
            covered |= sets[w]
        if len(chosen) == 3:
            break
    if len(chosen) < 2:
        return None
    chosen = [phrase_of(c, docs, name=True) or c for c in chosen]       # "Monte" → "Monte Carlo"
    return " and ".join([", ".join(chosen[:-1]), chosen[-1]])


PHRASE_SHARE = 0.6       # share of a word's mentions followed by one word that makes them a phrase
COOCCUR_AT_LEAST = 0.2   # share of a kind-noun's documents that must name the subject
PAIR_SHARE = 0.4         # share of the subject's documents that must write "subject keyword"


def phrase_of(word: str, docs: Sequence[str], name: bool = False) -> str | None:
    """The phrase ``word`` is mostly the first half of, as ``docs`` write it ("Monte Carlo",
    "Objective-C", "Modula-2"); None when its mentions go on in different ways.

    ``name``: only a capitalised second word counts after a space ("Monte Carlo", not
    "Fortran applications"), since a list of names must stay a list of names."""
    pat = re.compile(rf"\b{re.escape(word)}(?:-([^\W_]+)\b(?!-)|\s+([^\W\d_]\w+)\b(?!-))?", re.IGNORECASE)
    nxt: Counter = Counter()
    total = 0
    for d in docs:
        for m in pat.finditer(d):
            if m.start() and (d[m.start() - 1].isalnum() or d[m.start() - 1] in "-."):
                continue
            total += 1
            follow = m.group(1) or m.group(2)
            if m.group(1) or (follow and len(follow) >= 3 and follow.lower() not in FILLER_WORDS
                              and (not name or follow[0].isupper())):
                nxt[m.group(0).replace("\n", " ")] += 1
    if total < 3 or not nxt:
        return None
    forms: Counter = Counter()
    for form, c in nxt.items():
        forms[re.sub(r"\s+", " ", form).lower()] += c
    key, c = forms.most_common(1)[0]
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    if c < PHRASE_SHARE * total or re.split(r"[\s-]", key)[-1] in ENGLISH_STOP_WORDS:
        return None
    return max((f for f in nxt if re.sub(r"\s+", " ", f).lower() == key), key=nxt.__getitem__)


def phrase_docs(phrase: str, docs: Sequence[str]) -> int:
    """How many ``docs`` write the two words of ``phrase`` side by side (any case, plural
    allowed): a keyword pair the tokenizer glued across a stop word or a full stop
    ("architecture. GNU" → "architecture gnu") is no name."""
    a, b = phrase.split()
    stem = re.sub(r"(?:ies|es|s|y)$", "", b) if len(b) > 4 else b
    tail = re.escape(stem) + r"\w{0,3}"
    gap = r"(?:\s+|[.\-])"
    # what the tokenizer drops may stand between: "GNU C++ compiler" is "gnu compiler"
    dropped = rf"(?:(?:\w|\d+|\w\+\+|\w#){gap})?"
    pat = re.compile(rf"\b{re.escape(a)}{gap}{dropped}{tail}\b(?!-\w)", re.IGNORECASE)
    return sum(1 for d in docs if pat.search(d))


def is_adverb(word: str, vocabulary: set[str] | frozenset[str] = frozenset()) -> bool:
    """"safely", "centrally", "entirely": an -ly word names no subject. Told apart from
    "assembly" or "family" by its stem being a word of the documents too ("safe")."""
    if not word.endswith("ly") or len(word) < 5:
        return False
    return word.endswith("ely") or (word.endswith("ally") and len(word) > 6) or (
        len(word) >= 6 and word[:-2] in vocabulary)


def plural(word: str, keywords: Sequence[str]) -> str:
    """The plural the keywords hold ("images" for "image"), else the word."""
    for form in (word + "s", word + "es", word[:-1] + "ies"):
        if form in keywords:
            return form
    return word


def _good(w: str, stop: frozenset[str]) -> bool:
    parts = w.split()
    return (not is_bad_label(w, stop) and not any(p in FILLER_WORDS for p in parts)
            and len(set(parts)) == len(parts))


class KeywordLabeller:
    """Default: a topic name from c-TF-IDF keywords, cased as the documents write it.

    Candidates, best first:
      1. a keyword bigram near the top that contains the subject (the best non-generic
         keyword), turned round when it reads head-first ("library haskell" → "Haskell
         library"): "Python module", "GNU compiler", "Image processing";
      2. the subject followed by the commonest kind-of-thing noun among the keywords
         ("Network server", "Noto fonts");
      3. the subject alone;
      4. "X and Y" only after those (it reads like a keyword pair, not a name).
    Below depth 1 the keywords are the ones that tell a topic from its siblings, minus
    words already in the parent's name. Words like "package" or "provides" never appear.
    """

    def __init__(self, stop_words: frozenset[str] = frozenset()):
        self.stop_words = stop_words

    def candidates(self, t: TopicInfo) -> list[str]:
        stop = self.stop_words
        # a list label ("Java and HTML") names several things: a child may name one of them
        parent_words = {w.strip(",") for lab in [*t.ancestor_labels, t.parent_label or ""]
                        if " and " not in lab for w in lab.lower().split()}
        own = t.sibling_keywords if (t.depth > 1 and t.sibling_keywords) else t.keywords
        ranked = [w for w in own if _good(w, stop) and not (set(w.split()) <= parent_words)]
        ranked += [w for w in t.keywords if w not in ranked and _good(w, stop)]
        if not ranked:
            ranked = [w for w in own + t.keywords if not is_bad_label(w, stop)]
        if not ranked:
            return []
        docs = t.sample_docs
        check = len(docs) >= 10            # too few documents to judge a phrase by
        vocab = set(re.findall(r"[a-z]+", " ".join(docs).lower())) if check else set()
        covers: dict[str, set[int]] = {}

        def cover(w: str) -> set[int]:
            if w not in covers:
                covers[w] = _doc_sets([w], docs)[0][w]
            return covers[w]

        top = ranked[:8]
        unigrams = [w for w in top if " " not in w and not is_adverb(w, vocab)]
        subjects = [w for w in unigrams if w not in HEAD_NOUNS]
        subject = subjects[0] if subjects else (unigrams[0] if unigrams else top[0])
        heads = [w for w in ranked[:6] if " " not in w and w in HEAD_NOUNS and w[:4] != subject[:4]
                 and w not in parent_words]
        cands: list[str] = []
        mixed = several_subjects(subject, [w for w in subjects if w not in parent_words], docs, ranked)
        if mixed:
            cands.append(mixed)
        if len(unigrams) >= 2 and unigrams[0][:4] == unigrams[1][:4] and unigrams[0] in HEAD_NOUNS:
            cands.append(max(unigrams[:2], key=len))     # "font", "fonts" lead: "Fonts"
        if check and t.depth == 1 and heads and " " not in subject and len(cover(subject)) < 0.1 * len(docs):
            # the subject is in few of the documents ("noto" in a topic of fonts and
            # dictionaries): the kind of thing most of them are names the topic instead
            h = max(heads, key=lambda w: len(cover(w)))
            if len(cover(h)) >= max(0.2 * len(docs), 2 * len(cover(subject))):
                cands.append(plural(h, t.keywords))
        for b in top:
            ws = b.split()
            if len(ws) == 2 and subject in ws and b in ranked[:5]:
                if ws[0] in HEAD_NOUNS and ws[1] not in HEAD_NOUNS:
                    b = f"{ws[1]} {ws[0]}"
                if not check or phrase_docs(b, docs):
                    cands.append(b)
                    break
        if heads and " " not in subject and subject not in HEAD_NOUNS:
            h = heads[0]
            # "Python module" only if the module documents are about Python: a kind-noun
            # that belongs to another theme of the topic makes "Image game"
            if (not check or phrase_docs(f"{subject} {h}", docs)
                    or len(cover(h) & cover(subject)) >= COOCCUR_AT_LEAST * len(cover(h))):
                cands.append(f"{subject} {h}")
            elif min(len(cover(h)), len(cover(subject))) >= 0.15 * len(docs):
                cands.append(f"{plural(subject, t.keywords)} and {plural(h, t.keywords)}")
        # the phrase the documents mostly write the subject in: "Monte Carlo", "Objective-C"
        full = phrase_of(subject, docs) if check and " " not in subject else None
        if check and " " not in subject:
            if full and " " in full and _good(full, stop):
                cands.append(full)                       # "Monte" → "Monte Carlo"
            if not cands:
                cands += self._pair_of_keywords(subject, unigrams, ranked, docs, parent_words,
                                                 ((t.parent_label or "").lower().split() or [""])[-1])
        cands.append(subject)
        second = next((w for w in unigrams if w != subject and w not in subject and subject not in w), None)
        if second and " " not in subject:
            cands.append(f"{subject} and {second}")
        # the rest only as fallbacks for clashing sibling names (phrases checked: costly)
        cands += [w for w in ranked[:12] if " " not in w or not check or phrase_docs(w, docs)]
        cands += [w for w in ranked[12:] if " " not in w]
        # a subject the documents write hyphenated is that whole name: "Objective-C compiler"
        if full and " " not in full:
            cands = [" ".join(full if w == subject else w for w in c.split()) for c in cands]
        return _first_of_each(" ".join(c.split()[:4]) for c in cands)

    def _pair_of_keywords(self, subject: str, unigrams: list[str], ranked: list[str],
                          docs: Sequence[str], parent_words: set[str], parent_head: str) -> list[str]:
        """Two words rather than a bare subject, when the documents say so:
        - the subject followed by one of the next keywords, as the documents write them
          together, where that phrase is in ≥ 40% of the documents naming the subject
          ("linear" + "algebra" → "Linear algebra");
        - else, for a subject that is no name, a phrase ranked above it that ≥ 10% of the
          documents write ("cross compiler" over "architecture", which every cross
          compiler's text mentions). A name ("SELinux", "DPDK") is a label already. The
          phrase may share only the parent's last word: a "cross compiler" under "GNU
          compiler" is a kind of it, a "Python bindings" under "Python module > NumPy" a
          repeat."""
        n = len(docs)
        sets, caps = _doc_sets([subject], docs)
        best, best_docs = None, 0
        for w in [u for u in unigrams if u != subject and u not in parent_words][:3]:
            pair = f"{subject} {w}"
            k = phrase_docs(pair, docs) if _good(pair, self.stop_words) else 0
            if k > best_docs and k >= max(3, PAIR_SHARE * len(sets[subject])):
                best, best_docs = pair, k
        if best:
            return [best]
        if caps[subject] >= NAME_CAPS:
            return []
        above = ranked[:ranked.index(subject)] if subject in ranked else []
        for b in above:
            if (len(b.split()) == 2 and not set(b.split()) & (parent_words - {parent_head})
                    and phrase_docs(b, docs) >= max(3, 0.1 * n)):
                return [b]
        return []

    def label(self, topics: Sequence[TopicInfo]) -> list[str]:
        return [(self.candidates(t) or [f"topic {t.topic_id}"])[0] for t in topics]


def _first_of_each(items) -> list[str]:
    """The items in order, each kept once (its first occurrence)."""
    return list(dict.fromkeys(items))


def _casing(words: set[str], docs: Sequence[str]) -> dict[str, str]:
    """The commonest surface form of each word in ``docs`` ("gnome" → "GNOME").

    Words standing alone count first: inside URLs or package names ("r-cran-ggplot2",
    "cran.r-project.org") "CRAN" and "HTTP" are written in lower case. One pass of a plain
    word tokenizer with set lookups: a regex alternation of a few hundred words over
    25,000 sample documents took ~40 s of a 60k-row build."""
    alone: dict[str, Counter] = {w: Counter() for w in words}
    inside: dict[str, Counter] = {w: Counter() for w in words}
    if not words:
        return {}
    token = re.compile(r"\w+")
    for d in docs:
        d = URL.sub(" ", d)
        for forms, text in ((alone, _COMPOUND.sub(" ", d)), (inside, " ".join(_COMPOUND.findall(d)))):
            for s in token.findall(text):
                c = forms.get(s.lower())
                if c is not None:
                    c[s] += 1
    return {w: (c.most_common(1)[0][0] if c else inside[w].most_common(1)[0][0] if inside[w] else w)
            for w, c in alone.items()}


_COMPOUND = re.compile(r"\w+(?:[.\-]\w+)+")


def join_dotted(label: str, docs: Sequence[str]) -> str:
    """Two label words the documents mostly write joined by a dot or a hyphen come back
    joined: the tokenizer split "Node.js" into "node js", and "Node js" is not its name."""
    words = label.split()
    for i in range(len(words) - 1):
        a, b = re.escape(words[i].rstrip(",")), re.escape(words[i + 1])
        dotted = re.compile(rf"\b{a}[.\-]{b}\b(?!-\w)", re.IGNORECASE)
        spaced = re.compile(rf"\b{a}\s+{b}\b", re.IGNORECASE)
        # hyphenated only when written with capitals ("SWI-Prolog"): a lower-case
        # "tesseract-ocr" or "cross-compiler" is mostly a package name or a plain compound
        forms = Counter(m.group(0) for d in docs for m in dotted.finditer(d)
                        if "." in m.group(0) or any(ch.isupper() for ch in m.group(0)))
        if forms and sum(forms.values()) > sum(len(spaced.findall(d)) for d in docs):
            return " ".join(words[:i] + [forms.most_common(1)[0][0]] + words[i + 2:])
    return label


def _display(label: str, casing: dict[str, str]) -> str:
    words = [casing.get(w.rstrip(","), w.rstrip(",")) + w[len(w.rstrip(",")):] for w in label.split()]
    if words and words[0][:1].islower() and not any(ch.isupper() for ch in words[0]):   # "jQuery" stays
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


