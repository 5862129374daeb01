"""The pandas code equivalent to a plan, for people to read, paste and adapt.

Generated text that nbdatachat itself never executes (the tests do, to check it gives the
answer's table). It assumes the data is in a DataFrame called ``df`` and leaves the answer in
``result``; imports come first and only those used; filters and aggregations are written by
their registry entries (:mod:`nbdatachat.operations`).
"""

from __future__ import annotations

import re

from ..operations import AGGREGATIONS, FILTER_OPS
from ..planner.plan import AggregatePlan, DistributionPlan, Plan, RowsPlan, ToolPlan
from ..planner.plan_kinds import (ChangePlan, ComparisonPlan, LookupPlan, PercentilePlan,
                                  PositionPlan, RankPlan, SetPlan)
from ..planner.plan_parts import (AMOUNT_PATTERN, AMOUNT_SCALES, DATE_OPS, ELAPSED_OPS,
                                  MARK_OPS,
                                  ELAPSED_PATTERN, METRES_PATTERN, PLACE_PATTERN,
                                  HEIGHT_PATTERN, LEAD_PATTERN, RECORD_PATTERN,
                                  SCORE_PAIR_PATTERN, SECONDS_PATTERN, SPAN_OPS, SPAN_PATTERN,
                                  YEAR_PATTERN, Expr, Filter, Measure)
from .cell_marks import mark_code
from .score_sides import score_sum_code
from .run_numbers import in_order_code, pick_code, runs_code

_PERIOD = {"year": "Y", "quarter": "Q", "month": "M", "week": "W", "day": "D", "hour": "h"}


class _Code:
    def __init__(self) -> None:
        self.imports: list[str] = []
        self.lines: list[str] = ["d = df"]
        self.n_rows = 0

    def need(self, line: str) -> None:
        if line not in self.imports:
            self.imports.append(line)

    def add(self, line: str) -> None:
        self.lines.append(line)
        if "pd." in line:
            self.need("import pandas as pd")
        if "np." in line:
            self.need("import numpy as np")

    def text(self) -> str:
        head = sorted(self.imports)
        return "\n".join(head + ([""] if head else []) + self.lines)


def filter_code(f: Filter) -> str:
    """The boolean mask of one filter over ``d``."""
    return FILTER_OPS[f.op].pandas(f"d[{f.column!r}]", f.value, f.column)


def _mask(filters: list[Filter], logic: str) -> str:
    joiner = " & " if logic == "and" else " | "
    return joiner.join(filter_code(f) for f in filters)


def _expr(e: Expr) -> str:
    if e.op == "col":
        return f"d[{e.column!r}]"
    if e.op == "num":
        return repr(e.value)
    if e.op in DATE_OPS:  # days / whole years from one date to another
        a, b = (f"pd.to_datetime({_expr(x)}).dt.normalize()" for x in e.args)
        if e.op == "days":
            return f"({b} - {a}).dt.days"
        md = "(lambda t: t.dt.month * 100 + t.dt.day)"
        return f"({b}.dt.year - {a}.dt.year - ({md}({b}) < {md}({a})).astype(int))"
    if e.op in MARK_OPS:  # "W 24-17": 1, "at X": 1 (query/cell_marks.py)
        return mark_code(_expr(e.args[0]), e.op)
    if e.op in ELAPSED_OPS:  # the seconds of "4:05", "1:02:03.5" or "58.27" (see plan_parts)
        text = f"{_expr(e.args[0])}.astype('string').str.extract"
        if e.op == "metres":
            return f"{text}({METRES_PATTERN!r})[0].astype('Float64')"
        if e.op == "place":
            return f"{text}({PLACE_PATTERN!r})[0].astype('Float64')"
        if e.op == "inches":  # feet * 12 + inches ("6'2": 74)
            fi = f"{text}({HEIGHT_PATTERN!r}).astype('Float64')"
            return f"(lambda t: t[0] * 12 + t[1])({fi})"
        if e.op == "amount":  # the number times its scale word ("$11 million")
            parts = f"{text}({AMOUNT_PATTERN!r})"
            num = "t[0].str.replace(',', '').astype('Float64')"
            return (f"(lambda t: {num} * t[1].str.lower().map({AMOUNT_SCALES!r})"
                    f".astype('Float64').fillna(1))({parts})")
        if e.op == "lead":  # "3,465 ft": 3465
            return f"{text}({LEAD_PATTERN!r})[0].str.replace(',', '').astype('Float64')"
        if e.op == "score_sum":  # "W 27–24": 51 (query/score_sides.py)
            return score_sum_code(text)
        if e.op == "margin":  # "W 27–24": 3
            pair = f"{text}({SCORE_PAIR_PATTERN!r}).astype('Float64')"
            return f"(lambda t: (t[0] - t[1]).abs())({pair})"
        if e.op == "win_share":  # wins / (wins + losses), missing for no games
            wl = f"{text}({RECORD_PATTERN!r}).astype('Float64')"
            return f"(lambda t: t[0] / (t[0] + t[1]).where(t[0] + t[1] != 0))({wl})"
        hms = f"{text}({ELAPSED_PATTERN!r}).astype('Float64')"
        plain = f"{text}({SECONDS_PATTERN!r})[0].astype('Float64')"
        return (f"(lambda t: t[0].fillna(0) * 3600 + t[1] * 60 + t[2])({hms})"
                f".fillna({plain})")
    if e.op in SPAN_OPS:  # the first / last year of a span of years (see plan_parts)
        text = f"{_expr(e.args[0])}.astype('string').str.extract"
        if e.op == "year":
            return f"{text}({YEAR_PATTERN!r})[0].astype('Float64')"
        ys = f"{text}({SPAN_PATTERN!r}).astype('Float64')"
        if e.op == "span_first":
            return f"{ys}[0]"
        return (f"(lambda y: y[1].where(y[1] >= 100, y[0] - y[0] % 100 + y[1] + "
                f"100 * (y[1] < y[0] % 100)))({ys})")
    args = [_expr(a) for a in e.args]
    if e.op == "abs":
        return f"{args[0]}.abs()"
    if e.op == "neg":
        return f"(-{args[0]})"
    if e.op == "/":
        return f"({args[0]} / {args[1]}.where({args[1]} != 0))"
    return f"({args[0]} {e.op} {args[1]})"


def _value_col(m: Measure, c: _Code) -> str | None:
    """The column aggregated: a derived ratio column is made first."""
    if m.over is None or m.column is None or m.totals:
        return m.column
    scale = " * 100" if m.percent else ""
    c.add(f"d = d.assign(**{{{m.source!r}: d[{m.column!r}] / "
          f"d[{m.over!r}].where(d[{m.over!r}] != 0){scale}}})")
    return m.source


def _named(m: Measure, col: str | None, first_col: str) -> str:
    if m.totals and m.over is not None:
        fn = AGGREGATIONS[m.agg].pandas(m.q)
        scale = "100 * " if m.percent else ""
        body = (f"lambda s: {scale}({_reduce(fn, 's')} / "
                f"{_reduce(fn, f'd.loc[s.index, {m.over!r}]')})")
        return _keyword(m.alias, f"({col!r}, {body})")
    if col is None:
        return _keyword(m.alias, f"({first_col!r}, 'size')")
    return _keyword(m.alias, f"({col!r}, {AGGREGATIONS[m.agg].pandas(m.q)})")


def _keyword(name: str, value: str) -> str:
    """``name=value`` for a named aggregation; a name that is no identifier ("min_First
    elected") is passed as ``**{'min_First elected': value}``."""
    return f"{name}={value}" if name.isidentifier() else f"**{{{name!r}: {value}}}"


def _reduce(fn: str, series: str) -> str:
    """``fn`` (a pandas reduction name in quotes, or a lambda) applied to ``series``."""
    if fn.startswith("lambda"):
        return f"({fn})({series})"
    return f"{series}.agg({fn})"


def _scalar(m: Measure, col: str | None, frame: str = "d") -> str:
    if m.totals and m.over is not None and col is not None:
        fn = AGGREGATIONS[m.agg].pandas(m.q)
        scale = "100 * " if m.percent else ""
        return (f"{scale}{_reduce(fn, f'{frame}[{col!r}]')} / "
                f"{_reduce(fn, f'{frame}[{m.over!r}]')}")
    if col is None:
        return f"len({frame})"
    fn = AGGREGATIONS[m.agg].pandas(m.q)
    if fn.startswith("lambda"):
        return f"({fn})({frame}[{col!r}])"
    return f"{frame}[{col!r}].agg({fn})" if fn == "'nunique'" else \
        f"{frame}[{col!r}].{fn.strip(chr(39))}()"


def pandas_code(plan: Plan, columns: list[str] | None = None, n_rows: int = 0, *,
                parse_dates: list[str] | None = None, parse_text: bool = False) -> str:
    """Code reproducing ``plan`` on a DataFrame ``df``; ``columns`` are the frame's columns
    (needed to count rows with a named aggregation, and to stack columns), ``n_rows`` its
    length (a scatter of a big table shows every n-th row); ``parse_dates`` the text columns
    the engine reads as dates; ``parse_text`` says text columns hold numbers or dates that
    the engine reads with ``parse_text_columns``."""
    c = _Code()
    c.n_rows = n_rows
    if parse_text:
        c.need("from nbdatachat.data.text_values import parse_text_columns")
        c.lines.insert(0, "df, _ = parse_text_columns(df)  # numbers and dates written as text")
    if parse_dates:
        c.lines = [f"df = df.assign(**{{{col!r}: pd.to_datetime(df[{col!r}])}})"
                   for col in parse_dates] + c.lines
        c.need("import pandas as pd")
    for s in plan.steps:
        if s.action == "derive" and s.expr is not None:
            c.add(f"d = d.assign(**{{{s.name!r}: {_expr(s.expr)}}})")
        elif s.columns or s.n:
            c.add(f"d = d.head({s.n})" if s.n else f"d = d.dropna(subset={list(s.columns)!r})")
    if plan.filters and getattr(plan, "position", None) not in _COUNTS_AROUND:
        c.add(f"d = d[{_mask(plan.filters, plan.logic)}]")
    writer = _WRITERS[plan.kind]
    writer(plan, c, list(columns or []))
    return c.text()


def _tool(plan: ToolPlan, c: _Code, columns: list[str]) -> None:
    c.need("import nbdatachat")
    args = dict(plan.tool.args)
    if plan.series is not None:
        s = plan.series
        target = args.get("target")
        if s.grain == "raw":
            c.add(f"series = d.groupby({s.time!r}, as_index=False)[{target!r}].{s.agg}()")
            args["date"] = s.time
        else:
            c.add(f"series = d.groupby(d[{s.time!r}].dt.to_period({_PERIOD[s.grain]!r})"
                  f".dt.start_time.rename({s.grain!r}), as_index=False)[{target!r}].{s.agg}()")
            args["date"] = s.grain
        data = "series"
    else:
        data = "d"
    body = ", ".join(f"{k}={v!r}" for k, v in args.items())
    c.add(f"result = nbdatachat.run_tool({plan.tool.name!r}, dataset={data}, {body})")


def _rows(plan: RowsPlan, c: _Code, columns: list[str]) -> None:
    tied = bool(plan.order_by) and plan.limit == 1
    if tied:  # every row tied at the top
        col = plan.order_by
        c.add(f"d = d[d[{col!r}] == d[{col!r}].{'max' if plan.descending else 'min'}()]")
    if plan.columns:
        c.add(f"d = d[{list(plan.columns)!r}]")
    if plan.order_by:
        c.add(f"d = d.sort_values({plan.order_by!r}, ascending={not plan.descending}, "
              f"kind='stable', na_position='last')")
    from .compile import TIES, scatter_step

    step = scatter_step(plan, c.n_rows)
    if step > 1:
        c.add(f"d = d.iloc[::{step}]  # every {step}th row, spread over the table")
    limit = TIES if tied else plan.limit
    c.add(f"result = d.head({limit})" if limit else "result = d")


def _distribution(plan: DistributionPlan, c: _Code, columns: list[str]) -> None:
    col = plan.columns[0]
    stats = ("['count', 'mean', 'std', 'min', ('p25', lambda s: s.quantile(0.25)), 'median', "
             "('p75', lambda s: s.quantile(0.75)), 'max']")
    if plan.group_by:
        c.add(f"result = d.groupby({list(plan.group_by)!r})[{col!r}].agg({stats})"
              f".reset_index()")
    else:
        c.add(f"result = d[{col!r}].agg({stats})")


def _aggregate(plan: AggregatePlan, c: _Code, columns: list[str]) -> None:
    first_col = (columns or ["index"])[0]
    if plan.unpivot:
        u = plan.unpivot
        ids = [x for x in columns if x not in u["columns"]]
        c.add(f"d = d.melt(id_vars={ids!r}, value_vars={list(u['columns'])!r}, "
              f"var_name={u['name']!r}, value_name={u['value']!r})")
        first_col = u["name"]
    cols = [_value_col(m, c) for m in plan.measures]
    keys = list(plan.group_by)
    tb = plan.time_bucket
    if tb is not None:
        if tb.grain == "raw":
            keys.insert(0, tb.column)
        else:
            c.add(f"d = d.assign(**{{{tb.alias!r}: d[{tb.column!r}].dt.to_period("
                  f"{_PERIOD[tb.grain]!r}).dt.start_time}})")
            keys.insert(0, tb.alias)
    if not keys:
        m = plan.measures[0]
        if plan.share and plan.part:
            c.add(f"mask = {_mask(plan.part, 'and')}")
            c.add(f"result = 100 * {_scalar(m, cols[0], 'd[mask]')} / {_scalar(m, cols[0])}")
            return
        if len(plan.measures) == 1:
            c.add(f"result = {_scalar(m, cols[0])}")
        else:
            body = ", ".join(f"{x.alias!r}: {_scalar(x, col)}"
                             for x, col in zip(plan.measures, cols))
            c.add(f"result = pd.Series({{{body}}})")
        return
    aggs = ", ".join(_named(m, col, first_col) for m, col in zip(plan.measures, cols))
    c.add(f"result = d.groupby({keys!r}, as_index=False).agg({aggs})")
    if plan.share:
        a = plan.measures[0].alias
        c.add(f"result['share_pct'] = 100 * result[{a!r}] / result[{a!r}].sum()")
    if plan.order_by:
        c.add(f"result = result.sort_values({plan.order_by!r}, "
              f"ascending={not plan.descending}, kind='stable')")
    if plan.limit:
        c.add(f"result = result.head({plan.limit})")


def _lookup(plan: LookupPlan, c: _Code, columns: list[str]) -> None:
    cols = list(dict.fromkeys(plan.columns + ([plan.by] if plan.by else [])))
    if plan.by:
        fn = "max" if plan.descending else "min"
        c.add(f"d = d[d[{plan.by!r}] == d[{plan.by!r}].{fn}()]")
    if plan.same and plan.like:
        like = " & ".join(filter_code(f) for f in plan.like)
        full = "df"
        for s in plan.steps:  # a derived value shared ("the year of X's date"): all rows'
            if s.action == "derive" and s.expr is not None and s.name in plan.same:
                c.add(f"full = {full}.pipe(lambda d: d.assign(**{{{s.name!r}: {_expr(s.expr)}}}))")
                full = "full"
        c.add(f"named = {full}.pipe(lambda d: {like})  # the named row(s), in all the rows")
        c.add("low = lambda s: s.astype('string').str.lower() if s.dtype.kind == 'O' else s"
              "  # text in any case, as the SQL compares it")
        for col in plan.same:
            c.add(f"d = d[low(d[{col!r}]).isin(low({full}.loc[named, {col!r}]))]")
        c.add("d = d[~named.reindex(d.index, fill_value=False)]")
    if plan.yes_no:
        c.add("result = 'Yes' if len(d) else 'No'")
        return
    c.add(f"result = d[{cols!r}].head({plan.limit})")


#: positions counted around an anchor found among all the rows, the conditions applying
#: only to the rows counted ("how many losses after the bye week": the bye is no loss)
_COUNTS_AROUND = ("count_before", "count_after")


def _position(plan: PositionPlan, c: _Code, columns: list[str]) -> None:
    if plan.order_by:
        where = "first" if plan.position == "last" else "last"  # never last for lack of value
        c.add(f"d = d.sort_values({plan.order_by!r}, ascending={not plan.descending}, "
              f"kind='stable', na_position={where!r})")
    c.add("d = d.assign(row_position=range(1, len(d) + 1))")
    out = (list(plan.columns) or list(columns)) + ["row_position"]
    p = plan.position
    if p in ("first", "nth"):
        c.add(f"result = d[d['row_position'] == {1 if p == 'first' else plan.n}][{out!r}]")
        return
    if p == "last":
        c.add(f"result = d[d['row_position'] == len(d) - {plan.n - 1}][{out!r}]")
        return
    if p == "in_order":
        for line in in_order_code(plan):
            c.add(line)
        return
    if plan.run_by and p in ("longest_run", "longest_run_value"):
        for line in runs_code(plan, " & ".join(filter_code(f) for f in plan.anchor)):
            c.add(line)  # consecutive years, not rows
        return
    if p == "longest_run_value":
        col = plan.columns[0]
        c.add(f"v = d[{col!r}]")
        c.add("block = (v != v.shift()).cumsum()  # a new block where the value changes")
        c.add(f"runs = d[v.notna()].groupby(block[v.notna()]).agg(run_value=({col!r}, "
              f"'first'), run=({col!r}, 'size'))")
        for line in pick_code(plan):
            c.add(line)
        return
    anchor = " & ".join(filter_code(f) for f in plan.anchor)
    if p == "relative":
        other = " & ".join(filter_code(f) for f in plan.other)
        c.add(f"first = d.loc[{anchor}, 'row_position'].min()")
        c.add(f"second = d.loc[{other}, 'row_position'].min()")
        c.add(f"result = {plan.labels[0]!r} if first < second else {plan.labels[1]!r}")
        return
    if p == "longest_run":
        c.add(f"hit = ({anchor}).fillna(False).astype(bool)")
        c.add("runs = hit.groupby((~hit).cumsum()).sum()  # rows held, between two misses")
        c.add("result = int(runs.max()) if len(runs) else 0")
        return
    if p in ("next", "previous"):
        # the anchor's rows must form one block; the row after (before) the block
        c.add(f"at = d.loc[{anchor}, 'row_position']")
        c.add("assert len(at) and at.max() - at.min() + 1 == len(at), 'anchor not one block'")
        sign, edge = ("+", "max") if p == "next" else ("-", "min")
        c.add(f"result = d[d['row_position'] == at.{edge}() {sign} {plan.n}][{out!r}]")
        return
    c.add(f"anchor = d.loc[{anchor}, 'row_position'].min()  # among all the rows")
    cmp = "<" if p == "count_before" else ">"
    counted = f"(d['row_position'] {cmp} anchor)"
    if plan.filters:
        counted += f" & ({_mask(plan.filters, plan.logic)})"
    c.add(f"result = int(({counted}).sum())")


def _comparison(plan: ComparisonPlan, c: _Code, columns: list[str]) -> None:
    m = plan.measure
    col = _value_col(m, c)
    if not plan.column:  # the rows the filters select against a number
        hi, lo = plan.words or ["higher", "lower"]
        c.add(f"a, b = {_scalar(m, col)}, {plan.threshold!r}")
        c.add(f"answer = {hi!r} if a > b else {lo!r} if a < b else None")
        return
    days = all(isinstance(i, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", i)
               for i in plan.items) and plan.items  # days of a date column, as SQL compares
    items = f"pd.to_datetime({list(plan.items)!r})" if days else repr(list(plan.items))
    c.add(f"d = d[d[{plan.column!r}].isin({items})]")
    agg = f"d.groupby({plan.column!r}, as_index=False).agg({_named(m, col, plan.column)})"
    c.add(f"result = {agg}")
    c.add(f"values = result.set_index({plan.column!r})[{m.alias!r}]")
    if days:
        c.add("values.index = values.index.strftime('%Y-%m-%d')  # days as the items are "
              "written")
    if plan.output in ("at_least", "at_most"):
        c.add(f"answer = values.get({plan.items[0]!r}, {0 if m.agg == 'count' else None}) "
              f"{'>=' if plan.output == 'at_least' else '<='} {plan.threshold!r}")
        return
    if plan.output == "which_way" and plan.threshold is not None:  # one item against a number
        hi, lo = plan.words or ["higher", "lower"]
        c.add(f"a, b = values.get({plan.items[0]!r}), {plan.threshold!r}")
        c.add(f"answer = {hi!r} if a > b else {lo!r} if a < b else None")
        return
    a, b = plan.items
    none = ", 0" if m.agg == "count" and m.column is None else ""  # no rows: a count of 0
    c.add(f"a, b = values.get({a!r}{none}), values.get({b!r}{none})")
    c.add({"values": "answer = (a, b)", "difference": "answer = a - b",
           "abs_difference": "answer = abs(a - b)",
           "ratio": "answer = a / b",
           "larger": f"answer = {a!r} if a > b else {b!r}",
           "smaller": f"answer = {a!r} if a < b else {b!r}",
           "is_larger": "answer = a > b", "is_smaller": "answer = a < b",
           "which_way": f"answer = {(plan.words or ['higher', 'lower'])[0]!r} if a > b else "
                        f"{(plan.words or ['higher', 'lower'])[1]!r} if a < b else None"
           }[plan.output])


def _change(plan: ChangePlan, c: _Code, columns: list[str]) -> None:
    m = plan.measure
    col = _value_col(m, c)
    if plan.grain == "raw":
        key = f"d[{plan.time!r}]"
        start, end = repr(plan.start), repr(plan.end)
    elif plan.grain == "year":
        key = f"d[{plan.time!r}].dt.year"
        start, end = repr(plan.start), repr(plan.end)
    else:
        key = f"d[{plan.time!r}].dt.to_period({_PERIOD[plan.grain]!r}).dt.start_time"
        start, end = f"pd.Timestamp({str(plan.start)!r})", f"pd.Timestamp({str(plan.end)!r})"
    c.add(f"d = d.assign(point={key})")
    keys = list(plan.group_by)
    agg = _named(m, col, plan.time).replace(f"{m.alias}=", "value=", 1)
    if keys:
        c.add(f"wide = d[d['point'].isin([{start}, {end}])].groupby({keys + ['point']!r})"
              f".agg({agg})['value'].unstack('point')")
        c.add(f"result = pd.DataFrame({{'start_value': wide.get({start}), "
              f"'end_value': wide.get({end})}}).dropna(how='all').reset_index()")
    else:
        c.add(f"start = {_scalar(m, col, f'd[d[{chr(39)}point{chr(39)}] == {start}]')}")
        c.add(f"end = {_scalar(m, col, f'd[d[{chr(39)}point{chr(39)}] == {end}]')}")
        c.add("result = pd.DataFrame({'start_value': [start], 'end_value': [end]})")
    c.add("result['change'] = result['end_value'] - result['start_value']")
    c.add("result['percent_change'] = 100 * result['change'] / "
          "result['start_value'].where(result['start_value'] != 0)")
    c.add("result['ratio'] = result['end_value'] / "
          "result['start_value'].where(result['start_value'] != 0)")
    if plan.output == "growth_rate":
        steps = float(plan.end) - float(plan.start)
        c.add(f"result['growth_rate_pct'] = 100 * (result['ratio'] ** (1 / {steps!r}) - 1)")
    if keys:
        out = {"difference": "change", "percent": "percent_change", "ratio": "ratio",
               "growth_rate": "growth_rate_pct"}[plan.output]
        c.add(f"result = result.sort_values([{out!r}, *{keys!r}], "
              f"ascending=[{not plan.descending}] + [True] * {len(keys)}, "
              f"na_position='last')")
        if plan.limit:
            c.add(f"result = result.head({plan.limit})")


def _set(plan: SetPlan, c: _Code, columns: list[str]) -> None:
    if plan.op in ("distinct", "duplicates"):
        cols = list(plan.columns)
        c.add(f"result = d.groupby({cols!r}).size().reset_index(name='count')")
        if plan.op == "duplicates":
            c.add(f"result = result[result['count'] >= {int(plan.min_count)}]")
            if plan.max_count is not None:
                c.add(f"result = result[result['count'] <= {int(plan.max_count)}]")
        c.add(f"result = result.sort_values(['count', *{cols!r}], "
              f"ascending=[False] + [True] * {len(cols)})")
        return
    cols = list(dict.fromkeys([*plan.group_by, *plan.columns, str(plan.order_by)]))
    c.add(f"d = d.dropna(subset={[*plan.group_by, plan.order_by]!r})")
    c.add(f"d = d.sort_values({plan.order_by!r}, ascending={not plan.descending}, "
          f"kind='stable')")
    c.add(f"d = d.assign(rank=d.groupby({list(plan.group_by)!r}).cumcount() + 1)")
    c.add(f"result = d[d['rank'] <= {plan.n}].sort_values([*{list(plan.group_by)!r}, 'rank'])"
          f"[{cols + ['rank']!r}]")


def _rank(plan: RankPlan, c: _Code, columns: list[str]) -> None:
    m = plan.measure
    col = _value_col(m, c)
    c.add(f"d = d.dropna(subset=[{plan.column!r}])")
    c.add(f"result = d.groupby({plan.column!r}, as_index=False).agg("
          f"{_named(m, col, plan.column)})")
    c.add(f"result['rank'] = result[{m.alias!r}].rank(method='min', "
          f"ascending={not plan.descending}, na_option='bottom').astype(int)")
    c.add("result['of'] = len(result)")
    c.add(f"result = result[result[{plan.column!r}] == {plan.item!r}]")


def _percentile(plan: PercentilePlan, c: _Code, columns: list[str]) -> None:
    col = f"d[{plan.column!r}]"
    c.add(f"result = 100 * ({col} <= {plan.value!r}).sum() / {col}.count()")


_WRITERS = {"rank": _rank, "percentile": _percentile, "aggregate": _aggregate, "rows": _rows,
            "distribution": _distribution, "lookup": _lookup, "position": _position,
            "comparison": _comparison, "change": _change, "set": _set, "tool": _tool}

__all__ = ["filter_code", "pandas_code"]
