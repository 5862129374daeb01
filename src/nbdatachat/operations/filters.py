"""Every filter operator, defined once: description, accepted column kinds, SQL, pandas, words.

A filter in a plan is ``Filter(column, op, value)``; ``op`` is a key of :data:`FILTER_OPS`.
To add an operator, add one :class:`FilterOp` here: validation, compilation (SQLGlot, so
every SQL dialect), the generated pandas code and the plan's reading all pick it up.

Missing values follow pandas: ``!=``, ``not in`` and ``not between`` keep rows whose value is
missing (pandas' ``~mask`` does), every other operator drops them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .base import (ANY_KIND, DATES, NUMERIC, ORDERED, TEXT, SqlContext, column, fmt_value,
                   human)

#: The shape of a filter's value: one value, [low, high], a list, nothing, an ISO date,
#: a year/month/quarter number or a [first, last] pair of them.
ValueShape = str  # "scalar" | "pair" | "list" | "none" | "date" | "part"


@dataclass(frozen=True)
class FilterOp:
    """One operator. ``sql(col, value, ctx)`` returns a SQLGlot condition; ``pandas(c, value,
    column)`` the pandas boolean mask as code (``c`` is the code of the column, e.g.
    ``d['tip']``); ``words(col, value)`` the reading ("tip is more than 5")."""

    name: str
    description: str
    value: ValueShape
    accepts: frozenset[str] | None
    sql: Callable[[Any, Any, SqlContext, str], Any]
    pandas: Callable[[str, Any, str], str]
    words: Callable[[str, Any], str]
    negation: str | None = None  # the operator that means the opposite
    keeps_missing: bool = False


def _stat(v: Any) -> bool:
    return isinstance(v, dict) and "agg" in v


def _row(v: Any) -> bool:
    """``{"row": {"column": c, "value": x}}``: the compared column's value in the one row
    where ``c`` is ``x`` ("more gold than <X>": X's gold)."""
    return isinstance(v, dict) and "row" in v


def _other_column(v: Any) -> bool:
    """``{"column": c}`` (with ``=`` only): the same row's value of column ``c`` ("the same
    number of golds as bronzes": Gold = Bronze in one row)."""
    return isinstance(v, dict) and set(v) == {"column"}


def _repeated(v: Any) -> bool:
    """``{"repeated": True}`` (with ``=`` only): a value that more than one row holds ("which
    two singers are the same age": the rows whose age another row has too)."""
    return isinstance(v, dict) and set(v) == {"repeated"}


_STAT_WORD = {"mean": "average", "median": "median"}


def _cmp(symbol: str, words: str, sql_cls: str, negation: str) -> FilterOp:
    def sql(col, v, ctx: SqlContext, name: str):
        from sqlglot import exp

        if _row(v):
            rhs = ctx.row_subquery(name, v["row"]["column"], v["row"]["value"])
        else:
            rhs = ctx.stat_subquery(name, v["agg"]) if _stat(v) else ctx.value(v)
        return getattr(exp, sql_cls)(this=col, expression=rhs)

    def pandas(c, v, name):
        if _row(v):
            other = f"df.loc[df[{v['row']['column']!r}] == {v['row']['value']!r}, {name!r}]"
            return f"({c} {symbol} {other}.squeeze())"
        if _stat(v):
            return f"({c} {symbol} df[{name!r}].{v['agg']}())"
        return f"({c} {symbol} {v!r})"

    def say(col, v):
        if _row(v):
            return f"{col} is {words} the {col} of {fmt_value(v['row']['value'])}"
        if _stat(v):
            return f"{col} is {words} the {_STAT_WORD.get(v['agg'], v['agg'])} {col}"
        return f"{col} is {words} {fmt_value(v)}"

    return FilterOp(symbol, f"values {words} a number, a date or the column's mean/median",
                    "scalar", ORDERED, sql, pandas, say, negation)


def _eq_sql(col, v, ctx, name):
    from sqlglot import exp

    if _repeated(v):
        return exp.In(this=col, query=ctx.repeats_subquery(name))
    if _other_column(v):
        return col.eq(column(v["column"]))
    if _row(v):
        return col.eq(ctx.row_subquery(name, v["row"]["column"], v["row"]["value"]))
    return col.eq(ctx.value(v))


def _eq_pandas(c, v, name):
    if _repeated(v):
        return f"({c}.duplicated(keep=False) & {c}.notna())"
    if _other_column(v):
        return f"({c} == d[{v['column']!r}])"
    if _row(v):
        other = f"df.loc[df[{v['row']['column']!r}] == {v['row']['value']!r}, {name!r}]"
        return f"({c} == {other}.squeeze())"
    return f"({c} == {v!r})"


def _eq_say(col, v):
    if _repeated(v):
        return f"{col} is a value another row has too"
    if _other_column(v):
        return f"{col} is the same as {human(v['column'])} (in the same row)"
    if _row(v):
        return f"{col} is the same as the {col} of {fmt_value(v['row']['value'])}"
    return f"{col} is {fmt_value(v)}"


def _ne_sql(col, v, ctx, name):
    from sqlglot import exp

    return exp.NullSafeNEQ(this=col, expression=ctx.value(v))


def _between_sql(col, v, ctx, name):
    from sqlglot import exp

    return exp.Between(this=col, low=ctx.value(v[0]), high=ctx.value(v[1]))


def _not_between_sql(col, v, ctx, name):
    from sqlglot import exp

    inside = exp.not_(_between_sql(col, v, ctx, name), copy=False)
    return exp.or_(inside, col.is_(exp.null()), copy=False)


def _in_sql(col, v, ctx, name):
    return col.isin(*[ctx.value(x) for x in v])


def _not_in_sql(col, v, ctx, name):
    from sqlglot import exp

    inside = exp.not_(_in_sql(col, v, ctx, name), copy=False)
    return exp.or_(inside, col.is_(exp.null()), copy=False)


def _date_cast(ctx: SqlContext, name: str) -> str:
    return "DATE" if ctx.kind_of(name) == "date" else "TIMESTAMP"


def _part_sql(part: str):
    def sql(col, v, ctx, name):
        from sqlglot import exp

        if part == "YEAR" and not isinstance(v, (list, tuple)):
            # a range, not year(col) = ?: no function per row, and row groups can be skipped
            cast = _date_cast(ctx, name)
            lo = exp.cast(ctx.value(f"{int(v):04d}-01-01"), cast, copy=False)
            hi = exp.cast(ctx.value(f"{int(v) + 1:04d}-01-01"), cast, copy=False)
            return exp.and_(col >= lo, col < hi, copy=False)
        extracted = exp.Extract(this=exp.var(part), expression=col)
        if isinstance(v, (list, tuple)):
            return exp.Between(this=extracted, low=ctx.value(int(v[0])),
                               high=ctx.value(int(v[1])))
        return extracted.eq(ctx.value(int(v)))
    return sql


def _part(name: str) -> FilterOp:
    def pandas(c, v, _name):
        if isinstance(v, (list, tuple)):
            return f"{c}.dt.{name}.between({v[0]!r}, {v[1]!r})"
        return f"({c}.dt.{name} == {v!r})"

    def say(col, v):
        if isinstance(v, (list, tuple)):
            return f"the {name} of {col} is {v[0]} to {v[1]}"
        return f"the {name} of {col} is {v}"

    return FilterOp(name, f"the {name} of a date column equals a number or lies in a range",
                    "part", DATES, _part_sql(name.upper()), pandas, say)


def _date_cmp(name: str, symbol: str, words: str, negation: str) -> FilterOp:
    def sql(col, v, ctx, cname):
        from sqlglot import exp

        rhs = exp.cast(ctx.value(str(v)), _date_cast(ctx, cname), copy=False)
        return col >= rhs if symbol == ">=" else col < rhs

    return FilterOp(name, f"dates {words} an ISO date", "date", DATES, sql,
                    lambda c, v, _n: f"({c} {symbol} pd.Timestamp({str(v)!r}))",
                    lambda col, v: f"{col} is {words} {v}", negation)


def _contains_sql(col, v, ctx, name):
    from sqlglot import exp

    pos = exp.StrPosition(this=exp.Lower(this=col), substr=exp.Lower(this=ctx.value(str(v))))
    return pos > exp.Literal.number(0)


def _starts_sql(col, v, ctx, name):
    from sqlglot import exp

    return exp.StartsWith(this=exp.Lower(this=col), expression=exp.Lower(this=ctx.value(str(v))))


def _is_null_sql(col, v, ctx, name):
    from sqlglot import exp

    return col.is_(exp.null())


def _not_null_sql(col, v, ctx, name):
    from sqlglot import exp

    return exp.not_(col.is_(exp.null()), copy=False)


def _list_words(v: Any, joiner: str = " or ") -> str:
    return joiner.join(fmt_value(x) for x in (v if isinstance(v, (list, tuple)) else [v]))


_OPS = [
    FilterOp("=", "equal to a value (or to another row's value, see _row)", "scalar",
             ANY_KIND, _eq_sql, _eq_pandas, _eq_say, "!="),
    FilterOp("!=", "different from a value (missing values are kept)", "scalar", ANY_KIND,
             _ne_sql, lambda c, v, _n: f"({c} != {v!r})",
             lambda col, v: f"{col} is not {fmt_value(v)}", "=", keeps_missing=True),
    _cmp("<", "less than", "LT", ">="),
    _cmp("<=", "at most", "LTE", ">"),
    _cmp(">", "more than", "GT", "<="),
    _cmp(">=", "at least", "GTE", "<"),
    FilterOp("between", "between two values, both included", "pair", ORDERED, _between_sql,
             lambda c, v, _n: f"{c}.between({v[0]!r}, {v[1]!r})",
             lambda col, v: f"{col} is between {fmt_value(v[0])} and {fmt_value(v[1])}",
             "not between"),
    FilterOp("not between", "outside two values (missing values are kept)", "pair", ORDERED,
             _not_between_sql, lambda c, v, _n: f"~{c}.between({v[0]!r}, {v[1]!r})",
             lambda col, v: f"{col} is not between {fmt_value(v[0])} and {fmt_value(v[1])}",
             "between", keeps_missing=True),
    FilterOp("in", "one of several values", "list", ANY_KIND, _in_sql,
             lambda c, v, _n: f"{c}.isin({list(v)!r})",
             lambda col, v: f"{col} is {_list_words(v)}", "not in"),
    FilterOp("not in", "none of several values (missing values are kept)", "list", ANY_KIND,
             _not_in_sql, lambda c, v, _n: f"~{c}.isin({list(v)!r})",
             lambda col, v: f"{col} is not {_list_words(v, ' nor ')}", "in",
             keeps_missing=True),
    FilterOp("is null", "the value is missing", "none", ANY_KIND, _is_null_sql,
             lambda c, v, _n: f"{c}.isna()", lambda col, v: f"{col} is missing", "not null"),
    FilterOp("not null", "the value is present", "none", ANY_KIND, _not_null_sql,
             lambda c, v, _n: f"{c}.notna()", lambda col, v: f"{col} is present", "is null"),
    _part("year"),
    _part("quarter"),
    _part("month"),
    _date_cmp("date>=", ">=", "on or after", "date<"),
    _date_cmp("date<", "<", "before", "date>="),
    FilterOp("contains", "text containing a word or phrase (any case)", "scalar", TEXT,
             _contains_sql,
             lambda c, v, _n: f"{c}.str.contains({str(v)!r}, case=False, regex=False, "
                              f"na=False)",
             lambda col, v: f"{col} contains {v!r}"),
    FilterOp("starts with", "text starting with a prefix (any case)", "scalar", TEXT,
             _starts_sql,
             lambda c, v, _n: f"{c}.str.lower().str.startswith({str(v).lower()!r}, na=False)",
             lambda col, v: f"{col} starts with {v!r}"),
]

#: operator name -> definition, in the order the reference lists them
FILTER_OPS: dict[str, FilterOp] = {op.name: op for op in _OPS}
#: operators that compare with a number or a statistic (may take {"agg": "mean"|"median"})
COMPARISONS = ("<", "<=", ">", ">=")


def filter_op(name: str) -> FilterOp:
    """The definition of ``name``; raises ``KeyError`` for an unknown operator."""
    return FILTER_OPS[name]


def describe_filter(column: str, op: str, value: Any) -> str:
    """The reading of one filter: ``day is not Sun``."""
    d = FILTER_OPS.get(op)
    if d is None:
        return f"{human(column)} {op} {fmt_value(value)}"
    return d.words(human(column), value)


__all__ = ["COMPARISONS", "FILTER_OPS", "FilterOp", "NUMERIC", "describe_filter", "filter_op"]
