"""Checks on a finished plan that a value, a name or a singular noun is read completely.

Like ``answer_type.py`` these run after the plan is built and only refuse, ask back or
narrow the plan; they never answer another question:

* a value the question names that other cells of its column hold as one of several parts
  ("Left fielder" beside "Center fielder / Left fielder", "Calvin Coolidge" beside "Warren
  G. Harding, Calvin Coolidge"): matching the cell exactly or containing the value are two
  readings, so the reader asks which;
* "how many clubs share the most seasons" answered with the most seasons itself;
* "who ..." or "what/which name ..." answered with a column whose values are not names (no
  letters in them: "51", "2-12");
* a column asked for twice, the mark of a word read as its own column again;
* "who was the <noun> after 2007": one row asked for ("the" and a singular noun) over a
  condition that may hold for several rows: answered only when one row matches;
* a column that numbers the rows (1, 2, 3 ... n) is counted, never added up ("the total
  goals" over Goal 1..8 is 8 goals) nor averaged;
* a column named as a count ("#cards", "No. of seats") answering "which ...";
* "the first X to be <done>" answered by the table's row order;
* a superlative the plan does not rank by ("which village has the least area" listing the
  cities: answered only when one row matches), and "which <noun> has the most ..."
  answered with the extreme value itself;
* "no <column>" read as = 0 over a column that has no 0 but blank cells (asked);
* a word read past right before a column's name that some cells hold ("list each
  *jubilee* coin set"): it picks rows, which the reading would drop; and "by <word>"
  with the word read as nothing ("the largest city by area" with no area column);
* a name said in part that the cells only dress up ("kent" for "#4 Kent*", value_parts.py)
  picks rows, but the answer is not read from those dressed-up cells.
"""

from __future__ import annotations

import re

from .cell_parts import among_others
from .constituents import Incomplete, Reading
from .lexicon import MONTHS
from .negation import named_negations
from .plan import AggregatePlan, Plan, RowsPlan
from .plan_kinds import ComparisonPlan, LookupPlan, PositionPlan, SetPlan
from .plan_parts import Measure
from .schema import SchemaModel, opens_with_letter
from .value_items import as_items, spaced

_FULL_MONTHS = {m for m, i in MONTHS.items() if len(m) > 4 or m in ("june", "july")}
#: at most this many distinct values are searched for a value written inside another
_MAX_SCAN = 5000
_NAME_ASKED = re.compile(r"^(?:.*[,;:]\s*)?(?:who|whom|whose)\b|\b(?:what|which)\s+(?:is\s+the\s+|"
                         r"was\s+the\s+)?(?:first\s+|last\s+|next\s+|previous\s+)?name\b")
#: "who was the winner ...", "what is the title ...": one row asked for by its noun
_SINGULAR_THE = re.compile(r"^(?:who|what|which)\s+(?:is|was)\s+the\s+([a-z]+)\b(?!\s+of\b)")
#: words that join two things asked for ("the name and team", "name, team")
#: (a comma between digits, "5,000", joins nothing)
_JOINED = re.compile(r"\band\b|(?<!\d),|,(?!\d{3})|&|\bboth\b|\bplus\b|\bas well as\b|"
                     r"\bwith (?:its|their)\b")
_THE_EXTREME = re.compile(r"^the\s+(?:most|least|fewest|highest|lowest|largest|smallest|"
                          r"greatest|biggest|maximum|minimum)\s+(?!number\s+of\s+\w+\s+"
                          r"(?:with|who|that|which))")
_HOW_MANY_SPAN = re.compile(r"\bhow many (?:total\s+)?(days|hours|minutes|seconds|weeks)\b")
_COUNT_NAMES = {"number", "no", "#", "count", "num", "nr"}
_TIME_ASKED = re.compile(r"^(?:in\s+)?(?:which|what)\s+(month|year|day|week|date|decade)\b")
_NAME_IT = re.compile(r"^(?:please\s+)?(?:name|tell me|identify)\b")
_EXCLUDES = {"!=", "not_in", "not in", "not_between", "not_like", "not_contains"}
_RANGE_OPS = {">", ">=", "<", "<=", "between"}
#: "how many clubs share the most seasons": how many rows share the extreme, not the extreme
_HOW_MANY_AT_EXTREME = re.compile(r"\bhow many\s+[a-z]+\s+(?:[a-z]+\s+)?the\s+"
                                  r"(?:most|least|fewest|highest|lowest|top|best|worst)\b")


def check_plan_reading(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """Raise :class:`Incomplete` when the plan reads a value, a name or a column only in
    part (see the module docstring)."""
    _check_value_parts(r, s, plan)
    _check_part_answered(r, s, plan)
    _check_period_read(r, s, plan)
    _check_zero_or_blank(s, plan)
    if isinstance(plan, AggregatePlan) and not plan.group_by and plan.measures and all(
            m.agg in ("max", "min") for m in plan.measures) and \
            _HOW_MANY_AT_EXTREME.search(r.question.lower()):
        _refuse("That asks how many rows share the highest or lowest value, but this reading "
                "gives the value itself.", s)
    _check_name_values(r, s, plan)
    _check_unread_month(r, s, plan)
    for i, nd in enumerate(r.nodes[1:], start=1):
        if nd.kind == "word" and nd.role is None and nd.low == "us" and \
                r.nodes[i - 1].low == "the":
            _refuse('"the us" names something (a country, a team), which this reading does '
                    "not use.", s)
    cols = list(getattr(plan, "columns", None) or [])
    if len(cols) != len(set(cols)):
        twice = next(c for c in cols if cols.count(c) > 1)
        _refuse(f"This reading asks for {twice!r} twice: a word of the question was read as "
                f"that column again instead of as what it says.", s)
    _check_one_thing_asked(r, s, plan)
    _check_first_to_be(r, s, plan)
    _check_time_asked(r, s, plan)
    _check_extreme_value(r, s, plan)
    _check_counted_amount(r, s, plan)
    _check_superlative_kept(r, s, plan)
    _check_counting_column(r, s, plan)
    _check_modifier_in_values(r, s)
    _check_by_unread(r, s, plan)


def numbered_rows(r: Reading, s: SchemaModel, plan: Plan) -> Plan:
    """"the total goals", "the location with the most games" over a column that numbers the
    rows (Goal 1, 2, 3 ...): each row is one of those things, so the total is how many rows
    there are, not the sum of their numbers. Other plans are returned as they are."""
    if not isinstance(plan, AggregatePlan) or plan.unpivot or not any(
            m.agg == "sum" and m.over is None and m.column in s.columns and
            _numbers_rows(s, m.column) for m in plan.measures):
        return plan
    counted = [Measure("count") if m.agg == "sum" and m.over is None and m.column in s.columns
               and _numbers_rows(s, m.column) else m for m in plan.measures]
    if len({m.alias for m in counted}) < len(counted):
        return plan
    order = plan.order_by
    for old, new in zip(plan.measures, counted):
        if order == old.alias:
            order = new.alias
    col = next(m.column for m in plan.measures if m.agg == "sum" and m.column in s.columns
               and _numbers_rows(s, m.column))
    r.notes.append(f"counted the rows: {col!r} numbers them (1, 2, 3 ...), one per row")
    return plan.copy(measures=counted, order_by=order)


def one_row_asked(r: Reading, plan: Plan) -> Plan:
    """"who was the champion after 2008": "the" and a singular noun ask for one row; when the
    condition is a range (several rows may pass it), the lookup answers only if one row
    matches and otherwise asks which (``LookupPlan.one``). And "which city has the least
    area" or "who was the top scorer for 2011" read as the matching rows with nothing
    ranked (the superlative's measure grounded nothing): the superlative is moot only when
    one row matches, so the answer is that row, and otherwise a question back. Other plans
    are returned as they are."""
    if r.superlative and (
            isinstance(plan, RowsPlan) and plan.order_by is None and plan.chart is None or
            isinstance(plan, LookupPlan) and plan.by is None and not (
                plan.yes_no or plan.same or plan.one)):
        pinned = {f.column for f in plan.filters if f.op not in _EXCLUDES}
        if not [c for c in plan.columns if c not in pinned]:
            # "who finished on top in <county>" read as the county itself
            raise Incomplete(f'"{r.superlative_word or "the superlative"}" asks for the '
                             f"highest or lowest, which this reading does not rank by.")
        r.notes.append(f'"{r.superlative_word or "the superlative"}" ranks by nothing the '
                       f"data holds: answered only if one row matches")
        return plan.copy(kind="lookup", one=True, limit=10)
    m = _SINGULAR_THE.match(r.question.lower())
    rows = isinstance(plan, RowsPlan) and plan.order_by is None and plan.chart is None and \
        plan.limit != 1
    if m is None or not (rows or isinstance(plan, LookupPlan) and not (
            plan.one or plan.by or plan.same or plan.yes_no or plan.limit == 1)):
        return plan
    noun = m.group(1)
    if noun.endswith("s") and not noun.endswith("ss"):
        return plan  # "what were the years": several asked for
    if noun != "only" and not any(f.op in _RANGE_OPS for f in plan.filters):
        return plan  # "the only": one row, whatever the condition
    return plan.copy(kind="lookup", one=True, limit=10) if rows else plan.copy(one=True)


def _check_one_thing_asked(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """"which band only has its record listed on ...": one thing asked, but the reading
    answers with two columns (the single and the artist); unless the question joins two
    things ("the name and team"), that is a guess at what the question asks."""
    if isinstance(plan, AggregatePlan):
        if (plan.argmax or plan.order_by) and len(plan.group_by) >= 2 and not plan.unpivot \
                and not plan.chart and not _JOINED.search(r.question.lower()) and \
                not re.search(r"\b(?:by|per|each|every|combination|pair)\b", r.question.lower()):
            _refuse("The question asks for one thing, but this reading ranks the pairs of "
                    + " and ".join(repr(c) for c in plan.group_by) + ".", s)
        return
    if isinstance(plan, RowsPlan):
        if plan.chart is None and not plan.columns and _NAME_IT.match(r.question.lower()):
            _refuse("That asks to name something, but this reading can only show whole "
                    "rows.", s)
        if plan.chart is not None or (plan.order_by and plan.limit == 1) or not plan.columns:
            return
    elif not isinstance(plan, LookupPlan) or plan.yes_no or plan.same:
        return
    evidence = {f.column for f in plan.filters if f.op not in _EXCLUDES} | \
        named_negations(r) | {
        getattr(plan, "order_by", None), getattr(plan, "by", None)}
    asked = [c for c in plan.columns if c not in evidence]
    if len(asked) >= 2 and not _JOINED.search(r.question.lower()):
        _refuse("The question asks for one thing, but this reading answers with "
                + " and ".join(repr(c) for c in asked) + ".", s)


_COUNTING_NAME = re.compile(r"^\s*(?:#\s*[a-z]|no\.?\s+of\b|nos?\.?\s*#|number\s+of\b|"
                            r"num\.?\s+of\b|count\s+of\b)|\b(?:count|tally)\s*$")


def _check_counting_column(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """"which stamp was issued most" answered with the column "#stamps": a column named as a
    count of a thing ("#cards", "No. of seats", "number of wins") holds how many, so it
    cannot say which one."""
    if not r.which:
        return
    if isinstance(plan, AggregatePlan):
        cols = [] if plan.unpivot else list(plan.group_by)
    elif isinstance(plan, (RowsPlan, LookupPlan)) and not getattr(plan, "yes_no", False):
        evidence = {f.column for f in plan.filters if f.op not in _EXCLUDES} | \
            named_negations(r) | {
            getattr(plan, "order_by", None), getattr(plan, "by", None)}
        cols = [c for c in plan.columns if c not in evidence]
    else:
        return
    for c in cols:
        if _COUNTING_NAME.search(str(c).lower()):
            _refuse(f"{c!r} counts things (its name says how many), so it cannot say which "
                    f"one the question asks for.", s)


#: "the first school to be closed", "the last album to have been produced"
_FIRST_TO_BE = re.compile(r"\b(?:first|last|latest|earliest)\b(?:\s+[a-z]+){0,2}\s+to\s+"
                          r"(?:be|have\s+been|get|have\s+a\s+[a-z]+)\s+[a-z]+(?:ed|en|wn)\b")


def _check_first_to_be(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """"which town was the first to be founded" asks who was first in time to
    undergo something, which the table's row order does not say (rows are often listed by
    name, rank or size)."""
    if isinstance(plan, PositionPlan) and plan.position in ("first", "last") and \
            plan.order_by is None and _FIRST_TO_BE.search(r.question.lower()):
        _refuse("That asks which came first or last in time, but this reading takes the "
                "table's row order, which need not be the order of events.", s)


#: "which city has the ...", "what club scored the ...", "in 2011, what town had the ...":
#: an entity asked for by its noun (at the start, or after an opening clause and a comma)
_WHICH_NOUN_VERB = re.compile(r"(?:^|,\s*)(?:in\s+|of\s+)?(?:what|which)\s+([a-z]+)\s+(?:has|had|have|was|"
                              r"were|is|are|did|does|do|got|gets|received|scored|won|made|"
                              r"earned|holds|held|saw|showed|recorded|reached)\b")


def _check_superlative_kept(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """"which village has the least area" read as the rows of villages (the area grounded
    nothing, so nothing is ranked), and "what town has the largest turnout"
    answered with the largest turnout itself: the superlative, or the entity it picks, is
    dropped."""
    if not r.superlative:
        return
    m = _WHICH_NOUN_VERB.search(r.question.lower())
    if m is not None and isinstance(plan, AggregatePlan) and not plan.keys and \
            not plan.unpivot and plan.measures and \
            all(x.agg in ("max", "min") for x in plan.measures):
        noun = m.group(1)
        if not any(noun.rstrip("s") in str(x.column).lower() for x in plan.measures):
            _refuse(f'"{m.group(0).lstrip(", ")}" asks which {noun}, but this reading answers with the '
                    f"highest or lowest value itself.", s)


def _check_modifier_in_values(r: Reading, s: SchemaModel) -> None:
    """"list each *jubilee* coin set": a word read past right before a column's name
    modifies it, and when some cells of a text column hold that word ("Harbour
    Festival") it picks rows, which this reading would not do."""
    ignored = {w.lower() for w in r.ignored}
    for i, nd in enumerate(r.nodes[:-1]):
        w = nd.low
        nxt = r.nodes[i + 1]
        if nd.kind != "word" or w not in ignored or not w.isalpha() or len(w) < 4 or \
                nxt.kind != "col" or nxt.item.matches[0].how == "verb" or \
                (i > 0 and r.nodes[i - 1].low in ("which", "what", "whose")):
            continue  # "which engine weighs the least": the noun asked for
        part = re.compile(r"(?<!\w)" + re.escape(w) + r"(?!\w)")
        for c, p in s.columns.items():
            values = [str(v) for v in (p.values or [])]
            if p.kind != "text" or not values or len(values) > _MAX_SCAN:
                continue
            held = [v for v in values if part.search(v.lower())]
            if held and len(held) < len(values):
                shown = ", ".join(repr(v) for v in held[:3])
                _refuse(f'"{nd.text}" is part of some values of {c!r} ({shown}), so it picks '
                        f"rows, which this reading does not do.", s)


def _check_by_unread(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """"the largest city by *area*" with "area" read as nothing (a chart word, no chart
    asked): what "by" ranks or groups by would be dropped."""
    if getattr(plan, "chart", None) is not None:
        return
    for i, nd in enumerate(r.nodes[:-1]):
        nxt = r.nodes[i + 1]
        prev = r.nodes[i - 1] if i else None
        if prev is not None and ("verb" in prev.tags or prev.low.endswith(("ed", "en", "wn"))):
            continue  # "the prize money earned by contestants": who earned it
        if nd.low == "by" and nd.role is None and nxt.kind == "word" and nxt.role is None and \
                nxt.low.isalpha() and len(nxt.low) > 2 and "func" not in nxt.tags:
            _refuse(f'"by {nxt.text}" names what to rank or group by, which this reading '
                    f"does not use.", s)


def _check_unread_month(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """"how many releases came out in all months of *july*": a month named in full that no
    constituent read would be dropped from the answer."""
    for nd in r.nodes:
        if nd.kind == "word" and nd.role is None and nd.low in _FULL_MONTHS and \
                nd.low != "may":
            _refuse(f'"{nd.text}" names a month, which this reading does not use.', s)


def _check_extreme_value(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """"the most points given to riders ...": a noun phrase led by a superlative asks
    for the extreme value, not for the row holding it; and the highest or lowest of a
    column of text ("1997/98", names) is no extreme of a quantity."""
    entity = isinstance(plan, (RowsPlan, LookupPlan)) or (
        isinstance(plan, AggregatePlan) and bool(plan.group_by) and not plan.unpivot)
    if entity and _THE_EXTREME.match(r.question.lower()):
        _refuse("That asks for the highest or lowest value itself, but this reading answers "
                "with the row that holds it.", s)
    if isinstance(plan, AggregatePlan) and not plan.unpivot:
        for m in plan.measures:
            if m.agg in ("max", "min") and m.column in s.columns:
                p = s.col(m.column)
                if not p.numeric and not _time_like(s, m.column):
                    _refuse(f"{m.column!r} holds text, whose highest or lowest value is "
                            f"only an alphabetical order.", s)


def _check_counted_amount(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """"how many total days was X on strike" counted as rows (the rows are not days), and
    "the total number of <noun>" read as adding up a column named only "number": both
    drop what the question counts."""
    if not isinstance(plan, AggregatePlan) or plan.unpivot:
        return
    q = r.question.lower()
    rows = any(m.agg == "count" and m.column is None for m in plan.measures)
    m = _HOW_MANY_SPAN.search(q)
    if rows and m is not None and not any(
            m.group(1).rstrip("s") in str(c).lower() or s.col(c).kind in ("date", "datetime")
            for c in s.columns):  # rows of dated days ("how many days did X close above")
        _refuse(f'"how many {m.group(1)}" asks for a length of time, but this reading '
                f"counts rows.", s)
    for ms in plan.measures:
        if ms.agg == "mean" and ms.column in s.columns and _numbers_rows(s, ms.column):
            _refuse(f"{ms.column!r} numbers the rows (1, 2, 3 ... {s.n_rows}); averaging "
                    f"those numbers answers nothing.", s)
    if re.search(r"\b(?:number|count) of\b", q) and any(
            m.agg == "sum" and str(m.column).strip().lower().rstrip(".") in _COUNT_NAMES
            for m in plan.measures):
        _refuse('"number of" asks how many, but this reading adds up a column named only '
                "for a number.", s)


def _numbers_rows(s: SchemaModel, column: str) -> bool:
    """``column`` holds 1, 2, 3 ... n, one number per row: a row number, not a quantity."""
    p = s.col(column)
    return p.kind == "integer" and s.n_rows >= 5 and not p.n_null and \
        p.n_distinct == s.n_rows and p.min is not None and float(p.min) == 1 and \
        float(p.max) == s.n_rows


def _check_time_asked(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """"which month had the fewest matches played" answered with a score: "which month / year /
    day / week / date" asks for a time, which a column neither of time nor named by that
    word does not hold."""
    m = _TIME_ASKED.search(r.question.lower())
    if m is None:
        return
    if isinstance(plan, AggregatePlan):
        if plan.unpivot or plan.time_bucket is not None:
            return
        # no groups: "which year had the most coins minted" answered with the most coins
        cols = list(plan.group_by) or [x.column for x in plan.measures
                                       if x.agg in ("max", "min") and x.column]
    elif isinstance(plan, (RowsPlan, LookupPlan)):
        evidence = {f.column for f in plan.filters if f.op not in _EXCLUDES} | \
            named_negations(r) | {
            getattr(plan, "order_by", None), getattr(plan, "by", None)}
        cols = [c for c in plan.columns if c not in evidence] or list(plan.columns)
    else:
        return
    grain = m.group(1)
    cols = [c for c in cols if c in s.columns]
    if cols and not any(_time_like(s, c) or grain in str(c).lower() for c in cols):
        _refuse(f'"{m.group(0)}" asks for a {grain}, but this reading answers with '
                + ", ".join(repr(c) for c in cols) + ".", s)


def _time_like(s: SchemaModel, c: str) -> bool:
    return s.answers_when(c)


def _check_value_parts(r: Reading, s: SchemaModel, plan: Plan) -> None:
    for f in getattr(plan, "filters", None) or []:
        if f.op != "=" or not isinstance(f.value, str) or f.column not in s.columns:
            continue
        p = s.col(f.column)
        values = p.values or []
        if not values or len(values) > _MAX_SCAN:
            continue
        v = f.value.strip().lower()
        if not v:
            continue
        part = re.compile(r"(?<!\w)" + re.escape(spaced(v)) + r"(?!\w)")
        holders = [str(x) for x in values
                   if str(x).strip().lower() != v and part.search(spaced(str(x).lower()))]
        if holders and not as_items(r, f, holders, values):
            shown = ", ".join(repr(h) for h in holders[:3])
            raise Incomplete(f"{f.column!r} is {f.value!r} in some rows, and other rows hold "
                             f"{f.value!r} as one part of their value ({shown}"
                             f"{' ...' if len(holders) > 3 else ''}). Count only the rows "
                             f"whose {f.column!r} is exactly {f.value!r}, or every row that "
                             f"mentions it?",
                             [f"exactly {f.value}", f"mentions {f.value}"], clarify=True)


def _check_zero_or_blank(s: SchemaModel, plan: Plan) -> None:
    """"which towns had no female members" read as Female = 0, over a column with no 0
    in it but with blank cells ("-"): tables often leave a zero blank, so the blank cells
    may be what is meant; the reader asks rather than answer "none"."""
    for f in getattr(plan, "filters", None) or []:
        if f.op != "=" or isinstance(f.value, (str, bool, list, dict)) or f.value != 0 or \
                f.column not in s.columns:
            continue
        p = s.col(f.column)
        if p.numeric and p.n_null and p.min is not None and float(p.min) > 0:
            raise Incomplete(f"{f.column!r} is never 0, but {p.n_null} of its cells are "
                             f"blank. Are the blank cells the zeros you mean, or unknown?",
                             [f"{f.column} is blank", f"{f.column} is 0"], clarify=True)


def _check_name_values(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """"who is at the top of this list" answered with a column of numbers or scores."""
    if not _NAME_ASKED.search(r.question.lower()):
        return
    if isinstance(plan, RowsPlan):
        evidence = {f.column for f in plan.filters} | {plan.order_by}
        cols = [c for c in plan.columns if c not in evidence] or list(plan.columns)
    elif isinstance(plan, LookupPlan) and not plan.yes_no:
        cols = list(plan.columns)
    elif isinstance(plan, AggregatePlan):
        cols = [] if plan.unpivot or plan.time_bucket else list(plan.group_by)
    else:
        cols = list(getattr(plan, "columns", None) or [])
    cols = [c for c in cols if c in s.columns]
    if cols and not any(_has_names(s, c) for c in cols):
        _refuse(f"That asks for a name, but this reading answers with "
                f"{', '.join(repr(c) for c in cols)}, whose values are not names.", s)


def _has_names(s: SchemaModel, column: str) -> bool:
    """Most values of ``column`` have a letter in them (a name, a title, a place)."""
    p = s.col(column)
    if p.numeric and p.role != "id" or p.kind == "integer":
        return False
    values = [str(v) for v in (p.values or [])]
    if not values:
        return True  # nothing to judge by: left to the answer type checks
    return sum(opens_with_letter(v) for v in values) >= 0.5 * len(values)


def _check_part_answered(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """A name said in part ("kent") picked cells that only dress it up ("#4 Kent*", "at #11
    Oxley*": a rank, a mark, "at"), and the answer is read from that same column: the
    cells answered would be written otherwise than the question names them."""
    parts = {m.column: nd for nd in r.nodes if nd.kind == "val" and nd.item.matches and
             all(m.how == "part" for m in nd.item.matches) for m in nd.item.matches}
    if not parts:
        return
    if isinstance(plan, (LookupPlan, PositionPlan, SetPlan, RowsPlan)):
        answered = set(plan.columns) or set(s.columns)
    elif isinstance(plan, ComparisonPlan):
        answered = {plan.column} if plan.output in ("larger", "smaller") else set()
    elif isinstance(plan, AggregatePlan):
        answered = set(plan.group_by)
    else:
        answered = set()
    for col in answered & set(parts):
        nd = parts[col]
        said = set(nd.low.split())
        for m in nd.item.matches:
            rest = [w for w in re.findall(r"[^\W\d_]+", str(m.value).lower()) if w not in said]
            listed = among_others(nd.text, str(m.value))  # cell_parts.py
            if listed or all(w in ("at", "vs", "v") for w in rest):
                raise Incomplete(f'"{nd.text}" is written {str(m.value)!r} in the {col!r} '
                                 f"column{', beside other items' if listed else ''}, and the "
                                 f"answer would be one of those cells; say the name as the "
                                 f"table writes it.", s.names()[:12])


def _check_period_read(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """A year found in a column of years not named "year" ("Season", "Election") picks that
    period's row, whose cells answer; counting those rows, or adding up the years, reads a
    "how many <thing>" whose thing the question names but the reading missed."""
    periods = {f.column for f in r.filters if f.how == "period"}
    if not periods or not isinstance(plan, AggregatePlan):
        return
    if any(m.column is None or m.column in periods for m in plan.measures):
        _refuse(f"The year picks a row of {sorted(periods)[0]!r}, but this reading counts "
                f"rows or adds up the years instead of reading a value of that row.", s)


def _refuse(message: str, s: SchemaModel) -> None:
    raise Incomplete(message + " Say which column holds the answer. Columns: " +
                     ", ".join(s.names()[:15]) + ".", s.names()[:12])


__all__ = ["check_plan_reading", "numbered_rows", "one_row_asked"]
