"""A ranking continued past a named row: "after X, which town has the next highest
population", "who scored the most goals after X", "the next largest lake after X", "next to
X, which plant has the largest capacity".

"After X" beside a superlative is a place in the ranking the superlative makes, not in the
table's order: the answer is the row ranked just below X by that measure (the highest value
smaller than X's, or the lowest value larger than X's for a "lowest"), whichever way the
table runs. X is a value of one text column naming one row; the measure and its direction
are the superlative's own (ranks read the right way up, as for any superlative).

The plan is the first row (:class:`PositionPlan` ``nth`` 1) in that order among the rows
past X (a filter comparing with X's row, ``query/row_values.py``). "The *next* highest after
X" is also said for the row just above X, so with "next" X must head the ranking (the plan's
``anchor`` names X; the query checks no row comes before it). A tie is said, never
guessed: another row sharing X's value (it is neither before nor after X,
``query/rank_after.py``), or several rows sharing the next value (``query/nth_ties.py``).

Read only when nothing else picks rows (a year, a second value), the anchor is a name and
not a date or year ("the most wins after 2005" is a filter in time, read elsewhere), and the
superlative answers with one row; anything else is refused with the reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import Incomplete, Reading
from .nth_superlatives import _order
from .plan import Filter, Plan
from .plan_kinds import PositionPlan
from .schema import SchemaModel

if TYPE_CHECKING:
    from .grammar import Parser

#: the role of the words read here ("after", "next", "next to")
ROLE = "rank_after"
_GAP = {"the"}


def _superlative(nd) -> bool:
    """A superlative word ("highest", "most", "most populous"), not a comparative."""
    if nd.kind != "word" or nd.role is not None:
        return False
    if "sup" in nd.tags:
        return nd.low not in ("more", "less", "fewer", "top", "bottom")
    return "implied" in nd.tags and (nd.low.startswith(("most ", "least ")) or
                                     nd.low.endswith("est"))


def anchor_of(nd, s: SchemaModel, r: Reading | None = None) -> tuple[str, object] | None:
    """(column, value) of a value naming a row by a text column ("Sedan"): one column, one
    value, not a date or a number. A value found in several columns is taken in the one the
    question names ("which *town* ...") or else in the table's label column."""
    if nd is None or nd.kind != "val" or not nd.item.matches:
        return None
    cols = list(dict.fromkeys(m.column for m in nd.item.matches))
    if len(cols) > 1 and r is not None:
        named = [r.which_col] + [m.column for x in r.nodes if x.kind == "col"
                                 for m in x.item.matches[:1]]
        cols = [c for c in cols if c in named] or [c for c in cols if c == s.label_column()]
    if len(cols) != 1 or any(m.how == "date" for m in nd.item.matches):
        return None
    prof = s.col(cols[0])
    if prof.numeric or prof.year_like or prof.kind in ("date", "datetime"):
        return None
    vals = list(dict.fromkeys(m.value for m in nd.item.matches if m.column == cols[0]))
    return (cols[0], vals[0]) if len(vals) == 1 else None


def read_rank_after(p: "Parser") -> None:
    """Find "after X" / "next to X" beside one superlative (see the module docstring)."""
    sups = [i for i, nd in enumerate(p.n) if _superlative(nd)]
    if len(sups) != 1 or p.r.position is not None:
        return
    sup = sups[0]
    for i, nd in enumerate(p.n):
        if nd.role is not None or nd.kind != "word":
            continue
        if nd.low == "after":
            words = [i]
        elif nd.low == "next" and p.low(i + 1) == "to" and i == 0:
            words = [i, i + 1]  # "next to X, which ... has the largest ...": opens the question
        else:
            continue
        k = words[-1] + 1
        while p.node(k) is not None and p.n[k].low in _GAP and p.n[k].role is None:
            words.append(k)
            k += 1
        target = p.node(k)
        if target is None or target.role is not None or anchor_of(target, p.s, p.r) is None:
            continue
        if p.low(i - 1) in ("named", "called"):
            continue  # "named after X": whom a thing is named for
        nxt = sup - 1
        if p.low(nxt) == "next" and p.n[nxt].role is None:
            words.append(nxt)  # "the next highest population after X"
        p.use(*words, role=ROLE)
        target.role = "anchor"
        return


def rank_after(r: Reading, s: SchemaModel, plan: Plan) -> Plan:
    """``plan`` (the row of an extreme) turned into the row ranked just past the anchor
    read by :func:`read_rank_after`; ``plan`` itself when nothing was read there."""
    if not any(nd.role == ROLE for nd in r.nodes):
        return plan
    anchor = next((anchor_of(nd, s, r) for nd in r.nodes if nd.role == "anchor"), None)
    order = _order(plan, s) if not isinstance(plan, PositionPlan) else None
    names = s.names()[:12]
    if anchor is None or order is None:
        raise Incomplete("That asks for the row ranked just after a named one, but the "
                         "rest of the question is not one row of a highest or lowest, "
                         "which that needs.", names)
    if plan.filters or plan.steps:
        raise Incomplete("That asks for the row ranked just after a named one among some "
                         "of the rows only, which I cannot read together yet; ask for "
                         "the ranking first.", names)
    by, descending, asked = order
    if len(asked) > 1:  # "the next most populous *district*": the column the question names
        named = [c for c in asked if any(x.kind == "col" and x.columns and x.columns[0] == c
                                         for x in r.nodes)]
        asked = named if len(named) == 1 else asked
    column, value = anchor
    if (not asked or asked == [by]) and (r.which or r.entity):
        raise Incomplete(f"That asks which {(r.entity or ['row'])[0]} comes right after "
                         f"{value}, but no column of this data names them; say which column "
                         f"holds the answer.", names)
    if by == column:
        raise Incomplete(f"{value!r} is a value of {by!r} itself, so it names no row to "
                         f"rank after.", names)
    r.notes.append(f'read "after {value}" as the row ranked just below it by {by} '
                   f'({"highest" if descending else "lowest"} first)')
    past = Filter(by, "<" if descending else ">", {"row": {"column": column, "value": value}})
    # "the *next* highest after X" is said both for the row just below X and for the one
    # just above it when X is inside the ranking: read only when X heads it (the anchor
    # row, checked by the query); "the most after X" is the row just below X either way
    nxt = any(nd.role == ROLE and nd.low == "next" for nd in r.nodes)
    return PositionPlan(position="nth", n=1, order_by=by, descending=descending,
                        columns=asked or [by], filters=[past], logic="and",
                        anchor=[Filter(column, "=", value)] if nxt else [],
                        question=plan.question)


__all__ = ["ROLE", "anchor_of", "rank_after", "read_rank_after"]
