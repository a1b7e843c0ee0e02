"""Topic quality and cost on the whole Debian corpus; write bench/out/topics.json.

    python bench/topics.py            # ~10–15 min on 2 cores the first time (idle)
    python bench/topics.py --scale 1000000   # time the topic step alone at 1M rows

Builds the full map (63,666 rows, shipped MiniLM vectors, topics on, dedupe/tiles off)
with the real flow, then scores each depth against Debian's own `section` with adjusted
mutual information (AMI), next to:
  - BERTopic out of the box (UMAP + HDBSCAN) on the same vectors, outliers (-1) as a class;
  - that model reduced to our K at each depth (`reduce_topics(nr_topics=K)`);
  - plain k-means with the same K; ours and k-means over 8 seeds each (mean, range, and
    the difference of the means with its standard error).
BERTopic out of the box takes minutes: its labels are cached in
bench/out/topics_bertopic.npz (plain arrays, no pickle); delete it to refit.
Also reports the topic stage's seconds next to the UMAP (project) stage's.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from machine import facts as machine_facts  # noqa: E402  (bench/machine.py)
SHARED = Path(os.environ.get("DATAMAP_SHARED_DATA", REPO.parent / "shared" / "data"))
OUT = REPO / "bench" / "out"


def build_full_map(workdir: Path) -> tuple[object, dict]:
    from datamap.flows.build_map import build_map
    from datamap.resources import open_map

    store = str(workdir / "store")
    res = build_map(source=str(SHARED / "debian-packages.parquet"), dataset="debian", store=store,
                    options={"text_field": "text", "id_field": "id",
                             "embeddings": str(SHARED / "debian-packages-minilm.npy"),
                             "dedupe": None, "tiles": None})
    return open_map("debian", store), res


def bertopic_labels(ks: list[int], cache: Path) -> dict:
    """BERTopic defaults on our vectors, then reduced to each K. Cached (npz of int arrays).

    Fitted in a fresh process: after a Prefect build in this one, pynndescent's numba
    kernels fail to compile (``get_num_threads`` typing error) — seen here with numba
    0.68 / pynndescent 0.7."""
    def cached():
        if cache.exists():
            z = dict(np.load(cache))
            if "default" in z and all(f"reduced_{k}" in z for k in ks):
                return {"default": z["default"], **{k: z[f"reduced_{k}"] for k in ks},
                        "fit_seconds": float(z["fit_seconds"])}
        return None

    got = cached()
    if got is None:
        subprocess.run([sys.executable, __file__, "--bertopic-only", "--ks", ",".join(map(str, ks)),
                        "--cache", str(cache)], check=True)
        got = cached()
    else:
        print(f"BERTopic labels from cache {cache}", flush=True)
    return got


def fit_bertopic_default(docs, vectors, ks: list[int], cache: Path) -> None:
    from bertopic import BERTopic

    print("fitting BERTopic out of the box (UMAP + HDBSCAN) … minutes", flush=True)
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = BERTopic(calculate_probabilities=False, verbose=True)
        model.fit(docs, embeddings=vectors)
    fit_s = time.perf_counter() - t
    out = {"default": np.asarray(model.topics_, dtype=np.int32), "fit_seconds": fit_s}
    for k in ks:
        m2 = copy.deepcopy(model)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            m2.reduce_topics(docs, nr_topics=k)
        out[k] = np.asarray(m2.topics_, dtype=np.int32)
        print(f"  reduced to {k}: {len(set(out[k].tolist()))} classes", flush=True)
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(cache, default=out["default"], fit_seconds=fit_s,
                        **{f"reduced_{k}": out[k] for k in ks})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(OUT / "topics.json"))
    ap.add_argument("--cache", default=str(OUT / "topics_bertopic.npz"))
    ap.add_argument("--kmeans-seeds", type=int, default=8,
                    help="seeds for our partition and for k-means at each K (AMI varies ±0.01 by seed)")
    ap.add_argument("--sample-fit-seeds", type=int, default=3)
    ap.add_argument("--sample-fit", type=int, default=20_000, help="rows the sample-fit check fits on")
    ap.add_argument("--scale", type=int, default=0,
                    help="instead: time build_topics on this many rows (Debian vectors tiled + noise)")
    ap.add_argument("--bertopic-only", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--ks", default="", help=argparse.SUPPRESS)
    a = ap.parse_args()
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

    import polars as pl
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_mutual_info_score as ami

    from datamap.resources import schema
    from datamap.tasks.topics.model import cluster_hierarchy

    corpus = pl.read_parquet(SHARED / "debian-packages.parquet")
    vectors = np.load(SHARED / "debian-packages-minilm.npy").astype(np.float32)
    docs = corpus["text"].to_list()
    section = corpus["section"].to_numpy()
    if a.scale:
        return scale_run(a.scale, docs, vectors, Path(a.out).with_name(f"topics_scale_{a.scale}.json"))
    if a.bertopic_only:
        fit_bertopic_default(docs, vectors, [int(k) for k in a.ks.split(",")], Path(a.cache))
        return

    load_at_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as d:
        os.environ.setdefault("DATAMAP_WORK_DIR", os.path.join(d, "work"))
        t = time.perf_counter()
        m, res = build_full_map(Path(d))
        build_s = time.perf_counter() - t
        topics = pl.from_arrow(m.topics.tb)
        meta = pl.from_pandas(m.topics.metadata)
        summary = m.manifest["topics"]
    assert topics["id"].to_list() == corpus["id"].to_list()
    depths = summary["depths"]
    ks = [meta.filter(pl.col("depth") == dd).height for dd in range(1, depths + 1)]

    bt = bertopic_labels(ks, Path(a.cache))
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    # our partition with other seeds too: k-means is seed-sensitive (±0.02 AMI), so the
    # fair comparison is seeds against seeds, not one lucky run
    ours_seeds = [cluster_hierarchy(vectors, ks, seed=s) for s in range(a.kmeans_seeds)]
    # issue 7's scale path: k-means fitted on a sample, the rest by nearest fine centroid;
    # scored against `section` and against the full fit of the same seed
    sample_fit = []
    for s in range(a.sample_fit_seeds):
        t = time.perf_counter()
        lab = cluster_hierarchy(vectors, ks, seed=s, max_fit_points=a.sample_fit)
        sample_fit.append({"seed": s, "seconds": time.perf_counter() - t,
                           "ami_section": [ami(section, lab[:, i]) for i in range(depths)],
                           "ami_vs_full_fit": [ami(ours_seeds[s][:, i], lab[:, i]) for i in range(depths)]})
        print(json.dumps(sample_fit[-1]), flush=True)
    rows = []
    for dd, k in zip(range(1, depths + 1), ks):
        ours = topics[schema.topic_id_column(dd)].to_numpy()
        km, km_labels = [], []
        for s in range(a.kmeans_seeds):
            km_labels.append(KMeans(k, n_init=1, random_state=s).fit(unit).labels_)
            km.append(ami(section, km_labels[-1]))
        oss = [ami(section, o[:, dd - 1]) for o in ours_seeds]
        # how much two fits with different seeds agree: the yardstick for "AMI vs full fit"
        # of the sample fit, and for whether a rebuild moves topics around
        pairs = [(i, j) for i in range(len(ours_seeds)) for j in range(i + 1, len(ours_seeds))]
        ours_agree = [ami(ours_seeds[i][:, dd - 1], ours_seeds[j][:, dd - 1]) for i, j in pairs]
        km_agree = [ami(km_labels[i], km_labels[j]) for i, j in pairs]
        red = bt[k]
        se_o, se_k = np.std(oss, ddof=1) / np.sqrt(len(oss)), np.std(km, ddof=1) / np.sqrt(len(km))
        rows.append({"depth": dd, "k": k, "ours": ami(section, ours),
                     "ours_seeds": oss, "kmeans_seeds_ami": km,
                     "ours_minus_kmeans": float(np.mean(oss) - np.mean(km)),
                     "ours_minus_kmeans_se": float(np.hypot(se_o, se_k)),
                     "kmeans_seed_std": float(np.std(km, ddof=1)),
                     "ours_seeds_mean": float(np.mean(oss)), "ours_seeds_min": float(np.min(oss)),
                     "ours_seeds_max": float(np.max(oss)),
                     "ours_seed_pairs_ami": [float(np.mean(ours_agree)), float(np.min(ours_agree)),
                                             float(np.max(ours_agree))],
                     "kmeans_seed_pairs_ami": [float(np.mean(km_agree)), float(np.min(km_agree)),
                                               float(np.max(km_agree))],
                     "bertopic_reduced": ami(section, red),
                     "bertopic_reduced_classes": int(len(np.unique(red))),
                     "bertopic_reduced_outlier_share": float(np.mean(red == -1)),
                     "kmeans_mean": float(np.mean(km)), "kmeans_min": float(np.min(km)),
                     "kmeans_max": float(np.max(km)), "kmeans_seeds": a.kmeans_seeds})
        print(json.dumps(rows[-1]), flush=True)
    default = bt["default"]
    bt_default = {"ami": ami(section, default), "topics": int(len(set(default.tolist())) - (-1 in default)),
                  "outlier_share": float(np.mean(default == -1)), "fit_seconds": bt["fit_seconds"]}
    timings = res["timings"]
    d1 = meta.filter(pl.col("depth") == 1).sort("count", descending=True)
    d3 = meta.filter(pl.col("depth") == depths).sample(10, seed=0)
    label_of = dict(zip(meta["topic_id"].to_list(), meta["topic_short_description"].to_list()))
    out = {
        "rows": len(docs),
        "machine": {**machine_facts(), "load_avg_1m_at_start": load_at_start,
                    "load_avg_1m_at_end": os.getloadavg()[0]},
        "ami": rows,
        "bertopic_default": bt_default,
        "sample_fit": {"fit_rows": a.sample_fit, "runs": sample_fit},
        "method": ("middle-out: flat k-means at the middle depth, finer depths split by spread; coarser depths "
                   "from a flat k-means at their K (finer topics merged whole by majority, then border points moved)"),
        "seconds": {"topics_stage": timings.get("topics"), "umap_project_stage": timings.get("project"),
                    "index_stage": timings.get("index"), "build_wall": build_s,
                    "topics_parts": summary.get("seconds")},
        "depth1_labels": [{"label": r["topic_short_description"], "count": r["count"],
                           "keywords": r["topic_description"]} for r in d1.iter_rows(named=True)],
        "depth3_sample": [{"label": r["topic_short_description"], "count": r["count"],
                           "path": " > ".join([label_of[_ancestor(meta, r["topic_id"], 1)],
                                               label_of[_ancestor(meta, r["topic_id"], 2)],
                                               r["topic_short_description"]]),
                           "keywords": r["topic_description"]} for r in d3.iter_rows(named=True)],
    }
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(out, indent=2))

    print(f"\nAMI vs Debian `section` ({len(docs):,} packages)")
    print(f"{'depth':>5} {'K':>5} {'ours (map)':>10} {'ours, seeds (mean [min–max])':>30} "
          f"{'BERTopic→K':>11} {'k-means K, seeds (mean [min–max])':>34}")
    for r in rows:
        print(f"{r['depth']:>5} {r['k']:>5} {r['ours']:>10.3f} {r['ours_seeds_mean']:>14.3f} "
              f"[{r['ours_seeds_min']:.3f}–{r['ours_seeds_max']:.3f}] {r['bertopic_reduced']:>11.3f} "
              f"{r['kmeans_mean']:>18.3f} [{r['kmeans_min']:.3f}–{r['kmeans_max']:.3f}]")
    print("ours − k-means (seed means; ± standard error of the difference): "
          + "; ".join(f"depth {r['depth']} {r['ours_minus_kmeans']:+.3f} ± {r['ours_minus_kmeans_se']:.3f}"
                      f" (k-means seed std {r['kmeans_seed_std']:.3f})" for r in rows))
    print("two fits, different seeds (AMI between them, mean [min–max] over seed pairs): "
          + "; ".join(f"depth {r['depth']} ours {r['ours_seed_pairs_ami'][0]:.3f} "
                      f"[{r['ours_seed_pairs_ami'][1]:.3f}–{r['ours_seed_pairs_ami'][2]:.3f}], k-means "
                      f"{r['kmeans_seed_pairs_ami'][0]:.3f} [{r['kmeans_seed_pairs_ami'][1]:.3f}–"
                      f"{r['kmeans_seed_pairs_ami'][2]:.3f}]" for r in rows))
    for r in sample_fit:
        print(f"sample fit ({a.sample_fit:,} rows, seed {r['seed']}): AMI vs section "
              + " / ".join(f"{v:.3f}" for v in r["ami_section"]) + "; AMI vs full fit "
              + " / ".join(f"{v:.3f}" for v in r["ami_vs_full_fit"]) + f"; {r['seconds']:.0f} s")
    print(f"BERTopic out of the box: AMI {bt_default['ami']:.3f}, {bt_default['topics']} topics, "
          f"{bt_default['outlier_share']:.1%} outliers, fit {bt_default['fit_seconds']:.0f} s")
    s = out["seconds"]
    print(f"topics stage {s['topics_stage']:.1f} s vs UMAP (project) stage {s['umap_project_stage']:.1f} s")
    print("\ndepth-1 labels:", "; ".join(f"{x['label']} ({x['count']})" for x in out["depth1_labels"]))
    print("depth-3 sample:")
    for x in out["depth3_sample"]:
        print(f"  {x['path']}  [{x['keywords']}]")
    print(f"wrote {a.out}")


def scale_run(n: int, docs: list[str], vectors: np.ndarray, out: Path) -> None:
    """The topic step at n rows: Debian rows tiled, vectors jittered so no two are equal."""
    import resource

    from datamap.tasks.topics.model import TopicOptions, build_topics

    rng = np.random.default_rng(0)
    rows = np.arange(n) % len(vectors)
    x = vectors[rows]
    x += rng.standard_normal(x.shape, dtype=np.float32) * 0.01
    texts = [docs[i] for i in rows]
    t = time.perf_counter()
    res = build_topics(texts, x, None, TopicOptions())
    wall = time.perf_counter() - t
    got = {"rows": n, "dim": int(x.shape[1]), "wall_seconds": wall,
           "parts": {k: round(v, 2) for k, v in res.seconds.items()},
           "n_topics": [int(len(np.unique(res.ids[:, d]))) for d in range(res.ids.shape[1])],
           "max_rss_gib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20,
           "load_avg_1m_at_end": os.getloadavg()[0], "cpus": os.cpu_count()}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(got, indent=2))
    print(json.dumps(got, indent=2))


def _ancestor(meta, topic_id: int, depth: int) -> int:
    parent = dict(zip(meta["topic_id"].to_list(), meta["parent"].to_list()))
    dep = dict(zip(meta["topic_id"].to_list(), meta["depth"].to_list()))
    t = topic_id
    while dep[t] > depth:
        t = parent[t]
    return t

if __name__ == "__main__":
    main()
