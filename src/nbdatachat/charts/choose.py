"""``choose_chart``: the fitting chart for a result table, by the Voyager / Lux / Show Me rules.

Rules, decided from measurement levels (see :mod:`nbdatachat.charts.columns`):

* time on x -> line (area for a cumulative/composition intent); one line per group;
* category + measure -> bar, sorted by the measure (desc) unless the category has a natural
  order (months, weekdays, years, numeric bins keep it); many categories -> horizontal bar of
  the top N with the rest noted; raw rows are aggregated (mean by default);
* two measures -> scatter; one measure (raw rows) -> histogram;
* "share" intent with at most 6 categories -> pie;
* a second category -> colour (grouped bars, one line per group, coloured points);
* two categories without a measure -> heatmap of counts;
* a single number -> no chart.
"""

from __future__ import annotations

from dataclasses import dataclass
import numpy as np
import pandas as pd

from ..errors import DataError, InvalidRequest, column_not_found
from . import reduce as R
from .columns import ColumnKind, as_datetime, column_kind, is_dense_integer_key, order_key
from .spec import KINDS, ChartSpec

INTENTS = ("trend", "compare", "share", "distribution", "relationship", "ranking",
           "composition", "cumulative")
AGGS = ("mean", "sum", "median", "min", "max", "count")
MAX_PIE_SLICES = 6
HORIZONTAL_AFTER = 10
FAST_ROWS = 2000  # result tables up to this size take the numpy path for bars and pies

_AGG_TITLE = {"mean": "Average", "sum": "Total", "median": "Median", "min": "Minimum",
              "max": "Maximum"}


class _Kinds(dict):
    """Column -> measurement level, computed on first use (a wide table with x and y given
    only pays for the columns the chart uses)."""

    def __init__(self, frame: pd.DataFrame, known: dict[str, ColumnKind] | None = None) -> None:
        super().__init__()
        self.frame = frame
        if known:
            self.update({c: k for c, k in known.items() if c in frame.columns})

    def __missing__(self, col: str) -> ColumnKind:
        frame = self.frame
        kind = column_kind(frame[col], col)
        # A small unique integer first column of a result table is a key (size 1..6), not
        # a measure to plot against another measure.
        if (kind == "quantitative" and col == frame.columns[0] and len(frame.columns) > 1
                and is_dense_integer_key(frame[col])
                and any(self[c] == "quantitative" for c in frame.columns[1:])):
            kind = "ordinal"
        self[col] = kind
        return kind

    def all(self) -> dict[str, ColumnKind]:
        return {c: self[c] for c in self.frame.columns}


@dataclass
class _Table:
    """The table with each column's measurement level, computed once, on demand."""

    frame: pd.DataFrame
    kinds: _Kinds

    @classmethod
    def of(cls, frame: pd.DataFrame, known: dict[str, ColumnKind] | None = None) -> _Table:
        return cls(frame, _Kinds(frame, known))

    @property
    def dims(self) -> list[str]:
        order = {"temporal": 0, "ordinal": 1, "nominal": 1}
        dims = [c for c, k in self.kinds.all().items() if k != "quantitative"]
        return sorted(dims, key=lambda c: order[self.kinds[c]])

    @property
    def measures(self) -> list[str]:
        return [c for c, k in self.kinds.all().items() if k == "quantitative"]

    def nunique(self, col: str) -> int:
        return int(self.frame[col].nunique(dropna=True))

    def is_unique(self, cols: list[str]) -> bool:
        if len(cols) == 1:
            return bool(self.frame[cols[0]].is_unique)
        return not self.frame.duplicated(subset=cols).any()


def _words(cols: list[str]) -> str:
    return cols[0] if len(cols) == 1 else ", ".join(cols[:-1]) + " and " + cols[-1]


def _clean(table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """String column names, duplicates dropped (noted): charts address columns by name."""
    notes: list[str] = []
    frame = table
    if not all(isinstance(c, str) for c in frame.columns):
        frame = frame.set_axis([str(c) for c in frame.columns], axis=1)
    if frame.columns.duplicated().any():
        dup = sorted(set(frame.columns[frame.columns.duplicated()]))
        frame = frame.loc[:, ~frame.columns.duplicated()]
        notes.append(f"duplicate column(s) {', '.join(dup)}: first copy used")
    return frame, notes


def choose_chart(table: pd.DataFrame, *, x: str | None = None,
                 y: str | list[str] | None = None, color: str | None = None,
                 kind: str | None = None, title: str | None = None,
                 intent: str | None = None, agg: str | None = None,
                 top_n: int | None = None,
                 kinds: dict[str, ColumnKind] | None = None) -> ChartSpec | None:
    """Pick the fitting chart for a result table (None when a chart would not help, e.g. a
    single number).

    ``kind`` forces a type (follow-up "as a line chart"); ``intent`` is a hint: "trend",
    "compare", "share", "distribution", "relationship", "ranking", "composition",
    "cumulative". ``agg`` is how raw rows are aggregated per category (default mean; count
    when there is no measure). ``top_n`` caps the bars shown (default 20). ``kinds`` gives
    measurement levels the caller already knows (``{"mean_tip": "quantitative"}`` from the
    query that made the table), so those columns are not profiled again. The table is
    never modified.
    """
    if not isinstance(table, pd.DataFrame):
        raise InvalidRequest(f"choose_chart needs a pandas DataFrame, not "
                             f"{type(table).__name__}.", details={"parameter": "table"})
    for value, allowed, name in ((kind, KINDS, "kind"), (intent, INTENTS, "intent"),
                                 (agg, AGGS, "agg")):
        if value is not None and value not in allowed:
            raise InvalidRequest(f"Unknown chart {name} {value!r}; use one of "
                                 f"{', '.join(allowed)}.",
                                 details={"parameter": name, "allowed": list(allowed)})
    if top_n is not None and top_n < 1:
        raise InvalidRequest("top_n must be at least 1.", details={"parameter": "top_n"})
    if table.empty or len(table.columns) == 0:
        return None
    frame, notes = _clean(table)
    ys = [y] if isinstance(y, str) else list(y or [])
    for col in [x, *ys, color]:
        if col is not None and col not in frame.columns:
            raise column_not_found(str(col), [str(c) for c in frame.columns],
                                   role="chart column")
    t = _Table.of(frame, kinds)
    if kind is None and len(frame) == 1:
        return None  # one row: the number itself says it better than a chart
    plan = _plan(t, x, ys, color, kind, intent)
    if plan is None:
        return None
    spec = _build(t, plan, intent=intent, agg=agg, top_n=top_n or R.MAX_BAR_CATEGORIES)
    if spec is None:
        return None
    if title:
        spec.title = title
    spec.notes = notes + spec.notes
    return spec


@dataclass
class _Plan:
    kind: str
    x: str | None
    ys: list[str]
    color: str | None = None


def _plan(t: _Table, x: str | None, ys: list[str], color: str | None, kind: str | None,
          intent: str | None) -> _Plan | None:
    """Fill in the missing encodings, then the chart kind."""
    if kind is not None:
        return _plan_forced(t, x, ys, color, kind)
    if x is None and not ys:
        return _infer(t, color, intent)
    if x is None:  # only y given
        dims = t.dims
        if intent == "distribution" or not dims:
            if len(ys) == 1 and t.kinds[ys[0]] == "quantitative":
                x_dim = color if color and t.kinds[color] != "quantitative" else None
                return _Plan("box" if x_dim else "histogram", x_dim if x_dim else ys[0],
                             ys if x_dim else [])
        x = dims[0] if dims else None
        if x is None:
            return _Plan("scatter", ys[0], ys[1:2]) if len(ys) >= 2 else None
    xk = t.kinds[x]
    if not ys:
        if xk == "quantitative":
            return _Plan("histogram", x, [])
        return _Plan("bar", x, [], color)
    yk = [t.kinds[c] for c in ys]
    if all(k != "quantitative" for k in yk) and xk != "quantitative":
        value = color if color is not None and t.kinds[color] == "quantitative" else None
        return _Plan("heatmap", x, ys[:1], value)
    if xk == "temporal":
        area = intent in ("cumulative", "composition", "share") and not (
            intent == "share" and color is None and len(ys) == 1)
        return _Plan("area" if area else "line", x, ys, color)
    if xk == "quantitative":
        if is_dense_integer_key(t.frame[x]) and t.is_unique([x]):
            return _Plan("bar", x, ys, color)
        if intent == "trend":
            return _Plan("line", x, ys, color)
        return _Plan("scatter", x, ys[:1], color)
    if intent == "distribution" and not t.is_unique([x]):
        return _Plan("box", x, ys[:1])
    return _Plan("bar", x, ys, color)


def _infer(t: _Table, color: str | None, intent: str | None) -> _Plan | None:
    dims, measures = t.dims, t.measures
    if color is not None and color in dims:
        dims = [d for d in dims if d != color]
    small_dims = [d for d in dims if t.nunique(d) <= R.MAX_COLOR_GROUPS]
    if intent == "distribution" and measures:
        by = small_dims[0] if small_dims else None
        return _Plan("box", by, measures[:1]) if by else _Plan("histogram", measures[0], [])
    if intent == "relationship" and len(measures) >= 2:
        return _Plan("scatter", measures[0], [measures[1]], color or
                     next((d for d in small_dims if t.kinds[d] == "nominal"), None))
    if not dims:
        if len(measures) == 1:
            return _Plan("histogram", measures[0], [])
        return _Plan("scatter", measures[0], [measures[1]], color)
    temporal = [d for d in dims if t.kinds[d] == "temporal"]
    aggregated = t.is_unique(dims)
    if not measures:
        if aggregated and len(dims) == 1:
            return None  # a list of distinct values: nothing to measure
        if len(dims) >= 2 and not temporal and intent != "compare":
            return _Plan("heatmap", dims[0], [dims[1]])
        return _Plan("bar", dims[0], [], color)
    if not aggregated and not temporal and len(measures) >= 2 and intent not in (
            "compare", "ranking", "share"):
        return _Plan("scatter", measures[0], [measures[1]], color or
                     next((d for d in small_dims if t.kinds[d] == "nominal"), None))
    x = temporal[0] if temporal else dims[0]
    if color is None and len(dims) >= 2:
        others = [d for d in dims if d != x]
        color = min(others, key=t.nunique)
        if not temporal and t.nunique(color) > t.nunique(x) and t.nunique(x) <= R.MAX_COLOR_GROUPS:
            x, color = color, x
    ys = measures if (aggregated and color is None) else measures[:1]
    ys = ys[:R.MAX_COLOR_GROUPS]
    if temporal:
        area = intent in ("cumulative", "composition")
        return _Plan("area" if area else "line", x, ys, color)
    return _Plan("bar", x, ys, color)


def _plan_forced(t: _Table, x: str | None, ys: list[str], color: str | None,
                 kind: str) -> _Plan:
    dims, measures = t.dims, t.measures

    def need(what: str) -> DataError:
        return DataError(f"A {kind.replace('_', ' ')} chart needs {what}; this table has "
                         f"measures {measures or 'none'} and categories {dims or 'none'}.",
                         details={"parameter": "kind", "kind": kind,
                                  "columns": [str(c) for c in t.frame.columns]})

    if kind == "histogram":
        col = x if x is not None and t.kinds[x] == "quantitative" else (
            ys[0] if ys else (measures[0] if measures else None))
        if col is None:
            raise need("a numeric column")
        return _Plan("histogram", col, [])
    if kind == "scatter":
        cols = [c for c in [x, *ys] if c is not None] or measures[:2]
        if len(cols) < 2:
            more = [m for m in measures if m not in cols]
            cols = cols + more[:2 - len(cols)]
        if len(cols) < 2:
            raise need("two numeric columns")
        return _Plan("scatter", cols[0], [cols[1]], color)
    if kind == "box":
        y0 = ys[0] if ys else (x if x is not None and t.kinds[x] == "quantitative"
                               else (measures[0] if measures else None))
        if y0 is None:
            raise need("a numeric column")
        by = x if x is not None and x != y0 else (dims[0] if dims else None)
        return _Plan("box", by, [y0])
    if kind == "heatmap":
        a = x or (dims[0] if dims else None)
        b = ys[0] if ys else next((d for d in dims if d != a), None)
        if a is None or b is None:
            raise need("two categorical columns")
        value = color or (ys[1] if len(ys) > 1 else None)
        return _Plan("heatmap", a, [b], value)
    # bar / horizontal_bar / pie / donut / line / area
    if x is None:
        temporal = [d for d in dims if t.kinds[d] == "temporal"]
        x = (temporal or dims or [None])[0] if kind in ("line", "area") else (dims or [None])[0]
    if x is None:
        if kind in ("line", "area") and measures:
            x = measures[0]
        else:
            raise need("a category or time column for the x axis")
    if not ys:
        ys = [m for m in measures if m != x][:1 if kind in ("pie", "donut") else
                                              R.MAX_COLOR_GROUPS]
    if kind in ("pie", "donut"):
        ys = ys[:1]
        color = None
    return _Plan(kind, x, ys, color)


# --------------------------------------------------------------------------- building
def _sort_values(s: pd.Series) -> pd.Series:
    key = as_datetime(s)
    return key if key is not None else order_key(s)


def _aggregate(t: _Table, plan: _Plan, agg: str | None
               ) -> tuple[pd.DataFrame, list[str], str | None]:
    """Aggregate raw rows to one row per (x, colour); returns the table, ys and the agg used."""
    frame = t.frame
    keys = [c for c in (plan.x, plan.color) if c is not None]
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


def _title(plan: _Plan, ys: list[str], how: str | None, kind: str) -> str:
    x = plan.x
    by = f" by {x}" + (f" and {plan.color}" if plan.color else "")
    if kind in ("pie", "donut"):
        what = "rows" if how == "count" else _words(ys)
        return f"Share of {what}{by}"
    if how == "count":
        return f"Number of rows{by}"
    word = _AGG_TITLE.get(how or "", "")
    return f"{word} {_words(ys)}{by}".strip()


def _build(t: _Table, plan: _Plan, *, intent: str | None, agg: str | None,
           top_n: int) -> ChartSpec | None:
    kind = plan.kind
    frame = t.frame
    if kind == "histogram":
        return ChartSpec("histogram", frame, plan.x, None, title=f"Distribution of {plan.x}",
                         sort_field=plan.x, sort_direction="asc")
    if kind == "box":
        y = plan.ys[0]
        title = f"Distribution of {y}" + (f" by {plan.x}" if plan.x else "")
        return ChartSpec("box", frame, plan.x, y, title=title)
    if kind == "scatter":
        y = plan.ys[0]
        cols = list(dict.fromkeys(c for c in (plan.x, y, plan.color) if c is not None))
        data = frame[cols]
        dropped = int(data[[plan.x, y]].isna().any(axis=1).sum())
        data = data.dropna(subset=[plan.x, y])
        notes = [f"{R.fmt_int(dropped)} row(s) with missing values left out"] if dropped else []
        color = plan.color
        if color is not None and t.kinds[color] != "quantitative":
            data, more = _top_groups(data, color, None)
            notes += more
        title = f"{y} vs {plan.x}" + (f" by {color}" if color else "")
        return ChartSpec("scatter", data, plan.x, y, color=color, title=title, notes=notes)
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
    if plan.color is None and kind in ("bar", "horizontal_bar", "pie", "donut") and \
            len(frame) <= FAST_ROWS:
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
                         sort_direction="asc", notes=notes, agg=how)
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
                     sort_field=sort_field, sort_direction=direction, notes=notes, agg=how)


def _all_missing(data: pd.DataFrame, ys: list[str]) -> bool:
    for c in ys:
        s = data[c]
        if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            if s.notna().any():
                return False
        elif pd.to_numeric(s, errors="coerce").notna().any():
            return False
    return True


def _fast_bar(t: _Table, plan: _Plan, kind: str, *, intent: str | None,
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

