"""Every aggregation, defined once: description, accepted column kinds, SQL, pandas, words.

A measure in a plan is ``Measure(agg, column)``; ``agg`` is a key of :data:`AGGREGATIONS`.
To add one, add an :class:`Aggregation` here: validation, SQL (SQLGlot), the pandas code and
the plan's reading pick it up. Statistics are the sample ones (``n - 1``), as in pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .base import ANY_KIND, BOOL, NUMERIC, ordinal


@dataclass(frozen=True)
class Aggregation:
    """One aggregation. ``sql(arg, q)`` builds the SQLGlot aggregate of ``arg`` (``q`` is the
    quantile for ``quantile``); ``pandas`` is the name of the pandas reduction (or a lambda
    written as code, for ``quantile``); ``word`` reads it ("average tip")."""

    name: str
    word: str
    description: str
    accepts: frozenset[str] | None  # column kinds; None = any
    sql: Callable[[Any, float | None], Any]
    pandas: Callable[[float | None], str]
    needs_column: bool = True
    integer_result: bool = False  # always a whole number (counts)
    additive: bool = False  # the total over groups is the sum of the groups' values

    def describe(self, col: str, q: float | None = None) -> str:
        if self.name == "quantile":
            return f"{ordinal(round((q if q is not None else 0.5) * 100, 2))} percentile of {col}"
        if self.name == "count":
            return f"number of {col} values" if col else "number of rows"
        if self.name in ("count_distinct", "count_missing"):
            return f"{self.word} {col}"
        if col.lower().startswith(self.word.split()[0] + " "):
            return col  # "total bill", not "total total bill"
        return f"{self.word} {col}".strip()


def _f(cls: str):
    def sql(arg, q):
        from sqlglot import exp

        return getattr(exp, cls)(this=arg)
    return sql


def _count(arg, q):
    from sqlglot import exp

    return exp.Count(this=arg if arg is not None else exp.Star())


def _count_distinct(arg, q):
    from sqlglot import exp

    return exp.Count(this=exp.Distinct(expressions=[arg]))


def _count_missing(arg, q):
    from sqlglot import exp

    return exp.Sub(this=exp.Count(this=exp.Star()), expression=exp.Count(this=arg))


def _quantile(arg, q):
    from sqlglot import exp

    return exp.PercentileCont(this=arg, expression=exp.Literal.number(
        repr(float(q if q is not None else 0.5))))


def _range(arg, q):
    from sqlglot import exp

    return exp.Sub(this=exp.Max(this=arg), expression=exp.Min(this=arg.copy()))


def _items(arg, q):
    """The number of items listed in the cells: per non-empty cell 1 + its commas + its
    " and " / " & " joins not right after a comma ("A, B and C" and "A, B, and C": 3)."""
    from sqlglot import exp

    text = exp.Lower(this=exp.Cast(this=arg, to=exp.DataType.build("text")))

    def n(sub: str) -> Any:  # occurrences of sub: replacing it by sub[:-1] shortens by 1
        return exp.Paren(this=exp.Sub(this=exp.Length(this=text.copy()), expression=exp.Length(
            this=exp.Anonymous(this="replace", expressions=[
                text.copy(), exp.Literal.string(sub), exp.Literal.string(sub[:-1])]))))

    total: Any = exp.Literal.number(1)
    for sub, sign in _ITEM_MARKS:
        total = (exp.Add if sign > 0 else exp.Sub)(this=total, expression=n(sub))
    return exp.Sum(this=total)


#: what separates listed items, and whether it adds an item (", and" was counted as ",")
_ITEM_MARKS = ((",", 1), (" and ", 1), (" & ", 1), (", and ", -1), (", & ", -1))
_ITEMS_PANDAS = ("lambda s: int(sum((1 + sum(sign * v.lower().count(sub) for sub, sign in "
                 f"{_ITEM_MARKS!r})) for v in s.dropna().astype(str)))")


NUMBERS = NUMERIC | BOOL

_AGGS = [
    Aggregation("count", "number of", "number of rows, or of present values of a column",
                ANY_KIND, _count, lambda q: "'count'", needs_column=False,
                integer_result=True, additive=True),
    Aggregation("count_distinct", "number of distinct", "number of distinct values", ANY_KIND,
                _count_distinct, lambda q: "'nunique'", integer_result=True),
    Aggregation("count_missing", "number of missing", "number of missing values", ANY_KIND,
                _count_missing, lambda q: "lambda s: s.isna().sum()", integer_result=True,
                additive=True),
    Aggregation("sum", "total", "sum of the values", NUMBERS, _f("Sum"), lambda q: "'sum'",
                additive=True),
    Aggregation("mean", "average", "arithmetic mean", NUMBERS, _f("Avg"), lambda q: "'mean'"),
    Aggregation("median", "median", "middle value", NUMBERS, _f("Median"),
                lambda q: "'median'"),
    Aggregation("min", "minimum", "smallest value", NUMBERS | frozenset({"date", "datetime",
                                                                        "text"}),
                _f("Min"), lambda q: "'min'"),
    Aggregation("max", "maximum", "largest value", NUMBERS | frozenset({"date", "datetime",
                                                                       "text"}),
                _f("Max"), lambda q: "'max'"),
    Aggregation("range", "range of", "largest minus smallest value (how many years a column "
                "of years spans)", NUMERIC, _range, lambda q: "lambda s: s.max() - s.min()"),
    Aggregation("std", "standard deviation of", "sample standard deviation", NUMBERS,
                _f("StddevSamp"), lambda q: "'std'"),
    Aggregation("var", "variance of", "sample variance", NUMBERS, _f("Variance"),
                lambda q: "'var'"),
    Aggregation("quantile", "percentile of", "a percentile (q between 0 and 1, linear "
                "interpolation)", NUMBERS, _quantile,
                lambda q: f"lambda s: s.quantile({q!r})"),
    Aggregation("items", "number of items in", "number of items listed in the cells, "
                "separated by commas, \"and\" or \"&\" (\"1990, 1994\" holds 2)",
                frozenset({"text"}), _items, lambda q: _ITEMS_PANDAS, integer_result=True,
                additive=True),
]

#: aggregation name -> definition
AGGREGATIONS: dict[str, Aggregation] = {a.name: a for a in _AGGS}


def aggregation(name: str) -> Aggregation:
    """The definition of ``name``; raises ``KeyError`` for an unknown aggregation."""
    return AGGREGATIONS[name]


__all__ = ["AGGREGATIONS", "Aggregation", "aggregation"]
