"""Chart directives in a question: the chart kind ("as a bar chart"), axis roles ("with
horsepower on the x axis"), colour ("colored by origin"), panels ("faceted by", "small
multiples by"), stacking and a histogram's bins ("bin size 500").

A mixin of :class:`~nbdatachat.planner.grammar.Parser`: the rules run first in its parse, on
the tagged nodes, and mark the words they use with the role ``chart``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import BEFORE_SKIP, SKIP, Node
from .lexicon import name_tokens, stem

if TYPE_CHECKING:
    from .constituents import Reading
    from .schema import SchemaModel

#: Words between a colour / panel / stack directive and its column ("stacked *by*",
#: "facet *it* by", "break *into multiple* plots by", "split *out separate* charts for").
_GAP = {"by", "on", "it", "them", "into", "out", "code", "coded", "based", "according",
        "is", "are", "using", "per", "across", "multiple", "separate", "one", "each",
        "every", "different", "their", "its", "the"}
#: ... and between a column and a directive after it ("origin *shown* separately").
_BEFORE_GAP = {"shown", "drawn", "plotted", "displayed", "to", "add"}


class ChartDirectives:
    """The chart-directive rules of the parser (see the module docstring)."""

    r: Reading
    n: list[Node]
    s: SchemaModel

    def chart_directives(self) -> None:
        r = self.r
        for i, nd in enumerate(self.n):
            if nd.role is not None or nd.kind != "word":
                continue
            if "chart" in nd.tags:
                kind = nd.tags["chart"]
                prev, nxt = self.low(i - 1), self.node(i + 1)
                solid = " " in nd.low or kind in ("scatter", "histogram", "heatmap", "pie",
                                                  "donut", "box") and nd.low not in (
                    "points", "dots", "box")
                if not solid and nxt is not None and nxt.has("chart_word"):
                    solid = True
                    self.use(i + 1, role="chart")
                if not solid and prev in ("a", "an", "as") and nd.low != "table":
                    solid = True
                if not solid and nd.low in ("points", "dots") and r.chart.kind is None and \
                        i == len(self.n) - 1:
                    solid = True
                if solid:
                    r.chart.kind = kind
                    r.chart.stacked = r.chart.stacked or nd.low.startswith("stacked")
                    self.use(i, role="chart")
                    if kind == "histogram":
                        r.distribution = True
            elif "chart_role" in nd.tags:
                self._chart_role(i, nd)

    def _chart_role(self, i: int, nd: Node) -> None:
        role = nd.tags["chart_role"]
        r = self.r
        if role in ("bin", "bins"):
            j = self.next_content(i + 1, SKIP | {"size", "width", "of"})
            num = self.node(j)
            before = self.node(i - 1)
            if num is not None and num.is_number:
                if role == "bins" and nd.low in ("bins", "buckets") and j > i + 1:
                    if self.low(i + 1) != "of":
                        return
                    role = "bin"  # "in buckets of 500": the width
                if role == "bins":
                    r.chart.bins = int(num.value)
                else:
                    r.chart.bin = float(num.value)
                self.use(i, j, role="chart")
                r.distribution = True
            elif role == "bins" and before is not None and before.is_number:
                r.chart.bins = int(before.value)
                self.use(i - 1, i, role="chart")
                r.distribution = True
            return
        if role in ("x", "y"):
            if nd.low in ("x", "y") and not (self.low(i + 1) in ("axis", "axes") or
                                             self.low(i - 1) in ("on", "as", "the")):
                return
            j = i + 1
            if self.low(j) in ("axis", "axes"):
                self.use(j, role="chart")
                j += 1
            after = self.next_content(j, SKIP | {"is", "be", "should", "shows", "show"})
            before = self.prev_content(i - 1, BEFORE_SKIP | {"on", "along", "with", "as"})
            target = None
            b = self.node(before)
            a = self.node(after)
            if b is not None and b.kind == "col" and b.role is None:
                target = before
            elif a is not None and a.kind == "col" and a.role is None:
                target = after
            if target is not None:
                col = self.column_of(self.n[target])
                setattr(r.chart, role, col)
                self.use(target, role=f"chart_{role}")
            self.use(i, role="chart")
            return
        if role in ("color", "facet", "stack"):
            if role == "stack":
                r.chart.stacked = True
                self.use(i, role="chart")
            j = self._target_after(i)
            if j is None and role != "stack":
                j = self._target_before(i)
            if j is None:
                return
            col = self.column_of(self.n[j], prefer="dimension")
            setattr(r.chart, "color" if role == "stack" else role, col)
            lo, hi = min(i, j), max(i, j)
            for k in range(lo, hi + 1):
                if self.n[k].kind == "word" or k == j:
                    self.use(k, role="chart")
            if lo > 0 and self.low(lo - 1) == "add":  # "add origin to the legend"
                self.use(lo - 1, role="chart")

    def _gap_word(self, nd: Node) -> bool:
        """A word a directive reads past to reach its column: function words, chart
        vocabulary ("color *the points* by"), the table's own entity noun ("the *car's*
        origin") and a "#" for "number of"."""
        if nd.kind == "sym":
            return nd.low in ("#", "'s", "'")
        if nd.kind != "word" or nd.role not in (None, "chart", "followup", "group"):
            return False
        if nd.has("group") and nd.low not in ("across", "among"):
            return True  # "separate charts *for each* district"
        if nd.role == "group":
            return False
        if nd.tags.get("chart_role") == "facet":
            return True  # "split into *separate charts* for each region"
        if nd.low in SKIP or nd.low in _GAP or nd.has("chart", "chart_word", "func"):
            return not nd.has("chart_role") or nd.role == "chart"
        return stem(nd.low) in self._table_words()

    def _table_words(self) -> set[str]:
        return {stem(t) for t in name_tokens(self.s.table)}

    def _target_after(self, i: int, reach: int = 6) -> int | None:
        """The column a directive names after it ("colored by origin", "facet it by
        origin", "separate charts for each origin"), within ``reach`` words."""
        j = i + 1
        while j < len(self.n) and j <= i + reach:
            nd = self.n[j]
            if nd.kind == "col":
                return j if nd.role in (None, "group") else None
            if not self._gap_word(nd):
                return None
            j += 1
        return None

    def _target_before(self, i: int, reach: int = 4) -> int | None:
        """The column just before a directive that follows it ("each origin shown
        separately", "add origin to the legend"): a category, not a measure."""
        j = i - 1
        while j >= 0 and j >= i - reach:
            nd = self.n[j]
            if nd.kind == "col":
                col = self.column_of(nd, prefer="dimension")
                ok = nd.role in (None, "group") and self.s.col(col).role != "measure"
                return j if ok else None
            if not (self._gap_word(nd) or nd.low in _BEFORE_GAP):
                return None
            j -= 1
        return None
