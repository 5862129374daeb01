"""Shared input checks for tools: columns exist, are numeric, carry information.

Every tool goes through these so that the same mistake gets the same clear message
everywhere (unknown column with suggestions, non-numeric target, too few rows, constant or
duplicated column, all-missing data) and dropped rows are always counted in ``warnings``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..data.readers import coerce_numeric
from ..errors import DataError, InvalidRequest, column_not_found


def require_columns(frame: pd.DataFrame, columns: Sequence[str], role: str = "column") -> None:
    for col in columns:
        if col not in frame.columns:
            raise column_not_found(col, [str(c) for c in frame.columns], role=role)


def numeric_column(frame: pd.DataFrame, col: str, role: str = "column") -> pd.Series:
    """The column as float64; text numbers ('$1,200') are parsed, real text is an error."""
    require_columns(frame, [col], role)
    s = frame[col]
    if isinstance(s, pd.DataFrame):
        raise DataError(f"Column name {col!r} appears more than once in the data; rename the "
                        f"duplicates so each column has a unique name.",
                        details={"column": col})
    if pd.api.types.is_bool_dtype(s):
        return s.astype("float64")
    if pd.api.types.is_numeric_dtype(s):
        return s if s.dtype == np.float64 else s.astype("float64")
    parsed = coerce_numeric(s)
    if parsed is None:
        sample = ", ".join(repr(v) for v in s.dropna().astype(str).unique()[:3])
        raise DataError(
            f"The {role} {col!r} is not numeric (values such as {sample}). Choose a numeric "
            f"column, or use a tool for categories (t_test/anova with group=, chi_square).",
            details={"parameter": role, "column": col, "dtype": str(s.dtype)})
    return parsed.astype("float64")


@dataclass
class Design:
    """A numeric design matrix ready for a model, with what was done to get it.

    ``X`` is always the design's own writable, column-major (Fortran-order) copy, so a
    model may transform it in place; ``y`` may be a read-only view of the frame's column
    (callers must not write to it).
    """

    y: np.ndarray | None
    X: np.ndarray
    names: list[str]
    n_dropped: int
    warnings: list[str] = field(default_factory=list)
    index: pd.Index | None = None

    @property
    def n(self) -> int:
        return self.X.shape[0]


@dataclass
class DesignColumns:
    """The checked columns of a design, before they are stacked into one matrix.

    For models that only need a few passes over the rows (moments, blocked products), the
    columns can be used in place: numeric float64 columns are read-only views of the
    frame's memory, so nothing n x p is copied. ``sums`` (over the usable rows) come from
    the finite check and give the column means without another pass.
    """

    y: np.ndarray | None
    columns: list[np.ndarray]
    names: list[str]
    sums: list[float]
    n_dropped: int
    warnings: list[str] = field(default_factory=list)
    index: pd.Index | None = None
    y_sum: float | None = None
    _matrix: np.ndarray | None = field(default=None, repr=False)

    @property
    def n(self) -> int:
        return len(self.index) if self.index is not None else len(self.columns[0])

    def to_design(self) -> Design:
        """Stack into a column-major matrix (each column one contiguous copy)."""
        X = self._matrix
        if X is None:
            X = np.empty((self.n, len(self.columns)), order="F")
            for j, col in enumerate(self.columns):
                X[:, j] = col
        return Design(self.y, X, self.names, self.n_dropped, self.warnings, self.index)


def build_design(frame: pd.DataFrame, target: str | None, features: Sequence[str], *,
                 min_rows: int = 3, encode_categories: bool = True,
                 check_constant: bool = True) -> Design:
    """Numeric ``y`` and ``X`` from ``frame``, dropping incomplete rows (counted in warnings).

    Categorical features are expanded into 0/1 indicator columns (first level as baseline),
    the way R's ``lm`` and statsmodels formulas do. See :func:`design_columns` for the checks.
    """
    return design_columns(frame, target, features, min_rows=min_rows,
                          encode_categories=encode_categories,
                          check_constant=check_constant).to_design()


def design_columns(frame: pd.DataFrame, target: str | None, features: Sequence[str], *,
                   min_rows: int = 3, encode_categories: bool = True,
                   check_constant: bool = True) -> DesignColumns:
    """The checks of :func:`build_design`, returning columns instead of a matrix.

    Unknown or duplicated columns, a non-numeric target, too few rows, constant or
    identical columns and all-missing data raise :class:`~nbdatachat.errors.DataError` /
    :class:`~nbdatachat.errors.InvalidRequest`; rows with missing or infinite values are
    dropped and counted in ``warnings``.

    Built for tall data: numeric columns are read as zero-copy views, the finite check
    rides on the column sums (a NaN or inf makes the sum non-finite, so rows are only
    scanned when a column has one), and constant columns are looked for only where the sum
    allows one.
    """
    features = list(features)
    if len(set(features)) != len(features):
        dup = next(f for f in features if features.count(f) > 1)
        raise InvalidRequest(f"Feature {dup!r} is listed twice in features; list each once.",
                             details={"parameter": "features", "column": dup})
    if target is not None and target in features:
        raise InvalidRequest(f"{target!r} is both the target and a feature; remove it from "
                             f"features.", details={"parameter": "features", "column": target})
    require_columns(frame, ([target] if target else []), "target")
    require_columns(frame, features, "feature")
    warnings: list[str] = []
    yv = _numeric_values(frame, target, "target") if target else None
    names, columns = _feature_columns(frame, features, encode_categories, warnings)
    n_rows = len(frame)
    sums = [_sum(c) for c in columns]
    y_sum = _sum(yv) if yv is not None else None
    bad, n_inf = _nonfinite_rows(columns, sums, yv, y_sum)
    index = frame.index
    n_bad = int(bad.sum()) if bad is not None else 0
    X: np.ndarray | None = None
    if n_bad:
        if n_bad == n_rows:
            raise DataError("Every row has a missing or non-finite value in the chosen columns; "
                            "nothing is left to analyse. Check the columns for empty cells.",
                            details={"rows": n_rows, "columns": ([target] if target else [])
                                     + features})
        keep = ~bad
        # Compact straight into a design matrix; the checks then run on its columns.
        X = np.empty((n_rows - n_bad, len(columns)), order="F")
        for j, col in enumerate(columns):
            np.compress(keep, col, out=X[:, j])
        columns = [X[:, j] for j in range(X.shape[1])]
        sums = [_sum(c) for c in columns]
        yv = yv[keep] if yv is not None else None
        y_sum = _sum(yv) if yv is not None else None
        index = index[keep]
        what = "missing or infinite values" if n_inf else "missing values"
        warnings.append(f"Dropped {n_bad} of {n_rows} rows with {what} in the chosen "
                        f"columns.")
    n = n_rows - n_bad
    if n < min_rows:
        raise DataError(f"Only {n} usable rows; this analysis needs at least "
                        f"{min_rows}. Add data or use fewer features.",
                        details={"rows": int(n), "required": min_rows})
    if check_constant:
        if yv is not None and np.ptp(yv) == 0:
            raise DataError(f"The target {target!r} is constant ({yv[0]:g}) in every usable "
                            f"row; there is nothing to explain.",
                            details={"column": target})
        for name, col, total in zip(names, columns, sums):
            if _is_constant(col, total):
                raise DataError(f"Feature {name!r} is constant ({col[0]:g}); "
                                f"it carries no information. Remove it from features.",
                                details={"column": name})
        _check_duplicates(columns, names)
    return DesignColumns(yv, columns, names, sums, n_bad, warnings, index, y_sum, X)


def _as_float_array(series: pd.Series) -> np.ndarray:
    """float64 values with NA as NaN; a zero-copy view when the column already is float64."""
    return series.to_numpy(dtype="float64", na_value=np.nan)


def _plain_numeric(s: pd.Series | pd.DataFrame) -> bool:
    """A single column of a NumPy bool, integer or float dtype (no NA other than NaN)."""
    return (isinstance(s, pd.Series) and isinstance(s.dtype, np.dtype)
            and s.dtype.kind in "biuf")


def _numeric_values(frame: pd.DataFrame, col: str, role: str) -> np.ndarray:
    """:func:`numeric_column` as a float64 array; plain NumPy columns skip its checks (the
    same values: NumPy's cast, a view when already float64)."""
    s = frame[col]
    if _plain_numeric(s):
        return s.to_numpy(dtype="float64", na_value=np.nan)
    return _as_float_array(numeric_column(frame, col, role))


def _feature_columns(frame: pd.DataFrame, features: list[str], encode_categories: bool,
                     warnings: list[str]) -> tuple[list[str], list[np.ndarray]]:
    """Each feature as float64 arrays: numeric ones as they are, categories as indicators."""
    names: list[str] = []
    columns: list[np.ndarray] = []
    for f in features:
        s = frame[f]
        if _plain_numeric(s):
            names.append(f)
            columns.append(s.to_numpy(dtype="float64", na_value=np.nan))
            continue
        is_text = not (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s))
        if is_text and coerce_numeric(s) is None and encode_categories:
            if pd.api.types.is_datetime64_any_dtype(s):
                raise DataError(f"Feature {f!r} holds dates; use a numeric feature or a time "
                                f"series tool (arima).", details={"column": f})
            levels = sorted(s.dropna().astype(str).unique())
            if len(levels) > 50:
                raise DataError(f"Feature {f!r} is text with {len(levels)} distinct values: too "
                                f"many categories to encode. Choose a numeric feature.",
                                details={"column": f, "levels": len(levels)})
            if len(levels) < 2:
                raise DataError(f"Feature {f!r} has a single category; it carries no "
                                f"information. Remove it from features.", details={"column": f})
            text = s.astype("string")
            missing = s.isna().to_numpy()
            for lev in levels[1:]:
                ind = (text == lev).to_numpy(dtype="float64", na_value=np.nan)
                ind[missing] = np.nan
                names.append(f"{f}[{lev}]")
                columns.append(ind)
            warnings.append(f"{f!r} is categorical: encoded as indicators against the "
                            f"baseline {levels[0]!r}.")
        else:
            names.append(f)
            columns.append(_numeric_values(frame, f, "feature"))
    return names, columns


def _sum(values: np.ndarray) -> float:
    with np.errstate(over="ignore", invalid="ignore"):  # inf/NaN sums are the signal
        return float(np.add.reduce(values)) if len(values) else 0.0


def _nonfinite_rows(columns: list[np.ndarray], sums: list[float], y: np.ndarray | None,
                    y_sum: float | None) -> tuple[np.ndarray | None, bool]:
    """Row mask of missing/infinite values (None when there are none) and whether any is inf.

    A NaN or inf anywhere makes a column's sum non-finite, so only such columns (and, rarely,
    columns whose finite values overflow the sum) are scanned element by element.
    """
    suspects = [c for c, s in zip(columns, sums) if not math.isfinite(s)]
    if y is not None and not math.isfinite(y_sum):
        suspects.append(y)
    if not suspects:
        return None, False
    bad = np.zeros(len(suspects[0]), dtype=bool)
    has_inf = False
    for col in suspects:
        finite = np.isfinite(col)
        bad |= ~finite
        has_inf = has_inf or bool(np.isinf(col).any())
    return bad, has_inf


def _is_constant(col: np.ndarray, total: float) -> bool:
    """Exactly ``min == max``; the min/max scan only runs for columns whose sum is within
    rounding of ``n`` times the first value, which every constant column satisfies."""
    first = float(col[0])
    if math.isfinite(total) and abs(total - len(col) * first) > 1e-8 * len(col) * abs(first):
        return False
    with np.errstate(over="ignore"):
        return bool(np.ptp(col) == 0)


def _check_duplicates(columns: list[np.ndarray], names: list[str]) -> None:
    """Raise on the first pair (in column order) of identical columns.

    Columns are grouped by the bytes of their first 64 values, so only columns that agree
    there are compared in full: O(p) hashing instead of O(p^2) comparisons.
    """
    groups: dict[bytes, list[int]] = {}
    for j, col in enumerate(columns):
        # + 0.0 turns -0.0 into 0.0, so the bytes agree exactly when the values compare equal
        groups.setdefault((col[:64] + 0.0).tobytes(), []).append(j)
    pairs = sorted((i, j) for group in groups.values() for a, i in enumerate(group)
                   for j in group[a + 1:])
    for i, j in pairs:
        if np.array_equal(columns[i], columns[j]):
            raise DataError(f"Features {names[i]!r} and {names[j]!r} hold identical values; "
                            f"keep only one of them.",
                            details={"columns": [names[i], names[j]]})
