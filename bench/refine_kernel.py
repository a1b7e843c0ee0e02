"""The big-map refinement's epochs: umap-learn's ``simplicial_set_embedding`` (the build's
call before 2026-12-05) against ours (``tasks.project.epochs``), alternated in one
process on a stored map's own k-NN graph, from the build's own placed start.

For each map: the exact 10-NN of 5,000 rows (cached beside OUT), one sample fit and
placement (``sample_fit.place_from_graph``, cached), then ROUNDS alternating runs of each
kernel at each EPOCHS:ALPHA of ``--variants`` (epochs, starting learning rate); time of
the whole ``refine`` call and 10-NN preservation (strict and with ties counted,
bench/compare.py).

    .venv/bin/python bench/refine_kernel.py --map /tmp/cmp/1000000/store:cmp \\
        --map /tmp/pypi-bench/store-fast-784692:pypi --rounds 2 --out bench/out/refine_kernel.json
    .venv/bin/python bench/refine_kernel.py --map /tmp/cmp/1000000/store:cmp \\
        --variants 100:1.0,140:1.0,200:1.0 --kernels ours --rounds 1 --out bench/out/refine_kernel_epochs.json
    .venv/bin/python bench/refine_kernel.py --map /tmp/cmp/1000000/store:cmp \\
        --kernels before,ours --before f0f2ed2 --rounds 2 --out bench/out/refine_kernel_order.json

``--before REV``: the kernel ``before`` is ``tasks/project/epochs.py`` as it was at git
revision REV, run the way ``ours`` runs the build's (an A/B of a change to the epochs).
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402
from machine import run_header  # noqa: E402

from datamap.resources import schema  # noqa: E402
from datamap.resources.reader import open_map  # noqa: E402
from datamap.resources.store import Store  # noqa: E402
from datamap.tasks.index import EXACT_KNN_ROWS  # noqa: E402
from datamap.tasks.project import sample_fit as S  # noqa: E402
from datamap.tasks.project import umap as U  # noqa: E402


def umap_learns(xy, knn, epochs, alpha, seed):
    """The refinement as the build ran it before: umap-learn's own epochs."""
    from umap.umap_ import find_ab_params, simplicial_set_embedding

    rs = np.random.RandomState(seed)
    graph = S.fuzzy_graph(knn, 15, rs)
    a, b = find_ab_params(1.0, 0.1)
    start = S.separate_coincident(xy, knn, rs)
    out, _ = simplicial_set_embedding(None, graph, 2, float(alpha), a, b, 1.0, 5, int(epochs), start, rs,
                                      "cosine", {}, False, {}, False,
                                      parallel=seed is None or len(xy) >= EXACT_KNN_ROWS)
    return np.asarray(out, dtype=np.float32)


def ours(xy, knn, epochs, alpha, seed, negatives=None):
    """The build's refinement, or the same epochs with ``negatives`` negative samples per
    sampled edge, weighted to sum to umap-learn's five (tried on 2026-12-05, not taken)."""
    if negatives is None:
        return S.refine(xy, knn, 15, 0.1, epochs, seed, alpha=alpha)
    from umap.umap_ import find_ab_params

    from datamap.tasks.project import epochs as E

    rs = np.random.RandomState(seed)
    graph = S.fuzzy_graph(knn, 15, rs)
    a, b = find_ab_params(1.0, 0.1)
    return E.optimize(S.separate_coincident(xy, knn, rs), graph, int(epochs), a, b, float(alpha), seed,
                      parallel=True, negative_sample_rate=negatives, gamma=E.NEGATIVE_SAMPLE_RATE / negatives)


def epochs_at(rev: str, cache: Path):
    """``tasks/project/epochs.py`` of git revision ``rev``, imported as its own module
    (from a file, so numba can cache its kernels)."""
    src = subprocess.run(["git", "-C", str(Path(__file__).resolve().parent.parent), "show",
                          f"{rev}:tasks/project/epochs.py"], check=True, capture_output=True, text=True).stdout
    path = cache / f"epochs_{rev}.py"
    path.write_text(src)
    if str(cache) not in sys.path:      # numba's cache finds a kernel's module by importing it
        sys.path.insert(0, str(cache))
    return importlib.import_module(f"epochs_{rev}")


def kernel_of(module):
    """The build's refinement (``sample_fit.refine``'s steps) with ``module``'s epochs."""
    def run(xy, knn, epochs, alpha, seed, negatives=None):
        from umap.umap_ import find_ab_params

        rs = np.random.RandomState(seed)
        a, b = find_ab_params(1.0, 0.1)
        start = S.separate_coincident(xy, knn, rs)
        return module.optimize(start, S.fuzzy_graph(knn, 15, rs), int(epochs), a, b, float(alpha), seed,
                               parallel=True)
    return run


KERNELS = {"umap_learn": umap_learns, "ours": ours}


def prepared(store: str, dataset: str, cache: Path):
    """(unit vectors, graph, queries, truth, placed start) for one stored map."""
    m = open_map(dataset, store=Store(store))
    v = np.array(m.embeddings.latent, dtype=np.float32)
    v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    knn = (np.load(m.local_file(schema.KNN_IDX)), np.load(m.local_file(schema.KNN_DIST)))
    n = len(v)
    f = cache / f"refine_kernel_{dataset}_{n}.npz"
    if f.exists():
        z = np.load(f)
        return v, knn, z["q"], {"nn": z["nn"], "kth": z["kth"]}, z["placed"], json.loads(str(z["info"]))
    q = np.sort(np.random.default_rng(1).choice(n, 5000, replace=False))
    tr = compare.truth(v, q)
    plan = S.plan_sample(n, S.SAMPLE_SIZE, 42)
    sidx, sknn = S.sample_knn(v, plan.sample, 16)
    xy_s = U.project(v[plan.sample], U.ProjectionOptions(method="umap", sample_size=0), knn=sknn)
    placed, info = S.place_from_graph(xy_s, plan, n, knn, sidx, v, 0.0, 42)
    np.savez(f, q=q, nn=tr["nn"], kth=tr["kth"], placed=placed, info=json.dumps(info))
    return v, knn, q, tr, placed, info


def cache_dir() -> Path:
    """Where ``prepared`` keeps each map's queries, truth and placed start (under
    ``DATAMAP_BENCH_DIR``), with numba's kernel cache switched on: every script that
    refines a stored map's layout starts here."""
    U.ensure_numba_cache()
    cache = Path(os.environ.get("DATAMAP_BENCH_DIR", "/tmp")) / "refine_kernel"
    cache.mkdir(parents=True, exist_ok=True)
    return cache


def parse_variant(spec: str) -> tuple[int, float, int | None]:
    """EPOCHS:ALPHA[:NEGATIVES] → (epochs, alpha, weighted negatives per edge or None)."""
    p = spec.split(":")
    return int(p[0]), float(p[1]), int(p[2]) if len(p) > 2 else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--map", action="append", required=True, help="STORE:DATASET (repeatable)")
    ap.add_argument("--variants", default=f"{S.REFINE_EPOCHS}:{S.REFINE_ALPHA}",
                    help="EPOCHS:ALPHA[:NEGATIVES],... (ours: NEGATIVES weighted negative samples per edge)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--kernels", default="umap_learn,ours")
    ap.add_argument("--before", help="git revision whose tasks/project/epochs.py is the kernel 'before'")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    cache = cache_dir()
    if args.before:
        KERNELS["before"] = kernel_of(epochs_at(args.before, cache))
    out = run_header(variants=args.variants, before=args.before)
    kernels = args.kernels.split(",")
    from datamap.tasks.index import exact_knn

    rv = np.random.default_rng(0).normal(size=(EXACT_KNN_ROWS, 16)).astype(np.float32)
    rv /= np.linalg.norm(rv, axis=1, keepdims=True)
    small = (rv[:, :2] * 10).astype(np.float32)
    for name in kernels:     # compile both kernels before anything is timed
        KERNELS[name](small, exact_knn(rv, np.arange(len(rv)), 16), 2, 0.25, None)
    for spec in args.map:
        store, dataset = spec.rsplit(":", 1)
        v, knn, q, tr, placed, info = prepared(store, dataset, cache)
        runs = []
        variants = [parse_variant(x) for x in args.variants.split(",")]
        for r in range(args.rounds):
            for name, (epochs, alpha, neg) in [(k, v_) for v_ in variants
                                               for k in (kernels if r % 2 == 0 else kernels[::-1])]:
                extra = {} if name == "umap_learn" else {"negatives": neg}
                t = time.perf_counter()
                xy = KERNELS[name](placed, knn, epochs, alpha, None, **extra)
                dt = time.perf_counter() - t
                runs.append({"round": r, "kernel": name, "epochs": epochs, "alpha": alpha,
                             "negatives": 5 if name == "umap_learn" or neg is None else neg,
                             "weighted": name != "umap_learn" and neg is not None, "seconds": round(dt, 2),
                             "kept_10nn": round(compare.preservation(xy, q, tr["nn"]), 4),
                             "kept_10nn_ties": round(compare.preservation_ties(xy, q, v, tr["kth"]), 4)})
                print(dataset, runs[-1], flush=True)
        out["maps"][dataset] = {"rows": len(v), "placement": info, "placed_kept_10nn": round(compare.preservation(placed, q, tr["nn"]), 4),
                                "runs": runs}
        Path(args.out).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
