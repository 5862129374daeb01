"""Grading by denotation, in the manner of the official WikiTableQuestions evaluator.

An answer is right when its denotation (a list of values) matches the target's values as a
set: the same number of distinct values, each target value matched by a different answer
value. Two values match when

* both read as numbers and are equal (thousands separators, a currency sign, a percent sign,
  an ordinal suffix and trailing unit words are ignored: ``"12,467"``, ``"8 titles"``,
  ``"$1,200"``, ``"2nd"``); a target written with decimals also matches the answer rounded to
  that many decimals (``"3.33"`` matches 3.3333); a percentage is also its fraction
  (``"23.9%"`` matches 0.239);
* or both read as dates and agree on every part the target gives (``"May 2004"`` matches
  2004-05-17); a bare year is a number, as in the official evaluator;
* or their normalised text is equal: unicode folded (NFKD, accents dropped, quotes and dashes
  unified), case folded, footnote marks and a trailing parenthetical dropped, punctuation
  read as a space, whitespace collapsed.

Booleans read as "yes"/"no". Units are not converted ("8 km" equals "8 miles"): the number is
what is graded.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

# ----------------------------------------------------------------------------- text
_QUOTES = str.maketrans({"‘": "'", "’": "'", "´": "'", "`": "'", "“": '"', "”": '"',
                         "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})
_FOOTNOTE = re.compile(r"(?:\s*\[[^\]]*\]|[•♦†‡*#+])+$")
_TRAILING_PAREN = re.compile(r"(?<=\S)\s+\([^()]*\)$")


def fold(text: str) -> str:
    """Unicode folding shared by every reading: NFKD without accents, one kind of quote/dash."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return text.translate(_QUOTES).strip()


def normalize_text(text: str) -> str:
    """The text key of a value: folded, lower case, no footnotes, no trailing "(...)",
    punctuation as spaces, single spaces."""
    text = fold(text)
    while True:
        trimmed = _TRAILING_PAREN.sub("", _FOOTNOTE.sub("", text).strip()).strip()
        if trimmed == text:
            break
        text = trimmed
    text = "".join(" " if unicodedata.category(c).startswith(("P", "S")) else c for c in text)
    return " ".join(text.lower().split())


# ----------------------------------------------------------------------------- numbers
_NUMBER = re.compile(
    r"""^(?P<sign>[-+])?\s*(?P<cur>[$€£¥])?\s*
        (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
        (?:(?P<pct>\s*%)|(?P<ord>st|nd|rd|th)\b)?
        (?P<unit>(?:\s+[^\W\d]+\.?){0,3})$""", re.VERBOSE)
#: Words that join two values rather than name a unit ("3 to 1", "2 of 5").
_NOT_UNITS = {"to", "and", "or", "of", "vs", "v", "in", "at", "by", "for", "from", "than",
              "out", "per", "x"}


@dataclass(frozen=True)
class Number:
    value: float
    decimals: int  # digits after the decimal point as written (0 for computed values)
    percent: bool = False  # written with a percent sign: "23.9%" is also the number 0.239


def as_number(value: Any) -> Number | None:
    """``value`` read as a number, or None. Python/numpy numbers are numbers; text is a
    number when all of it is one (see the module doc), so "4th, Western" is not."""
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, np.integer)):
        return Number(float(value), 0)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) or math.isinf(value) else Number(float(value), 0)
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", fold(value)).replace("\u00a0", " ").strip()
    match = _NUMBER.match(text)
    if match is None:
        try:  # computed text such as "2.514e+06"
            f = float(text)
        except ValueError:
            return None
        return None if math.isnan(f) or math.isinf(f) else Number(f, 0)
    units = match["unit"].lower().replace(".", " ").split()
    if (match["ord"] and units) or any(u in _NOT_UNITS for u in units[:-1]) or (
            units and units[-1] in _NOT_UNITS and len(units[-1]) > 1):
        return None  # "1st Round", "2 of five": text, not a number ("3496 V" is volts)
    digits = match["num"].replace(",", "")
    number = float(digits)
    if match["sign"] == "-":
        number = -number
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return Number(number, decimals, bool(match["pct"]))


def numbers_match(target: Number, got: Number) -> bool:
    if math.isclose(target.value, got.value, rel_tol=1e-9, abs_tol=1e-9):
        return True
    if target.decimals > 0 and \
            round(got.value, target.decimals) == round(target.value, target.decimals):
        return True
    if target.percent and not got.percent:
        # "23.9%" is the number 0.239: a fraction answers a percentage
        return numbers_match(Number(target.value / 100.0, target.decimals + 2), got)
    return False


# ----------------------------------------------------------------------------- dates
_MONTHS = {m.lower(): i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_FORMS = [
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?$"),
    re.compile(r"^(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?:,?\s+(?P<y>\d{4}))?$"),
    re.compile(r"^" + _MON + r",?\s+(?P<y>\d{4})$"),
    re.compile(r"^" + _MON + r"$"),
]


@dataclass(frozen=True)
class Date:
    year: int | None
    month: int | None
    day: int | None


def as_date(value: Any) -> Date | None:
    """``value`` read as a (partial) date, or None. A bare year is a number, not a date."""
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date, np.datetime64)):
        ts = pd.Timestamp(value)
        return None if pd.isna(ts) else Date(ts.year, ts.month, ts.day)
    if not isinstance(value, str):
        return None
    text = " ".join(fold(value).lower().split())
    for form in _DATE_FORMS:
        match = form.match(text)
        if match is None:
            continue
        parts = match.groupdict()
        month = _MONTHS[parts["mon"]] if parts.get("mon") else int(parts["m"])
        day = int(parts["d"]) if parts.get("d") else None
        year = int(parts["y"]) if parts.get("y") else None
        if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            return None
        return Date(year, month, day)
    return None


def dates_match(target: Date, got: Date) -> bool:
    """Every part the target names is present in ``got`` and equal."""
    return all(t is None or t == g for t, g in
               ((target.year, got.year), (target.month, got.month), (target.day, got.day)))


# ----------------------------------------------------------------------------- values
def as_text(value: Any) -> str:
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        ts = pd.Timestamp(value)
        return ts.strftime("%Y-%m-%d") if ts == ts.normalize() else ts.isoformat()
    return str(value)


def values_match(target: Any, got: Any) -> bool:
    """One target value against one answer value (see the module doc)."""
    tn, gn = as_number(target), as_number(got)
    if tn is not None and gn is not None and numbers_match(tn, gn):
        return True
    td, gd = as_date(target), as_date(got)
    if td is not None and gd is not None and dates_match(td, gd):
        return True
    if tn is not None and gd is not None and tn.decimals == 0 and gd.year == tn.value \
            and gd.month in (None, 1) and gd.day in (None, 1):
        return True  # a year asked for, a year bucket (Jan 1) given
    return normalize_text(as_text(target)) == normalize_text(as_text(got))


def _distinct(values: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for v in values:
        if not any(values_match(v, w) and values_match(w, v) for w in out):
            out.append(v)
    return out


def denotations_match(targets: Sequence[Any], got: Sequence[Any] | None) -> bool:
    """A list target matches as a set: the same number of distinct values, and a one-to-one
    matching in which each target value matches its answer value."""
    if got is None:
        return False
    t, g = _distinct(targets), _distinct(got)
    if len(t) != len(g) or not t:
        return False
    return _assign(t, g, 0, [False] * len(g))


def _assign(targets: list[Any], got: list[Any], i: int, used: list[bool]) -> bool:
    if i == len(targets):
        return True
    for j, value in enumerate(got):
        if not used[j] and values_match(targets[i], value):
            used[j] = True
            if _assign(targets, got, i + 1, used):
                return True
            used[j] = False
    return False


# ----------------------------------------------------------------------------- answers
def answer_denotation(answer: Any) -> list[Any] | None:
    """The denotation of an :class:`~nbdatachat.Answer`: the list of values it answers with,
    or None when it gives no single answer. This is the contract the engine is graded by.

    1. ``answer.value`` when the Answer has that attribute and it is not None. It is the
       direct answer: a scalar (number, text, bool for yes/no, date) -> ``[scalar]``; an
       entity (the key of an arg-max or a lookup, e.g. ``"Wolfe Tones"``, or a mapping of its
       key columns such as ``{"Team": "Wolfe Tones"}`` -> its values), never the pair
       (entity, measure); a list/tuple/set/Series of those -> its items.
    2. Otherwise ``answer.table``:

       * empty -> None;
       * one cell -> that cell;
       * an arg-max or top-1 plan (``plan.argmax``, or ``plan.order_by`` with ``limit == 1``)
         -> the key of the first row (the plan's ``group_by`` columns, else its text columns);
       * one column -> every value of it (a list);
       * one row whose columns, less the columns the plan filters on, leave exactly one ->
         that cell (a lookup: "the venue where Position is 1st");
       * anything else (a grouped table, several columns) -> None: not one answer.
    """
    value = getattr(answer, "value", None)
    if value is not None:
        return _flatten(value)
    table = getattr(answer, "table", None)
    if not isinstance(table, pd.DataFrame) or table.empty:
        return None
    if table.shape == (1, 1):
        return [table.iat[0, 0]]
    plan = getattr(answer, "plan", None)
    if _is_top1(plan):
        keys = [c for c in (getattr(plan, "group_by", None) or []) if c in table.columns]
        if not keys:
            keys = [c for c in table.columns if not pd.api.types.is_numeric_dtype(table[c])]
        return [table.iloc[0][c] for c in keys[:1]] if keys else None
    if table.shape[1] == 1:
        return list(table.iloc[:, 0])
    if len(table) == 1:
        filtered = {getattr(f, "column", None) for f in (getattr(plan, "filters", None) or [])}
        rest = [c for c in table.columns if c not in filtered]
        if len(rest) == 1:
            return [table.iloc[0][rest[0]]]
    return None


def _is_top1(plan: Any) -> bool:
    if plan is None:
        return False
    return bool(getattr(plan, "argmax", False)) or (
        bool(getattr(plan, "order_by", None)) and getattr(plan, "limit", None) == 1)


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, pd.DataFrame):
        return [v for row in value.itertuples(index=False) for v in row]
    if isinstance(value, Mapping):
        return list(value.values())
    if isinstance(value, (pd.Series, np.ndarray, list, tuple, set, frozenset)):
        return list(value)
    return [value]


def jsonable(values: Sequence[Any] | None) -> list[Any] | None:
    """Denotation values as JSON-safe scalars (for the miss files)."""
    if values is None:
        return None
    out: list[Any] = []
    for v in values:
        if isinstance(v, (np.generic,)):
            v = v.item()
        if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
            v = None
        elif not isinstance(v, (str, int, float, bool, type(None))):
            v = as_text(v)
        out.append(v)
    return out
