"""Each side's score of a game as a number of its own (issue 12, scores): "how many points did
they score in May", "how many goals did the team allow", "on what date did they score the
fewest points", "against which opponent did they score the most runs", "which opponents
scored no goals".

A table of one side's games writes both scores in one cell ("W 27–24", "L 17–18", "3–1"),
and which number is the own side's is written either way. The outcome of the row settles it,
whatever the order: the own side's score is the higher number of a win, the lower of a loss,
either of a draw, i.e. (sum + outcome * margin) / 2, and the other side's score (sum -
outcome * margin) / 2 (Expr ops ``score_sum``, ``margin`` and ``outcome``; a row with no
outcome or no score gives a missing value). The outcome is the mark the score cell opens
with ("W", "L"), or the one column of outcomes beside a column of bare scores ("Won" next
to "3–1"); with neither, the side cannot be told and nothing is read.

Read, with a verb of scoring ("score", "scored"; "allow", "concede" for the other side's):
* "how many <points|goals|runs> did <side> score ...": the sum over the rows the other
  conditions pick (one row: its score);
* "... did <side> score the most / least <unit>": the largest / smallest score, or with
  "which <column>" / "when" the row holding it;
* "which <column> did <side> score 3 / no / at least 3 <unit>", "which opponents scored no
  goals": the column of the rows holding that score.
The side is the table's own side when it is "they", "we", "the team" (or "their team"), or,
over cells that carry their own outcome mark, a name no column holds; it is the other side
when it is "the opponent(s)" or the table's opponent column. "he" / "she" (a player's list
of goals counts rows), an unread subject, or a unit the table has a column for, leave the
verb unread, so the question is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..operations.base import human
from .constituents import Incomplete, Reading, constructs_beside, filters_of
from .lexicon import name_tokens, stem
from .outcomes import cell_outcome, result_columns
from .plan import AggregatePlan
from .plan_kinds import LookupPlan
from .plan_parts import Expr, Filter, Measure, Step
from .result_scores import _comparison, _zero
from .schema import SchemaModel
from .score_margin import score_columns, when_column
from .side_names import mark_side, unheld_name

if TYPE_CHECKING:
    from .grammar import Parser

_SCORE_VERBS = {"score", "scored", "scores"}
_ALLOW_VERBS = {"allow", "allowed", "allows", "concede", "conceded", "concedes"}
_UNITS = {"point", "points", "goal", "goals", "run", "runs"}
_AUX = {"did", "do", "does", "have", "has", "had"}
_DEGREES = {"most": "hi", "highest": "hi", "largest": "hi", "greatest": "hi", "least": "lo",
            "fewest": "lo", "lowest": "lo", "smallest": "lo"}
_AMOUNT = {"number", "amount", "total"}
_AMOUNT_OF = {w + " of" for w in _AMOUNT}
_OWN = {"they", "we"}
_TEAM = {"team", "club", "side", "squad"}
_OWNERS = {"the", "their", "our", "this"}
_OTHER = {"opponent", "opponents", "opposition"}
_GAMES = {"game", "match", "contest"}
_NAMED = {"score", "scor", "result", "final", "ft"}
_PAIR = re.compile(r"(?<![\d.])(\d{1,3})\s*[-\u2013\u2014]\s*(\d{1,3})(?![\d.])")


@dataclass
class SideScoreC:
    """One side's score of each row: the pair in ``score``, the outcome in ``mark``."""

    score: str
    mark: str
    side: str  # "own" | "other" | "both" (the two added)
    ask: str  # "sum" | "mean" | "extreme" | "filter"
    test: tuple[str, float] | None = None  # ("=", 0.0) for "scored no goals"
    kind: str = "side_score"


def score_source(s: SchemaModel) -> tuple[str, str, bool] | None:
    """The score column, the column of its row's outcome, and whether the score cells carry
    the outcome themselves ("W 27–24"), or None when the side cannot be told."""
    marked = [c for c in result_columns(s) if _scored(s, c)]
    if len(marked) == 1:
        return marked[0], marked[0], True
    marks = _outcome_columns(s)
    if marked or len(marks) != 1:
        return None
    scores = [c for c in score_columns(s) if c != marks[0] and
              {stem(t) for t in name_tokens(c)} & _NAMED]
    return (scores[0], marks[0], False) if len(scores) == 1 else None


def _outcome_columns(s: SchemaModel) -> list[str]:
    """The text columns of outcome words alone ("Won", "Lost"; one of them may be all a
    column holds), no score in any cell."""
    out = []
    for c in s.columns:
        prof = s.col(c)
        vals = [str(v) for v in prof.values or [] if v is not None and str(v).strip()]
        if prof.numeric or prof.approx or not vals or s.n_rows < 2:
            continue
        kinds = [cell_outcome(v) for v in vals]
        if None not in kinds and set(kinds) - {"none"} and \
                not any(_PAIR.search(v) or any(ch.isdigit() for ch in v) for v in vals):
            out.append(c)
    return out


def _scored(s: SchemaModel, c: str) -> bool:
    """Every cell of ``c`` with an outcome holds one score ("W 27–24")."""
    prof = s.col(c)
    vals = [str(v) for v in prof.values or [] if cell_outcome(str(v)) not in (None, "none")]
    return bool(vals) and all(len(_PAIR.findall(v)) == 1 for v in vals)


def read_score_sides(p: "Parser", opponent: str | None) -> None:
    """Read one side's score asked (see the module docstring)."""
    if p.r.rowdiff is not None or p.r.position is not None:
        return
    verbs = [k for k, nd in enumerate(p.n) if nd.kind in ("word", "col") and nd.role is None
             and nd.low in _SCORE_VERBS | _ALLOW_VERBS]  # "scored" may name a Score column
    if len(verbs) != 1:
        return
    v = verbs[0]
    found = score_source(p.s)
    if found is None:
        return
    score, mark, marked = found
    read = _sum_asked(p, v) or _extreme_asked(p, v, opponent) or _filter_asked(p, v, opponent)
    if read is None:
        return
    ask, subject, used, test = read
    unit = next((p.low(k) for k in used if p.low(k) in _UNITS), "")
    side = _side(p, subject, opponent, marked, unit)
    if side is None or side == "own" and any(p.low(k) == "against" for k in used):
        return
    if p.n[v].low in _ALLOW_VERBS:
        if side != "own":
            return
        side = "other"
    if ask == "extreme":
        p.r.superlative_word = next(p.n[k].low for k in used if p.n[k].low in _DEGREES)
        p.r.superlative = _DEGREES[p.r.superlative_word]
    p.r.rowdiff = SideScoreC(score, mark, side, ask, test)
    names = [p.n[k] for k in subject]
    if side == "own" and names and unheld_name(names) and \
            not all(nd.low in _OWN | _TEAM | _OWNERS for nd in names):
        mark_side(names, p.r.notes, p.r.ignored)
    for nd in p.n:
        if nd.role == "chart" and nd.low in _UNITS:
            p.r.chart.kind = None  # "... 20 points": no chart
    for k in used:
        if p.n[k].role == "followup" and p.n[k].low in ("them", "us"):
            p.n[k].role = None  # "against them": the table's own side, no earlier question
    p.use(*used, v, *[k for k in subject if p.n[k].kind != "val"], role="rowdiff")


def _unit(p: "Parser", k: int) -> bool:
    nd = p.node(k)
    return nd is not None and nd.kind == "word" and nd.low in _UNITS and \
        nd.role in (None, "chart")


def _sum_asked(p: "Parser", v: int):
    """"how many <unit> did <subject> score": the nodes read."""
    for h, nd in enumerate(p.n[:v]):
        t = h + (p.low(h + 1) == "total" and p.n[h + 1].role is None)  # "how many total"
        if nd.low != "how many" or nd.role is not None or not _unit(p, t + 1) or \
                p.low(t + 2) not in _AUX or t + 3 >= v:
            continue
        return "sum", list(range(t + 3, v)), list(range(h, t + 3)), None
    return None


def _extreme_asked(p: "Parser", v: int, opponent: str | None):
    """"... did <subject> score the most (number of) <unit>": the nodes read."""
    k = v + 1
    used = []
    if p.low(k) == "the":
        used.append(k)
        k += 1
    if p.low(k) not in _DEGREES or p.n[k].role is not None:
        return None
    used.append(k)
    k += 1
    if p.low(k) in _AMOUNT and p.low(k + 1) == "of":
        used += [k, k + 1]
        k += 2
    elif p.low(k) in _AMOUNT_OF:  # one node "amount of"
        used.append(k)
        k += 1
    if not _unit(p, k):
        return None
    used.append(k)
    if p.low(k + 1) == "against" and p.low(k + 2) in ("them", "us"):
        used += [k + 1, k + 2]  # "the opponent scored the most points against them"
        k += 2
    j = k + 1 + (p.low(k + 1) == "in")
    if j > k + 1 and p.low(j) in ("a", "one", "any") and \
            p.low(j + 1 + (p.low(j + 1) == "single")) in _GAMES:
        used += list(range(k + 1, j + 2 + (p.low(j + 1) == "single")))  # "in a game"
    a = v - 1
    while a >= 0 and p.n[a].low not in _AUX:
        a -= 1
    w = v - 2
    if a < 0 and w >= 0 and p.low(w) in ("which", "what") and p.n[v - 1].role == "which" and \
            p.n[v - 1].kind == "col" and opponent is not None and p.r.which_col == opponent:
        return "extreme", [v - 1], used, None  # "which opponent scored the fewest points"
    if a < 1 or v - a > 5:
        return None
    return "extreme", list(range(a + 1, v)), used + [a], None


def _filter_asked(p: "Parser", v: int, opponent: str | None):
    """"which <column> did <subject> score 7 points", "which rivals scored no runs"."""
    w = next((k for k, nd in enumerate(p.n[:v]) if nd.low in ("which", "what")), None)
    if w is None or not p.r.which or p.r.which_col is None:
        return None
    j = v + 1
    if p.low(j) == "only":
        j += 1
    test = _zero(p, j, False) if p.low(j) in ("no", "zero") else _comparison(p, j)
    if test is None or not any(_unit(p, k) for k in test[2]):
        return None
    op, number, used = test
    used = used + ([v + 1] if j == v + 2 else [])
    if p.n[w + 1].role == "which" and w + 2 == v and p.n[w + 1].kind == "col" and \
            opponent is not None and p.r.which_col == opponent:
        return "filter", [w + 1], used, (op, number)  # "which rivals scored no runs"
    a = w + 2
    while a < v and p.n[a].low not in _AUX:
        a += 1
    if a >= v - 1 or p.n[a].role is not None:
        return None
    return "filter", list(range(a + 1, v)), used + [a], (op, number)


def _side(p: "Parser", subject: list[int], opponent: str | None, marked: bool,
          unit: str) -> str | None:
    """"own" or "other" for the subject nodes (module docstring), else None."""
    nodes = [p.n[k] for k in subject]
    lows = [nd.low for nd in nodes]
    if len(nodes) == 1 and nodes[0].kind == "col" and opponent is not None and \
            nodes[0].role == "which" and p.r.which_col == opponent:
        return "other"
    if not nodes or any(nd.role is not None for nd in nodes):
        return None
    if len(nodes) == 1 and nodes[0].kind == "val" and opponent is not None and \
            set(nodes[0].columns) == {opponent}:
        return "other"  # "how many points did <an opponent> score": left for its filter
    if len(lows) == 1 and lows[0] in _OWN:
        return "own"
    if len(lows) == 2 and lows[0] in _OWNERS and lows[1] in _TEAM:
        return "own"
    if lows[-1] in _OTHER and all(w in _OWNERS for w in lows[:-1]):
        return "other"
    if lows[-2:] == ["opposing", "team"] and all(w in _OWNERS for w in lows[:-2]):
        return "other"
    if (marked or unit not in ("goal", "goals")) and unheld_name(nodes):
        return "own"  # beside a column of outcomes, a player's goals may be listed
    return None


def _expr(c: SideScoreC) -> Expr:
    """The side's score: (sum +/- outcome * margin) / 2 (module docstring)."""
    spread = Expr.of("*", Expr.of("outcome", Expr.col(c.mark)),
                     Expr.of("margin", Expr.col(c.score)))
    total = Expr.of("score_sum", Expr.col(c.score))
    if c.side == "both":
        return total  # "the combined score": planner/combined_score.py
    return Expr.of("*", Expr.of("+" if c.side == "own" else "-", total, spread), Expr.num(0.5))


def _label(c: SideScoreC) -> str:
    """The side's score in plain words, said in the reading in place of ``_expr``'s formula."""
    if c.side == "both":
        return "the two numbers added"
    hi, lo = ("higher", "lower") if c.side == "own" else ("lower", "higher")
    if c.mark == c.score:
        return f"the {hi} number of a win, the {lo} of a loss"
    return f"the {hi} number when {human(c.mark)} is a win, the {lo} when a loss"


def side_plan(r: Reading, s: SchemaModel) -> LookupPlan | AggregatePlan:
    """The sum, the extreme or the rows of one side's score (see the module docstring)."""
    c = r.rowdiff
    blocking = constructs_beside(r, "grouping", "aggregation", "share", "limit", "chart",
                                 "count", "position", "contrast", "tool", "measure")
    if blocking:
        raise Incomplete(f"That asks for a side's score in {c.score!r} together with "
                         f"{blocking[0]}, which I cannot read together yet.", s.names()[:12])
    who = {"own": "the own side", "other": "the other side"}.get(c.side, "both sides")
    name = f"score of {who} in {c.score}"
    while name in s.columns:
        name += " (derived)"
    steps = [Step("derive", name, _expr(c), label=_label(c))]
    told = "its outcome mark" if c.mark == c.score else f"the outcome in {c.mark!r}"
    r.notes.append(f"read the score of both sides as the two numbers of {c.score!r} added"
                   if c.side == "both" else
                   f"read the score of {who} from {c.score!r}, told by {told}: the higher "
                   f"number of a win is the winner's, the lower of a loss the loser's")
    filters = filters_of(r)
    if c.ask == "mean":
        r.global_agg = ("mean", None)  # said: no single row's value asked
    if c.ask == "filter":
        op, number = c.test
        return LookupPlan(columns=[r.which_col], filters=[*filters, Filter(name, op, number)],
                          logic="and", steps=steps)
    if c.ask in ("sum", "mean"):
        return AggregatePlan(measures=[Measure(c.ask, name)], filters=filters, logic=r.logic,
                             steps=steps)
    if r.superlative_column is not None:
        raise Incomplete(f'I could not tell what "{r.superlative_word}" ranks here.',
                         s.names()[:12])
    agg = "max" if r.superlative == "hi" else "min"
    asked = r.which_col if r.which_col and r.which_col not in (c.score, c.mark) else None
    if asked is None:
        asked = when_column(r, s)
    if asked is None and r.which:
        raise Incomplete(f"Which column names the game with the {r.superlative_word} score? "
                         f"Ask for it, e.g. 'which date ...'.", s.names()[:12], clarify=True)
    if asked is None:
        return AggregatePlan(measures=[Measure(agg, name)], filters=filters, logic=r.logic,
                             steps=steps)
    if s.col(asked).n_distinct < s.n_rows:
        raise Incomplete(f"Several rows share a value of {asked!r}: the {r.superlative_word} "
                         f"score of one game, or of all its games together?", s.names()[:12],
                         clarify=True)
    m = Measure(agg, name)
    return AggregatePlan(measures=[m], group_by=[asked], order_by=m.alias,
                         descending=agg == "max", argmax=True, filters=filters,
                         logic=r.logic, steps=steps)


__all__ = ["SideScoreC", "read_score_sides", "score_source", "side_plan"]
