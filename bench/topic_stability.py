"""How much the topic partition moves when its input barely does, by k-means starts.

Why: the v3 and v4 quality maps of the whole PyPI corpus (vectors agreeing to cosine
≥ 0.999) came out with topics that agree only 0.57 / 0.70 / 0.71 (AMI by depth): one
k-means++ start per level lands in whichever local optimum its first picks lead to. This
measures, for ``tasks.topics.clustering.fit_hierarchy`` at the build's sizes (16 / 64 /
256) and each ``--starts`` value, the AMI between two fits that differ by

* ``noise``: every vector moved by Gaussian noise (σ = 0.003 per dimension: cosine ≈ 0.998
  to the original, the size of an embedding-recipe change), same seed;
* ``seed``: another seed, same vectors;
* ``grown``: the same vectors plus 2 % more rows (the 2 % held out of the first fit; AMI on
  the rows both have), same seed: a full rebuild after the table grew,

each averaged over two seeds (42, 7), plus the cluster seconds, the mean cosine of a row to
its topic centroid (the objective: higher is tighter) and, on Debian, AMI against the
``section`` column. Corpora: the shared Debian MiniLM vectors, and PyPI summaries'
quality vectors read from a built map (``--pypi-store``, ``bench/pypi.py --mode quality``),
a 100,000-row random sample (the build fits its k-means on at most 100,000 rows).

``--pair A B`` also refits the topics of two built maps of the same rows (dataset
``pypi``: the v3 and v4 quality maps of the whole corpus) at the build's sizes for their
row count, seed 42, and reports the AMI between the two fits per ``--starts`` value: the
case that showed the problem.

    python bench/topic_stability.py --starts 1,3 --pypi-store /tmp/pypi-v4/store-quality-784692 \\
        --pair /tmp/pypi-bench/store-quality-784692 /tmp/pypi-v4/store-quality-784692 \\
        --out bench/out/topic_stability.json

``--seeding ours,all-rows,sklearn`` fits every variant with each k-means++ seeding
(``tasks.topics.clustering.SEEDING``): on a float64 copy of a row sample, as the build
does; the same from every row; and scikit-learn's float32 path, which they replaced
(``bench/out/topic_seeding.json``, ``topic_seeding_sample.json``).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SHARED = Path(os.environ.get("DATAMAP_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
SIZES = [16, 64, 256]
SEEDS = (42, 7)
from datamap.tasks.kmeans_seeding import plus_plus_all_rows  # noqa: E402

# tasks.topics.clustering.SEEDING for each: ours (a float64 copy of a row sample), all-rows
# (the same from every row, before 2026-12-05 night), sklearn (scikit-learn's float32 path)
SEEDINGS = {"ours": None, "all-rows": plus_plus_all_rows, "sklearn": "k-means++"}


def debian() -> tuple[np.ndarray, np.ndarray]:
    import polars as pl

    v = np.load(SHARED / "debian-packages-minilm.npy")
    sec = pl.read_parquet(SHARED / "debian-packages.parquet", columns=["section"])["section"].to_numpy()
    return v, sec


def pypi(store: str, rows: int) -> np.ndarray:
    from datamap.resources.reader import open_map

    e = open_map("pypi", store=store).embeddings.latent
    idx = np.sort(np.random.default_rng(1).choice(len(e), min(rows, len(e)), replace=False))
    return np.asarray(e[idx], dtype=np.float32)


def tightness(x: np.ndarray, labels: np.ndarray) -> list[float]:
    """Mean cosine of each row to its topic's centroid, per depth."""
    from datamap.tasks.topics.clustering import normalize

    xn = normalize(x)
    out = []
    for d in range(labels.shape[1]):
        cent = np.zeros((int(labels[:, d].max()) + 1, xn.shape[1]), np.float32)
        np.add.at(cent, labels[:, d], xn)
        out.append(round(float((xn * normalize(cent)[labels[:, d]]).sum(1).mean()), 4))
    return out


def fit(x: np.ndarray, seed: int, starts: int) -> tuple[np.ndarray, float]:
    from datamap.tasks.topics.clustering import fit_hierarchy

    t = time.perf_counter()
    lab = fit_hierarchy(x, SIZES, seed=seed, starts=starts).labels
    return lab, time.perf_counter() - t


def ami(a: np.ndarray, b: np.ndarray) -> list[float]:
    from sklearn.metrics import adjusted_mutual_info_score

    return [float(adjusted_mutual_info_score(a[:, d], b[:, d])) for d in range(a.shape[1])]


def measure(v: np.ndarray, section: np.ndarray | None, starts: int) -> dict:
    """Every perturbation for one ``starts`` value (module doc)."""
    noise_rng = np.random.default_rng(0)
    keep = np.sort(np.random.default_rng(3).choice(len(v), int(len(v) * 0.98), replace=False))
    pairs: dict[str, list[list[float]]] = {"noise": [], "seed": [], "grown": []}
    secs, tight, by_section, base = [], [], [], {}
    for seed in SEEDS:
        lab, s = fit(v, seed, starts)
        base[seed] = lab
        secs.append(s)
        tight.append(tightness(v, lab))
        if section is not None:
            by_section.append(ami(section[:, None].repeat(lab.shape[1], 1), lab))
        noisy = v + noise_rng.normal(0, 0.003, v.shape).astype(np.float32)
        lab_n, s = fit(noisy, seed, starts)
        secs.append(s)
        pairs["noise"].append(ami(lab, lab_n))
        lab_k, s = fit(v[keep], seed, starts)
        secs.append(s)
        pairs["grown"].append(ami(lab[keep], lab_k))
    pairs["seed"].append(ami(base[SEEDS[0]], base[SEEDS[1]]))
    mean = lambda rows: [round(float(np.mean(c)), 3) for c in zip(*rows)]  # noqa: E731
    out = {"starts": starts, "ami_between_fits": {k: mean(r) for k, r in pairs.items()},
           "cluster_s_median": round(float(np.median(secs)), 1), "cluster_s": [round(s, 1) for s in secs],
           "mean_cos_to_centroid": mean(tight)}
    if by_section:
        out["ami_vs_section"] = mean(by_section)
    return out


def pair(stores: list[str], starts: list[int]) -> dict:
    """AMI between the topic fits of two maps of the same rows, per starts value."""
    from datamap.resources.reader import open_map
    from datamap.tasks.topics.clustering import default_sizes, fit_hierarchy

    maps = [open_map("pypi", store=s) for s in stores]
    ids = [np.asarray(m.data.ids) for m in maps]
    vecs = [np.asarray(m.embeddings.latent, dtype=np.float32) for m in maps]
    if len(vecs[0]) != len(vecs[1]) or not np.array_equal(ids[0], ids[1]):
        raise SystemExit("--pair: the two maps do not hold the same rows in the same order")
    sizes = default_sizes(len(vecs[0]))
    out = {"stores": stores, "rows": len(vecs[0]), "sizes": sizes, "variants": []}
    for st in starts:
        labs, secs = [], []
        for v in vecs:
            t = time.perf_counter()
            labs.append(fit_hierarchy(v, sizes, seed=42, starts=st).labels)
            secs.append(round(time.perf_counter() - t, 1))
        r = {"starts": st, "ami": [round(x, 3) for x in ami(labs[0], labs[1])], "seconds": secs}
        print("pair", json.dumps(r), flush=True)
        out["variants"].append(r)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--starts", default="1,3", help="comma-separated k-means starts to compare")
    ap.add_argument("--pypi-store", help="store with a built 'pypi' map (its quality vectors)")
    ap.add_argument("--pypi-rows", type=int, default=100_000)
    ap.add_argument("--pair", nargs=2, metavar="STORE", help="two stores with a 'pypi' map of the same rows")
    ap.add_argument("--only-pair", action="store_true", help="skip the per-corpus perturbations")
    ap.add_argument("--seeding", default="ours",
                    help="comma-separated k-means++ seedings to compare: ours (float64 copy of a "
                         "row sample, tasks.kmeans_seeding), all-rows (the same from every row), "
                         "sklearn (scikit-learn's float32 path)")
    ap.add_argument("--out", default="bench/out/topic_stability.json")
    a = ap.parse_args()
    starts = [int(s) for s in a.starts.split(",")]
    seedings = a.seeding.split(",")
    if not set(seedings) <= set(SEEDINGS):
        raise SystemExit(f"--seeding: each of {', '.join(SEEDINGS)}; got {a.seeding!r}")
    from datamap.tasks.topics import clustering

    corpora: dict[str, tuple[np.ndarray, np.ndarray | None]] = {} if a.only_pair else {"debian": debian()}
    if a.pypi_store and not a.only_pair:
        corpora["pypi"] = (pypi(a.pypi_store, a.pypi_rows), None)
    result = {"sizes": SIZES, "seeds": list(SEEDS), "load_avg_start": list(os.getloadavg()), "corpora": {}}
    for name, (v, section) in corpora.items():
        result["corpora"][name] = {"rows": len(v), "variants": []}
        for s in starts:   # interleaved by corpus, one variant after another, same process
            for seeding in seedings:
                clustering.SEEDING = SEEDINGS[seeding]
                r = {"seeding": seeding, **measure(v, section, s)}
                print(name, json.dumps(r), flush=True)
                result["corpora"][name]["variants"].append(r)
    clustering.SEEDING = None
    if a.pair:
        result["pair"] = pair(a.pair, starts)
    result["load_avg_end"] = list(os.getloadavg())
    Path(a.out).write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
