"""Accurate means and sums of squares for tools whose numbers are certified (NIST StRD).

Why this exists: the textbook formulas lose digits when values share many leading digits.
``sum(x**2) - n*mean**2`` cancels catastrophically, and even a careful mean of values near
1e12 is a double near 1e12, so it is only known to 1e-4 -- useless when the spread is 0.1.
The cure is to keep every statistic in *shifted* coordinates: subtract one offset (a data
value) from the whole column first, then compute means and deviations of the small
remainders with the corrected two-pass algorithm (Chan, Golub & LeVeque 1983). Differences
of means, sums of squares, F and t never need the offset back.

Subtracting a nearby data value is exact in binary floating point (Sterbenz's lemma), so for
float64 columns the shift loses nothing. For ``decimal.Decimal`` columns (what Parquet
DECIMAL columns and SQL NUMERIC values arrive as) the shift is done in decimal arithmetic
before anything is rounded to float64: values such as ``1000000000000.4``, which no double
can hold, keep all their digits.
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from ..errors import DataError
from .prepare import numeric_column, require_columns

# Wide enough that a difference of two 38-digit decimals (the Parquet maximum) is exact.
_DECIMAL_CONTEXT = decimal.Context(prec=80)


@dataclass(frozen=True)
class Shifted:
    """Numeric columns as ``offset + values``: one shared exact offset, float64 remainders.

    ``values`` has one float64 array per column, NaN where a value is missing or not
    finite. ``exact`` says the offset was subtracted in decimal arithmetic.
    """

    values: list[np.ndarray]
    offset: float | Decimal
    exact: bool

    def restore(self, shifted_mean: float) -> float:
        """A location statistic (mean, quantile) back in the data's coordinates."""
        if isinstance(self.offset, Decimal):
            return float(_DECIMAL_CONTEXT.add(self.offset, Decimal(shifted_mean)))
        return float(self.offset + shifted_mean)

    def restore_array(self, values: np.ndarray) -> np.ndarray:
        """Per-row values back in data coordinates, to float64 precision (for charts)."""
        return values + float(self.offset)

    def relative_to(self, value: float) -> float:
        """``value`` expressed in shifted coordinates (for a null mean ``mu``)."""
        if isinstance(self.offset, Decimal):
            return float(_DECIMAL_CONTEXT.subtract(Decimal(value), self.offset))
        return float(value - self.offset)


def is_decimal_column(series: pd.Series) -> bool:
    """True for an object column whose values are ``decimal.Decimal`` (missing allowed)."""
    if not isinstance(series, pd.Series) or series.dtype != object:
        return False
    present = series.dropna()
    return len(present) > 0 and all(isinstance(v, Decimal) for v in present.iloc[:64]) \
        and all(isinstance(v, (Decimal, int, float)) for v in present)


def _as_decimal(v: object) -> Decimal | None:
    if isinstance(v, Decimal):
        return v if v.is_finite() else None
    if isinstance(v, (int, float, np.integer, np.floating)) and np.isfinite(v):
        return Decimal(float(v)) if isinstance(v, (float, np.floating)) else Decimal(int(v))
    return None


def _decimal_floats(cells: list[object], offset: Decimal) -> np.ndarray:
    """Each value minus ``offset``, subtracted exactly, then rounded once to float64."""
    sub = _DECIMAL_CONTEXT.subtract
    out = np.empty(len(cells), dtype="float64")
    for i, v in enumerate(cells):
        d = _as_decimal(v)
        out[i] = np.nan if d is None else float(sub(d, offset))
    return out


def _middle_decimal(columns: list[list[object]]) -> Decimal:
    values = [d for col in columns for d in map(_as_decimal, col) if d is not None]
    if not values:
        return Decimal(0)
    approx = np.array([float(d) for d in values])
    k = approx.size // 2
    return values[int(np.argpartition(approx, k)[k])]


def _pick_offset(arrays: Sequence[np.ndarray]) -> float:
    """A data value near the middle: close to everything, so subtracting it is exact."""
    finite = np.concatenate([a[np.isfinite(a)] for a in arrays]) if arrays else np.array([])
    if finite.size == 0:
        return 0.0
    k = finite.size // 2
    return float(np.partition(finite, k)[k])


def shifted_columns(frame: pd.DataFrame, columns: Sequence[str], role: str = "column"
                    ) -> Shifted:
    """The named numeric columns minus one common offset (see the module docstring).

    Columns sharing the offset can be compared directly (paired differences, group means).
    Non-numeric columns raise the same :class:`~nbdatachat.errors.DataError` as
    :func:`~nbdatachat.tools.prepare.numeric_column`.
    """
    require_columns(frame, columns, role)
    for c in columns:
        s = frame[c]
        if isinstance(s, pd.Series) and len(s) and bool(s.isna().all()):
            raise DataError(f"Column {c!r} is empty: every value is missing. Choose a column "
                            f"with data.", details={"parameter": role, "column": c})
    decimal_cols = [c for c in columns if is_decimal_column(frame[c])]
    if decimal_cols:
        cells = [frame[c].tolist() if c in decimal_cols else
                 numeric_column(frame, c, role).to_numpy(dtype="float64", na_value=np.nan).tolist()
                 for c in columns]
        offset = _middle_decimal(cells)
        return Shifted([_decimal_floats(col, offset) for col in cells], offset, True)
    raw = [numeric_column(frame, c, role).to_numpy(dtype="float64", na_value=np.nan)
           for c in columns]
    raw = [np.where(np.isfinite(x), x, np.nan) for x in raw]
    offset = _pick_offset(raw)
    return Shifted([x - offset for x in raw], offset, False)


def mean_ss(x: np.ndarray) -> tuple[float, float]:
    """Mean and sum of squared deviations by the corrected two-pass algorithm.

    The second pass adds back the rounding error of the first mean, and the ``(sum d)**2/n``
    term removes what is left of it from the sum of squares.
    """
    n = x.size
    if n == 0:
        return float("nan"), float("nan")
    m = float(np.mean(x))
    d = x - m
    corr = float(np.sum(d))
    m += corr / n
    ss = float(np.dot(d, d)) - corr * corr / n
    return m, max(ss, 0.0)


def lag1_autocorrelation(x: np.ndarray, mean: float, ss: float) -> float:
    """NIST's r(1): sum((x[i]-m)(x[i+1]-m)) / sum((x[i]-m)^2); NaN when undefined."""
    if x.size < 2 or ss <= 0:
        return float("nan")
    d = x - mean
    return float(np.dot(d[:-1], d[1:]) / ss)
