"""What a column *is* for charting: time, ordered category, category or measure.

Chart choice follows the encoding rules of Voyager / Lux / Show Me, which are decided by
measurement level, not by what a column is called in one particular dataset. The only name
hint used is the generic word "year" (and its abbreviations) to tell a year key from a count
that happens to lie between 1000 and 2300.
"""

from __future__ import annotations

import re
from typing import Literal

import numpy as np
import pandas as pd

ColumnKind = Literal["temporal", "ordinal", "nominal", "quantitative"]

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# Abbreviations people (and datasets) use: "Thur", "Thurs", "Tues", "Sept".
_MONTH_KEYS = {**{m: i for i, m in enumerate(_MONTHS)}, **{m[:3]: i for i, m in enumerate(_MONTHS)},
               "sept": 8}
_WEEKDAY_KEYS = {**{d: i for i, d in enumerate(_WEEKDAYS)},
                 **{d[:3]: i for i, d in enumerate(_WEEKDAYS)},
                 "tues": 1, "wednes": 2, "thur": 3, "thurs": 3}
_QUARTER = re.compile(r"^(?:(\d{4})[- ]?)?q([1-4])(?:[- ]?(\d{4}))?$", re.I)
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}(-\d{1,2})?([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?"
                        r"(Z|[+-]\d{2}:?\d{2})?$")
_NUM = r"[-+]?\$?\d[\d,.]*\s*(?:%|k|m)?\s*"
_BIN_LIKE = re.compile(r"^\s*[\[(<>≤≥]?\s*" + _NUM + r"(?:(?:-|–|—|to|,)\s*" + _NUM
                       + r"[\])]?|\+|\s*and\s+(?:over|up|above))?\s*$", re.I)
_FIRST_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
_YEAR_NAME = re.compile(r"(^|[^a-z])(year|yr|fy)s?([^a-z]|$)", re.I)


def humanize(name: object) -> str:
    """Display name for a column: ``total_bill`` -> ``Total Bill``, ``lifeExp`` -> ``Life Exp``.

    Acronyms written in capitals (``GDP``, ``AAPL``) stay as they are."""
    text = str(name)
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z][a-z])|(?<=[a-z])(?=[A-Z])", " ", text)
    words = [w for w in re.split(r"[\s_.\-/]+", text) if w]
    out = []
    for w in words:
        out.append(w if (w.isupper() and len(w) > 1) or any(c.isdigit() for c in w[:1])
                   else w[:1].upper() + w[1:])
    return " ".join(out) or str(name)


# The key finders work on the *distinct* values as plain Python strings: a handful of values
# is much faster in a loop than through pandas' string machinery.
Keys = list[float]


def _calendar_key(values: list[str], keys: dict[str, int]) -> Keys | None:
    out = []
    for v in values:
        k = keys.get(v.lower().rstrip("."))
        if k is None:
            return None
        out.append(float(k))
    return out


def _quarter_key(values: list[str]) -> Keys | None:
    out = []
    for v in values:
        m = _QUARTER.match(v.replace(" ", ""))
        if not m:
            return None
        out.append(float(int(m.group(1) or m.group(3) or "0") * 10 + int(m.group(2))))
    return out


def _number_key(values: list[str]) -> Keys | None:
    out = []
    for v in values:
        try:
            x = float(v.replace(",", ""))
        except ValueError:
            return None
        if not np.isfinite(x):
            return None
        out.append(x)
    return out


def _bin_key(values: list[str]) -> Keys | None:
    out = []
    for v in values:
        if not _BIN_LIKE.match(v):
            return None
        m = _FIRST_NUMBER.search(v)
        x = float(m.group(0).replace(",", "")) if m else np.inf
        out.append(x - 0.5 if v.lstrip().startswith(("<", "≤")) else x)  # "<18" first
    return out


def _text_key(values: list[str]) -> Keys | None:
    if not values:
        return None
    for finder in (lambda v: _calendar_key(v, _MONTH_KEYS),
                   lambda v: _calendar_key(v, _WEEKDAY_KEYS), _quarter_key, _number_key,
                   _bin_key):
        key = finder(values)
        if key is not None:
            return key
    return None


def order_key(s: pd.Series) -> pd.Series | None:
    """A sortable key giving the natural order of an ordered category, or None.

    Months, weekdays, quarters, numeric bins ("0-10", "[10, 20)", "65+"), numbers written as
    text and intervals have an order of their own that a chart must keep."""
    if isinstance(s.dtype, pd.CategoricalDtype) and s.dtype.ordered:
        return pd.Series(s.cat.codes, index=s.index)
    if isinstance(s.dtype, pd.IntervalDtype):
        return pd.Series(s.array.left, index=s.index)
    if (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_datetime64_any_dtype(s)
            or isinstance(s.dtype, pd.PeriodDtype)):
        return s
    found = _distinct_order(s)
    if found is None:
        return None
    uniq, key = found
    return s.map(dict(zip(uniq, key)))


def has_natural_order(s: pd.Series) -> bool:
    """Whether the text/category values have an order of their own (cheap: distinct values
    only)."""
    if isinstance(s.dtype, pd.CategoricalDtype) and s.dtype.ordered:
        return True
    return _distinct_order(s) is not None


def _distinct_order(s: pd.Series) -> tuple[list[object], Keys] | None:
    """(distinct values, their sort key) for a text-like column with a natural order."""
    uniq = [v for v in s.unique().tolist() if not _isna(v)]
    if not uniq:
        return None
    if all(isinstance(v, pd.Interval) for v in uniq):
        return uniq, [float(v.left) for v in uniq]
    text = [str(v).strip() for v in uniq]
    # Decide on a few distinct values first: most text columns are plain names.
    if _text_key(text[:50]) is None:
        return None
    key = _text_key(text)
    return None if key is None else (uniq, key)


def _isna(v: object) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v)


def _is_integer_valued(s: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(s) or not pd.api.types.is_numeric_dtype(s):
        return False
    if pd.api.types.is_integer_dtype(s):
        return True
    v = s.dropna().to_numpy(dtype="float64", na_value=np.nan)
    return len(v) > 0 and bool(np.all(np.isfinite(v))) and bool(np.all(v == np.round(v)))


def is_two_digit_year_name(name: object) -> bool:
    """A name whose last word is "year" or "yr" (``Year``, ``model_year``, ``ModelYr``):
    with integers 0..99 it holds two-digit years (70 for 1970). "years" is a duration."""
    words = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", str(name))
    return bool(words) and words[-1].lower() in ("year", "yr")


def is_year_like(s: pd.Series, name: object = None) -> bool:
    """Integer years: values in 1000..2300 and either a year-ish name or a regular step;
    or two-digit years (0..99, several of them) under a name ending in "year"."""
    if not _is_integer_valued(s):
        return False
    v = s.dropna().to_numpy(dtype="float64")
    if len(v) and v.min() >= 0 and v.max() <= 99 and name is not None and \
            is_two_digit_year_name(name) and len(np.unique(v)) >= 3:
        return True
    if len(v) == 0 or v.min() < 1000 or v.max() > 2300:
        return False
    if name is not None and _YEAR_NAME.search(str(name)):
        return True
    u = np.unique(v)
    if len(u) < 3 or len(u) != len(v):
        return False
    steps = np.diff(u)
    return bool(np.all(steps == steps[0])) and steps[0] <= 10


def is_discrete(s: pd.Series, max_values: int = 20) -> bool:
    """Whole numbers taking at most ``max_values`` distinct values (cylinders 3..8, party
    size 1..6): counted per value, not binned."""
    return _is_integer_valued(s) and 0 < s.nunique(dropna=True) <= max_values


def is_dense_integer_key(s: pd.Series, max_rows: int = 60) -> bool:
    """A small integer key of a result table (party size 1..6, hour 0..23, rating 1..5):
    unique, integer-valued and dense, so it reads as ordered categories, not as a measure."""
    if not _is_integer_valued(s) or s.isna().any() or not 2 <= len(s) <= max_rows:
        return False
    v = s.to_numpy(dtype="float64")
    return len(np.unique(v)) == len(v) and (v.max() - v.min() + 1) <= 2 * len(v)


def as_datetime(s: pd.Series) -> pd.Series | None:
    """The column as datetimes when it holds dates (datetime dtype, periods, ISO strings,
    ``datetime.date`` objects), else None."""
    if pd.api.types.is_datetime64_any_dtype(s):
        return s
    if isinstance(s.dtype, pd.PeriodDtype):
        return s.dt.to_timestamp()
    if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
        return None
    sample = [v for v in s.iloc[:400].tolist() if not _isna(v)][:200]
    if not sample:
        return None
    n_valid = int(s.notna().sum())
    if all(hasattr(v, "year") and hasattr(v, "month") for v in sample):
        out = pd.to_datetime(s, errors="coerce")
    elif all(_DATE_LIKE.match(str(v).strip()) for v in sample):
        out = pd.to_datetime(s, errors="coerce", format="ISO8601")
    else:
        return None
    return out if out.notna().sum() == n_valid else None


def column_kind(s: pd.Series, name: object = None) -> ColumnKind:
    """The measurement level of a column: temporal, ordinal, nominal or quantitative."""
    if isinstance(s, pd.DataFrame):  # duplicated column name: treat by its first copy
        s = s.iloc[:, 0]
    if pd.api.types.is_bool_dtype(s):
        return "nominal"
    if pd.api.types.is_datetime64_any_dtype(s) or isinstance(s.dtype, pd.PeriodDtype):
        return "temporal"
    if isinstance(s.dtype, pd.CategoricalDtype):
        return "ordinal" if has_natural_order(s) else "nominal"
    if isinstance(s.dtype, pd.IntervalDtype):
        return "ordinal"
    if pd.api.types.is_numeric_dtype(s):
        return "temporal" if is_year_like(s, name) else "quantitative"
    if as_datetime(s) is not None:
        return "temporal"
    return "ordinal" if has_natural_order(s) else "nominal"
