"""The total of one named row is its cell: "what was the total time of <a name>" where the
name picks a single row and Time is a column of text (a time such as "1:02.5") is that row's
Time, not a count of the rows (which would say 1) and not a sum (the cells are not numbers).

Read only when all hold: the question says "total" (or "sum"), exactly one column is named
as the thing asked (a column mention read as a measure), that column is not the one the
name is in, and its cells are not lists (a column of "2001, 2004" is counted, not read)
nor numbers joined by a dash or "=" (a "3-1" score or "70-68=138": their total is not the
cell).
Otherwise the reading is left to the refusal that asks for one of the row's values.
A name that only looks single because its cells carry running numbers ("Ann Lee (2)") is
counted first, by :mod:`numbered_repeats`.

"how many <noun> did <a name> get" where the noun, after "how many", names nothing on its
own but is the last word of exactly one numeric column's name (a long header "Spring Cup
Tour Points", too long for one word to name it) is that column's cell in the row, as when
the word names the column.
"""

from __future__ import annotations

import re

from .constituents import Reading
from .lexicon import name_tokens, stem
from .list_cells import list_count
from .numbered_repeats import numbered_repeats
from .plan import Plan
from .plan_kinds import LookupPlan
from .schema import SchemaModel

_LIST_MARKS = (",", ";", "\n", " / ")
#: numbers joined by a dash or "=" ("3-1", "70-68=138"): the total of such a cell is the
#: sum of its parts (or the number after "="), not the cell, so it stays asked back
_PARTS = re.compile(r"\d\s*[-\u2013\u2014=+]\s*\d")


def one_row_cell(r: Reading, s: SchemaModel, plan: Plan, named: str) -> Plan | None:
    """A lookup of the asked column in the one row ``named`` (a column) picks, else the
    number of items listed in one of its cells (:func:`list_cells.list_count`), or None."""
    if (cell := _cell(r, s, plan, named)) is not None:
        return cell
    return list_count(r, s, plan, named)


def _cell(r: Reading, s: SchemaModel, plan: Plan, named: str) -> Plan | None:
    f = next((f for f in plan.filters if f.column == named and f.op == "="), None)
    if f is not None and (counted := numbered_repeats(s, plan, f)) is not None:
        return counted
    if (head := _head_noun_column(r, s, plan, named)) is not None:
        return LookupPlan(columns=[head], filters=list(plan.filters), logic=plan.logic,
                          question=plan.question, one=True)
    if not any(n.kind == "word" and n.tags.get("agg") == "sum" for n in r.nodes):
        return None  # "how many <noun> did X win": a count, asked back as before
    mentions = [n for n in r.nodes if n.kind == "col" and n.role != "filter"]
    asked = [n for n in mentions if n.role == "measure"]
    cols = {c for n in asked for c in n.columns}
    if len(asked) != 1 or len(mentions) != 1 or len(cols) != 1:
        return None  # no column, or several that fit: which one is not known
    col = next(iter(cols))
    if col == named or any(f.column == col for f in plan.filters):
        return None
    p = s.col(col)
    if any(m in str(v) for v in (p.values or [])[:50] for m in _LIST_MARKS):
        return None  # cells holding several items: their number, not the cell, is asked
    if any(_PARTS.search(str(v)) for v in (p.values or [])[:50]):
        return None
    return LookupPlan(columns=[col], filters=list(plan.filters), logic=plan.logic,
                      question=plan.question, one=True)


def _head_noun_column(r: Reading, s: SchemaModel, plan: Plan, named: str) -> str | None:
    """The one numeric column whose name ends in the noun after "how many", or None."""
    k = next((i for i, n in enumerate(r.nodes) if n.low == "how many"), None)
    if k is None or k + 1 >= len(r.nodes) or any(n.kind == "col" and n.role != "filter"
                                                 for n in r.nodes):
        return None
    noun = r.nodes[k + 1]
    if noun.kind != "word" or noun.role is not None or not noun.low.endswith("s") or \
            noun.low in ("times", "s"):
        return None
    used = {named} | {f.column for f in plan.filters}
    fit = [c for c in s.names() if c not in used and s.col(c).numeric and
           (toks := name_tokens(c)) and len(toks) > 1 and stem(toks[-1]) == stem(noun.low)]
    return fit[0] if len(fit) == 1 else None
