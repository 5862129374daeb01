"""The plotted table of a chosen chart: raw rows aggregated per category, bars ordered
(by the measure, or by the category's natural order), long tails cut to the top N, the
largest colour groups kept, and the title."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import reduce as R
from .columns import as_datetime, order_key
from .spec import ChartSpec
from .table import ChartPlan, Table

MAX_PIE_SLICES = 6
HORIZONTAL_AFTER = 10
FAST_ROWS = 2000  # result tables up to this size take the numpy path for bars and pies

_AGG_TITLE = {"mean": "Average", "sum": "Total", "median": "Median", "min": "Minimum",
              "max": "Maximum"}


def _words(cols: list[str]) -> str:
    return cols[0] if len(cols) == 1 else ", ".join(cols[:-1]) + " and " + cols[-1]


def _sort_values(s: pd.Series) -> pd.Series:
    key = as_datetime(s)
    return key if key is not None else order_key(s)


def _aggregate(t: Table, plan: ChartPlan, agg: str | None
               ) -> tuple[pd.DataFrame, list[str], str | None]:
    """Aggregate raw rows to one row per (x, colour, panel); returns the table, ys and the agg used."""
    frame = t.frame
    keys = list(dict.fromkeys(c for c in (plan.x, plan.color, plan.facet) if c is not None))
    if not plan.ys:
        counts = frame.groupby(keys, sort=False, dropna=False, observed=True).size()
        name = "count" if "count" not in keys else "n_rows"
        return counts.rename(name).reset_index(), [name], "count"
    if t.is_unique(keys):
        cols = list(dict.fromkeys([*keys, *plan.ys, *(c for c in frame.columns
                                                      if c not in keys and c not in plan.ys)]))
        return frame[cols], plan.ys, None
    how = agg or "mean"
    values = frame[keys + plan.ys]
    text = [c for c in plan.ys if not pd.api.types.is_numeric_dtype(values[c])]
    if text:
        values = values.assign(**{c: pd.to_numeric(values[c], errors="coerce") for c in text})
    grouped = values.groupby(keys, sort=False, dropna=False, observed=True)[plan.ys]
    out = grouped.size().rename("count").to_frame() if how == "count" else grouped.agg(how)
    ys = ["count"] if how == "count" else plan.ys
    return out.reset_index(), ys, how


def _title(plan: ChartPlan, ys: list[str], how: str | None, kind: str) -> str:
    x = plan.x
    by = f" by {x}" + (f" and {plan.color}" if plan.color else "") + (
        f", one panel per {plan.facet}" if plan.facet else "")
    if kind in ("pie", "donut"):
        what = "rows" if how == "count" else _words(ys)
        return f"Share of {what}{by}"
    if how == "count":
        return f"Number of rows{by}"
    word = _AGG_TITLE.get(how or "", "")
    return f"{word} {_words(ys)}{by}".strip()


def build_spec(t: Table, plan: ChartPlan, *, intent: str | None, agg: str | None,
               top_n: int, stacked: bool = False, bin_width: float | None = None,
               bins: int | None = None) -> ChartSpec | None:
    spec = _build(t, plan, intent=intent, agg=agg, top_n=top_n, bin_width=bin_width,
                  bins=bins)
    if spec is not None and stacked and spec.kind in ("bar", "horizontal_bar") and \
            spec.color is not None:
        spec.stacked = True
    return spec


def _build(t: Table, plan: ChartPlan, *, intent: str | None, agg: str | None,
           top_n: int, bin_width: float | None, bins: int | None) -> ChartSpec | None:
    kind = plan.kind
    frame = t.frame
    facet = plan.facet
    by_panel = f", one panel per {facet}" if facet else ""
    if kind == "histogram":
        return ChartSpec("histogram", frame, plan.x, None,
                         title=f"Distribution of {plan.x}{by_panel}", sort_field=plan.x,
                         sort_direction="asc", facet=facet, bin_width=bin_width,
                         bin_count=bins)
    if kind == "box":
        y = plan.ys[0]
        title = f"Distribution of {y}" + (f" by {plan.x}" if plan.x else "")
        return ChartSpec("box", frame, plan.x, y, title=title)
    if kind == "scatter":
        y = plan.ys[0]
        cols = list(dict.fromkeys(c for c in (plan.x, y, plan.color, facet) if c is not None))
        data = frame[cols]
        dropped = int(data[[plan.x, y]].isna().any(axis=1).sum())
        data = data.dropna(subset=[plan.x, y])
        notes = [f"{R.fmt_int(dropped)} row(s) with missing values left out"] if dropped else []
        color = plan.color
        if color is not None and t.kinds[color] != "quantitative":
            data, more = _top_groups(data, color, None)
            notes += more
        title = f"{y} vs {plan.x}" + (f" by {color}" if color else "") + by_panel
        return ChartSpec("scatter", data, plan.x, y, color=color, title=title, notes=notes,
                         facet=facet)
    if kind == "heatmap":
        value = plan.color
        if value is not None and t.kinds[value] != "quantitative":
            value = None
        cols = list(dict.fromkeys(c for c in (plan.x, plan.ys[0], value) if c))
        data = frame[cols]
        how = None
        if value is None:
            data = data.groupby([plan.x, plan.ys[0]], sort=False, dropna=False,
                                observed=True).size().rename("count").reset_index()
            value, how = "count", "count"
        elif data.duplicated(subset=[plan.x, plan.ys[0]]).any():
            how = agg or "mean"
            data = data.groupby([plan.x, plan.ys[0]], sort=False, observed=True)[value].agg(
                how).reset_index()
        title = (f"Number of rows by {plan.x} and {plan.ys[0]}" if how == "count" else
                 f"{_AGG_TITLE.get(how or '', '')} {value} by {plan.x} and {plan.ys[0]}".strip())
        return ChartSpec("heatmap", data, plan.x, plan.ys[0], color=value, title=title,
                         agg=how)
    # Category / time on x with measure(s): bar, horizontal bar, pie, donut, line, area.
    if agg is None and (kind in ("pie", "donut") or (intent == "share" and kind == "bar")):
        agg = "sum"  # a share is of a total
    if plan.color is None and facet is None and kind in ("bar", "horizontal_bar", "pie",
                                                         "donut") and len(frame) <= FAST_ROWS:
        spec = _fast_bar(t, plan, kind, intent=intent, top_n=top_n)
        if spec is not None:
            return spec
    data, ys, how = _aggregate(t, plan, agg)
    if _all_missing(data, ys):
        return None  # every value missing: an empty chart would only confuse
    notes: list[str] = []
    if plan.color is not None:
        data, more = _top_groups(data, plan.color, ys[0])
        notes += more
    x = plan.x
    natural = t.kinds[x] != "nominal"
    if kind in ("line", "area"):
        return ChartSpec(kind, data, x, ys if len(ys) > 1 else ys[0], color=plan.color,
                         title=_title(plan, ys, how, kind), sort_field=x,
                         sort_direction="asc", notes=notes, agg=how, facet=facet)
    totals = data.groupby(x, sort=False, dropna=False, observed=True)[ys[0]].sum(min_count=1)
    n_cats = len(totals)
    if kind == "bar" and intent == "share" and plan.color is None and len(ys) == 1 \
            and n_cats <= MAX_PIE_SLICES and (data[ys[0]].dropna() >= 0).all() \
            and data[ys[0]].sum() > 0:
        kind = "pie"
    by_measure = not natural or intent == "ranking" or kind in ("pie", "donut")
    if by_measure:
        order = totals.sort_values(ascending=False, kind="stable", na_position="last").index
        sort_field, direction = ys[0], "desc"
    else:
        key = _sort_values(pd.Series(totals.index))
        order = totals.index[key.sort_values(kind="stable").index] if key is not None \
            else totals.index
        sort_field, direction = x, "asc"
    if kind in ("bar", "horizontal_bar") and by_measure and n_cats > top_n:
        kept = order[:top_n]
        rest = n_cats - top_n
        notes.append(f"showing the top {top_n} of {R.fmt_int(n_cats)} {x} values; "
                     f"{R.fmt_int(rest)} more left out")
        order = kept
        if kind == "bar":
            kind = "horizontal_bar"
    elif kind == "bar" and by_measure and (n_cats > HORIZONTAL_AFTER or
                                           data[x].astype(str).str.len().max() > 20):
        kind = "horizontal_bar"
    rank = {k: i for i, k in enumerate(order)}
    pos = data[x].map(rank).to_numpy(dtype="float64", na_value=np.nan)
    keep = ~np.isnan(pos)
    data = data[keep].iloc[np.argsort(pos[keep], kind="stable")]
    return ChartSpec(kind, data.reset_index(drop=True), x, ys if len(ys) > 1 else ys[0],
                     color=plan.color, title=_title(plan, ys, how, kind),
                     sort_field=sort_field, sort_direction=direction, notes=notes, agg=how,
                     facet=facet)


def _all_missing(data: pd.DataFrame, ys: list[str]) -> bool:
    for c in ys:
        s = data[c]
        if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            if s.notna().any():
                return False
        elif pd.to_numeric(s, errors="coerce").notna().any():
            return False
    return True


def _fast_bar(t: Table, plan: ChartPlan, kind: str, *, intent: str | None,
              top_n: int) -> ChartSpec | None:
    """Bars/pie of an already aggregated result table (one row per category, the common
    case behind ``ask``) with plain numpy on a few hundred values: the same choices as the
    general path without its per-call pandas overheads (groupby, map, apply), which cost
    milliseconds on a five-row table. Returns None to fall back to the general path."""
    frame, x, ys = t.frame, plan.x, plan.ys
    if x is None or not ys or any(
            not pd.api.types.is_numeric_dtype(frame[c]) or pd.api.types.is_bool_dtype(frame[c])
            for c in ys):
        return None
    keys = frame[x].tolist()
    try:
        if len(set(keys)) != len(keys) or any(k is None or k != k for k in keys):
            return None  # repeated or missing categories: aggregate on the general path
    except TypeError:  # unhashable labels
        return None
    first = frame[ys[0]].to_numpy(dtype="float64", na_value=np.nan)
    if all(np.isnan(frame[c].to_numpy(dtype="float64", na_value=np.nan)).all() for c in ys):
        return None
    n_cats = len(keys)
    valid = first[~np.isnan(first)]
    if kind == "bar" and intent == "share" and len(ys) == 1 and n_cats <= MAX_PIE_SLICES \
            and (valid >= 0).all() and valid.sum() > 0:
        kind = "pie"
    natural = t.kinds[x] != "nominal"
    by_measure = not natural or intent == "ranking" or kind in ("pie", "donut")
    if by_measure:
        order = np.argsort(-first, kind="stable")  # NaN sorts last
        sort_field, direction = ys[0], "desc"
    else:
        key = _sort_values(frame[x].reset_index(drop=True))
        order = key.sort_values(kind="stable").index.to_numpy() if key is not None \
            else np.arange(n_cats)
        sort_field, direction = x, "asc"
    notes: list[str] = []
    if kind in ("bar", "horizontal_bar") and by_measure and n_cats > top_n:
        notes.append(f"showing the top {top_n} of {R.fmt_int(n_cats)} {x} values; "
                     f"{R.fmt_int(n_cats - top_n)} more left out")
        order = order[:top_n]
        if kind == "bar":
            kind = "horizontal_bar"
    elif kind == "bar" and by_measure and (n_cats > HORIZONTAL_AFTER or
                                           max(len(str(k)) for k in keys) > 20):
        kind = "horizontal_bar"
    cols = list(dict.fromkeys([x, *ys, *frame.columns]))
    data = frame.take(order)  # one block take: cheaper than iloc[rows, cols] by far
    if cols != list(frame.columns):
        data = data[cols]
    data = data.reset_index(drop=True)
    return ChartSpec(kind, data, x, ys if len(ys) > 1 else ys[0], color=None,
                     title=_title(plan, ys, None, kind), sort_field=sort_field,
                     sort_direction=direction, notes=notes, agg=None)


def _top_groups(data: pd.DataFrame, color: str, measure: str | None
                ) -> tuple[pd.DataFrame, list[str]]:
    """Keep the ``MAX_COLOR_GROUPS`` largest colour groups (by total measure, or rows)."""
    n = data[color].nunique(dropna=False)
    if n <= R.MAX_COLOR_GROUPS:
        return data, []
    if measure is None:
        size = data.groupby(color, dropna=False, observed=True).size()
    else:
        size = data.groupby(color, dropna=False, observed=True)[measure].sum().abs()
    keep = size.sort_values(ascending=False).index[:R.MAX_COLOR_GROUPS]
    return data[data[color].isin(keep)], [
        f"showing the {R.MAX_COLOR_GROUPS} largest of {R.fmt_int(n)} {color} groups"]
