"""Typing text columns: numbers written for humans, dates, booleans (Arrow-vectorized)."""

from __future__ import annotations

import re
import warnings
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

# Share of non-missing values that must fit before a text column is given a numeric or
# date type; the rest become missing and are reported in ``attrs["load_warnings"]``.
MIN_SHARE = 0.95
MAX_REPORTED = 5  # example bad values (with their line) quoted per column
_NA_VALUES = ["", "NA", "N/A", "n/a", "na", "NaN", "nan", "null", "NULL", "Null", "None",
              "none", "#N/A", "#NA", "<NA>", "NaT"]
# Extra missing-value markers only where a number or a date is expected.
_SOFT_NA = {*_NA_VALUES, "-", "--", "---", "\u2013", "\u2014", "?", ".", "#DIV/0!", "#VALUE!",
            "#REF!",
            "#NUM!", "#NAME?", "#NULL!", "n.a.", "N.A.", "nd", "n/d"}

_CUR = r"(?:[$€£¥₹]|US\$|USD|EUR|GBP|JPY|CHF|CAD|AUD|INR)"
# Written without \\u escapes: it also runs in Arrow's RE2 engine.
_CUR_STRIP_RE = re.compile("US\\$|USD|EUR|GBP|JPY|CHF|CAD|AUD|INR|[$€£¥₹%\\s\u00a0\u202f]")
_EXP = r"(?:[eE][-+]?\d+)?"
_SIGN = r"[-+\u2212]"
_US_NUM = r"(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)" + _EXP
_EU_NUM = r"(?:(?:\d{1,3}(?:[.\u00a0\u202f ]\d{3})+|\d+)(?:,\d*)?|,\d+)" + _EXP


def _number_re(body: str) -> re.Pattern[str]:
    return re.compile(
        r"^\s*(?P<open>\()?\s*" + _SIGN + r"?\s*" + _CUR + r"?\s*" + _SIGN + r"?\s*"
        r"(?P<num>" + body + r")\s*" + _CUR + r"?\s*(?P<pct>%)?\s*(?P<close>\))?\s*$"
    )


_US_RE = _number_re(_US_NUM)
_EU_RE = _number_re(_EU_NUM)
# Text a float must not swallow: codes with leading zeros, identifiers longer than 15 digits.
_CODE_RE = re.compile(r"^\s*(0\d+|\d{16,})\s*$")
# A value in which the comma can only be a decimal comma (not a group of three digits).
_EU_ONLY_RE = re.compile(r"\d,(?!\d{3}(?:\D|$))|\d\.\d{3},")
_DATE_HINT_RE = re.compile(
    r"^\s*(?:\d{4}-\d{1,2}-\d{1,2}"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,4}[/.]\d{1,2}[/.]\d{1,4}(?: \d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?)?"
    r"|\d{1,2}-\d{1,2}-\d{2,4}"
    r"|\d{1,2}[- ][A-Za-z]{3,9}[- ,]+\d{2,4}"
    r"|[A-Za-z]{3,9}\.? \d{1,2},? \d{2,4})\s*$"
)
# Explicit formats tried in order (ISO, then the US export style, then day-first);
# "mixed" is the last resort for anything else that looked like a date.
_DATE_FORMATS: tuple[dict, ...] = (
    {"format": "ISO8601"}, {"format": "%m/%d/%y"}, {"format": "%m/%d/%Y"},
    {"format": "%d/%m/%Y"}, {"format": "%d/%m/%y"}, {"format": "%d.%m.%Y"},
    {"format": "%d.%m.%y"}, {"format": "%Y/%m/%d"}, {"format": "%m-%d-%Y"},
    {"format": "%d-%m-%Y"}, {"format": "%d-%b-%y"}, {"format": "%d-%b-%Y"},
    {"format": "%d %b %Y"}, {"format": "%b %d, %Y"}, {"format": "%B %d, %Y"},
    {"format": "mixed"}, {"format": "mixed", "dayfirst": True},
)


SAMPLE_UNIQUE = 5_000  # distinct values inspected with Python regexes per column
_PLAIN_NUMBER = r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$"


def _arrow_text(series: pd.Series) -> pa.Array:
    """The column as trimmed Arrow strings with every missing-value marker as null.

    Arrow compute keeps the per-value work (trim, regex, cast) in C++, which is what makes
    a million-row column take a fraction of a second instead of many seconds.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(series.astype("string[pyarrow]"))
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    arr = pc.utf8_trim_whitespace(arr)
    missing = pc.or_(pc.equal(arr, ""), pc.is_in(arr, value_set=pa.array(sorted(_SOFT_NA))))
    return pc.if_else(missing, pa.scalar(None, arr.type), arr)


def _text_values(series: pd.Series) -> pd.Series:
    """:func:`_arrow_text` as a pandas Series aligned with ``series``."""
    return pd.Series(_arrow_text(series).to_pandas(types_mapper=pd.ArrowDtype),
                     index=series.index)


def _sample_unique(arr: pa.Array) -> pd.Series:
    import pyarrow.compute as pc

    head = arr.slice(0, SAMPLE_UNIQUE * 5)
    uniq = pc.unique(head).drop_null().slice(0, SAMPLE_UNIQUE)
    return pd.Series(uniq.to_pylist(), dtype=object)


def _parse_numbers(arr: pa.Array, decimal_comma: bool) -> np.ndarray:
    """float64 values of human-written number strings (NaN where not a number)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pc.replace_substring(arr, "\u2212", "-")
    text = pc.replace_substring_regex(text, _CUR_STRIP_RE.pattern, "")
    if decimal_comma:
        text = pc.replace_substring(pc.replace_substring(text, ".", ""), ",", ".")
    else:
        text = pc.replace_substring(text, ",", "")
    neg = pc.and_(pc.starts_with(text, "("), pc.ends_with(text, ")"))
    text = pc.utf8_trim(text, "()")
    valid = pc.match_substring_regex(text, _PLAIN_NUMBER)
    values = pc.cast(pc.if_else(valid, text, pa.scalar(None, text.type)), pa.float64())
    values = pc.if_else(neg, pc.negate(pc.abs(values)), values)
    return values.to_numpy(zero_copy_only=False)


def coerce_numeric(series: pd.Series, *, min_share: float = MIN_SHARE,
                   decimal_comma: bool | None = None) -> pd.Series | None:
    """Parse a text column of numbers written for humans (``$1,234``, ``(12)``, ``45%``).

    Returns the numeric series (int64 when every value is a whole number and none is
    missing, else float64), or None when the column is genuinely text: fewer than
    ``min_share`` of its values read as numbers, or it holds codes with leading zeros.
    ``decimal_comma`` settles values such as ``1,234`` that fit both conventions (None or
    False: decimal point unless the column proves otherwise). The convention is decided on
    up to 5,000 distinct values, then the whole column is parsed in vectorized passes.
    """
    import pyarrow.compute as pc

    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return series
    if pd.api.types.is_bool_dtype(series) or pd.api.types.is_datetime64_any_dtype(series):
        return None
    arr = _arrow_text(series)
    n_present = len(arr) - arr.null_count
    if n_present == 0:
        return None
    if pc.any(pc.match_substring_regex(arr, _CODE_RE.pattern)).as_py():
        return None  # zip codes, account numbers: text that must keep its digits
    cand = _sample_unique(arr).astype(str)
    us_share = float(cand.str.match(_US_RE).mean())
    eu_share = float(cand.str.match(_EU_RE).mean())
    if max(us_share, eu_share) < min_share:
        return None
    use_comma = eu_share >= min_share and (
        us_share < min_share or bool(cand.str.contains(_EU_ONLY_RE).any())
        or (bool(decimal_comma) and us_share <= eu_share))
    values = _parse_numbers(arr, use_comma)
    finite = np.isfinite(values)
    if int(finite.sum()) < min_share * n_present:
        return None
    if cand.str.endswith("%").mean() > 0.9:
        values = values / 100.0
    if finite.all() and (values % 1 == 0).all() and np.abs(values).max() < 2 ** 53:
        return pd.Series(values.astype("int64"), index=series.index, name=series.name)
    return pd.Series(values, index=series.index, name=series.name)


def coerce_datetime(series: pd.Series, name: str = "", *, min_share: float = MIN_SHARE
                    ) -> pd.Series | None:
    """Parse a text column of dates (``2017-12-30``, ``12/30/17``, ``30.12.2017``), else None.

    The format is chosen on a sample (the first that reads every sampled value, else the one
    reading most) and then applied to the whole column, so ``01/02/2017`` is read the same
    way in every row.
    """
    if pd.api.types.is_datetime64_any_dtype(series):
        return series
    if not _is_text(series):
        return None
    arr = _arrow_text(series)
    if arr.null_count == len(arr):
        return None
    uniq = _sample_unique(arr).astype(str)
    if uniq.str.match(_DATE_HINT_RE).mean() < min_share:
        return None
    sample = uniq.iloc[:1000]
    best: tuple[float, dict] | None = None
    for kwargs in _DATE_FORMATS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                parsed = pd.to_datetime(sample, errors="coerce", **kwargs)
            except (ValueError, TypeError, OverflowError):
                continue
        share = float(parsed.notna().mean())
        if best is None or share > best[0]:
            best = (share, kwargs)
        if share == 1.0:
            break
    if best is None or best[0] < min_share:
        return None
    # Dates repeat (many rows per day): parse each distinct text once, then spread.
    codes, distinct = pd.factorize(arr.to_numpy(zero_copy_only=False), use_na_sentinel=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = pd.DatetimeIndex(pd.to_datetime(distinct, errors="coerce", **best[1]))
    values = parsed.take(codes, allow_fill=True, fill_value=pd.NaT)
    return pd.Series(values, index=series.index, name=series.name)


def _coerce_bool(series: pd.Series) -> pd.Series | None:
    text = _text_values(series).str.lower()
    present = text.dropna()
    if present.empty or not present.isin(("true", "false")).all():
        return None
    flags = text.eq("true")
    return flags.astype(bool) if len(present) == len(text) else flags.astype("boolean")


def _is_text(series: pd.Series) -> bool:
    return pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)


def is_numeric_like(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
