"""Topics: a strictly nested topic hierarchy with readable labels, on cached vectors.

Why not BERTopic's own clustering: UMAP + HDBSCAN leaves ~27% of the Debian corpus as
"-1" outliers and gives ~1,300 flat topics whose merge tree has no controlled level
sizes. Here the *partition* is top-down spherical k-means on the latent vectors (every
point assigned at every depth, each topic split into children, so nesting is strict by
construction and depth 1 is exactly a k-means partition); BERTopic then does what it is
good at: it is fitted on the finest level with those fixed labels (``BaseCluster`` +
``y=``), giving c-TF-IDF keywords, topic embeddings and a model that can be saved with
safetensors and assign new points later. Coarser levels reuse its vectorizer's
bag-of-words summed over children, weighted by its ``ClassTfidfTransformer``.

Nothing is re-embedded: the caller passes the vectors the index was built from.
Labels come from keywords (no network, no LLM); a ``TopicLabeller`` can replace them.
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from resources import schema

from .progress import stage


# ---- options ---------------------------------------------------------------------------
@dataclass
class TopicOptions:
    depths: int = 3
    sizes: list[int] | None = None     # topics per depth, coarse → fine; None: default_sizes(N)
    min_topic_size: int = 10           # a topic is split only into children at least this big
    seed: int = 42
    n_keywords: int = 10               # keywords kept per topic (topic_description)
    max_fit_points: int = 100_000      # k-means fitted on a sample above this, rest assigned
    ngram_max: int = 2                 # keywords are 1..ngram_max word phrases
    stop_words: str | list[str] | None = "english"
    labeller: object = None            # "module:attr" of a TopicLabeller (or one); None: keyword labels

    @classmethod
    def from_dict(cls, d: dict | None) -> "TopicOptions":
        d = dict(d or {})
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(d) - names)
        if unknown:
            raise ValueError(f"unknown topic option(s) {unknown}; known: {sorted(names)}")
        return cls(**d)


def default_sizes(n: int, depths: int = 3, min_topic_size: int = 10) -> list[int]:
    """Topics per depth from the number of points: depth 1 a handful of broad themes
    (6–16, ≈ √N/16), each next depth 4× finer, capped so a topic averages ≥ min size."""
    if depths < 1:
        raise ValueError("depths must be ≥ 1")
    cap = max(1, n // max(1, min_topic_size))
    first = int(np.clip(round(np.sqrt(max(n, 1)) / 16), 6, 16))
    sizes = [min(cap, first * 4 ** d) for d in range(depths)]
    return [max(1, s) for s in sizes]


# ---- clustering -------------------------------------------------------------------------
def _normalize(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return v / norms


def _kmeans(x: np.ndarray, k: int, seed: int, max_fit: int) -> np.ndarray:
    """Labels 0..k'-1 (k' ≤ k: empty clusters dropped). Fitted on a sample when large."""
    from sklearn.cluster import KMeans

    n = len(x)
    if k <= 1 or n <= 1:
        return np.zeros(n, dtype=np.int64)
    k = min(k, n)
    rng = np.random.default_rng(seed)
    fit = x if n <= max_fit else x[rng.choice(n, max_fit, replace=False)]
    km = KMeans(n_clusters=k, n_init=1, random_state=seed, max_iter=100, tol=1e-3).fit(fit)
    lab = km.labels_ if fit is x else km.predict(x)
    _, lab = np.unique(lab, return_inverse=True)
    return lab.astype(np.int64)


def _allocate(counts: np.ndarray, total: int, min_size: int) -> np.ndarray:
    """Children per parent: proportional to size (largest remainder) so the level has
    about ``total`` topics; ≥ 2 where the parent is big enough to split, ≤ size/min."""
    counts = np.asarray(counts, dtype=np.float64)
    cap = np.maximum(1, counts // max(1, min_size)).astype(np.int64)
    floor = np.where(counts >= 2 * min_size, 2, 1)
    floor = np.minimum(floor, cap)
    want = counts / counts.sum() * max(total, len(counts))
    k = np.clip(np.floor(want).astype(np.int64), floor, cap)
    rem = want - np.floor(want)
    for i in np.argsort(-rem):
        if k.sum() >= total:
            break
        if k[i] < cap[i]:
            k[i] += 1
    return k


def cluster_hierarchy(vectors: np.ndarray, sizes: Sequence[int], min_topic_size: int = 10,
                      seed: int = 42, max_fit_points: int = 100_000) -> np.ndarray:
    """(N, D) int64 labels, column d = depth d+1, strictly nested (a child's points are a
    subset of one parent's), every point labelled, labels 0..K_d-1 per depth."""
    x = _normalize(vectors)
    n = len(x)
    out = np.zeros((n, len(sizes)), dtype=np.int64)
    with stage("topics.cluster", len(sizes), "levels") as advance:
        out[:, 0] = _kmeans(x, sizes[0], seed, max_fit_points)
        advance(1)
        for d in range(1, len(sizes)):
            parent = out[:, d - 1]
            counts = np.bincount(parent)
            ks = _allocate(counts, sizes[d], min_topic_size)
            nxt = 0
            for p in range(len(counts)):
                idx = np.nonzero(parent == p)[0]
                sub = _kmeans(x[idx], int(ks[p]), seed + p, max_fit_points)
                out[idx, d] = sub + nxt
                nxt += int(sub.max()) + 1
            advance(1)
    return out


# ---- keywords (BERTopic's vectorizer + c-TF-IDF) ------------------------------------------
TOKEN_PATTERN = r"(?u)\b[^\W\d_][^\W_]+\b"   # ≥ 2 chars, starts with a letter: no bare numbers
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")


def preprocess(text: str) -> str:
    """Lower-case and drop URLs / e-mail addresses ("httpwwwhaskellorg" is no keyword)."""
    return _URL.sub(" ", text.lower())


def _recording_vectorizer(options: TopicOptions, n_docs: int):
    """A CountVectorizer that keeps the bag-of-words BERTopic computes while fitting, so the
    coarser levels reuse it instead of tokenizing the corpus again."""
    from sklearn.feature_extraction.text import CountVectorizer

    class RecordingCountVectorizer(CountVectorizer):
        def fit_transform(self, raw_documents, y=None):
            self.bow_ = super().fit_transform(raw_documents, y)
            return self.bow_

    return RecordingCountVectorizer(stop_words=options.stop_words, ngram_range=(1, options.ngram_max),
                                    token_pattern=TOKEN_PATTERN, min_df=2 if n_docs > 500 else 1,
                                    preprocessor=preprocess)


def fit_bertopic(docs: Sequence[str], vectors: np.ndarray, fine: np.ndarray, options: TopicOptions):
    """BERTopic with fixed labels: no UMAP/HDBSCAN, c-TF-IDF on the given partition.

    Returns (model, bow rows in our fine-label order, vocabulary)."""
    from bertopic import BERTopic
    from bertopic.cluster import BaseCluster
    from bertopic.dimensionality import BaseDimensionalityReduction
    from bertopic.vectorizers import ClassTfidfTransformer

    def fit(vec, texts):
        model = BERTopic(umap_model=BaseDimensionalityReduction(), hdbscan_model=BaseCluster(),
                         vectorizer_model=vec, ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
                         top_n_words=options.n_keywords, calculate_probabilities=False, verbose=False,
                         language=None)   # not "english": that strips punctuation ("objectivec")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.fit(list(texts), embeddings=np.asarray(vectors, dtype=np.float32), y=np.asarray(fine))
        return model

    vec = _recording_vectorizer(options, len(docs))
    try:
        model = fit(vec, docs)
    except ValueError as e:
        if "empty vocabulary" not in str(e):
            raise
        # texts of only stop words / numbers / nothing: keep the topics, name them plainly
        vec = _recording_vectorizer(dataclasses.replace(options, stop_words=None), 0)
        vec.set_params(token_pattern=r"(?u)\b\w+\b")
        texts = [d if re.search(r"\w", d or "") else "untitled" for d in docs]
        model = fit(vec, texts)
    # BERTopic renumbers topics by size: recover ours → its id from the documents
    theirs = np.asarray(model.topics_)
    k = int(fine.max()) + 1
    ours_to_theirs = np.full(k, -1, dtype=np.int64)
    ours_to_theirs[fine] = theirs
    check = np.zeros(k, dtype=np.int64)
    check[fine] = theirs
    if (ours_to_theirs < 0).any() or len(set(ours_to_theirs.tolist())) != k or not np.array_equal(ours_to_theirs[fine], theirs):
        raise RuntimeError("BERTopic changed the fixed partition; cannot map its topics back")
    topics_sorted = sorted(set(theirs.tolist()))          # row order of the recorded bag-of-words
    row_of = {t: i for i, t in enumerate(topics_sorted)}
    bow = vec.bow_[[row_of[int(t)] for t in ours_to_theirs]]
    words = vec.get_feature_names_out()
    return model, bow.tocsr(), words, ours_to_theirs


def level_keywords(bow_fine, fine_to_level: np.ndarray, words: np.ndarray, n: int) -> list[list[tuple[str, float]]]:
    """c-TF-IDF keywords per topic of one level: children's bag-of-words summed."""
    import scipy.sparse as sp
    from bertopic.vectorizers import ClassTfidfTransformer

    k = int(fine_to_level.max()) + 1
    agg = sp.csr_matrix((np.ones(len(fine_to_level)), (fine_to_level, np.arange(len(fine_to_level)))),
                        shape=(k, bow_fine.shape[0]))
    bow = (agg @ bow_fine).tocsr()
    scores = ClassTfidfTransformer(reduce_frequent_words=True).fit_transform(bow).tocsr()
    out = []
    for t in range(k):
        row = scores.getrow(t)
        order = np.argsort(-row.data)[: n * 3]
        out.append([(str(words[row.indices[i]]), float(row.data[i])) for i in order])
    return out


def family_filtered(keywords: list[list[str]], parent_of: np.ndarray, top: int = 6) -> list[list[str]]:
    """Each topic's keywords minus those most of its siblings share in their own top few:
    under "Haskell" every child says "haskell"; what names a child is what is left."""
    out: list[list[str]] = [[] for _ in keywords]
    for p in np.unique(parent_of):
        members = np.nonzero(parent_of == p)[0]
        seen = Counter(w for t in members for w in set(keywords[t][:top]))
        shared = {w for w, c in seen.items() if len(members) > 1 and c > len(members) / 2}
        for t in members:
            out[t] = [w for w in keywords[t] if w not in shared and not (set(w.split()) & shared)]
    return out


# ---- labels ----------------------------------------------------------------------------------
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


# ---- the whole step ----------------------------------------------------------------------------
@dataclass
class TopicsResult:
    ids: np.ndarray            # (N, D) global topic ids per point (depth 1 first)
    labels: list[list[str]]    # per depth: label per point
    metadata: list[dict]       # one dict per topic
    model: object              # fitted BERTopic on the finest depth
    fine_topic_map: dict       # BERTopic topic id → our topic id at every depth
    seconds: dict


def build_topics(docs: Sequence[str], vectors: np.ndarray, xy: np.ndarray | None = None,
                 options: TopicOptions | None = None) -> TopicsResult:
    """Cluster, fit BERTopic on the finest level, name every topic at every depth."""
    options = options or TopicOptions()
    n = len(docs)
    if n == 0:
        raise ValueError("no documents to model")
    if len(vectors) != n:
        raise ValueError(f"{len(vectors)} vectors for {n} documents")
    sizes = list(options.sizes) if options.sizes else default_sizes(n, options.depths, options.min_topic_size)
    if len(sizes) != options.depths or any(int(s) < 1 for s in sizes) or sorted(sizes) != list(sizes):
        raise ValueError(f"sizes must be {options.depths} positive, non-decreasing counts, got {sizes}")
    secs: dict[str, float] = {}
    t0 = time.perf_counter()
    raw = cluster_hierarchy(vectors, sizes, options.min_topic_size, options.seed, options.max_fit_points)
    secs["cluster"] = time.perf_counter() - t0
    D = raw.shape[1]

    # stable global ids: depth by depth, parents in order, children biggest first
    ids = np.zeros_like(raw)
    order_per_depth: list[list[int]] = []
    next_id = 1
    gid_maps: list[dict[int, int]] = []
    for d in range(D):
        counts = np.bincount(raw[:, d])
        parent_of = np.zeros(len(counts), dtype=np.int64)
        if d > 0:
            parent_of[raw[:, d]] = raw[:, d - 1]
            prev_rank = {r: i for i, r in enumerate(order_per_depth[-1])}
            order = sorted(range(len(counts)), key=lambda t: (prev_rank[int(parent_of[t])], -counts[t], t))
        else:
            order = sorted(range(len(counts)), key=lambda t: (-counts[t], t))
        gmap = {}
        for t in order:
            gmap[t] = next_id
            next_id += 1
        order_per_depth.append(order)
        gid_maps.append(gmap)
        lut = np.array([gmap[t] for t in range(len(counts))], dtype=np.int64)
        ids[:, d] = lut[raw[:, d]]

    t1 = time.perf_counter()
    with stage("topics.bertopic", n, "documents"):
        model, bow, words, ours_to_theirs = fit_bertopic(docs, vectors, raw[:, -1], options)
    secs["bertopic"] = time.perf_counter() - t1

    t2 = time.perf_counter()
    fine = raw[:, -1]
    k_fine = int(fine.max()) + 1
    fine_to = np.zeros((k_fine, D), dtype=np.int64)
    fine_to[fine] = raw
    stop = _stop_words(options.stop_words)
    labeller = load_labeller(options.labeller, stop)
    metadata: list[dict] = []
    label_of: dict[int, str] = {}
    rng = np.random.default_rng(options.seed)
    for d in range(D):
        kw = [[w for w, _ in row] for row in level_keywords(bow, fine_to[:, d], words, options.n_keywords)]
        counts = np.bincount(raw[:, d])
        parent_of = np.zeros(len(counts), dtype=np.int64)
        if d > 0:
            parent_of[raw[:, d]] = raw[:, d - 1]
        sib = family_filtered(kw, parent_of) if d > 0 else kw
        infos, members_of = [], {}
        for t in order_per_depth[d]:
            members = np.nonzero(raw[:, d] == t)[0]
            members_of[t] = members
            sample = rng.choice(members, min(len(members), 30), replace=False)
            pg = gid_maps[d - 1][int(parent_of[t])] if d > 0 else None
            infos.append(TopicInfo(topic_id=gid_maps[d][t], depth=d + 1,
                                   parent_label=label_of.get(pg) if pg else None,
                                   keywords=kw[t], sibling_keywords=sib[t],
                                   count=int(counts[t]), sample_docs=[docs[i] for i in sample]))
        names = [str(s).strip() for s in labeller.label(infos)]
        if len(names) != len(infos):
            raise ValueError(f"labeller returned {len(names)} labels for {len(infos)} topics")
        alts = [KeywordLabeller(stop).candidates(t) for t in infos]
        # readable casing from the topic's own documents
        need = {w for lab in names for w in lab.lower().split()} | {w for a in alts for c in a[:6] for w in c.split()}
        casing = _casing(need, [s for t in infos for s in t.sample_docs])
        use_keyword_casing = options.labeller is None
        disp = [_display(nm, casing) if use_keyword_casing else nm for nm in names]
        disp_alts = [[_display(a, casing) for a in al if not is_bad_label(a, stop)] for al in alts]
        disp = [nm if not is_bad_label(nm, stop) else (al[0] if al else f"Topic {i.topic_id}")
                for nm, al, i in zip(disp, disp_alts, infos)]
        # unique among siblings (siblings = same parent; depth 1 = all)
        groups: dict[int, list[int]] = {}
        for i, t in enumerate(order_per_depth[d]):
            groups.setdefault(int(parent_of[t]) if d > 0 else -1, []).append(i)
        for g in groups.values():
            fixed = make_unique([disp[i] for i in g], [disp_alts[i] for i in g])
            for i, lab in zip(g, fixed):
                disp[i] = lab
        for info, lab, t in zip(infos, disp, order_per_depth[d]):
            label_of[info.topic_id] = lab
            members = members_of[t]
            cx = float(np.median(xy[members, 0])) if xy is not None else None
            cy = float(np.median(xy[members, 1])) if xy is not None else None
            metadata.append({schema.TOPIC_ID: info.topic_id, schema.TOPIC_DEPTH: d + 1,
                             schema.TOPIC_PARENT: gid_maps[d - 1][int(parent_of[t])] if d > 0 else None,
                             schema.TOPIC_LABEL: lab,
                             schema.TOPIC_DESCRIPTION: "/".join(info.keywords[: options.n_keywords]),
                             schema.TOPIC_KEYWORDS: info.keywords[: options.n_keywords],
                             schema.TOPIC_COUNT: info.count, schema.X: cx, schema.Y: cy})
    labels = []
    for d in range(D):
        lut = {tid: lab for tid, lab in label_of.items()}
        uniq, inv = np.unique(ids[:, d], return_inverse=True)
        names = np.array([lut[int(u)] for u in uniq], dtype=object)
        labels.append(names[inv].tolist())
    # BERTopic topic → our ids at every depth, and our labels inside the saved model
    fine_topic_map = {int(ours_to_theirs[f]): [gid_maps[d][int(fine_to[f, d])] for d in range(D)]
                      for f in range(k_fine)}
    model.set_topic_labels({bt: label_of[g[-1]] for bt, g in fine_topic_map.items()})
    secs["labels"] = time.perf_counter() - t2
    return TopicsResult(ids=ids, labels=labels, metadata=metadata, model=model,
                        fine_topic_map=fine_topic_map, seconds=secs)


# ---- the saved model: assign new points later ------------------------------------------------------
MODEL_MAP_FILE = "datamap_topics.json"


def save_model(result: TopicsResult, path: str) -> None:
    """BERTopic's safetensors serialization (no pickle) plus our topic-id map."""
    import logging

    log = logging.getLogger("BERTopic")
    level = log.level
    log.setLevel(logging.ERROR)   # it warns that no embedding model is saved: on purpose (BYO / cached)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result.model.save(path, serialization="safetensors", save_ctfidf=True, save_embedding_model=False)
    finally:
        log.setLevel(level)
    with open(os.path.join(path, MODEL_MAP_FILE), "w") as f:
        json.dump({"depths": int(result.ids.shape[1]),
                   "bertopic_to_topic_ids": {str(k): v for k, v in result.fine_topic_map.items()}}, f)


def assign(model_dir: str, vectors: np.ndarray, docs: Sequence[str] | None = None) -> np.ndarray:
    """(N, D) topic ids for new points from the saved model (cosine to topic embeddings)."""
    from bertopic import BERTopic

    with open(os.path.join(model_dir, MODEL_MAP_FILE)) as f:
        meta = json.load(f)
    model = BERTopic.load(model_dir)
    vectors = np.asarray(vectors, dtype=np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        topics, _ = model.transform(list(docs) if docs is not None else [""] * len(vectors), embeddings=vectors)
    table = meta["bertopic_to_topic_ids"]
    return np.array([table[str(int(t))] for t in topics], dtype=np.int64)
