"""The layout of a stored big map with its UMAP sample's index built two ways: usearch's
default graph settings (M 16, ef 128 / 64, the build's ``SAMPLE_INDEX`` in
``tasks.project.sample_fit``) against the full index's big-map expansions (M 16, ef 88 /
48), both f16, alternating in one process. (In ``bench/out/sample_index_*.json`` the
second is named "build": it was the build's setting while they ran, then reverted.)

    .venv/bin/python bench/sample_index.py VERSIONS_DIR [--queries 2000] [--rounds 2]
        [--out bench/out/sample_index.json]

``VERSIONS_DIR``: a dataset's ``versions`` folder of a built map of more than 200,000 rows
(the sample fit's threshold), e.g. ``/tmp/cmp/1000000/store/cmp/versions`` (bench/compare.py
at 1M) or the PyPI store of bench/pypi.py; its newest version's vectors and k-NN graph are
laid out again exactly as the build's project stage does (``tasks.project.layout``). Per
run: the layout's seconds, the sample index's build + 16-NN graph seconds, and the 10-NN
kept on ``--queries`` random rows (compare.py's exact truth, the same rows every run). The
layout differs from run to run even with one seed (the refinement's epochs run on both
cores without locks), so each setting runs ``--rounds`` times and the spread is the scale
any difference is read against.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import compare  # noqa: E402
from machine import facts, speed_probe  # noqa: E402

SETTINGS = {"usearch_defaults": {"dtype": "f16"},
            "big_map_expansions": {"dtype": "f16", "connectivity": 16, "expansion_add": 88, "expansion_search": 48}}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("versions")
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "sample_index.json"))
    a = ap.parse_args()

    from datamap.flows.runtime.stagekit import read_vectors
    from datamap.tasks import project as P
    from datamap.tasks.index import IndexOptions, build_index, knn_graph
    from datamap.tasks.project import sample_fit as S

    version = os.path.join(a.versions, sorted(os.listdir(a.versions))[-1])
    v = read_vectors(os.path.join(version, "embeddings.arrow"))
    knn = (np.load(os.path.join(version, "knn_idx.npy")), np.load(os.path.join(version, "knn_dist.npy")))
    u = np.array(v, dtype=np.float32)
    u /= np.maximum(np.linalg.norm(u, axis=1, keepdims=True), 1e-12)
    q = np.sort(np.random.default_rng(0).choice(len(v), a.queries, replace=False))
    truth = compare.truth(u, q)
    del u
    settings = SETTINGS
    runs = []
    for r in range(a.rounds):
        for name, opts in settings.items():
            took: dict = {}

            def sample_knn(vectors, sample, k, _o=opts, _took=took):
                t = time.perf_counter()
                sv = np.ascontiguousarray(vectors[sample], dtype=np.float32)
                idx = build_index(sv, IndexOptions(**_o))
                graph = knn_graph(idx, sv, k)
                _took["sample_index_s"] = round(time.perf_counter() - t, 2)
                return idx, graph

            S.sample_knn = sample_knn
            probe = speed_probe()
            t = time.perf_counter()
            xy = P.layout(v, None, knn=knn).xy
            run = {"round": r + 1, "setting": name, "layout_s": round(time.perf_counter() - t, 2), **took,
                   "nn10_kept": round(compare.preservation(xy, q, truth["nn"]), 4), "probe_before": probe}
            print(json.dumps(run), flush=True)
            runs.append(run)
    out = {"command": " ".join(sys.argv), "version": version, "rows": len(v), "queries": a.queries,
           "settings": settings, "machine": facts(), "runs": runs}
    Path(a.out).write_text(json.dumps(out, indent=1))
    print("wrote", a.out)


if __name__ == "__main__":
    main()
