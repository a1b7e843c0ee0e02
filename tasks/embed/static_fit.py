"""Fit the fast mode's static token vectors to a corpus, from a quality-embedded sample.

The distilled static model (``static.py``) sees every token alone, out of context, so a
document's mean of token vectors keeps only ~30 % of its MiniLM 10-NN. Given a sample of
the corpus embedded by MiniLM itself, the token vectors can be moved so that a sample
document's mean lands near its MiniLM vector (the idea of model2vec's *tokenlearn*, but
solved in closed form instead of by a training loop):

1. a linear map ``A`` from the distilled space (256-d) to MiniLM's (384-d), by ridge
   regression of the sample's MiniLM vectors on its static vectors: the prior
   ``P = W0 @ A`` for every token, seen in the sample or not;
2. per-token corrections ``D`` minimising ``||X (P + D) - Y||^2 + lam ||D||^2``, with
   ``X`` the sparse (documents x tokens) matrix of token shares of each document. Its
   solution ``D = X^T (X X^T + lam I)^-1 (Y - X P)`` (kernel ridge, linear kernel) needs
   one ``n x n`` solve for an ``n``-document sample and leaves unseen tokens at ``P``.

``lam`` is given relative to the mean of ``diag(X X^T)`` so one value suits short and
long texts alike (a document's token shares sum to 1, so that diagonal shrinks as
documents grow). The fitted vectors live in MiniLM's 384-d space.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix

from datamap.resources.errors import EmbeddingError

MAP_ALPHA = 1e-3        # ridge on the 256 -> 384 map: barely any shrinkage (n >> 256)
RELATIVE_LAMBDA = 0.3   # bench/fast_mode.py: best held-out 10-NN on PyPI, within 0.003 of the best on Debian


@dataclass
class FitStats:
    """What a fit did, for the manifest and the bench."""
    sample: int
    tokens_seen: int
    relative_lambda: float
    lam: float
    train_cosine: float


def token_matrix(tokenizer, texts: list[str], vocab_size: int, unk_id: int | None,
                 max_tokens: int = 512) -> csr_matrix:
    """(documents x vocabulary) token shares, each row summing to 1 (0 for no known token).

    Tokenised as the fast encoder does (no special tokens, unknown tokens dropped, at most
    ``max_tokens`` tokens as model2vec truncates), so ``X @ W`` is the fast mode's
    un-normalised document vector for token vectors ``W``.
    """
    rows, cols = [], []
    for i, enc in enumerate(tokenizer.encode_batch(texts, add_special_tokens=False)):
        ids = np.asarray(enc.ids[:max_tokens], dtype=np.int64)
        if unk_id is not None:
            ids = ids[ids != unk_id]
        rows.append(np.full(len(ids), i, dtype=np.int64))
        cols.append(ids)
    r, c = np.concatenate(rows or [np.zeros(0, np.int64)]), np.concatenate(cols or [np.zeros(0, np.int64)])
    x = csr_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(len(texts), vocab_size))
    x.sum_duplicates()
    n = np.asarray(x.sum(1)).ravel()
    return csr_matrix(x.multiply(1.0 / np.where(n == 0, 1.0, n)[:, None]))


def linear_prior(x: csr_matrix, w0: np.ndarray, y: np.ndarray, alpha: float = MAP_ALPHA) -> np.ndarray:
    """``W0 @ A``: every token moved into the target space by one ridge-fitted linear map.

    Why first: a map learnt from a few thousand documents applies to all 30k tokens,
    including the ones the sample never shows, so unseen words still land in the
    target space rather than the distilled one.
    """
    from sklearn.linear_model import Ridge

    s = np.asarray(x @ w0, dtype=np.float64)
    a = Ridge(alpha=alpha, fit_intercept=False).fit(s, y).coef_.T        # (d0, d)
    return (w0.astype(np.float64) @ a).astype(np.float32)


def token_corrections(x: csr_matrix, residual: np.ndarray, relative_lambda: float) -> tuple[np.ndarray, float]:
    """(``D`` (vocab x d), absolute lambda): kernel-ridge corrections for the tokens seen.

    The dual (``n x n``) form because the sample is far smaller than the vocabulary; the
    columns of ``D`` for tokens absent from ``x`` are exactly zero.
    """
    from sklearn.kernel_ridge import KernelRidge

    gram_diag = np.asarray(x.multiply(x).sum(1)).ravel()
    lam = float(relative_lambda * gram_diag[gram_diag > 0].mean())
    kr = KernelRidge(alpha=lam, kernel="linear").fit(x, residual)
    return np.asarray(x.T @ kr.dual_coef_, dtype=np.float32), lam


def fit_vectors(x: csr_matrix, w0: np.ndarray, y: np.ndarray, relative_lambda: float = RELATIVE_LAMBDA,
                corrections: bool = True, norm_rounds: int = 0) -> tuple[np.ndarray, FitStats]:
    """Token vectors fitted so sample documents' means approach ``y`` (their MiniLM vectors).

    ``corrections=False`` stops after the linear map (the variant that generalises most
    across corpora, bench/fast_mode.py). ``norm_rounds`` refits the corrections with each
    target scaled to the length of the current prediction: the encoder normalises every
    document, so only the direction counts, and unit targets would spend the fit on
    lengths (measured +0.01 Debian, +0.026 PyPI held-out 10-NN for 2 rounds).
    """
    if x.shape[0] != len(y) or x.shape[1] != len(w0):
        raise EmbeddingError(f"fit shapes disagree: X {x.shape}, W0 {w0.shape}, Y {y.shape}")
    if relative_lambda <= 0:
        raise EmbeddingError(f"relative_lambda must be > 0, got {relative_lambda}")
    if norm_rounds < 0:
        raise EmbeddingError(f"norm_rounds must be >= 0, got {norm_rounds}")
    keep = np.asarray(x.sum(1)).ravel() > 0
    x, y = x[keep], np.asarray(y[keep], dtype=np.float64)
    if x.shape[0] < 2:
        raise EmbeddingError("fitting the fast model needs at least 2 sample texts with known tokens")
    w = linear_prior(x, w0, y)
    lam = 0.0
    if corrections:
        prior = w
        d, lam = token_corrections(x, y - np.asarray(x @ prior, dtype=np.float64), relative_lambda)
        w = prior + d
        for _ in range(norm_rounds):
            length = np.linalg.norm(np.asarray(x @ w, dtype=np.float64), axis=1, keepdims=True)
            d, lam = token_corrections(x, y * length - np.asarray(x @ prior, dtype=np.float64), relative_lambda)
            w = prior + d
    pred = np.asarray(x @ w, dtype=np.float64)
    pred /= np.maximum(np.linalg.norm(pred, axis=1, keepdims=True), 1e-12)
    cos = float((pred * y / np.linalg.norm(y, axis=1, keepdims=True)).sum(1).mean())
    seen = int((np.asarray(x.sum(0)).ravel() > 0).sum())
    return w.astype(np.float32), FitStats(int(x.shape[0]), seen, relative_lambda, lam, round(cos, 4))
