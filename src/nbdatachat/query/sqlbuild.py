"""Building queries as SQLGlot expressions: columns, filters, measures, steps, rendering.

Every identifier is a quoted SQLGlot identifier and every value a named parameter
(``$p0`` in DuckDB, ``%(p0)s`` for psycopg, ``:p0`` in Spark) or, on request, a SQLGlot
literal: nothing from a question or a plan ever becomes SQL text. The operators and
aggregations come from the registries in :mod:`nbdatachat.operations`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from ..operations import AGGREGATIONS, FILTER_OPS
from ..operations.base import SqlContext, column, literal
from .cell_marks import mark_sql
from .score_sides import score_sum_sql
from ..planner.plan_parts import (AMOUNT_PATTERN, AMOUNT_SCALES, DATE_OPS, ELAPSED_OPS,
                                  MARK_OPS,
                                  ELAPSED_PATTERN, METRES_PATTERN, PLACE_PATTERN,
                                  HEIGHT_PATTERN, LEAD_PATTERN, RECORD_PATTERN,
                                  SCORE_PAIR_PATTERN, SECONDS_PATTERN,
                                  SPAN_OPS, SPAN_PATTERN, YEAR_PATTERN, Expr, Filter, Measure,
                                  Step, TimeBucket)


@dataclass
class Compiled:
    """A query ready to run: ``sql`` in ``dialect`` with named ``params``; ``inline()``
    writes the values in, for people to read and copy."""

    sql: str
    params: dict[str, Any] = field(default_factory=dict)
    expression: Any = None
    dialect: str = "duckdb"
    _inline: str | None = field(default=None, repr=False)

    def inline(self) -> str:
        if self._inline is None:
            if self.expression is None or not self.params:
                self._inline = self.sql
            else:
                self._inline = _substitute(self) or _refill(self)
        return self._inline


#: how each dialect writes the named placeholder p<i>
_MARKS = {"duckdb": r"\$(p\d+)\b", "postgres": r"%\((p\d+)\)s", "spark": r":(p\d+)\b"}


def _substitute(c: Compiled) -> str | None:
    """Write the values into the SQL text (each placeholder once, so a quoted identifier
    that happens to look like one is never touched; otherwise None)."""
    pattern = _MARKS.get(c.dialect)
    if pattern is None:
        return None
    found = re.findall(pattern, c.sql)
    if sorted(found) != sorted(c.params) or len(set(found)) != len(found):
        return None
    return re.sub(pattern, lambda m: _literal_text(c.params[m.group(1)], c.dialect), c.sql)


def _literal_text(v: Any, dialect: str) -> str:
    """A value as SQL text for display: plain numbers and standard-quoted strings where the
    dialect writes them so, SQLGlot's rendering otherwise."""
    if dialect in ("duckdb", "postgres"):
        if isinstance(v, bool):
            return "TRUE" if v else "FALSE"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, str):
            return "'" + v.replace("'", "''") + "'"
    return render(literal(v), dialect)


def _refill(c: Compiled) -> str:
    from sqlglot import exp

    def fill(node: Any) -> Any:
        if isinstance(node, exp.Placeholder) and node.name in c.params:
            return literal(c.params[node.name])
        return node

    return render(c.expression.transform(fill), c.dialect)


class Builder:
    """SQL pieces over one relation of one schema (see the module docstring)."""

    def __init__(self, schema: Any, relation: Any, *, inline: bool = False) -> None:
        self.schema = schema
        self.relation = relation  # a SQLGlot table or subquery
        self.values: dict[str, Any] = {}
        self.inline = inline
        self.ctx = SqlContext(params=None, kind_of=self._kind, stat_subquery=self._stat,
                              row_subquery=self._row, repeats_subquery=self._repeats)
        self.ctx.value = self.value  # type: ignore[method-assign]

    # -- leaves --------------------------------------------------------------------
    def value(self, v: Any) -> Any:
        from sqlglot import exp

        if self.inline:
            return literal(v)
        name = f"p{len(self.values)}"
        self.values[name] = v
        return exp.Placeholder(this=name)

    def _kind(self, name: str) -> str:
        p = self.schema.columns.get(name)
        return p.kind if p is not None else "other"

    def _stat(self, name: str, agg: str) -> Any:
        from sqlglot import exp

        fn = AGGREGATIONS[agg].sql(column(name), None)
        return exp.Subquery(this=exp.select(fn, copy=False).from_(self.relation.copy(), copy=False))

    def _row(self, name: str, other: str, value: Any) -> Any:
        from sqlglot import exp

        sel = exp.select(column(name), copy=False).from_(self.relation.copy(), copy=False)
        return exp.Subquery(this=sel.where(column(other).eq(self.value(value)), copy=False))

    def _repeats(self, name: str) -> Any:
        from sqlglot import exp

        sel = exp.select(column(name), copy=False).from_(self.relation.copy(), copy=False)
        sel = sel.group_by(column(name), copy=False).having(
            exp.GT(this=exp.Count(this=exp.Star()), expression=exp.Literal.number(1)), copy=False)
        return exp.Subquery(this=sel)

    # -- filters -------------------------------------------------------------------
    def cond(self, f: Filter) -> Any:
        op = FILTER_OPS[f.op]
        return op.sql(column(f.column), f.value, self.ctx, f.column)

    def where(self, filters: list[Filter], logic: str = "and") -> Any | None:
        from sqlglot import exp

        if not filters:
            return None
        conds = [self.cond(f) for f in filters]
        joined = exp.and_(*conds, copy=False) if logic == "and" else exp.or_(*conds, copy=False)
        return exp.paren(joined, copy=False) if len(conds) > 1 else joined

    # -- measures ------------------------------------------------------------------
    def measure(self, m: Measure) -> Any:
        from sqlglot import exp

        agg = AGGREGATIONS[m.agg]
        if m.column is None:
            return agg.sql(None, m.q)
        arg = column(m.column)
        if self._kind(m.column) == "bool" and m.agg not in ("count", "count_distinct", "min",
                                                            "max", "count_missing"):
            arg = exp.cast(arg, "DOUBLE", copy=False)
        if m.over is not None and m.totals:
            # the ratio of the aggregates ("ratio of totals")
            value = ratio(agg.sql(arg, m.q), agg.sql(column(m.over), m.q))
            if m.percent:
                value = exp.Mul(this=exp.paren(value, copy=False),
                                expression=exp.Literal.number(100))
            return value
        if m.over is not None:
            # a per-row ratio; a zero denominator gives NULL (skipped), never infinity
            arg = ratio(arg, column(m.over))
            if m.percent:
                arg = exp.Mul(this=exp.paren(arg, copy=False), expression=exp.Literal.number(100))
        return agg.sql(arg, m.q)

    def bucket(self, tb: TimeBucket) -> Any:
        from sqlglot import exp

        if tb.grain == "raw":
            return column(tb.column)
        return exp.TimestampTrunc(this=column(tb.column), unit=exp.var(tb.grain.upper()))

    # -- relations -----------------------------------------------------------------
    def with_steps(self, steps: list[Step]) -> None:
        """Run the plan's steps first: each derived column or row filter wraps the relation
        in a subquery, so later steps and the plan can use what earlier ones made."""
        from sqlglot import exp

        for i, s in enumerate(steps):
            if s.action == "derive" and s.expr is not None and s.name:
                derived = exp.alias_(self.expr(s.expr), s.name, quoted=True, copy=False)
                sel = exp.select(exp.Star(), derived, copy=False)
                sel = sel.from_(self.relation, copy=False)
            elif s.action == "head":  # the table's first rows, in the order DuckDB scans it
                sel = exp.select(exp.Star(), copy=False).from_(self.relation, copy=False)
                sel = sel.limit(int(s.n or 0), copy=False)
            else:
                conds = [exp.not_(column(c).is_(exp.null()), copy=False) for c in s.columns]
                sel = exp.select(exp.Star(), copy=False).from_(self.relation, copy=False)
                if conds:
                    sel = sel.where(exp.and_(*conds, copy=False), copy=False)
            self.relation = sel.subquery(f"step{i + 1}")

    def expr(self, e: Expr) -> Any:
        from sqlglot import exp

        if e.op == "col":
            return column(str(e.column))
        if e.op == "num":
            return self.value(e.value)
        if e.op in SPAN_OPS:
            return span_year(self.expr(e.args[0]), e.op)
        if e.op in DATE_OPS:
            return date_span(self.expr(e.args[0]), self.expr(e.args[1]), e.op)
        if e.op in ELAPSED_OPS:
            return elapsed_seconds(self.expr(e.args[0]), e.op)
        if e.op in MARK_OPS:  # "W 24-17": 1, "at X": 1 (query/cell_marks.py)
            return mark_sql(self.expr(e.args[0]), e.op)
        args = [self.expr(a) for a in e.args]
        if e.op == "abs":
            return exp.Abs(this=args[0])
        if e.op == "neg":
            return exp.Neg(this=exp.paren(args[0], copy=False))
        if e.op == "/":
            return exp.paren(ratio(args[0], args[1]), copy=False)
        cls = {"+": exp.Add, "-": exp.Sub, "*": exp.Mul}[e.op]
        return exp.paren(cls(this=args[0], expression=args[1]), copy=False)

    def select_from(self, *items: Any) -> Any:
        from sqlglot import exp

        return exp.select(*items, copy=False).from_(self.relation.copy(), copy=False)

    def compiled(self, query: Any, dialect: str = "duckdb") -> Compiled:
        return Compiled(render(query, dialect), dict(self.values), query, dialect)


def render(query: Any, dialect: str = "duckdb") -> str:
    """The SQL text of ``query`` in ``dialect``, with what SQLGlot does not write for that
    engine fixed (:mod:`nbdatachat.backends.dialects`); ``query`` itself is left as it is."""
    from ..backends.dialects import render as render_sql

    return render_sql(query, dialect, copy=dialect != "duckdb")


def date_span(start: Any, end: Any, op: str) -> Any:
    """Days from ``start`` to ``end`` (dates), or the whole years completed: the difference
    of the years, less one when the end's month and day come before the start's."""
    from sqlglot import exp

    if op == "days":
        return exp.DateDiff(this=exp.cast(end, "DATE", copy=False),
                            expression=exp.cast(start, "DATE", copy=False), unit=exp.var("DAY"))

    def md(x: Any) -> Any:
        return exp.Add(this=exp.Mul(this=exp.Month(this=x.copy()),
                                    expression=exp.Literal.number(100)),
                       expression=exp.Day(this=x.copy()))

    early = exp.If(this=exp.LT(this=md(end), expression=md(start)),
                   true=exp.Literal.number(1))
    years = exp.Sub(this=exp.Year(this=end.copy()), expression=exp.Year(this=start.copy()))
    return exp.paren(exp.Sub(this=years, expression=exp.Case(ifs=[early],
                                                             default=exp.Literal.number(0))),
                     copy=False)


def span_year(col: Any, op: str) -> Any:
    """The first (or last) year of a text span of years ("1990–1995", "1990-95"), NULL when
    the cell is no such span; a last year of two digits takes the first year's century (the
    next one when it would come before the first)."""
    from sqlglot import exp

    def group(n: int, pattern: str = SPAN_PATTERN) -> Any:
        text = exp.cast(col.copy(), "TEXT", copy=False)
        found = exp.RegexpExtract(this=text, expression=exp.Literal.string(pattern),
                                  group=exp.Literal.number(n))
        return exp.TryCast(this=exp.Nullif(this=found, expression=exp.Literal.string("")),
                           to=exp.DataType.build("INT"))

    if op == "year":
        return group(1, YEAR_PATTERN)
    first = group(1)
    if op == "span_first":
        return first
    end = group(2)
    century = exp.paren(exp.Sub(this=first.copy(), expression=exp.Mod(
        this=first.copy(), expression=exp.Literal.number(100))), copy=False)
    late = exp.If(this=exp.LT(this=end.copy(), expression=exp.Mod(
        this=first.copy(), expression=exp.Literal.number(100))),
        true=exp.Literal.number(100), false=exp.Literal.number(0))
    short = exp.Add(this=exp.Add(this=century, expression=end.copy()), expression=late)
    return exp.Case(ifs=[exp.If(this=exp.LT(this=end.copy(), expression=exp.Literal.number(100)),
                                true=short)], default=end)


def elapsed_seconds(col: Any, op: str = "elapsed") -> Any:
    """The seconds of a written elapsed time: a clock ("4:05", "1:02:03.5": hours, minutes,
    seconds) or a plain number of seconds; NULL for any other cell ("+24.3", "DNF"). With
    ``op`` "metres": the metres of a mark ("61.40 m", "74.12 m (=SB)")."""
    from sqlglot import exp

    def group(pattern: str, n: int) -> Any:
        text = exp.cast(col.copy(), "TEXT", copy=False)
        found = exp.RegexpExtract(this=text, expression=exp.Literal.string(pattern),
                                  group=exp.Literal.number(n))
        return exp.TryCast(this=exp.Nullif(this=found, expression=exp.Literal.string("")),
                           to=exp.DataType.build("DOUBLE"))

    if op == "metres":
        return group(METRES_PATTERN, 1)
    if op == "place":
        return group(PLACE_PATTERN, 1)
    if op == "inches":
        return exp.Add(this=exp.Mul(this=group(HEIGHT_PATTERN, 1),
                                    expression=exp.Literal.number(12)),
                       expression=group(HEIGHT_PATTERN, 2))
    if op == "amount":
        return amount_value(col, group)
    if op == "lead":  # "3,465 ft": 3465
        found = exp.RegexpExtract(this=exp.cast(col.copy(), "TEXT", copy=False),
                                  expression=exp.Literal.string(LEAD_PATTERN),
                                  group=exp.Literal.number(1))
        bare = exp.func("REPLACE", found, exp.Literal.string(","), exp.Literal.string(""))
        return exp.TryCast(this=exp.Nullif(this=bare, expression=exp.Literal.string("")),
                           to=exp.DataType.build("DOUBLE"))
    if op == "score_sum":  # "W 27–24": 51 (query/score_sides.py)
        return score_sum_sql(group)
    if op == "margin":  # "W 27–24": 3
        return exp.Abs(this=exp.Sub(this=group(SCORE_PAIR_PATTERN, 1),
                                    expression=group(SCORE_PAIR_PATTERN, 2)))
    if op == "win_share":
        wins, losses = group(RECORD_PATTERN, 1), group(RECORD_PATTERN, 2)
        return ratio(wins, exp.Add(this=wins.copy(), expression=losses))
    hours = exp.Coalesce(this=group(ELAPSED_PATTERN, 1), expressions=[exp.Literal.number(0)])
    clock = exp.Add(this=exp.Add(
        this=exp.Mul(this=hours, expression=exp.Literal.number(3600)),
        expression=exp.Mul(this=group(ELAPSED_PATTERN, 2), expression=exp.Literal.number(60))),
        expression=group(ELAPSED_PATTERN, 3))
    return exp.Coalesce(this=exp.paren(clock, copy=False),
                        expressions=[group(SECONDS_PATTERN, 1)])


def amount_value(col: Any, group: Any) -> Any:
    """The number of an amount written as text times its scale word (``AMOUNT_PATTERN``)."""
    from sqlglot import exp

    text = exp.cast(col.copy(), "TEXT", copy=False)
    found = exp.RegexpExtract(this=text, expression=exp.Literal.string(AMOUNT_PATTERN),
                              group=exp.Literal.number(1))
    number = exp.TryCast(this=exp.Nullif(this=exp.func("REPLACE", found, exp.Literal.string(","),
                                                        exp.Literal.string("")),
                                         expression=exp.Literal.string("")),
                         to=exp.DataType.build("DOUBLE"))
    word = exp.Lower(this=exp.RegexpExtract(this=text.copy(),
                                            expression=exp.Literal.string(AMOUNT_PATTERN),
                                            group=exp.Literal.number(2)))
    scale = exp.Case(ifs=[exp.If(this=exp.EQ(this=word.copy(), expression=exp.Literal.string(k)),
                                 true=exp.Literal.number(v)) for k, v in AMOUNT_SCALES.items()],
                     default=exp.Literal.number(1))
    return exp.Mul(this=number, expression=scale)


def ratio(num: Any, den: Any) -> Any:
    """``CAST(num AS DOUBLE) / NULLIF(den, 0)``."""
    from sqlglot import exp

    return exp.Div(this=exp.cast(num, "DOUBLE", copy=False),
                   expression=exp.Nullif(this=den, expression=exp.Literal.number(0)))


def alias(e: Any, name: str) -> Any:
    from sqlglot import exp

    return exp.alias_(e, name, quoted=True, copy=False)


def ordered(e: Any, descending: bool) -> Any:
    """``e DESC NULLS LAST`` / ``e ASC NULLS LAST`` (missing values never rank first)."""
    from sqlglot import exp

    return exp.Ordered(this=e, desc=descending, nulls_first=False)


def relation(view: Any) -> Any:
    """A SQLGlot relation for ``view``: a (quoted, possibly qualified) name or an
    expression."""
    from sqlglot import exp

    if isinstance(view, exp.Expression):
        return view
    return _table(str(view)).copy()


@functools.lru_cache(maxsize=256)
def _table(name: str) -> Any:
    from sqlglot import exp

    return exp.to_table(name, dialect="duckdb")


__all__ = ["Builder", "Compiled", "alias", "ordered", "ratio", "relation", "render"]
