"""Intent words: what kind of answer the question wants.

Share ("what percentage"), distribution ("distribution", "histogram", "spread"), change
("grow", "increase" between two points), missing values, analysis tools (predict / affect ->
regression, correlated / relationship -> correlation, differ / significant -> a difference
test, cluster / segment, forecast), listing and row words. Each word is consumed here so the
reader knows it was understood.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .grammar import Parser


def read_intent_words(p: "Parser") -> None:
    r = p.r
    for i, nd in enumerate(p.n):
        if nd.role is not None or nd.kind not in ("word", "sym"):
            continue
        t = nd.tags
        if "missing" in t:
            p._missing(i)
        elif "share" in t or nd.low == "%":
            r.share = True
            p.use(i, role="share")
        elif "dist" in t and nd.low not in ("shape",):
            r.distribution = True
            p.use(i, role="distribution")
        elif "tool" in t and not (t["tool"] == "difference" and nd.low == "different" and
                                  _distinct_use(p, i)):
            kind = t["tool"]
            if kind == "forecast" and nd.low in ("project",) and r.horizon is None:
                continue
            if r.tool is None or (r.tool == "correlation" and kind == "regression"):
                r.tool, r.tool_at = kind, i
            p.use(i, role="tool")
            if "method" in t:
                r.forecast_method = t["method"]
        elif "method" in t:
            r.forecast_method = t["method"]
            p.use(i, role="tool")
            r.tool = r.tool or "forecast"
        elif "change" in t:
            r.change = True
            p.use(i, role="change")
        elif "distinct" in t:
            r.distinct = True
            p.use(i, role="distinct")
        elif "row" in t:
            r.rows = True
            p.use(i, role="rows")
        elif "order" in t:
            v = t["order"]
            r.sort = v if v != "sort" else (r.sort or "sort")
            p.use(i, role="order")
            if v == "sort":
                j = p.next_content(i + 1, {"by", "the", "in", "on"})
                col = p.node(j)
                if col is not None and col.kind == "col" and col.role is None:
                    r.sort_by = p.column_of(col, prefer="numeric")
                    p.use(j, role="order")
        elif "list" in t and nd.low in ("list", "name", "names", "enumerate", "identify"):
            r.listing = True
            p.use(i, role="list")
        elif "limit" in t and nd.low in ("first", "last") and r.limit is None:
            nxt = p.node(i + 1)
            # "the first one (to be founded)": a pronoun, not a count of rows
            if nxt is not None and nxt.is_number and nxt.low != "one":
                r.limit = int(nxt.value)
                r.limit_dir = nd.low
                p.use(i, i + 1, role="limit")
    if r.tool == "regression" and r.horizon is not None:
        r.tool = "forecast"  # "predict units for the next quarter"
    if r.change and not (r.over_time or r.grain):
        # "how much did X grow from 1952 to 2007": a change between two points
        times = [f for f in r.filters if f.how in ("range", "time") and f.op in (
            "between", "year") and isinstance(f.value, list)]
        if not times:
            if any(f.how == "time" for f in r.filters) or r.tool:
                r.change = False
                said = [nd.text for nd in p.n if nd.role == "change" and nd.low in (
                    "difference", "differ", "differs", "differed")]
                if said and not r.tool:
                    r.problems.append(f'I could not tell which two things "{said[0]}" is '
                                      f"between.")


def _distinct_use(p: "Parser", i: int) -> bool:
    """"how many different days": *different* means distinct, not a difference test."""
    prev = p.low(i - 1)
    return prev in ("how many", "number of", "the", "many", "count", "of", "all") or \
        p.r.count


__all__ = ["read_intent_words"]
