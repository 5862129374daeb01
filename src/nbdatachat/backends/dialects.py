"""Rendering SQLGlot queries for each engine, with the few things SQLGlot does not write.

Plans compile straight to an engine's dialect (``query.compile_plan(..., dialect=)``) and
every query, compiled or built by a tool, is rendered here by :func:`render`. SQLGlot writes
almost everything; :func:`adapt` fixes what it lacks (checked against PostgreSQL 15+ and
Spark 4), all in this one place:

- PostgreSQL has no ``QUARTER(x)``: ``EXTRACT(QUARTER FROM x)``.
- PostgreSQL has no approximate distinct count, and Spark's differs from DuckDB's: an exact
  ``count(DISTINCT x)`` on both (the schema profile's distinct counts: the profile, in
  :mod:`nbdatachat.data.schema`, is built as SQLGlot trees and rendered here too, through
  :class:`~nbdatachat.backends.base.BackendConnection`).
- Spark's ``percentile_cont`` takes no second argument: ``percentile(x, q)``, its exact,
  interpolating percentile.
- A seeded reservoir sample of ``n`` rows (``USING SAMPLE reservoir(n ROWS) REPEATABLE (s)``):
  PostgreSQL samples only by percentage of a base table and Spark's ``n ROWS`` is a plain
  limit, so both get a seeded pseudo-random order and ``LIMIT n``.
"""

from __future__ import annotations

import functools
from typing import Any

#: seed of every sample the engine draws (DuckDB's reservoir, the pseudo-random order that
#: stands for one elsewhere): the same rows every time
DEFAULT_SEED = 7


def sample_clause(n: int) -> Any:
    """A seeded sample of ``n`` rows as a SQLGlot ``TableSample`` (DuckDB's reservoir;
    :func:`render` turns it into a seeded order and ``LIMIT`` for engines without one).
    Set it on a select: ``q.set("sample", sample_clause(n))``."""
    import sqlglot

    q = sqlglot.parse_one(f"SELECT * FROM t USING SAMPLE reservoir({int(n)} ROWS) "
                          f"REPEATABLE ({DEFAULT_SEED})", read="duckdb")
    return q.args["sample"]


def _fix_postgres(node: Any) -> Any:
    from sqlglot import exp

    if isinstance(node, exp.Quarter):
        return exp.Extract(this=exp.var("QUARTER"), expression=node.this)
    if isinstance(node, exp.ApproxDistinct):
        return exp.Count(this=exp.Distinct(expressions=[node.this]))
    return node


def _fix_spark(node: Any) -> Any:
    from sqlglot import exp

    if isinstance(node, exp.ApproxDistinct):
        return exp.Count(this=exp.Distinct(expressions=[node.this]))
    if isinstance(node, exp.PercentileCont) and node.args.get("expression") is not None:
        return exp.Anonymous(this="percentile", expressions=[node.this,
                                                             node.args["expression"]])
    return node


_FIXES = {"postgres": _fix_postgres, "spark": _fix_spark}


def _sample_rows(tree: Any, dialect: str) -> Any:
    """Reservoir samples as a seeded random order and a ``LIMIT`` (see the module doc)."""
    from sqlglot import exp

    for sample in list(tree.find_all(exp.TableSample)):
        size = sample.args.get("size") or sample.args.get("rows")
        seed = sample.args.get("seed")
        select = sample.find_ancestor(exp.Select)
        if select is None or size is None:
            continue
        sample.pop()
        seed_v = int(seed.name) if seed is not None and seed.name.isdigit() else DEFAULT_SEED
        if dialect == "spark":
            order = exp.Anonymous(this="rand", expressions=[exp.Literal.number(seed_v)])
        else:  # a deterministic order that leaves the session's random seed alone
            order = exp.func("md5", exp.Concat(expressions=[
                exp.Cast(this=exp.Anonymous(this="row_to_json", expressions=[
                    exp.column(_alias_of(select))]), to=exp.DataType.build("text")),
                exp.Literal.string(str(seed_v))]))
        select.set("order", exp.Order(expressions=[exp.Ordered(this=order)]))
        select.set("limit", exp.Limit(expression=exp.Literal.number(int(size.name))))
    return tree


def _alias_of(select: Any) -> str:
    from sqlglot import exp

    src = select.args.get("from") or select.args.get("from_")
    if src is not None:
        t = src.this
        if isinstance(t, (exp.Subquery, exp.Table)) and t.alias:
            return t.alias
        if isinstance(t, exp.Table):
            return t.name
    return "t"


def adapt(tree: Any, dialect: str) -> Any:
    """``tree`` with what SQLGlot does not write for ``dialect`` fixed (changed in place;
    pass a copy to keep the original). DuckDB needs nothing."""
    fix = _FIXES.get(dialect)
    if fix is None:
        return tree
    from sqlglot import exp

    if tree.find(exp.TableSample) is not None:
        tree = _sample_rows(tree, dialect)
    return tree.transform(fix, copy=False)


@functools.lru_cache(maxsize=16)
def _dialect(name: str) -> Any:
    from sqlglot.dialects.dialect import Dialect

    return Dialect.get_or_raise(name)


def render(tree: Any, dialect: str = "duckdb", *, copy: bool = True) -> str:
    """The SQL text of a SQLGlot ``tree`` in ``dialect``. Pass ``copy=False`` when the tree
    was built for this render only (DuckDB renders it as it is, fastest)."""
    if dialect in _FIXES:
        tree = adapt(tree.copy() if copy else tree, dialect)
    return _dialect(dialect).generate(tree, copy=False)


__all__ = ["DEFAULT_SEED", "adapt", "render", "sample_clause"]
