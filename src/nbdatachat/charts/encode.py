"""Column values as arrays for Plotly and as JSON-safe lists (NaN/inf -> None, dates -> ISO)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..jsonable import to_jsonable


def _iso(s: pd.Series) -> np.ndarray:
    """Datetimes as ISO strings: dates only when every value is at midnight."""
    if isinstance(s.dtype, pd.PeriodDtype):
        s = s.dt.to_timestamp()
    if getattr(s.dt, "tz", None) is not None:
        s = s.dt.tz_localize(None)  # local wall time, as the data shows it
    valid = s.dropna()
    midnight = valid.empty or bool((valid == valid.dt.normalize()).all())
    text = s.dt.strftime("%Y-%m-%d" if midnight else "%Y-%m-%dT%H:%M:%S")
    return np.array([None if pd.isna(v) else v for v in text], dtype=object)


def array(s: pd.Series) -> np.ndarray:
    """The values as a numpy array Plotly accepts without per-element validation: float64
    with NaN for gaps, or an object array of str/None."""
    if isinstance(s, pd.DataFrame):
        s = s.iloc[:, 0]
    if pd.api.types.is_bool_dtype(s):
        return np.array([None if pd.isna(v) else str(bool(v)) for v in s], dtype=object)
    if pd.api.types.is_numeric_dtype(s):
        return s.to_numpy(dtype="float64", na_value=np.nan)
    if pd.api.types.is_datetime64_any_dtype(s) or isinstance(s.dtype, pd.PeriodDtype):
        return _iso(s)
    return np.array([None if _missing(v) else _label(v) for v in s], dtype=object)


def _missing(v: Any) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _label(v: Any) -> str:
    if isinstance(v, (pd.Timestamp,)) or hasattr(v, "isoformat"):
        return str(to_jsonable(v))
    return str(v)


def labels(s: pd.Series) -> list[str | None]:
    """Category labels as strings (how they appear on an axis or a legend)."""
    a = array(s)
    if a.dtype == object:
        return a.tolist()
    return [None if not np.isfinite(v) else (str(int(v)) if v == int(v) and abs(v) < 1e15
                                            else repr(float(v))) for v in a.tolist()]


def jsonify(value: Any) -> Any:
    """Make a figure/config dict JSON-safe: arrays to lists, NaN/inf to None."""
    if isinstance(value, dict):
        return {str(k): jsonify(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonify(v) for v in value]
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "f":
            out = value.tolist()
            if not np.isfinite(value).all():
                ok = np.isfinite(value).ravel().tolist()
                if value.ndim == 1:
                    out = [v if good else None for v, good in zip(out, ok)]
                else:
                    return [jsonify(row) for row in value]
            return out
        if value.dtype.kind in "iub":
            return value.tolist()
        return [jsonify(v) for v in value.tolist()]
    return to_jsonable(value)
