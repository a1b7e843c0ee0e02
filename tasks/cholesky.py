"""A Cholesky factorisation that never hands OpenBLAS a large ``syrk``.

Why not ``scipy.linalg.cho_factor`` alone: the OpenBLAS builds that numpy and scipy ship
(0.3.30 in scipy 1.17, 0.3.31 in numpy 2.4, SkylakeX kernels) crash in their threaded
``dsyrk`` once the output is large for the thread count: on 2 threads ``cho_factor``
of a 15,600 x 15,600 matrix, and ``a @ a.T`` of a (16,384 x k) array (numpy calls
``syrk`` for that product), die with a segfault in ``dgemm_otcopy`` called from
``inner_thread`` (gdb, 2026-12-06); 15,500 passes, and so does every size on one
thread. ``potrf`` calls ``syrk`` on its trailing matrix. The fast mode's fit factors a
matrix as wide as the tokens its sample shows (13,600 at 30,000 PyPI summaries, 18,000
at 50,000 Debian descriptions), so a build with a large ``--fast-fit-sample`` could
die there, or, where the overrun lands in memory the process owns, go on with
corrupted numbers.

This is the right-looking blocked algorithm: ``potrf`` on diagonal blocks of at most
``BLOCK`` rows, ``trsm`` for the panel below, and the trailing update as ``gemm`` tiles
(only the diagonal tiles, ``BLOCK`` wide, go through ``syrk``). Those calls run on every
core, so it costs about what one ``potrf`` does.
"""
from __future__ import annotations

import numpy as np

BLOCK = 4096          # well under the smallest failing syrk (15,600 rows on 2 threads)


def cholesky_lower(a: np.ndarray, block: int = BLOCK) -> np.ndarray:
    """The lower Cholesky factor of the symmetric positive definite ``a``, computed in
    ``a``'s own memory (float32 or float64, C or Fortran order); only its lower triangle
    is read.
    The strict upper triangle of the result holds leftovers, not zeros: pass ``(L, True)``
    to ``scipy.linalg.cho_solve``, which reads the lower one only (as ``cho_factor``'s).

    Raises ``numpy.linalg.LinAlgError`` if ``a`` is not positive definite."""
    from scipy.linalg import cholesky, solve_triangular

    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.dtype not in (np.float32, np.float64):
        raise ValueError(f"cholesky_lower needs a square float32 or float64 matrix, got {a.shape} {a.dtype}")
    if block < 1:
        raise ValueError(f"block must be >= 1, got {block}")
    n = a.shape[0]
    for s in range(0, n, block):
        e = min(s + block, n)
        l11 = cholesky(a[s:e, s:e], lower=True, check_finite=False)
        a[s:e, s:e] = l11
        if e == n:
            break
        l21 = solve_triangular(l11, a[e:, s:e].T, lower=True, check_finite=False).T   # A21 L11^-T
        a[e:, s:e] = l21
        for i in range(e, n, block):          # A22 -= L21 L21^T, the lower tiles only
            j = min(i + block, n)
            a[i:j, e:j] -= l21[i - e:j - e] @ l21[:j - e].T
    return a
