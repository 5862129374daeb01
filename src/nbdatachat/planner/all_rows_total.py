""""How many <measure> did all the <rows> have": the measure added up over the rows.

"How many assists did all the guards make" asks for the total of the assists column over
the rows the column of names (the guards) covers: "all" before that column says every row
counts, so the count of a numeric measure is its sum, as with "combined" or "in total". Read
so only when "how many" is followed at once by a numeric column that adds up, the column
after "all" names the rows (nearly every row its own value, not numbers), and only values
of other columns (the rows' team) or "the" sit between "all" and it; the rows those values
pick are the ones added. Otherwise nothing changes and the reader asks how to use the column.
"""

from __future__ import annotations

from .constituents import MeasureC, Reading
from .schema import SchemaModel

_GAP = {"the", "of", "these", "those", "listed"}


def all_rows_total(r: Reading, s: SchemaModel, column: str) -> bool:
    """True (and the total read) for "how many <measure> ... all [the] <column>"."""
    if not r.count or r.global_agg or r.groups or len(r.measures) > 1:
        return False
    p = s.col(column)
    if p.numeric or p.n_distinct < 0.9 * s.n_rows:
        return False
    nodes = r.nodes
    k = next((i for i, nd in enumerate(nodes) if nd.low == "how many"), None)
    if k is None or k + 1 >= len(nodes) or nodes[k + 1].kind != "col":
        return False
    asked = nodes[k + 1].columns
    if len(asked) != 1 or not s.col(asked[0]).numeric or s.col(asked[0]).role != "measure":
        return False
    if r.measures and (r.measures[0].column != asked[0] or
                       [a for a, _ in r.measures[0].aggs] not in ([], ["count_distinct"])):
        return False  # "how many rebounds" read as the distinct values: the sum instead
    for i, nd in enumerate(nodes):
        if nd.kind != "col" or column not in nd.columns or i <= k + 1:
            continue
        j = i - 1
        while j > k + 1 and (nodes[j].low in _GAP or nodes[j].kind == "val" and
                             nodes[j].role == "filter"):
            j -= 1
        if nodes[j].low != "all":
            return False
        nd.role = "ignored"
        r.ignored.append(nd.text)
        r.notes.append(f'read "all the {nd.text}" as every row, their {asked[0]} added up')
        r.global_agg = ("sum", None)
        r.measures = [MeasureC(asked[0], [("sum", None)], at=k + 1)]
        return True
    return False


__all__ = ["all_rows_total"]
