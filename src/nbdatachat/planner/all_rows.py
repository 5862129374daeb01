""""All the parishes combined", "among all the stations": a column of names said after "all"
names every row, not a grouping or a value to pick.

"What is the total of households in all the parishes combined" sums the households over the
rows; the Parish column only says what the rows are. Read so only when the question adds
the values up (a total, a sum, "combined", an average: the reading already has that
aggregation), the column names the rows (nearly every row its own value) and the word before
it is "all" ("all the", "of all", "among all the"). Otherwise the column stays unread and
the reader asks how to use it.
"""

from __future__ import annotations

from .all_rows_total import all_rows_total
from .constituents import Reading
from .schema import SchemaModel

_ALL = {"all"}
_GAP = {"the", "of", "these", "those", "listed"}


def names_all_rows(r: Reading, s: SchemaModel, column: str) -> bool:
    """True when ``column`` is said as "all the <column>" over an aggregation (module
    docstring); the mention is then marked as naming the rows."""
    if all_rows_total(r, s, column):
        return True  # "how many <measure> did all the <rows> have": the total
    if not (r.global_agg or any(m.aggs for m in r.measures)):
        return False
    p = s.col(column)
    if p.numeric or p.n_distinct < 0.9 * s.n_rows:
        return False
    for i, nd in enumerate(r.nodes):
        if nd.kind != "col" or column not in nd.columns:
            continue
        k = i - 1
        while k >= 0 and r.nodes[k].low in _GAP:
            k -= 1
        if k >= 0 and r.nodes[k].low in _ALL:
            nd.role = "ignored"
            r.ignored.append(nd.text)
            r.notes.append(f'read "all the {nd.text}" as every row')
            return True
    return False


__all__ = ["names_all_rows"]
