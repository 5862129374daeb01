"""Decide whether an answer is right, the way a careful reader would.

A person reading "the average bill is $19.79" knows it matches 19.785943...; a person looking
at a table with a ``day`` column and an ``avg_tip`` column knows it answers "average tip by
day" whatever the columns are called and whatever order the rows come in. The checker works
the same way: numbers are found in any table cell or in the text (thousands separators,
currency, %, "1.2 million", scientific notation) and compared to the printed precision; grouped
answers are matched by their key column's values, not by column names. It only reads the
answer's public fields (``status``, ``text``, ``table``, ``plan``, ``suggestion``, ``chartjs``,
``chart``, ``options``), so it measures the engine without knowing how it works.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .spec import (
    AnyOf, ChartKind, Clarify, Clusters, Distribution, Expect, Forecast, Grouped, Label, Number,
    Refusal, RowSet, Tool, Values,
)

ANSWERED = "answered"
REFUSED = ("cannot_answer", "needs_clarification")


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""


# --------------------------------------------------------------------------- numbers

@dataclass(frozen=True)
class Printed:
    """A number as written: its value, half a unit of its last printed digit, and how many
    significant digits it shows (so "0" cannot stand for 0.3)."""

    value: float
    tolerance: float
    significant: int


_SCALE = {"%": 1.0, "k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "mn": 1e6,
          "b": 1e9, "bn": 1e9, "billion": 1e9, "trillion": 1e12}
_NUMBER_RE = re.compile(
    r"(?<![\w.])(?P<sign>[-−–])?[$€£¥]?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?:[eE](?P<exp>[-+−]?\d+))?"
    r"(?:\s?(?P<suffix>%|(?:thousand|million|billion|trillion|bn|mn|[kKmMbB])(?![\w])))?"
)
_BELOW_RE = re.compile(
    r"(?:<|≤|<=|below|less than|under|smaller than)\s*(?P<num>\d*\.?\d+(?:[eE][-−]\d+)?)")


def parse_numbers(text: str) -> list[Printed]:
    """Every number written in ``text``, with the precision it was printed to."""
    out = []
    for m in _NUMBER_RE.finditer(text or ""):
        digits = m.group("num").replace(",", "")
        whole, _, frac = digits.partition(".")
        exp = int(m.group("exp").replace("−", "-")) if m.group("exp") else 0
        suffix = (m.group("suffix") or "").lower()
        scale = _SCALE.get(suffix, 1.0) * 10.0 ** exp
        value = float(digits) * scale
        if m.group("sign"):
            value = -value
        tolerance = 0.5 * 10.0 ** (-len(frac)) * scale
        sig = (whole + frac).lstrip("0")
        if not frac:
            sig = sig.rstrip("0")
        out.append(Printed(value, tolerance, len(sig)))
    return out


def matches(expected: float, printed: Printed) -> bool:
    """True when ``printed`` is ``expected`` written to its precision (or essentially exact).

    A rounded number must show at least two significant digits or be within 1 %: "19.8" is
    the average 19.786, "20" is not, and "0" is never 0.3.
    """
    p = printed.value
    diff = abs(expected - p)
    if diff <= 1e-6 * max(abs(expected), abs(p)) or (expected == 0 and abs(p) < 1e-12):
        return True
    if diff > printed.tolerance * (1 + 1e-9):
        return False
    if printed.significant == 0:
        return False
    return printed.significant >= 2 or diff <= 0.01 * abs(expected)


def _cell_numbers(value: Any) -> list[Printed]:
    if value is None or isinstance(value, (bool, np.bool_)):
        return []
    if isinstance(value, (int, np.integer)):
        return [Printed(float(value), 0.5, len(str(abs(int(value))).rstrip("0")) or 1)]
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if not math.isfinite(v):
            return []
        return parse_numbers(repr(v)) if v >= 0 else [
            Printed(-p.value, p.tolerance, p.significant) for p in parse_numbers(repr(-v))]
    if isinstance(value, str):
        return parse_numbers(value)
    return []


def _table_numbers(table: pd.DataFrame | None) -> list[Printed]:
    if table is None:
        return []
    out: list[Printed] = []
    for col in table.columns:
        series = table[col]
        if pd.api.types.is_datetime64_any_dtype(series):
            continue
        for v in series.tolist():
            out.extend(_cell_numbers(v))
    return out


def _number_found(answer: Any, values: tuple[float, ...], pvalue: bool) -> bool:
    printed = _table_numbers(as_table(answer)) + parse_numbers(_text(answer))
    if any(matches(e, p) for e in values for p in printed):
        return True
    if pvalue:
        # "p < 0.001" is a right way to report a p-value of 1e-20.
        for m in _BELOW_RE.finditer(_text(answer, with_table_text=True).lower()):
            bound = float(m.group("num").replace("−", "-"))
            if bound <= 0.001 and any(0 <= e < bound for e in values):
                return True
    return False


# --------------------------------------------------------------------------- answer access

def as_table(answer: Any) -> pd.DataFrame | None:
    """The answer's table as a flat DataFrame: a meaningful index becomes columns."""
    table = getattr(answer, "table", None)
    if table is None:
        return None
    if isinstance(table, pd.Series):
        table = table.to_frame()
    if isinstance(table, (list, dict)):
        try:
            table = pd.DataFrame(table)
        except ValueError:
            return None
    if not isinstance(table, pd.DataFrame):
        return None
    if not isinstance(table.index, pd.RangeIndex) or table.index.name is not None:
        table = table.reset_index()
    if isinstance(table.columns, pd.MultiIndex):
        table = table.copy()
        table.columns = [" ".join(str(p) for p in c if str(p)) for c in table.columns]
    return table


def _text(answer: Any, with_table_text: bool = False) -> str:
    text = str(getattr(answer, "text", "") or "")
    if with_table_text:
        table = as_table(answer)
        if table is not None:
            for col in table.columns:
                if table[col].dtype == object or pd.api.types.is_string_dtype(table[col]):
                    text += " " + " ".join(str(v) for v in table[col].tolist())
    return text


def _status(answer: Any) -> str:
    return str(getattr(answer, "status", "") or "")


def plan_text(answer: Any, asked: Sequence[str] = ()) -> str:
    """Everything the plan says, as lowercase text (its repr and its JSON form), minus the
    question itself: a plan that merely echoes "forecast ..." has not chosen a tool."""
    plan = getattr(answer, "plan", None)
    parts = [str(plan)]
    for attr in ("to_dict", "model_dump"):
        fn = getattr(plan, attr, None)
        if callable(fn):
            try:
                parts.append(json.dumps(_without_question(fn()), default=str))
            except Exception:  # a plan that cannot serialize still has its repr
                pass
            break
    text = " ".join(parts).lower()
    for turn in asked:
        text = text.replace(turn.lower(), " ")
    return text


def _without_question(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_question(v) for k, v in value.items()
                if str(k).lower() not in ("question", "query", "text", "prompt")}
    if isinstance(value, list):
        return [_without_question(v) for v in value]
    return value


_CHART_WORDS = (("histogram", "histogram"), ("donut", "pie"), ("doughnut", "pie"),
                ("pie", "pie"), ("line", "line"), ("area", "area"), ("scatter", "scatter"),
                ("bubble", "scatter"), ("bar", "bar"), ("box", "box"), ("violin", "box"))


def _kind_of(name: str) -> str | None:
    low = name.lower()
    return next((kind for word, kind in _CHART_WORDS if word in low), None)


def chart_kind(answer: Any) -> str | None:
    """The kind of the answer's chart: from ``suggestion`` (graphType), else the Chart.js
    config, else the Plotly figure's first trace."""
    suggestion = getattr(answer, "suggestion", None)
    if isinstance(suggestion, dict) and suggestion.get("graphType"):
        return _kind_of(str(suggestion["graphType"]))
    if suggestion is not None and getattr(suggestion, "graphType", None):
        return _kind_of(str(suggestion.graphType))
    chartjs = getattr(answer, "chartjs", None)
    if isinstance(chartjs, dict) and chartjs.get("type"):
        return _kind_of(str(chartjs["type"]))
    figure = getattr(answer, "chart", None)
    data = getattr(figure, "data", None)
    if data:
        trace = data[0]
        kind = str(getattr(trace, "type", ""))
        if kind in ("scatter", "scattergl"):
            mode = str(getattr(trace, "mode", "") or "")
            fill = str(getattr(trace, "fill", "") or "")
            if fill and fill != "none":
                return "area"
            return "line" if "lines" in mode else "scatter"
        return _kind_of(kind)
    return None


def _chart_text(answer: Any) -> str:
    parts = [str(getattr(answer, "suggestion", "") or ""), str(getattr(answer, "chartjs", "") or "")]
    figure = getattr(answer, "chart", None)
    if figure is not None and hasattr(figure, "layout"):
        layout = figure.layout
        parts += [str(layout.title.text or ""), str(layout.xaxis.title.text or ""),
                  str(layout.yaxis.title.text or "")]
        for trace in figure.data or ():
            parts.append(str(getattr(trace, "name", "") or ""))
    return " ".join(parts)


# --------------------------------------------------------------------------- group keys

def _norm_name(s: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", str(s).casefold()).strip()


def canon_key(value: Any, kind: str) -> str | None:
    """A key as comparable text: "Sun" == "sun", 4 == 4.0 == "4", 1970 == "1970-01-01" as a
    year, "2015-01" == Timestamp("2015-01-01") as a month."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if kind == "text":
        if isinstance(value, (float, np.floating)) and float(value).is_integer():
            value = int(value)
        return str(value).strip().casefold()
    if kind == "number":
        try:
            v = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            return None
        return repr(round(v, 9))
    if kind in ("year", "quarter", "month"):
        ts = _as_timestamp(value, kind)
        if ts is None:
            return None
        if kind == "year":
            return f"{ts.year:04d}"
        if kind == "quarter":
            return f"{ts.year:04d}-Q{ts.quarter}"
        return f"{ts.year:04d}-{ts.month:02d}"
    raise ValueError(f"unknown key kind {kind!r}")


def _as_timestamp(value: Any, kind: str) -> pd.Timestamp | None:
    if isinstance(value, pd.Period):
        return value.start_time
    if isinstance(value, (pd.Timestamp, np.datetime64)) or hasattr(value, "year"):
        try:
            return pd.Timestamp(value)
        except (TypeError, ValueError):
            return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        v = float(value)
        if kind == "year" and v.is_integer() and 1000 <= v <= 3000:
            return pd.Timestamp(year=int(v), month=1, day=1)
        return None
    text = str(value).strip()
    if kind == "year" and re.fullmatch(r"\d{4}(\.0+)?", text):
        return pd.Timestamp(year=int(float(text)), month=1, day=1)
    quarter = re.fullmatch(r"(\d{4})[- ]?Q([1-4])", text, flags=re.IGNORECASE)
    if quarter:
        return pd.Period(f"{quarter[1]}Q{quarter[2]}", "Q").start_time
    try:
        return pd.Timestamp(text)
    except (TypeError, ValueError):
        return None


class _Columns:
    """Canonical key values of each table column, computed once per kind."""

    def __init__(self, table: pd.DataFrame) -> None:
        self.table = table
        self.names = list(table.columns)
        self._cache: dict[tuple[int, str], list[str | None]] = {}

    def keys(self, i: int, kind: str) -> list[str | None]:
        if (i, kind) not in self._cache:
            self._cache[(i, kind)] = [canon_key(v, kind) for v in self.table.iloc[:, i].tolist()]
        return self._cache[(i, kind)]

    def cells(self, i: int) -> list[Any]:
        return self.table.iloc[:, i].tolist()


def _cell_matches(expected: float, cell: Any) -> bool:
    return any(matches(expected, p) for p in _cell_numbers(cell))


def _expected_keys(exp: Grouped) -> list[tuple[str | None, ...]]:
    keys = []
    for key in exp.series.index:
        parts = key if isinstance(key, tuple) else (key,)
        keys.append(tuple(canon_key(k, kind) for k, kind in zip(parts, exp.keys)))
    return keys


def check_grouped(table: pd.DataFrame | None, exp: Grouped) -> Verdict:
    if table is None or table.empty:
        return Verdict(False, "no table")
    cols = _Columns(table)
    want_keys = _expected_keys(exp)
    want = dict(zip(want_keys, exp.series.tolist()))
    n_keys = len(exp.keys)
    reason = "no key column holds exactly the expected groups"
    for combo in itertools.permutations(range(len(cols.names)), n_keys):
        got_keys = list(zip(*(cols.keys(i, kind) for i, kind in zip(combo, exp.keys))))
        if len(got_keys) != len(want) or set(got_keys) != set(want):
            continue
        if exp.ordered and got_keys != want_keys:
            reason = "right groups in the wrong order"
            continue
        for j in range(len(cols.names)):
            if j in combo:
                continue
            cells = cols.cells(j)
            for scale in exp.scales:
                if all(_cell_matches(want[k] * scale, c) for k, c in zip(got_keys, cells)):
                    return Verdict(True)
        reason = "groups found but no column holds the expected values"
    if n_keys == 2 and not exp.ordered:
        verdict = _check_wide(cols, exp, want)
        if verdict.ok:
            return verdict
    return Verdict(False, reason)


def _check_wide(cols: _Columns, exp: Grouped, want: dict) -> Verdict:
    """Two keys as a pivot: one key down the rows, the other across the column names."""
    for row_level, col_level in ((0, 1), (1, 0)):
        row_kind, col_kind = exp.keys[row_level], exp.keys[col_level]
        header = {canon_key(name, col_kind): j for j, name in enumerate(cols.names)}
        needed_cols = {k[col_level] for k in want}
        if not needed_cols <= header.keys():
            continue
        for i in range(len(cols.names)):
            rows = cols.keys(i, row_kind)
            index = {k: r for r, k in enumerate(rows) if k is not None}
            if not {k[row_level] for k in want} <= index.keys():
                continue
            for scale in exp.scales:
                if all(_cell_matches(v * scale,
                                     cols.table.iat[index[k[row_level]], header[k[col_level]]])
                       for k, v in want.items()):
                    return Verdict(True)
    return Verdict(False, "no pivot layout matches")


# --------------------------------------------------------------------------- the checks

def check(expect: Expect, answer: Any, asked: Sequence[str] = ()) -> Verdict:
    """Whether ``answer`` (an ``nbdatachat.Answer`` or anything with the same fields) is
    right for ``expect``; ``asked`` is the question's turns (kept out of the plan check)."""
    if isinstance(expect, AnyOf):
        verdicts = [check(option, answer, asked) for option in expect.options]
        return next((v for v in verdicts if v.ok), verdicts[0])
    status = _status(answer)
    if isinstance(expect, Refusal):
        return Verdict(status in REFUSED, f"status {status!r}")
    if isinstance(expect, Clarify):
        if status != "needs_clarification":
            return Verdict(False, f"status {status!r}")
        said = _norm_name(str(getattr(answer, "options", "") or "") + " " + _text(answer))
        missing = [o for o in expect.options if _norm_name(o) not in said]
        return Verdict(not missing, f"options do not name {missing}" if missing else "")
    if status != ANSWERED:
        return Verdict(False, f"status {status!r}")
    if isinstance(expect, Tool):
        plan = plan_text(answer, asked)
        if not any(name.lower() in plan for name in expect.names):
            return Verdict(False, f"plan names none of {expect.names}")
        return check(expect.inner, answer)
    table = as_table(answer)
    if isinstance(expect, Number):
        ok = _number_found(answer, expect.values, expect.pvalue)
        return Verdict(ok, "" if ok else "number not in table or text")
    if isinstance(expect, Grouped):
        return check_grouped(table, expect)
    if isinstance(expect, Values):
        return _check_values(table, expect)
    if isinstance(expect, RowSet):
        return _check_rowset(table, expect)
    if isinstance(expect, Label):
        return _check_label(_text(answer), expect)
    if isinstance(expect, Distribution):
        return _check_distribution(answer, table, expect)
    if isinstance(expect, Forecast):
        return _check_forecast(table, expect)
    if isinstance(expect, Clusters):
        return _check_clusters(table, expect)
    if isinstance(expect, ChartKind):
        kind = chart_kind(answer)
        return Verdict(kind == expect.kind, f"chart kind {kind!r}")
    raise TypeError(f"unknown expectation {type(expect).__name__}")


def _label_position(text: str, label: str) -> int | None:
    """Where ``label`` is first named in ``text``: as a whole word, or for words as the start
    of one ("Sun" in "Sunday", "Thur" in "Thursday")."""
    label = label.casefold().strip()
    tail = r"" if label[-1:].isalpha() and len(label) >= 3 else r"(?![\w.]\d|\w)"
    m = re.search(r"(?<![\w.])" + re.escape(label) + tail, text)
    return m.start() if m else None


def _check_label(text: str, exp: Label) -> Verdict:
    text = text.casefold()
    where = _label_position(text, exp.label)
    if where is None:
        return Verdict(False, "label not named in text")
    if not exp.label.replace(".", "").isdigit():  # numbers also appear as values: skip
        earlier = [o for o in exp.others
                   if (p := _label_position(text, o)) is not None and p < where]
        if earlier:
            return Verdict(False, f"text names {earlier[0]!r} before {exp.label!r}")
    return Verdict(True)


def _check_values(table: pd.DataFrame | None, exp: Values) -> Verdict:
    if table is None or len(table) != len(exp.values):
        return Verdict(False, f"table has {0 if table is None else len(table)} rows, "
                              f"expected {len(exp.values)}")
    for col in table.columns:
        cells = table[col].tolist()
        if all(_cell_matches(e, c) for e, c in zip(exp.values, cells)):
            return Verdict(True)
    return Verdict(False, "no column holds the values in order")


def _check_rowset(table: pd.DataFrame | None, exp: RowSet) -> Verdict:
    if table is None or table.empty:
        return Verdict(False, "no table")
    want = {canon_key(v, "text") for v in exp.labels}
    for col in table.columns:
        got = {canon_key(v, "text") for v in table[col].tolist()} - {None}
        if got == want:
            return Verdict(True)
    return Verdict(False, "no column lists exactly the expected rows")


def _check_distribution(answer: Any, table: pd.DataFrame | None, exp: Distribution) -> Verdict:
    if chart_kind(answer) in ("histogram", "box") and \
            _norm_name(exp.column) in _norm_name(_chart_text(answer)):
        return Verdict(True)
    if table is not None and len(table) >= 3:
        for col in table.columns:
            s = pd.to_numeric(table[col], errors="coerce")
            if s.notna().all() and (s >= 0).all() and abs(float(s.sum()) - exp.count) < 0.5:
                return Verdict(True)
    return Verdict(False, f"no histogram of {exp.column} and no binned counts summing to "
                          f"{exp.count}")


def _check_forecast(table: pd.DataFrame | None, exp: Forecast) -> Verdict:
    if table is None or len(table) != exp.horizon:
        return Verdict(False, f"table has {0 if table is None else len(table)} rows, "
                              f"expected {exp.horizon}")
    for col in table.columns:
        if pd.api.types.is_datetime64_any_dtype(table[col]):
            continue
        s = pd.to_numeric(table[col], errors="coerce")
        if s.notna().all() and s.between(exp.low, exp.high).all() and s.nunique() > 0:
            if not (s.diff().dropna() == 1).all():  # a step counter is not a forecast
                return Verdict(True)
    return Verdict(False, "no forecast column within the plausible band")


def _check_clusters(table: pd.DataFrame | None, exp: Clusters) -> Verdict:
    if table is None or table.empty:
        return Verdict(False, "no table")
    if len(table) == exp.k:
        return Verdict(True)
    for col in table.columns:
        values = table[col].dropna()
        if len(values) > exp.k and values.nunique() == exp.k:
            return Verdict(True)
    return Verdict(False, f"neither {exp.k} cluster rows nor a label column with {exp.k} values")
