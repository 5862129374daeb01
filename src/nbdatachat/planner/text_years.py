""""Opened before 1960" over a text column of dates written several ways ("1931", "June
1948", "March 3, 1937"): the year of each cell compared with the year said.

Such a column is neither numbers nor dates to the profile, so "how many libraries opened
before 1960" found no column to compare 1960 with and was refused. A column is read so when
nearly every cell holding a digit is one year, alone or ending a written date
(``plan_parts.YEAR_PATTERN``, the ``Expr`` op ``year``), and the table has no column of
years or dates that could take the year instead. The column is the one the question names
("opened" -> "Opening date"), or the only such column; the comparison is a word of before
or after ("before", "after", "since", "until", "in or before" ...) right before the year.
Cells that are no year ("unknown") are missing, and the answer counts only the rest. A count
must be of the rows ("how many libraries" over a column of library names, or no noun): "in
how many regions" counts the distinct values of a column, which this reading does not.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .length_compare import LengthFilterC
from .lengths import YEAR, shown_values
from .schema import holds_years

if TYPE_CHECKING:
    from .grammar import Parser

#: words of before or after, and the comparison each makes with the year
_SIDES = {"before": "<", "after": ">", "since": ">=", "until": "<=", "till": "<=",
          "prior to": "<", "earlier than": "<", "later than": ">", "in or before": "<=",
          "on or before": "<=", "in or after": ">=", "on or after": ">=", "no later than": "<=",
          "no earlier than": ">="}
#: share of a column's cells with a digit that must be one year
_SHARE = 0.9


def year_text_column(s, c: str) -> bool:
    """A text column whose cells with a digit are (nearly) all one year, some of them
    written dates (a column of bare years is typed as numbers already)."""
    p = s.col(c)
    if p.kind != "text":
        return False
    cells = [v for v in shown_values(s, c) if re.search(r"\d", v)]
    years = [v for v in cells if YEAR.match(v)]
    return len(years) >= 3 and len(years) >= _SHARE * len(cells)


def read_text_year(p: "Parser") -> None:
    """Find one "<before|after> <year>" over such a column (module docstring)."""
    s = p.s
    if any(holds_years(s.col(c)) or s.col(c).kind in ("date", "datetime") or
           s.col(c).role == "time" for c in s.columns):
        return  # a column of years or dates takes the year (other readings)
    for k, nd in enumerate(p.n):
        op = _SIDES.get(nd.low)
        if op is None or nd.role is not None:
            continue
        num = p.node(k + 1)
        if num is None or num.kind != "num" or num.role is not None or \
                not re.fullmatch(r"\d{4}", num.text):
            continue
        text_year_filter(p, [k, k + 1], op, float(num.text))
        return


def text_year_filter(p: "Parser", said: list[int], op: str, value) -> bool:
    """The years of the one text column of years (the one named, else the only one)
    compared (``op``) with ``value`` (a year, or [first, last] for "between"); the nodes
    ``said`` read so. Also for "in the 1920s" (:mod:`decades`). False when not read."""
    s = p.s
    if any(holds_years(s.col(c)) or s.col(c).kind in ("date", "datetime") or
           s.col(c).role == "time" for c in s.columns):
        return False  # a column of years or dates takes the year (other readings)
    cols = [c for c in s.columns if year_text_column(s, c)]
    named = {c: i for i, x in enumerate(p.n) if x.kind == "col" and x.role is None
             for c in x.columns if c in cols}
    cands = list(named) if named else cols
    if len(cands) != 1 or p.r.rowdiff is not None:
        return False
    col = cands[0]
    if not _counts_rows(p):
        return False  # "in how many regions": the distinct values of a column, not the rows
    p.use(*said, *([named[col]] if col in named else []), role="length")
    p.r.rowdiff = LengthFilterC(col, op, value, unit="year")
    return True


def _counts_rows(p: "Parser") -> bool:
    """No count, or a count of the rows: nothing after "how many", or a column whose values
    are all different (each row one of them)."""
    for i, nd in enumerate(p.n[:-1]):
        if nd.role == "count" or nd.low in ("how many", "number of"):
            nxt = p.n[i + 1]
            if nxt.kind == "col":
                c = nxt.columns[0]
                return p.s.col(c).n_distinct >= p.s.n_rows
            return nxt.kind != "word" or nxt.low in ("were", "was", "are", "is", "have", "had")
    return True


__all__ = ["read_text_year", "text_year_filter", "year_text_column"]
