"""The question reader: the local, deterministic :class:`Planner`.

question -> tokens (``tokens.py``) -> grounded mentions of columns and values
(``grounding.py``) -> lexicon-tagged nodes (``tagging.py``) -> typed constituents
(``grammar.py`` and the rule modules) -> coverage check (``coverage.py``) -> words about
the events a table records (``event_words.py``: "the game", "this season", "during") -> "how many
<noun>" over a column numbering the rows read as the rows (``row_nouns.py``) -> plan
(``build.py``, ``analysis.py``) or a follow-up of the previous plan (``followup.py``) ->
readings fixed in place (a row-number column counted, ``answer_checks.numbered_rows``; ranks
the right way up, ``ranks.py``) -> checks that the plan answers what was asked
(``answer_type.py``, ``answer_checks.py``).

Precision first: it answers only when every content word of the question is understood
(grounded, part of a constituent, or a word it may read past, which it reports), and the
reading is unambiguous; otherwise it asks back with options or refuses, naming the word
that grounded nothing and the closest columns.
"""

from __future__ import annotations

from ..errors import closest
from .above_below import as_above_below
from .answer_checks import check_plan_reading, numbered_rows, one_row_asked
from .answer_type import (check_answer_type, check_unread, one_example, rows_not_values,
                          single_row_lookup)
from .base import PlanContext
from .career_subject import as_career_subject, place_subject
from .before_whom import as_before_whom
from .bracket_units import check_bracket_unit
from .build import build
from .cell_parts import standing_notes
from .constituents import Incomplete, Reading
from .coverage import check
from .each_items import each_item
from .any_exists import any_exists
from .at_least_count import at_least_count
from .either_number import either_number, yes_no_number
from .how_often import how_often
from .event_words import read_event_words
from .played_side import read_played_side
from .game_pick import game_pick_plan, read_game_pick
from .game_results import read_same_opponent
from .head_nouns import read_head_nouns
from .person_rows import read_person_rows
from .hedged_number import as_unhedged
from .lasted_compare import as_lasted
from .longer_of_two import as_longer_of_two
from .count_asked import count_asked, read_count_asked
from .order_checks import check_count_order
from .order_gates import check_row_order
from .either_side import read_either_side
from .extreme_value import extreme_value
from .grain_extreme import grain_extreme
from .grain_asked import grain_asked
from .unit_columns import check_said_unit
from .first_rows import over_first_rows
from .followup import is_followup, merge
from .grammar import Parser
from .grounding import find_mentions
from .noun_phrase import as_question
from .only_column import as_only_column
from .one_anchor import hold_one_anchor
from .nth_superlatives import nth_superlative
from .only_subject import only_subject
from .outcome_tally import outcome_tally
from .place_answer import where_answer
from .participle_order import as_order_after
from .plan_sanity import check_plan_sanity
from .place_finish import as_place_value
from .top_ranked import as_top_ranked
from .win_counts import as_win_count
from .verb_measures import as_verb_measure
from .degree_nouns import as_degree_noun
from .percent_counts import prefer_counts
from .plan import Plan, PlanResult
from .rank_after import rank_after
from .ranks import read_ranks
from .time_merit import read_time_merit
from .row_modifiers import unread_modifiers
from .respelled import as_respelled
from .row_nouns import counted_row_noun
from .measure_nouns import read_measure_nouns
from .name_parts import read_name_parts
from .schema import SchemaModel
from .seasons import quote_seasons
from .tagging import to_nodes
from .time_order import before_or_after
from .tokens import sentence_start_caps, tokenize
from .what_number import as_how_many
from .weekly_rows import as_weeks
from .yearly_rows import as_years
from .length_extreme import as_length_extreme
from .wide import wide_plan
from .time_degrees import as_time_order
from .whose_clause import as_with_clause
from .work_rows import counted_works
from .work_subject import read_work_subject
from .year_phrase import as_bare_year

MAX_QUESTION_CHARS = 1000


def read(question: str, schema: SchemaModel) -> Reading:
    """The :class:`Reading` of ``question`` over ``schema`` (no plan yet)."""
    toks = tokenize(quote_seasons(question, schema))
    sentence_start_caps(toks, question)
    items = find_mentions(toks, schema)
    reading = Reading(question, to_nodes(items))
    parser = Parser(reading, schema)
    read_name_parts(parser)  # "the last name X": a part of each name, before table order
    read_measure_nouns(parser)  # "the mean low temperature" over "Mean low °F (°C)"
    hold_one_anchor(parser)  # "before the one in X": read last (one_anchor.py)
    parser.parse()
    return reading


class QuestionReader:
    """Deterministic planner for plain-language questions (see the module docstring)."""

    def plan(self, question: str, schema: SchemaModel,
             context: PlanContext | None = None) -> PlanResult:
        q = " ".join(str(question or "").split())
        if not q:
            return PlanResult.refuse("The question is empty. Ask something about the data, "
                                     "for example " + _example(schema) + ".",
                                     schema.names()[:12])
        if len(q) > MAX_QUESTION_CHARS:
            return PlanResult.refuse(
                f"The question is {len(q):,} characters long; keep it under "
                f"{MAX_QUESTION_CHARS:,} characters and ask one thing at a time.")
        ctx = context or PlanContext()
        either = either_number(q, schema, ctx, self.plan) or \
            how_often(q, schema, ctx, self.plan, read) or \
            outcome_tally(q, schema, ctx, self.plan)  # "did they win or lose more games"
        if either is not None:
            return either
        res = self._read_plan(q, schema, ctx)
        if res.status != "ok":  # "was A's area more than 45?" when not read otherwise
            res = yes_no_number(q, schema, ctx, self.plan) or \
                at_least_count(q, schema, ctx, self.plan) or \
                any_exists(q, schema, ctx, self.plan) or res  # "were there any ..."
        if res.status != "ok":  # "was A built before or after B?" by a time column
            res = before_or_after(q, schema, ctx, self.plan) or res
        if res.status != "ok" and ctx.previous is None:
            res = as_question(q, res, lambda alt: self._read_plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "the only <column> with ..."
            res = as_only_column(q, res, lambda adjust: self._read_plan(q, schema, ctx, adjust))
        if res.status != "ok" and ctx.previous is None:  # "what number of players ..."
            res = as_how_many(q, res, lambda alt: self._read_plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "after the year 1990": "after 1990"
            res = as_bare_year(q, res, schema, lambda alt: self.plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "came in last place"
            res = as_place_value(q, res, schema, lambda alt: self.plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "the top ranked rider"
            res = as_top_ranked(q, res, schema, lambda alt: self.plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "the most wins" over "Winners"
            res = as_win_count(q, res, schema, lambda alt: self.plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "which crate weighs the most"
            res = as_verb_measure(q, res, schema, lambda alt: self.plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "the most points" over "Tour points"
            res = as_degree_noun(q, res, schema, lambda alt: self.plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "the last single released"
            res = as_order_after(q, res, lambda alt: self.plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "the earliest opening date"
            res = as_time_order(q, res, schema, lambda alt: self.plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "X is above whom"
            res = as_above_below(q, res, schema, lambda alt: self.plan(alt, schema, ctx), read)
        if res.status != "ok" and ctx.previous is None:  # "X was picked after whom"
            res = as_before_whom(q, res, lambda alt: self.plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "whose length is above 100"
            res = as_with_clause(q, res, lambda alt: self.plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "who served longer, A or B"
            res = as_longer_of_two(q, res, schema, lambda alt: self.plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "lasted more than 40 days"
            res = as_lasted(q, res, lambda alt: self.plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "how long was X at the top", weekly
            res = as_weeks(q, res, schema, lambda alt: self.plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "how long", one row per year
            res = as_years(q, res, schema, lambda alt: self.plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "how long is the longest stay"
            res = as_length_extreme(q, res, lambda alt: self.plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "at least how many wins"
            res = as_unhedged(q, res, lambda alt: self.plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "bornze" for a Bronze column
            res = as_respelled(q, res, schema, lambda alt: self.plan(alt, schema, ctx))
        if res.status != "ok" and ctx.previous is None:  # "did <a name> win": a career's person
            res = as_career_subject(q, res, schema, lambda alt: self.plan(alt, schema, ctx))
        return res

    def _read_plan(self, q: str, schema: SchemaModel, ctx: PlanContext,
                   adjust=None) -> PlanResult:
        r = read(q, schema)
        if adjust is not None:  # a retry's change to the reading (only_column.py)
            adjust(r, schema)
        try:
            plan = self._plan(r, schema, ctx)
        except Incomplete as inc:
            if inc.message == "nothing":
                return _nothing(r, schema)
            if inc.clarify:
                return PlanResult.clarify(inc.message, inc.options)
            return PlanResult.refuse(inc.message, inc.options)
        if isinstance(plan, PlanResult):
            return plan
        plan.question = q
        r.notes += standing_notes(r.nodes, {f.column for f in r.filters})  # cell_parts.py
        return PlanResult.ok(plan, list(r.notes), ignored=list(dict.fromkeys(r.ignored)))

    def _plan(self, r: Reading, s: SchemaModel, ctx: PlanContext) -> Plan | PlanResult:
        check(r, s)
        prefer_counts(r, s)  # "at least 60 wins" on Wins, not on 'Win %'
        read_same_opponent(r, s)  # "against X" over "X" and "at X"
        counted_row_noun(r, s)
        counted_works(r, s)  # "how many singles did the group release" over a table of titles
        read_work_subject(r, s)  # "... did <a name> release": whom the table is about
        read_either_side(r)  # "how many games did X play": X in Home team or Away team
        if r.clarify is not None:
            return PlanResult.clarify(*r.clarify)
        if (r.unknown or r.entity) and not r.problems and not (
                ctx.previous is not None and (r.followup or r.followup_marker)):
            wide = wide_plan(r, s)
            if wide is not None:
                return wide
        read_played_side(r, s)  # "how many games did <a name no cell holds> play"
        read_event_words(r, s)
        read_game_pick(r, s)  # "what date was the fixture with the most fans"
        read_head_nouns(r, s)
        read_person_rows(r, s)  # "name a player who ..." over a table of people
        unread_modifiers(r, s)  # "how many *female* athletes": never read past
        place_subject(r, s)  # "did <a venue's value> compete": not where, who
        read_count_asked(r)
        if r.unknown:
            return _unknown(r, s)
        if r.problems:
            return PlanResult.refuse(r.problems[0] + " " + _columns_hint(s),
                                     s.names()[:12])
        prev = ctx.previous
        if prev is not None and is_followup(r, s):
            try:
                new = build(r, s)
            except Incomplete:
                new = None
            return merge(prev, r, s, new)
        plan = one_example(r, rows_not_values(r, s, single_row_lookup(r, s, build(r, s))))
        plan = nth_superlative(r, s, read_ranks(r, s, numbered_rows(r, s, plan)))
        plan = game_pick_plan(r, s, plan)  # the game's row, not its date's total
        plan = read_time_merit(r, s, plan)  # "the best time": the least
        plan = rank_after(r, s, plan)  # "the next highest after X"
        plan = where_answer(r, s, plan)  # "where was X held": the place column
        plan = only_subject(r, s, plan)  # "in which year was the only novel ..."
        plan = over_first_rows(r, s, plan)  # "the average points of the first 3 teams"
        plan = extreme_value(r, s, plan)  # "what was the fewest number of buoys rounded"
        plan = grain_extreme(r, s, plan)  # "the best year for goals": its year
        plan = grain_asked(r, s, plan)  # "which month held the most fixtures": by month
        check_said_unit(r, s, plan)  # "the lowest depth in metres" from a column in feet
        check_bracket_unit(r, s, plan)  # "2 inches of rain" over "Rain mm (inches)"
        check_unread(r, s, plan)
        check_answer_type(r, s, plan)
        check_plan_reading(r, s, plan)
        check_count_order(r, s, plan)
        check_row_order(r, s, plan)  # "listed above 2007": a row, not a bound
        check_plan_sanity(r, s, plan)  # "than X" as the only row, row numbers added up
        return count_asked(r, one_row_asked(r, each_item(r, s, plan)))


def _example(schema: SchemaModel) -> str:
    m = schema.measures[:1]
    d = schema.by_role("dimension")[:1]
    if m and d:
        return f'"average {m[0]} by {d[0]}"'
    if m:
        return f'"average {m[0]}"'
    return '"how many rows are there?"'


def _columns_hint(s: SchemaModel) -> str:
    return "Columns: " + ", ".join(s.names()[:15]) + (" ..." if len(s.names()) > 15 else "") \
        + "."


def _unknown(r: Reading, s: SchemaModel) -> PlanResult:
    words = list(dict.fromkeys(r.unknown))
    if r.which and r.which_col is None and s.label_column() is None:
        words = list(dict.fromkeys(r.entity + words))  # "which courier ...": no column
    hints: list[str] = []
    for w in words:
        hints += [h for h in closest(w, s.names(), n=3) if h not in hints]
    near = f" Closest columns: {', '.join(hints[:6])}." if hints else ""
    quoted = ", ".join(repr(w) for w in words[:4])
    res = PlanResult.refuse(f"This data has no column or value matching {quoted}, so I "
                            f"can't answer that from it.{near} {_columns_hint(s)}",
                            hints[:8] or s.names()[:12])
    res.unread = words
    return res


def _nothing(r: Reading, s: SchemaModel) -> PlanResult:
    return PlanResult.refuse(f"I couldn't find a question about this data in that. "
                             f"{_columns_hint(s)} Try for example {_example(s)}.",
                             s.names()[:12])


__all__ = ["MAX_QUESTION_CHARS", "QuestionReader", "read"]
