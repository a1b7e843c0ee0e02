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
    ancestor_labels: list[str] = field(default_factory=list)   # depth 1 first, parent last


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
using use used uses includes including include included allows allow written new set
simple small various support supports supported version versions built build features
feature way easy easily like make makes just also additional useful common generic files file turned
""".split())


# A topic whose best subject word is in fewer than this share of its documents is a
# family of things ("java/ruby/php/…"): it is named after up to three subjects that each
# bring in documents the others miss ("Java, Ruby and PHP"), not after the first alone.
MIXED_BELOW = 0.4
NEW_DOCS_AT_LEAST = 0.1
NAME_CAPS = 0.7          # share of mid-sentence mentions capitalised for a word to count as a name


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
                    continue                       # sentence start: a capital says nothing
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
    return " and ".join([", ".join(chosen[:-1]), chosen[-1]])


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
        parent_words = {w.strip(",") for lab in [*t.ancestor_labels, t.parent_label or ""]
                        for w in lab.lower().split()}
        own = t.sibling_keywords if (t.depth > 1 and t.sibling_keywords) else t.keywords
        ranked = [w for w in own if _good(w, stop) and not (set(w.split()) <= parent_words)]
        ranked += [w for w in t.keywords if w not in ranked and _good(w, stop)]
        if not ranked:
            ranked = [w for w in own + t.keywords if not is_bad_label(w, stop)]
        if not ranked:
            return []
        top = ranked[:8]
        unigrams = [w for w in top if " " not in w]
        subjects = [w for w in unigrams if w not in HEAD_NOUNS]
        subject = subjects[0] if subjects else (unigrams[0] if unigrams else top[0])
        heads = [w for w in ranked[:6] if " " not in w and w in HEAD_NOUNS and w[:4] != subject[:4]
                 and w not in parent_words]
        cands: list[str] = []
        mixed = several_subjects(subject, [w for w in subjects if w not in parent_words], t.sample_docs, ranked)
        if mixed:
            cands.append(mixed)
        if len(unigrams) >= 2 and unigrams[0][:4] == unigrams[1][:4] and unigrams[0] in HEAD_NOUNS:
            cands.append(max(unigrams[:2], key=len))     # "font", "fonts" lead: "Fonts"
        for b in top:
            ws = b.split()
            if len(ws) == 2 and subject in ws and b in ranked[:5]:
                if ws[0] in HEAD_NOUNS and ws[1] not in HEAD_NOUNS:
                    b = f"{ws[1]} {ws[0]}"
                cands.append(b)
                break
        if heads and " " not in subject and subject not in HEAD_NOUNS:
            cands.append(f"{subject} {heads[0]}")
        cands.append(subject)
        second = next((w for w in unigrams if w != subject and w not in subject and subject not in w), None)
        if second and " " not in subject:
            cands.append(f"{subject} and {second}")
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
    """The commonest surface form of each word in ``docs`` ("gnome" → "GNOME").

    One pass of a plain word tokenizer with set lookups: a regex alternation of a few
    hundred words over 25,000 sample documents took ~40 s of a 60k-row build."""
    forms: dict[str, Counter] = {w: Counter() for w in words}
    if not words:
        return {}
    token = re.compile(r"\w+")
    for d in docs:
        for s in token.findall(d):
            c = forms.get(s.lower())
            if c is not None:
                c[s] += 1
    return {w: (c.most_common(1)[0][0] if c else w) for w, c in forms.items()}


def join_dotted(label: str, docs: Sequence[str]) -> str:
    """Two label words the documents mostly write joined by a dot come back joined:
    the tokenizer split "Node.js" into "node js", and "Node js" is not its name."""
    words = label.split()
    for i in range(len(words) - 1):
        a, b = re.escape(words[i].rstrip(",")), re.escape(words[i + 1])
        dotted = re.compile(rf"\b{a}\.{b}\b", re.IGNORECASE)
        spaced = re.compile(rf"\b{a}\s+{b}\b", re.IGNORECASE)
        forms = Counter(m.group(0) for d in docs for m in dotted.finditer(d))
        if forms and sum(forms.values()) > sum(len(spaced.findall(d)) for d in docs):
            return " ".join(words[:i] + [forms.most_common(1)[0][0]] + words[i + 2:])
    return label


def _display(label: str, casing: dict[str, str]) -> str:
    words = [casing.get(w.rstrip(","), w.rstrip(",")) + w[len(w.rstrip(",")):] for w in label.split()]
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


