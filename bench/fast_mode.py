"""Fast (static) mode variants: docs/s vs 10-NN kept vs topic agreement, held-out, two corpora.

    python bench/fast_mode.py                       # 5k fit + 10k/5k held-out, ~10 min on 2 busy cores
    python bench/fast_mode.py --n-fit 2000 --quick  # fewer variants

Corpora: Debian descriptions (reference = the shipped MiniLM vectors) and PyPI summaries
(reference = this package's ``quality`` embedder, cached under ``--cache``). Each corpus
is de-duplicated by text, then split into a *fit* sample and a disjoint *held-out* set;
every number below is on held-out documents only.

Variants (all encoded through the production ``StaticEmbedder``, from a model2vec folder):
- ``distilled`` family: the production recipe (256-d PCA, SIF 1e-4) and its knobs (PCA
  dims, SIF coefficient, corpus idf instead of the Zipf estimate);
- ``map``: the distilled vectors through one ridge-fitted 256→384 linear map;
- ``fit``: the map plus per-token kernel-ridge corrections (``tasks/embed/static_fit.py``)
  for a grid of relative lambdas and fit-sample sizes;
- ``cross``: fitted on one corpus, measured on the other.

Measures: share of a held-out doc's 10 reference neighbours among its 10 fast-mode
neighbours (``embed_speed.recovery``, within the held-out set), NMI of k-means (k = number
of sections) vs Debian ``section`` (``embed_speed.nmi``), docs/s of ``embed_texts`` with a
fresh word memo on unseen texts (20k PyPI, the Debian held-out set). The size curve also
reports topic AMI on Debian (``topic_ami``): the build's own topic hierarchy on the
held-out vectors, against ``section`` and against the reference vectors' topics, for the
reference, the distilled model (fit sample 0) and every fit size.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from machine import cpu_model  # noqa: E402  (bench/machine.py)

import numpy as np  # noqa: E402
import polars as pl  # noqa: E402
from scipy.sparse import vstack  # noqa: E402
from embed_speed import SHARED, load_avg, nmi, recovery  # noqa: E402

from datamap.tasks.embed.encode import EmbedOptions, embed_texts, load_embedder, resolve_model  # noqa: E402
from datamap.tasks.embed.static import distill_vectors, ensure_distilled, save_static, token_vectors  # noqa: E402
from datamap.tasks.embed.static import StaticEmbedder  # noqa: E402
from datamap.tasks.embed import fast_fit  # noqa: E402
from datamap.tasks.embed.static_fit import RELATIVE_LAMBDA, fit_static, fit_vectors, token_matrix  # noqa: E402


def unique_split(texts: list[str], n_fit: int, n_test: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Row indices of a fit sample and a disjoint held-out set, one row per distinct text
    (Debian has 2,479 duplicate descriptions: a copy on both sides would leak)."""
    _, first = np.unique(np.asarray(texts, dtype=object), return_index=True)
    rows = np.random.default_rng(seed).permutation(np.sort(first))
    return rows[:n_fit], rows[n_fit:n_fit + n_test]


def load_debian(n_fit: int, n_test: int, seed: int) -> dict:
    max_chars = EmbedOptions().max_chars
    df = pl.read_parquet(SHARED / "debian-packages.parquet", columns=["text", "section"])
    texts = [t[:max_chars] for t in df["text"].to_list()]
    fit, test = unique_split(texts, n_fit, n_test, seed)
    ref = np.load(SHARED / "debian-packages-minilm.npy", mmap_mode="r")
    sections = df["section"].to_list()
    return {"fit_texts": [texts[i] for i in fit], "fit_y": np.asarray(ref[fit], dtype=np.float32),
            "test_texts": [texts[i] for i in test], "test_y": np.asarray(ref[test], dtype=np.float32),
            "labels": [sections[i] for i in test]}


def quality_vectors(texts: list[str], path: Path) -> np.ndarray:
    """The quality embedder's vectors for ``texts``, cached in ``path`` (~180 short texts/s)."""
    if path.exists():
        return np.load(path)
    t0 = time.perf_counter()
    v = embed_texts(texts, load_embedder(EmbedOptions(mode="quality")), None).vectors
    print(f"quality-embedded {len(texts)} texts in {time.perf_counter() - t0:.0f} s", flush=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, v)
    return v


def load_pypi(n_fit: int, n_test: int, n_speed: int, seed: int, cache: Path) -> dict:
    df = pl.read_parquet(SHARED / "pypi-summaries.parquet", columns=["text"])
    texts = df["text"].to_list()
    fit, test = unique_split(texts, n_fit + n_speed, n_test, seed)
    fit, speed = fit[:n_fit], fit[n_fit:]
    y = quality_vectors([texts[i] for i in np.concatenate([fit, test])],
                        cache / f"pypi-quality-s{seed}-f{n_fit}-t{n_test}.npy")
    return {"fit_texts": [texts[i] for i in fit], "fit_y": y[:n_fit],
            "test_texts": [texts[i] for i in test], "test_y": y[n_fit:],
            "speed_texts": [texts[i] for i in speed], "labels": None}


class Bench:
    """The base model, the corpora and a scratch folder; ``measure`` runs one variant."""

    def __init__(self, corpora: dict, scratch: str, raw: tuple[np.ndarray, list[str]] | None):
        path, model_id = resolve_model(None)
        self.model_dir, self.model_id = path, model_id
        self.base = StaticEmbedder.from_folder(ensure_distilled(path, model_id), "base")
        self.w0 = self.base._emb
        self.corpora, self.scratch, self.raw = corpora, scratch, raw
        self.x = {c: {s: token_matrix(self.base._tok, d[f"{s}_texts"], len(self.w0), self.base._unk)
                      for s in ("fit", "test")} for c, d in corpora.items()}
        self.rows: list[dict] = []
        self.ref_nmi = round(nmi(corpora["debian"]["test_y"], corpora["debian"]["labels"],
                                 len(set(corpora["debian"]["labels"]))), 4)

    def embedder(self, name: str, w: np.ndarray) -> StaticEmbedder:
        folder = os.path.join(self.scratch, name.replace(" ", "_").replace("/", "_"))
        save_static(folder, w.astype(np.float32), os.path.join(self.model_dir, "tokenizer.json"),
                    self.model_id, os.path.basename(self.model_dir))
        return StaticEmbedder.from_folder(folder, name)

    def speed(self, name: str, w: np.ndarray, texts: list[str]) -> tuple[np.ndarray, float, float]:
        """(vectors, docs/s wall, docs per CPU-second: the less load-sensitive number)."""
        emb = self.embedder(name, w)          # fresh word memo: unseen words are tokenised
        t0, c0 = time.perf_counter(), time.process_time()
        v = embed_texts(texts, emb, None).vectors
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        return v, round(len(texts) / wall, 1), round(len(texts) / cpu, 1)

    def measure(self, name: str, family: str, w: np.ndarray, fit_on: str | None = None, **info) -> dict:
        row: dict = {"variant": name, "family": family, "fit_on": fit_on, "dim": int(w.shape[1])} | info
        for c, d in self.corpora.items():
            v, row[f"docs_per_s_{c}"], row[f"docs_per_cpu_s_{c}"] = self.speed(name, w, d["test_texts"])
            row[f"kept10_{c}"] = round(recovery(d["test_y"], v), 4)
            if d["labels"] is not None:
                row["nmi_section_debian"] = round(nmi(v, d["labels"], len(set(d["labels"]))), 4)
        _, row["docs_per_s_pypi_20k"], row["docs_per_cpu_s_pypi_20k"] = self.speed(
            name, w, self.corpora["pypi"]["speed_texts"])
        row["load_avg_1m"] = load_avg()
        self.rows.append(row)
        print(json.dumps(row), flush=True)
        return row

    def fit(self, corpus: str, rel: float, n: int | None = None, corrections: bool = True) -> tuple[np.ndarray, dict]:
        x, y = self.x[corpus]["fit"], self.corpora[corpus]["fit_y"]
        if n is not None:
            x, y = x[:n], y[:n]
        t0 = time.perf_counter()
        w, stats = fit_vectors(x, self.w0, y, rel, corrections=corrections)
        return w, {"fit_seconds": round(time.perf_counter() - t0, 2), "fit_sample": stats.sample,
                   "tokens_seen": stats.tokens_seen, "relative_lambda": rel if corrections else None,
                   "train_cosine": stats.train_cosine}


def distilled_variants(b: Bench) -> None:
    """Production recipe and its knobs (PCA dims, SIF coefficient, corpus idf)."""
    b.measure("distilled pca256 sif1e-4 (production)", "distilled", b.w0)
    if b.raw is None:
        return
    vecs, tokens = b.raw
    b.measure("distilled pca384 sif1e-4", "distilled", distill_vectors(vecs, tokens, 384))
    for sif in (1e-3, 1e-5):
        b.measure(f"distilled pca256 sif{sif:.0e}", "distilled", distill_vectors(vecs, tokens, 256, sif))
    flat = distill_vectors(vecs, tokens, 256, sif=1e9)          # ~unweighted
    for c in b.corpora:
        x = b.x[c]["fit"]
        df = np.asarray((x > 0).sum(0)).ravel()
        idf = np.log((1 + x.shape[0]) / (1 + df)) + 1.0
        b.measure(f"distilled pca256 idf({c})", "distilled", flat * idf[:, None].astype(np.float32), fit_on=c)


def fitted_variants(b: Bench, lambdas: list[float], sizes: list[int]) -> None:
    """Linear map, map + corrections over a lambda grid, a sample-size curve, cross-corpus."""
    for c in b.corpora:
        w, info = b.fit(c, 1.0, corrections=False)
        b.measure(f"map 256->384 fit({c})", "map", w, fit_on=c, **info)
        for rel in lambdas:
            w, info = b.fit(c, rel)
            b.measure(f"fit({c}) rel_lambda={rel}", "fit", w, fit_on=c, **info)
        for n in sizes:
            w, info = b.fit(c, lambdas[len(lambdas) // 2], n=n)
            b.measure(f"fit({c}) n={n} rel_lambda={lambdas[len(lambdas) // 2]}", "fit-size", w, fit_on=c, **info)
    both_x = vstack([b.x[c]["fit"] for c in b.corpora]).tocsr()
    both_y = np.concatenate([b.corpora[c]["fit_y"] for c in b.corpora])
    rel = lambdas[len(lambdas) // 2]
    t0 = time.perf_counter()
    w, stats = fit_vectors(both_x, b.w0, both_y, rel)
    b.measure(f"fit(debian+pypi) rel_lambda={rel}", "fit-both", w, fit_on="debian+pypi",
              fit_seconds=round(time.perf_counter() - t0, 2), fit_sample=stats.sample,
              tokens_seen=stats.tokens_seen, relative_lambda=rel, train_cosine=stats.train_cosine)


def pypi_fit_rows(seed: int, cache: Path, n0: int, n_test: int, n_speed: int, big: int) -> tuple[list[str], np.ndarray]:
    """Fit texts and quality vectors for the PyPI size curve: the main run's fit sample,
    then its speed texts, then rows past its held-out set (never the held-out set itself),
    quality-embedded in 25,000-row chunks cached under ``cache``."""
    py = pl.read_parquet(SHARED / "pypi-summaries.parquet", columns=["text"])["text"].to_list()
    _, first = np.unique(np.asarray(py, dtype=object), return_index=True)
    rows = np.random.default_rng(seed).permutation(np.sort(first))
    held = n0 + n_speed                                  # the main run's held-out set starts here
    fit_rows = np.concatenate([rows[:held], rows[held + n_test:]])[:big]
    ys, step = [], 25_000
    for s in range(0, len(fit_rows), step):
        part = fit_rows[s:s + step]
        ys.append(quality_vectors([py[i] for i in part],
                                  cache / f"pypi-quality-s{seed}-curve-skip{held}-{n_test}-{s}-{s + len(part)}.npy"))
    return [py[i] for i in fit_rows], np.concatenate(ys)


def curve_speed(fit, texts: list[str], scratch: str, rounds: int = 5) -> dict:
    """docs/s wall and per CPU-second of the production encoder (fresh word memo) with the
    distilled model and with ``fit`` as a build keeps it (projected to ``fast_fit.DIMS``,
    saved, loaded by ``load_embedder``), on the same texts, alternating who goes first,
    ``rounds`` each: the median and the best (one encode of 5,000-10,000 texts takes well
    under a second, so single timings swing with the host)."""
    from datamap.tasks.embed import fast_fit

    path = os.path.join(scratch, "fit.npz")
    from datamap.tasks.embed.static import static_model_id

    model_id = fast_fit.fitted_model_id(static_model_id(resolve_model(None)[1]), "bench")
    fast_fit.save_fit(path, fit, "bench", model_id, {})
    runs: dict = {}
    both = [("distilled", EmbedOptions(mode="fast")), ("fitted", EmbedOptions(mode="fast", fitted=path))]
    for r in range(rounds):
        for name, opts in both if r % 2 == 0 else both[::-1]:
            emb = load_embedder(opts)
            t0, c0 = time.perf_counter(), time.process_time()
            embed_texts(texts, emb, None)
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            runs.setdefault(name, []).append((len(texts) / wall, len(texts) / cpu))
    out = {"texts": len(texts), "dims": fast_fit.DIMS, "rounds": rounds}
    for k, v in runs.items():
        a = np.asarray(v)
        out |= {f"docs_per_s_{k}": round(float(np.median(a[:, 0])), 1), f"docs_per_s_best_{k}": round(float(a[:, 0].max()), 1),
                f"docs_per_cpu_s_{k}": round(float(np.median(a[:, 1])), 1)}
    return out


def topic_ami(v: np.ndarray, sections: list[str], ref_topics: np.ndarray | None) -> dict:
    """Topic agreement, the way a build makes its topics: the build's own hierarchy
    (``tasks.topics.clustering.fit_hierarchy`` at the build's default sizes for this many
    rows) on ``v``; at each depth its adjusted mutual information with Debian's
    ``section`` and, given ``ref_topics`` (the same hierarchy on the reference vectors),
    with the reference map's topics. AMI, not NMI: it does not grow with the topic count."""
    from sklearn.metrics import adjusted_mutual_info_score as ami

    from datamap.tasks.topics.clustering import default_sizes, fit_hierarchy

    sizes = default_sizes(len(v))
    labels = fit_hierarchy(v, sizes).labels
    out = {"topic_sizes": [int(x) for x in sizes],
           "topic_ami_section": [round(float(ami(sections, labels[:, d])), 4) for d in range(len(sizes))]}
    if ref_topics is not None:
        out["topic_ami_reference"] = [round(float(ami(ref_topics[:, d], labels[:, d])), 4)
                                      for d in range(len(sizes))]
    return out


def size_curve(seed: int, cache: Path, sizes: list[int], rel: float, n_test: dict[str, int],
               norm_rounds: int = 0, n_speed: int = 20000) -> dict:
    """Held-out 10-NN kept vs fit-sample size, on the same held-out sets as the main run.

    Larger samples come from rows the main run never scores (Debian: past its held-out
    set; PyPI: its speed texts, then past its held-out set), quality-embedded here and
    cached. Encoded as ``X @ W`` (tests/test_static_fit.py checks it equals the
    production encoder to cosine 0.9999), to keep this part cheap; the largest fit, as a
    build keeps it, is also timed through the production encoder against the distilled model.
    """
    from datamap.tasks.embed.static import StaticEmbedder as SE

    path, model_id = resolve_model(None)
    base = SE.from_folder(ensure_distilled(path, model_id), "base")
    big = max(sizes)
    deb = pl.read_parquet(SHARED / "debian-packages.parquet", columns=["text", "section"])
    d_texts = [t[:EmbedOptions().max_chars] for t in deb["text"].to_list()]
    _, first = np.unique(np.asarray(d_texts, dtype=object), return_index=True)
    d_rows = np.random.default_rng(seed).permutation(np.sort(first))
    n0, nt = sizes[0], n_test["debian"]
    d_fit = np.concatenate([d_rows[:n0], d_rows[n0 + nt:n0 + nt + big - n0]])
    ref = np.load(SHARED / "debian-packages-minilm.npy", mmap_mode="r")
    main = load_pypi(n0, n_test["pypi"], n_speed, seed, cache)
    p_texts, p_y = pypi_fit_rows(seed, cache, n0, n_test["pypi"], n_speed, big)
    sets = {"debian": ([d_texts[i] for i in d_fit], np.asarray(ref[d_fit], dtype=np.float32),
                       load_debian(n0, nt, seed)),
            "pypi": (p_texts, p_y, main)}
    out: dict = {}
    for c, (fit_t, fit_y, held) in sets.items():
        xf = token_matrix(base._tok, fit_t, len(base._emb), base._unk)
        xt = token_matrix(base._tok, held["test_texts"], len(base._emb), base._unk)
        ref_topics = None
        if held["labels"] is not None:        # Debian: the reference's own topics, and the distilled model's
            from datamap.tasks.topics.clustering import default_sizes, fit_hierarchy

            ref_topics = fit_hierarchy(held["test_y"], default_sizes(len(held["test_y"]))).labels
            row = {"corpus": c, "fit_sample": "reference", **topic_ami(held["test_y"], held["labels"], None)}
            out.setdefault(c, []).append(row)
            print(json.dumps(row), flush=True)
            v0 = np.asarray(xt @ base._emb, dtype=np.float32)
            v0 /= np.maximum(np.linalg.norm(v0, axis=1, keepdims=True), 1e-12)
            row = {"corpus": c, "fit_sample": 0, "kept10": round(recovery(held["test_y"], v0), 4),
                   **topic_ami(v0, held["labels"], ref_topics)}
            out[c].append(row)
            print(json.dumps(row), flush=True)
        for n in [x for x in sizes if x <= xf.shape[0]]:
            t0 = time.perf_counter()
            fit = fit_static(xf[:n], base._emb, fit_y[:n], rel, norm_rounds=norm_rounds)
            fit_s = time.perf_counter() - t0
            w, stats = fit.vectors(base._emb), fit.stats
            v = np.asarray(xt @ w, dtype=np.float32)
            v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
            row = {"corpus": c, "fit_sample": n, "relative_lambda": rel, "norm_rounds": norm_rounds,
                   "tokens_seen": stats.tokens_seen, "fit_seconds": round(fit_s, 1),
                   "kept10": round(recovery(held["test_y"], v), 4)}
            if held["labels"] is not None:
                row["nmi_section_debian"] = round(nmi(v, held["labels"], len(set(held["labels"]))), 4)
                row |= topic_ami(v, held["labels"], ref_topics)
            out.setdefault(c, []).append(row)
            print(json.dumps(row), flush=True)
        with tempfile.TemporaryDirectory() as scratch:
            out.setdefault("speed", {})[c] = curve_speed(fit.projected(xf[:n], base._emb, fast_fit.DIMS),
                                                         held["test_texts"], scratch)
        print(json.dumps({"speed": c} | out["speed"][c]), flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n-fit", type=int, default=5000)
    ap.add_argument("--n-test-debian", type=int, default=10000)
    ap.add_argument("--n-test-pypi", type=int, default=5000)
    ap.add_argument("--n-speed", type=int, default=20000)
    ap.add_argument("--lambdas", default="0.03,0.1,0.3,1")
    ap.add_argument("--sizes", default="1000,2000")
    ap.add_argument("--quick", action="store_true", help="skip the distilled-knob variants")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cache", default="/tmp/datamap-fast-mode-bench")
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "fast_mode.json"))
    ap.add_argument("--size-curve", default="", help="e.g. 5000,10000,15000: only the fit-size curve")
    ap.add_argument("--norm-rounds", type=int, default=0, help="size curve: direction-only refits")
    a = ap.parse_args()
    cache = Path(a.cache)
    if a.size_curve:
        sizes = [int(x) for x in a.size_curve.split(",")]
        res = {"command": "python " + " ".join(sys.argv), "when_utc": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
               "curve": size_curve(a.seed, cache, sizes, RELATIVE_LAMBDA,
                                   {"debian": a.n_test_debian, "pypi": a.n_test_pypi}, a.norm_rounds, a.n_speed),
               "load_avg_1m_end": load_avg()}
        Path(a.out).write_text(json.dumps(res, indent=2) + "\n")
        return
    corpora = {"debian": load_debian(a.n_fit, a.n_test_debian, a.seed),
               "pypi": load_pypi(a.n_fit, a.n_test_pypi, a.n_speed, a.seed, cache)}
    raw = None
    if not a.quick:
        if not (cache / "token_vectors.npy").exists():
            v, t = token_vectors(resolve_model(None)[0])
            np.save(cache / "token_vectors.npy", v)
            (cache / "tokens.json").write_text(json.dumps(t))
        raw = (np.load(cache / "token_vectors.npy"), json.loads((cache / "tokens.json").read_text()))
    with tempfile.TemporaryDirectory() as scratch:
        b = Bench(corpora, scratch, raw)
        distilled_variants(b)
        fitted_variants(b, [float(x) for x in a.lambdas.split(",")], [int(x) for x in a.sizes.split(",") if x])
    res = {"command": "python " + " ".join(sys.argv), "when_utc": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
           "cpus": os.cpu_count(), "cpu": cpu_model(), "seed": a.seed,
           "inputs": {c: {"fit": len(d["fit_texts"]), "held_out": len(d["test_texts"])} for c, d in corpora.items()},
           "reference": {"debian": "shipped torch MiniLM vectors", "pypi": "quality (ONNX int8) embedder"},
           "nmi_section_debian_reference": b.ref_nmi, "rows": b.rows}
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(res, indent=2) + "\n")
    for r in b.rows:
        print(f"{r['variant']:45s} deb {r['kept10_debian']:.3f} pypi {r['kept10_pypi']:.3f} "
              f"nmi {r.get('nmi_section_debian')} docs/s {r['docs_per_s_pypi_20k']:.0f}/{r['docs_per_s_debian']:.0f} "
              f"docs/CPU-s {r['docs_per_cpu_s_pypi_20k']:.0f}/{r['docs_per_cpu_s_debian']:.0f}")


if __name__ == "__main__":
    main()
