"""A column that numbers the rows is the rows' own noun when the question counts it.

A table of a season's weeks often has a "Week" column running 1, 2, 3 ... with one row per
week; a list of episodes an "Episode" or "No." column, a schedule a "Game" or "Round"
column. "how many weeks had more than 50,000 fans" then counts rows: the weeks are the
rows, and their numbers are not a quantity to add up, average or read as one row's cell.
Read otherwise, the question asks back for one value or averages the week numbers.

Only the noun right after "how many" is read so, only when it is that column's own name, and
only when no other part of the question reads the column as a measure, a grouping or an
order. A column of amounts named like the noun ("how many miles did <a runner> log" over a
Miles column of 42, 40, 26 ...) does not run 1..n and keeps its reading; nor does a tally
the profile finds additive ("Wins" of 2, 1, 4, 3, 5 in a short table runs 1..n by chance).
"""

from __future__ import annotations

from .constituents import Reading
from .lexicon import name_tokens, stem
from .schema import SchemaModel

_COUNT_OPENERS = ("how many",)


def counted_row_noun(r: Reading, s: SchemaModel) -> None:
    """Mark "how many <noun>" as the rows' noun when the noun names a column that numbers
    the rows (see the module docstring); the reading then counts rows. Runs after coverage
    and before the plan is built; other readings are left as they are."""
    if not r.count or r.tool or r.rowdiff is not None or r.same is not None or \
            r.contrast is not None or r.position is not None:
        return
    nodes = r.nodes
    for i, nd in enumerate(nodes[1:], start=1):
        if nodes[i - 1].low not in _COUNT_OPENERS or nd.kind != "col" or nd.role is not None:
            continue
        cols = nd.columns
        if len(cols) != 1 or not _names_column(nd, cols[0]):
            return
        col = cols[0]
        if not row_numbers(s, col) or _read_otherwise(r, col, nd) or s.col(col).additive:
            return  # "Wins" 2, 1, 4, 3 in a small table: a tally that adds up, no numbering
        nd.role = "entity"
        r.entity.append(nd.text)
        r.notes.append(f"counted the rows: {col!r} numbers them (1, 2, 3 ...), one per row")
        return


def row_numbers(s: SchemaModel, column: str) -> bool:
    """``column`` runs 1, 2, 3 ... with about one number per row (a gap, a repeated or a
    missing number or two allowed: a bye week, a replayed game, a totals row)."""
    p = s.col(column)
    n = s.n_rows
    if p.kind != "integer" or n < 5 or p.min is None or p.max is None:
        return False
    slack = max(1, n // 10)
    return float(p.min) == 1 and p.n_null <= slack and p.n_distinct >= n - slack and \
        abs(float(p.max) - n) <= slack


def _names_column(nd, column: str) -> bool:
    """The noun is the column's whole name ("weeks" for Week, "games" for "Game #")."""
    if any(m.kind != "column" for m in nd.item.matches):
        return False
    words = {stem(t) for t in name_tokens(column) if t.isalpha()}
    return words == {stem(nd.low)}


def _read_otherwise(r: Reading, column: str, noun) -> bool:
    """Another part of the question reads the column: aggregated, grouped, ordered by,
    counted as values, or named again by another node not used as a filter."""
    if any(m.column == column for m in r.measures) or column in r.groups or \
            column in r.counted or column in (r.sort_by, r.superlative_column, r.which_col):
        return True
    return any(n is not noun and column in n.columns and n.role not in ("filter",)
               for n in r.nodes)


__all__ = ["counted_row_noun", "row_numbers"]
