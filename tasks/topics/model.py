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
from datamap.resources.options import options_from_dict
from datamap.tasks.progress import stage
from datamap.tasks.topics.clustering import (  # noqa: F401
    cluster_hierarchy,
    default_sizes,
    fit_hierarchy,
    nearest,
    normalize,
)
from datamap.tasks.topics.labels import (
    URL,
    KeywordLabeller,
    TopicInfo,
    TopicLabeller,
    _casing,
    _display,
    _stop_words,
    is_bad_label,
    join_dotted,
    load_labeller,
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
    max_keyword_docs: int = 100_000    # c-TF-IDF fitted on a sample of texts above this
    ngram_max: int = 2                 # keywords are 1..ngram_max word phrases
    stop_words: str | list[str] | None = "english"
    labeller: object = None            # "module:attr" of a TopicLabeller (or one); None: keyword labels

    @classmethod
    def from_dict(cls, d: dict | None) -> "TopicOptions":
        return options_from_dict(cls, d, "topics")


# ---- keywords (BERTopic's vectorizer + c-TF-IDF) ------------------------------------------
TOKEN_PATTERN = r"(?u)\b[^\W\d_][^\W_]+\b"   # ≥ 2 chars, starts with a letter: no bare numbers


def preprocess(text: str) -> str:
    """Lower-case and drop URLs / e-mail addresses ("httpwwwhaskellorg" is no keyword)."""
    return URL.sub(" ", text.lower())


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


# Documents a labeller sees per topic: enough to tell how many of them a word covers (±5%).
SAMPLE_DOCS = 100


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


def build_topics(docs: Sequence[str] | None, vectors: np.ndarray, xy: np.ndarray | None = None,
                 options: TopicOptions | None = None) -> TopicsResult:
    """Cluster, fit BERTopic on the finest level, name every topic at every depth.

    ``docs=None`` (a map of bare vectors): the same partition, named by position
    ("Topic 3.2") with no keywords, and no BERTopic model (new points are still assigned
    by the saved centroids)."""
    options = options or TopicOptions()
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
    hier = fit_hierarchy(vectors, sizes, options.min_topic_size, options.seed, options.max_fit_points)
    raw = hier.labels
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
    model = None
    if docs is not None:
        rows = _keyword_sample(raw[:, -1], options.max_keyword_docs, options.seed)
        kdocs = docs if rows is None else [docs[i] for i in rows]
        kvec = vectors if rows is None else np.asarray(vectors)[rows]
        kfine = raw[:, -1] if rows is None else raw[rows, -1]
        with stage("topics.bertopic", len(kdocs), "documents"):
            model, bow, words, ours_to_theirs = fit_bertopic(kdocs, kvec, kfine, options)
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
    lineage_of: dict[int, list[str]] = {}      # topic id → labels from depth 1 down to it
    rng = np.random.default_rng(options.seed)
    for d in range(D):
        counts = np.bincount(raw[:, d])
        if model is not None:
            kw = [[w for w, _ in row] for row in level_keywords(bow, fine_to[:, d], words, options.n_keywords)]
        else:
            kw = [[] for _ in counts]
        parent_of = np.zeros(len(counts), dtype=np.int64)
        if d > 0:
            parent_of[raw[:, d]] = raw[:, d - 1]
        sib = family_filtered(kw, parent_of) if d > 0 else kw
        infos, members_of = [], dict(enumerate(_members(raw[:, d])))
        for t in order_per_depth[d]:
            members = members_of[t]
            sample = rng.choice(members, min(len(members), SAMPLE_DOCS), replace=False) if docs is not None else []
            pg = gid_maps[d - 1][int(parent_of[t])] if d > 0 else None
            infos.append(TopicInfo(topic_id=gid_maps[d][t], depth=d + 1,
                                   parent_label=label_of.get(pg) if pg else None,
                                   keywords=kw[t], sibling_keywords=sib[t],
                                   count=int(counts[t]), sample_docs=[docs[i] for i in sample],
                                   ancestor_labels=lineage_of.get(pg, []) if pg else []))
        alts = [KeywordLabeller(stop).candidates(t) for t in infos]
        if docs is None and options.labeller is None:
            names = _path_labels(d, order_per_depth[d], parent_of, gid_maps, label_of)
        elif type(labeller) is KeywordLabeller:      # its names are the first candidates: reuse them
            names = [(a or [f"topic {t.topic_id}"])[0] for a, t in zip(alts, infos)]
        else:
            names = [str(s).strip() for s in labeller.label(infos)]
        if len(names) != len(infos):
            raise ValueError(f"labeller returned {len(names)} labels for {len(infos)} topics")
        # readable casing from the topic's own documents
        need = {w.rstrip(",") for lab in names for w in lab.lower().split()} | {w.rstrip(",") for a in alts for c in a[:6] for w in c.split()}
        casing = _casing(need, [s for t in infos for s in t.sample_docs])
        use_keyword_casing = options.labeller is None and docs is not None
        disp = [join_dotted(_display(nm, casing), i.sample_docs) if use_keyword_casing else nm
                for nm, i in zip(names, infos)]
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
            lineage_of[info.topic_id] = info.ancestor_labels + [lab]
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
    fine_ids = np.array([[gid_maps[d][int(fine_to[f, d])] for d in range(D)] for f in range(k_fine)],
                        dtype=np.int64)
    fine_topic_map = {}
    if model is not None:
        # BERTopic topic → our ids at every depth, and our labels inside the saved model
        fine_topic_map = {int(ours_to_theirs[f]): fine_ids[f].tolist() for f in range(k_fine)}
        model.set_topic_labels({bt: label_of[g[-1]] for bt, g in fine_topic_map.items()})
    secs["labels"] = time.perf_counter() - t2
    return TopicsResult(ids=ids, labels=labels, metadata=metadata, model=model,
                        fine_topic_map=fine_topic_map, seconds=secs,
                        fine_centroids=hier.fine_centroids, fine_ids=fine_ids)


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
        return saved["topic_ids"][nearest(normalize(vectors), saved["centroids"])]
    from bertopic import BERTopic

    with open(os.path.join(model_dir, MODEL_MAP_FILE)) as f:
        meta = json.load(f)
    model = BERTopic.load(model_dir)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        topics, _ = model.transform(list(docs) if docs is not None else [""] * len(vectors), embeddings=vectors)
    table = meta["bertopic_to_topic_ids"]
    return np.array([table[str(int(t))] for t in topics], dtype=np.int64)
