"""Sentences and direct values for the kinds that answer with particular rows or values:
lookup, position (table order), comparison, change and sets; and ``answer_value`` for all.

Like ``narrate.py``, everything here is computed from the result table, deterministically.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from ..operations.base import fmt_value, human, ordinal
from ..planner.plan import AggregatePlan, DistributionPlan, Plan, RowsPlan
from ..planner.plan_kinds import (ChangePlan, ComparisonPlan, LookupPlan, PercentilePlan,
                                  PositionPlan, RankPlan, SetPlan)
from ..query.compile_kinds import POSITION
from .count_ties import mark_names, one_row_each
from .narrate import _cap, _cell, fmt_num
from .narrate_runs import describe_run, in_order_value


def _where(plan: Plan) -> str:
    w = plan.where()
    return f" where {w}" if w else ""


def _py(v: Any) -> Any:
    """A plain Python value (numpy scalars unwrapped, NaN as None)."""
    if hasattr(v, "item") and not isinstance(v, (pd.Timestamp, str)):
        try:
            v = v.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(v, float) and math.isnan(v):
        return None
    if v is pd.NaT:
        return None
    return v


def _where_lookup(plan: LookupPlan) -> str:
    if not plan.same:
        return _where(plan)
    like = " and ".join(f.describe() for f in plan.like)
    same = " and ".join(human(c) for c in plan.same)
    return f" among the other rows with the same {same} as the row where {like}" + (
        f", where {plan.where()}" if plan.where() else "")


def describe_lookup(plan: LookupPlan, table: pd.DataFrame) -> str:
    if plan.yes_no:
        same = " and ".join(human(c) for c in plan.same)
        like = " and ".join(f.describe() for f in plan.like)
        how = f"the same {same} as" if len(table) else f"another {same} than"
        return f"{'Yes' if len(table) else 'No'}: the row where {plan.where()} has {how} " \
               f"the row where {like}."
    if plan.same:
        return _describe_lookup(plan, table, _where_lookup(plan))
    return _describe_lookup(plan, table, _where(plan))


def _describe_lookup(plan: LookupPlan, table: pd.DataFrame, where: str) -> str:
    if table.empty:
        return f"No row matches{where}."
    cols = list(plan.columns)
    if plan.by:
        word = "highest" if plan.descending else "lowest"
        who = "; ".join(", ".join(_cell(r[c], c) for c in cols) for _, r in table.iterrows())
        tie = " (tied)" if len(table) > 1 else ""
        return (f"{who} {'have' if len(table) > 1 else 'has'} the {word} {human(plan.by)}"
                f"{tie}: {fmt_num(table.iloc[0][plan.by])}{where}.")
    if len(table) == 1 and plan.limit == 1:  # "name a driver who ...": one example
        vals = ", ".join(_cell(table.iloc[0][c], c) for c in cols)
        return f"One example (the first in table order){where}: {vals}."
    if len(table) == 1:
        parts = [f"the {human(c)} is {_cell(table.iloc[0][c], c)}" for c in cols]
        return _cap("; ".join(parts)) + f"{where}."
    vals = "; ".join(", ".join(_cell(r[c], c) for c in cols) for _, r in table.head(10).iterrows())
    more = f" (first 10 of {len(table)})" if len(table) > 10 else ""
    return f"{len(table)} rows match{where}: {vals}{more}."


def describe_position(plan: PositionPlan, table: pd.DataFrame) -> str:
    if plan.position == "relative":
        row = table.iloc[0]
        a, b = int(row["first_row"]), int(row["second_row"])
        word = plan.labels[0] if a < b else plan.labels[1]
        first = " and ".join(f.describe() for f in plan.anchor)
        second = " and ".join(f.describe() for f in plan.other)
        return f"{word.capitalize()}: the row where {first} is row {a}, the row where " \
               f"{second} is row {b} (in table order)."
    if plan.position in ("longest_run", "longest_run_value") and (plan.run_by or plan.n > 1) \
            or plan.position == "in_order":
        return describe_run(plan, table)  # in years, or "at least n"
    if plan.position == "longest_run_value":
        if table.empty:
            return f"{human(plan.columns[0])} has no values."
        names = [str(_cell(v)) for v in table[plan.columns[0]]]
        n = int(table.iloc[0]["run"])
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        verb = "has" if len(names) == 1 else "tie with"
        return f"{who} {verb} the longest run of consecutive rows holding the same " \
               f"{human(plan.columns[0])}: {n:,} row{'' if n == 1 else 's'} (in table order)."
    if plan.position == "longest_run":
        n = int(table.iloc[0]["count"]) if len(table) else 0
        anchor = " and ".join(f.describe() for f in plan.anchor)
        return f"The longest run of consecutive rows where {anchor} is {n:,} " \
               f"row{'' if n == 1 else 's'} (in table order)."
    if plan.position in ("count_before", "count_after"):
        n = int(table.iloc[0]["count"]) if len(table) else 0
        side = "before" if plan.position == "count_before" else "after"
        anchor = " and ".join(f.describe() for f in plan.anchor)
        held = f" where {plan.where()}" if plan.where() else ""
        return f"There {'is' if n == 1 else 'are'} {n:,} row{'' if n == 1 else 's'}{held} " \
               f"{side} the row where {anchor}."
    if table.empty:
        return f"There is no such row ({plan.describe()})."
    row = table.iloc[0]
    cols = [c for c in table.columns if c != POSITION]
    shown = ", ".join(f"{human(c)} {_cell(row[c], c)}" for c in cols[:6])
    return f"{_cap(plan.describe())}: {shown} (row {int(row[POSITION])})."


def _item_key(k: Any) -> str:
    """A result key as an item is written: a date at midnight as its ISO day."""
    if isinstance(k, pd.Timestamp) and k == k.normalize():
        return k.date().isoformat()
    return str(k)


def _num_or_day(v: Any, cell: bool = False) -> str:
    """A number, or a date (the first date of an item) as its day; a ``cell`` (a minimum
    or maximum, a value as the table writes it) keeps a year as 1988, not 1,988."""
    if isinstance(v, pd.Timestamp):
        return _item_key(v)
    return fmt_value(v) if cell else fmt_num(v)


def _pair(plan: ComparisonPlan, table: pd.DataFrame) -> tuple[Any, Any]:
    missing = 0 if plan.measure.agg == "count" else None  # no rows: a count of 0
    if _against_number(plan) and not plan.items:  # the selection's one value
        a = table[plan.measure.alias].iloc[0] if len(table) else missing
        return (None if a is None or pd.isna(a) else _py(a)), plan.threshold
    values = {_item_key(k): v for k, v in zip(table[plan.column], table[plan.measure.alias])}
    if _against_number(plan):  # "was A above or below 60": the threshold is the second
        a = values.get(str(plan.items[0]), missing)
        return _py(a), plan.threshold
    return tuple(_py(values.get(str(i), missing)) if i is not None else None
                 for i in (plan.items + [None])[:2])  # type: ignore


def _against_number(plan: ComparisonPlan) -> bool:
    return plan.output == "which_way" and plan.threshold is not None and len(plan.items) <= 1


def comparison_missing(plan: ComparisonPlan, table: pd.DataFrame) -> bool:
    """An item with no value to compare (no rows, or a blank cell): no answer, a refusal."""
    a, b = _pair(plan, table)
    if _against_number(plan) and a == b:
        return True  # "above or below 60" when it is 60: neither word holds
    if one_row_each(plan, a, b):
        return True  # counting two rows of one each: "more" meant something else
    return plan.output not in ("at_least", "at_most") and None in (a, b) or a is None


def describe_comparison(plan: ComparisonPlan, table: pd.DataFrame) -> str:
    what = plan.measure.describe()
    a, b = _pair(plan, table)
    names = mark_names(plan) or [fmt_value(i) for i in plan.items]  # "wins", not 1
    missing = [n for n, v in zip(names, (a, b)) if v is None]
    if a is None and not plan.items:
        return f"No {what}{_where(plan)}, so I cannot compare."
    if one_row_each(plan, a, b):
        return one_row_each(plan, a, b)
    if missing:
        return f"No {what} for {human(plan.column)} {' or '.join(missing)}{_where(plan)}: " \
               f"no matching rows or a blank cell, so I cannot compare."
    if plan.output in ("at_least", "at_most"):
        ok = a >= plan.threshold if plan.output == "at_least" else a <= plan.threshold
        word = "at least" if plan.output == "at_least" else "at most"
        return f"{'Yes' if ok else 'No'}: the {what} for {names[0]} is {fmt_num(a)}, " \
               f"{'' if ok else 'not '}{word} {fmt_num(plan.threshold)}{_where(plan)}."
    if _against_number(plan):
        value = comparison_value(plan, a, b)
        if value is None:
            return f"Neither: the {what}{''.join(' for ' + n for n in names[:1])} is " \
                   f"{fmt_num(a)}, exactly " \
                   f"{fmt_num(b)}{_where(plan)}."
        than = "" if value in ("above", "below", "over", "under") else " than"
        item = f" for {human(plan.column)} {names[0]}" if plan.items else ""
        if value in ("Yes", "No"):  # "was A's area more than 45"
            side = "higher" if (value == "Yes") == (plan.words[0] == "Yes") else "lower"
            return f"{value}: the {what}{item} is {fmt_num(a)}, {side} than {fmt_num(b)}" \
                   f"{_where(plan)}."
        return f"{str(value)[:1].upper() + str(value)[1:]}: the {what}{item} is " \
               f"{fmt_num(a)}, {value}{than} {fmt_num(b)}{_where(plan)}."
    cell = plan.measure.agg in ("min", "max")
    both = f"{names[0]} {_num_or_day(a, cell)}, {names[1]} {_num_or_day(b, cell)}"
    value = comparison_value(plan, a, b)
    if plan.output == "difference":
        return f"The {what} for {names[0]} is {fmt_num(value)} " \
               f"{'more' if value >= 0 else 'less'} than for {names[1]} ({both}){_where(plan)}."
    if plan.output == "abs_difference":
        return f"The difference in {what} between {names[0]} and {names[1]} is " \
               f"{fmt_num(value)} ({both}){_where(plan)}."
    if plan.output == "ratio":
        return f"The {what} for {names[0]} is {fmt_num(value)} times that for {names[1]} " \
               f"({both}){_where(plan)}."
    if plan.output in ("larger", "smaller"):
        if a == b:
            return f"Neither: the {what} is the same ({both}){_where(plan)}."
        word = "higher" if plan.output == "larger" else "lower"
        if isinstance(a, pd.Timestamp):  # dates: the earlier or later one
            word = "later" if plan.output == "larger" else "earlier"
        return f"{fmt_value(value)} has the {word} {what} ({both}){_where(plan)}."
    if plan.output == "which_way":
        if value is None:
            return f"Neither: the {what} is the same ({both}){_where(plan)}."
        return f"{str(value)[:1].upper() + str(value)[1:]}: the {what} for {names[0]} is " \
               f"{_num_or_day(a, cell)} and for {names[1]} {_num_or_day(b, cell)}" \
               f"{_where(plan)}."
    if plan.output in ("is_larger", "is_smaller"):
        word = "higher" if plan.output == "is_larger" else "lower"
        return f"{value}: the {what} for {names[0]} is {fmt_num(a)} and for {names[1]} " \
               f"{fmt_num(b)}, so {names[0]} is {'' if value == 'Yes' else 'not '}{word}" \
               f"{_where(plan)}."
    return f"The {what}: {both}{_where(plan)}."


def comparison_value(plan: ComparisonPlan, a: Any, b: Any) -> Any:
    if a is None or (b is None and plan.output not in ("at_least", "at_most")):
        return None
    out = plan.output
    if out == "at_least":
        return "Yes" if a >= plan.threshold else "No"
    if out == "at_most":
        return "Yes" if a <= plan.threshold else "No"
    if out == "difference":
        return a - b
    if out == "abs_difference":
        return abs(a - b)
    if out == "ratio":
        return a / b if b else None
    if out == "larger":
        return plan.items[0] if a > b else plan.items[1] if b > a else None
    if out == "smaller":
        return plan.items[0] if a < b else plan.items[1] if b < a else None
    if out == "which_way":  # "higher or lower": the question's own word
        words = plan.words or ["higher", "lower"]
        return words[0] if a > b else words[1] if a < b else None
    if out == "is_larger":
        return "Yes" if a > b else "No"
    if out == "is_smaller":
        return "Yes" if a < b else "No"
    return {str(plan.items[0]): a, str(plan.items[1]): b}


_CHANGE_COL = {"difference": "change", "percent": "percent_change", "ratio": "ratio",
               "growth_rate": "growth_rate_pct"}


def describe_change(plan: ChangePlan, table: pd.DataFrame) -> str:
    what = plan.measure.describe()
    s, e = fmt_value(plan.start), fmt_value(plan.end)
    if table.empty or table[["start_value", "end_value"]].isna().all(axis=None):
        return f"No {what} at {s} or {e}{_where(plan)}, so there is no change to report."
    if not plan.group_by:
        r = table.iloc[0]
        if pd.isna(r["start_value"]) or pd.isna(r["end_value"]):
            gap = s if pd.isna(r["start_value"]) else e
            return f"There is no {what} at {gap}{_where(plan)}, so the change cannot be " \
                   f"computed."
        head = (f"The {what} went from {fmt_num(r['start_value'])} in {s} to "
                f"{fmt_num(r['end_value'])} in {e}{_where(plan)}: ")
        change = r["change"]
        pct = r["percent_change"]
        pct_txt = f"{'+' if pct >= 0 else ''}{fmt_num(pct)}%" if pd.notna(pct) else "n/a"
        body = f"a change of {'+' if change >= 0 else ''}{fmt_num(change)} ({pct_txt})"
        if plan.output == "ratio":
            body = f"{fmt_num(r['ratio'])} times the start ({pct_txt})"
        if plan.output == "growth_rate":
            body += f", a growth rate of {fmt_num(r['growth_rate_pct'])}% per period"
        return head + body + "."
    col = _CHANGE_COL[plan.output]
    by = " and ".join(human(g) for g in plan.group_by)
    rows = [r for _, r in table.iterrows() if pd.notna(r[col])]
    if not rows:
        return f"No {by} has a {what} at both {s} and {e}{_where(plan)}."
    unit = "%" if plan.output in ("percent", "growth_rate") else ""
    listing = ", ".join(f"{', '.join(_cell(r[g]) for g in plan.group_by)} "
                        f"({fmt_num(r[col])}{unit})" for r in rows[:8])
    if plan.limit == 1:
        word = "most" if plan.descending else "least"
        return f"{', '.join(_cell(rows[0][g]) for g in plan.group_by)} changed {word} in " \
               f"{what} from {s} to {e}: {fmt_num(rows[0][col])}{unit}{_where(plan)}."
    return f"{_cap(plan.describe())}{_where(plan)}: {listing}" \
           f"{' ...' if len(rows) > 8 else ''}."


def describe_set(plan: SetPlan, table: pd.DataFrame) -> str:
    cols = " and ".join(human(c) for c in plan.columns)
    n = len(table)
    if plan.op in ("distinct", "duplicates"):
        often = plan.how_often() if plan.op == "duplicates" else ""
        if n == 0:
            return f"No {cols} {f'occurs {often}' if often else ''}" \
                   f"{_where(plan)}.".replace("  ", " ")
        vals = ", ".join(", ".join(_cell(r[c]) for c in plan.columns) +
                         f" ({int(r['count'])})" for _, r in table.head(10).iterrows())
        more = " ..." if n > 10 else ""
        head = f"{n:,} distinct {cols} value{'s' if n != 1 else ''}" if plan.op == "distinct" \
            else f"{n:,} {cols} value{'s' if n != 1 else ''} occur{'s' if n == 1 else ''} " \
            f"{often}"
        return f"{head}{_where(plan)}: {vals}{more}."
    return f"{_cap(plan.describe())}{_where(plan)}: {n:,} rows."


def describe_rank(plan: RankPlan, table: pd.DataFrame) -> str:
    what = plan.measure.describe()
    item = fmt_value(plan.item)
    if table.empty:
        return f"{item} has no {what}{_where(plan)}, so it has no rank."
    r = table.iloc[0]
    word = "highest" if plan.descending else "lowest"
    return f"{item} ranks {ordinal(int(r['rank']))} of {int(r['of'])} {human(plan.column)} " \
           f"values by {what} ({fmt_num(r[plan.measure.alias])}; 1 = the {word})" \
           f"{_where(plan)}."


def describe_percentile(plan: PercentilePlan, table: pd.DataFrame) -> str:
    r = table.iloc[0] if len(table) else None
    if r is None or pd.isna(r["percentile"]):
        return f"{human(plan.column)} has no values{_where(plan)}."
    return f"{fmt_value(plan.value)} is at the {fmt_num(r['percentile'])}th percentile of " \
           f"{human(plan.column)}: {fmt_num(r['percentile'])}% of its {int(r['n']):,} values " \
           f"are at or below it{_where(plan)}."


def answer_value(plan: Plan, table: pd.DataFrame) -> Any:
    """The direct answer: a number, an entity, a list, or "Yes"/"No" (None when the answer
    is the whole table, e.g. a tool's result)."""
    try:
        return _value(plan, table)
    except (KeyError, IndexError, TypeError, ValueError):
        return None


_EXCLUDES = ("!=", "not in", "not null")  # values left out, none pinned


def _asked(plan: Plan, table: pd.DataFrame) -> list[str]:
    """The columns a rows or lookup plan answers with: its columns less those it only shows
    as evidence (the columns it filters on, the column it orders by), unless nothing else is
    left. "which mayor is a bank manager" answers with the name, not the occupation."""
    shown = [c for c in plan.columns if c in table.columns] or list(table.columns)
    # a column the plan only excludes values of ("Nation is not Total", "other than Peru")
    # is not pinned by the question: it can still be what is asked for
    evidence = {f.column for f in plan.filters if f.op not in _EXCLUDES} | {
        getattr(plan, "order_by", None), getattr(plan, "by", None)}
    asked = [c for c in shown if c not in evidence]
    if not asked:
        # every column shown is pinned: "who was canadian, A or B" filters both the name
        # (one of the two offered) and the nationality; the question chooses among the
        # values it offered, so those are the answer, not the pinned evidence beside them
        offered = {f.column for f in plan.filters if f.op == "in" and f.column in shown}
        asked = list(offered) if len(offered) == 1 else shown
    # but beside another column, the one it excludes a value of is shown as evidence
    # ("other than Aldon, name a candidate ...": the candidate, not the constituency)
    excluded = {f.column for f in plan.filters if f.op in _EXCLUDES}
    offered = [f.column for f in plan.filters if f.op == "in" and f.column in shown]
    if asked and set(asked) <= excluded and len(offered) == 1:
        return offered  # "which of A, B and C was not built in 1990": one of those offered
    return [c for c in asked if c not in excluded] or asked


#: "at Harbor City", "vs. Elm Valley": a schedule writes where a game was played before the
#: opponent's name, and the opponent asked for is the name
_VENUE_MARK = re.compile(r"^(?:at|vs\.?|versus|@)\s+(?=\S)", re.I)
_OPPONENT = re.compile(r"\boppo(?:nents?|sition)\b", re.I)


def _named(value: Any, column: str) -> Any:
    """A cell of an opponent column without its venue mark; any other value as it is."""
    if isinstance(value, str) and _OPPONENT.search(str(column)):
        return _VENUE_MARK.sub("", value, count=1)
    return value


def _value(plan: Plan, table: pd.DataFrame) -> Any:
    if isinstance(plan, LookupPlan) and plan.yes_no and table is not None:
        return "Yes" if len(table) else "No"
    if isinstance(plan, SetPlan) and plan.count and table is not None:
        return len(table)  # "how many drivers won more than once": none is 0
    if isinstance(plan, ComparisonPlan) and table is not None and table.empty:
        return comparison_value(plan, *_pair(plan, table))  # no rows: a count of 0
    if table is None or table.empty:
        return None
    # itertuples keeps each column's type (iterrows would upcast ints) and is cheap
    names = list(table.columns)
    recs = [dict(zip(names, vals)) for vals in table.itertuples(index=False, name=None)]
    first = recs[0]
    if isinstance(plan, AggregatePlan):
        keys = plan.keys
        if not keys:
            if plan.share and plan.part:
                return _py(first["share_pct"])
            if len(plan.measures) == 1:
                return _py(first[plan.measures[0].alias])
            return {m.alias: _py(first[m.alias]) for m in plan.measures}
        if plan.argmax or (plan.order_by and plan.limit == 1):
            col = plan.measures[0].alias
            tied = [_entity(r, keys) for r in recs if r[col] == first[col]]
            return tied[0] if len(tied) == 1 else tied
        if plan.order_by and plan.limit:
            return [_entity(r, keys) for r in recs]
        col = plan.measures[0].alias
        return {str(_entity(r, keys)): _py(r[col]) for r in recs}
    if isinstance(plan, (RowsPlan, LookupPlan)):
        cols = _asked(plan, table)
        if isinstance(plan, RowsPlan) and plan.order_by and plan.limit == 1 and plan.columns:
            # the row with the highest X: its name, not the pair; all of them when tied
            tied = [_named(_py(r[cols[0]]), cols[0]) for r in recs]
            return tied[0] if len(tied) == 1 else tied
        if len(table) == 1:
            return _named(_py(first[cols[0]]), cols[0]) if len(cols) == 1 else \
                {c: _py(first[c]) for c in cols}
        if len(cols) == 1:
            return [_named(_py(v), cols[0]) for v in table[cols[0]]]
        return None
    if isinstance(plan, PositionPlan):
        if plan.position in ("count_before", "count_after", "longest_run"):
            return _py(first["count"])
        if plan.position == "in_order":
            return in_order_value(plan, table)
        if plan.position == "longest_run_value":
            tied = [_py(v) for v in table[plan.columns[0]]]
            return tied[0] if len(tied) == 1 else tied
        if plan.position == "relative":
            above = first["first_row"] < first["second_row"]
            return (plan.labels[0] if above else plan.labels[1]).capitalize()
        cols = [c for c in table.columns if c != POSITION]
        return _named(_py(first[cols[0]]), cols[0]) if len(cols) == 1 else \
            {c: _py(first[c]) for c in cols}
    if isinstance(plan, ComparisonPlan):
        a, b = _pair(plan, table)
        return comparison_value(plan, a, b)
    if isinstance(plan, ChangePlan):
        col = _CHANGE_COL[plan.output]
        if not plan.group_by:
            return _py(first[col])
        if plan.limit == 1:
            return _entity(first, plan.group_by)
        return {str(_entity(r, plan.group_by)): _py(r[col]) for r in recs}
    if isinstance(plan, SetPlan):
        if plan.op in ("distinct", "duplicates"):
            if len(plan.columns) == 1:
                return [_py(v) for v in table[plan.columns[0]]]
            return [[_py(r[c]) for c in plan.columns] for r in recs]
        return None
    if isinstance(plan, RankPlan):
        return _py(first["rank"])
    if isinstance(plan, PercentilePlan):
        return _py(first["percentile"])
    if isinstance(plan, DistributionPlan) and not plan.group_by:
        return {k: _py(v) for k, v in first.items()}
    return None


def _entity(row: Any, keys: list[str]) -> Any:
    vals = [_py(row[k]) for k in keys]
    return vals[0] if len(vals) == 1 else ", ".join(str(v) for v in vals)


__all__ = ["answer_value", "comparison_value", "describe_change", "describe_comparison",
           "describe_lookup", "describe_percentile", "describe_position", "describe_rank",
           "describe_set"]
