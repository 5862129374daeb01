"""Years that name columns: a wide table with one column per year ("2000", "2001", ...).

Where several columns are headed by a bare year, the table spreads one quantity over the
years, and "which country produced the most in 2001" or "how much did A make in 2002" name
the column "2001" / "2002" by its year: the year is the column, not a filter (no cell holds
it, and there is no column of years to compare it with). Read so only when the year is
written as the header is, at least two headers are bare years, and no cell of the table is
that year (then the year could name rows instead, and the reader keeps its own reading).
"""

from __future__ import annotations

import re

from .schema import SCORES, Match, SchemaModel, holds_years
from .tokens import Tok

_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")


def year_columns(schema: SchemaModel) -> dict[str, str]:
    """Bare-year headers of ``schema`` by their year, when there are at least two."""
    found = {str(c).strip(): c for c in schema.columns if _YEAR.match(str(c).strip())}
    return found if len(found) >= 2 else {}


def year_header_match(tok: Tok, schema: SchemaModel) -> list[Match] | None:
    """The column a lone year token names (module docstring), or None."""
    if tok.kind != "num" or not _YEAR.match(tok.text):
        return None
    column = year_columns(schema).get(tok.text)
    if column is None or schema.values.get(tok.low):
        return None
    y = float(tok.text)
    for c in schema.columns:
        p = schema.col(c)
        if c != column and holds_years(p) and float(p.min) <= y <= float(p.max):
            return None  # a column of years could hold it: the year may name rows
    return [Match("column", column, SCORES["exact"], "exact")]


__all__ = ["year_columns", "year_header_match"]
