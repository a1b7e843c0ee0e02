"""The default offline labeller: the phrase that is closest to its own topic and far from
its siblings, among phrases the topic's documents actually write.

Why this shape: a label is read next to its siblings' labels, so it must point at its
own topic *rather than* at a sibling (contrastive, like KeyBERT scored against the
nearest sibling centroid); and it must be words the documents use, or a reader cannot
find the topic's documents by it (a purely discriminative pick gains agreement but loses
mention, see issue 17). So every candidate is scored

    cos(phrase, own centroid) − λ · max cos(phrase, sibling centroid)
        + μ_any · share of the topic's documents writing one of its words
        + μ_all · share of the topic's documents writing all of its words

and the label is the best phrase, or the best two joined by "and" (picked with MMR so
the second says something the first does not) when the pair scores higher. At most five
words and one list separator. No word list of any corpus: the only lists are stop words.
Without an embedding function (a map of bare vectors, or BYO vectors of another model)
the same score runs on document frequencies: own topic's share minus the highest
sibling's share.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

import numpy as np

from datamap.tasks.topics.labels import TopicInfo, is_bad_label

from .phrases import DocWords, Phrase, content_words, normalised, surface_forms, verbish_words
from .reading import READ_AHEAD_DOCS, ReadAhead, TopicReading, read_topic

Embed = Callable[[list[str]], np.ndarray]


@dataclass
class ContrastiveOptions:
    n_keywords: int = 20           # c-TF-IDF phrases considered per topic
    n_spans: int = 30              # phrases written in the documents considered per topic
    sibling_penalty: float = 1.0   # λ: weight of the nearest sibling centroid
    ground_any: float = 0.15       # μ_any: share of documents writing a word of the label
    ground_all: float = 0.15       # μ_all: share writing the whole phrase
    diversity: float = 0.6         # MMR: penalty on the second phrase's similarity to the first
    pair_top: int = 8              # the best phrases by score that may pair up …
    pair_cover: int = 4            # … and the ones most of the topic's documents write
    max_pairs: int = 24            # two-phrase names scored per topic
    headed: int = 6                # "Head: A and B" names built on this many of the best pairs
    floor_slack: float = 0.0       # a name must be written in ≥ (its top-3 keywords' share − this)
    max_words: int = 5
    min_lift: float = 1.5          # first and last word this much more frequent in the topic than around it
    n_options: int = 12            # single phrases kept per topic for the group refinement
    rounds: int = 2                # passes of the group refinement
    lambdas: tuple = (0.0, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0)   # grounding weights tried, in order


@dataclass
class _Option:
    text: str
    score: float            # centroid contrast + grounding
    any_share: float
    phrase_share: float


@dataclass
class _Cand:
    text: str
    key: str
    words: set[str]
    phrase_share: float     # documents writing every word of it
    any_share: float        # documents writing one of its words


class ContrastiveLabeller:
    """Names each topic of a depth with the phrase its documents write that points at it
    rather than at its siblings. ``alternatives`` (topic id → further names, best first)
    is filled by :meth:`label` for the pipeline's per-depth uniqueness."""

    def __init__(self, stop_words: frozenset[str] = frozenset(), embed: Embed | None = None,
                 options: ContrastiveOptions | None = None):
        self.stop_words = stop_words
        self.embed = embed
        self.options = options or ContrastiveOptions()
        self.alternatives: dict[int, list[str]] = {}
        self._vec_cache: dict[str, np.ndarray] = {}
        self.verbish: frozenset[str] = frozenset()
        self._ahead: ReadAhead | None = None
        self._readings: dict[tuple[str, ...], TopicReading] = {}    # this depth's, by sample

    # ---- reading the samples -------------------------------------------------------------------
    def read_ahead(self, samples: list[list[list[str]]]) -> None:
        """Start reading the sampled documents ``label`` will be given (per depth, per topic,
        in order) in a worker process, when there are enough of them and a second process
        may start; ``label`` takes the result, or reads for itself what was not read."""
        from datamap.tasks.two_processes import available

        if available() and sum(len(docs) for depth in samples for docs in depth) >= READ_AHEAD_DOCS:
            self._ahead = ReadAhead(self.stop_words, self.options.n_spans, samples)

    def _read_depth(self, topics: Sequence[TopicInfo]) -> None:
        samples = [t.sample_docs for t in topics]
        got = self._ahead.depth(samples) if self._ahead is not None else None
        if got is None:
            self.verbish = verbish_words([d for docs in samples for d in docs])
            self._readings = {}
        else:
            self.verbish, readings = got
            self._readings = {tuple(docs): r for docs, r in zip(samples, readings)}

    def _reading(self, docs: Sequence[str]) -> TopicReading:
        key = tuple(docs)
        if key not in self._readings:
            self._readings[key] = read_topic(docs, self.stop_words, self.verbish, self.options.n_spans)
        return self._readings[key]

    # ---- candidates ------------------------------------------------------------------------
    def candidates(self, t: TopicInfo, lift: Callable[[str], float] | None = None) -> list[_Cand]:
        """Keyword phrases and written spans of one topic, with how many documents write them.

        ``lift(word)``: how much more often the topic's documents write ``word`` than its
        sibling group's do. A phrase must start and end with words of lift ≥ ``min_lift``:
        "contains Python" or "package" are written everywhere, so they name nothing. Stop
        words are English's and those of the other languages the topic's documents are
        written in (``languages.topic_stop_words``)."""
        docs, o = t.sample_docs, self.options
        read = self._reading(docs)
        stop = self.stop_words | self.verbish | read.foreign
        sets = read.words
        written = read.written
        by_key: dict[str, Phrase] = {normalised(p.key): p for p in written}
        # a keyword phrase counts only as the documents write it: c-TF-IDF pairs are formed
        # after stop words and punctuation are gone ("architecture. GNU" → "architecture gnu")
        kw = [k for k in t.keywords[: o.n_keywords] if normalised(k) not in by_key
              and (" " not in k or not docs or read.writes(normalised(k)))
              and not any(w in self.verbish for w in k.split())]
        forms = surface_forms(kw, docs) if docs else {k: k for k in kw}
        parent = content_words(" ".join([t.parent_label or "", *t.ancestor_labels]), stop)
        out, seen = [], set()
        for text, key in [(p.text, p.key) for p in written] + [(forms[k], k) for k in kw]:
            ws = content_words(key, stop)
            parts = normalised(key).split()
            if (not ws or normalised(key) in seen or is_bad_label(key, stop) or len(key.split()) > 3
                    or len(set(parts)) < len(parts)):
                continue
            if parent and ws <= parent:
                continue             # says only what the parent's name says
            edges = [w for w in parts if w not in stop]
            if lift is not None and edges and max(lift(edges[0]), lift(edges[-1])) < o.min_lift:
                continue
            seen.add(normalised(key))
            out.append(_Cand(text, key, ws, sets.covers_all(ws), sets.covers(ws)))
        return out

    # ---- embeddings ----------------------------------------------------------------------------
    def _vectors(self, texts: Sequence[str]) -> np.ndarray:
        todo = [s for s in dict.fromkeys(texts) if s not in self._vec_cache]
        if todo:
            vecs = np.asarray(self.embed(todo), dtype=np.float32)
            vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
            self._vec_cache.update(zip(todo, vecs))
        return np.stack([self._vec_cache[s] for s in texts]) if texts else np.zeros((0, 1), np.float32)

    def _embeds(self, group: list[TopicInfo]) -> bool:
        """Whether names in this sibling group are scored by embedding (else by words)."""
        return self.embed is not None and all(t.centroid is not None for t in group)

    def _closeness(self, texts: list[str], own: int, group: list[TopicInfo],
                   sets: list[DocWords]) -> tuple[np.ndarray, np.ndarray]:
        """(closeness to the own topic, to the nearest sibling) for each text."""
        if self._embeds(group):
            e = self._vectors([s.lower() for s in texts])
            sims = e @ np.stack([np.asarray(t.centroid, np.float32) for t in group]).T
        else:   # no embedding: how much of each topic's documents write the words
            sims = np.array([[ds.covers_all(content_words(s, self.stop_words)) for ds in sets]
                             for s in texts]).reshape(len(texts), len(group))
        mine = sims[:, own]
        others = np.delete(sims, own, axis=1)
        return mine, (others.max(axis=1) if others.shape[1] else np.zeros_like(mine))

    # ---- choosing ---------------------------------------------------------------------------------
    def _singles(self, i: int, group: list[TopicInfo], cands: list[_Cand],
                 sets: list[DocWords]) -> tuple[list[_Option], list[str], list[tuple]]:
        """Scored single-phrase names for topic ``i`` of its sibling ``group``, and the
        composed names worth scoring next (MMR pairs, "Head: A and B"): their texts and
        candidate positions."""
        o = self.options
        if not cands:
            return [], [], []
        mine, near = self._closeness([c.text for c in cands], i, group, sets)
        score = mine - o.sibling_penalty * near + o.ground_any * np.array([c.any_share for c in cands]) \
            + o.ground_all * np.array([c.phrase_share for c in cands])
        order = [int(j) for j in np.argsort(-score)]
        out = [_Option(_display(cands[j].text), float(score[j]), cands[j].any_share, cands[j].phrase_share)
               for j in order[: o.n_options]]
        pairs: list[tuple] = self._pairs(order, cands, score)
        if not pairs:
            return out, [], []
        texts = [f"{_display(cands[a].text)} and {cands[b].text}" for a, b in pairs]
        heads = self._headed(pairs, cands) if o.headed else []
        texts += [f"{_display(cands[h].text)}: {cands[a].text} and {cands[b].text}" for h, a, b in heads]
        return out, texts, pairs + [(a, b, h) for h, a, b in heads]

    def _composed(self, i: int, group: list[TopicInfo], cands: list[_Cand], sets: list[DocWords],
                  out: list[_Option], texts: list[str], pairs: list[tuple]) -> list[_Option]:
        """``out`` with the composed names scored in, best first (centroid contrast and grounding)."""
        o = self.options
        if texts:
            mine_p, near_p = self._closeness(texts, i, group, sets)
            for k, (a, b, *h) in enumerate(pairs):
                ws = cands[a].words | cands[b].words | (cands[h[0]].words if h else set())
                any_ = sets[i].covers(ws)
                phr = min(cands[a].phrase_share, cands[b].phrase_share)   # as written as its rarer half
                s = mine_p[k] - o.sibling_penalty * near_p[k] + o.ground_any * any_ + o.ground_all * phr
                out.append(_Option(texts[k], float(s), any_, phr))
        return sorted(out, key=lambda x: -x.score)

    def _prefetch(self, texts: list[str]) -> None:
        """Embed every text a depth will score in one model call: the model runs on short
        phrases far faster in a few large batches than in one small call per topic (measured
        on 5,338 label phrases: 18.5 s against 24.5 s with torch, 7.5 s against 13.4 s in
        the quality mode), and each text is embedded once whichever topic asks first."""
        if self.embed is not None and texts:
            self._vectors([t.lower() for t in texts])

    def _pairs(self, order: list[int], cands: list[_Cand], score: np.ndarray) -> list[tuple[int, int]]:
        """Two-phrase names worth embedding: the best phrases by score and the most
        written ones, each with a partner that shares no word (best combined score first;
        MMR: a partner much like the first phrase is marked down)."""
        o = self.options
        by_cover = sorted(order, key=lambda j: -cands[j].any_share)[: o.pair_cover]
        pool = list(dict.fromkeys(order[: o.pair_top] + by_cover))
        if len(pool) < 2:
            return []
        e = self._vectors([cands[j].text.lower() for j in pool]) if self.embed is not None else None
        sim = (e @ e.T) if e is not None else np.zeros((len(pool), len(pool)))
        scored = []
        for x, a in enumerate(pool):
            for y, b in enumerate(pool):
                if (y <= x or _stems(cands[b].words) & _stems(cands[a].words)
                        or len(cands[a].text.split()) + len(cands[b].text.split()) + 1 > o.max_words
                        or " and " in f" {cands[a].text} {cands[b].text} ".lower()):
                    continue
                first, second = (a, b) if score[a] >= score[b] else (b, a)
                scored.append((score[a] + score[b] - o.diversity * sim[x, y], first, second))
        scored.sort(key=lambda z: -z[0])
        return [(a, b) for _, a, b in scored[: o.max_pairs]]

    def _headed(self, pairs: list[tuple[int, int]], cands: list[_Cand]) -> list[tuple[int, int, int]]:
        """"Head: A and B" — the most written phrases as the head of the best pairs
        ("Command-line tools: files and text"), within the word limit."""
        o = self.options
        heads = sorted(range(len(cands)), key=lambda j: -cands[j].any_share)[:2]
        out = []
        for a, b in pairs[: o.headed]:
            for h in heads:
                n = sum(len(cands[j].text.split()) for j in (h, a, b)) + 1
                if h not in (a, b) and n <= o.max_words and not (_stems(cands[h].words)
                                                                 & _stems(cands[a].words | cands[b].words)):
                    out.append((h, a, b))
        return out

    def _refine(self, group: list[TopicInfo], options: list[list[_Option]]) -> list[int]:
        """Which option each sibling takes.

        Agreement subject to grounding, for the group as a whole: each topic in turn takes
        the option that makes the most of the group's sampled documents closest to their own
        topic's name (the agreement names are read by) plus λ × its share of the group × the
        share of its documents writing a word of it; λ rises from 0 until the group's names
        are written in at least as many documents as its topics' top three keywords are
        (the grounding floor). A topic may fall below its own floor where a sibling more
        than makes up for it. Without embeddings: per topic, the best-scored option above
        its floor."""
        o = self.options
        floors = [self._floor(t, opts) for t, opts in zip(group, options)]
        start = [int(np.argmax(f)) if len(f) else 0 for f in floors]
        if self.embed is None or len(group) < 2 or any(t.sample_vectors is None for t in group):
            return start
        X = np.concatenate([np.asarray(t.sample_vectors, np.float32) for t in group])
        owner = np.concatenate([np.full(len(t.sample_vectors), k) for k, t in enumerate(group)])
        total = float(sum(t.count for t in group))
        w = np.array([group[k].count / len(group[k].sample_vectors) for k in owner]) / total
        vecs = [self._vectors([x.text.lower() for x in opts]) if opts else None for opts in options]
        shares = [group[k].count / total for k in range(len(group))]
        target = sum(sh * self._keyword_cover(t) for sh, t in zip(shares, group)) - o.floor_slack
        best, best_mention = start, -1.0
        sims = [X @ v.T if v is not None else None for v in vecs]     # the same for every λ
        for lam in o.lambdas:
            pick = self._ascend(list(start), options, vecs, sims, X, owner, w, shares, lam)
            mention = sum(sh * options[k][j].any_share for k, (sh, j) in enumerate(zip(shares, pick)) if options[k])
            if mention >= target:
                return pick
            if mention > best_mention:
                best, best_mention = pick, mention
        return best

    def _ascend(self, pick: list[int], options: list[list[_Option]], vecs: list, sims: list, X: np.ndarray,
                owner: np.ndarray, w: np.ndarray, shares: list[float], lam: float) -> list[int]:
        """Coordinate ascent of sampled agreement + λ · grounding over the group's names
        (``sims[k]``: the sampled documents' similarity to each of topic k's options)."""
        o = self.options
        cur = np.stack([X @ vecs[k][pick[k]] if vecs[k] is not None else np.full(len(X), -9.0)
                        for k in range(len(pick))], axis=1)
        rows = np.arange(len(X))
        for _ in range(o.rounds):
            changed = False
            for k in range(len(pick)):
                if not options[k]:
                    continue
                best_other = np.delete(cur, k, axis=1).max(axis=1)
                own = cur[rows, owner]
                V = sims[k]                                         # (M, options)
                mine = owner == k
                fine_elsewhere = ~mine & (own >= best_other)
                gain = (w[mine, None] * (V[mine] > best_other[mine, None])).sum(axis=0) \
                    + (w[fine_elsewhere, None] * (own[fine_elsewhere, None] > V[fine_elsewhere])).sum(axis=0)
                gain = gain + shares[k] * np.array([lam * x.any_share + o.ground_all * x.phrase_share
                                                    for x in options[k]])
                j = int(np.argmax(gain))
                if j != pick[k]:
                    pick[k], changed = j, True
                    cur[:, k] = V[:, j]
            if not changed:
                break
        return pick

    def _keyword_cover(self, t: TopicInfo) -> float:
        """Share of the topic's sampled documents writing one of its top three keywords' words."""
        words = content_words(" ".join(t.keywords[:3]), self.stop_words)
        return self._reading(t.sample_docs).words.covers(words)

    def _floor(self, t: TopicInfo, opts: list[_Option]) -> np.ndarray:
        """Which options are written in about as many of the topic's documents as its top
        three keywords are (a name must not be less grounded than the raw keywords); the
        most written ones when none is."""
        if not opts:
            return np.zeros(0, dtype=bool)
        floor = self._keyword_cover(t) - self.options.floor_slack
        shares = np.array([x.any_share for x in opts])
        return shares >= min(floor, shares.max() - 0.02)    # none reaches it: the most written ones

    def majority_text(self, t: TopicInfo) -> str | None:
        """The text more than half of the topic's sampled documents are, as its name, when
        it fits one (at most ``max_words`` once leading stop words are dropped).

        Why: boilerplate gathers into topics of its own, and a phrase picked from such a
        topic says less than the text itself. PyPI's topic of 5,223 summaries, 94 % of
        them "Add your description here", was named "Short description: added and away";
        one of 4,281, 94 % "A small example package", "R2c". Its words are spans split at
        stop words, so the scored names can never be the text; a majority of identical
        documents is the one case where the text is the topic."""
        docs = [" ".join(d.split()) for d in t.sample_docs]
        forms = Counter(d.lower().rstrip(" .!") for d in docs if d)
        if not forms:
            return None
        key, n = forms.most_common(1)[0]
        if n < 2 or n * 2 <= len(docs):
            return None
        written = Counter(d.rstrip(" .!") for d in docs if d.lower().rstrip(" .!") == key).most_common(1)[0][0]
        ws = written.split()
        while ws and WORD_EDGE.sub("", ws[0]).lower() in self.stop_words:
            ws = ws[1:]
        if not ws or len(ws) > self.options.max_words or is_bad_label(" ".join(ws), self.stop_words):
            return None
        return _display(" ".join(ws))

    def label(self, topics: Sequence[TopicInfo]) -> list[str]:
        """One name per topic, unique across the depth (biggest topics choose first)."""
        groups: dict[object, list[int]] = {}
        for i, t in enumerate(topics):
            groups.setdefault(t.parent_id if t.depth > 1 else None, []).append(i)
        ranked: dict[int, list[str]] = {}
        self._read_depth(topics)
        plans = []
        for members in groups.values():
            group = [topics[i] for i in members]
            sets = [self._reading(t.sample_docs).words for t in group]
            lifts = _lifts(sets) if len(group) > 1 else [None] * len(group)
            cands = [self.candidates(topics[i], lifts[k]) or self.candidates(topics[i]) for k, i in enumerate(members)]
            plans.append((members, group, sets, cands))
        self._prefetch([c.text for _, group, _, cs in plans if self._embeds(group) for cands in cs for c in cands])
        singles = [[self._singles(k, group, cands[k], sets) for k in range(len(members))]
                   for members, group, sets, cands in plans]
        self._prefetch([t for (_, group, _, _), s in zip(plans, singles) if self._embeds(group)
                        for _, texts, _ in s for t in texts])
        for (members, group, sets, cands), s in zip(plans, singles):
            opts = [self._composed(k, group, cands[k], sets, *s[k]) for k in range(len(members))]
            pick = self._refine(group, opts)
            for k, i in enumerate(members):
                names = [x.text for x in opts[k]]
                ranked[i] = names[pick[k]:pick[k] + 1] + names[:pick[k]] + names[pick[k] + 1:]
        for i, t in enumerate(topics):
            text = self.majority_text(t)
            if text:
                ranked[i] = [text] + [s for s in ranked.get(i, []) if s != text]
        names: list[str] = [""] * len(topics)
        taken: set[str] = set()
        for i in sorted(range(len(topics)), key=lambda i: -topics[i].count):
            pick = next((s for s in ranked[i] if s.lower() not in taken), None)
            names[i] = pick or ""
            if pick:
                taken.add(pick.lower())
            self.alternatives[topics[i].topic_id] = [s for s in ranked[i] if s != pick][:12]
        return names


def _lifts(sets: list[DocWords]) -> list[Callable[[str], float]]:
    """Per topic of a sibling group: word → (share of its documents writing the word) /
    (share of the whole group's documents writing it)."""
    group, n = Counter(), 0
    own = []
    for ds in sets:
        c = Counter(ds.document_counts())
        own.append((c, max(1, len(ds))))
        group.update(c)
        n += len(ds)

    def make(c: Counter, m: int) -> Callable[[str], float]:
        return lambda w: (c.get(w, 0) / m) / max(group.get(w, 0) / max(1, n), 1e-9) if group.get(w) else 0.0
    return [make(c, m) for c, m in own]


def _stems(ws: set[str]) -> set[str]:
    """Each word; the word without a plural "-s" or "-es", a version number or inner
    hyphens and dots; and its Snowball (Porter 2) stem. So "AI agents and agent", "Common
    utilities and utility", "Tool: tools and command line", "Information extraction and
    extract data", "Qt and Qt5" or "Plugin and plug-in" are not names of two or three
    things. Without the ``snowballstemmer`` package, the other rules alone."""
    out = set(ws)
    out |= {w[:-1] for w in ws if w.endswith("s") and len(w) > 3}
    out |= {w[:-2] for w in ws if w.endswith("es") and len(w) > 4}
    out |= {w.rstrip("0123456789") for w in ws if w[-1:].isdigit() and len(w.rstrip("0123456789")) > 1}
    out |= {w.replace("-", "").replace(".", "") for w in ws if "-" in w or "." in w}    # "plug-in", "plugin"
    stem = _stemmer()
    if stem is not None:
        out |= {stem(w) for w in ws}
    return out


@lru_cache(maxsize=1)
def _stemmer() -> Callable[[str], str] | None:
    """English Snowball stemmer's ``stemWord`` (memoised per word), or None."""
    try:
        import snowballstemmer
    except ImportError:
        return None
    return lru_cache(maxsize=1 << 16)(snowballstemmer.stemmer("english").stemWord)


WORD_EDGE = re.compile(r"^\W+|\W+$")      # quotes and punctuation around a word


def _display(text: str) -> str:
    """First letter up unless the word is written with capitals already ("jQuery", "iOS")."""
    if text and text[0].islower() and not any(ch.isupper() for ch in text.split()[0]):
        return text[0].upper() + text[1:]
    return text
