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
   solution ``D = X^T (X X^T + lam I)^-1 (Y - X P)`` (kernel ridge, linear kernel) is
   solved in whichever of its two exact forms is smaller (``TokenCorrections``) and
   leaves unseen tokens at ``P``.

``lam`` is given relative to the mean of ``diag(X X^T)`` so one value suits short and
long texts alike (a document's token shares sum to 1, so that diagonal shrinks as
documents grow). The fitted vectors live in MiniLM's 384-d space.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix

from datamap.resources.errors import EmbeddingError
from datamap.tasks.cholesky import cholesky_lower
from datamap.tasks.embed.fit_residuals import Residuals

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


def linear_map(x: csr_matrix, w0: np.ndarray, y: np.ndarray, alpha: float = MAP_ALPHA) -> np.ndarray:
    """``A`` (d0 x d): one ridge-fitted linear map from the distilled space to the target's.

    Why first: a map learnt from a few thousand documents applies to all 30k tokens,
    including the ones the sample never shows, so unseen words still land in the
    target space rather than the distilled one (``W0 @ A``, the prior).
    """
    from sklearn.linear_model import Ridge

    s = np.asarray(x @ w0, dtype=np.float64)
    return Ridge(alpha=alpha, fit_intercept=False).fit(s, y).coef_.T        # (d0, d)


def _prior(w0: np.ndarray, a: np.ndarray) -> np.ndarray:
    """``W0 @ A``: every token moved into the target space by the linear map."""
    return (w0.astype(np.float64) @ a).astype(np.float32)


@dataclass
class FittedStatic:
    """A fit in the form it is kept: the linear map, and corrections only for the tokens
    the sample showed (every other token's correction is exactly zero). Why not the
    token vectors themselves: these are a third of their size and rebuild them exactly
    from the distilled vectors ``w0``, which every machine derives from the bundled model."""
    a: np.ndarray              # (d0, d) float64
    seen: np.ndarray           # (t,) int64 token ids with a correction
    corrections: np.ndarray    # (t, d) float32
    stats: FitStats
    residuals: Residuals | None = None   # the sample's leftover error, borrowed at encode time (fit_residuals)

    def vectors(self, w0: np.ndarray) -> np.ndarray:
        """(vocab, d) float32 token vectors: ``W0 @ A`` plus the corrections."""
        if w0.shape[1] != self.a.shape[0]:
            raise EmbeddingError(f"the fit maps {self.a.shape[0]}-d token vectors, the distilled "
                                 f"model has {w0.shape[1]}-d ones: it was fitted to another model")
        w = _prior(w0, self.a)
        w[self.seen] += self.corrections
        return w

    def directions(self, x: csr_matrix, w0: np.ndarray, dims: int) -> np.ndarray | None:
        """(d, dims): the ``dims`` principal directions of the sample's (unit) document
        vectors, uncentred since cosines are taken about the origin; None when ``dims``
        is not below the fit's width."""
        if dims >= self.a.shape[1]:
            return None
        pred = np.asarray(x @ self.vectors(w0), dtype=np.float64)
        pred /= np.maximum(np.linalg.norm(pred, axis=1, keepdims=True), 1e-12)
        return np.linalg.svd(pred, full_matrices=False)[2][:dims].T

    def rotated(self, p: np.ndarray | None) -> "FittedStatic":
        """The fit in the space of ``p``'s columns (``W P = W0 (A P) + D P``, exact)."""
        if p is None:
            return self
        return FittedStatic(self.a @ p, self.seen, (self.corrections @ p).astype(np.float32), self.stats)

    def projected(self, x: csr_matrix, w0: np.ndarray, dims: int) -> "FittedStatic":
        """The fit rotated onto its sample's ``dims`` principal directions. Why: at the
        distilled model's 256 dims the encoder does a third less arithmetic and the map
        stores a third less, for a held-out 10-NN kept 0.0006 (Debian) / 0.0011 (PyPI)
        below the 384-d fit's (5,000-document samples, 2026-12-03)."""
        return self.rotated(self.directions(x, w0, dims))


class TokenCorrections:
    """Kernel-ridge corrections ``D`` (vocab x d) for the tokens a sample shows, solved for
    as many residuals as asked with one Cholesky factorisation.

    ``min ||X D - R||^2 + lam ||D||^2`` has one solution and two exact forms:
    ``X^T (X X^T + lam I)^-1 R`` (an ``n x n`` system, ``n`` sample documents) and
    ``(X^T X + lam I)^-1 X^T R`` restricted to the tokens seen (a ``t x t`` system). Why
    both: the held-out 10-NN kept keeps rising with the sample (PyPI 0.38 at 5,000
    documents, 0.45 at 75,000; bench/fast_mode.py) while the tokens seen grow far slower
    (7,500 -> ~20,000), so large samples are cheap only in the token form. The smaller
    system is factored: memory ``4 * min(n, t)^2`` bytes. Columns of ``D`` for tokens
    absent from ``x`` are exactly zero.
    """

    def __init__(self, x: csr_matrix, relative_lambda: float, form: str | None = None):
        """``form``: "documents" or "tokens" to force one system (tests); None: the smaller."""
        if form not in (None, "documents", "tokens"):
            raise EmbeddingError(f"form must be 'documents', 'tokens' or None, got {form!r}")

        gram_diag = np.asarray(x.multiply(x).sum(1)).ravel()
        self.lam = float(relative_lambda * gram_diag[gram_diag > 0].mean())
        self.x, self.vocab = x, x.shape[1]
        self.seen = np.nonzero(np.asarray(x.getnnz(axis=0)).ravel() > 0)[0]
        self.dual = form == "documents" or (form is None and x.shape[0] <= len(self.seen))
        # the system in single precision: half the memory, and a fit of 10,000 PyPI texts
        # took 7.7-8.4 s instead of 13.0-14.0 (15,000 Debian texts: 19 s instead of 35),
        # for corrections within 2e-4 of double's and the same held-out 10-NN kept (0.422,
        # 0.524; 2026-12-07). The ridge term keeps the system well conditioned
        if self.dual:
            single = x.astype(np.float32)
            gram = (single @ single.T).toarray()
        else:
            self.xs = x[:, self.seen].tocsc()
            single = self.xs.astype(np.float32)
            gram = (single.T @ single).toarray()
        gram[np.diag_indices_from(gram)] += np.float32(self.lam)
        # not cho_factor: OpenBLAS' threaded syrk (tasks/cholesky.py). Kept as the upper
        # factor L^T, a Fortran-order view of the C-order L: cho_solve hands LAPACK a
        # C-order factor only after copying it (12,000 tokens: 6.1 s a solve, 1.1 s so)
        self._factor = (cholesky_lower(gram).T, False)

    def solve(self, residual: np.ndarray) -> np.ndarray:
        """``D`` for residuals ``R`` (n x d)."""
        from scipy.linalg import cho_solve

        if self.dual:
            solution = cho_solve(self._factor, np.asarray(residual, dtype=np.float32), check_finite=False)
            return np.asarray(self.x.T @ solution, dtype=np.float32)
        out = np.zeros((self.vocab, residual.shape[1]), dtype=np.float32)
        out[self.seen] = cho_solve(self._factor, np.asarray(self.xs.T @ residual, dtype=np.float32),
                                   check_finite=False)
        return out


def fit_vectors(x: csr_matrix, w0: np.ndarray, y: np.ndarray, relative_lambda: float = RELATIVE_LAMBDA,
                corrections: bool = True, norm_rounds: int = 0) -> tuple[np.ndarray, FitStats]:
    """Token vectors fitted so sample documents' means approach ``y`` (their MiniLM vectors):
    ``fit_static`` composed with ``FittedStatic.vectors``."""
    fit = fit_static(x, w0, y, relative_lambda, corrections, norm_rounds)
    return fit.vectors(w0), fit.stats


def fit_static(x: csr_matrix, w0: np.ndarray, y: np.ndarray, relative_lambda: float = RELATIVE_LAMBDA,
               corrections: bool = True, norm_rounds: int = 0) -> FittedStatic:
    """The fit (linear map + per-token corrections) of token vectors ``w0`` to ``y``.

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
    a = linear_map(x, w0, y)
    prior = _prior(w0, a)
    seen = np.nonzero(np.asarray(x.getnnz(axis=0)).ravel() > 0)[0]
    d = np.zeros((len(seen), a.shape[1]), np.float32)
    lam = 0.0
    if corrections:
        solver = TokenCorrections(x, relative_lambda)
        base = np.asarray(x @ prior, dtype=np.float64)
        lam, d = solver.lam, solver.solve(y - base)[seen]
        for _ in range(norm_rounds):
            w = prior.copy()
            w[seen] += d
            length = np.linalg.norm(np.asarray(x @ w, dtype=np.float64), axis=1, keepdims=True)
            d = solver.solve(y * length - base)[seen]
    w = prior.copy()
    w[seen] += d
    pred = np.asarray(x @ w, dtype=np.float64)
    pred /= np.maximum(np.linalg.norm(pred, axis=1, keepdims=True), 1e-12)
    cos = float((pred * y / np.linalg.norm(y, axis=1, keepdims=True)).sum(1).mean())
    stats = FitStats(int(x.shape[0]), len(seen), relative_lambda, lam, round(cos, 4))
    return FittedStatic(a, seen.astype(np.int64), np.asarray(d, np.float32), stats)
