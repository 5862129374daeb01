"""Two years compared with "than" (issue 12, "how many more ... than ..."): "how many more
seats were there in 1975 than 1963", "how many fewer films came out in 2004 compared to
2001".

The time rule reads each year as a filter of the table's column of years, so the two would
pick no row at all (a row is not of both years). Here both filters are taken back when they
are the only two years of the question, of one column, joined by "than" / "compared to" /
"versus", and the pair is handed to the comparison of two numbered rows
(``contrast_numbers.py``, read by ``contrast.py``): a measure compared only when each year is
one row, else the rows of each year counted. When that reading fails, the filters are put
back as they were.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .contrast_numbers import take_back

if TYPE_CHECKING:
    from .grammar import Parser

#: the words that may join the two years, read without "in", "the", "year"
_JOINS = (["than"], ["compared to"], ["compared", "to"], ["compared with"],
          ["compared", "with"], ["versus"], ["vs"])


def _year(v: object) -> bool:
    try:
        return float(v).is_integer() and 1000 <= float(v) <= 2999
    except (TypeError, ValueError):
        return False


def read_than_years(p: "Parser", read_pairs: Callable[["Parser"], None]) -> None:
    """Free the two years of "in 1975 than 1963" and read them with ``read_pairs``."""
    years = [f for f in p.r.filters if f.how == "time" and f.op in ("=", "year") and
             isinstance(f.value, (int, float)) and 1000 <= f.value <= 2999]
    free = [k for k, nd in enumerate(p.n) if nd.kind == "num" and nd.role is None and
            _year(nd.value)]  # "in 2005 than *2003*": the second left unread
    if not years or len(years) + len(free) != 2 or len({f.column for f in years}) != 1 or \
            len({f.at for f in years}) != len(years):
        return
    a, b = sorted([f.at for f in years] + free)
    words = [p.low(k) for k in range(a + 1, b) if p.low(k) not in ("in", "the", "year", "of")]
    if words not in _JOINS:
        return
    undo_b = take_back(p, b) if b not in free else (lambda: None)
    undo_a = take_back(p, a) if a not in free else (lambda: None)
    read_pairs(p)
    if p.r.contrast is None:
        undo_a()
        undo_b()


__all__ = ["read_than_years"]
