"""Checks on a finished count or table-order plan that the question was read completely.

Like ``answer_checks.py`` these run after the plan is built and only refuse; each one names
a part of the question the plan would silently drop:

* "how many <things>" counted as rows when the column of those things is empty ("-") in
  some rows;
* a count of "<noun>s" over every row when only a few of the rows' names hold that noun
  ("how many *mills*" beside "Old Mill" among other landmarks);
* a count of "<noun>s" over every row when the noun is the plural of a code value ("the
  number of DFs" beside a position column holding "DF");
* every row counted when the first column (singular name) numbers the things 1..k over
  the same number of rows each (two rows per race);
* in a count, a text column said as the predicate that no part of the plan uses ("how many
  types of cable are *shielded*" counted over every type);
* an outcome verb ("won", "lost") left unread while a column of that outcome goes unused
  ("how many clubs have *won* more than 1,000 games" read over Games beside a Wins column),
  or, in a count, while the one result column ("W 24-17", "L 3-10") goes unused ("how many
  games were *won* in 1959" counted over every game);
* "the number of <things>" read as adding up a column whose singular name is that thing
  (a column "Election" of years: the number of elections is how many rows, not a sum);
* a column named only by the part of its header in brackets ("the first listed *country*"
  for "Company (country)") when its cells hold no such part (not a unit of a number column,
  nor an aside telling two columns apart: "Name (French)", "Name (German)");
* a chart word ("area") taken as a chart type in a question that asks for one number;
* the first row by a rank column with empty cells and no rank 1: the rows without a rank
  (often the medallists, shown as pictures) are likely the first ones;
* a year said over the start of a span ("served in the 1980s" on "Start" beside
  "Term end") when the question does not say the start;
* a table-order step by a length of time ("a year before X"): the rows next to each other
  are not a year apart;
* a number said right after a column's name ("in rank 27") that no filter reads.
"""

from __future__ import annotations

import re

from .constituents import Incomplete, Reading
from .grain_extreme import holds_grain
from .lexicon import PLACE_NAMES, PLACE_NOUNS, is_summary_label, name_tokens, stem
from .plan import AggregatePlan, Plan
from .plan_kinds import PositionPlan
from .outcomes import result_columns
from .schema import SchemaModel

#: outcome verbs and the noun a column of that outcome is named with
_OUTCOME_VERBS = {"won": "win", "win": "win", "wins": "win", "winning": "win",
                  "lost": "loss", "lose": "loss", "loses": "loss", "losing": "loss",
                  "drew": "draw", "drawn": "draw", "tied": "tie"}
_OUTCOME_STEMS = {"win": {"win", "won", "victory"}, "loss": {"loss", "lost", "defeat"},
                  "draw": {"draw", "drawn", "drew"}, "tie": {"tie", "tied"}}
_COUNT_NOUN = re.compile(r"\b(?:number of|how many|count of)\s+(?:the\s+)?(?:different\s+)?"
                         r"([a-z]+)")
_TIME_STEP = re.compile(r"\b(?:a|an|one|two|three|four|five|\d+)\s+(?:years?|months?|weeks?|"
                        r"days?|decades?|seasons?)\s+(?:before|after|earlier|later|prior|"
                        r"previous|following|ahead)\b")
_COPULAS = {"is", "are", "was", "were", "be", "been"}
_ASIDE = re.compile(r"\(([^()]*)\)")
_START_WORDS = {"start", "begin", "began", "from", "since", "entered", "opened"}
_END_WORDS = {"end", "ended", "until", "to", "left", "closed", "exit"}
_START_SAID = re.compile(r"\b(?:start|starts|started|starting|begin|begins|began|beginning|"
                         r"took office|entered|opened|first)\b")
START_SAID = _START_SAID  # also read by term_overlap.py
_PLACEHOLDERS = {"-", "\u2013", "\u2014", "n/a", "na", "none", "tbd", "tba", "?", ""}
_CODE = re.compile(r"[A-Z]{2,4}")
_CHART_ASKED = re.compile(r"\b(?:chart|plot|graph|draw|visuali[sz]e|show)\b")


def check_count_order(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """Raise :class:`Incomplete` when a count or a table-order plan drops part of the
    question (see the module docstring)."""
    counting = isinstance(plan, AggregatePlan) and not plan.group_by and not plan.unpivot
    position = isinstance(plan, PositionPlan)
    if r.tool:
        return
    used = set(plan.columns_used())
    if not (counting or position):
        _check_outcome_named(r, s, used)  # "which manager won over 80 matches" (on Matches)
        return
    _check_outcome_verb(r, s, plan, used)
    _check_span_start(r, s, plan)
    if counting:
        _check_unused_column(r, s, used)
        _check_counted_gaps(r, s, plan)
        _check_noun_in_names(r, s, plan)
        _check_noun_is_value(r, s, plan)
        _check_numbered_twice(s, plan)
        _check_counted_unit(r, s, plan)
        _check_counted_places(r, s, plan)
        _check_sum_of_names(r, s, plan)
        _check_chart_word(r, s, plan)
    _check_aside_only(r, s, used)
    if position:
        _check_rank_gaps(s, plan)
        _check_time_step(r, s)
        _check_number_after_column(r, s)


def _check_unused_column(r: Reading, s: SchemaModel, used: set[str]) -> None:
    """A column said as the predicate ("how many types are *shielded*") and left unused."""
    for i, nd in enumerate(r.nodes[1:], start=1):
        if nd.kind != "col" or nd.role not in (None, "column") or \
                r.nodes[i - 1].low not in _COPULAS:
            continue  # role "column": a free column build took, perhaps left unused
        cols = nd.columns
        if cols and not any(c in used for c in cols) and not s.col(cols[0]).numeric and \
                not s.col(cols[0]).is_time and s.col(cols[0]).kind not in ("date", "datetime"):
            _refuse(f'"{r.nodes[i - 1].text} {nd.text}" says what the rows are by the column '
                    f"{cols[0]!r}, which this reading does not use.", s)


def _check_counted_gaps(r: Reading, s: SchemaModel, plan: AggregatePlan) -> None:
    """"how many *lessons* are in the plan" counted as rows when the Lesson column is empty
    ("-") in some rows: those rows hold no lesson."""
    if not any(m.agg == "count" and m.column is None for m in plan.measures):
        return
    for nd in r.nodes:
        if nd.kind != "col" or nd.role != "counted" or not nd.columns or \
                {stem(w) for w in name_tokens(nd.text)} != \
                {stem(w) for w in name_tokens(nd.columns[0])}:
            continue  # only a column named for the things themselves ("Lesson")
        p = s.col(nd.columns[0])
        empty = [v for v in (p.values or []) if str(v).strip().lower() in _PLACEHOLDERS]
        if p.n_null + len(empty) == 1 and _has_summary_row(s):
            continue  # the one blank name is the "Total" row's, which the count leaves out
        if p.n_null or empty:
            shown = "missing" if p.n_null else repr(empty[0])
            _refuse(f"{nd.columns[0]!r} is empty in some rows ({shown}), so counting the rows "
                    f"does not count the {nd.text}.", s)


def _has_summary_row(s: SchemaModel) -> bool:
    """Whether some column holds a summary value ("Total") as one of its cells."""
    return any(is_summary_label(v) for p in s.columns.values() for v in (p.values or []))


def _check_noun_in_names(r: Reading, s: SchemaModel, plan: AggregatePlan) -> None:
    """"how many *churches* are listed" counted over every row, when a few of the rows'
    names say "Mill" ("Old Mill") and most do not: the noun picks those rows."""
    label = s.label_column()
    if plan.filters or label is None or s.col(label).kind != "text" or \
            not any(m.agg == "count" and m.column is None for m in plan.measures):
        return  # a filtered count ("how many buildings have < 20 floors"): the rows' noun
    vals = [str(v) for v in (s.col(label).values or []) if v is not None]
    for noun in r.entity:
        word = stem(noun.lower())
        hits = [v for v in vals if word in {stem(t) for t in name_tokens(v)}]
        if len(word) >= 3 and hits and 2 * len(hits) < len(vals):
            _refuse(f'"{noun}" names only some rows (those whose {label!r} says so, such as '
                    f"{hits[0]!r}), but this reading counts every row.", s)


def _check_noun_is_value(r: Reading, s: SchemaModel, plan: AggregatePlan) -> None:
    """"what is the number of *MFs*" counted over every row when "MF" is a value of a
    column (a position): the plural of a code (capitals, at most four letters) picks the
    rows holding it. Words ("Album", "Game") are left to the noun's other readings."""
    if not any(m.agg == "count" and m.column is None for m in plan.measures):
        return
    for noun in r.entity:
        low = noun.lower()
        if not low.endswith("s") or len(low) < 3:
            continue
        forms = {low[:-1], stem(low)}
        for c, p in s.columns.items():
            hit = next((v for v in (p.values or []) if str(v).strip().lower() in forms and
                        _CODE.fullmatch(str(v).strip())), None)
            if p.kind == "text" and hit is not None and p.n_distinct > 1:
                _refuse(f'"{noun}" may be the rows whose {c!r} is {hit!r}, but this reading '
                        f"counts every row.", s)


def _counted_noun(r: Reading):
    """The word right after "how many" / "number of", when the reading left it unread."""
    k = next((i for i, nd in enumerate(r.nodes) if nd.role == "count"), None)
    if k is None:
        return None
    for nd in r.nodes[k + 1:]:
        if nd.role == "distinct" or nd.low in ("the", "total"):
            continue  # "how many *different* countries"
        return nd if nd.kind == "word" and nd.role in (None, "ignored", "entity") else None
    return None


def _check_counted_unit(r: Reading, s: SchemaModel, plan: AggregatePlan) -> None:
    """"how many years does it show" counted over every row when no column holds that unit
    (the years head the columns, the rows are countries): the rows are not years."""
    if plan.filters or not any(m.agg == "count" and m.column is None for m in plan.measures):
        return
    nd = _counted_noun(r)
    grain = nd.tags.get("grain") if nd is not None else None
    if grain and nd.low.endswith("s") and not any(
            s.col(c).kind in ("date", "datetime") or holds_grain(s, c, str(grain))
            for c in s.columns):
        _refuse(f'"{nd.text}" are counted, but no column holds {grain}s, so the rows are '
                f"not {nd.text}; counting them would answer another question.", s)


def _check_counted_places(r: Reading, s: SchemaModel, plan: AggregatePlan) -> None:
    """"how many countries did they play" counted over every row when a column that does
    not name the rows holds places, some more than once: the rows, or the distinct places?"""
    if plan.filters or not any(m.agg == "count" and m.column is None for m in plan.measures):
        return
    nd = _counted_noun(r)
    if nd is None or nd.low not in PLACE_NOUNS:
        return
    if r.distinct:
        _refuse(f'"different {nd.text}" asks for distinct places, but no column holds them '
                f"by that name and this reading counts every row.", s)
    for c, p in s.columns.items():
        vals = [str(v).strip().lower() for v in (p.values or [])]
        if p.kind == "text" and vals and p.n_distinct < s.n_rows and \
                sum(v in PLACE_NAMES for v in vals) >= len(vals) / 2:
            _refuse(f'"{nd.text}" may be the distinct values of {c!r} (some repeat), but '
                    f"this reading counts every row.", s)


def _check_numbered_twice(s: SchemaModel, plan: AggregatePlan) -> None:
    """"how many races were there" counted over every row when the table's first column
    numbers the things 1..k and each number spans several rows (a race's team row and its
    drivers' row): the rows are not the things."""
    if plan.filters or not s.names() or \
            not any(m.agg == "count" and m.column is None for m in plan.measures):
        return
    first = s.names()[0]
    p = s.col(first)
    toks = name_tokens(first)
    singular = bool(toks) and stem(toks[-1]) == toks[-1].lower()  # "Rnd", not "Seasons"
    if singular and p.kind == "integer" and not p.approx and p.min is not None and \
            float(p.min) == 1 and float(p.max) == p.n_distinct and \
            1 < p.n_distinct < s.n_rows and p.n_null == 0 and s.n_rows % p.n_distinct == 0:
        # the same number of rows per thing
        _refuse(f"{first!r} numbers {p.n_distinct} things over {s.n_rows} rows, so the rows "
                f"are not the things counted.", s)


def _check_span_start(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """"how many officials held office in the 1980s" read on "Start" beside "End": a
    span that began earlier and ran into the period is in it too, unless the question says
    the start ("began", "started")."""
    if _START_SAID.search(r.question.lower()):
        return
    filtered = {f.column for f in plan.filters}
    for f in plan.filters:
        if f.column not in s.columns:
            continue
        toks = [stem(t) for t in name_tokens(f.column)]
        start = [t for t in toks if t in _START_WORDS]
        if not start:
            continue
        rest = [t for t in toks if t not in _START_WORDS]
        for other in s.names():
            o = [stem(t) for t in name_tokens(other)]
            if other in filtered:
                continue  # the span's end is compared too: the spans reaching in
            if other != f.column and any(t in _END_WORDS for t in o) and \
                    [t for t in o if t not in _END_WORDS] == rest:
                _refuse(f"{f.column!r} and {other!r} make a span; a span that began before "
                        f"and ran into the period asked is in it too, which this reading "
                        f"(on {f.column!r} only) leaves out.", s)


def _check_aside_only(r: Reading, s: SchemaModel, used: set[str]) -> None:
    """"the first listed *country*" grounded only by the aside of a header "Company
    (country)" whose cells hold no such aside: the values are companies, not countries."""
    for nd in r.nodes:
        if nd.kind != "col" or not nd.columns or nd.columns[0] not in used:
            continue
        c = nd.columns[0]
        m = _ASIDE.search(c)
        if m is None:
            continue
        said = {stem(t) for t in name_tokens(nd.text)}
        aside = {stem(t) for t in name_tokens(m.group(1))}
        head = c[:m.start()] + c[m.end():]
        main = {stem(t) for t in name_tokens(head)}
        values = s.col(c).values or []
        if s.col(c).numeric or any(_ASIDE.sub("", o).strip() == head.strip()
                                   for o in s.names() if o != c):
            continue  # a unit ("Length (miles)"), or the aside tells two columns apart
        if said and said <= aside and not said & main and \
                not any("(" in str(v) for v in values):
            _refuse(f'"{nd.text}" matches only the part in brackets of {c!r}, and its cells '
                    f"do not hold that part.", s)


def _check_outcome_named(r: Reading, s: SchemaModel, used: set[str]) -> None:
    """"won" left unread while a column is named for it ('Win %', 'Wins') that the reading
    does not use: the rows it picks or counts are not those won."""
    for nd in r.nodes:
        if nd.kind != "word" or nd.role is not None or nd.low not in _OUTCOME_VERBS:
            continue
        named = [c for c in s.names() if {stem(t) for t in name_tokens(c)} &
                 _OUTCOME_STEMS[_OUTCOME_VERBS[nd.low]]]
        if any(c not in used for c in named) and not any(c in used for c in named):
            _refuse(f'"{nd.text}" is what the column {named[0]!r} records, but this reading '
                    f"does not use it.", s)


def _check_outcome_verb(r: Reading, s: SchemaModel, plan: Plan, used: set[str]) -> None:
    _check_outcome_named(r, s, used)
    for nd in r.nodes:
        if nd.kind != "word" or nd.role is not None or nd.low not in _OUTCOME_VERBS:
            continue
        results = list(result_columns(s))
        if isinstance(plan, AggregatePlan) and len(results) == 1 and results[0] not in used:
            _refuse(f'"{nd.text}" picks the rows whose {results[0]!r} is that outcome, which '
                    f"this reading does not read.", s)


def _check_sum_of_names(r: Reading, s: SchemaModel, plan: AggregatePlan) -> None:
    m = _COUNT_NOUN.search(r.question.lower())
    if m is None:
        return
    asked = m.group(1)
    if not asked.endswith("s") or stem(asked) == asked:
        return  # "number of" a singular: not a count of things named by a column
    for meas in plan.measures:
        if meas.agg != "sum" or meas.column not in s.columns:
            continue
        toks = name_tokens(meas.column)
        if len(toks) == 1 and stem(toks[0]) == toks[0].lower() and \
                stem(asked) == toks[0].lower():
            _refuse(f'"{m.group(0)}" asks how many {asked} there are, but this reading adds '
                    f"up the values of {meas.column!r} (one {toks[0].lower()} per row).", s)


def _check_chart_word(r: Reading, s: SchemaModel, plan: AggregatePlan) -> None:
    if plan.chart and not plan.time_bucket and r.count and \
            not _CHART_ASKED.search(r.question.lower()):
        _refuse(f'"{plan.chart}" was read as a chart type in a question that asks for one '
                f"number.", s)


def _check_rank_gaps(s: SchemaModel, plan: PositionPlan) -> None:
    if plan.position != "first" or plan.descending or plan.order_by is None or \
            plan.order_by not in s.columns:
        return
    p = s.col(plan.order_by)
    if p.n_null and p.numeric and p.min is not None and float(p.min) > 1:
        # no rank 1 and some rows unranked: the top rows are likely the empty ones
        _refuse(f"{plan.order_by!r} is empty in {p.n_null} row{'s' if p.n_null > 1 else ''}, "
                f"which cannot be placed in that order.", s)


def _check_time_step(r: Reading, s: SchemaModel) -> None:
    m = _TIME_STEP.search(r.question.lower())
    if m is not None:
        _refuse(f'"{m.group(0)}" steps by a length of time, but rows next to each other in '
                f"the table are not that far apart.", s)


def _check_number_after_column(r: Reading, s: SchemaModel) -> None:
    for i, nd in enumerate(r.nodes[1:], start=1):
        before = r.nodes[i - 1]
        if nd.kind == "num" and nd.role is None and before.kind == "col":
            _refuse(f'"{before.text} {nd.text}" names a row by its {before.columns[0]!r}, '
                    f"which this reading does not use.", s)


def _refuse(message: str, s: SchemaModel) -> None:
    raise Incomplete(message + " Columns: " + ", ".join(s.names()[:15]) + ".",
                     s.names()[:12])


__all__ = ["check_count_order"]
