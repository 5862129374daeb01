""""The most" of nothing named: the value held by the most rows.

"Which prize was it nominated most for?" and "which driver was disqualified the most?"
name no quantity: the word before "most" is a value of the table (a filter on another
column), so the rows holding it are counted for each prize or driver. "Who was the champion
the most?" names the column whose values are counted: its most frequent value. Only "the
most" is read ("the least" would miss the values never held), only when nothing but "for",
"times" or "often" follows it, and only over a text column whose values repeat.
"""

from __future__ import annotations

from .constituents import Reading
from .plan import Plan
from .schema import SchemaModel

#: words that may follow "the most" and still say "the most times"
_AFTER = {"?", ".", "!", "for", "times", "often", "frequently", "overall", "of", "all"}
#: small words between the counted word and "most"
_BETWEEN = {"the"}


def rows_counted_most(r: Reading, s: SchemaModel, plan: Plan) -> Plan | None:
    """``plan`` ranking its one group by its number of rows, or None (module docstring)."""
    word = (r.superlative_word or "").lower()
    groups = list(getattr(plan, "group_by", None) or [])
    measures = getattr(plan, "measures", None) or []
    if word != "most" or len(groups) != 1 or [m.agg for m in measures] != ["count"] or \
            getattr(plan, "time_bucket", None) or getattr(plan, "unpivot", None):
        return None
    key = groups[0]
    p = s.col(key)
    if p.numeric or p.kind != "text" or p.n_distinct >= 0.9 * s.n_rows or p.n_distinct < 2:
        return None
    nodes = r.nodes
    sups = [i for i, nd in enumerate(nodes) if nd.role == "superlative"]
    if len(sups) != 1:
        return None
    at = sups[0]
    if any(nd.low not in _AFTER for nd in nodes[at + 1:]):
        return None  # "the most <something>": a quantity
    j = at - 1
    while j >= 0 and nodes[j].low in _BETWEEN:
        j -= 1
    if j < 0:
        return None
    before = nodes[j]
    cols = list(getattr(before, "columns", None) or [])
    if before.kind == "val" and len(cols) == 1 and cols[0] != key and any(
            f.column == cols[0] and f.op == "=" for f in plan.filters):
        said = f"{before.text} the most"  # "nominated the most": rows holding that value
    elif before.kind == "col" and cols == [key] and before.role in (None, "column"):
        said = f"{before.text} the most"  # "the champion the most": its commonest value
    else:
        return None
    r.notes.append(f'read "{said}" as the {key} with the most rows')
    return plan.copy(order_by=measures[0].alias, descending=True, argmax=True)


__all__ = ["rows_counted_most"]
