"""Name a stored topic partition again: the compute half of ``datamap relabel``.

A published version keeps every point's topic id at every depth (``topics.parquet``),
the texts and the vectors. That is all a labeller needs: the partition is rebuilt from
the stored ids (no k-means), c-TF-IDF keywords are fitted again on it (seconds; no
embedding, no layout) and ``model.name_topics`` names it with the labeller asked for.
Topic ids and the order the build gave them (parents in order, children biggest first)
are kept, so with the build's own labeller the names come out as the build made them.
"""
from __future__ import annotations

import time
from typing import Sequence

import numpy as np

from datamap.tasks.topics import model as T


def partition_from_ids(ids: np.ndarray, fine_order: Sequence[int] | None = None
                       ) -> tuple[np.ndarray, list[list[int]], list[dict[int, int]]]:
    """(raw, order_per_depth, gid_maps) for stored global ids ``ids`` (N, D).

    ``raw[:, d]`` numbers depth ``d``'s topics 0..K-1 in ascending id order, the order the
    build assigned ids in. At the finest depth ``fine_order`` (the saved model's topic ids
    in the build's own numbering) is followed where given: BERTopic numbers topics of
    equal size by that index, and the keywords' tie order follows, so the same numbering
    gives the build's keywords exactly. A topic no point belongs to any more (possible
    after a refresh) has no row and is not named."""
    ids = np.asarray(ids, dtype=np.int64)
    raw = np.zeros_like(ids)
    orders: list[list[int]] = []
    gid_maps: list[dict[int, int]] = []
    for d in range(ids.shape[1]):
        uniq, inv = np.unique(ids[:, d], return_inverse=True)
        raw[:, d] = inv.reshape(-1)
        orders.append(list(range(len(uniq))))
        gid_maps.append({i: int(g) for i, g in enumerate(uniq)})
    if fine_order is not None and set(int(g) for g in fine_order) >= set(gid_maps[-1].values()):
        present = set(gid_maps[-1].values())
        numbering = [int(g) for g in fine_order if int(g) in present]
        index_of = {g: i for i, g in enumerate(numbering)}
        raw[:, -1] = np.array([index_of[gid_maps[-1][i]] for i in range(len(numbering))])[raw[:, -1]]
        gid_maps[-1] = dict(enumerate(numbering))
        orders[-1] = [index_of[g] for g in sorted(numbering)]
    for d in range(1, ids.shape[1]):   # a child with two parents would break every depth's counts
        parents = np.zeros(int(raw[:, d].max()) + 1, dtype=np.int64)
        parents[raw[:, d]] = raw[:, d - 1]
        if not np.array_equal(parents[raw[:, d]], raw[:, d - 1]):
            raise ValueError(f"stored topics are not nested at depth {d + 1}; rebuild the map")
    return raw, orders, gid_maps


def aligned_centroids(saved: dict[str, np.ndarray] | None, fine_gids: dict[int, int],
                      vectors: np.ndarray, fine_raw: np.ndarray) -> np.ndarray:
    """The finest topics' centroids in ``fine_gids`` order (raw index → topic id): the
    saved ones (``model.CENTROIDS_FILE``: the build's k-means centroids, so new points are
    assigned as before), else the unit mean of each topic's members (older models)."""
    if saved is not None:
        row_of = {int(g): i for i, g in enumerate(saved["topic_ids"][:, -1])}
        if all(g in row_of for g in fine_gids.values()):
            return np.asarray(saved["centroids"])[[row_of[fine_gids[f]] for f in range(len(fine_gids))]]
    unit = T.normalize(np.asarray(vectors, dtype=np.float32))
    sums = np.zeros((len(fine_gids), unit.shape[1]), dtype=np.float32)
    np.add.at(sums, fine_raw, unit)
    return T.normalize(sums)


def draft_from_stored(docs: Sequence[str] | None, vectors: np.ndarray, xy: np.ndarray | None,
                      ids: np.ndarray, options: T.TopicOptions,
                      saved_centroids: dict[str, np.ndarray] | None = None, labeller=None) -> T.TopicDraft:
    """A ``TopicDraft`` of the stored partition, keywords fitted again from ``docs``.
    ``labeller``: the one that will name it; one that reads ahead reads its samples while
    the keywords are fitted, as in a build."""
    fine_order = None if saved_centroids is None else saved_centroids["topic_ids"][:, -1].tolist()
    raw, orders, gid_maps = partition_from_ids(ids, fine_order)
    fine_centroids = aligned_centroids(saved_centroids, gid_maps[-1], vectors, raw[:, -1])
    t0 = time.perf_counter()
    T.read_ahead(labeller, docs, raw, orders, gid_maps, options.seed)
    model, ours_to_theirs, keywords = T.fit_keywords(docs, vectors, raw, options)
    secs = {"bertopic": time.perf_counter() - t0}
    return T.TopicDraft(docs, vectors, xy, options, raw, np.asarray(ids, dtype=np.int64), orders, gid_maps,
                        keywords, model, ours_to_theirs, fine_centroids, secs)


def relabel_topics(docs: Sequence[str] | None, vectors: np.ndarray, xy: np.ndarray | None, ids: np.ndarray,
                   options: T.TopicOptions, saved_centroids: dict[str, np.ndarray] | None = None) -> T.TopicsResult:
    """New names for the stored partition ``ids`` with ``options.labeller``."""
    labeller = T.labeller_for(options)
    draft = draft_from_stored(docs, vectors, xy, ids, options, saved_centroids, labeller)
    return T.name_topics(draft, labeller=labeller)
