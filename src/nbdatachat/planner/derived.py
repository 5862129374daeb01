"""Derived measures and comparisons with a statistic.

- Ratios per row: "price per unit", "tip as a percentage of the bill", "tip divided by
  bill"; "tip percentage" is the tip over the table's *total* column when it has exactly one.
- A column compared with its own statistic: "bills above average", "tips below the median".
- The sole measure: in a table with exactly one numeric measure, a mass noun after "most",
  "least" or "how much" that grounds nothing ("which source produced the most power") is
  that measure, and the reader says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import FilterC, MeasureC
from .lexicon import name_tokens

if TYPE_CHECKING:
    from .grammar import Parser

_LINK = {"per", "divided by", "divided", "by", "over", "relative to", "as", "a", "an", "of",
         "the", "share", "percentage", "percent", "fraction", "proportion", "%", "ratio",
         "in", "to", "as a", "as an"}
#: superlatives that rate the thing the noun names rather than measure an amount of it
_RATES = {"top", "best", "worst", "bottom", "peak", "record"}
_PCT = {"percentage", "percent", "share", "fraction", "proportion", "%", "pct", "ratio"}


def _measure_col(p: "Parser", i: int) -> str | None:
    nd = p.node(i)
    if nd is None or nd.kind != "col" or nd.role is not None:
        return None
    c = p.column_of(nd, prefer="numeric")
    prof = p.s.col(c)
    return c if prof.numeric and prof.role == "measure" and not prof.binary else None


def read_ratios(p: "Parser") -> None:
    r, s = p.r, p.s
    for i, nd in enumerate(p.n):
        col = _measure_col(p, i)
        if col is None:
            continue
        j = i + 1
        link: list[str] = []
        while p.node(j) is not None and p.n[j].kind in ("word", "sym") and \
                p.n[j].role is None and len(link) < 6 and p.n[j].low in _LINK:
            link.append(p.n[j].low)
            j += 1
        words = " ".join(link)
        percent = bool(link) and link[-1] in ("of", "the") and any(w in _PCT for w in link)
        ratio = words in ("per", "divided by", "relative to", "over", "per the", "divided")
        other = _measure_col(p, j)
        if (percent or ratio) and other is not None and other != col:
            po = s.col(other)
            if percent or po.n_distinct > 20 or po.kind == "number":
                r.measures.append(MeasureC(col, [], i, over=other, percent=percent))
                p.use(*range(i, j + 1), role="measure")
                continue
        nxt = p.node(i + 1)
        if nxt is not None and nxt.role is None and nxt.low in _PCT - {"share", "ratio"} and \
                other is None:
            totals = [c for c in s.measures if c != col and s.col(c).numeric and
                      {"total", "sum", "overall"} & set(name_tokens(c))]
            if len(totals) == 1:
                r.measures.append(MeasureC(col, [], i, over=totals[0], percent=True))
                p.use(i, i + 1, role="measure")


_STAT_WORDS = {"average": "mean", "mean": "mean", "median": "median", "avg": "mean",
               "typical": "mean", "normal": "mean"}
_STAT_OPS = {"above": ">", "over": ">", "more than": ">", "higher than": ">",
             "greater than": ">", "below": "<", "under": "<", "less than": "<",
             "lower than": "<", "at least": ">=", "at most": "<="}


def read_stat_comparisons(p: "Parser") -> None:
    """"tips above average", "bills below the median"."""
    r = p.r
    for i, nd in enumerate(p.n):
        if nd.role is not None or nd.low not in _STAT_OPS:
            continue
        j = p.next_content(i + 1, {"the", "a", "an"})
        stat = p.node(j)
        if stat is None or stat.low not in _STAT_WORDS or stat.role is not None:
            continue
        after = p.node(j + 1)
        if after is not None and after.kind == "col" and after.role is None:
            continue  # "above average tip": the aggregation of a column, not a comparison
        b = p.prev_content(i - 1)
        col = _measure_col(p, b)
        if col is None:
            continue
        r.filters.append(FilterC(col, _STAT_OPS[nd.low], {"agg": _STAT_WORDS[stat.low]},
                                 at=b, how="compare"))
        p.use(b, role="measure")
        p.n[b].role = "filter"
        p.use(*range(i, j + 1), role="filter")


def read_sole_measure(p: "Parser") -> None:
    """"which source produced the most power", "how much electricity was generated"."""
    r, s = p.r, p.s
    if r.count:
        return
    measures = [c for c in s.measures if s.col(c).numeric]
    if len(measures) != 1:
        return
    named = {nd.columns[0] for nd in p.n if nd.kind == "col"}
    if named - set(measures) - set(r.groups) - ({r.which_col} if r.which_col else set()) - \
            {f.column for f in r.filters}:
        return
    for i, nd in enumerate(p.n):
        if nd.kind != "word" or nd.role is not None or nd.tags or len(nd.low) < 3 or \
                nd.item.cap:
            continue
        prev = p.node(p.prev_content(i - 1, {"the", "a", "an", "of"}))
        if prev is None or not ("sup" in prev.tags or prev.low in ("how much",) or
                                (prev.low == "much" and p.low(i - 2) == "how")):
            continue
        if prev.low in _RATES:
            continue  # "the top baker", "the best player": the noun names the row, not an amount
        if nd.low.endswith("s") and not nd.low.endswith("ss"):
            continue  # a plural counts things: not a mass noun
        if measures[0] not in named:
            r.measures.append(MeasureC(measures[0], [], i))
        r.ignored.append(nd.text)
        r.notes.append(f'read "{nd.text}" as {measures[0]}, the only numeric measure')
        p.use(i, role="measure")
        if prev.low in ("how much", "much"):
            r.global_agg = r.global_agg or ("sum", None)
        return


__all__ = ["read_ratios", "read_sole_measure", "read_stat_comparisons"]
