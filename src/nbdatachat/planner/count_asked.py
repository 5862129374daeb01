""""Which *two* clubs ...", "who *3* riders ...": the number of answers the question
expects.

The number right after the question word says how many rows the answer has; it filters
nothing and ranks nothing (no superlative follows: "the 3 largest" is a limit, read by the
grammar). Read as a check, never as a limit: the rows the rest of the question picks are
answered only when exactly that many names match (``LookupPlan.asked``; the service asks back
otherwise), so "which two towns have no motto" never answers with the first two of five.
Only a lookup or a plain list of rows carries the check; any other reading keeps refusing
the number.
"""

from __future__ import annotations

from .constituents import Incomplete, Reading
from .plan import Plan, RowsPlan
from .plan_kinds import LookupPlan

#: question words after which a number counts the answers ("name three ..." asks for any
#: three examples instead, and is not read here)
_OPENERS = {"which", "what", "who"}
_ROLE = "count asked"


def read_count_asked(r: Reading) -> None:
    """Mark the number after the question word (module docstring) and take it out of the
    numbers nothing read. Runs after the coverage check."""
    nodes = r.nodes
    if len(nodes) < 3 or nodes[0].low not in _OPENERS:
        return
    nd = nodes[1]
    if nd.role is not None or not nd.is_number or nd.value is None or \
            not float(nd.value).is_integer() or not 2 <= nd.value <= 10:
        return
    if nd.item.tok is not None and (nd.item.tok.ordinal or nd.item.tok.pct):
        return
    if nodes[2].kind not in ("word", "col") or nodes[2].is_number:
        return
    n = float(nd.value)
    if n not in r.numbers:
        return
    r.numbers.remove(n)
    nd.role = _ROLE
    r.notes.append(f'"{nd.text}" says how many answers the question expects: answered only '
                   f"if exactly {int(n)} match")


def count_asked(r: Reading, plan: Plan) -> Plan:
    """The plan with its expected number of answers, as a lookup that checks it; a plan of
    another kind is refused as before (the number would be dropped)."""
    nd = next((n for n in r.nodes if n.role == _ROLE), None)
    if nd is None:
        return _unordered_limit(r, plan)
    n = int(nd.value)
    if isinstance(plan, RowsPlan) and plan.order_by is None and plan.chart is None and \
            plan.columns:
        return plan.copy(kind="lookup", asked=n, limit=max(10, n))
    if isinstance(plan, LookupPlan) and not (plan.one or plan.by or plan.same or
                                             plan.yes_no or plan.limit == 1):
        return plan.copy(asked=n, limit=max(plan.limit, n))
    raise Incomplete(f"I could not tell what {n:g} refers to in the question.")


def _unordered_limit(r: Reading, plan: Plan) -> Plan:
    """"which 2 films were directed by X" read with the number as a limit but nothing to
    order by: the first two rows in table order would be a guess; the number is the count
    of answers expected, checked like the one read above."""
    nodes = r.nodes
    if len(nodes) < 3 or nodes[0].low not in _OPENERS or nodes[1].role != "limit" or \
            not nodes[1].is_number or nodes[1].value is None:
        return plan
    n = int(nodes[1].value)
    if isinstance(plan, RowsPlan) and plan.order_by is None and plan.chart is None and \
            plan.limit == n and plan.columns and not r.superlative:
        r.notes.append(f'"{nodes[1].text}" says how many answers the question expects: '
                       f"answered only if exactly {n} match")
        return plan.copy(kind="lookup", asked=n, limit=max(10, n))
    return plan


__all__ = ["count_asked", "read_count_asked"]
