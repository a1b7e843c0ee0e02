"""Exact copies (bit-identical vectors) searched once, linked as a star.

A public corpus holds thousands of identical boilerplate texts ("A small example
package"): identical texts embed to identical vectors, and every pair of a group of g
copies is within any cutoff — g²/2 pairs (5,000 copies: 12.5 M pairs, 38 s and 1.8 GB
measured before this module; 50,000 would not fit). Their clustering needs none of them:
one copy is kept and the others are deleted whatever the links between them.

So each group of identical vectors (and, when the text check runs, identical texts:
``copy_groups``) is represented by one *representative* (its smallest
id, as the clustering's tie-break picks) and:

- the neighbour search runs over representatives only (``tasks.dedupe``), giving pairs of
  groups;
- ``expand`` turns each pair of groups (G, H) into links rep(G)–rep(H), rep(G)–every
  copy in H and rep(H)–every copy in G, and each group into a star rep(G)–copy at
  distance 0. Links grow with the group sizes, not their squares;
- the leader clustering on those links puts a group and everything near it in one
  cluster around one retained point, and the stored pairs (the same links) let
  ``rethreshold`` reproduce it exactly.

With no identical vectors, every group is one row and ``expand`` returns the pairs
unchanged: results are what they were before.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from datamap.resources.duplicate_clusters import canonical_pairs


@dataclass
class CopyGroups:
    group: np.ndarray     # row -> group id (0..G-1), int64
    rep: np.ndarray       # group -> representative row (smallest id of the group), int64
    size: np.ndarray      # group -> number of rows
    members: np.ndarray   # rows sorted by group, then by id
    start: np.ndarray     # group -> offset of its first row in ``members``

    @property
    def n_groups(self) -> int:
        return len(self.rep)

    @property
    def trivial(self) -> bool:
        """No two rows share a vector."""
        return self.n_groups == len(self.group)


def text_codes(texts) -> np.ndarray:
    """One integer per row, equal exactly when the texts are equal (null as "")."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks()
    arr = texts if isinstance(texts, pa.Array) else pa.array(list(texts), type=pa.large_string())
    enc = pc.dictionary_encode(pc.cast(arr, pa.large_string()).fill_null(""))
    return enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)


def copy_groups(vectors: np.ndarray, ids, texts=None) -> CopyGroups:
    """Groups of bit-identical rows. Rows are hashed (Python's hash of their bytes, ~1 µs
    a row) and each group is verified against its representative, so a hash collision
    only ever splits a group, never merges different vectors.

    With ``texts`` (when the text check will run), a group also shares its text. Different
    texts can embed to the very same vector — the uncased tokenizer drops accents, case and
    characters it does not know: ``A small example package`` and ``...package测试包`` in
    PyPI — and the text check then rejects the star's links between them, which left the
    group's other copies linked to nothing (4 of PyPI's 32,989 identical-summary groups
    came out split). As separate groups at distance 0 they are compared by the check once,
    each text keeping its own star."""
    v = np.ascontiguousarray(vectors)
    n = len(v)
    code = None if texts is None else text_codes(texts)
    if code is None:
        h = np.fromiter((hash(r.tobytes()) for r in v), dtype=np.int64, count=n)
    else:
        h = np.fromiter((hash((r.tobytes(), c)) for r, c in zip(v, code.tolist())), dtype=np.int64, count=n)
    id_order = np.argsort(np.asarray([str(i) for i in ids], dtype=object).astype(str), kind="stable")
    _, first, inv = np.unique(h[id_order], return_index=True, return_inverse=True)
    if len(first) == n:                   # no two rows alike: every row is its own group
        ar = np.arange(n, dtype=np.int64)
        return CopyGroups(ar, ar, np.ones(n, np.int64), ar, ar)
    group = np.empty(n, dtype=np.int64)
    group[id_order] = inv
    rep = id_order[first]
    same = np.all(v == v[rep[group]], axis=1)
    if code is not None:
        same &= code == code[rep[group]]
    if not same.all():                    # a collision: the odd rows become their own groups
        odd = np.nonzero(~same)[0]
        group[odd] = len(rep) + np.arange(odd.size)
        rep = np.concatenate([rep, odd])
    # number groups by their representative's row, so nothing depends on the hash's seed
    order = np.argsort(rep, kind="stable")
    renum = np.empty(len(rep), dtype=np.int64)
    renum[order] = np.arange(len(rep))
    group, rep = renum[group], rep[order]
    size = np.bincount(group, minlength=len(rep))
    rank = np.empty(n, dtype=np.int64)
    rank[id_order] = np.arange(n)
    members = np.lexsort((rank, group))
    start = np.concatenate([[0], np.cumsum(size)[:-1]])
    return CopyGroups(group, rep.astype(np.int64), size, members, start)


def _fan(g: CopyGroups, src: np.ndarray, grp: np.ndarray, d: np.ndarray):
    """Links from each row ``src[i]`` to every copy of group ``grp[i]`` but its representative."""
    cnt = g.size[grp] - 1
    total = int(cnt.sum())
    if total == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    # a group's slice of ``members`` is in id order, so its representative comes first
    first = np.repeat(g.start[grp] + 1, cnt)
    offs = np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    return np.repeat(src, cnt), g.members[first + offs], np.repeat(d, cnt)


def expand(g: CopyGroups, ga: np.ndarray, gb: np.ndarray, d: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row pairs (lo, hi, distance) for pairs of groups, plus each group's star."""
    ga = np.asarray(ga, np.int64)
    gb = np.asarray(gb, np.int64)
    d = np.asarray(d, np.float32)
    n = len(g.group)
    if g.trivial:
        return canonical_pairs(ga, gb, d, n)
    parts = [(g.rep[ga], g.rep[gb], d),
             _fan(g, g.rep[ga], gb, d),
             _fan(g, g.rep[gb], ga, d)]
    big = np.nonzero(g.size > 1)[0]
    parts.append(_fan(g, g.rep[big], big, np.zeros(big.size, np.float32)))
    a = np.concatenate([p[0] for p in parts])
    b = np.concatenate([p[1] for p in parts])
    dd = np.concatenate([p[2] for p in parts])
    return canonical_pairs(a, b, dd, n)


def to_groups(g: CopyGroups, a: np.ndarray, b: np.ndarray, d: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of rows as pairs of groups (pairs inside one group dropped), for a refresh
    that merges a parent's links with new ones and must expand them as a rebuild does."""
    ga, gb = g.group[np.asarray(a, np.int64)], g.group[np.asarray(b, np.int64)]
    ok = ga != gb
    return canonical_pairs(ga[ok], gb[ok], np.asarray(d, np.float32)[ok], g.n_groups)
