"""How numbers, dates and tables read: one module for every surface.

The engine's sentences, the notebook cards, the ipywidgets panel, the JupyterLab panel (through
the kernel bridge), the CLI and the Chart.js labels all format values here, so a year reads
``1952`` and a total ``2,514,000`` wherever it is shown:

- years and identifiers (a column named ``year``, ``id``, ``customer_id``, ``zip``...) print
  without thousands separators;
- other numbers get separators and a precision for reading (``19.79``, ``1,234,568``,
  ``0.0523``), never an exponent between 1e-4 and 1e15;
- dates print as dates (``2020-01-01``, not ``2020-01-01T00:00:00``);
- a table column shows the same number of decimals down its rows.

Terminals and logs also get aligned text tables, cut with a "... N more rows" line. Works from
plain data (records, dicts, a result's ``to_dict()``) so that a result fetched over HTTP prints
the same as one computed locally.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

MISSING = "NA"

#: Words that make an integer column a label rather than a quantity (no separators, no sums).
IDENTIFIER_WORDS = frozenset({"id", "ids", "year", "years", "yr", "code", "zip", "zipcode",
                              "postcode", "fips", "isbn", "key", "no", "num", "number",
                              "born", "founded", "established"})
#: ... as a column's last word only: the year something happened ("Took office", "First
#: elected", "Released") is a year, never an amount ("office_count" is a count)
EVENT_WORDS = frozenset({"office", "elected", "released", "opened", "built", "completed",
                         "died", "debut", "premiered"})
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_ISO_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]00:00:00(?:\.0+)?(?:Z|[+-]00:?00)?$")
_ISO_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?$")


def name_words(name: Any) -> list[str]:
    """``"customerID"`` -> ``["customer", "id"]``; ``"birth_year"`` -> ``["birth", "year"]``."""
    return [w.lower() for w in _WORD.findall(str(name))]


def is_identifier_name(name: Any) -> bool:
    """A column whose integers are labels (a year, an id, a code): its first or last word
    says so. ``number``/``no`` count only as the last word (``order_no``, not
    ``number_of_items``)."""
    words = name_words(name)
    if not words:
        return False
    last, first = words[-1], words[0]
    return last in IDENTIFIER_WORDS | EVENT_WORDS or (
        first in IDENTIFIER_WORDS - {"no", "num", "number"} and len(words) <= 2)


def _as_float(value: Any) -> float | None:
    if value is None or isinstance(value, (bool, str)):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iuf":
        return float(value)
    return None


def format_number(value: Any, *, column: Any = None, missing: str = "n/a") -> str:
    """A number in a sentence: ``1234567.8`` -> ``1,234,568``; ``19.7859`` -> ``19.79``;
    ``0.05234`` -> ``0.0523``; a year or id (by its ``column`` name) -> ``1952``."""
    v = _as_float(value)
    if v is None:
        if value is None:
            return missing
        return "yes" if value is True else "no" if value is False else str(value)
    if not math.isfinite(v):
        return missing if math.isnan(v) else ("inf" if v > 0 else "-inf")
    if column is not None and is_identifier_name(column) and v.is_integer():
        return str(int(v))
    if v.is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    a = abs(v)
    if a >= 1e15:
        return f"{v:.3g}"
    if a >= 1000:
        return f"{v:,.0f}"
    if a >= 100:
        return f"{v:,.1f}"
    if a >= 1:
        return f"{v:,.2f}"
    return f"{v:.3g}"


def format_pvalue(p: Any) -> str:
    """``p = 0.042`` / ``p < 0.001``: short, and never split by a line break in HTML."""
    v = _as_float(p)
    if v is None or not math.isfinite(v):
        return "p = n/a"
    return "p < 0.001" if v < 0.001 else f"p = {v:.3f}"


def format_date(value: Any, grain: str | None = None) -> str:
    """A date or timestamp at the precision of its time bucket: ``2021``, ``2021-Q1``,
    ``Mar 2021``, ``2021-03-05``, ``2021-03-05 14:00``; midnight never shows."""
    import pandas as pd

    ts = pd.Timestamp(value)
    if grain == "year":
        return f"{ts.year}"
    if grain == "quarter":
        return f"{ts.year}-Q{ts.quarter}"
    if grain == "month":
        return ts.strftime("%b %Y")
    if grain == "hour":
        return ts.strftime("%Y-%m-%d %H:00")
    if grain in (None, "day", "week") and (ts.hour, ts.minute, ts.second) == (0, 0, 0):
        return ts.strftime("%Y-%m-%d")
    return ts.strftime("%Y-%m-%d %H:%M" if ts.second == 0 else "%Y-%m-%d %H:%M:%S")


def format_key(value: Any, grain: str | None = None) -> str:
    """A group label in a sentence: dates by their grain, whole floats without ``.0``."""
    if isinstance(value, (_dt.date, _dt.datetime)) or hasattr(value, "strftime"):
        return format_date(value, grain)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return plain_date_text(value)
    return str(value)


def plain_date_text(text: str) -> str:
    """An ISO timestamp string as a date (``2020-01-01T00:00:00`` -> ``2020-01-01``); other
    text unchanged."""
    if len(text) < 16 or text[4:5] != "-":
        return text
    midnight = _ISO_MIDNIGHT.match(text)
    if midnight:
        return midnight.group(1)
    timed = _ISO_TIME.match(text)
    if not timed:
        return text
    clock = timed.group(2)
    return f"{timed.group(1)} {clock[:-3] if clock.endswith(':00') and len(clock) == 8 else clock}"


def format_cell(value: Any, column: Any = None, *, decimals: int | None = None,
                missing: str = "") -> str:
    """One table cell for people: a year/id column without separators, numbers with
    separators and ``decimals`` (or a reading precision), dates as dates, NaN as ``missing``."""
    v = _as_float(value)
    if v is not None:
        if not math.isfinite(v):
            return missing if math.isnan(v) else ("inf" if v > 0 else "-inf")
        if column is not None and is_identifier_name(column) and v.is_integer():
            return str(int(v))
        if v.is_integer() and abs(v) < 1e15 and (decimals is None or decimals == 0):
            return f"{int(v):,}"
        if decimals is not None and 1e-4 <= abs(v) < 1e15:
            return f"{v:,.{decimals}f}"
        return _format_float(v)
    if value is None:
        return missing
    try:
        import pandas as pd

        if value is pd.NaT or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
            return missing
    except (TypeError, ValueError):
        pass
    if isinstance(value, (_dt.date, _dt.datetime)) or hasattr(value, "strftime"):
        return format_date(value)
    if isinstance(value, str):
        return plain_date_text(value)
    return format_value(value)


def column_decimals(values: Iterable[Any], column: Any = None) -> int | None:
    """Decimals that a column of floats shows on every row (up to four), so the column lines
    up (2.94 above 2.99 above 3.00); None for integer, identifier or non-numeric columns."""
    if column is not None and is_identifier_name(column):
        return None
    floats = [f for f in (_as_float(v) for v in values) if f is not None and math.isfinite(f)]
    if not floats or all(f.is_integer() for f in floats):
        return None
    big = max(abs(f) for f in floats)
    if big >= 1e5:
        return 0
    most = 2 if big >= 1000 else 4
    need = [len(f"{f:.{most}f}".rstrip("0").split(".")[1]) for f in floats
            if abs(f) >= 1e-4 or f == 0]
    return max(need, default=0) or None


def column_formatter(column: Any, values: Iterable[Any], missing: str = "") -> Any:
    """``format_cell`` bound to one column's name and its shared decimals."""
    decimals = column_decimals(list(values), column)

    def fmt(value: Any) -> str:
        return format_cell(value, column, decimals=decimals, missing=missing)

    return fmt


def format_records(columns: Sequence[Any], records: Sequence[Mapping[str, Any]]
                   ) -> list[list[str]]:
    """Rows of display strings for ``records`` (what the JupyterLab panel shows and copies)."""
    formatters = [column_formatter(c, [r.get(c) for r in records]) for c in columns]
    return [[f(r.get(c)) for f, c in zip(formatters, columns)] for r in records]


def format_value(value: Any) -> str:
    """One cell: numbers rounded for reading, dates without a midnight time, NaN as NA."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "")
                                  in "iu"):
        return str(int(value))
    if isinstance(value, float) or (hasattr(value, "dtype")
                                    and getattr(value.dtype, "kind", "") == "f"):
        return _format_float(float(value))
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return plain_date_text(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return ", ".join(f"{k}={format_value(v)}" for k, v in value.items())
    try:
        import pandas as pd

        if value is pd.NaT or (not isinstance(value, (list, dict)) and pd.isna(value)):
            return MISSING
    except (TypeError, ValueError, ImportError):
        pass
    return str(value)


def _format_float(v: float) -> str:
    if not math.isfinite(v):
        return MISSING if math.isnan(v) else ("inf" if v > 0 else "-inf")
    a = abs(v)
    if a == 0:
        return "0"
    if a >= 1e15 or a < 1e-4:
        return f"{v:.3g}"
    if a >= 1000:
        return f"{v:,.2f}".rstrip("0").rstrip(".")
    return f"{v:.5g}"


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iuf"


def format_table(rows: Any, columns: Sequence[str] | None = None, *, title: str | None = None,
                 max_rows: int = 20, max_width: int | None = None, indent: str = "") -> str:
    """An aligned text table.

    ``rows`` is a list of dicts (records), a list of sequences (with ``columns``) or a pandas
    DataFrame. Numbers are right-aligned. ``max_width`` wraps the text of the widest column
    so the table fits; beyond ``max_rows`` rows the rest are summarised in one line.
    """
    records, columns = _records(rows, columns)
    shown = records[:max_rows] if max_rows and len(records) > max_rows else records
    numeric = [bool(shown) and all(_is_number(r[i]) or r[i] is None for r in shown)
               and any(_is_number(r[i]) for r in shown) for i in range(len(columns))]
    cells = [[format_value(r[i]) for i in range(len(columns))] for r in shown]
    widths = [max([len(str(c))] + [max((len(x) for x in row[i].split("\n")), default=0)
                                   for row in cells]) for i, c in enumerate(columns)]
    if max_width and cells:
        _fit(cells, widths, numeric, max_width - len(indent))
    lines = [f"{indent}{title}"] if title else []
    lines.append(indent + "  ".join(str(c).rjust(w) if num else str(c).ljust(w)
                                    for c, w, num in zip(columns, widths, numeric)).rstrip())
    lines.append(indent + "  ".join("-" * w for w in widths))
    for row in cells:
        parts = [cell.split("\n") for cell in row]
        for k in range(max(len(p) for p in parts) if parts else 0):
            line = "  ".join((p[k] if k < len(p) else "").rjust(w) if num
                             else (p[k] if k < len(p) else "").ljust(w)
                             for p, w, num in zip(parts, widths, numeric))
            lines.append(indent + line.rstrip())
    if len(records) > len(shown):
        hidden = len(records) - len(shown)
        lines.append(f"{indent}... {hidden} more row{'s' if hidden > 1 else ''}")
    if not records:
        lines.append(f"{indent}(no rows)")
    return "\n".join(lines)


def _records(rows: Any, columns: Sequence[str] | None) -> tuple[list[list[Any]], list[str]]:
    if hasattr(rows, "to_dict") and hasattr(rows, "columns"):  # a DataFrame
        cols = [str(c) for c in rows.columns]
        return [list(r) for r in rows.itertuples(index=False, name=None)], cols
    rows = list(rows)
    if rows and isinstance(rows[0], Mapping):
        cols = list(columns) if columns else list(dict.fromkeys(k for r in rows for k in r))
        return [[r.get(c) for c in cols] for r in rows], [str(c) for c in cols]
    cols = [str(c) for c in (columns or [])]
    return [list(r) for r in rows], cols


def _fit(cells: list[list[str]], widths: list[int], numeric: list[bool], total: int) -> None:
    """Wrap the widest text column so that the whole row fits in ``total`` characters."""
    used = sum(widths) + 2 * (len(widths) - 1)
    if used <= total:
        return
    text_cols = [i for i, num in enumerate(numeric) if not num]
    if not text_cols:
        return
    i = max(text_cols, key=lambda j: widths[j])
    room = max(12, widths[i] - (used - total))
    for row in cells:
        row[i] = "\n".join(textwrap.wrap(row[i], room) or [""])
    widths[i] = max(len(x) for row in cells for x in row[i].split("\n"))


def format_mapping(values: Mapping[str, Any], *, title: str | None = None,
                   indent: str = "") -> str:
    """A two-column ``name  value`` table of scalars (nested values shown inline)."""
    width = max((len(str(k)) for k in values), default=0)
    lines = [f"{indent}{title}"] if title else []
    for k, v in values.items():
        lines.append(f"{indent}  {str(k).ljust(width)}  {format_value(v)}")
    return "\n".join(lines)


def format_bullets(items: Iterable[str], *, title: str | None = None, width: int = 96,
                   indent: str = "") -> str:
    lines = [f"{indent}{title}"] if title else []
    for item in items:
        lines.extend(textwrap.wrap(str(item), width, initial_indent=f"{indent}  - ",
                                   subsequent_indent=f"{indent}    "))
    return "\n".join(lines)


def _title(key: str) -> str:
    text = key.replace("_", " ")
    return text[:1].upper() + text[1:]


_COEF_PARTS = (("std_errors", "std_error"), ("p_values", "p_value"))
_HIDDEN = {"model_type", "userContext", "insights", "warnings", "n_obs"}


def coefficient_records(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Rows ``term, coefficient, std_error, p_value, ci_lower, ci_upper`` from a result's
    ``coefficients``/``std_errors``/``p_values``/``conf_int`` dicts (missing parts omitted)."""
    coefs = result.get("coefficients") or {}
    if not isinstance(coefs, Mapping):
        return []
    rows = []
    for term, value in coefs.items():
        row: dict[str, Any] = {"term": term, "coefficient": value}
        for key, col in _COEF_PARTS:
            part = result.get(key)
            if isinstance(part, Mapping) and term in part:
                row[col] = part[term]
        ci = (result.get("conf_int") or {}).get(term) if isinstance(
            result.get("conf_int"), Mapping) else None
        if isinstance(ci, (list, tuple)) and len(ci) == 2:
            row["ci_lower"], row["ci_upper"] = ci
        elif isinstance(ci, Mapping):
            row["ci_lower"] = ci.get("lower", ci.get("low"))
            row["ci_upper"] = ci.get("upper", ci.get("high"))
        rows.append(row)
    return rows


def _is_records(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def format_result(result: Any, *, max_rows: int = 20, width: int = 100,
                  brief: bool = False) -> str:
    """A tool result (``ToolResult`` or its ``to_dict()``) as readable text: key numbers,
    the coefficient table, other result tables (forecast, group means...), insights and
    warnings. ``brief`` keeps the key numbers, the first two tables, insights and warnings."""
    data: Mapping[str, Any] = result.to_dict() if hasattr(result, "to_dict") else result
    out: list[str] = []
    header = str(data.get("model_type", "result"))
    if data.get("n_obs") is not None:
        header += f"  (n_obs = {data['n_obs']})"
    out.append(header)
    out.append("=" * len(header))
    perf = {k: v for k, v in (data.get("performance") or {}).items() if _is_scalar(v)}
    if perf:
        out += ["", format_mapping(perf, title="Performance")]
    stats = data.get("statistics") or {}
    scalars = {k: v for k, v in stats.items() if _is_scalar(v)}
    if scalars:
        out += ["", format_mapping(scalars, title="Statistics")]
    for key, value in ({} if brief else stats).items():
        if isinstance(value, Mapping) and value and all(isinstance(v, Mapping)
                                                         for v in value.values()):
            rows = [{"": name, **dict(v)} for name, v in value.items()]
            out += ["", format_table(rows, title=_title(key), max_rows=max_rows,
                                     max_width=width)]
        elif isinstance(value, Mapping) and value:
            out += ["", format_mapping(value, title=_title(key))]
    tables = {k: v for k, v in data.items() if k not in _HIDDEN and _is_records(v)}
    has_term_table = any("term" in v[0] for v in tables.values())
    if not has_term_table:
        coef_rows = coefficient_records(data)
        if coef_rows:
            out += ["", format_table(coef_rows, title="Coefficients", max_rows=max_rows,
                                     max_width=width)]
    for key, rows in list(tables.items())[: 2 if brief else None]:
        out += ["", format_table(rows, title=_title(key), max_rows=max_rows, max_width=width)]
    extras = {k: v for k, v in data.items()
              if k not in _HIDDEN and k not in tables and k not in (
                  "performance", "statistics", "coefficients", "std_errors", "p_values",
                  "conf_int")}
    simple = {k: v for k, v in extras.items() if _is_scalar(v) or isinstance(v, (list, Mapping))
              and not _is_records(v)}
    if simple and not brief:
        out += ["", format_mapping(simple, title="Details")]
    if data.get("insights"):
        out += ["", format_bullets(data["insights"], title="Insights", width=width)]
    if data.get("warnings"):
        out += ["", format_bullets(data["warnings"], title="Warnings", width=width)]
    return "\n".join(out)


__all__ = ["coefficient_records", "column_decimals", "column_formatter", "format_bullets",
           "format_cell", "format_date", "format_key", "format_mapping", "format_number",
           "format_pvalue", "format_records", "format_result", "format_table", "format_value",
           "is_identifier_name", "plain_date_text"]
