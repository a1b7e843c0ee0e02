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


def test_the_samples_residuals_move_held_out_rows_nearer_minilm(fast, split):
    """k-NN regression of the fit's out-of-fold error (tasks/embed/fit_residuals.py).
    Measured at this size (seed 3): 0.428 -> 0.437 of the held-out 10-NN kept."""
    from datamap.tasks.embed.fit_residuals import out_of_fold
    from datamap.tasks.embed.static_fit import fit_static

    (fit_t, fit_y), (test_t, test_y) = split
    xf = token_matrix(fast._tok, fit_t, len(fast._emb), fast._unk)
    xt = token_matrix(fast._tok, test_t, len(fast._emb), fast._unk)
    w = fit_static(xf, fast._emb, fit_y, norm_rounds=2).vectors(fast._emb)
    res = out_of_fold(xf, fit_y, fit_y, lambda x, y: fit_static(x, fast._emb, y, norm_rounds=2).vectors(fast._emb))
    assert res.keys.shape == (2000, 384)
    # each key comes from a fit that did not see its text: further from its target than the
    # full fit's vector of it (mean cosine 0.754 against 0.951 here)
    own = _encode(xf, w)
    assert (own * fit_y).sum(1).mean() > (res.keys * fit_y).sum(1).mean() + 0.1
    plain = _encode(xt, w)
    kept_fit, kept_res = knn_kept(test_y, plain), knn_kept(test_y, res.apply(plain))
    assert kept_res > kept_fit + 0.004, (kept_fit, kept_res)


def test_a_text_at_a_sample_key_lands_on_that_texts_target():
    from datamap.tasks.embed.fit_residuals import Residuals

    rng = np.random.default_rng(0)
    keys = rng.standard_normal((200, 16)).astype(np.float32)
    keys /= np.linalg.norm(keys, axis=1, keepdims=True)
    target = keys + 0.3 * rng.standard_normal(keys.shape).astype(np.float32)
    target /= np.linalg.norm(target, axis=1, keepdims=True)
    one = Residuals.from_keys(keys, target - keys, k=1)
    assert np.allclose(one.apply(keys[:50]), target[:50], atol=1e-5)
    # alone or in a batch, a text gets the same neighbours, so the same vector
    many = Residuals.from_keys(keys, target - keys)
    q = keys[:40] + 0.1 * rng.standard_normal((40, 16)).astype(np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    batch = many.apply(q)
    assert np.abs(np.vstack([many.apply(q[i:i + 1]) for i in range(40)]) - batch).max() < 1e-6
    assert np.allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-5)
    # … and again from the saved index, with the beam the file records
    again = Residuals.from_bytes(many.to_bytes(), many.shifts, many.k, many.power, many.expansion_search)
    assert again.keys is None and np.array_equal(again.apply(q), batch)
    with pytest.raises(EmbeddingError, match="same non-empty"):
        Residuals.from_keys(keys, target[:10] - keys[:10])
    with pytest.raises(EmbeddingError, match="damaged"):
        Residuals.from_bytes(many.to_bytes(), many.shifts[:10], 20, 4.0, 32)
