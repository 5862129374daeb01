"""A team asked for, answered with another column while the table has one for teams.

"Which team had the most goals" over a list of players (Name, Club, Goals) read "team" past
as the rows' noun and answered the top row's Name: a player, where a team was asked. When
the question asks for a team ("which / what team", "the team with ...", "name the club
...") and the table has a column named for teams ("Team", "Club", "Squad": the header says
it, not the cells), an answer from any other column is another question's answer. The
reader then asks back, naming the team column, instead of guessing whether the team of the
top row or the team with the highest total was meant (the two differ when teams repeat).

Columns named for a country or a school are not counted here: in a list of clubs with a
Country column, the club's own Name still answers "which team".
"""

from __future__ import annotations

from .constituents import Incomplete, Reading
from .lexicon import name_tokens, stem
from .plan import AggregatePlan, Plan, RowsPlan
from .plan_kinds import PositionPlan
from .schema import SchemaModel
from .team_subject import TEAM_NOUNS

#: nouns asking for a team, and the header words of a column of teams
_TEAM_WORDS = {stem(w) for w in TEAM_NOUNS}
#: words that may open the question before the team noun is asked for
_ASKING = ("which", "what", "the", "name", "list", "who")


def _asks_team(r: Reading) -> str | None:
    """The team noun when it is what the question asks for: "which team", "what club",
    "the team with ...", "name the team ...", "who was the team ...", read past (no column
    grounded it)."""
    n = r.nodes
    for i, nd in enumerate(n[:4]):
        if nd.kind != "word" or stem(nd.low) not in _TEAM_WORDS or \
                nd.role not in (None, "ignored", "entity"):
            continue
        before = [m.low for m in n[:i]]
        if before and before[0] in _ASKING and all(
                w in _ASKING or w in ("was", "is", "were", "are", "me") for w in before):
            return nd.text
    return None


def _answer_column(plan: Plan) -> str | None:
    """The column whose values the plan answers with, when one does."""
    if isinstance(plan, AggregatePlan):
        return plan.group_by[0] if plan.argmax and plan.group_by else None
    if isinstance(plan, (RowsPlan, PositionPlan)):
        cols = getattr(plan, "columns", None) or []
        return cols[0] if cols else None
    return None


def check_team_asked(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """Raise :class:`Incomplete` when a team is asked and the plan answers with a column
    other than the table's column of teams (module docstring)."""
    noun = _asks_team(r)
    if noun is None:
        return
    teams = [c for c, p in s.columns.items() if p.kind in ("text", "other") and
             {stem(t) for t in name_tokens(c)} & _TEAM_WORDS]
    answer = _answer_column(plan)
    if not teams or answer is None or answer in teams:
        return
    raise Incomplete(f'"{noun}" is asked, but this reading would answer with {answer!r}; '
                     f"the teams are in {teams[0]!r}. Ask for it by name, e.g. 'which "
                     f"{teams[0]} ...'.", s.names()[:12])


__all__ = ["check_team_asked"]
