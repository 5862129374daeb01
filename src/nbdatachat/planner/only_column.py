"""The one row asked for by a column's name after "the only" (issue 12): "what was the
only *harbour* with depth under 8", "which is the only *mill* rebuilt after
the flood".

"<what|which> <is|was> the only <X> ..." asks for the one row meeting the rest of the
question, and names the column to answer from: X itself, when X is a column's name. The
usual reading of "what/which" finds that column elsewhere; when it does not (the question
was refused because a column's role was left unclear), the question is read once more with
X as the column asked for. That reading is kept only when it is the lookup of one row
(``answer_checks.one_row_asked`` answers "the only" only when exactly one row matches,
and otherwise asks which). Never for "who" (the row named by a person column the question
does not name), and never when the first reading answered or refused for another reason.
"""

from __future__ import annotations

import re
from typing import Callable

from .constituents import Reading
from .plan import PlanResult
from .plan_kinds import LookupPlan
from .schema import SchemaModel

_ASKS = re.compile(r"^(?:what|which)\s+(?:is|was)\s+the\s+only\s+", re.I)
_UNCLEAR = "does in the question"


def _column_after_only(r: Reading) -> str | None:
    nodes = r.nodes
    if len(nodes) < 6 or nodes[0].low not in ("what", "which") or \
            nodes[1].low not in ("is", "was") or nodes[2].low != "the" or \
            nodes[3].low != "only":
        return None
    nd = nodes[4]
    if nd.kind != "col" or nd.role is not None or len(nd.columns) != 1:
        return None
    return nd.columns[0]


def ask_only_column(r: Reading, s: SchemaModel) -> None:
    """Read the column named after "what was the only" as the column asked for (module
    docstring); leaves ``r`` as it is when the question has no such column."""
    col = _column_after_only(r)
    if col is None or col not in s.columns:
        return
    r.which_col = col
    r.which = True
    r.nodes[4].role = "which"
    r.notes.append(f'read "the only {r.nodes[4].text}" as the one {col!r} asked for')


def as_only_column(question: str, refused: PlanResult,
                   plan_with: Callable[[Callable[[Reading, SchemaModel], None]], PlanResult]
                   ) -> PlanResult:
    """The reading of ``question`` with the column after "the only" asked for, else
    ``refused`` (module docstring)."""
    if refused.status != "cannot_answer" or _UNCLEAR not in (refused.message or "") or \
            not _ASKS.match(question):
        return refused
    res = plan_with(ask_only_column)
    if res.status != "ok" or not isinstance(res.plan, LookupPlan) or not res.plan.one or \
            res.plan.by or res.plan.same or res.plan.yes_no or len(res.plan.columns) != 1:
        return refused
    return res
