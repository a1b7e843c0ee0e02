"""Embedding speed and quality of each embed mode, side by side, on real Debian text.

    python bench/embed_speed.py                      # 2,000 full descriptions + 2,000 snippets
    python bench/embed_speed.py --modes quality,fast --n 500

Every mode embeds the same texts through the production path (tasks.embed.embed_texts:
longest first, chunks of 512, no cache): 2,000 full descriptions and 2,000 40-word
snippets (first 40 words of other descriptions). Reported per mode and text set:
docs/s (wall), docs per CPU-second (the machine is shared; CPU time is less sensitive
to other people's load), and the load average around the run.

Quality: cosine to the reference vectors (/work/shared/data/debian-packages-minilm.npy,
sentence-transformers fp32) on the full descriptions and to this run's torch vectors on
the snippets; the share of each doc's 10 reference neighbours a mode recovers; and
topic NMI vs the Debian ``section`` (k-means, same K and seed, on both vector sets).
The static (fast) model is also scored on --recovery-n (10,000) documents.
Model export / distillation happens before timing (first-use cost reported separately).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("DATAMAP_SHARED_DATA", REPO.parent / "shared" / "data"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402
import polars as pl  # noqa: E402


def load_avg() -> float:
    return os.getloadavg()[0]


def knn(x: np.ndarray, k: int = 10) -> np.ndarray:
    out = np.empty((len(x), k), dtype=np.int64)
    for s in range(0, len(x), 2048):
        sim = x[s:s + 2048] @ x.T
        sim[np.arange(len(sim)), np.arange(s, s + len(sim))] = -np.inf
        out[s:s + 2048] = np.argpartition(-sim, k, axis=1)[:, :k]
    return out


def recovery(ref: np.ndarray, got: np.ndarray, k: int = 10) -> float:
    a, b = knn(ref, k), knn(got, k)
    return float(np.mean([len(set(a[i]) & set(b[i])) / k for i in range(len(a))]))


def nmi(vectors: np.ndarray, labels: list[str], k: int, seed: int = 0) -> float:
    from sklearn.cluster import KMeans
    from sklearn.metrics import normalized_mutual_info_score
    pred = KMeans(n_clusters=k, n_init=3, random_state=seed).fit_predict(vectors)
    return float(normalized_mutual_info_score(labels, pred))


def timed_embed(emb, texts: list[str]) -> tuple[np.ndarray, dict]:
    from datamap.tasks.embed.encode import embed_texts
    la0, t0, c0 = load_avg(), time.perf_counter(), time.process_time()
    v = embed_texts(texts, emb, None).vectors
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return v, {"docs": len(texts), "seconds": round(wall, 3), "cpu_seconds": round(cpu, 3),
               "docs_per_s": round(len(texts) / wall, 1), "docs_per_cpu_s": round(len(texts) / cpu, 1),
               "load_avg_1m": [round(la0, 2), round(load_avg(), 2)]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--modes", default="torch,exact,quality,fast")
    ap.add_argument("--n", type=int, default=2000, help="texts per set (full and snippets)")
    ap.add_argument("--snippet-words", type=int, default=40)
    ap.add_argument("--recovery-n", type=int, default=10000, help="docs for the fast mode's quality scores")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "embed_speed.json"))
    a = ap.parse_args()

    from datamap.tasks.embed.encode import EmbedOptions, load_embedder, resolve_embedder

    df = pl.read_parquet(SHARED / "debian-packages.parquet").with_row_index("_row")
    ref_all = np.load(SHARED / "debian-packages-minilm.npy").astype(np.float32)
    max_chars = EmbedOptions().max_chars
    full = df.sample(n=a.n, seed=a.seed)
    snip = df.sample(n=a.n, seed=a.seed + 1)
    sets = {
        "full": [t[:max_chars] for t in full["text"].to_list()],
        "snippet": [" ".join(t.split()[:a.snippet_words]) for t in snip["text"].to_list()],
    }
    ref_full = ref_all[full["_row"].to_numpy()]
    k_sections = full["section"].n_unique()
    big = df.sample(n=min(a.recovery_n, len(df)), seed=a.seed + 2)
    big_ref = ref_all[big["_row"].to_numpy()]
    k_big = big["section"].n_unique()

    res: dict = {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "inputs": {"n": a.n, "snippet_words": a.snippet_words, "seed": a.seed,
                   "full_mean_chars": round(float(np.mean([len(t) for t in sets["full"]])), 1),
                   "snippet_mean_chars": round(float(np.mean([len(t) for t in sets["snippet"]])), 1)},
        "reference": {"nmi_section_full": round(nmi(ref_full, full["section"].to_list(), k_sections), 4),
                      "k": k_sections},
        "modes": {},
    }
    torch_snip = None
    for mode in [m.strip() for m in a.modes.split(",") if m.strip()]:
        opts = EmbedOptions(mode=mode)
        _, model_id, eff = resolve_embedder(opts)
        t0 = time.perf_counter()
        emb = load_embedder(opts)           # exports / distils at first use
        r: dict = {"model_id": model_id, "effective_mode": eff, "dim": emb.dim,
                   "load_seconds": round(time.perf_counter() - t0, 2)}
        emb.encode(sets["full"][:16])       # warm-up: first-run allocations, thread pools
        print(f"[{mode}] loaded in {r['load_seconds']} s; load avg {load_avg():.2f}", flush=True)
        for name, texts in sets.items():
            v, t = timed_embed(emb, texts)
            r[name] = t
            if name == "full":
                cos = (v * ref_full).sum(1) if v.shape[1] == ref_full.shape[1] else None
                if cos is not None:
                    r[name]["cosine_to_reference"] = {
                        "mean": round(float(cos.mean()), 5), "min": round(float(cos.min()), 5),
                        "p01": round(float(np.quantile(cos, 0.01)), 5),
                        "share_ge_0.99": round(float((cos >= 0.99).mean()), 4)}
                r[name]["neighbour_recovery_at_10"] = round(recovery(ref_full, v), 4)
                r[name]["nmi_section"] = round(nmi(v, full["section"].to_list(), k_sections), 4)
            else:
                if mode == "torch":
                    torch_snip = v
                elif torch_snip is not None and v.shape[1] == torch_snip.shape[1]:
                    cos = (v * torch_snip).sum(1)
                    r[name]["cosine_to_torch"] = {"mean": round(float(cos.mean()), 5),
                                                  "min": round(float(cos.min()), 5)}
            print(f"[{mode}] {name}: {t['docs_per_s']} docs/s ({t['docs_per_cpu_s']}/cpu-s) "
                  f"load {t['load_avg_1m']}", flush=True)
        if mode == "fast":
            vb, tb = timed_embed(emb, big["text"].to_list())
            r["recovery_set"] = {**tb, "neighbour_recovery_at_10": round(recovery(big_ref, vb), 4),
                                 "nmi_section": round(nmi(vb, big["section"].to_list(), k_big), 4),
                                 "reference_nmi_section": round(nmi(big_ref, big["section"].to_list(), k_big), 4),
                                 "k": k_big}
            print(f"[fast] {len(big)} docs: {r['recovery_set']}", flush=True)
        res["modes"][mode] = r
        del emb
    base = res["modes"].get("torch")
    if base:
        for mode, r in res["modes"].items():
            r["speedup_vs_torch"] = {s: round(r[s]["docs_per_s"] / base[s]["docs_per_s"], 2) for s in sets}
            r["cpu_speedup_vs_torch"] = {s: round(r[s]["docs_per_cpu_s"] / base[s]["docs_per_cpu_s"], 2)
                                         for s in sets}
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(res, f, indent=2)
    print(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
