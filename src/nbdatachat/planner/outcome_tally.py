"""Two sets of one side's games counted against each other, answered with the question's
own word: "did the team win or lose more games (in 2010)?", "did they have more wins or
losses?", "did they win more or less than they lost?", "did the club win more home games or
away games?", "were more matches held at home or away?".

Each side of the choice is read as a count of its own ("how many games did the team win in
2010", "how many home games did the club win"), by the reader's ordinary rules: the result
column that ``outcomes.result_columns`` finds by its values (every cell read, or nothing),
the home/away marks of ``home_away`` or a Home/Away column. The two counts must differ in
one filter only, on one column; the rest is shared. The plan is a ``which_way``
:class:`ComparisonPlan` of the number of rows of the two sides: over that column's two
values when each side is one value ("Home" / "Away"), else over the mark each cell opens
with (``Expr`` op ``outcome`` / ``away``, a derived column), kept only when the mark picks
exactly the cells the side's filter picks. The answer is the word of the side with more
rows, with both counts (a side none of the selected rows has counts 0; a tie is not
answered, ``service/count_ties.py``). "did they win more games than they lost", "were
there more home games than away games" are the same two counts as a yes or no
(``is_larger``: a tie is "No").

One game ("did they win or lose against X", "was the final match a win or a loss", "was the
first game at home or away") is the same comparison over the filters that pin one row: the
lookup of its cell ("what was the result against X") with an equality on a column whose
every cell differs, or the first / last row by such a column (its least / greatest value).
Anything else is left to the question as asked.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable

from .plan import AggregatePlan, PlanResult
from .outcomes import cell_outcome, result_columns
from .game_results import opponent_column
from .plan_kinds import ComparisonPlan, LookupPlan, PositionPlan
from .plan_parts import MARK_OPS, Expr, Filter, Measure, Step, mark_of
from .schema import SchemaModel

if TYPE_CHECKING:
    from .base import PlanContext

_AUX = r"(?:did|does|do|has|have|had|will|would)"
_NOUN = r"(?P<noun>games|matches|contests|fixtures|bouts|fights|races|meetings)"
_WIN, _LOSE = r"win|won|lose|lost", r"lose|lost|win|won"
_SIDE = {"win": "win", "won": "win", "wins": "win", "victories": "win", "lose": "lose",
         "lost": "lose", "losses": "lose", "defeats": "lose", "victory": "win",
         "loss": "lose", "defeat": "lose"}
_PLACE = {"home": "home", "away": "away", "road": "away", "on the road": "away"}
_NOUNS = "wins|victories|losses|defeats"
_END = r"(?P<rest>(?:,? (?!or\b).*)?)$"
#: the forms: each gives the two sides' words ``a``, ``b`` and the rest of the question
_PLACE_VALUES = {"home": "home", "h": "home", "away": "away", "a": "away", "road": "away",
                 "neutral": "neutral", "n": "neutral"}
#: one game: "did they win or lose against X", "was the last game a win or a loss", "was
#: the first game at home or away"
_ONE = [("outcome", re.compile(rf"^{_AUX} (?P<subj>.+?) (?P<a>win|won|lose|lost) or (?P<b>lose|"
                               rf"lost|win|won) (?P<rest>(?!more\b).+)$")),
        ("outcome", re.compile(r"^(?:was|is) (?P<rest>(?:the|their|its) .+?) (?P<subj>)(?:an? )?(?P<a>win|"
                               r"loss|victory|defeat) or (?:an? )?(?P<b>loss|win|victory|"
                               r"defeat)$")),
        ("place", re.compile(r"^(?:was|is) (?P<rest>(?:the|their|its) .+?) (?:played )?(?:at )?(?P<a>home|"
                             r"away|on the road) or (?:at )?(?P<b>away|home|on the road)$"))]
_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("outcome", re.compile(rf"^{_AUX} (?P<subj>.+?) (?P<a>{_WIN}) or (?P<b>{_LOSE}) more(?: "
                           rf"{_NOUN})?{_END}")),
    ("outcome", re.compile(rf"^{_AUX} (?P<subj>.+?) (?P<a>{_WIN}) more(?: {_NOUN})? or "
                           rf"(?P<b>{_LOSE}) more(?: games| matches)?{_END}")),
    ("outcome", re.compile(rf"^{_AUX} (?P<subj>.+?) (?:have|get|record) more (?P<a>wins|"
                           rf"victories|losses|defeats) or (?P<b>losses|defeats|wins|"
                           rf"victories){_END}")),
    ("more", re.compile(rf"^{_AUX} (?P<subj>.+?) (?P<v>win|lose) (?P<a>more) or (?P<b>less|"
                        rf"fewer)(?: {_NOUN})? than (?:they|he|she|it|we) (?:lost|won)"
                        rf"{_END}")),
    ("place", re.compile(rf"^{_AUX} (?P<subj>.+?) (?P<v>win|lose|play) more (?P<a>home|away|"
                         rf"road)(?: {_NOUN})? or (?P<b>away|home|road)(?: games| matches)?"
                         rf"{_END}")),
    ("place", re.compile(rf"^{_AUX} (?P<subj>.+?) (?P<v>win|lose|play) more(?: {_NOUN})? (?:at )?"
                         rf"(?P<a>home|away|on the road) or (?:at )?(?P<b>away|home|on the "
                         rf"road){_END}")),
    ("place", re.compile(rf"^(?:were|are) there more {_NOUN} (?:played )?(?:at )?(?P<a>home|"
                         rf"away|on the road) or (?:at )?(?P<b>away|home|on the road){_END}")),
    ("place", re.compile(rf"^(?:were|are) there more (?P<v>wins|victories|losses|defeats) "
                         rf"(?:at )?(?P<a>home|away|on the road) or (?:at )?(?P<b>away|home|"
                         rf"on the road){_END}")),
    ("outcome", re.compile(rf"^(?:were|are) there more (?P<a>wins|victories|losses|defeats) or "
                           rf"(?P<b>losses|defeats|wins|victories){_END}")),
    # yes or no: "did they win more games than they lost", "more home games than away games"
    ("yn:more", re.compile(rf"^{_AUX} (?P<subj>.+?) (?P<v>win|lose) (?P<a>more)(?: {_NOUN})? "
                           rf"than (?:they|it|he|she|we) (?P<b>lost|won){_END}")),
    ("yn:outcome", re.compile(rf"^{_AUX} (?P<subj>.+?) (?:have|get|record) more (?P<a>{_NOUNS}) "
                              rf"than (?P<b>{_NOUNS}){_END}")),
    ("yn:outcome", re.compile(rf"^(?:were|are) there more (?P<a>{_NOUNS}) than "
                              rf"(?P<b>{_NOUNS}){_END}")),
    ("yn:place", re.compile(rf"^{_AUX} (?P<subj>.+?) (?P<v>win|lose|play) more (?P<a>home|away|"
                            rf"road)(?: {_NOUN})? than (?P<b>away|home|road)(?: games| matches)?"
                            rf"{_END}")),
    ("yn:place", re.compile(rf"^(?:were|are) there more (?P<a>home|away|road) {_NOUN} than "
                            rf"(?P<b>away|home|road)(?: games| matches)?{_END}")),
]


def outcome_tally(question: str, schema: SchemaModel, context: "PlanContext",
                  plan_of: Callable[[str, SchemaModel, "PlanContext"], PlanResult]
                  ) -> PlanResult | None:
    """The ``which_way`` plan of a question choosing between two sets of games (module
    docstring), else None."""
    low = " ".join(question.strip().lower().split()).rstrip(" ?.!")
    for dim, form in _FORMS:
        m = form.match(low)
        if m is None:
            continue
        output = "is_larger" if dim.startswith("yn:") else "which_way"  # "Yes" / "No"
        dim = dim.removeprefix("yn:")
        g = m.groupdict()
        a, b, noun = g["a"], g["b"], g.get("noun") or "games"
        rest = (g.get("rest") or "").lstrip(",")
        subj = g.get("subj") or "they"  # "were there more wins ...": the table's own side
        if dim == "place":
            if _PLACE[a] == _PLACE[b]:
                return None
            verb = {"win": "win", "lose": "lose"}.get(_SIDE.get(g.get("v") or "", ""), "play")
            asks = [f"how many {_PLACE[w]} {noun} " + (
                f"did {subj} {verb}") + rest for w in (a, b)]
        else:
            sides = [_SIDE[a], _SIDE[b]] if dim == "outcome" else \
                [g["v"], "lose" if g["v"] == "win" else "win"]
            if sides[0] == sides[1] or (output != "which_way" and _SIDE[b] == sides[0]):
                return None  # "win more than they won"
            asks = [f"how many {noun} did {subj} {s}{rest}" for s in sides]
        return _compare(asks, [a, b], schema, context, plan_of, output)
    for dim, form in _ONE:
        m = form.match(low)
        if m is not None:
            g = dict(m.groupdict(), dim=dim)
            if (_PLACE.get(g["a"]) or _SIDE[g["a"]]) != (_PLACE.get(g["b"]) or _SIDE[g["b"]]):
                return _one_game(g, schema, context, plan_of)
    return None


def _one_game(m: dict[str, Any], s: SchemaModel, context: "PlanContext",
              plan_of: Callable[[str, SchemaModel, "PlanContext"], PlanResult]
              ) -> PlanResult | None:
    """"did they win or lose to X", "did the club win or lose game 13", "was the last game a
    win or a loss", "was the first game at home or away": the result (or the place) of one
    game, read as the lookup of its cell ("what was the result against X") whose filters pin
    one row (``_pinned``), then counted for each side (one of them 1) so that the answer is
    the question's word."""
    words = [m["a"], m["b"]]
    if m["dim"] == "place":
        side = _place_side(s, [_PLACE[w] for w in words])
        if side is None:
            return None
        col, items, steps = side
        look = steps[0].expr.args[0].column if steps else col
    else:
        if m["subj"]:
            own = plan_of(f"how many games did {m['subj']} win?", s, context)
            if own.status != "ok" or not _plain_count(own.plan) or len(own.plan.filters) != 1:
                return None  # the subject is not the table's own side, or no result column
            look = own.plan.filters[0].column
        else:
            found = list(result_columns(s))
            if len(found) != 1:
                return None
            look = found[0]
        prof = s.col(look)
        vals = [str(v) for v in (prof.values or []) if v is not None]
        codes = {"win": 1, "loss": -1, "draw": 0, "none": None}
        if prof.approx or look not in result_columns(s) or any(
                mark_of("outcome", v) != codes.get(cell_outcome(v) or "", "?") for v in vals):
            return None  # the mark would not read every cell as the reader does
        col = f"outcome_of_{look}"
        steps = [Step("derive", col, Expr.of("outcome", Expr.col(look)))]
        items = [1 if _SIDE[w] == "win" else -1 for w in words]
    if col in s.columns and steps:
        return None
    pinned = _pinned(look, m["rest"], s, context, plan_of)
    if pinned is None:
        return None
    filters, res = pinned
    out = ComparisonPlan(measure=Measure("count"), column=col, items=items,
                         output="which_way", words=words, filters=filters, steps=steps)
    how = f" by {steps[0].expr.describe()}" if steps else ""
    note = f'read the one game where {" and ".join(f.describe() for f in filters)} ' \
           f'and counted it as "{words[0]}" or "{words[1]}"{how}'
    return PlanResult.ok(out, list(res.notes) + [note], ignored=list(res.ignored))


def _pinned(look: str, rest: str, s: SchemaModel, context: "PlanContext",
            plan_of: Callable[[str, SchemaModel, "PlanContext"], PlanResult]
            ) -> tuple[list[Filter], PlanResult] | None:
    """The filters picking the one game ``rest`` names, read as "what was the <look> ...":
    a lookup with an equality on a column whose every cell differs, or the first / last
    row by such a column (its least / greatest value), nothing else conditioned."""
    to = re.match(r"(?:to|against|versus|vs\.?|over) (.+)$", rest)
    if to is not None:
        rest = "against " + to.group(1)
    elif re.match(r"(?:the )?(?:game|match|contest) |(?:the|their|its) ", rest):
        rest = "of " + re.sub(r"^(?:their|its) ", "the ", rest)
    elif not re.match(r"(?:in|on|at|during|for) ", rest):
        return None
    res = plan_of(f"what was the {look.lower()} {rest}?", s, context)
    plan = res.plan
    if res.status != "ok" or plan is None or plan.steps or plan.logic != "and":
        return None
    if isinstance(plan, LookupPlan):
        if plan.columns != [look] or plan.by or plan.same or plan.like or plan.yes_no or \
                not any(_pins_one(f, s) for f in plan.filters):
            return None
        return list(plan.filters), res
    if isinstance(plan, PositionPlan) and plan.position in ("first", "last") and \
            plan.n == 1 and plan.order_by and not plan.anchor and not plan.other and \
            not plan.filters and plan.columns == [look]:
        prof = s.col(plan.order_by)
        at = prof.max if (plan.position == "last") != plan.descending else prof.min
        f = Filter(plan.order_by, "=", at)
        if at is None or not _pins_one(f, s):
            return None
        return [f], res
    return None


def _place_side(s: SchemaModel, sides: list[str]) -> tuple[str, list[Any], list[Step]] | None:
    """The column and items telling home from away: a column of home / away values (their
    spelling), else the opponent column's "at X" marks (``home_away``; ``Expr`` op
    ``away``)."""
    for c, prof in s.columns.items():
        vals = [str(v) for v in (prof.values or []) if v is not None]
        low = {v.strip().lower() for v in vals}
        if prof.numeric or prof.approx or not vals or not low <= set(_PLACE_VALUES):
            continue
        spelled = {_PLACE_VALUES[v.strip().lower()]: v for v in vals}
        if len(spelled) != len(vals) or not {"home", "away"} <= set(spelled):
            return None  # "Home" beside "home": not one spelling each
        return c, [spelled[x] for x in sides], []
    opp = opponent_column(s)
    if opp is None or s.col(opp).approx:
        return None
    codes = {mark_of("away", v) for v in (s.col(opp).values or []) if v is not None}
    if not {0, 1} <= codes:
        return None
    name = f"away_of_{opp}"
    return name, [1 if x == "away" else 0 for x in sides], \
        [Step("derive", name, Expr.of("away", Expr.col(opp)))]


def _pins_one(f: Filter, s: SchemaModel) -> bool:
    """An equality on a column whose every cell is a different value: one row at most."""
    if f.op != "=" or f.column not in s.columns:
        return False
    prof = s.col(f.column)
    return not prof.approx and prof.n_null == 0 and prof.n_distinct == prof.n_rows


def _compare(asks: list[str], words: list[str], s: SchemaModel, context: "PlanContext",
             plan_of: Callable[[str, SchemaModel, "PlanContext"], PlanResult],
             output: str = "which_way") -> PlanResult | None:
    read = [plan_of(q + "?", s, context) for q in asks]
    if any(r.status != "ok" or not _plain_count(r.plan) for r in read):
        return None
    pa, pb = read[0].plan, read[1].plan
    if pa.logic != "and" or pb.logic != "and":
        return None
    common = [f for f in pa.filters if f in pb.filters]
    fa = [f for f in pa.filters if f not in pb.filters]
    fb = [f for f in pb.filters if f not in pa.filters]
    if len(fa) != 1 or len(fb) != 1 or fa[0].column != fb[0].column or \
            len(common) != len(pb.filters) - 1:
        return None
    side = _items(fa[0], fb[0], s)
    if side is None:
        return None
    column, items, steps, note = side
    plan = ComparisonPlan(measure=Measure("count"), column=column, items=items,
                          output=output,  # type: ignore[arg-type]
                          words=words if output == "which_way" else [], filters=common,
                          steps=steps)
    notes = list(dict.fromkeys(read[0].notes + read[1].notes)) + [
        f'compared the number of rows where {fa[0].describe()} ("{words[0]}") with the '
        f'number where {fb[0].describe()} ("{words[1]}"){note}']
    ignored = list(dict.fromkeys(read[0].ignored + read[1].ignored))
    return PlanResult.ok(plan, notes, ignored=ignored)


def _plain_count(plan: Any) -> bool:
    """A count of the rows the filters select, nothing grouped, ranked or derived."""
    return isinstance(plan, AggregatePlan) and len(plan.measures) == 1 and \
        plan.measures[0].agg == "count" and plan.measures[0].column is None and \
        not plan.group_by and plan.time_bucket is None and plan.limit is None and \
        not plan.steps and not plan.part and not plan.share and not plan.argmax and \
        plan.unpivot is None and not plan.either_count


def _items(fa: Filter, fb: Filter, s: SchemaModel
           ) -> tuple[str, list[Any], list[Step], str] | None:
    """The column, the two items and the steps that tell the two sides apart: the values
    themselves ("Home" / "Away"), or a mark each cell opens with that picks exactly the
    cells each filter picks."""
    if fa.op == "=" and fb.op == "=" and fa.value != fb.value:
        return fa.column, [fa.value, fb.value], [], ""
    prof = s.col(fa.column)
    if prof.numeric or getattr(prof, "approx", False) or not prof.values:
        return None  # only some of the cells are known: the mark cannot be checked
    vals = [str(v) for v in prof.values if v is not None]
    for op in MARK_OPS:
        codes = []
        for f in (fa, fb):
            picked = {v for v in vals if _matches(f, v)}
            code = {mark_of(op, v) for v in picked}
            if not picked or len(code) != 1 or None in code or \
                    {v for v in vals if mark_of(op, v) in code} != picked:
                break
            codes.append(code.pop())
        if len(codes) == 2 and codes[0] != codes[1]:
            name = f"{op}_of_{fa.column}"
            if name in s.columns:
                return None
            step = Step("derive", name, Expr.of(op, Expr.col(fa.column)))
            return name, codes, [step], f" (read as {step.expr.describe()}: " \
                f"{codes[0]} and {codes[1]})"
    return None


def _matches(f: Filter, value: str) -> bool:
    if f.op == "=":
        return value == str(f.value)
    if f.op == "in":
        return value in {str(v) for v in (f.value or [])}
    if f.op == "starts with":
        return value.lower().startswith(str(f.value).lower())
    return False


__all__ = ["outcome_tally"]
