"""Dedupe's widening searches in row order against locality order, on one vectors file.

The vectors' own index and 33-NN graph are built as the build would (``tasks.index``);
``find_duplicates`` (no texts) then runs twice per round, with ``LOCALITY_QUERIES`` out of
reach (row order) and at its default, alternating. Reported: widened queries, seconds,
and the pairs / clusters / deletion candidates, which must be equal.

    .venv/bin/python bench/dedupe_order.py VECTORS.npy OUT.json [--rounds 2]

Result: bench/out/dedupe_order_pypi200k.json (200,000 fast-mode PyPI summaries: fewer
widened queries than LOCALITY_QUERIES, so both sides run the same path); the 1M synthetic
side is bench/dedupe_1m_ab.py's (dedupe_1m_ab_locality.json).
"""
from __future__ import annotations

import argparse
import json
import time

import numpy as np

import datamap.tasks.dedupe as D
from datamap.tasks import index as I


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("vectors")
    ap.add_argument("out")
    ap.add_argument("--rounds", type=int, default=2)
    a = ap.parse_args()
    v = np.load(a.vectors).astype(np.float32)
    n = len(v)
    idx = I.build_index(v)
    knn = I.knn_graph(idx, v, 33, order=I.locality(v))
    opts = D.DuplicateOptions()
    default = D.LOCALITY_QUERIES
    runs = []
    for rnd in range(a.rounds):
        for name, limit in (("row order", 10**12), ("locality", default)):
            D.LOCALITY_QUERIES = limit
            t = time.perf_counter()
            r = D.find_duplicates(list(range(n)), v, opts, knn_idx=knn[0], knn_dist=knn[1], index=idx)
            run = {"round": rnd, "variant": name, "find_duplicates_s": round(time.perf_counter() - t, 2),
                   "pairs_s": round(r.seconds["pairs"], 2), "pairs": int(len(r.a)),
                   "clusters": int(r.clusters.n_clusters), "deletion_candidates": int(r.clusters.n_deletion)}
            runs.append(run)
            print(json.dumps(run), flush=True)
    D.LOCALITY_QUERIES = default
    wide = opts.widen_to(n) + opts.margin
    out = {"vectors": a.vectors, "rows": n, "locality_queries": default,
           "rows_whose_32_neighbours_lie_within_the_widening_radius": int((knn[1][:, -1] <= wide).sum()),
           "runs": runs}
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
