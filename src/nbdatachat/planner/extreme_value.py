"""The extreme value itself: "what was *the fewest number of* buoys rounded", "the greatest
amount of rain in a month", "what was the highest total of votes".

"The most / least <amount> of <column>" with no row asked ("which", "who", "whom", no
"which X") reads the column's own highest or lowest value. The reader takes "most" and
"least" as a total to rank groups by ("which club has the most wins": the wins of each club
added up), and with no group to rank that total over all rows is refused, rightly: no total
is asked. Here such a plan becomes the maximum or minimum of the column, when all of this
holds:

* the words are "the <superlative> (number | amount | total | count) of <column>", the
  superlative one of most, least, fewest, highest, lowest, largest, smallest, greatest,
  biggest, maximum, minimum, said once;
* the question asks "what is / was the ..." or "... was what" ("what <noun> has the most X"
  asks for a row; a bare "the least amount of X" may name the row holding it);
* no word asks for a row, a name or a place ("who", "which", "whom", "whose", "where",
  "when", "name", "list") and nothing is counted ("how many");
* the plan adds up or averages that one numeric column over the rows its filters select,
  with no group, ranking, limit or share.

Filters keep their rows ("the fewest number of buoys for skipper X": the lowest among
X's rows).
"""

from __future__ import annotations

import re

from .constituents import Reading
from .plan import AggregatePlan, Plan
from .plan_parts import Measure
from .schema import SchemaModel

_HIGH = {"most", "highest", "largest", "greatest", "biggest", "maximum"}
_LOW = {"least", "fewest", "lowest", "smallest", "minimum"}
_AMOUNT = {"number of", "amount of", "total of", "count of", "number", "amount", "total", "of"}
#: "what is / was the <superlative> ...", "the <superlative> ... was what": the value asked
_WHAT = re.compile(r"^(?:so\s+)?what(?:'s|\s+(?:is|was|are|were))\s+the\b|\b(?:is|was)\s+what\b")
_ASKS_ROW = re.compile(r"\b(?:who|whom|whose|which|where|when|name|list|how many)\b")


def extreme_value(r: Reading, s: SchemaModel, plan: Plan) -> Plan:
    """``plan`` as the column's maximum or minimum when the question asks for the extreme
    value itself (see the module docstring), else ``plan`` unchanged."""
    if not isinstance(plan, AggregatePlan) or plan.keys or plan.argmax or plan.limit or \
            plan.share or plan.unpivot or plan.order_by or len(plan.measures) != 1:
        return plan
    m = plan.measures[0]
    if m.agg not in ("sum", "mean") or m.column is None or m.over is not None or m.percent \
            or m.column not in s.columns or not s.col(m.column).numeric:
        return plan
    q = r.question.lower()
    if r.count or r.groups or r.limit or r.share or _ASKS_ROW.search(q) or \
            not _WHAT.search(q):
        return plan  # a bare "the least amount of X" may name the row: read elsewhere
    sups = [i for i, nd in enumerate(r.nodes) if "sup" in nd.tags and nd.kind == "word"]
    if len(sups) != 1 or r.nodes[sups[0]].low not in _HIGH | _LOW or \
            r.nodes[sups[0] - 1].low != "the":
        return plan
    i = sups[0]
    j = i + 1
    while j < len(r.nodes) and r.nodes[j].kind == "word" and r.nodes[j].low in _AMOUNT:
        j += 1
    if j == i + 1 or j >= len(r.nodes) or r.nodes[j].kind != "col" or \
            m.column not in r.nodes[j].columns:
        return plan  # "the most points": no amount said; or another column than the measure
    agg = "max" if r.nodes[i].low in _HIGH else "min"
    r.superlative = None  # read: the extreme of the column, not a ranking of groups
    return plan.copy(measures=[Measure(agg, m.column)])


__all__ = ["extreme_value"]
