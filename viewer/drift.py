"""Drift of a version against its parent, in numbers that mean something.

* **Topic drift**: the Jensen–Shannon divergence (base 2, so 0 = same shares, 1 =
  disjoint topics) between the parent's and the child's topic shares, at depth 1 and 2.
  Topics are matched by id when the child is an incremental refresh (the parent's topic
  model is carried over, so an id names the same topic), by label otherwise (a full
  rebuild numbers its topics afresh).
* **Which topics moved**: the topics whose share grew or shrank most (percentage points).
* **Embedding drift** of the rows the child added: the cosine distance between the mean
  of their vectors and the mean of the parent's vectors (0: the new rows sit where the
  old ones did on average), and the share of new rows whose nearest neighbour in the
  child is farther than 95 % of the parent's points are from theirs ("far from
  anything the map had").

* **Outlier share**: the share of the child's points whose outlier score is above the
  parent's 99th percentile (so about 1 % when nothing changed), when both were scored
  the same way (method, neighbours).

Versions are immutable, so each pair is computed once per process (``lru_cache``).
"""
from __future__ import annotations

import functools
from typing import Any

import numpy as np
from datamap.resources import schema
from datamap.resources.reader import DataMap, open_map
from datamap.resources.store import Store

DEPTHS = (1, 2)
TOP_MOVERS = 5


def js_divergence(p: dict[str, float], q: dict[str, float]) -> float | None:
    """Jensen–Shannon divergence (base 2, in [0, 1]) of two share dictionaries."""
    if not p or not q:
        return None
    keys = sorted(set(p) | set(q))
    a = np.array([p.get(k, 0.0) for k in keys], dtype=np.float64)
    b = np.array([q.get(k, 0.0) for k in keys], dtype=np.float64)
    a, b = a / a.sum(), b / b.sum()
    m = 0.5 * (a + b)

    def kl(x: np.ndarray) -> float:
        nz = x > 0
        return float(np.sum(x[nz] * np.log2(x[nz] / m[nz])))

    return max(0.0, min(1.0, 0.5 * kl(a) + 0.5 * kl(b)))


def topic_shares(m: DataMap, depth: int, by: str) -> tuple[dict[str, float], dict[str, str]]:
    """(key → share of points, key → label) of the topics at ``depth``; ``by`` is "id" or "label"."""
    if not m.has(schema.TOPIC_METADATA):
        return {}, {}
    t = m.read_parquet(schema.TOPIC_METADATA).to_pydict()
    rows = [i for i, d in enumerate(t[schema.TOPIC_DEPTH]) if d == depth]
    total = float(sum(t[schema.TOPIC_COUNT][i] for i in rows)) or 1.0
    shares: dict[str, float] = {}
    labels: dict[str, str] = {}
    for i in rows:
        label = str(t[schema.TOPIC_LABEL][i])
        key = str(t[schema.TOPIC_ID][i]) if by == "id" else label
        shares[key] = shares.get(key, 0.0) + t[schema.TOPIC_COUNT][i] / total
        labels[key] = label
    return shares, labels


def movers(p: dict[str, float], q: dict[str, float], labels: dict[str, str]) -> dict[str, list[dict]]:
    """The topics whose share grew and shrank most from ``p`` to ``q``."""
    delta = {k: q.get(k, 0.0) - p.get(k, 0.0) for k in set(p) | set(q)}
    ranked = sorted(delta.items(), key=lambda kv: kv[1])

    def row(k: str, d: float) -> dict:
        return {"topic": labels.get(k, k), "from": p.get(k, 0.0), "to": q.get(k, 0.0), "change": d}

    return {"grew": [row(k, d) for k, d in reversed(ranked[-TOP_MOVERS:]) if d > 0],
            "shrank": [row(k, d) for k, d in ranked[:TOP_MOVERS] if d < 0]}


def topic_drift(parent: DataMap, child: DataMap) -> dict[str, Any]:
    incremental = ((child.manifest.get("refresh") or {}).get("mode")) == "incremental"
    by = "id" if incremental else "label"
    out: dict[str, Any] = {"matched_by": by}
    for depth in DEPTHS:
        p, _ = topic_shares(parent, depth, by)
        q, labels = topic_shares(child, depth, by)
        out[f"depth_{depth}"] = {"js": js_divergence(p, q), **movers(p, q, labels)} if p and q else None
    return out


def embedding_drift(parent: DataMap, child: DataMap) -> dict[str, Any] | None:
    """Mean shift and far share of the rows ``child`` added (None when it added none)."""
    pe, ce = parent.embeddings, child.embeddings
    pid = set(pe._table.column(schema.ID).to_pylist())
    cids = ce._table.column(schema.ID).to_pylist()
    new = np.array([i for i, x in enumerate(cids) if x not in pid], dtype=np.int64)
    if len(new) == 0:
        return None
    pv, cv = pe.latent.astype(np.float32), ce.latent[new].astype(np.float32)
    a, b = pv.mean(axis=0), cv.mean(axis=0)
    cos = float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b) or 1.0))
    out: dict[str, Any] = {"new_rows": int(len(new)), "mean_shift": 1.0 - cos, "far_share": None}
    if parent.has(schema.KNN_DIST) and child.has(schema.KNN_DIST):
        p_nn = np.load(parent.local_file(schema.KNN_DIST), mmap_mode="r")[:, 1]
        c_nn = np.load(child.local_file(schema.KNN_DIST), mmap_mode="r")[new, 1]
        out["far_share"] = float(np.mean(c_nn > np.quantile(p_nn, 0.95)))
    return out


def outlier_share(parent: DataMap, child: DataMap) -> float | None:
    """Share of the child's points scoring above the parent's p99 (None: not comparable)."""
    po, co = parent.manifest.get("outliers") or {}, child.manifest.get("outliers") or {}
    same = po.get("p99") is not None and all(po.get(k) == co.get(k) for k in ("method", "n_neighbors"))
    if not same or not child.has(schema.OUTLIERS):
        return None
    scores = child.read_parquet(schema.OUTLIERS).column(schema.OUTLIER_SCORE).to_numpy()
    return float(np.mean(scores > po["p99"])) if len(scores) else None


@functools.lru_cache(maxsize=512)
def _drift(store_uri: str, dataset: str, parent: str, child: str, store: Store,
           vectors: bool) -> dict[str, Any]:
    p = open_map(dataset, store=store, version=parent)
    c = open_map(dataset, store=store, version=child)
    return {"topics": topic_drift(p, c), "embeddings": embedding_drift(p, c) if vectors else None,
            "outlier_share": outlier_share(p, c)}


def version_drift(store: Store, dataset: str, parent: str, child: str, vectors: bool = True) -> dict[str, Any]:
    """Topic and embedding drift of ``child`` against ``parent`` (computed once per pair).
    ``vectors=False`` skips the embedding drift, the one part that reads both versions'
    vectors (the history asks it only for its newest versions)."""
    return _drift(store.uri, dataset, parent, child, store, vectors)
