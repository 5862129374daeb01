"""Shared input checks for tools: columns exist, are numeric, carry information.

Every tool goes through these so that the same mistake gets the same clear message
everywhere (unknown column with suggestions, non-numeric target, too few rows, constant or
duplicated column, all-missing data) and dropped rows are always counted in ``warnings``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..data.readers import coerce_numeric
from ..errors import DataError, InvalidRequest, column_not_found


def require_columns(frame: pd.DataFrame, columns: Sequence[str], role: str = "column") -> None:
    available = [str(c) for c in frame.columns]
    for col in columns:
        if col not in frame.columns:
            raise column_not_found(col, available, role=role)


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
    """A numeric design matrix ready for a model, with what was done to get it."""

    y: np.ndarray | None
    X: np.ndarray
    names: list[str]
    n_dropped: int
    warnings: list[str] = field(default_factory=list)
    index: pd.Index | None = None

    @property
    def n(self) -> int:
        return self.X.shape[0]


def build_design(frame: pd.DataFrame, target: str | None, features: Sequence[str], *,
                 min_rows: int = 3, encode_categories: bool = True,
                 check_constant: bool = True) -> Design:
    """Numeric ``y`` and ``X`` from ``frame``, dropping incomplete rows (counted in warnings).

    Categorical features are expanded into 0/1 indicator columns (first level as baseline),
    the way R's ``lm`` and statsmodels formulas do.
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
    cols: dict[str, pd.Series] = {}
    y = numeric_column(frame, target, "target") if target else None
    for f in features:
        s = frame[f]
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
            for lev in levels[1:]:
                ind = (text == lev).astype("float64")
                ind[s.isna()] = np.nan
                cols[f"{f}[{lev}]"] = ind
            warnings.append(f"{f!r} is categorical: encoded as indicators against the "
                            f"baseline {levels[0]!r}.")
        else:
            cols[f] = numeric_column(frame, f, "feature")
    names = list(cols)
    # Column-major: each column is one contiguous copy (column_stack's row-major writes are
    # ~5x slower on tall data), and LAPACK/BLAS take Fortran order without another copy.
    X = np.empty((len(frame), len(cols)), order="F")
    for j, c in enumerate(cols.values()):
        X[:, j] = c.to_numpy(dtype="float64", na_value=np.nan)
    yv = y.to_numpy(dtype="float64", na_value=np.nan) if y is not None else None
    bad = ~np.isfinite(X).all(axis=1)
    if yv is not None:
        bad |= ~np.isfinite(yv)
    n_inf = int(np.isinf(X).sum() + (np.isinf(yv).sum() if yv is not None else 0))
    n_bad = int(bad.sum())
    index = frame.index
    if n_bad:
        if n_bad == len(frame):
            raise DataError("Every row has a missing or non-finite value in the chosen columns; "
                            "nothing is left to analyse. Check the columns for empty cells.",
                            details={"rows": len(frame), "columns": ([target] if target else [])
                                     + features})
        keep = ~bad
        X = X[keep]
        yv = yv[keep] if yv is not None else None
        index = index[keep]
        what = "missing or infinite values" if n_inf else "missing values"
        warnings.append(f"Dropped {n_bad} of {len(frame)} rows with {what} in the chosen "
                        f"columns.")
    if X.shape[0] < min_rows:
        raise DataError(f"Only {X.shape[0]} usable rows; this analysis needs at least "
                        f"{min_rows}. Add data or use fewer features.",
                        details={"rows": int(X.shape[0]), "required": min_rows})
    if check_constant:
        if yv is not None and np.ptp(yv) == 0:
            raise DataError(f"The target {target!r} is constant ({yv[0]:g}) in every usable "
                            f"row; there is nothing to explain.",
                            details={"column": target})
        spans = np.ptp(X, axis=0) if X.shape[1] else np.array([])
        for name, span in zip(names, spans):
            if span == 0:
                raise DataError(f"Feature {name!r} is constant ({X[0, names.index(name)]:g}); "
                                f"it carries no information. Remove it from features.",
                                details={"column": name})
        _check_duplicates(X, names)
    return Design(yv, X, names, n_bad, warnings, index)


def _check_duplicates(X: np.ndarray, names: list[str]) -> None:
    head = X[: min(len(X), 64)]
    for i in range(X.shape[1]):
        for j in range(i + 1, X.shape[1]):
            if np.array_equal(head[:, i], head[:, j]) and np.array_equal(X[:, i], X[:, j]):
                raise DataError(f"Features {names[i]!r} and {names[j]!r} hold identical values; "
                                f"keep only one of them.",
                                details={"columns": [names[i], names[j]]})
