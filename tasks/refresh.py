"""Incremental refresh: keep the parent version's geography, place only what is new.

A refresh compares the new table with the parent version row by row (by ``id``):

* kept rows whose vector did not change keep their coordinates exactly;
* added rows, and kept rows whose vector changed ("moved"), are placed at the
  median of the coordinates of their nearest *anchored* neighbours
  (rows that kept their coordinates), found in the new build's k-NN graph, falling
  back to the parent's usearch index; this is the "UMAP transform" idea without
  refitting, and it never moves an existing point;
* removed rows simply are not in the new table.

Topics follow the same rule: a placed point takes the finest topic most common among
its anchored neighbours, and the coarser depths follow from the topic hierarchy.

When too much changed, a fresh layout is better than patching: ``drift`` (rows added +
removed + changed over the parent's rows) above ``DRIFT_THRESHOLD`` means a full
re-layout. ``--full`` forces one.
"""
from __future__ import annotations

import numpy as np
from datamap.tasks.compare import (  # noqa: F401  (re-exported: the refresh's own names before the split)
    RowDiff,
    _topic_changes,
    _topic_labels,
    compare_versions,
    diff_rows,
    median_move,
)

DRIFT_THRESHOLD = 0.20     # > 20% of the parent's rows added/removed/changed → full re-layout
PLACE_K = 5                # anchored neighbours whose median position a new point takes
VOTE_K = 10                # anchored neighbours voting for a new point's topic
VECTOR_ATOL = 2e-3         # float16-stored parents round latents by < 1e-3


def moved_rows(diff: RowDiff, old_vectors: np.ndarray, new_vectors: np.ndarray) -> np.ndarray:
    """Kept rows whose latent vector differs from the parent's (text edited, model same)."""
    if not len(diff.kept_new):
        return np.zeros(0, np.int64)
    delta = np.abs(new_vectors[diff.kept_new].astype(np.float32) - old_vectors[diff.kept_old].astype(np.float32))
    return diff.kept_new[delta.max(axis=1) > VECTOR_ATOL]


def place(xy: np.ndarray, anchored: np.ndarray, todo: np.ndarray, knn_idx: np.ndarray, knn_dist: np.ndarray,
          k: int = PLACE_K, fallback=None, mapper=None, chunk: int | None = None) -> tuple[np.ndarray, int]:
    """Fill ``xy[todo]`` from anchored neighbours; return (xy, how many used the fallback).

    A placed point goes to the coordinate-wise median of its ``k`` nearest anchored
    neighbours (by latent cosine distance). The median, unlike a distance-weighted mean,
    does not pull a point into the empty space between two clusters its neighbours
    straddle: on 5,000 Debian rows the share of a placed point's 10 nearest 2-D
    neighbours that are among its 32 latent neighbours is 0.46 with the median of 5,
    0.24 with a weighted mean of 10, and 0.47 for points UMAP laid out (bench/refresh.py).

    ``knn_idx``/``knn_dist``: the new build's (N, K) graph, nearest first.
    ``fallback(rows) -> list[(positions, distances)]`` for rows with no anchored
    neighbour in the graph (a whole new cluster); else they go to the anchors' centroid.
    ``mapper(fn, [args, ...]) -> [result, ...]`` runs ``place_chunk`` over chunks of
    ``chunk`` rows elsewhere (Dask workers, flows/dask_parts.py); each row is placed
    independently of the others, so the result does not depend on the chunking.
    """
    xy = np.array(xy, dtype=np.float32, copy=True)
    if not len(todo):
        return xy, 0
    todo = np.asarray(todo, np.int64)
    parts = [todo]
    if mapper is not None and chunk and len(todo) > chunk:
        parts = np.array_split(todo, -(-len(todo) // chunk))
    args = [(xy, anchored, p, knn_idx[p], k) for p in parts]
    results = mapper(place_chunk, args) if len(parts) > 1 else [place_chunk(*a) for a in args]
    for p, (med, has) in zip(parts, results):
        xy[p[has]] = med[has]
    lonely = np.concatenate([p[~has] for p, (_m, has) in zip(parts, results)])
    if len(lonely):
        centroid = np.median(xy[anchored], axis=0) if anchored.any() else np.array([0.5, 0.5], np.float32)
        found = fallback(lonely) if fallback is not None else [(np.zeros(0, np.int64), np.zeros(0))] * len(lonely)
        for row, (p, _d) in zip(lonely, found):
            p = np.asarray(p, np.int64)
            xy[row] = np.median(xy[p[:k]], axis=0) if len(p) else centroid
    return xy, int(len(lonely))


def place_chunk(xy: np.ndarray, anchored: np.ndarray, todo: np.ndarray, knn_rows: np.ndarray,
                k: int = PLACE_K) -> tuple[np.ndarray, np.ndarray]:
    """Coordinate-wise median of each row's first ``k`` anchored neighbours, from the
    rows' own k-NN lists ``knn_rows`` (T, K): (T, 2) positions and a mask of rows that
    had any anchored neighbour (the others need ``place``'s fallback)."""
    ok = anchored[knn_rows] & (knn_rows != todo[:, None])
    ok &= np.cumsum(ok, axis=1) <= k
    nb = np.where(ok, knn_rows, -1)
    pts = np.where((nb >= 0)[..., None], xy[np.maximum(nb, 0)], np.nan)
    has = (nb >= 0).any(axis=1)
    med = np.zeros((len(todo), 2), np.float32)
    with np.errstate(all="ignore"):
        if has.any():
            med[has] = np.nanmedian(pts[has], axis=1)
    return med, has


def anchored_neighbours(anchored: np.ndarray, todo: np.ndarray, knn_idx: np.ndarray, k: int) -> np.ndarray:
    """(T, K) neighbour positions, -1 where not an anchored neighbour (first k kept)."""
    nb = knn_idx[todo]
    ok = anchored[nb] & (nb != todo[:, None])
    ok &= np.cumsum(ok, axis=1) <= k
    return np.where(ok, nb, -1)


def vote(labels: np.ndarray, neighbours: np.ndarray, default: int) -> np.ndarray:
    """Most common label among each row's neighbours (−1 = none); ties → nearest first."""
    out = np.full(len(neighbours), default, dtype=labels.dtype)
    for i, row in enumerate(neighbours):
        row = row[row >= 0]
        if not len(row):
            continue
        vals = labels[row]
        uniq, first, counts = np.unique(vals, return_index=True, return_counts=True)
        best = np.lexsort((first, -counts))[0]
        out[i] = uniq[best]
    return out


def refresh_knn(old_idx: np.ndarray, old_dist: np.ndarray, parent_pos: np.ndarray, anchored: np.ndarray,
                placed: np.ndarray, search) -> tuple[np.ndarray, np.ndarray, int]:
    """The child's (N, K) k-NN graph from the parent's, searching only where needed.

    An anchored row keeps its parent neighbour list (renumbered to new positions) unless
    that list named a row that is gone or moved; such rows and the placed rows are
    searched again (``search(rows) -> (keys, dists)`` on the child's index). The placed
    points are then offered to the lists of their anchored neighbours: where one is
    closer than a list's last entry it is inserted, so old points "see" new ones as a
    rebuild would. Returns (indices, distances, rows searched).
    """
    n, k = len(parent_pos), old_idx.shape[1]
    new_of_old = np.full(len(old_idx), -1, np.int64)
    arows = np.nonzero(anchored)[0]
    new_of_old[parent_pos[arows]] = arows
    idx = np.zeros((n, k), np.int64)
    dist = np.zeros((n, k), np.float32)
    mapped = new_of_old[old_idx[parent_pos[arows]]]
    broken = (mapped < 0).any(axis=1)
    idx[arows] = np.maximum(mapped, 0)
    dist[arows] = old_dist[parent_pos[arows]]
    todo = np.union1d(np.asarray(placed, np.int64), arows[broken])
    if len(todo):
        idx[todo], dist[todo] = search(todo)
    fixed = np.zeros(n, bool)
    fixed[todo] = True
    # reverse neighbours: placed point p enters the list of an untouched anchored row j
    placed = np.asarray(placed, np.int64)
    if len(placed):
        p = np.repeat(placed, k - 1)
        j = idx[placed, 1:].ravel()
        d = dist[placed, 1:].ravel()
        ok = ~fixed[j] & (d < dist[j, -1])
        order = np.argsort(d[ok], kind="stable")
        for pp, jj, dd in zip(p[ok][order].tolist(), j[ok][order].tolist(), d[ok][order].tolist()):
            row, drow = idx[jj], dist[jj]
            if dd >= drow[-1] or pp in row:
                continue
            at = 1 + int(np.searchsorted(drow[1:], dd, side="right"))
            idx[jj] = np.concatenate([row[:at], [pp], row[at:-1]])
            dist[jj] = np.concatenate([drow[:at], [dd], drow[at:-1]])
    return idx, dist, int(len(todo))


def pairs_near_rows(vectors: np.ndarray, rows: np.ndarray, radius: float, block: int = 512
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair (row, any point) within ``radius`` cosine distance, for a few ``rows``:
    exact blocked products against all points (a refresh's new points: 500 x 50k in
    well under a second), rechecked with ``tasks.dedupe.exact_distances``."""
    from datamap.resources.duplicate_clusters import canonical_pairs
    from datamap.tasks.dedupe import exact_distances

    v = np.asarray(vectors, dtype=np.float32)
    norm = np.linalg.norm(v, axis=1, keepdims=True)
    u = v / np.where(norm > 0, norm, 1.0)
    rows = np.asarray(rows, np.int64)
    lim = np.float32(1.0 - radius - 1e-3)
    aa, bb = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for s in range(0, len(rows), block):
        r = rows[s:s + block]
        i, c = np.nonzero(u[r] @ u.T >= lim)
        keep = r[i] != c
        aa.append(r[i][keep])
        bb.append(c[keep].astype(np.int64))
    a, b, _ = canonical_pairs(np.concatenate(aa), np.concatenate(bb), np.zeros(sum(map(len, aa)), np.float32),
                              len(v))
    d = exact_distances(v, a, b)
    keep = d <= np.float32(radius)
    return a[keep], b[keep], d[keep]


def _normal(x) -> str:
    import json

    return json.dumps(x, sort_keys=True, default=str)


def unchanged_source(parent_manifest: dict, fingerprint: dict, params: dict) -> bool:
    """True when a build would only republish the parent: same build options and the same
    source, by content hash when ``fingerprint`` has one (after ingest), else by location,
    size and ETag/mtime (before reading anything). A scheduled refresh of a source nobody
    touched then costs one ``fs.info`` instead of a new identical version."""
    before = parent_manifest.get("input") or {}
    if _normal((parent_manifest.get("build") or {}).get("params")) != _normal(params):
        return False
    if fingerprint.get("sha256"):
        return fingerprint["sha256"] == before.get("sha256")
    if not (fingerprint.get("etag") or fingerprint.get("mtime")):
        return False
    return all(fingerprint.get(k) == before.get(k) for k in ("uri", "size", "etag", "mtime"))
