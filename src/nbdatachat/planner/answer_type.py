"""The answer must be of the type the question asks for, or the reader does not answer.

A question says what kind of thing it wants before it says anything else: "who" a name, "when" a
date or a year, "where" a place (text), "which <noun>" one of the rows' names, "how many" a count
or a number. A plan whose answer is of another type reads another question (a row count for "who
won", an average for "how many medals did X win"), so the reader asks back instead of stating it.
These checks run on the finished plan; they only refuse.
"""

from __future__ import annotations

import re

from .constituents import Incomplete, Reading
from .count_numbers import check_kinds_together
from .lexicon import OUTCOME_NOUNS, UNITS, name_tokens, stem
from .list_cells import distinct_items
from .people_rows import counts_people
from .period_counts import counts_periods
from .plan import AggregatePlan, Measure, Plan, RowsPlan
from .plan_kinds import LookupPlan
from .schema import SchemaModel
from .total_of_rows import counts_total_of_rows

_WH = re.compile(r"\b(who|whom|whose|when|where|which|what)\b")
#: what may come before an asking "who/when/where": nothing, or a leading clause
_OPENING = re.compile(r"^(?:(?:and|so|then|ok|okay|also|now)\s*,?\s*|.*[,;:?]\s*)?$")
_YES_NO = re.compile(r"(?:\w+\s*,\s*)?(?:is|are|was|were|did|does|do|has|have|had|can|could|"
                     r"will|would|should)\b")
_GROUPING = re.compile(r"\b(by|per|each|every|for all|breakdown|broken|split|across|different|"
                       r"various|compare|compared|comparing|based on|among|versus|vs)\b")
#: words that join two things asked for ("mean and median", "tip, bill", "both")
_LINK = re.compile(r"\band\b|,|&|\bboth\b|\bplus\b|\bversus\b|\bvs\b|\bas well as\b")
_DISTINCT = re.compile(r"\b(different|distinct|unique|separate|various|kinds? of|types? of)\b")
#: the noun after a superlative or a "number of": what is ranked or counted
_COUNTED = re.compile(r"\b(?:most|least|fewest|highest|lowest|largest|smallest|greatest|"
                      r"top|number of|amount of|total of|count of)\s+(?:the\s+)?"
                      r"(?:number of\s+|amount of\s+)?([a-z]+)")
#: "the average points of the top 5": one number over a top N
_OVER_TOP = re.compile(r"\b(?:average|mean|total|sum|combined)\b.*\b(?:of|by|for|among) "
                       r"the (?:top|bottom|first|last) (?:\d+|[a-z]+)\b")
_AVERAGE = re.compile(r"\b(average|mean|avg|typical|per)\b")


def asked_type(question: str) -> str | None:
    """"count" | "who" | "when" | "where" | "which" | "what" | None, from the question's
    words: "how many" / "how much" anywhere, or "number of" not governed by an earlier
    wh-word with its own noun ("what is the number of ..." counts; "which team has the
    largest number of ..." asks for a team), else the first wh-word."""
    q = question.lower()
    m = _WH.search(q)
    w = None if m is None else ("who" if m.group(1) in ("whom", "whose") else m.group(1))
    if w in ("who", "when", "where") and not _OPENING.match(q[:m.start()]):
        w = None  # "average tip when the bill is over 40", "the player who scored": a clause
    if re.search(r"\b(how many|how much)\b", q) or re.match(r"(?:what|which) number\s+"
                                                         r"(?!(?:of|was|is|has|does)\b)[a-z]+s\b", q):
        return "count"  # "what number clubs entered ...": how many
    n = re.search(r"(?<!same )\b(?:number|amount|count) of\b", q)  # not "the same number of"
    if n is not None and (m is None or n.start() < m.start() or (
            w == "what" and re.match(r"what(?:'s| is| was| were| are)?\s+(?:the\s+)?"
                                     r"(?:total\s+)?(?:number|amount|count) of", q[m.start():]))):
        return "count"
    return w


def check_answer_type(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """Raise :class:`Incomplete` when ``plan`` answers with another type than asked."""
    if isinstance(plan, AggregatePlan) and not plan.group_by and not plan.time_bucket and \
            not plan.unpivot and any(m.agg == "mean" and m.column and not (m.over or m.percent)
                                     and not _explicit(r, m.column) for m in plan.measures):
        _refuse("No word of the question says how to combine the values, and averaging "
                "them would answer another question.", s)
    if isinstance(plan, AggregatePlan) and not plan.unpivot and len(
            {m.column for m in plan.measures if m.column not in plan.group_by}) >= 2 and \
            not _LINK.search(r.question.lower()):
        _refuse("This reading found " + " and ".join(repr(m.column) for m in plan.measures)
                + " for what the question names as one thing.", s)
    if isinstance(plan, AggregatePlan) and not plan.unpivot:
        check_kinds_together(s, plan)  # "how many silver and bronze medals"
        _check_outcome_count(r, s, plan)
        _check_year_sum(s, plan)
    asked = asked_type(r.question)
    kind, cols = _answer_of(plan)
    counts_rows = isinstance(plan, AggregatePlan) and not plan.unpivot and \
        not plan.share and any(
        m.agg in ("count", "count_distinct") for m in plan.measures)
    if _YES_NO.match(r.question.lower()) and asked != "count" and (
            kind in ("number", "cells") or kind in ("groups", "entity") and counts_rows):
        # "do women tip more than men" by sex compares two groups' averages: kept
        _refuse("That asks yes or no (or which of two), but this reading "
                + ("computes one number over the rows it picks." if kind == "number" else
                   "lists rows or groups."), s)
    if counts_rows and kind == "number" and asked not in ("count", None) and \
            not counts_total_of_rows(r, s, plan):  # "what is the total of stations"
        _refuse(f'"{asked.capitalize()}" does not ask how many, but this reading counts '
                f"rows.", s)
    if kind == "entity" and isinstance(plan, AggregatePlan) and any(
            f.op == "=" and f.column in plan.group_by for f in plan.filters):
        _refuse("This reading ranks the rows of one " + repr(cols[0]) + " only (the question "
                "names it), so the ranking would compare nothing.", s)
    if counts_rows and kind == "number" and not r.count and not _COUNT_WORD.search(
            r.question.lower()):
        _refuse("No word of the question asks how many, but this reading counts rows.", s)
    if kind in ("entity", "cells") and _asks_the_extreme_value(r, plan):
        _refuse("That asks for the highest or lowest value itself, but this reading answers "
                f"with {_which(cols)}.", s)
    if counts_rows and kind == "groups" and not r.count and not plan.chart and \
            not plan.order_by and not _DISTRIBUTION.search(r.question.lower()):
        _refuse("No word of the question asks how many, but this reading counts the rows of "
                f"each {' and '.join(repr(c) for c in cols)}.", s)
    if isinstance(plan, RowsPlan) and plan.order_by and plan.limit == 1 and \
            not _mentions(r, plan.order_by) and getattr(r.rowdiff, "kind", "") != "duration":
        _refuse(f"No word of the question names what to rank by; this reading would guess "
                f"{plan.order_by!r}.", s)
    if kind == "entity" and isinstance(plan, AggregatePlan) and (plan.limit or 1) > 1 and \
            _OVER_TOP.search(r.question.lower()):
        _refuse("That asks for one number over the top rows, but this reading lists them.", s)
    if counts_rows and kind == "entity" and (plan.argmax or plan.order_by):
        key = cols[0]
        if s.col(key).n_distinct >= 0.9 * s.n_rows and plan.time_bucket is None:
            _refuse(f"Ranking {key!r} by its number of rows compares nothing: nearly every "
                    f"{key!r} has one row. Name the column to compare.", s)
    if asked is None:
        return
    if kind == "groups" and not _GROUPING.search(r.question.lower()) and asked is not None \
            and not plan.chart:
        _refuse("That asks for one answer, but this reading gives a value for each "
                f"{' and '.join(repr(c) for c in cols)}.", s)
    if kind == "cells" and isinstance(plan, RowsPlan) and not plan.filters and \
            not plan.order_by and asked in ("who", "which", "what", "where", "when"):
        _refuse("This reading lists every row: no condition of the question was understood.",
                s)
    if isinstance(plan, RowsPlan) and not plan.columns and asked is not None:
        _refuse("This reading can only show whole rows; say which column holds the answer.", s)
    if isinstance(plan, AggregatePlan) and not plan.unpivot:
        _check_distinct(r, s, plan)
        _check_counted_noun(r, s, plan)
    if kind is None or kind == "groups":
        return
    if asked == "count":
        _check_count_of_amount(r, s, plan, cols, counts_rows)
        if kind == "entity" or (kind == "cells" and not all(_numeric(s, c) for c in cols)):
            _refuse(f"That asks how many, but this reading answers with "
                    f"{_which(cols)} (names, not a number).", s)
        if kind == "number" and isinstance(plan, AggregatePlan) and any(
                m.agg == "mean" for m in plan.measures) and not _AVERAGE.search(
                r.question.lower()):
            _refuse("That asks how many, but the only reading I have is an average.", s)
        return
    if asked in ("who", "where"):
        if kind == "number" or not any(_text(s, c) for c in cols):
            _refuse(f'"{asked.capitalize()}" asks for a name, but this reading answers with '
                    f"{'a number' if kind == 'number' else _which(cols)}.", s)
        return
    if asked == "when":
        if kind == "number" and not _time_measure(s, plan):
            _refuse('"When" asks for a date or a year, but this reading answers with a '
                    "number.", s)
        if kind != "number" and not any(_time(s, c) for c in cols):
            _refuse(f'"When" asks for a date or a year, but this reading answers with '
                    f"{_which(cols)}.", s)
        return
    if asked in ("which", "what") and r.which_col is not None and kind in ("cells", "entity") \
            and r.which_col not in cols:
        _refuse(f'"{asked} {r.which_col}" asks for a {r.which_col!r}, but this reading answers '
                f"with {_which(cols)}.", s)
    if asked in ("which", "what") and r.which and kind == "number" and r.which_col is None \
            and r.entity:
        _refuse(f'"{asked} {r.entity[0]}" asks for one of the rows, but this reading answers '
                f"with a number.", s)


_DIFFERENCE = re.compile(r"\b(how (?:many|much) (?:more|less|fewer|longer|shorter|older|"
                         r"younger|higher|lower|bigger|smaller)|difference|"
                         r"respectively|compared (?:to|with))\b")


_SUPERLATIVES = {"highest", "lowest", "largest", "smallest", "least", "fewest", "most",
                 "greatest", "biggest", "maximum", "minimum"}


def check_unread(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """Words whose meaning the plan would silently drop: an ordinal ("the *second*
    largest"), a comparative with no "than" ("who got *more* votes, A or B"), a number
    that filters nothing ("seats in *1991*"), a difference or a sum of two named things."""
    if not isinstance(plan, (AggregatePlan, RowsPlan, LookupPlan)) or r.tool:
        return
    for nd in r.nodes:
        if nd.role is not None or nd.kind != "word":
            continue
        if "ordinal" in nd.tags and nd.low not in ("first", "last", "1st"):
            _refuse(f'"{nd.text}" asks for a position in an order, which this reading '
                    f"would drop.", s)
        if "sup" in nd.tags and nd.low in ("more", "less", "fewer", "greater", "better",
                                           "worse", "higher", "lower"):
            _refuse(f'"{nd.text}" compares things, which this reading would drop.', s)
        if "sup" in nd.tags and nd.low in _SUPERLATIVES and isinstance(plan, AggregatePlan) \
                and any(m.agg in ("sum", "mean", "count") for m in plan.measures):
            _refuse(f'"{nd.text}" asks for an extreme, which this reading would drop.', s)
    if r.superlative and isinstance(plan, AggregatePlan) and not plan.keys and \
            not plan.unpivot and not plan.argmax and plan.measures and \
            all(m.agg in ("sum", "mean", "count") for m in plan.measures):
        _refuse(f'"{r.superlative_word or "the superlative"}" asks for the highest or lowest, '
                f"but this reading computes a total or an average.", s)
    if r.limit and isinstance(plan, AggregatePlan) and not plan.keys and not plan.unpivot \
            and s.n_rows > r.limit:  # a top 10 of 10 rows is every row
        _refuse(f'"{r.limit_dir and "top" or "first"} {r.limit}" limits the rows to a '
                f"ranking, which this reading would drop.", s)
    if r.numbers:
        n = r.numbers[0]
        _refuse(f"I could not tell what {n:g} refers to in the question.", s)
    m = _DIFFERENCE.search(r.question.lower())
    if m is not None and r.rowdiff is None:
        _refuse(f'"{m.group(1)}" asks for a difference or a comparison of the values, which '
                f"this reading does not compute.", s)


def single_row_lookup(r: Reading, s: SchemaModel, plan: Plan) -> Plan:
    """A column aggregated with no aggregation word over the rows the question's values pick
    ("how many laps did <driver> complete", "what was the attendance of <game>") is that
    row's cell: read as a lookup of one row, which says so instead of "average Laps where
    ...", and which asks back when the values match several rows. Other plans are returned
    as they are."""
    if not isinstance(plan, AggregatePlan) or plan.group_by or plan.time_bucket or \
            plan.share or plan.part or plan.unpivot or len(plan.measures) != 1 or \
            not plan.filters or plan.logic != "and":
        return plan
    m = plan.measures[0]
    if m.column is None or m.agg not in ("mean", "sum") or _explicit(r, m.column) or \
            m.over or m.percent:
        return plan
    if m.agg == "sum" and not any(_names_one_row(s, f) for f in plan.filters):
        return plan  # "how many medals did <country> win" over its rows: their total
    return LookupPlan(columns=[m.column], filters=list(plan.filters), logic=plan.logic,
                      chart=plan.chart, question=plan.question, one=True, steps=plan.steps)


_ONE_EXAMPLE = re.compile(r"\b(?:name|give|list|tell me|find|show me)\s+(?:me\s+)?(?:a|an|one)"
                          r"\s+(?!of\b)[a-z]+")


def one_example(r: Reading, plan: Plan) -> Plan:
    """"name a rider who scored at least 10 points" asks for one of the rows, not all of
    them: the first in table order (the reading says "first 1"). Other plans are returned
    as they are."""
    if not _ONE_EXAMPLE.search(r.question.lower()) or not plan.filters:
        return plan
    if isinstance(plan, RowsPlan) and not plan.order_by and plan.chart is None:
        return plan.copy(limit=1)
    if isinstance(plan, LookupPlan) and plan.by is None and not (
            plan.one or plan.same or plan.yes_no):
        return plan.copy(limit=1)
    return plan


def rows_not_values(r: Reading, s: SchemaModel, plan: Plan) -> Plan:
    """"how many games were played at <venue>": the distinct venues among the rows where the
    venue is <venue> is always one; the question counts the rows. Other plans are returned
    as they are."""
    if not isinstance(plan, AggregatePlan) or plan.unpivot:
        return plan
    picked = {f.column for f in plan.filters if f.op == "="}
    if not any(m.agg == "count_distinct" and m.column in picked for m in plan.measures):
        return plan
    return plan.copy(measures=[Measure("count") if m.agg == "count_distinct" and
                               m.column in picked else m for m in plan.measures])


_DISTRIBUTION = re.compile(r"\b(distribution|histogram|spread|frequenc\w*|breakdown|"
                           r"break down|tally|counts?)\b")


def _mentions(r: Reading, column: str) -> bool:
    """A node of the question grounds to ``column`` (a name, a value, or a word the lexicon
    ties to it such as "hottest" for a temperature)."""
    return any(column in nd.columns for nd in r.nodes) or any(
        column == getattr(mc, "column", None) for mc in r.measures) or \
        r.superlative_column == column


_COUNT_WORD = re.compile(r"\b(how many|number|count|counts|total|tally|times|often)\b")
_WHAT_IS_THE = re.compile(r"^what(?:'s| is| was| are| were) the (\w+)\b")
_AMOUNT_OF = {"number of", "amount of", "count of", "total of", "level of"}
_AFTER_MEASURE = {"for", "of", "in", "among", "by", "with", "on", "at", "from", "to", "?",
                  "that", "when", "where", "ever", "recorded", "listed", "achieved"}


def _asks_the_extreme_value(r: Reading, plan: Plan) -> bool:
    """"what is the highest X for ..." asks for the value of X: the superlative governs the
    ranked column, which heads the phrase (nothing but a preposition or the end follows)."""
    m = _WHAT_IS_THE.match(r.question.lower())
    if m is None or m.group(1) not in _SUPERLATIVES:
        return False
    ranked = getattr(plan, "order_by", None)
    if isinstance(plan, AggregatePlan):
        ranked = plan.measures[0].column if plan.measures else None
    if ranked is None:
        return False
    nodes = [nd for nd in r.nodes if nd.kind != "word" or nd.low not in ("the", "a", "an")]
    for i, nd in enumerate(nodes):
        if nd.low == m.group(1):
            if i + 1 < len(nodes) and nodes[i + 1].low in _AMOUNT_OF:
                i += 1  # "the highest number of points of any rider": still the value
            nxt = nodes[i + 1] if i + 1 < len(nodes) else None
            if nxt is None or nxt.kind != "col" or ranked not in nxt.columns:
                return False
            after = nodes[i + 2] if i + 2 < len(nodes) else None
            return after is None or after.low in _AFTER_MEASURE or after.kind == "sym"
    return False


def _explicit(r: Reading, column: str) -> bool:
    """The question has an aggregation word for ``column`` (or for the whole question)."""
    return r.global_agg is not None or any(mc.column == column and mc.aggs
                                           for mc in r.measures)


def _names_one_row(s: SchemaModel, f) -> bool:
    p = s.col(f.column)
    return f.op == "=" and not isinstance(f.value, (list, dict)) and s.n_rows >= 2 and \
        p.n_distinct >= 0.9 * s.n_rows


def _check_distinct(r: Reading, s: SchemaModel, plan: AggregatePlan) -> None:
    """"how many winners": the rows, or the distinct winners? Unless the question says
    "different" / "distinct" / "unique", or the column repeats each value many times (a
    country in country-year rows), both readings are likely: ask. A single count is marked
    ``either_count`` instead, and asked back after the query only if the two differ (not
    when a span of time is counted: "how many *years* did X serve")."""
    for i, m in enumerate(plan.measures):
        if m.agg != "count_distinct" or m.column is None or _DISTINCT.search(
                r.question.lower()) or distinct_items(r, s, plan, i) or \
                counts_periods(r, s, plan, i):  # "how many years": the years
            continue
        p = s.col(m.column)
        if s.n_rows >= 50 and p.n_distinct <= 0.2 * s.n_rows:
            continue
        if _either_count(s, plan, m.column) and not _counts_time(r, s, m.column):
            plan.either_count = True  # one number: answered when rows and values agree
            continue
        raise Incomplete(f"Count the rows, or the distinct values of {m.column!r} (some "
                         f"repeat)? For the distinct values ask 'how many different "
                         f"{m.column} ...'.", ["rows", f"distinct {m.column}"], clarify=True)


def _either_count(s: SchemaModel, plan: AggregatePlan, col: str) -> bool:
    """A count the service can settle by counting both ways: one number, of text or time
    values (the distinct values of a number column are seldom what "how many" asks; nor
    are those of cells listing names), over rows no filter narrows to one row by a name
    ("how many titles did <a player> win")."""
    p = s.col(col)
    if len(plan.measures) != 1 or plan.keys or plan.order_by or plan.argmax or plan.share \
            or plan.limit or (p.numeric and not _time(s, col)) or _lists(p.values or []):
        return False
    return not any(f.op == "=" and f.column in s.columns and not s.col(f.column).numeric and
                   not _time(s, f.column) and s.n_rows >= 5 and
                   s.col(f.column).n_distinct >= 0.9 * s.n_rows for f in plan.filters)


def _lists(values: list[object]) -> bool:
    """Cells listing several names ("Ada 2, Bo Lund"): their distinct cells are not the
    distinct names, so neither count is what "how many scorers" asks."""
    cells = [str(v) for v in values if str(v).strip()]
    return bool(cells) and sum(1 for v in cells if "," in v or "\n" in v) >= 0.2 * len(cells)


def _counts_time(r: Reading, s: SchemaModel, col: str) -> bool:
    """"served how many *years*": a span of time is counted, not the values of a column
    that holds no time."""
    for i, nd in enumerate(r.nodes[:-1]):
        if nd.role == "count" and "grain" in r.nodes[i + 1].tags and not _time(s, col):
            return True
    return False


def _check_counted_noun(r: Reading, s: SchemaModel, plan: AggregatePlan) -> None:
    """"which region had the most *entrants*": a noun that grounded nothing is what is
    ranked, and ranking groups of a few rows each by their row count drops it."""
    if not any(m.agg == "count" and m.column is None for m in plan.measures):
        return
    ignored = {w.lower() for w in r.ignored}
    for m in _COUNTED.finditer(r.question.lower()):
        ranks = bool(plan.argmax or plan.order_by)
        if m.group(1) in ignored and ranks and _small_groups(s, plan) and \
                not counts_people(m.group(1), s, plan):  # "most competitors": a row each
            _refuse(f'"{m.group(1)}" is what the question counts or ranks by, but no column '
                    f"holds it; counting rows would answer another question.", s)


_COUNT_OF = re.compile(r"\b(?:how many|number of|count of|total of)\s+(?:the\s+)?"
                       r"([a-z]+)(?:\s+([a-z]+))?")


def _check_outcome_count(r: Reading, s: SchemaModel, plan: AggregatePlan) -> None:
    """"the number of losses": a result each row records, not what a row is. Counting the
    rows drops the condition (which rows are losses) unless a value or a column names it."""
    if not any(m.agg == "count" and m.column is None for m in plan.measures):
        return
    named = {stem(t) for f in plan.filters for t in name_tokens(str(f.value))}
    named |= {stem(t) for c in s.columns for t in name_tokens(c)}
    for m in _COUNT_OF.finditer(r.question.lower()):
        word = next((w for w in m.groups() if w in OUTCOME_NOUNS), None)
        if word is not None and stem(word) not in named and not any(
                f.op == "starts with" and str(f.value).lower() == word[0]
                for f in plan.filters) and not any(  # "losses": the result opens with L
                nd.low == word and nd.role == "filter" for nd in r.nodes):  # outcomes.py
            _refuse(f'"{word}" is a result the rows record, and no value or column of the '
                    f"data names it; counting the rows would answer another question.", s)


def _check_year_sum(s: SchemaModel, plan: AggregatePlan) -> None:
    """A total of years (1998 + 2002 + ...) is no quantity: "the total of years" counts
    them or spans them, which summing would not say."""
    for m in plan.measures:
        if m.agg == "sum" and m.column in s.columns and s.col(m.column).year_like:
            _refuse(f"{m.column!r} holds years, and adding years up gives no quantity.", s)


_HOW_MANY_UNIT = re.compile(r"\bhow (?:many|much)\s+(?:total\s+)?([a-z]+)")
_RATE = re.compile(r"/|\bper\b|\bdensity\b|\brate\b|%")


def _check_count_of_amount(r: Reading, s: SchemaModel, plan: Plan, cols: list[str],
                           counts_rows: bool) -> None:
    """"how many metres ...": an amount in a unit, which a row count is not; "how many
    people live in X" answered with a density (people per km²): a rate is not a count."""
    q = r.question.lower()
    m = _HOW_MANY_UNIT.search(q)
    if counts_rows and m is not None and m.group(1) in UNITS and len(m.group(1)) > 2 and \
            m.group(1) != "units":
        _refuse(f'"how many {m.group(1)}" asks for an amount, but this reading counts rows.', s)
    answer_cols = cols or [mm.column for mm in getattr(plan, "measures", []) if mm.column]
    if _RATE.search(q) is None and answer_cols and all(
            _RATE.search(str(c).lower()) for c in answer_cols):
        _refuse(f"That asks how many, but {_which(answer_cols)} holds a rate or a share.", s)


def _small_groups(s: SchemaModel, plan: AggregatePlan) -> bool:
    """Groups of a few rows each: their row counts say little about "the most <noun>"
    (each row may hold any number of them), unlike days that each have dozens of rows."""
    keys = [k for k in plan.group_by if k in s.columns]
    return bool(keys) and s.n_rows < 5 * max(s.col(k).n_distinct for k in keys)


def _answer_of(plan: Plan) -> tuple[str | None, list[str]]:
    """("number", []) for a computed number, ("entity", keys) for the key of a ranking or a
    grouping, ("cells", columns) for cells of rows, (None, []) when not judged here."""
    if isinstance(plan, LookupPlan) and plan.yes_no:
        return None, []  # answers "Yes" or "No" itself
    if isinstance(plan, AggregatePlan):
        if plan.unpivot:
            return None, []
        keys = list(plan.group_by) + ([plan.time_bucket.column] if plan.time_bucket else [])
        if not keys:
            return "number", []
        if plan.argmax or plan.order_by:
            return "entity", keys
        return "groups", keys
    if isinstance(plan, RowsPlan):
        if plan.chart == "scatter":
            return None, []
        evidence = {f.column for f in plan.filters} | {plan.order_by}
        cols = [c for c in plan.columns if c not in evidence] or list(plan.columns)
        return ("cells", cols) if cols else (None, [])
    if isinstance(plan, LookupPlan):
        return "cells", list(plan.columns)
    return None, []


def _numeric(s: SchemaModel, c: str) -> bool:
    if c not in s.columns:
        return True  # a column derived by the plan's steps: an expression of numbers
    p = s.col(c)
    return p.numeric and p.role != "id" or p.kind == "integer"


def _text(s: SchemaModel, c: str) -> bool:
    if c not in s.columns:
        return False  # derived by the plan's steps: a number
    p = s.col(c)
    return not p.numeric and p.role != "time" and p.kind not in ("date", "datetime")


def _time(s: SchemaModel, c: str) -> bool:
    return s.answers_when(c)


def _time_measure(s: SchemaModel, plan: Plan) -> bool:
    """"when was the first ...": the minimum or maximum of a date or year column."""
    return isinstance(plan, AggregatePlan) and all(
        m.column is not None and m.agg in ("min", "max") and _time(s, m.column)
        for m in plan.measures)


def _which(cols: list[str]) -> str:
    return "the column" + ("s " if len(cols) > 1 else " ") + ", ".join(repr(c) for c in cols)


def _refuse(message: str, s: SchemaModel) -> None:
    raise Incomplete(message + " Say which column holds the answer. Columns: " +
                     ", ".join(s.names()[:15]) + ".", s.names()[:12])


__all__ = ["asked_type", "check_answer_type", "check_unread", "one_example", "rows_not_values",
           "single_row_lookup"]
