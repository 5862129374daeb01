"""The rows' noun after "the only" or "its" is what the question is about, not a second answer.

"in what year was *the only* record on a small label released", "what is the catalogue
number of *the only* engine built in 1850", "who was *the only* rookie player from Ohio",
"which painter has *its* portrait hung in the hall": the question asks one column (the
``which``/``what <column>`` column, the people column of "who", or the column fronted in
"what is the <column> of") and names the rows it asks about after "the only" or "its". That
noun may ground a column (Record, Player, Portrait) or be a generic noun of the rows whose
names the reader adds (the label column); either way it says which rows, so the plan
gives only the column asked. So does the noun after "that a" in the clause describing the
column asked right after "the only" ("what was the only year that a race was held in X").

Read so only when the plan would give exactly two columns besides its evidence, the
question joins nothing ("the title and its year" asks both), the column asked is named
before the marker and the rows' column only after it; after "the only" the answer must
then be one row (otherwise a question back). Anything else is left to
``answer_checks``, which asks back which column holds the answer.
"""

from __future__ import annotations

from .answer_checks import _JOINED
from .constituents import Node, Reading
from .negation import named_negations
from .plan import Plan, RowsPlan
from .plan_kinds import LookupPlan
from .schema import SchemaModel
from .wh_columns import who_column

_EXCLUDES = {"!=", "not_in", "not in", "not_between", "not_like", "not_contains"}
#: words read past between the marker and the rows' noun ("the only *rookie* player")
_PASSED_ROLES = (None, "entity", "ignored")


def only_subject(r: Reading, s: SchemaModel, plan: Plan) -> Plan:
    """Drop the column of the rows' noun after "the only"/"its" when another column is
    clearly asked (module docstring); other plans are returned as they are."""
    if isinstance(plan, RowsPlan):
        if plan.chart is not None or (plan.order_by and plan.limit == 1) or not plan.columns:
            return plan
    elif not isinstance(plan, LookupPlan) or plan.yes_no or plan.same or plan.by:
        return plan
    if _JOINED.search(r.question.lower()):
        return plan
    evidence = {f.column for f in plan.filters if f.op not in _EXCLUDES} | \
        named_negations(r) | {getattr(plan, "order_by", None)}
    asked = [c for c in plan.columns if c not in evidence]
    if len(asked) != 2:
        return plan
    nodes = r.nodes
    for k in _markers(nodes):
        for subject, other in (asked, asked[::-1]):
            if _rows_noun(r, s, nodes, k, subject) and _asked_before(r, s, nodes, k, other,
                                                                     subject) or \
                    _relative_noun(nodes, k, subject, other):
                r.notes.append(f'read what follows "{nodes[k].text}" as the rows asked about: '
                               f"the answer is {other!r}, not {subject!r}")
                return _one_row(plan.copy(columns=[c for c in plan.columns if c != subject]),
                                nodes[k].low == "only")
    return plan


def _one_row(plan: Plan, only: bool) -> Plan:
    """"the only <noun>" promises one row: answered only if one row matches, otherwise a
    question back (``LookupPlan.one``, as ``answer_checks.one_row_asked`` reads "the")."""
    if not only:
        return plan
    if isinstance(plan, LookupPlan):
        return plan.copy(one=True)
    if plan.order_by is None and plan.limit != 1:
        return plan.copy(kind="lookup", one=True, limit=10)
    return plan


def _relative_noun(nodes: list[Node], k: int, subject: str, other: str) -> bool:
    """"the only year that a team was based in X": the column right after "the only" is
    asked, and the noun after "that a" in the clause describing it names the rows."""
    if nodes[k].low != "only" or k + 4 >= len(nodes):
        return False
    asked, rel, det, noun = nodes[k + 1:k + 5]
    return asked.kind == noun.kind == "col" and asked.role == noun.role == "column" and \
        other in asked.columns and subject in noun.columns and \
        rel.low in ("that", "when", "where") and det.low in ("a", "an") and \
        sum(1 for n in nodes if n.kind == "col" and subject in n.columns) == 1


def _markers(nodes: list[Node]) -> list[int]:
    """Indexes of "only" in "the only" and of "its"/"their"."""
    return [i for i, nd in enumerate(nodes) if nd.low in ("its", "their") or
            nd.low == "only" and i > 0 and nodes[i - 1].low == "the"]


def _rows_noun(r: Reading, s: SchemaModel, nodes: list[Node], k: int, col: str) -> bool:
    """The first noun after the marker (past at most one unread word) is ``col``'s column
    read as nothing else, or a noun of the rows whose names ``col`` (the label) gives."""
    j = k + 1
    while j + 1 < len(nodes) and j - k <= 3 and _modifier(r, nodes[j], col):
        j += 1  # "the only rookie player", "the only <value> position player"
    if j >= len(nodes):
        return False
    nd = nodes[j]
    if any(col in n.columns for n in nodes[:k] if n.kind == "col"):
        return False  # the column is named before the marker too
    if nd.kind == "col":
        return nd.role == "column" and col in nd.columns
    named = any(col in n.columns for n in nodes if n.kind in ("col", "val"))
    return nd.kind == "word" and nd.role == "rows" and not named and \
        col == s.label_column() and nodes[k].low == "only"


def _modifier(r: Reading, nd: Node, col: str) -> bool:
    """A word read past, a value the rows are filtered on, or the column of such a value,
    standing before the rows' noun."""
    if nd.kind == "word":
        return nd.role in _PASSED_ROLES and "func" not in nd.tags
    filtered = {f.column for f in r.filters}
    return nd.kind in ("col", "val") and col not in nd.columns and bool(nd.columns) and \
        set(nd.columns) <= filtered and (nd.kind == "val") == (nd.role == "filter")


def _asked_before(r: Reading, s: SchemaModel, nodes: list[Node], k: int, col: str,
                  subject: str) -> bool:
    """``col`` is the column asked, named before the marker: the ``which``/``what``
    column or a column fronted as asked, or the people column of a question opening "who"."""
    if any(col in n.columns for n in nodes[k:] if n.kind == "col"):
        return False
    if any(n.kind == "col" and n.role in ("which", "column") and col in n.columns
           for n in nodes[:k]):
        return True
    return bool(nodes) and nodes[0].low == "who" and col != subject and \
        col == who_column(r, s, s.label_column())


__all__ = ["only_subject"]
