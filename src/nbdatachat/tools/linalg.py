"""Least squares that stays accurate on ill-conditioned designs.

Why not ``statsmodels.OLS``: its default pseudo-inverse loses every digit on NIST's Filip
data (a degree-10 polynomial), and users cannot tell. The method here is the classic
Golub/Björck recipe:

1. Householder QR of the design (LAPACK ``dgeqrf``). Householder QR is backward stable and
   invariant to column scaling, so raw units (Longley's GNP in the hundreds of thousands next to
   a year) cost nothing. For big, well-conditioned data this is the whole fit: the QR runs
   on ``[1, X, y]`` in place, so ``Q`` is never formed and the n x p matrix is copied once.
2. When the design is ill-conditioned (or small enough that it is free), Björck's iterative
   refinement of the augmented system ``[I A; A' 0] [r; b] = [y; 0]``, with residuals computed
   in double-double arithmetic (error-free ``TwoSum``/``TwoProd``, so it is the same on every
   platform, unlike ``long double``). It converges at a rate of about ``cond(A) * eps`` per
   step and fixes the ``cond(A)**2`` error term of plain QR, which dominates when residuals are
   large. The same refinement with right-hand side ``[0; e_j]`` gives the columns of
   ``(A'A)^-1``, so standard errors are as accurate as the coefficients.

On the NIST StRD linear-regression suite this reaches the digits that the double-rounded
input data allow (``tests/test_nist_regression.py`` prints the table).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from ..errors import DataError

_EPS = np.finfo(np.float64).eps
_SPLIT = 134217729.0  # 2**27 + 1, Dekker's splitting constant for float64

# Refine when the first-order error bound of plain QR (Wedin/Higham), estimated from the
# factorization, says fewer than ~11 correct digits, or when refinement is cheap anyway.
REFINE_ERROR_BOUND = 1e-11
REFINE_FREE_SIZE = 20_000  # n * p at or below which refinement always runs
COV_REFINE_MAX_WORK = 50_000_000  # n * p * p above which (A'A)^-1 is taken from R alone
_MAX_REFINE_STEPS = 20


@dataclass
class LeastSquaresFit:
    """Coefficients and the quantities inference needs; intercept first when fitted."""

    coef: np.ndarray
    cov_unscaled: np.ndarray  # (A'A)^-1; multiply by sigma^2 for the covariance
    fitted: np.ndarray
    residuals: np.ndarray
    rss: float
    condition_number: float  # of the design with columns scaled to unit length
    refined: bool
    refine_steps: int
    R: np.ndarray  # triangular factor of the design (intercept column first when fitted)

    @property
    def n_params(self) -> int:
        return int(self.coef.shape[0])


# -- error-free transformations (double-double arithmetic) ------------------------------------

def _two_sum(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def _split(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    c = _SPLIT * a
    hi = c - (c - a)
    return hi, a - hi


def _two_prod(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    p = a * b
    ah, al = _split(a)
    bh, bl = _split(b)
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def _dd_sum_rows(hi: np.ndarray, lo: np.ndarray) -> np.ndarray:
    """Sum over axis 0 of the double-double numbers ``hi + lo`` by pairwise TwoSum."""
    while hi.shape[0] > 1:
        if hi.shape[0] % 2:
            hi = np.concatenate([hi, np.zeros_like(hi[:1])])
            lo = np.concatenate([lo, np.zeros_like(lo[:1])])
        s, t = _two_sum(hi[0::2], hi[1::2])
        lo = lo[0::2] + lo[1::2] + t
        hi = s
    return hi[0] + lo[0]


# Below this many products (n * k * m) the residuals' products are formed for all columns at
# once (a few large NumPy calls instead of a few small ones per column: the same arithmetic
# element by element, so the same bits); above it, column by column to bound memory.
_BATCH_PRODUCTS = 1 << 16


def _residuals_dd(A: np.ndarray, B: np.ndarray, G: np.ndarray, R_: np.ndarray,
                  X_: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``f = B - R_ - A X_`` and ``g = G - A' R_``, each correctly rounded to ~double."""
    n, k = A.shape
    batch = n * k * B.shape[1] <= _BATCH_PRODUCTS
    s, e = _two_sum(B, -R_)
    if batch:
        P, PE = _two_prod(A[:, :, None], X_[None, :, :])  # P[:, j] = A[:, j] x X_[j]
    for j in range(k):
        if batch:
            p, pe = P[:, j], PE[:, j]
        else:
            p, pe = _two_prod(A[:, j:j + 1], X_[j:j + 1, :])
        s, t = _two_sum(s, -p)
        e = e + (t - pe)
    f = s + e
    if batch:  # (A' R_)[i, :] for every i in double-double, rounded
        P, PE = _two_prod(A[:, :, None], R_[:, None, :])
        return f, G - _dd_sum_rows(P, PE)
    g = np.empty_like(G)
    for i in range(k):
        p, pe = _two_prod(A[:, i:i + 1], R_)
        total = _dd_sum_rows(p, pe)  # (A' R_)[i, :] in double-double, rounded
        g[i] = G[i] - total
    return f, g


def _trsolve(R: np.ndarray, b: np.ndarray, trans: int = 0) -> np.ndarray:
    """``scipy.linalg.solve_triangular(R, b, trans=trans)`` for an upper-triangular float64
    ``R``: the same LAPACK call (``dtrtrs``), the same finiteness check and errors, without
    the wrapper's general-purpose validation (which cost more than a small solve)."""
    from scipy.linalg import lapack

    for arr in (R, b):
        if not np.isfinite(arr).all():
            raise ValueError("array must not contain infs or NaNs")
    if R.flags.f_contiguous:
        x, info = lapack.dtrtrs(R, b, lower=0, trans=trans)
    else:  # trtrs wants Fortran order: solve the transposed system instead
        x, info = lapack.dtrtrs(R.T, b, lower=1, trans=int(not trans))
    if info > 0:
        raise np.linalg.LinAlgError(f"singular matrix: resolution failed at diagonal {info - 1}")
    if info < 0:  # pragma: no cover - argument errors cannot happen here
        raise ValueError(f"illegal value in {-info}-th argument of internal trtrs")
    return x


# -- the solver --------------------------------------------------------------------------------

def _design_with_intercept(X: np.ndarray, fit_intercept: bool, extra: np.ndarray | None = None
                           ) -> np.ndarray:
    """``[1, X, extra]`` in Fortran order (what LAPACK wants), built with one copy of X."""
    n, p = X.shape
    k = p + int(fit_intercept) + (0 if extra is None else 1)
    A = np.empty((n, k), order="F")
    j = 0
    if fit_intercept:
        A[:, 0] = 1.0
        j = 1
    A[:, j:j + p] = X
    if extra is not None:
        A[:, -1] = extra
    return A


def _check_rank(R: np.ndarray, colnorms: np.ndarray, names: list[str]) -> None:
    """Raise if a column is (numerically) a linear combination of the columns before it."""
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.abs(np.diag(R)) / colnorms
    tol = max(R.shape) * 64 * _EPS
    for j, (v, norm) in enumerate(zip(rel, colnorms)):
        if norm == 0 or not np.isfinite(v) or v <= tol:
            before = names[:j]
            raise DataError(
                f"{names[j]!r} is an exact linear combination of "
                f"{', '.join(repr(b) for b in before) or 'the other columns'} in the usable "
                f"rows, so its effect cannot be separated from theirs. Remove it (or one of "
                f"those) from features.",
                details={"column": names[j], "collinear_with": before})


def _scaled_condition(R: np.ndarray) -> float:
    norms = np.linalg.norm(R, axis=0)
    norms[norms == 0] = 1.0
    s = np.linalg.svd(R / norms, compute_uv=False)
    return float(s[0] / s[-1]) if s[-1] > 0 else float("inf")


def qr_error_bound(cond: float, colnorms: np.ndarray, coef: np.ndarray,
                   resid_norm: float) -> float:
    """Relative error to expect from Householder QR: ``eps*k*(cond + cond**2 * |r|/(|A||x|))``.

    Computed on the column-scaled problem, where ``cond`` is measured. The squared term is
    why a large residual (Wampler4/5) needs refinement even at a modest condition number.
    """
    scaled_x = float(np.linalg.norm(coef * colnorms))
    a_norm = float(np.sqrt(len(colnorms)))
    if scaled_x == 0 or not np.isfinite(cond):
        return float("inf")
    return _EPS * len(colnorms) * (cond + cond ** 2 * resid_norm / (a_norm * scaled_x))


def solve_least_squares(X: np.ndarray, y: np.ndarray, *, fit_intercept: bool = True,
                        names: list[str] | None = None, refine: bool | None = None
                        ) -> LeastSquaresFit:
    """Least-squares fit of ``y`` on ``X`` (plus an intercept column, first, if asked).

    ``refine=None`` refines when the design is ill-conditioned or small (see module doc).
    Raises :class:`~nbdatachat.errors.DataError` when a column is an exact linear combination
    of others. ``X`` is not modified.
    """
    from scipy.linalg import lapack

    n, p = X.shape
    k = p + int(fit_intercept)
    col_names = (["intercept"] if fit_intercept else []) + list(names or
                                                               [f"x{j}" for j in range(p)])
    if n < k:
        raise DataError(f"Only {n} usable rows for {k} coefficients; add rows or use fewer "
                        f"features.", details={"rows": n, "required": k})
    # Step 1: QR of [1, X, y] in place; the last column of R holds Q'y and |residual|.
    Ay = _design_with_intercept(X, fit_intercept, y)
    qr, _tau, _work, info = lapack.dgeqrf(Ay, overwrite_a=1)
    if info != 0:  # pragma: no cover - LAPACK argument errors cannot happen here
        raise DataError("QR factorization failed.", details={"lapack_info": int(info)})
    R = np.triu(qr[:k, :k])
    qty = qr[:k, k].copy()
    resid_norm = abs(float(qr[k, k])) if n > k else 0.0
    del qr, Ay
    colnorms = np.linalg.norm(R, axis=0)
    _check_rank(R, colnorms, col_names)
    cond = _scaled_condition(R)
    coef = _trsolve(R, qty)
    do_refine = refine if refine is not None else (
        n * k <= REFINE_FREE_SIZE
        or qr_error_bound(cond, colnorms, coef, resid_norm) > REFINE_ERROR_BOUND)
    steps = 0
    if do_refine:
        A = _design_with_intercept(X, fit_intercept)
        refine_cov = n * k * k <= COV_REFINE_MAX_WORK
        coef, cov, resid, steps = _refined(A, y, refine_cov)
        del A
        if cov is None:
            Rinv = _trsolve(R, np.eye(k))
            cov = Rinv @ Rinv.T
    else:
        Rinv = _trsolve(R, np.eye(k))
        cov = Rinv @ Rinv.T
        resid = None
    off = 1 if fit_intercept else 0
    fitted = X @ coef[off:]
    if fit_intercept:
        fitted += coef[0]
    if resid is None:
        resid = y - fitted
    rss = float(resid @ resid)
    return LeastSquaresFit(coef, cov, fitted, resid, rss, cond, do_refine, steps, R)


def _refined(A: np.ndarray, y: np.ndarray, with_cov: bool
             ) -> tuple[np.ndarray, np.ndarray | None, np.ndarray, int]:
    """Björck's augmented-system refinement for ``y`` and (optionally) every ``e_j``.

    Solves ``r + A x = B``, ``A' r = G`` for the columns ``[y | 0]``, ``[0 | I]``: the first
    gives the least-squares solution and residual, the others ``x = -(A'A)^-1 e_j``.
    """
    n, k = A.shape
    Q, R = np.linalg.qr(A)
    m = 1 + (k if with_cov else 0)
    B = np.zeros((n, m))
    B[:, 0] = y
    G = np.zeros((k, m))
    if with_cov:
        G[:, 1:] = np.eye(k)
    X_ = np.zeros((k, m))
    R_ = np.zeros((n, m))
    best = np.full(m, np.inf)
    steps = 0
    for steps in range(1, _MAX_REFINE_STEPS + 1):
        f, g = _residuals_dd(A, B, G, R_, X_)
        z = _trsolve(R, g, trans=1)
        u = Q.T @ f - z
        dx = _trsolve(R, u)
        dr = f - Q @ u
        X_ += dx
        R_ += dr
        with np.errstate(divide="ignore", invalid="ignore"):
            change = np.abs(dx).max(axis=0) / np.abs(X_).max(axis=0)
        change = np.where(np.isfinite(change), change, 0.0)
        if steps > 1 and (np.all(change <= 4 * _EPS) or np.all(change >= best)):
            break
        best = np.minimum(best, change)
    cov = -X_[:, 1:] if with_cov else None
    if cov is not None:
        cov = (cov + cov.T) / 2  # symmetric by construction; remove rounding asymmetry
    return X_[:, 0].copy(), cov, R_[:, 0].copy(), steps


# -- blocked passes over tall data (penalized regression) --------------------------------------

BLOCK_ROWS = 16_384  # rows per block: a 10-column block of float64 is 1.3 MB (cache-sized)


def centered_blocks(columns: list[np.ndarray], means: np.ndarray, y: np.ndarray | None = None,
                    y_mean: float = 0.0, *, block_rows: int = BLOCK_ROWS
                    ) -> Iterator[tuple[int, np.ndarray, np.ndarray | None]]:
    """``(start, X_block - means, y_block - y_mean)`` for consecutive row blocks.

    Built from the separate columns (which may be read-only views of a DataFrame), so the
    n x p design is never materialized: each block is assembled in one reused, cache-sized,
    column-major buffer. Consume a block before asking for the next. The blocks feed small
    BLAS calls, which run fastest on one thread (see ``tools._threads.single_threaded``).
    """
    n, p = len(columns[0]), len(columns)
    size = max(1, min(block_rows, n))
    buf = np.empty((size, p), order="F")
    ybuf = np.empty(size) if y is not None else None
    for start in range(0, n, size):
        stop = min(start + size, n)
        block = buf[:stop - start]
        for j, col in enumerate(columns):
            np.subtract(col[start:stop], means[j], out=block[:, j])
        yblock = None
        if ybuf is not None:
            yblock = ybuf[:stop - start]
            np.subtract(y[start:stop], y_mean, out=yblock)
        yield start, block, yblock


@dataclass
class CenteredMoments:
    """Means and centered cross-products of ``[X, y]``: all a linear model on
    centered data needs from the rows."""

    n: int
    x_mean: np.ndarray
    y_mean: float
    gram: np.ndarray  # X_c' X_c
    xty: np.ndarray   # X_c' y_c
    tss: float        # y_c' y_c


def centered_moments(columns: list[np.ndarray], sums: list[float] | np.ndarray,
                     y: np.ndarray, y_sum: float) -> CenteredMoments:
    """Centered Gram matrix, ``X'y`` and total sum of squares in one blocked pass.

    Rows are shifted by the one-pass means ``sum / n`` while each block is built, and the
    pass also sums the shifted values, which corrects the means and the cross-products
    exactly (``S_c = S_shifted - n d d'`` with ``d`` the tiny mean of the shifted data).
    This is as accurate as centering with a two-pass mean, without the second pass or
    an n x p copy.
    """
    n, p = len(y), len(columns)
    mean0 = np.array([s / n if math.isfinite(s) else float(np.add.reduce(c / n))
                      for c, s in zip(columns, sums)])
    ymean0 = y_sum / n if math.isfinite(y_sum) else float(np.add.reduce(y / n))
    gram = np.zeros((p, p))
    xty = np.zeros(p)
    tss = 0.0
    dx = np.zeros(p)
    dy = 0.0
    for _, block, yblock in centered_blocks(columns, mean0, y, ymean0):
        gram += block.T @ block
        xty += block.T @ yblock
        tss += float(yblock @ yblock)
        dx += block.sum(axis=0)
        dy += float(yblock.sum())
    dx /= n
    dy /= n
    gram -= n * np.outer(dx, dx)
    xty -= n * dx * dy
    tss -= n * dy * dy
    return CenteredMoments(n, mean0 + dx, ymean0 + dy, (gram + gram.T) / 2, xty, tss)
