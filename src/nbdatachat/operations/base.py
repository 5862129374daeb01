"""What every operation definition shares: column kinds, the SQL building context, wording.

An *operation* is one filter operator or one aggregation. Each is defined once, in
``filters.py`` or ``aggregations.py``, with everything the engine needs to know about it:
its description, the column kinds it accepts, its SQL (a SQLGlot expression, so it renders
for DuckDB, PostgreSQL, Spark ... and never carries a value as SQL text), its pandas code
and its wording. SQLGlot is imported inside the builders, so importing the registry is free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

#: The one type vocabulary of the engine (see ``planner/schema.py``'s ColumnProfile.kind).
NUMERIC = frozenset({"integer", "number"})
DATES = frozenset({"date", "datetime"})
TEXT = frozenset({"text"})
BOOL = frozenset({"bool"})
ORDERED = NUMERIC | DATES | TEXT
ANY_KIND: frozenset[str] | None = None  # accepts every kind


@dataclass
class SqlContext:
    """How an operation turns values into SQL: as bound parameters (``params`` is a list that
    collects them in order) or, when ``params`` is None, as quoted literals."""

    params: list[Any] | None = field(default_factory=list)
    kind_of: Callable[[str], str] = lambda _col: "other"
    #: builds ``(SELECT agg(col) FROM <data>)`` for comparisons with a statistic
    stat_subquery: Callable[[str, str], Any] | None = None
    #: builds ``(SELECT col FROM <data> WHERE other = value)`` for comparisons with a row's value
    row_subquery: Callable[[str, str, Any], Any] | None = None
    #: builds ``(SELECT col FROM <data> GROUP BY col HAVING COUNT(*) > 1)``: values repeated
    repeats_subquery: Callable[[str], Any] | None = None

    def value(self, v: Any) -> Any:
        """A value for the query: a placeholder bound to ``v``, or a literal."""
        from sqlglot import exp

        if self.params is not None:
            self.params.append(v)
            return exp.Placeholder()
        return literal(v)


def literal(v: Any) -> Any:
    """A SQLGlot literal for a Python value (strings are quoted by SQLGlot, never spliced)."""
    from sqlglot import exp

    if v is None:
        return exp.Null()
    if isinstance(v, bool):
        return exp.Boolean(this=v)
    if isinstance(v, (int, float)):
        return exp.Literal.number(repr(v) if isinstance(v, float) else v)
    return exp.Literal.string(str(v))


def column(name: str) -> Any:
    """A quoted column reference (any name, any characters, any casing)."""
    from sqlglot import exp

    return exp.Column(this=exp.to_identifier(str(name), quoted=True))


def human(name: Any) -> str:
    """A column name as words: ``total_bill`` -> ``total bill``."""
    return str(name or "").replace("_", " ").strip()


def fmt_value(v: Any) -> str:
    """A filter value as people write it: 2007 (a year, no separator), 12,500, 'Sun'."""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v) if abs(v) < 10000 else f"{v:,}"
    if isinstance(v, float):
        return f"{v:,}"
    return str(v)


def ordinal(n: float) -> str:
    n_txt = f"{n:g}"
    if not float(n).is_integer():
        return n_txt + "th"
    k = int(n)
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def kinds_text(kinds: frozenset[str] | None) -> str:
    if kinds is None:
        return "any column"
    names = []
    if NUMERIC <= kinds:
        names.append("numbers")
    if DATES <= kinds:
        names.append("dates")
    if "text" in kinds:
        names.append("text")
    if "bool" in kinds:
        names.append("true/false")
    return " or ".join(names) + " columns"


__all__ = ["ANY_KIND", "BOOL", "DATES", "NUMERIC", "ORDERED", "SqlContext", "TEXT", "column",
           "fmt_value", "human", "kinds_text", "literal", "ordinal"]
