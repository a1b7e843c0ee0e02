"""Fitting the fast mode's static vectors to a corpus sample (tasks/embed/static_fit.py).

Real Debian rows and their shipped MiniLM vectors: a fit on one set of rows must keep
more of the MiniLM 10-NN on *other* rows than the distilled vectors do (bench/fast_mode.py
measures the full curve). Uses the machine's distilled static model (built once, shared).
"""
from __future__ import annotations

import numpy as np
import pytest
from conftest import knn_kept

from datamap.resources.errors import EmbeddingError
from datamap.tasks.embed.encode import EmbedOptions, load_embedder
from datamap.tasks.embed.static_fit import TokenCorrections, fit_vectors, token_matrix


@pytest.fixture(scope="module")
def fast():
    return load_embedder(EmbedOptions(mode="fast"))


@pytest.fixture(scope="module")
def split(debian, debian_vectors):
    """2,000 fit rows and 2,000 disjoint held-out rows, one per distinct text."""
    uniq = debian.unique(subset="text", keep="first", maintain_order=True).sample(n=4000, seed=3)
    texts = [t[:EmbedOptions().max_chars] for t in uniq["text"].to_list()]
    y = debian_vectors[uniq["_row"].to_numpy()]
    return (texts[:2000], y[:2000]), (texts[2000:], y[2000:])


def _encode(x, w) -> np.ndarray:
    v = np.asarray(x @ w, dtype=np.float32)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)


def test_token_matrix_gives_the_fast_encoders_vectors(fast, split):
    """X @ W0, normalised, is what the production fast encoder returns for the same texts."""
    (texts, _), _ = split
    x = token_matrix(fast._tok, texts[:200], len(fast._emb), fast._unk)
    assert np.allclose(np.asarray(x.sum(1)).ravel(), 1.0)
    cos = (_encode(x, fast._emb) * fast.encode(texts[:200])).sum(1)
    assert cos.min() > 0.9999, cos.min()


def test_fit_keeps_more_neighbours_on_held_out_rows(fast, split):
    """Measured at this size (seed 3): distilled 0.264, linear map 0.367, map + corrections
    0.417, and 0.428 with two direction-only refits (norm_rounds=2)."""
    (fit_t, fit_y), (test_t, test_y) = split
    xf = token_matrix(fast._tok, fit_t, len(fast._emb), fast._unk)
    xt = token_matrix(fast._tok, test_t, len(fast._emb), fast._unk)
    base = knn_kept(test_y, _encode(xt, fast._emb))
    w_map, _ = fit_vectors(xf, fast._emb, fit_y, corrections=False)
    w_fit, stats = fit_vectors(xf, fast._emb, fit_y)
    mapped, fitted = knn_kept(test_y, _encode(xt, w_map)), knn_kept(test_y, _encode(xt, w_fit))
    assert w_fit.shape == (len(fast._emb), 384) and stats.sample == 2000
    assert mapped > base + 0.03, (base, mapped)
    assert fitted > mapped + 0.03, (mapped, fitted)
    w_dir, _ = fit_vectors(xf, fast._emb, fit_y, norm_rounds=2)
    directed = knn_kept(test_y, _encode(xt, w_dir))
    assert directed > fitted + 0.003, (fitted, directed)
    # tokens the sample never shows keep the linear-map prior exactly
    unseen = np.asarray(xf.sum(0)).ravel() == 0
    assert np.allclose(w_fit[unseen], w_map[unseen])


@pytest.mark.parametrize("n, chars", [(300, None), (4000, 12)])
def test_corrections_equal_kernel_ridge_in_either_form(fast, split, n, chars):
    """The document-space and token-space systems give scikit-learn's kernel ridge
    solution (an independent implementation), for a sample with fewer documents than
    tokens (300 whole descriptions) and one with more (4,000 texts cut to 12 characters,
    one-line summaries as PyPI's are), and tokens the sample never shows get no
    correction."""
    from sklearn.kernel_ridge import KernelRidge

    (fit_t, fit_y), (test_t, test_y) = split
    texts, y = [t[:chars] for t in fit_t + test_t][:n], np.concatenate([fit_y, test_y])[:n]
    x = token_matrix(fast._tok, texts, len(fast._emb), fast._unk)
    resid = np.asarray(y, dtype=np.float64) - np.asarray(x @ fast._emb[:, :1], dtype=np.float64)
    docs, toks = TokenCorrections(x, 0.3, "documents"), TokenCorrections(x, 0.3, "tokens")
    ref = np.asarray(x.T @ KernelRidge(alpha=docs.lam, kernel="linear").fit(x, resid).dual_coef_)
    scale = np.abs(ref).max()
    for solver in (docs, toks, TokenCorrections(x, 0.3)):
        assert np.abs(solver.solve(resid) - ref).max() < 1e-4 * scale
    assert TokenCorrections(x, 0.3).dual == (chars is None)      # the smaller system is chosen
    unseen = np.asarray(x.sum(0)).ravel() == 0
    assert not toks.solve(resid)[unseen].any()
    with pytest.raises(EmbeddingError, match="form"):
        TokenCorrections(x, 0.3, "primal")


def test_bad_fit_inputs_are_refused_by_name(fast, split):
    (texts, y), _ = split
    x = token_matrix(fast._tok, texts[:50], len(fast._emb), fast._unk)
    with pytest.raises(EmbeddingError, match="relative_lambda"):
        fit_vectors(x, fast._emb, y[:50], relative_lambda=0)
    with pytest.raises(EmbeddingError, match="norm_rounds"):
        fit_vectors(x, fast._emb, y[:50], norm_rounds=-1)
    with pytest.raises(EmbeddingError, match="shapes disagree"):
        fit_vectors(x, fast._emb, y[:49])
    empty = token_matrix(fast._tok, ["", "   "], len(fast._emb), fast._unk)
    with pytest.raises(EmbeddingError, match="at least 2 sample texts"):
        fit_vectors(empty, fast._emb, y[:2])
