"""Fast mode fitted to a sample: the fit's leftover error, borrowed from the nearest sample texts.

``--fast-fit-sample N`` fits token vectors so that a sample document's mean lands near its
MiniLM vector; on held-out documents the fit keeps 0.38-0.51 of the 10-NN (PyPI and
Debian, 5k-30k texts). What it leaves is not noise: documents near each other in the
fitted space miss MiniLM in similar directions. So a document borrows the residuals
(MiniLM vector minus fitted vector) of its ``k`` nearest sample texts, weighted by cosine
to the power ``p``, and adds their mean to its own fitted vector: k-NN regression of the
residual, stacked on the linear fit (``tasks/embed/fit_residuals.py``).

A sample text's residual must be the one an unseen text would have, so each comes from a
fit that did not see it (two folds). Every number is on held-out documents
(``fast_mode.unique_split``, seed 0), 10-NN kept against MiniLM (Debian: the shipped
torch vectors; PyPI: the quality embedder, cached). Two measurements per sample size:

- ``study``: the fit's 384-d space, neighbours found exactly, weights from exact cosines;
- ``product``: what a build does (``fast_fit.fit_to_sample``, then ``load_embedder`` with
  the fit file: 256 dims, float16 residuals, the sample's usearch i8 index), with the
  residuals and with them switched off; its encode is timed on 20,000 (Debian) or
  100,000 (PyPI) other texts.

    python bench/fast_mode_residuals.py --out bench/out/fast_mode_residuals.json   # ~20 min
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from embed_speed import recovery  # noqa: E402
from fast_mode import SHARED, load_debian, quality_vectors, unique_split  # noqa: E402

from datamap.tasks.embed.encode import resolve_model  # noqa: E402
from datamap.tasks.embed import fast_fit  # noqa: E402
from datamap.tasks.embed.fit_residuals import out_of_fold, unit  # noqa: E402
from datamap.tasks.embed.fast_fit import NORM_ROUNDS  # noqa: E402
from datamap.tasks.embed.static import StaticEmbedder, ensure_distilled  # noqa: E402
from datamap.tasks.embed.static_fit import fit_static, token_matrix  # noqa: E402


def exact_neighbours(q: np.ndarray, keys: np.ndarray, k: int) -> np.ndarray:
    out = np.empty((len(q), k), dtype=np.int64)
    for s in range(0, len(q), 2048):
        sim = q[s:s + 2048] @ keys.T
        out[s:s + 2048] = np.argpartition(-sim, k, axis=1)[:, :k]
    return out


def corrected(pt: np.ndarray, keys: np.ndarray, residual: np.ndarray, nn: np.ndarray, p: float) -> np.ndarray:
    """Each document plus the cosine**p-weighted mean residual of its neighbours ``nn``."""
    sim = np.einsum("nd,nkd->nk", pt, keys[nn]).clip(0) ** p
    shift = (sim[..., None] * residual[nn]).sum(1) / np.maximum(sim.sum(1, keepdims=True), 1e-12)
    return unit(pt + shift)


def measure(base: StaticEmbedder, fit_t: list[str], fit_y: np.ndarray, test_t: list[str], ref: np.ndarray,
            n: int, k: int, p: float, folds: int, speed_t: list[str]) -> dict:
    w0, vocab = base._emb, len(base._emb)
    x = token_matrix(base._tok, fit_t[:n], vocab, base._unk)
    xt = token_matrix(base._tok, test_t, vocab, base._unk)
    y = np.asarray(fit_y[:n], dtype=np.float64)
    t0 = time.perf_counter()
    w = fit_static(x, w0, y, norm_rounds=NORM_ROUNDS).vectors(w0)
    t1 = time.perf_counter()
    res = out_of_fold(x, y, y, lambda xs, ys: fit_static(xs, w0, ys, norm_rounds=NORM_ROUNDS).vectors(w0), folds)
    t2 = time.perf_counter()
    pt = unit(xt @ w)
    keys, residual = res.keys, res.shifts
    row = {"fit_sample": n, "k": k, "p": p, "folds": folds, "fit_s": round(t1 - t0, 1),
           "out_of_fold_fits_s": round(t2 - t1, 1), "kept10_fit": round(recovery(ref, pt), 4),
           "kept10_with_residuals": round(recovery(ref, corrected(pt, keys, residual, exact_neighbours(pt, keys, k), p)), 4)}
    print(json.dumps({"study": row}), flush=True)
    return {"study": row, "product": product(base, fit_t[:n], y, test_t, ref, speed_t)}


def product(base: StaticEmbedder, sample: list[str], y: np.ndarray, test_t: list[str], ref: np.ndarray,
            speed_t: list[str]) -> dict:
    """The build's own path: fit file, fitted embedder, residuals on and off."""
    import tempfile

    from datamap.tasks.embed.cache import text_keys
    from datamap.tasks.embed.encode import EmbedOptions, load_embedder
    from datamap.tasks.embed.static import static_model_id

    path, model_id = resolve_model(None)
    target = {t: i for i, t in enumerate(sample)}
    with tempfile.TemporaryDirectory() as d:
        out = str(Path(d) / "fit.npz")
        meta = fast_fit.fit_to_sample(sample, text_keys(sample), len(sample), StaticEmbedder(path, model_id),
                                      lambda s: y[[target[t] for t in s]], static_model_id(model_id), "bench", out,
                                      EmbedOptions().max_chars)
        row = {"fit_s": meta["fit_seconds"], "residuals": meta["residuals"],
               "fit_file_mb": round(Path(out).stat().st_size / 1e6, 1)}
        for on in (False, True):
            t0 = time.perf_counter()
            emb = load_embedder(EmbedOptions(mode="fast", fitted=out))
            row["load_embedder_s"] = round(time.perf_counter() - t0, 2)
            kept = emb._residuals
            if not on:
                emb._residuals = None
            name = "with_residuals" if on else "fit"
            row[f"kept10_{name}"] = round(recovery(ref, emb.encode(test_t)), 4)
            emb._reset_memo()
            t0 = time.perf_counter()
            emb.encode(speed_t)
            row[f"encode_docs_per_s_{name}"] = round(len(speed_t) / (time.perf_counter() - t0))
            row["sample_texts_with_residuals"] = len(kept.shifts)
    row["speed_docs"] = len(speed_t)
    print(json.dumps({"product": row}), flush=True)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--debian-sizes", default="5000,15000,30000")
    ap.add_argument("--pypi-sizes", default="5000,20000")
    ap.add_argument("--k", type=int, default=20)
    ap.add_argument("--p", type=float, default=4.0)
    ap.add_argument("--folds", type=int, default=2)
    ap.add_argument("--n-test", type=int, default=5000)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/datamap-fast-mode-bench"))
    ap.add_argument("--out", type=Path, default=Path("bench/out/fast_mode_residuals.json"))
    a = ap.parse_args()
    path, model_id = resolve_model(None)
    base = StaticEmbedder.from_folder(ensure_distilled(path, model_id), "base")
    res: dict = {"command": "python " + " ".join(sys.argv),
                 "when_utc": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()), "debian": [], "pypi": []}
    d = load_debian(50000, a.n_test, 0)
    for n in (int(s) for s in a.debian_sizes.split(",") if s):
        res["debian"].append(measure(base, d["fit_texts"], d["fit_y"], d["test_texts"], d["test_y"], n,
                                     a.k, a.p, a.folds, d["fit_texts"][n:n + 20000]))
    texts = pl.read_parquet(SHARED / "pypi-summaries.parquet", columns=["text"])["text"].to_list()
    fit, test = unique_split(texts, 200000, a.n_test, 0)
    ref = quality_vectors([texts[i] for i in test], a.cache / f"pypi-quality-test-s0-{a.n_test}.npy")
    speed = [texts[i] for i in fit[100000:200000]]
    for n in (int(s) for s in a.pypi_sizes.split(",") if s):
        sample = [texts[i] for i in fit[:n]]
        fit_y = quality_vectors(sample, a.cache / f"pypi-quality-fit-s0-{n}.npy")
        res["pypi"].append(measure(base, sample, fit_y, [texts[i] for i in test], ref, n, a.k, a.p, a.folds, speed))
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(res, indent=2) + "\n")


if __name__ == "__main__":
    main()
