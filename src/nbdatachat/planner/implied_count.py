""""The most" of nothing named: the value held by the most rows.

"Which club was relegated the most?" and "which film was shortlisted most often?" name no
quantity: the word before "most" is a value of the table (a filter on another column), so
the rows holding it are counted for each club or film. "Who was the captain the most
times?" names the column whose values are counted: its most frequent value. "Which arena
was used for a final the least?"-like questions say with a verb of occurrence (played,
held, hosted ...) that each row is one occurrence of its value. "The least" and "the
fewest" are read only over every row (rows picked by a value would miss the values never
picked), only when nothing but "for", "times" or "often" follows, and only over a text
column whose values repeat.
"""

from __future__ import annotations

from .constituents import Reading
from .plan import Plan
from .schema import SchemaModel

#: words that may follow "the most" and still say "the most times"
_AFTER = {"?", ".", "!", "for", "times", "often", "frequently", "overall", "of", "all"}
#: small words between the counted word and "most"
_BETWEEN = {"the", "on", "at", "in"}
#: verbs saying a row is one occurrence of its values ("the venue hosted the fewest
#: times"): the superlative counts occurrences, not an amount
_OCCUR = {"played", "held", "hosted", "used", "elected", "chosen", "selected", "visited",
          "listed", "featured", "appeared", "appears", "occurred", "happened", "staged",
          "nominated", "awarded", "won"}
#: "according to this chart", "on the list", "in this table": where the rows are counted,
#: which says no more than every row (read before or after "the most")
_WHERE = ({"according to", "on", "in"}, {"this", "the"}, {"chart", "table", "list"})


def _where_at(nodes, i: int) -> int:
    """The number of nodes of a phrase of ``_WHERE`` starting at ``i`` (0 when none)."""
    words = [nd.low for nd in nodes[i:i + 3]]
    return 3 if len(words) == 3 and all(w in s for w, s in zip(words, _WHERE)) else 0


def rows_counted_most(r: Reading, s: SchemaModel, plan: Plan) -> Plan | None:
    """``plan`` ranking its one group by its number of rows, or None (module docstring)."""
    word = (r.superlative_word or "").lower()
    groups = list(getattr(plan, "group_by", None) or [])
    measures = getattr(plan, "measures", None) or []
    fewest = word in ("least", "fewest")
    if fewest and plan.filters:
        return None  # "the least" of rows picked: a value never picked would be missed
    if not (fewest or word == "most") or len(groups) != 1 or \
            [m.agg for m in measures] != ["count"] or \
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
    after = nodes[at + 1:]
    k = next((i for i in range(len(after)) if _where_at(after, i)), None)
    if k is not None:
        after = after[:k] + after[k + 3:]  # "the most according to the list"
    if any(nd.low not in _AFTER for nd in after):
        return None  # "the most <something>": a quantity
    j = at - 1
    while j >= 0 and nodes[j].low in _BETWEEN:
        j -= 1
    if j >= 2 and _where_at(nodes, j - 2):  # "shows up in the list the most"
        j -= 3
    if j < 0:
        return None
    before = nodes[j]
    cols = list(getattr(before, "columns", None) or [])
    if before.kind == "val" and len(cols) == 1 and cols[0] != key and any(
            f.column == cols[0] and f.op == "=" for f in plan.filters):
        if fewest:
            return None
        said = f"{before.text} the most"  # "relegated the most": rows holding that value
    elif before.kind == "col" and cols == [key] and before.role in (None, "column"):
        said = f"{before.text} the {word}"  # "the captain the most": its commonest value
    elif before.low in _OCCUR and not cols and any(key in (getattr(nd, "columns", None) or [])
                                                   for nd in nodes[:j]):
        said = f"{before.text} the {word}"  # "which hall was booked the least"
    else:
        return None
    r.notes.append(f'read "{said}" as the {key} with the {"fewest" if fewest else "most"} '
                   f"rows")
    return plan.copy(order_by=measures[0].alias, descending=not fewest, argmax=True)


__all__ = ["rows_counted_most"]
