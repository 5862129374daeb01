"""Which of two named rows is older or younger, by a column of times when the table has no
ages (issue 12), for ``contrast.py``: "which is older, A or B", "who is younger, A or B",
"is A older than B".

Older is the earlier time: the earlier birth of a person, the earlier date or year of a
thing (built, founded, released, listed). The time column is a column of dates, a column
of whole years named for a date or an event, or a text column of years written as dates
("1931", "June 1948": ``text_years.year_text_column``, read through the ``Expr`` op
``year``), the one the question names when it names one. Of several, the one named for a
birth is taken; otherwise the question is left to the reader, which refuses, because
"Born" and "Died", or "Built" and "Demolished", would order the two either way. When the
two rows are people ("who", a noun of people, or an item column named for people) only a
column named for a birth is taken: a date joined or elected is no age. Each item must have
one row; two rows of one year are said to be the same age ("Neither"), as the years say.
A table with a column named for an age (text the profile could not read as numbers, "Age
at start") and a question naming another column are left to the reader.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .contrast_numbers import one_row_each
from .lexicon import PEOPLE_NOUNS, name_tokens
from .plan_parts import Expr, Step
from .schema import SchemaModel
from .text_years import year_text_column
from .time_order import time_columns_of
from .year_columns import named_for_time

if TYPE_CHECKING:
    from .grammar import Parser

#: words of a column name that say it holds a birth
_BIRTH = {"born", "birth", "dob", "b"}
#: item column names of people ("Name" is not one: names of things are as common)
_PEOPLE_COLUMNS = PEOPLE_NOUNS | {"player", "athlete", "driver", "rider", "candidate",
                                  "member", "manager", "coach", "president", "actor"}


def _birth(c: str) -> bool:
    return bool({t.lower() for t in name_tokens(c)} & _BIRTH)


def _of_people(p: "Parser", item_col: str) -> bool:
    if any(nd.low == "who" for nd in p.n):
        return True
    if any(nd.kind == "word" and nd.low in PEOPLE_NOUNS for nd in p.n):
        return True
    return bool({t.lower().rstrip("s") for t in name_tokens(item_col)} &
                {w.rstrip("s") for w in _PEOPLE_COLUMNS})


#: the comparison on the time column for the comparison on an age: older is earlier
_ON_TIME = {"larger": "smaller", "smaller": "larger", "is_larger": "is_smaller",
            "is_smaller": "is_larger"}


def age_time_column(p: "Parser", item_col: str, output: str) -> tuple[str, list, str] | None:
    """(the time column, or the name of the year derived from it when it is text; the steps
    deriving it; the comparison ``output`` on an age made on that time) to order two items
    of ``item_col`` by age, or None (see the module docstring)."""
    if output not in _ON_TIME:
        return None  # "how many years older": a gap, not an order
    s = p.s
    mentioned = p.r.mentioned()
    found = list(time_columns_of(s, item_col, []))
    found += [c for c in s.names() if c != item_col and c not in found and
              year_text_column(s, c) and (named_for_time(c) or _birth(c))]
    named = [c for c in found if c in mentioned]
    cands = named or found
    if len(cands) > 1 or _of_people(p, item_col):
        cands = [c for c in cands if _birth(c)]
    if len(cands) != 1:
        return None
    col = cands[0]
    if not one_row_each(s, item_col):
        return None  # each item one row
    if any("age" in {t.lower() for t in name_tokens(c)} for c in s.names()):
        return None  # "younger at the start of his term" over an 'Age at start' column
    if any(nd.kind == "col" and nd.role is None and not set(nd.columns) & {col, item_col}
           for nd in p.n):
        return None  # another column named, which this reading would drop
    p.r.notes.append(f"read an age as the time in {col!r}: the older is the earlier")
    if s.col(col).kind != "text":
        return col, [], _ON_TIME[output]
    name = "year_of_" + re.sub(r"\W+", "_", col).strip("_")
    while name in s.columns:
        name += "_derived"
    return name, [Step("derive", name, Expr.of("year", Expr.col(col)))], _ON_TIME[output]


__all__ = ["age_time_column"]
