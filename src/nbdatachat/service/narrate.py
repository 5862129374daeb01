"""Sentences that state an answer with its numbers, formatted for people.

Numbers get thousands separators and a sensible precision (19.79, 1,234,567, 0.0523); dates
print at the precision of their time bucket (Mar 2021, 2021-Q1, 2021).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..planner.plan import Measure, Plan
from ..textfmt import format_key, format_number, format_pvalue


# One formatting module for every surface (cards, panels, CLI): see nbdatachat.textfmt.
fmt_num = format_number
fmt_pvalue = format_pvalue
fmt_key = format_key


def _where(plan: Plan) -> str:
    if not plan.filters:
        return ""
    joiner = f" {plan.logic} "
    return " where " + joiner.join(f.describe() for f in plan.filters)


def _measure_name(m: Measure) -> str:
    return m.describe()


def describe_aggregate(plan: Plan, table: pd.DataFrame) -> str:
    m = plan.measures[0]
    what = _measure_name(m)
    where = _where(plan)
    if table.empty:
        return f"No rows match{where or ' the question'}, so there is nothing to report."
    keys = plan.keys
    if not keys:
        if plan.share and plan.part:
            r = table.iloc[0]
            cond = " and ".join(f.describe() for f in plan.part)
            base = "of the rows" if m.column is None else f"of the total {m.column}"
            return (f"{fmt_num(r['share_pct'])}% {base}{where} are where {cond} "
                    f"({fmt_num(r['part'])} of {fmt_num(r['total'])}).")
        if len(plan.measures) == 1 and m.column is None:
            n = fmt_num(table.iloc[0][m.alias])
            return f"There {'is' if n == '1' else 'are'} {n} row{'' if n == '1' else 's'}" \
                   f"{where or ' in the data'}."
        if len(plan.measures) == 1 and m.agg == "count_distinct":
            n = fmt_num(table.iloc[0][m.alias])
            return f"There {'is' if n == '1' else 'are'} {n} distinct " \
                   f"{m.column.replace('_', ' ')} value{'' if n == '1' else 's'}{where}."
        vals = [f"the {_measure_name(x)} is {fmt_num(table.iloc[0][x.alias])}"
                for x in plan.measures]
        head = vals[0][0].upper() + vals[0][1:]
        rest = "; ".join(vals[1:])
        return f"{head}{where}" + (f"; {rest}" if rest else "") + "."
    grain = plan.time_bucket.grain if plan.time_bucket else None
    col = m.alias
    n = len(table)

    def label(row) -> str:
        return ", ".join(fmt_key(row[k], grain if k == (plan.time_bucket.alias if
                                                        plan.time_bucket else None) else None)
                         for k in keys)

    def val(row) -> str:
        s = _cell(row[col], m.column)  # a year or a date as such (the max of a date column)
        if plan.share and "share_pct" in row:
            s += f" ({fmt_num(row['share_pct'])}%)"
        return s

    rows = list(table.itertuples(index=False))
    cols = list(table.columns)
    recs = [dict(zip(cols, r)) for r in rows]
    by = " and ".join(k.replace("_", " ") for k in keys)
    if plan.argmax or (plan.order_by and plan.limit == 1):
        top = recs[0]
        word = "highest" if plan.descending else "lowest"
        tied = [r for r in recs if r[col] == top[col]]
        if len(tied) > 1:  # never name one of several equal groups as "the" answer
            names = ", ".join(label(r) for r in tied[:-1]) + f" and {label(tied[-1])}"
            what_tie = ("most rows" if plan.descending else "fewest rows") if \
                m.agg == "count" and m.column is None else f"{word} {what}"
            return f"{names} tie for the {what_tie} ({val(top)}){where}."
        if m.agg == "count" and m.column is None:
            word = "most rows" if plan.descending else "fewest rows"
            text = f"{label(top)} has the {word} ({fmt_num(top[col])}){where}"
        else:
            text = f"{label(top)} has the {word} {what} ({val(top)}){where}"
        if len(recs) > 1:
            text += f", ahead of {label(recs[1])} ({val(recs[1])})" if plan.descending else \
                f", followed by {label(recs[1])} ({val(recs[1])})"
        return text + "."
    if plan.time_bucket is not None and not plan.group_by and n >= 2:
        first, last = recs[0], recs[-1]
        peak = max(recs, key=lambda r: (r[col] if r[col] is not None and
                                        r[col] == r[col] else float("-inf")))
        change = ""
        try:
            a, b = float(first[col]), float(last[col])
            if a != 0:
                pct = 100.0 * (b - a) / abs(a)
                change = f" ({'+' if pct >= 0 else ''}{pct:.1f}%)"
        except (TypeError, ValueError):
            pass
        return (f"{_cap(what)} by {plan.time_bucket.grain}{where}: from {val(first)} in "
                f"{label(first)} to {val(last)} in {label(last)}{change}; the peak is "
                f"{val(peak)} in {label(peak)}.")
    if plan.order_by and plan.limit:
        word = "Top" if plan.descending else "Bottom"
        listing = ", ".join(f"{label(r)} ({val(r)})" for r in recs[:10])
        return f"{word} {min(n, plan.limit)} by {what}{where}: {listing}."
    if n <= 8:
        listing = ", ".join(f"{label(r)} {val(r)}" for r in recs)
        return f"{_cap(what)} by {by}{where}: {listing}."
    valid = [r for r in recs if r[col] is not None and r[col] == r[col]]
    if not valid:
        return f"{_cap(what)} by {by}{where}: no values."
    hi = max(valid, key=lambda r: r[col])
    lo = min(valid, key=lambda r: r[col])
    return (f"{_cap(what)} by {by}{where} across {n:,} groups: highest {label(hi)} "
            f"({val(hi)}), lowest {label(lo)} ({val(lo)}).")


def describe_rows(plan: Plan, table: pd.DataFrame, total: int | None = None,
                  label: str | None = None) -> str:
    """``label`` is the column that names rows (a car's name): lookups and listings say
    *which* rows, not only how many."""
    where = _where(plan)
    n = len(table)
    label = label if label is not None and label in table.columns else None
    if plan.chart == "scatter" and len(plan.columns) >= 2:
        x, y = plan.columns[:2]
        sample = f" (every {-(-total // n)}th row: {n:,} of {total:,})" \
            if total and n and total > n else ""
        return f"{_cap(y.replace('_', ' '))} against {x.replace('_', ' ')}{where}: " \
               f"{n:,} points{sample}."
    if n == 0:
        return f"No rows match{where or ''}."
    if plan.order_by and plan.limit == 1 and n > 1:
        word = "highest" if plan.descending else "lowest"
        key = label if label is not None else next(
            (c for c in table.columns if c != plan.order_by), plan.order_by)
        names = ", ".join(_cell(v) for v in table[key].head(10))
        return (f"{n} rows tie for the {word} {plan.order_by} "
                f"({_cell(table.iloc[0][plan.order_by], plan.order_by)}){where}: {names}.")
    if plan.order_by and plan.limit == 1:
        row = table.iloc[0]
        others = ", ".join(f"{c} {_cell(row[c], c)}" for c in table.columns[:9]
                           if c not in (plan.order_by, label))
        word = "highest" if plan.descending else "lowest"
        if label is not None:
            return (f"{_cell(row[label])} has the {word} {plan.order_by} "
                    f"({_cell(row[plan.order_by], plan.order_by)}){where}"
                    + (f"; its other values: {others}." if others else "."))
        value = _cell(row[plan.order_by], plan.order_by)
        return f"The row with the {word} {plan.order_by} ({value}) has {others}."
    if plan.order_by:
        word = "largest" if plan.descending else "smallest"
        if label is not None:
            vals = ", ".join(f"{_cell(r[label])} ({fmt_num(r[plan.order_by])})"
                             for _, r in table.head(10).iterrows())
            return f"The {n} rows with the {word} {plan.order_by}{where}: {vals}."
        vals = ", ".join(fmt_num(v) for v in table[plan.order_by].head(10))
        return f"The {n} {word} {plan.order_by} values{where}: {vals}."
    more = f"; showing the first {n:,}" if plan.limit and n >= plan.limit else ""
    head = f"{n:,} row{'s' if n != 1 else ''}{where or ''}{more}"
    if plan.limit == 1 and n == 1:  # "name a driver who ...": one example
        head = f"One example (the first in table order){where or ''}"
    if label is not None:
        shown = [c for c in table.columns if c != label][:2]
        names = "; ".join(_cell(r[label]) + (" (" + ", ".join(
            f"{c} {_cell(r[c], c)}" for c in shown) + ")" if shown else "")
            for _, r in table.head(5).iterrows())
        return f"{head}: {names}{' ...' if n > 5 else ''}."
    return head + "."


def _cell(v: Any, column: Any = None) -> str:
    return fmt_num(v, column=column) if _isnum(v) else fmt_key(v)


def describe_distribution(plan: Plan, table: pd.DataFrame) -> str:
    col = plan.columns[0]
    where = _where(plan)
    if table.empty or int(table["count"].fillna(0).sum()) == 0:
        return f"{col} has no values{where}."
    if plan.group_by:
        parts = [f"{', '.join(fmt_key(r[g]) for g in plan.group_by)} median "
                 f"{fmt_num(r['median'])}" for _, r in table.head(8).iterrows()]
        return f"Distribution of {col} by {', '.join(plan.group_by)}{where}: " \
               + "; ".join(parts) + "."
    r = table.iloc[0]
    return (f"{_cap(col.replace('_', ' '))}{where} ranges from {fmt_num(r['min'])} to "
            f"{fmt_num(r['max'])}, with median {fmt_num(r['median'])}, mean {fmt_num(r['mean'])} "
            f"and standard deviation {fmt_num(r['std'])} over {fmt_num(r['count'])} values; the "
            f"middle half lies between {fmt_num(r['p25'])} and {fmt_num(r['p75'])}.")


def _when(v: Any, grain: str | None) -> str:
    """A forecast date as people write it ("Jan 2024", "2024-Q1", "1971"), whether the tool
    gave a timestamp, an ISO string or a year number."""
    if isinstance(v, str):
        try:
            v = pd.Timestamp(v)
        except ValueError:
            return v
    if grain == "year" and isinstance(v, pd.Timestamp):
        return str(v.year)
    return fmt_key(v, grain)


def _cap(text: str) -> str:
    """Capitalize the first letter only ("lifeExp" stays "LifeExp", not "Lifeexp")."""
    return text[:1].upper() + text[1:]


def _isnum(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def describe_tool(plan: Plan, result: Any, table: pd.DataFrame) -> str:
    name = plan.tool.name if plan.tool else ""
    args = plan.tool.args if plan.tool else {}
    perf = dict(result.performance or {})
    stats = dict(result.statistics or {})
    if name in ("arima", "exponential_smoothing"):
        fc = result.tables.get("forecast")
        if isinstance(fc, pd.DataFrame) and not fc.empty:
            vcol = "forecast" if "forecast" in fc.columns else fc.columns[-1]
            series = getattr(plan, "series", None)
            grain = series.grain if series is not None else None
            grain = "year" if grain == "raw" else grain
            dates = [_when(d, grain) for d in (fc["date"] if "date" in fc.columns
                                                else fc[fc.columns[0]])]
            pts = ", ".join(f"{d}: {fmt_num(v)}" for d, v in zip(dates[:6], fc[vcol].head(6)))
            more = f" ... ({len(fc)} steps)" if len(fc) > 6 else ""
            label = "ARIMA" if name == "arima" else "exponential smoothing"
            unit = f"{grain}s" if grain in ("year", "quarter", "month", "week", "day", "hour") \
                else "periods"
            if len(fc) == 1 and unit != "periods":
                unit = grain
            band = ""
            if {"lower", "upper"} <= set(fc.columns):
                conf = (getattr(result, "extra", None) or {}).get("confidence", 0.95)
                band = (f" The {fmt_num(100 * float(conf))}% interval for {dates[0]} is "
                        f"{fmt_num(fc['lower'].iloc[0])} to {fmt_num(fc['upper'].iloc[0])}.")
            return f"Forecast of {args.get('target')} ({label}) for the next {len(fc)} " \
                   f"{unit}: {pts}{more}.{band}"
    if name in ("linear_regression", "logistic_regression"):
        coefs = {k: v for k, v in (result.coefficients or {}).items()
                 if k.lower() not in ("const", "intercept", "(intercept)")}
        pv = result.p_values or {}
        parts = []
        for k, v in list(coefs.items())[:4]:
            p = pv.get(k)
            parts.append(f"{k} {fmt_num(v)}" + (f" ({fmt_pvalue(p)})" if p is not None else ""))
        fit = ""
        for key in ("r_squared", "r2", "adj_r_squared", "pseudo_r_squared", "auc", "accuracy"):
            if key in perf and isinstance(perf[key], (int, float)):
                fit = f"; {key.replace('_', ' ')} = {float(perf[key]):.3f}"
                break
        kind = "Logistic" if name.startswith("logistic") else "Linear"
        return (f"{kind} regression of {args.get('target')} on "
                f"{', '.join(args.get('features', []))}: coefficients "
                f"{'; '.join(parts)}{fit}.")
    insights = [s for s in (result.insights or []) if isinstance(s, str)]
    numbers = []
    seen: set[str] = set()
    for key, label in (("t", "t"), ("t_statistic", "t"), ("f_statistic", "F"), ("F", "F"),
                       ("chi2", "chi-square"), ("chi_square", "chi-square"),
                       ("statistic", "statistic"), ("r", "r"), ("correlation", "r"),
                       ("df", "df"), ("p_value", "p"), ("pvalue", "p"),
                       ("n_clusters", "clusters"), ("silhouette", "silhouette")):
        v = stats.get(key, perf.get(key))
        if label in seen or not isinstance(v, (int, float)) or isinstance(v, bool):
            continue
        seen.add(label)
        numbers.append(fmt_pvalue(v) if label == "p" else f"{label} = {fmt_num(v)}")
    head = " ".join(insights[:2]) or f"{name.replace('_', ' ')} on {result.n_obs} rows."
    if numbers:
        head = head.rstrip() + " (" + ", ".join(numbers[:4]) + ")."
    return head


__all__ = ["describe_aggregate", "describe_distribution", "describe_rows", "describe_tool",
           "fmt_key", "fmt_num", "fmt_pvalue"]
