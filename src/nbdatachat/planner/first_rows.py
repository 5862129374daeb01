"""One number over the first rows: "the average points of *the first three* teams", "how many
goals did *the top 5* clubs score *in all*", "the sum of the opening two readings".

The reader takes "first N" / "top N" as a limit on a ranking, and an average or a total
beside it would drop the limit (or list the N rows instead of the one number asked): the
gates refuse both. Here such a plan becomes the aggregate over the first N rows of the
table, in its own order (a ``head`` step before the aggregate), when all of this holds:

* the question says "the / their / his / her / its first N" or "top N", once, with N at
  least 2 and fewer than the table's rows, and an average or a total ("average", "mean",
  "total", "sum", "combined", "altogether", "in all");
* "top N" only over a standing: the table has a column of places (a "Rank", "Pos.", "Place")
  numbering its rows 1 to n without a tie, the order it is listed in; "first N" is the
  table's order
  ("the first three games", "the first five on the list");
* the plan is one sum or average of one numeric column, with no filter, group or other
  limit (a filter would have to pick the rows before the first N are taken: not read), or
  it ranks the N rows of a column naming every row once ("the top 4 clubs") by the
  measure, which then is the one summed or averaged;
* the rows are not counted ("how many of the first 10 were ...": another question); "how
  many goals did the top 3 score in all" sums the goals.

Anything else keeps the plan as it was, and the gates refuse it as before.
"""

from __future__ import annotations

import re

from .constituents import Reading
from .lexicon import name_tokens, stem
from .plan import AggregatePlan, Plan
from .plan_parts import Measure, Step
from .schema import SchemaModel

_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20}
_FIRST_N = re.compile(r"\b(?:the|their|his|her|its)\s+(first|top)\s+(\d+|[a-z]+)\b")
#: words asking for one average or total (said as words, not a column named "Total")
_MEAN = {"average", "mean"}
_AGG_WORDS = _MEAN | {"total", "sum", "combined", "altogether", "in all", "in total"}
#: words naming a column of places in a standing
_PLACE_NAMES = {"rank", "ranking", "pos", "position", "place", "placing", "standing", "no"}


def over_first_rows(r: Reading, s: SchemaModel, plan: Plan) -> Plan:
    """``plan`` as the sum or average over the first N rows when the question asks that
    (see the module docstring), else ``plan`` unchanged."""
    q = r.question.lower()
    said = list(_FIRST_N.finditer(q))
    if len(said) != 1 or not isinstance(plan, AggregatePlan) or r.groups:
        return plan
    word, num = said[0].group(1), said[0].group(2)
    n = int(num) if num.isdigit() else _NUMBER_WORDS.get(num)
    if n is None or r.limit != n or not 2 <= n < s.n_rows:
        return plan
    said_aggs = {nd.low for nd in r.nodes if nd.kind == "word" and nd.low in _AGG_WORDS}
    mean, total = bool(said_aggs & _MEAN), bool(said_aggs - _MEAN)
    if mean == total:
        return plan  # neither, or both ("the total average"): not one number asked
    agg = "mean" if mean else "sum"
    if word == "top" and not _standing(s):
        return plan
    if plan.filters or plan.steps or plan.share or plan.unpivot or plan.time_bucket or \
            plan.part:
        return plan
    col = _measured(s, plan, n)
    if col is None:
        return plan
    r.limit = None  # the first N rows are this plan's: no ranking is dropped
    return AggregatePlan(measures=[Measure(agg, col)], steps=[Step("head", n=n)],
                         question=plan.question)


def _measured(s: SchemaModel, plan: AggregatePlan, n: int) -> str | None:
    """The one numeric column the plan sums or averages, over all rows or over the N rows
    of a column naming each row once ("the top 4 clubs" ranked by it)."""
    ms = plan.measures
    if len(ms) != 1 or ms[0].column is None or ms[0].agg not in ("sum", "mean") or \
            ms[0].over is not None or ms[0].percent:
        return None
    col = ms[0].column
    if col not in s.columns or not s.col(col).numeric:
        return None
    if not plan.group_by:
        return col if plan.limit in (None, n) and not plan.argmax else None
    key = plan.group_by
    if len(key) != 1 or plan.limit != n or key[0] not in s.columns or \
            s.col(key[0]).n_distinct != s.n_rows:
        return None
    return col


def _standing(s: SchemaModel) -> bool:
    """A numeric column named for places that numbers the rows 1, 2, ... n, each place
    once: the rows are a standing with no tie (two rows sharing 2nd leave "the top 3"
    to three rows or to the places 1 to 3: asked, not guessed)."""
    for c in s.names():
        p = s.col(c)
        if p.numeric and p.min is not None and p.max is not None and float(p.min) == 1 and \
                float(p.max) == s.n_rows and p.n_distinct == s.n_rows and \
                {stem(t) for t in name_tokens(c)} & _PLACE_NAMES:
            return True
    return False


__all__ = ["over_first_rows"]
