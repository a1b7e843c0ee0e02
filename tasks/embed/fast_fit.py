"""The fast mode fitted to the corpus being built (``--fast-fit-sample N``).

``static_fit`` holds the mathematics; this module is the build's side of it: which texts
make the sample, where their target vectors come from, how the fit is named, kept and
loaded again. Why a fit per corpus: the distilled static model keeps ~30 % of a
document's MiniLM 10-NN, a fit to a sample of the corpus' own texts 0.42-0.45 (PyPI,
15k-75k samples) and 0.49-0.52 (Debian), and a fit on one corpus helps the other far less
(bench/fast_mode.py, docs/embedding-modes.md).

- The sample is the ``N`` distinct texts with the smallest content hashes (a bottom-k
  sample): random-like, the same for the same texts, and mostly the same when rows are
  added, so a refresh's new fit would move little.
- The targets are the ``quality`` mode's vectors of the sample, through the store's
  embedding cache, so a rebuild or a later quality build never embeds them twice.
- The fit's id hashes what made it (distilled model, target model, sample keys, fit
  settings); the map's model id carries it, so the embedding cache keys fitted vectors
  apart from any other fit's.
- The fit is kept in the version (``schema.FAST_MODEL``) so ``embed_query`` and the
  viewer's semantic search embed a query in the same space, and a refresh reuses its
  parent's fit (same space, the cache's vectors stay valid).
- Since recipe v2 the file also holds the sample's out-of-fold residuals
  (``fit_residuals``), which every encode adds from each text's nearest sample texts.
  Files of recipe v1 (no residuals) still load, so older maps' queries and refreshes
  stay in their own space.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import time

import numpy as np

from datamap.resources.choices import FIT_SAMPLE_MIN
from datamap.resources.errors import EmbeddingError
from datamap.tasks.embed import fit_residuals
from datamap.tasks.embed.model_files import recipe_key
from datamap.tasks.embed.static_fit import RELATIVE_LAMBDA, FitStats, FittedStatic, fit_static, token_matrix

FIT_RECIPE = "static-fit-v2"                        # v2: + the sample's residuals (fit_residuals)
READABLE_RECIPES = ("static-fit-v1", FIT_RECIPE)
NORM_ROUNDS = 2            # bench/fast_mode.py: +0.01 Debian, +0.026 PyPI held-out 10-NN over 0
DIMS = 256                 # the distilled model's width: same encode cost (FittedStatic.projected)


def sample_rows(keys: list[bytes], n: int) -> np.ndarray:
    """Positions of the ``n`` distinct keys with the smallest bytes, in key order."""
    first: dict[bytes, int] = {}
    for i, k in enumerate(keys):
        first.setdefault(k, i)
    chosen = sorted(first)[:n]
    return np.fromiter((first[k] for k in chosen), np.int64, len(chosen))


def fit_id(base_id: str, target_id: str, sample_keys: list[bytes], relative_lambda: float,
           norm_rounds: int, dims: int) -> str:
    """The fit's name: a hash of everything that determines it."""
    h = hashlib.sha256()
    for k in sorted(sample_keys):
        h.update(k)
    residuals = "residuals-" + "-".join(map(str, (fit_residuals.NEIGHBOURS, fit_residuals.POWER,
                                                  fit_residuals.FOLDS, fit_residuals.EXPANSION_SEARCH)))
    return recipe_key(FIT_RECIPE, base_id, target_id, repr(relative_lambda), str(norm_rounds), str(dims),
                      residuals, h.hexdigest())


def fitted_model_id(static_id: str, fid: str) -> str:
    """The map's model id: the distilled model's, plus the fit."""
    return f"{static_id}+fit-{fid}"


def save_fit(path: str, fit: FittedStatic, fid: str, model_id: str, info: dict) -> None:
    """One ``.npz`` (no pickles): arrays, plus the ids and stats as JSON text. The
    residuals are kept as float16 and their index as usearch's own bytes (a build and a
    query both read them from this file, so they agree exactly)."""
    meta = {"recipe": FIT_RECIPE, "fit_id": fid, "model_id": model_id,
            "stats": dataclasses.asdict(fit.stats), **info}
    arrays = {"a": fit.a, "seen": fit.seen, "corrections": fit.corrections}
    if fit.residuals is not None:
        r = fit.residuals
        meta["residuals"] = {**meta.get("residuals", {}), "texts": len(r.shifts), "k": r.k, "power": r.power,
                             "expansion_search": r.expansion_search}
        arrays |= {"residual_index": r.to_bytes(), "residual_shifts": r.shifts.astype(np.float16)}
    with open(path, "wb") as f:
        np.savez(f, **arrays, meta=np.array(json.dumps(meta)))


def fit_meta(path: str) -> dict:
    """The fit's ids and stats, without reading its arrays."""
    try:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
    except (OSError, ValueError, KeyError) as e:
        raise EmbeddingError(f"{path!r} is not a fitted fast model ({e})") from e
    if meta.get("recipe") not in READABLE_RECIPES:
        raise EmbeddingError(f"{path!r} holds a fit of recipe {meta.get('recipe')!r}; this datamap reads "
                             f"{' and '.join(map(repr, READABLE_RECIPES))}")
    return meta


def load_fit(path: str) -> tuple[FittedStatic, dict]:
    meta = fit_meta(path)
    with np.load(path, allow_pickle=False) as z:
        residuals = None
        if "residual_index" in z.files:
            r = meta["residuals"]
            residuals = fit_residuals.Residuals.from_bytes(z["residual_index"], z["residual_shifts"], int(r["k"]),
                                                           float(r["power"]), int(r["expansion_search"]))
        fit = FittedStatic(z["a"], z["seen"], z["corrections"], FitStats(**meta["stats"]), residuals)
    return fit, meta


def fit_to_sample(texts: list[str], keys: list[bytes], n: int, static, target_vectors,
                  static_id: str, target_id: str, out_path: str, max_chars: int) -> dict:
    """Fit ``static`` (a ``StaticEmbedder``) to ``target_vectors(sample texts)`` and save
    the fit at ``out_path``; returns what the manifest records (``model.fit``). Texts are
    tokenised cut at ``max_chars``, as the embed stage encodes them."""
    if n < FIT_SAMPLE_MIN:
        raise EmbeddingError(f"embed_fit_sample must be 0 (off) or at least {FIT_SAMPLE_MIN}, got {n}")
    rows = sample_rows(keys, n)
    sample = [texts[i] for i in rows]
    t0 = time.perf_counter()
    y = np.asarray(target_vectors(sample), dtype=np.float64)
    t1 = time.perf_counter()
    x = token_matrix(static._tok, [t[:max_chars] for t in sample], len(static._emb), static._unk)
    w0 = static._emb
    full = fit_static(x, w0, y, RELATIVE_LAMBDA, norm_rounds=NORM_ROUNDS)
    p = full.directions(x, w0, DIMS)
    fit = full.rotated(p)
    t2 = time.perf_counter()
    fit.residuals = fit_residuals.out_of_fold(
        x, y, y if p is None else y @ p,
        lambda xs, ys: fit_static(xs, w0, ys, RELATIVE_LAMBDA, norm_rounds=NORM_ROUNDS).rotated(p).vectors(w0))
    fid = fit_id(static_id, target_id, [keys[i] for i in rows], RELATIVE_LAMBDA, NORM_ROUNDS, DIMS)
    model_id = fitted_model_id(static_id, fid)
    t3 = time.perf_counter()
    info = {"sample": len(rows), "target_model_id": target_id, "norm_rounds": NORM_ROUNDS, "dims": DIMS,
            "target_seconds": round(t1 - t0, 2), "fit_seconds": round(t2 - t1, 2),
            "residuals": {"folds": fit_residuals.FOLDS, "seconds": round(t3 - t2, 2)}}
    save_fit(out_path, fit, fid, model_id, info)
    return fit_meta(out_path)
