"""The text check on near pairs: does the difference between two close texts name a
different thing?

A bare cosine cutoff cannot tell a copy from a sibling written from the same template:
``librte-eventdev`` and ``librte-mempool-dpaa`` runtime libraries, a library and its
``-doc`` package, ``pthread_cancel`` and ``pthread_setcancelstate``, the Finnish-Lithuanian
and the Swedish-Dutch dictionary all sit within cosine distance 0.1 of each other because
all but a few words are shared. Deleting one of them loses a real record. So each near pair
is also compared word by word (``rapidfuzz`` alignment of the two token sequences) and the
check asks what the *differences* are:

- none after case, whitespace and punctuation (``equal``): the same record;
- few words in common (``reworded``): a translation or a paraphrase, which only the
  embedding can judge — a duplicate if the vectors are twice as close as the cutoff
  (``resources.duplicate_clusters.text_distinct``, so a rethreshold applies it too);
- words that were substituted for others (``substituted``): a template filled with another
  name, number, version, architecture or role — a different record. (A typo is a
  substitution too: ``mips``/``mipsel`` and ``twentytwentyone``/``twentytwentythree`` look
  like typos to any spelling distance, so none is tolerated);
- material added in two or more places (``qualified``): a variant that says what it is
  twice, in its title and its text (``(documentation)`` … ``This package contains the
  documentation``);
- a short insertion that carries an identifier (``qualifier``: a token with a digit,
  inner capital or inner punctuation, absent from the other text — ``(n32)``, ``Http2``);
- one contiguous insertion of whole sentences that name something (``described``: the
  span starts and ends at sentence ends, and carries an identifier or an acronym —
  ``This package contains HTML documentation``, ``This is empty package that depends on
  default PHP version.``, ``the 1.x series``): the text says what *this* record is that
  the other is not — a -doc, -dev or dependency package, an older series;
- one contiguous insertion that is a paragraph of its own (``paragraph``: set off from
  the shared text by a blank line, or the whole start or end of the text after/before
  one): a section the other record lacks — Debian's closing paragraph that says what
  *this* binary package is ("This package contains the architecture-independent data
  files.", "This is a compatibility library, depends on libqcheck-ocaml."), named or not.
  A copy does not gain or lose a paragraph by truncation (it stops mid-sentence) or by a
  word or sentence added to a paragraph; a copy with a footer paragraph appended is kept
  apart — the cost, chosen because a curator's list must not lose records;
- otherwise one contiguous insertion (``contained``): a cut-off copy (it stops
  mid-sentence), boilerplate appended to a copy (a sentence that names nothing, "It is
  maintained by a team of volunteers.") or a dropped word — the same record.

No word lists, nothing learnt from one corpus: the rules read the shape of the difference.
The two thresholds were set on the hand-labelled Debian pairs and checked on the PyPI
ones (tests/data/dedupe_labels/README.md, bench/dedupe.py); ``described`` was added for the
six appended-sentence siblings of the Debian held-out sample, has no threshold, and was
scored on a second, fresh held-out sample drawn after it was fixed; ``paragraph`` was added
for the five appended-paragraph siblings of that second sample (none of them names
anything by the ``described`` test), has no threshold, and was scored on a third sample
drawn after it was fixed (``-heldout3``).

Verdicts are computed once per distinct pair of texts (identical texts are ``equal``
without a comparison), so a map full of copies costs no more than its distinct texts.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import numpy as np

from datamap.resources.duplicate_clusters import TEXT_REASONS
from datamap.tasks import two_processes
from datamap.tasks.sorted_keys import distinct
from datamap.tasks.threaded import in_threads

# reasons live in ``resources.duplicate_clusters`` (the reader applies them); codes index them
REASONS = TEXT_REASONS

MIN_SHARED = 0.5       # share of the shorter text's distinct words the other has: below it, a rewording
QUALIFIER_WORDS = 5    # an insertion of 2..5 words (or 1 identifier) marks a variant; 1 plain word is an edit, more a sentence

_TOKEN = re.compile(r"\w+(?:[-+.:/']+\w+)*\+*")
_IDENT = re.compile(r"\d|[a-z][A-Z]|\w[_+.:/]+\w|\w\+")   # not "-": easy-to-use is a word
_ACRONYM = re.compile(r"[A-Z]{2,}s?")                     # PHP, HTML, LLVM, APIs
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*(\s|$)|\n\s*\n")   # a gap after a sentence: ". ", ".)\n", a blank line
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n")                    # a blank line between two paragraphs


@dataclass(frozen=True)
class Verdict:
    distinct: bool
    reason: str


class Tokens:
    """A text as case-folded word tokens, with what the rules ask of it computed once."""

    __slots__ = ("words", "raw", "set", "text", "_counts", "_spans")

    def __init__(self, text: str):
        self.text = unicodedata.normalize("NFKC", text or "")
        self.raw = _TOKEN.findall(self.text)
        self.words = [w.casefold() for w in self.raw]
        self.set = set(self.words)
        self._counts: Counter | None = None
        self._spans: list[tuple[int, int]] | None = None

    @property
    def counts(self) -> Counter:
        if self._counts is None:
            self._counts = Counter(self.words)
        return self._counts

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Each token's (start, end) in ``text``: only the sentence and paragraph rules
        need them, for a few pairs, so they are found once per text on first use."""
        if self._spans is None:
            self._spans = [m.span() for m in _TOKEN.finditer(self.text)]
        return self._spans

    def identifiers(self, words: list[str]) -> bool:
        """Whether any of ``words`` is written like an identifier here: a digit, an inner
        capital or inner ``_ + . : /`` (``n32``, ``Http2``, ``pthread_cancel``, ``IO::Zip``,
        ``c++``); a hyphen alone does not make one (``full-featured``)."""
        want = set(words)
        return any(r.casefold() in want and _IDENT.search(r) for r in self.raw)

    def named_sentences(self, start: int, stop: int, names: bool = True) -> bool:
        """Whether tokens ``start:stop`` are whole sentences that name something: the span
        begins at the text's start or after a sentence end (``.``, ``!``, ``?`` or a blank
        line) and ends at the text's end or at a sentence end, and one of its tokens is
        written like a name — an identifier (``1.x``, ``OpenMP``) or an acronym (``PHP``,
        ``HTML``). A cut-off copy stops mid-sentence; boilerplate appended to a copy
        ("It is maintained by a team of volunteers.") names nothing. ``names=False``: any
        whole sentence counts (the bench's alternative reading, see ``compare``)."""
        spans = self.spans
        if not 0 <= start < stop <= len(spans):
            return False
        before = self.text[spans[start - 1][1]:spans[start][0]] if start else "."
        after = self.text[spans[stop - 1][1]:spans[stop][0]] if stop < len(spans) else "."
        if not (_SENTENCE_END.search(before) and _SENTENCE_END.search(after)):
            return False
        span = self.raw[start:stop]
        if not names:
            return True
        if not any(c.islower() for r in span for c in r):
            return False          # an all-capitals text: every word would read as an acronym
        return any(_IDENT.search(r) or _ACRONYM.fullmatch(r) for r in span)

    def paragraph(self, start: int, stop: int, slide: bool = False) -> bool:
        """Whether tokens ``start:stop`` are whole paragraphs: a blank line before the span
        and a blank line or the text's end after it, or the text's start before it and a
        blank line after it. ``slide``: the span is an insertion, which a word alignment
        may place anywhere among its equal shifts (a paragraph inserted before another
        that starts with the same words, "This package …", aligns one sentence late), so
        every shift is tried."""
        spans = self.spans
        if not 0 <= start < stop <= len(spans):
            return False
        w = self.words
        while slide and start > 0 and w[start - 1] == w[stop - 1]:
            start, stop = start - 1, stop - 1
        while True:
            before = _PARAGRAPH.search(self.text[spans[start - 1][1]:spans[start][0]]) if start else None
            after = _PARAGRAPH.search(self.text[spans[stop - 1][1]:spans[stop][0]]) if stop < len(spans) else None
            if (before or start == 0) and (after or stop == len(spans)) and (before or after):
                return True
            if not (slide and stop < len(spans) and w[start] == w[stop]):
                return False
            start, stop = start + 1, stop + 1


def tokens(text: str) -> Tokens:
    """Identifiers keep their inner punctuation (``libfoo-dev``, ``IO::Zip``, ``6.1``,
    ``c++``), so a changed version or name is one changed token."""
    return Tokens(text)


def compare(a: str, b: str, sentence_names: bool = True) -> Verdict:
    """The verdict on one pair of texts (symmetric). ``sentence_names=False`` is the
    alternative the bench scores beside the default: every appended whole sentence makes a
    variant, named or not — right for every such real pair labelled so far, but it also
    keeps apart a copy with boilerplate appended (bench/dedupe.py's planted copies)."""
    return compare_tokens(Tokens(a), Tokens(b), sentence_names)


@functools.cache
def _opcodes():
    """rapidfuzz's word alignment, imported once: an import statement inside
    ``compare_tokens`` cost ~0.8 µs of its ~10 µs a pair (PyPI: 2M pairs)."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.opcodes


def compare_tokens(ta: Tokens, tb: Tokens, sentence_names: bool = True) -> Verdict:
    """The verdict on two tokenised texts, the same in either order: the word alignment is
    not (two reorderings of a phrase can align as a replacement one way and an insertion
    the other), so the shorter text (then the smaller word list) always goes first — else
    a verdict would depend on which row came first in the input."""
    if (len(tb.words), tb.words) < (len(ta.words), ta.words):
        ta, tb = tb, ta
    a, b, sa, sb = ta.words, tb.words, ta.set, tb.set
    if a == b:
        return Verdict(False, "equal")
    if not sa or not sb or len(sa & sb) < MIN_SHARED * min(len(sa), len(sb)):
        return Verdict(False, "reworded")
    one_sided: list[tuple[list[str], int, Tokens, int, int, bool]] = []
    for op in _opcodes()(a, b):
        if op.tag == "equal":
            continue
        xa, xb = a[op.src_start:op.src_end], b[op.dest_start:op.dest_end]
        if xa and xb:     # a replaced span: compared with its counterpart, not the whole text
            na, nb = [w for w in xa if w not in xb], [w for w in xb if w not in xa]
            if na and nb:
                return Verdict(True, "substituted")
        else:             # inserted/deleted: new unless the other text has it as often (moved)
            ca, cb = ta.counts, tb.counts
            na = [w for w in xa if ca[w] > cb[w]]
            nb = [w for w in xb if cb[w] > ca[w]]
        if na or nb:
            where = (op.src_start, op.src_end) if na else (op.dest_start, op.dest_end)
            one_sided.append((na or nb, max(len(xa), len(xb)), ta if na else tb, *where, not (xa and xb)))
    if not one_sided:
        return Verdict(False, "equal")          # reordered or repeated words only
    if len(one_sided) >= 2:
        return Verdict(True, "qualified")
    added, span, side, start, stop, inserted = one_sided[0]
    if span <= QUALIFIER_WORDS and (span > 1 or side.identifiers(added)):
        return Verdict(True, "qualifier")
    if span > 1 and side.named_sentences(start, stop, sentence_names):
        return Verdict(True, "described")
    if span > 1 and side.paragraph(start, stop, slide=inserted):
        return Verdict(True, "paragraph")
    return Verdict(False, "contained")


def describe() -> dict:
    """What the manifest records about the check (its rule and thresholds)."""
    return {"method": "word diff (tasks.dedupe_check)", "min_shared": MIN_SHARED,
            "qualifier_words": QUALIFIER_WORDS,
            "described": "one inserted span of whole sentences carrying an identifier or acronym: distinct",
            "paragraph": "one inserted span that is a paragraph of its own (set off by a blank line): distinct"}


# Text pairs from which two processes judge half each: ~2 s of comparisons (~10 µs a
# pair), well over the ~0.3 s joblib takes to start its workers.
PARALLEL_PAIRS = 200_000
_REASON = {r: i for i, r in enumerate(REASONS)}


def check_pairs(texts, a: np.ndarray, b: np.ndarray, chunk: int = 4_000_000,
                parallel_from: int = PARALLEL_PAIRS) -> tuple[np.ndarray, int]:
    """(int8 reason code per pair of row positions — an index into ``REASONS`` —, number
    of text pairs compared). One comparison per distinct pair of distinct texts.

    Pairs are read in chunks (a million-row map's 32M pairs took ~2 GB of text codes,
    keys and sort indices in one pass); what is kept of each is its differing pairs and
    their text pair, 8 bytes a pair. Then every distinct text pair is judged once, from
    ``parallel_from`` of them in two processes, a half each (``judge_texts``): the
    comparisons are pure Python, so threads would not run them at once, and they were
    most of dedupe's time on real text (PyPI: 20.7 of 31.8 s)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks()
    arr = texts if isinstance(texts, pa.Array) else pa.array(texts, type=pa.large_string())
    enc = pc.dictionary_encode(pc.cast(arr, pa.large_string()).fill_null(""))
    code = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    uniq = enc.dictionary.to_pylist()
    n_u = len(uniq)
    a, b = np.asarray(a, np.int64), np.asarray(b, np.int64)
    out = np.zeros(len(a), dtype=np.int8)                        # 0 = "equal"
    parts: list[tuple[int, np.ndarray, np.ndarray]] = []    # per chunk: start, differing pairs, their key
    keys: list[np.ndarray] = []

    def text_pairs(s: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """A chunk's pairs of differing texts: positions, their distinct text-pair keys, which key each is."""
        ta, tb = code[a[s:s + chunk]], code[b[s:s + chunk]]
        diff = np.nonzero(ta != tb)[0]
        lo, hi = np.minimum(ta[diff], tb[diff]), np.maximum(ta[diff], tb[diff])
        key, inv = np.unique(lo * np.int64(n_u) + hi, return_inverse=True)
        return diff.astype(np.int32), key, inv.astype(np.int32)

    for s, (diff, key, inv) in zip(range(0, len(a), chunk), in_threads(text_pairs, range(0, len(a), chunk))):
        if diff.size:
            parts.append((s, diff, inv))
            keys.append(key)
    if not keys:
        return out, 0
    judged = distinct(np.concatenate(keys))        # every text pair, compared once (np.unique hashes: ~50x slower)
    first, second = [uniq[k] for k in (judged // n_u).tolist()], [uniq[k] for k in (judged % n_u).tolist()]
    two = len(judged) >= parallel_from and two_processes.available()
    codes = np.asarray(_judge_in_two(first, second) if two else judge_texts(first, second), np.int8)
    for (s, diff, inv), key in zip(parts, keys):
        out[s + diff] = codes[np.searchsorted(judged, key)][inv]
    return out, len(judged)


def judge_texts(texts_a: list[str], texts_b: list[str]) -> np.ndarray:
    """Reason codes of the text pairs ``(texts_a[i], texts_b[i])`` (``check_pairs``: all of
    them, or one process's half). A text met in several pairs is tokenised once; sent to
    another process, it travels once (pickle keeps one copy of an object sent twice)."""
    cache: dict[str, Tokens] = {}

    def tok(t: str) -> Tokens:
        got = cache.get(t)
        if got is None:
            got = cache[t] = Tokens(t)
        return got

    return np.fromiter((_REASON[compare_tokens(tok(x), tok(y)).reason] for x, y in zip(texts_a, texts_b)),
                       np.int8, len(texts_a))


def _judge_in_two(texts_a: list[str], texts_b: list[str]) -> list[int]:
    """``judge_texts`` on each half of the pairs in a process of its own."""
    half = len(texts_a) // 2
    parts = two_processes.in_two(judge_texts, (texts_a[:half], texts_b[:half]), (texts_a[half:], texts_b[half:]))
    return np.concatenate(parts).tolist()

