"""Topics: a strictly nested topic hierarchy with readable labels, on cached vectors.

Why not BERTopic's own clustering: UMAP + HDBSCAN leaves ~27% of the Debian corpus as
"-1" outliers and gives ~1,300 flat topics whose merge tree has no controlled level
sizes. Here the *partition* is a nested k-means hierarchy on the L2-normalised latent
vectors (``tasks.topic_clustering``: every point assigned at every depth, nesting strict
by construction, each depth scoring like flat k-means at its K); BERTopic then does
what it is good at: it is fitted on the finest level with those fixed labels (``BaseCluster`` +
``y=``), giving c-TF-IDF keywords, topic embeddings and a model that can be saved with
safetensors and assign new points later. Coarser levels reuse its vectorizer's
bag-of-words summed over children, weighted by its ``ClassTfidfTransformer``.

Nothing is re-embedded: the caller passes the vectors the index was built from.
Labels come from keywords (no network, no LLM; ``tasks.topic_labels``); a
``TopicLabeller`` can replace them. Large maps: k-means and c-TF-IDF are fitted on
samples (``max_fit_points``, ``max_keyword_docs``) and every other row is assigned.
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
import time
import warnings
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from datamap.resources import schema
from datamap.resources.errors import InvalidOption
from datamap.resources.options import options_from_dict
from datamap.tasks.progress import stage
from datamap.tasks.topics.bertopic_import import bertopic
from datamap.tasks.topics.clustering import (  # noqa: F401
    KMEANS_STARTS,
    cluster_hierarchy,
    cosine_to,
    default_sizes,
    fit_hierarchy,
    inverse_norms,
    nearest,
    normalize,
    unit_sums,
)
from datamap.tasks.topics.labellers.languages import topic_stop_words
from datamap.tasks.topics.labellers.phrases import documents_memoised
from datamap.tasks.topics.tokens import TOKEN_PATTERN, preprocess  # noqa: F401  (model's public names)
from datamap.tasks.topics.labels import (
    TopicInfo,
    _stop_words,
    is_bad_label,
    make_unique,
)


# ---- options ---------------------------------------------------------------------------
@dataclass
class TopicOptions:
    depths: int = 3
    sizes: list[int] | None = None     # topics per depth, coarse → fine; None: default_sizes(N)
    min_topic_size: int = 10           # a topic is split only into children at least this big
    seed: int = 42
    n_keywords: int = 10               # keywords kept per topic (topic_description)
    max_fit_points: int = 100_000      # k-means fitted on a sample above this, rest assigned
    kmeans_starts: int = KMEANS_STARTS # k-means++ starts per flat level, the best one kept (clustering.kmeans)
    max_keyword_docs: int = 100_000    # c-TF-IDF fitted on a sample of texts above this
    ngram_max: int = 2                 # keywords are 1..ngram_max word phrases
    stop_words: str | list[str] | None = "english"
    labeller: object = "contrastive"   # a name (datamap.tasks.topics.labellers), "module:attr" of a TopicLabeller, or one
    labeller_url: str | None = None    # "openai": the server's base URL (…/v1)
    labeller_model: str | None = None  # "openai": the model name the server knows
    labeller_settings: dict | None = None   # "openai": timeout_s, retries, concurrency, budget
    label_embedder: dict | None = None # EmbedOptions of the map's model (set by the build); None: none
    label_cache: str | None = None     # store URI whose _cache/labels keeps LLM answers (set by the build)

    @classmethod
    def from_dict(cls, d: dict | None) -> "TopicOptions":
        opts = options_from_dict(cls, d, "topics")
        starts = opts.kmeans_starts
        if isinstance(starts, bool) or not isinstance(starts, int) or starts < 1:
            raise InvalidOption(f"topics option kmeans_starts must be a whole number ≥ 1, got {starts!r}")
        return opts


# ---- keywords (BERTopic's vectorizer + c-TF-IDF) ------------------------------------------
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
    bertopic()                          # loaded without torch/transformers where possible
    from bertopic import BERTopic
    from bertopic.cluster import BaseCluster
    from bertopic.dimensionality import BaseDimensionalityReduction
    from bertopic.vectorizers import ClassTfidfTransformer

    class FixedPartitionBERTopic(BERTopic):
        def _save_representative_docs(self, documents):
            """Skipped: BERTopic re-tokenises 500 documents per topic to pick 3 that its
            safetensors serialization does not save (4–6 s at 1M rows, 256 topics); the
            labellers get their own, nearest each topic's centroid (``_topic_infos``)."""
            self.representative_docs_ = {}

    def fit(vec, texts):
        model = FixedPartitionBERTopic(
            umap_model=BaseDimensionalityReduction(), hdbscan_model=BaseCluster(),
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

    bertopic()
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


def written_keywords(keywords: list[str], stop: frozenset[str]) -> list[str]:
    """``keywords`` without the phrases that hold one of ``stop``: the vectorizer drops
    English stop words before it forms phrases, so only other languages' reach here. A
    Spanish, French or Turkish topic's c-TF-IDF keywords are otherwise mostly function
    words (PyPI: "pour, des, et, une, les, und, avec, librairie, le, du"). Enough remain:
    ``level_keywords`` keeps three times the keywords a topic shows."""
    if not stop:
        return keywords
    return [k for k in keywords if not any(w in stop for w in k.split())]


# Documents a labeller sees per topic: enough to tell how many of them a word covers (±5%).
SAMPLE_DOCS = 100
# ... and per depth-1 topic: those few, big topics are named against all the others at
# once, and the contrastive labeller picks their names by agreement measured on the
# sample, which over 16 siblings needs more than 100 documents each (measured on Debian
# and PyPI over three sampling seeds: depth-1 agreement +0.013 and +0.024; cost ~4 s).
DEPTH1_SAMPLE_DOCS = 400


# ---- the whole step ----------------------------------------------------------------------------
@dataclass
class TopicsResult:
    ids: np.ndarray            # (N, D) global topic ids per point (depth 1 first)
    labels: list[list[str]]    # per depth: label per point
    metadata: list[dict]       # one dict per topic
    model: object              # fitted BERTopic on the finest depth (None without texts)
    fine_topic_map: dict       # BERTopic topic id → our topic id at every depth
    seconds: dict
    fine_centroids: np.ndarray | None = None   # (K_D, dim) unit vectors of the finest topics
    fine_ids: np.ndarray | None = None         # (K_D, D) their global topic ids at every depth
    labelling: dict | None = None              # which labeller named them; its per-depth reports


def _keyword_sample(fine: np.ndarray, limit: int, seed: int, per_topic: int = 20) -> np.ndarray | None:
    """Rows BERTopic's c-TF-IDF is fitted on when there are more than ``limit``: a random
    sample plus up to ``per_topic`` rows of every finest topic, so no topic goes unnamed.
    None: use every row."""
    if len(fine) <= limit:
        return None
    rng = np.random.default_rng(seed)
    pick = rng.choice(len(fine), limit, replace=False)
    order = np.argsort(fine, kind="stable")
    starts = np.searchsorted(fine[order], np.arange(int(fine.max()) + 1))
    firsts = np.concatenate([order[s:s + per_topic] for s in starts])
    return np.unique(np.concatenate([pick, firsts]))


def _members(labels: np.ndarray) -> list[np.ndarray]:
    """Row indices of each label 0..K-1 (one sort, not K scans of N rows)."""
    order = np.argsort(labels, kind="stable")
    bounds = np.cumsum(np.bincount(labels))
    return np.split(order, bounds[:-1])


def _path_labels(d: int, order: list[int], parent_of: np.ndarray, gid_maps, label_of) -> list[str]:
    """Names without texts: "Topic 3", then "Topic 3.2", "Topic 3.2.1" by rank among siblings."""
    out, rank = [], {}
    for t in order:
        if d == 0:
            rank[-1] = rank.get(-1, 0) + 1
            out.append(f"Topic {rank[-1]}")
        else:
            p = int(parent_of[t])
            rank[p] = rank.get(p, 0) + 1
            out.append(f"{label_of[gid_maps[d - 1][p]]}.{rank[p]}")
    return out


@dataclass
class TopicDraft:
    """A topic partition with keywords, before any names: what ``name_topics`` needs.
    Split from ``build_topics`` so several labellers can name the same topics (the label
    benchmark) without clustering and fitting c-TF-IDF again."""
    docs: Sequence[str] | None
    vectors: np.ndarray
    xy: np.ndarray | None
    options: TopicOptions
    raw: np.ndarray                        # (N, D) topic index per depth, 0..K_d-1
    ids: np.ndarray                        # (N, D) global topic ids
    order_per_depth: list[list[int]]       # per depth: topic indices, parents in order, biggest first
    gid_maps: list[dict[int, int]]         # per depth: topic index → global id
    keywords: list[list[list[str]]]        # per depth, per topic index: c-TF-IDF phrases, best first
    model: object
    ours_to_theirs: np.ndarray | None
    fine_centroids: np.ndarray
    seconds: dict


MAX_DOC_CHARS = 20_000   # a document's words beyond this don't name topics (see topic_docs)


def topic_docs(docs: Sequence[str] | None) -> list[str] | None:
    """The texts as topic modelling reads them: each cut to ``MAX_DOC_CHARS``. One 10 MB
    record made the keyword and label counts take 212 s and 4.4 GB on three rows; its
    first 20,000 characters (several pages) say what it is about as well as the rest."""
    return None if docs is None else [d[:MAX_DOC_CHARS] if len(d) > MAX_DOC_CHARS else d for d in docs]


def prepare_topics(docs: Sequence[str] | None, vectors: np.ndarray, xy: np.ndarray | None = None,
                   options: TopicOptions | None = None, labeller=None) -> TopicDraft:
    """Cluster, give stable global ids, fit BERTopic on the finest level and take every
    depth's keywords. ``labeller``: the one ``name_topics`` will be given, so one that
    reads ahead starts reading its samples before the keywords are fitted."""
    options = options or TopicOptions()
    docs = topic_docs(docs)
    n = len(vectors)
    if n == 0:
        raise ValueError("no documents to model")
    if docs is not None and len(docs) != n:
        raise ValueError(f"{len(vectors)} vectors for {len(docs)} documents")
    sizes = list(options.sizes) if options.sizes else default_sizes(n, options.depths, options.min_topic_size)
    if len(sizes) != options.depths or any(int(s) < 1 for s in sizes) or sorted(sizes) != list(sizes):
        raise ValueError(f"sizes must be {options.depths} positive, non-decreasing counts, got {sizes}")
    secs: dict[str, float] = {}
    t0 = time.perf_counter()
    hier = fit_hierarchy(vectors, sizes, options.min_topic_size, options.seed, options.max_fit_points,
                         options.kmeans_starts)
    raw = hier.labels
    secs["cluster"] = time.perf_counter() - t0
    ids, order_per_depth, gid_maps = _global_ids(raw)
    t1 = time.perf_counter()
    read_ahead(labeller, docs, raw, order_per_depth, gid_maps, options.seed)
    model, ours_to_theirs, keywords = fit_keywords(docs, vectors, raw, options)
    if docs is not None:
        secs["bertopic"] = time.perf_counter() - t1
    return TopicDraft(docs, vectors, xy, options, raw, ids, order_per_depth, gid_maps, keywords, model,
                      ours_to_theirs, hier.fine_centroids, secs)


def fit_keywords(docs: Sequence[str] | None, vectors: np.ndarray, raw: np.ndarray,
                 options: TopicOptions) -> tuple[object, np.ndarray | None, list[list[list[str]]]]:
    """(BERTopic model, our fine topic → its id, keywords per depth per topic) for the
    partition ``raw``; no model and empty keywords without texts. Shared by the build
    and ``relabel`` (which refits them on a stored partition)."""
    keywords: list[list[list[str]]] = [[[] for _ in range(int(raw[:, d].max()) + 1)] for d in range(raw.shape[1])]
    if docs is None:
        return None, None, keywords
    rows = _keyword_sample(raw[:, -1], options.max_keyword_docs, options.seed)
    kdocs = docs if rows is None else [docs[i] for i in rows]
    kvec = vectors if rows is None else np.asarray(vectors)[rows]
    kfine = raw[:, -1] if rows is None else raw[rows, -1]
    with stage("topics.bertopic", len(kdocs), "documents"):
        model, bow, words, ours_to_theirs = fit_bertopic(kdocs, kvec, kfine, options)
    fine_to = _fine_to(raw)
    keywords = [[[w for w, _ in row] for row in level_keywords(bow, fine_to[:, d], words, options.n_keywords)]
                for d in range(raw.shape[1])]
    return model, ours_to_theirs, keywords


def _fine_to(raw: np.ndarray) -> np.ndarray:
    """(K_fine, D): each finest topic's index at every depth."""
    fine_to = np.zeros((int(raw[:, -1].max()) + 1, raw.shape[1]), dtype=np.int64)
    fine_to[raw[:, -1]] = raw
    return fine_to


def _global_ids(raw: np.ndarray) -> tuple[np.ndarray, list[list[int]], list[dict[int, int]]]:
    """Stable global ids: depth by depth, parents in order, children biggest first."""
    ids = np.zeros_like(raw)
    order_per_depth: list[list[int]] = []
    next_id = 1
    gid_maps: list[dict[int, int]] = []
    for d in range(raw.shape[1]):
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
    return ids, order_per_depth, gid_maps


def build_topics(docs: Sequence[str] | None, vectors: np.ndarray, xy: np.ndarray | None = None,
                 options: TopicOptions | None = None, embed=None) -> TopicsResult:
    """Cluster, fit BERTopic on the finest level, name every topic at every depth.

    ``docs=None`` (a map of bare vectors): the same partition, named by position
    ("Topic 3.2") with no keywords, and no BERTopic model (new points are still assigned
    by the saved centroids). ``embed``: texts → unit vectors in the map's space, for
    labellers that score candidate names against topic centroids (None: loaded from
    ``options.label_embedder`` if set, else the labellers score words by frequency)."""
    options = options or TopicOptions()
    labeller = labeller_for(options, embed)
    draft = prepare_topics(docs, vectors, xy, options, labeller=labeller)
    return name_topics(draft, labeller=labeller)


def labeller_for(options: TopicOptions, embed=None):
    """The labeller ``options`` ask for, with the map's embedder (``embed``, or
    ``options.label_embedder`` loaded on first use): made before the keywords are fitted,
    so that one that reads ahead can start (``read_ahead``)."""
    return _resolve(options, _stop_words(options.stop_words), embed if embed is not None else _label_embed(options))


# Documents nearest its centroid a labeller (an LLM prompt) is shown per topic.
REPRESENTATIVE_DOCS = 10


def _sample_rows(members: np.ndarray, d: int, gid: int, seed: int | None) -> np.ndarray:
    """The rows of one topic (global id ``gid``, depth index ``d``) a labeller is shown."""
    rng = np.random.default_rng(None if seed is None else [seed, d, gid])
    return rng.choice(members, min(len(members), DEPTH1_SAMPLE_DOCS if d == 0 else SAMPLE_DOCS), replace=False)


def read_ahead(labeller, docs: Sequence[str] | None, raw: np.ndarray, order_per_depth: list[list[int]],
               gid_maps: list[dict[int, int]], seed: int | None) -> None:
    """Hand a labeller that reads ahead (``read_ahead``) every depth's samples, in the order
    ``name_topics`` will show them, while the keywords are still being fitted. Not when
    the samples are drawn afresh each time (no seed): they would not be the same."""
    if docs is None or seed is None or not hasattr(labeller, "read_ahead"):
        return
    samples = []
    for d in range(raw.shape[1]):
        members_of = _members(raw[:, d])
        samples.append([[docs[i] for i in _sample_rows(members_of[t], d, int(gid_maps[d][t]), seed)]
                        for t in order_per_depth[d]])
    labeller.read_ahead(samples)


def _topic_infos(draft: TopicDraft, d: int, label_of: dict[int, str], lineage_of: dict[int, list[str]],
                 seed: int | None, inv: np.ndarray | None = None,
                 stop: frozenset[str] = frozenset()) -> tuple[list[TopicInfo], dict, np.ndarray]:
    """What a labeller sees about each topic of depth ``d`` (in ``order_per_depth``).

    Keywords come without the stop words of the other languages the topic's sampled
    documents are written in (``stop``: the English list that decides what is English;
    ``written_keywords``).

    Each topic's sample documents come from a random stream of its own, seeded by
    (``seed``, depth, topic id): one shared stream made a topic's sample depend on how
    many topics were sampled before it, so a change anywhere in the hierarchy (one more
    topic at depth 1, another sample size) gave every later topic other documents to be
    named from, and another name, although its members were the same."""
    raw, docs, gid_maps = draft.raw, draft.docs, draft.gid_maps
    vectors = np.asarray(draft.vectors)
    inv = inverse_norms(vectors) if inv is None else inv     # 1/row length, shared by the depths
    counts = np.bincount(raw[:, d])
    kw = draft.keywords[d]
    parent_of = np.zeros(len(counts), dtype=np.int64)
    if d > 0:
        parent_of[raw[:, d]] = raw[:, d - 1]
    sib = family_filtered(kw, parent_of) if d > 0 else kw
    infos, members_of = [], dict(enumerate(_members(raw[:, d])))
    sums = unit_sums(vectors, raw[:, d], len(counts), inv)
    cens = (sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)).astype(np.float32)
    closeness = cosine_to(vectors, raw[:, d], cens, inv)
    for t in draft.order_per_depth[d]:
        members = members_of[t]
        cen = cens[t].copy()
        sample = _sample_rows(members, d, int(gid_maps[d][t]), seed) if docs is not None else []
        sample_docs = [docs[i] for i in sample]
        foreign = topic_stop_words(sample_docs, stop)
        near = _nearest(members, closeness, REPRESENTATIVE_DOCS)
        pg = gid_maps[d - 1][int(parent_of[t])] if d > 0 else None
        infos.append(TopicInfo(topic_id=gid_maps[d][t], depth=d + 1,
                               parent_label=label_of.get(pg) if pg else None,
                               keywords=written_keywords(kw[t], foreign),
                               sibling_keywords=written_keywords(sib[t], foreign),
                               count=int(counts[t]), sample_docs=sample_docs,
                               ancestor_labels=lineage_of.get(pg, []) if pg else [],
                               parent_id=pg, centroid=cen,
                               sample_vectors=normalize(vectors[sample]) if len(sample) else None,
                               representative_docs=[docs[i] for i in near] if docs is not None else []))
    return infos, members_of, parent_of


def _nearest(members: np.ndarray, closeness: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` members closest to their centroid, closest first, ties in row order. Only
    those at or above the k-th closeness are sorted: a depth-1 topic of 100,000 rows need
    not be sorted whole for ten (the three depths' sorts were 0.4 s of one core at 1M)."""
    c = closeness[members]
    if len(c) > 4 * k:
        kth = np.partition(c, len(c) - k)[len(c) - k]
        keep = np.flatnonzero(c >= kth)
        if len(keep) >= k:       # fewer only where NaNs sort last: then the whole sort
            return members[keep[np.argsort(-c[keep], kind="stable")[:k]]]
    return members[np.argsort(-c, kind="stable")[:k]]


def _label_depth(draft: TopicDraft, d: int, infos: list[TopicInfo], labeller, parent_of: np.ndarray,
                 label_of: dict[int, str], stop: frozenset[str]) -> list[str]:
    """Names of one depth's topics, unique across the depth (biggest topics keep theirs)."""
    docs, options = draft.docs, draft.options
    if docs is None and options.labeller in (None, "contrastive", "keywords"):
        return _path_labels(d, draft.order_per_depth[d], parent_of, draft.gid_maps, label_of)
    names = [str(s).strip() for s in labeller.label(infos)]
    if len(names) != len(infos):
        raise ValueError(f"labeller returned {len(names)} labels for {len(infos)} topics")
    more = getattr(labeller, "alternatives", None) or {}
    alts = [list(more.get(t.topic_id, [])) + [w for w in t.keywords if " " not in w] for t in infos]
    alts = [[a for a in al if not is_bad_label(a, stop)] for al in alts]
    names = [nm if not is_bad_label(nm, stop) else (al[0] if al else f"Topic {i.topic_id}")
             for nm, al, i in zip(names, alts, infos)]
    # unique across the depth, not only among siblings: two topics of a depth never share a name
    by_size = sorted(range(len(infos)), key=lambda i: (-infos[i].count, i))
    fixed = make_unique([names[i] for i in by_size], [alts[i] for i in by_size])
    for i, lab in zip(by_size, fixed):
        names[i] = lab
    return names


def name_topics(draft: TopicDraft, labeller=None, embed=None) -> TopicsResult:
    """Name every topic of ``draft`` depth by depth, top-down (a labeller sees the parent's
    final name). ``labeller``: an object, or None for ``draft.options.labeller``."""
    options, docs, raw, gid_maps = draft.options, draft.docs, draft.raw, draft.gid_maps
    D = raw.shape[1]
    t2 = time.perf_counter()
    stop = _stop_words(options.stop_words)
    if labeller is None:
        labeller = labeller_for(options, embed)
    inv = inverse_norms(np.asarray(draft.vectors))    # cosines from these: no unit copy of every row
    metadata: list[dict] = []
    label_of: dict[int, str] = {}
    lineage_of: dict[int, list[str]] = {}      # topic id → labels from depth 1 down to it
    reports = []
    with documents_memoised():      # tokenised documents, shared by the depths, let go after
        for d in range(D):
            infos, members_of, parent_of = _topic_infos(draft, d, label_of, lineage_of, options.seed, inv, stop)
            names = _label_depth(draft, d, infos, labeller, parent_of, label_of, stop)
            rep = getattr(labeller, "report", None)
            if rep:
                reports.append({"depth": d + 1, **rep})
            for info, lab, t in zip(infos, names, draft.order_per_depth[d]):
                label_of[info.topic_id] = lab
                lineage_of[info.topic_id] = info.ancestor_labels + [lab]
                members = members_of[t]
                xy = draft.xy
                metadata.append({schema.TOPIC_ID: info.topic_id, schema.TOPIC_DEPTH: d + 1,
                                 schema.TOPIC_PARENT: info.parent_id,
                                 schema.TOPIC_LABEL: lab,
                                 schema.TOPIC_DESCRIPTION: "/".join(info.keywords[: options.n_keywords]),
                                 schema.TOPIC_KEYWORDS: info.keywords[: options.n_keywords],
                                 schema.TOPIC_COUNT: info.count,
                                 schema.X: float(np.median(xy[members, 0])) if xy is not None else None,
                                 schema.Y: float(np.median(xy[members, 1])) if xy is not None else None})
    labels = []
    for d in range(D):
        uniq, inv = np.unique(draft.ids[:, d], return_inverse=True)
        labels.append(np.array([label_of[int(u)] for u in uniq], dtype=object)[inv].tolist())
    fine_to = _fine_to(raw)
    fine_ids = np.array([[gid_maps[d][int(fine_to[f, d])] for d in range(D)] for f in range(len(fine_to))],
                        dtype=np.int64)
    fine_topic_map = {}
    if draft.model is not None:
        # BERTopic topic → our ids at every depth, and our labels inside the saved model
        fine_topic_map = {int(draft.ours_to_theirs[f]): fine_ids[f].tolist() for f in range(len(fine_to))}
        draft.model.set_topic_labels({bt: label_of[g[-1]] for bt, g in fine_topic_map.items()})
    secs = {**draft.seconds, "labels": time.perf_counter() - t2}
    named_by = (options.labeller if isinstance(options.labeller, str) else type(labeller).__name__) \
        if docs is not None or options.labeller not in (None, "contrastive", "keywords") else "position"
    return TopicsResult(ids=draft.ids, labels=labels, metadata=metadata, model=draft.model,
                        fine_topic_map=fine_topic_map, seconds=secs,
                        fine_centroids=draft.fine_centroids, fine_ids=fine_ids,
                        labelling={"labeller": named_by, "depths": reports})


def _resolve(options: TopicOptions, stop: frozenset[str], embed):
    """The labeller ``options`` name (see ``datamap.tasks.topics.labellers``)."""
    from .labellers import resolve_labeller

    return resolve_labeller(options.labeller, stop, embed=embed, url=options.labeller_url,
                            model=options.labeller_model, cache_store=options.label_cache,
                            settings=options.labeller_settings)


def _label_embed(options: TopicOptions):
    """Texts → unit vectors with the map's own model, loaded on first use (None when the
    map's vectors come from elsewhere: then labellers score by word frequencies)."""
    if options.label_embedder is None:
        return None
    from datamap.tasks.embed.encode import EmbedOptions, load_embedder

    state: dict = {}

    def embed(texts: list[str]) -> np.ndarray:
        if "m" not in state:
            state["m"] = load_embedder(EmbedOptions(**options.label_embedder))
        return state["m"].encode(list(texts))
    return embed


# ---- the saved model: assign new points later ------------------------------------------------------
MODEL_MAP_FILE = "datamap_topics.json"


CENTROIDS_FILE = "datamap_topic_centroids.safetensors"


def save_model(result: TopicsResult, path: str) -> None:
    """BERTopic's safetensors serialization (no pickle) plus our topic-id map and the
    finest topics' centroids (safetensors), which assign new points without BERTopic
    and exist for maps without texts too."""
    import logging

    from safetensors.numpy import save_file

    os.makedirs(path, exist_ok=True)
    if result.model is not None:
        log = logging.getLogger("BERTopic")
        level = log.level
        log.setLevel(logging.ERROR)   # it warns that no embedding model is saved: on purpose (BYO / cached)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                result.model.save(path, serialization="safetensors", save_ctfidf=True, save_embedding_model=False)
        finally:
            log.setLevel(level)
    if result.fine_centroids is not None:
        save_file({"centroids": np.ascontiguousarray(result.fine_centroids, dtype=np.float32),
                   "topic_ids": np.ascontiguousarray(result.fine_ids, dtype=np.int64)},
                  os.path.join(path, CENTROIDS_FILE))
    with open(os.path.join(path, MODEL_MAP_FILE), "w") as f:
        json.dump({"depths": int(result.ids.shape[1]),
                   "bertopic_to_topic_ids": {str(k): v for k, v in result.fine_topic_map.items()}}, f)


def assign(model_dir: str, vectors: np.ndarray, docs: Sequence[str] | None = None) -> np.ndarray:
    """(N, D) topic ids for new points from the saved model: the finest topic whose
    centroid is most cosine-similar, with its ancestors (the rule the build used for rows
    outside its k-means sample). Models saved before the centroids file existed go
    through BERTopic's ``transform`` (cosine to its topic embeddings)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    cfile = os.path.join(model_dir, CENTROIDS_FILE)
    if os.path.exists(cfile):
        from safetensors.numpy import load_file

        saved = load_file(cfile)
        return saved["topic_ids"][nearest(vectors, saved["centroids"])]
    bertopic()
    from bertopic import BERTopic

    with open(os.path.join(model_dir, MODEL_MAP_FILE)) as f:
        meta = json.load(f)
    model = BERTopic.load(model_dir)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        topics, _ = model.transform(list(docs) if docs is not None else [""] * len(vectors), embeddings=vectors)
    table = meta["bertopic_to_topic_ids"]
    return np.array([table[str(int(t))] for t in topics], dtype=np.int64)
