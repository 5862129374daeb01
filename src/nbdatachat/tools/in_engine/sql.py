"""The SQL of in-engine tools, built as SQLGlot expressions and rendered for the engine.

An :class:`EngineTable` is a relation where the data live (a table, a Parquet scan or the
filtered rows of a question, as a subquery) with its engine and the values its SQL binds.
Tools build aggregate queries over it from the helpers below and get back the few numbers
they need; every query is rendered in the engine's dialect by
:func:`nbdatachat.backends.dialects.render`, like a compiled plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...backends import positional, render


def _exp() -> Any:
    from sqlglot import exp

    return exp


def relation_of(text: str) -> Any:
    """A relation written in DuckDB's SQL (``"t"``, ``"s"."t"``, ``read_parquet(...)``) as a
    SQLGlot expression (the schema profile's :func:`~nbdatachat.data.schema.relation_tree`)."""
    from ...data.schema import relation_tree

    return relation_tree(text)


class EngineTable:
    """A relation in an engine: ``backend`` runs the SQL, ``relation`` is a SQLGlot table
    or subquery (or DuckDB SQL text for one), ``params`` the values it binds."""

    def __init__(self, backend: Any, relation: Any, params: Any = None) -> None:
        self.backend = backend
        #: the relation as DuckDB-quoted text when opened by name (for column types)
        self.name = relation if isinstance(relation, str) else None
        self.relation = relation_of(relation) if isinstance(relation, str) else relation
        self.params: dict[str, Any] = positional(params)
        self._next = len(self.params)

    @property
    def dialect(self) -> str:
        return self.backend.dialect

    @property
    def engine(self) -> str:
        return getattr(self.backend, "name", "the engine")

    def value(self, v: Any) -> Any:
        """A bound parameter for ``v`` (never SQL text)."""
        while f"p{self._next}" in self.params:
            self._next += 1
        name = f"p{self._next}"
        self.params[name] = v.item() if hasattr(v, "item") else v
        return _exp().Placeholder(this=name)

    def select(self, *items: Any, where: Any = None, group_by: Sequence[Any] = ()) -> Any:
        exp = _exp()
        q = exp.select(*items, copy=False).from_(self.relation.copy(), copy=False)
        if where is not None:
            q = q.where(where, copy=False)
        if group_by:
            q = q.group_by(*group_by, copy=False)
        return q

    def fetch(self, query: Any) -> list[tuple]:
        """The rows of ``query`` (few: aggregates), run in the engine."""
        sql, params = self._sql(query)
        return self.backend.fetchall(sql, params)

    def frame(self, query: Any) -> Any:
        sql, params = self._sql(query)
        return self.backend.query(sql, params)

    def sql(self, query: Any) -> str:
        return self._sql(query)[0]

    def _sql(self, query: Any) -> tuple[str, dict[str, Any]]:
        exp = _exp()
        used = {p.name for p in query.find_all(exp.Placeholder)}
        return render(query, self.dialect), {k: v for k, v in self.params.items() if k in used}


# -- expressions ---------------------------------------------------------------------------

def col(name: str) -> Any:
    return _exp().column(name, quoted=True)


def double(e: Any) -> Any:
    """``CAST(e AS DOUBLE)`` (``e`` a column name or an expression)."""
    exp = _exp()
    return exp.cast(col(e) if isinstance(e, str) else e, "DOUBLE", copy=False)


def number(v: float) -> Any:
    """A double literal that round-trips exactly (``repr``), never a DECIMAL."""
    exp = _exp()
    text = repr(float(v))
    value = exp.cast(exp.Literal.number(text.lstrip("-")), "DOUBLE", copy=False)
    return exp.Neg(this=value) if text.startswith("-") else value


def exact(text: str) -> Any:
    """A numeric literal written as the engine returned it (``1000000000000.4``): subtracting
    it from a DECIMAL column is exact in the engine's decimal arithmetic."""
    exp = _exp()
    t = text.strip()
    neg = t.startswith("-")
    lit = exp.Literal.number(t.lstrip("-+"))
    return exp.Neg(this=lit) if neg else lit


def total(table: EngineTable, e: Any) -> Any:
    """The sum of ``e``: DuckDB's ``fsum`` (Kahan-Babuska, correctly rounded), else ``sum``."""
    exp = _exp()
    if table.dialect == "duckdb":
        return exp.Anonymous(this="fsum", expressions=[e])
    return exp.Sum(this=e)


def count(e: Any = None) -> Any:
    exp = _exp()
    return exp.Count(this=exp.Star() if e is None else e)


def present(table: EngineTable, columns: Sequence[str]) -> Any:
    """Rows where every one of ``columns`` holds a finite number (NULL, NaN and infinities
    are missing, as in pandas)."""
    exp = _exp()
    conds = []
    for c in columns:
        if table.dialect == "duckdb":
            conds.append(exp.Anonymous(this="isfinite", expressions=[double(c)]))
        else:
            conds.append(exp.not_(col(c).is_(exp.null()), copy=False))
    return exp.and_(*conds, copy=False) if len(conds) > 1 else conds[0]


def not_null(columns: Sequence[str]) -> Any:
    exp = _exp()
    conds = [exp.not_(col(c).is_(exp.null()), copy=False) for c in columns]
    return exp.and_(*conds, copy=False) if len(conds) > 1 else conds[0]


def both(*conds: Any) -> Any:
    exp = _exp()
    conds = tuple(c for c in conds if c is not None)
    if not conds:
        return None
    return exp.and_(*conds, copy=False) if len(conds) > 1 else conds[0]


def when(cond: Any, e: Any) -> Any:
    """``CASE WHEN cond THEN e END`` (NULL otherwise, so sums and counts skip the row); a
    CASE, not ``IF``, which Spark requires with three arguments."""
    return _exp().Case().when(cond, e, copy=False)


def as_text(e: Any) -> Any:
    """``CAST(e AS VARCHAR)``: a value exactly as the engine writes it."""
    return _exp().cast(e, "VARCHAR", copy=False)


__all__ = ["EngineTable", "as_text", "both", "col", "count", "double", "exact", "not_null",
           "number", "present", "relation_of", "total", "when"]
