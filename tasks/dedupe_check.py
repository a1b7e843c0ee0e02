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
  embedding can judge — the pair stays a duplicate, as with the bare cutoff;
- words that were substituted for others (``substituted``): a template filled with another
  name, number, version, architecture or role — a different record. Near-spellings of a
  plain word (``lists``/``listed``) are not substitutions;
- material added in two or more places (``qualified``): a variant that says what it is
  twice, in its title and its text (``(documentation)`` … ``This package contains the
  documentation``);
- a short insertion that carries an identifier (``qualifier``: a token with a digit,
  inner capital or inner punctuation, absent from the other text — ``(n32)``, ``Http2``);
- otherwise one contiguous insertion (``contained``): a truncation, an appended sentence
  or a dropped word — the same record.

No word lists, nothing learnt from one corpus: the rules read the shape of the difference.
The three thresholds were set on the hand-labelled Debian pairs and checked on the PyPI
ones (tests/data/dedupe_labels/README.md, bench/dedupe.py).

Verdicts are computed once per distinct pair of texts (identical texts are ``equal``
without a comparison), so a map full of copies costs no more than its distinct texts.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

# reasons, in the order of the rules above; codes are what duplicate_neighbors.parquet stores
SAME_REASONS = ("equal", "reworded", "contained")
DISTINCT_REASONS = ("substituted", "qualified", "qualifier")
REASONS = SAME_REASONS + DISTINCT_REASONS

MIN_SHARED = 0.5       # share of the shorter text's distinct words the other has: below it, a rewording
QUALIFIER_WORDS = 5    # an insertion of 2..5 words (or 1 identifier) marks a variant; 1 plain word is an edit, more a sentence
NEAR_SPELLING = 0.8    # normalised Indel similarity above which two plain words are one word

_TOKEN = re.compile(r"\w+(?:[-+.:/']+\w+)*\+*")
_IDENT = re.compile(r"\d|[a-z][A-Z]|\w[-_+.:/]+\w|\w\+")


@dataclass(frozen=True)
class Verdict:
    distinct: bool
    reason: str


def tokens(text: str) -> tuple[list[str], set[str]]:
    """(case-folded word tokens in order, the set of those whose raw form looks like an
    identifier). Identifiers keep their inner punctuation (``libfoo-dev``, ``IO::Zip``,
    ``6.1``, ``c++``) so a changed version or name is one changed token."""
    raw = _TOKEN.findall(unicodedata.normalize("NFKC", text or ""))
    words = [w.casefold() for w in raw]
    return words, {w.casefold() for w in raw if _IDENT.search(w)}


def compare(a: str, b: str) -> Verdict:
    """The verdict on one pair of texts (symmetric)."""
    return compare_tokens(tokens(a), tokens(b))


def compare_tokens(ta: tuple[list[str], set[str]], tb: tuple[list[str], set[str]]) -> Verdict:
    from rapidfuzz.distance import Indel, Levenshtein

    a, ia = ta
    b, ib = tb
    if a == b:
        return Verdict(False, "equal")
    sa, sb = set(a), set(b)
    if not sa or not sb or len(sa & sb) < MIN_SHARED * min(len(sa), len(sb)):
        return Verdict(False, "reworded")
    blocks = []   # (new words on a's side, new words on b's side) per differing span
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            continue
        na = [w for w in a[op.src_start:op.src_end] if w not in sb]
        nb = [w for w in b[op.dest_start:op.dest_end] if w not in sa]
        if na or nb:
            blocks.append((na, nb, max(op.src_end - op.src_start, op.dest_end - op.dest_start)))
    if not blocks:
        return Verdict(False, "equal")          # reordered or repeated words only
    idents = ia | ib

    def same_word(x: str, y: str) -> bool:
        return x not in idents and y not in idents and Indel.normalized_similarity(x, y) >= NEAR_SPELLING

    one_sided = []
    for na, nb, span in blocks:
        if na and nb:
            if not (len(na) == len(nb) and all(same_word(x, y) for x, y in zip(na, nb))):
                return Verdict(True, "substituted")
        else:
            one_sided.append((na or nb, span))
    if len(one_sided) >= 2:
        return Verdict(True, "qualified")
    if len(one_sided) == 1:
        added, span = one_sided[0]
        if span <= QUALIFIER_WORDS and (span > 1 or added[0] in idents):
            return Verdict(True, "qualifier")
    return Verdict(False, "contained")


def check_pairs(texts: list[str], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """int8 reason code (index into ``REASONS``) for each pair of row positions; one
    comparison per distinct pair of distinct texts."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = texts.combine_chunks() if isinstance(texts, pa.ChunkedArray) else pa.array(texts, type=pa.large_string())
    enc = pc.dictionary_encode(arr.fill_null(""))
    code = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    uniq = enc.dictionary.to_pylist()
    ta, tb = code[np.asarray(a, np.int64)], code[np.asarray(b, np.int64)]
    out = np.zeros(len(ta), dtype=np.int8)                       # 0 = "equal"
    diff = np.nonzero(ta != tb)[0]
    if not diff.size:
        return out
    lo, hi = np.minimum(ta[diff], tb[diff]), np.maximum(ta[diff], tb[diff])
    key, inv = np.unique(lo * np.int64(len(uniq)) + hi, return_inverse=True)
    cache: dict[int, tuple[list[str], set[str]]] = {}

    def tok(i: int):
        if i not in cache:
            cache[i] = tokens(uniq[i])
        return cache[i]

    n_u = len(uniq)
    codes = np.empty(len(key), dtype=np.int8)
    for j, k in enumerate(key.tolist()):
        codes[j] = REASONS.index(compare_tokens(tok(k // n_u), tok(k % n_u)).reason)
    out[diff] = codes[inv]
    return out


def distinct_mask(codes: np.ndarray) -> np.ndarray:
    """True where the reason code says the pair is two different records."""
    return np.asarray(codes) >= len(SAME_REASONS)
