"""The local rule-based planner: deterministic, offline, general.

It reads a question with the schema model (columns, their roles, their values) and a small
English vocabulary of analysis words (aggregations, comparisons, grouping, time, modelling),
and fills a typed :class:`Plan`. It says so, rather than guessing, when a question names a
column the data does not have, is out of scope, or fits two columns equally well.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass, field

from .base import PlanContext
from .lexicon import MONTHS, MONTHS_CONTEXT, PEOPLE_NOUNS, QUESTION_WORDS, name_tokens
from .plan import Filter, Measure, Plan, PlanResult, TimeBucket, ToolCall
from .schema import Match, SchemaModel
from .text import Item, find_mentions, tokenize

MAX_QUESTION_CHARS = 1000
MAX_BUCKETS = 200
_GRAIN_DAYS = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.44, "quarter": 91.31,
               "year": 365.25}

AGG_WORDS = {"average": "mean", "avg": "mean", "mean": "mean", "typical": "mean",
             "median": "median", "total": "sum", "sum": "sum", "combined": "sum",
             "cumulative": "sum", "maximum": "max", "max": "max", "minimum": "min", "min": "min",
             "std": "std", "stdev": "std", "stddev": "std", "sd": "std", "variance": "var",
             "var": "var", "volatility": "std", "variability": "std"}
SUPER_HI = {"highest", "largest", "biggest", "greatest", "most", "top", "best", "max",
            "maximum", "peak", "longest", "heaviest", "richest", "busiest", "expensive",
            "tallest", "oldest", "fastest", "strongest", "highest-paid", "max."}
SUPER_LO = {"lowest", "smallest", "least", "fewest", "bottom", "worst", "min", "minimum",
            "shortest", "lightest", "cheapest", "poorest", "quietest", "youngest", "slowest",
            "weakest"}
GT = [("more", "than"), ("greater", "than"), ("higher", "than"), ("larger", "than"),
      ("bigger", "than"), ("longer", "than"), ("older", "than"), ("above",), ("over",),
      ("exceeding",), ("exceeds",), ("exceed",), (">",), ("after",), ("beyond",),
      ("heavier", "than"), ("taller", "than"), ("faster", "than")]
GE = [("at", "least"), (">=",), ("no", "less", "than"), ("minimum", "of"), ("from",),
      ("since",), ("starting",)]
LT = [("less", "than"), ("fewer", "than"), ("lower", "than"), ("smaller", "than"),
      ("under",), ("below",), ("<",), ("before",), ("younger", "than"), ("shorter", "than"),
      ("cheaper", "than"), ("until",), ("prior", "to"), ("lighter", "than"), ("slower", "than")]
LE = [("at", "most"), ("<=",), ("no", "more", "than"), ("up", "to"), ("maximum", "of")]
EQ = [("equal", "to"), ("equals",), ("=",), ("exactly",), ("of", "exactly")]
NE = [("not", "equal", "to"), ("!=",), ("other", "than")]
TEMPORAL_CUES = {"after", "before", "since", "until", "from", "starting", "prior", "till"}
#: Comparative words that imply the kind of column they compare ("older than 40" -> age).
IMPLIED = {"older": "age", "younger": "age", "heavier": "weight", "lighter": "weight",
           "taller": "height", "shorter": "height", "longer": "length", "cheaper": "price",
           "expensive": "price", "faster": "speed", "slower": "speed", "richer": "income",
           "poorer": "income", "hotter": "temperature", "colder": "temperature",
           "warmer": "temperature", "bigger": "size", "larger": "size"}
#: Words that never need a column of their own (verbs and fillers of data questions).
HARMLESS = {
    "won", "win", "wins", "winning", "made", "make", "makes", "lived", "live", "lives",
    "living", "sold", "sell", "sells", "paid", "pays", "spent", "spend", "spends", "earned",
    "earn", "earns", "got", "gets", "had", "came", "come", "produced", "produce", "generated",
    "generate", "recorded", "scored", "received", "receive", "took", "take", "gave", "left",
    "leave", "weigh", "weighs", "cost", "costs", "happened", "occur", "occurred", "occurs",
    "world", "global", "globally", "everyone", "everybody", "anyone", "people", "overall",
    "whole", "entire", "total", "per", "average", "typical", "customers", "customer",
    "here", "there", "respectively", "currently", "ever", "recorded", "dataset", "dataframe",
    "df", "sheet", "spreadsheet", "file", "csv", "information", "info", "numbers", "figures",
    "stats", "see", "tell", "know", "find", "give", "show", "list", "display", "return",
    "calculate", "compute", "work", "out", "determine", "get", "print", "report", "provide",
    "been", "being", "become", "became", "belong", "belongs", "belonging", "fall", "falls",
    "lie", "lies", "appear", "appears", "contain", "contains", "include", "includes",
    "including", "included", "used", "use", "uses", "tend", "tends", "vary", "varies",
    "varied", "look", "looks", "order", "ordered", "each", "individual", "did", "do", "does",
    "according", "whereas", "while", "within", "inside", "outside", "amongst", "along",
    "approximately", "exact", "precise", "roughly", "like", "unlike", "versus", "compared",
    "comparing", "split", "shown", "given", "say", "says", "said", "versus", "category",
    "kind", "sort", "way", "ways", "thing", "things", "stuff", "good", "bad", "great",
}
UNIT_WORDS = {"mm", "cm", "km", "kg", "g", "lb", "lbs", "mph", "kmh", "usd", "eur", "gbp",
              "dollars", "dollar", "euros", "euro", "degrees", "degree", "pct", "inches",
              "inch", "feet", "ft", "miles", "mi", "liters", "litres", "gallons", "celsius",
              "fahrenheit", "points", "pts", "units", "minutes", "mins", "seconds", "secs",
              "grams", "pounds", "tons", "tonnes", "meters", "metres", "kwh", "mwh", "gwh",
              "bucks", "cents", "km/h", "m/s"}
ATTRIBUTE_WORDS = {"speed", "rate", "level", "value", "amount", "figure", "score", "size",
                   "price", "prices", "cost", "costs", "reading", "readings", "measure",
                   "index", "volume", "reading", "measurement", "count", "total", "number",
                   "values", "levels", "figures", "data", "column", "variable", "field"}
#: Superlatives that say which of two similar columns is meant ("longest petals" -> length).
IMPLIED_SUPER = {"longest": "length", "shortest": "length", "widest": "width",
                 "narrowest": "width", "heaviest": "weight", "lightest": "weight",
                 "tallest": "height", "oldest": "age", "youngest": "age", "fastest": "speed",
                 "slowest": "speed", "deepest": "depth", "biggest": "size", "largest": "size",
                 "smallest": "size", "hottest": "max", "coldest": "min", "warmest": "max",
                 "wettest": "precipitation", "richest": "income", "poorest": "income",
                 "cheapest": "price", "expensive": "price"}
ROW_WORDS = {"row", "record", "entry", "observation", "item", "line", "case", "sample",
             "data point", "point", "instance", "example", "result"}
ENTITY_PREV = {"many", "list", "show", "top", "bottom", "name", "find", "those", "these"}
ENTITY_NEXT = {"with", "that", "who", "whose", "where", "from", "having", "made", "built",
               "produced", "named", "called"}
COUNT_NOUNS = {"number", "count", "percentage", "percent", "share", "proportion", "fraction",
               "num", "no", "%", "ratio", "most", "none", "each", "any", "some", "all"}
NEGATE = {"not", "non", "no", "excluding", "except", "without", "exclude", "excludes", "nor",
          "besides", "neither"}
GROUP_PREV = {"by", "per", "across", "vs", "versus", "against", "each", "every", "among"}
SKIP = {"the", "a", "an", "their", "its", "his", "her", "of", "different", "individual",
        "various", "all"}
TIME_GRAIN_WORDS = {"yearly": "year", "annual": "year", "annually": "year", "year": "year",
                    "years": "year", "quarterly": "quarter", "quarter": "quarter",
                    "quarters": "quarter", "monthly": "month", "month": "month",
                    "months": "month", "weekly": "week", "week": "week", "weeks": "week",
                    "daily": "day", "day": "day", "days": "day", "hourly": "hour",
                    "hour": "hour", "hours": "hour"}
CHART_WORDS = {"bar": "bar", "bars": "bar", "column": "bar", "line": "line", "lines": "line",
               "pie": "pie", "donut": "donut", "doughnut": "donut", "scatter": "scatter",
               "scatterplot": "scatter", "histogram": "histogram", "area": "area",
               "heatmap": "heatmap", "box": "box", "boxplot": "box", "table": "table"}
FOLLOWUP_STRONG = ("and ", "now ", "what about", "how about", "instead", "only ", "just ",
                   "same ", "also ", "but ", "make it", "show it", "as a ", "as an ", "then ",
                   "now,", "and,", "what if", "same for", "excluding", "except", "without",
                   "plot it", "chart it", "draw it", "break it", "split it", "group it",
                   "switch", "change it", "ok ", "okay ")
FOLLOWUP_START = ("and ", "now ", "what about", "how about", "instead", "only ", "just ",
                  "same ", "also ", "but ", "make it", "show it", "as a ", "as an ", "then ",
                  "ok ", "okay ", "now,", "and,", "what if", "same for", "for ", "in ",
                  "excluding", "except", "without", "with ", "top ", "bottom ", "sorted",
                  "sort ", "by ", "per ", "switch", "change", "use ", "plot it", "chart it",
                  "draw it", "break it", "split it", "group it", "limit")
_RE = {
    "forecast": re.compile(r"\b(forecast\w*|predict\w*|project\w*|extrapolat\w*|expect\w*)\b"
                           r".*\b(next|coming|following|future|ahead|upcoming)\b"
                           r"|\bforecast\w*\b"),
    "regression": re.compile(r"\b(predict\w*|drive[sn]?|driver\w*|driving|affect\w*|effect\w*|"
                             r"impact\w*|influenc\w*|explain\w*|determin\w*|depend\w*|"
                             r"regress\w*|regression|factors?|contribut\w*)\b"),
    "difference": re.compile(r"\b(differ\w*|significant\w*|t-?test|anova|statistically|"
                             r"same for)\b"),
    "correlation": re.compile(r"\b(correlat\w*|relationship|relation|related|relate|"
                              r"associat\w*|linked|link between|connection|covar\w*|"
                              r"move together|go together)\b"),
    "cluster": re.compile(r"\b(cluster\w*|segment(s|ation|ing)?|k-?means|"
                          r"natural groups|groupings)\b"),
    "distribution": re.compile(r"\b(distribution|distributed|histogram|spread of|"
                               r"range of values|dispersion)\b"),
    "rows": re.compile(r"\b(rows?|records?|entries|observations|lines)\b|^(show|list|display|"
                       r"give|find|get)( me)?( all)?( the)? (data|everything)\b"),
    "share": re.compile(r"\b(share|percentage|percent|proportion|fraction|portion|part)\s+"
                        r"(of|from|by)\b|\bwhat (share|percentage|percent|proportion|fraction|"
                        r"part)\b|%\s*of\b|\bas an? (share|percentage|percent)\b|"
                        r"\bin percent\b|\bshares\b"),
    "over_time": re.compile(r"\b(over time|over the (years|months|weeks|days|quarters|period)|"
                            r"trends?|evolution|evolv\w*|through time|across time|"
                            r"time series|timeline|history|historical|change[ds]? over|"
                            r"grow(n|th)? over|progress\w*|how (has|have|did) .* "
                            r"(chang|grow|develop|evolv|increas|decreas|do|perform)\w*)\b"),
    "mode": re.compile(r"\b(most|least) (common|frequent|popular|usual|often|typical)\b|"
                       r"\bmode\b|\bmost often\b"),
    "count": re.compile(r"\bhow many\b|\bnumber of\b|\bnum of\b|\bno\. of\b|\bcount\b|\bcount of\b|\bcounts\b|"
                        r"\bfrequency\b|\bhow often\b|\bfrequencies\b"),
    "distinct": re.compile(r"\b(distinct|unique|different)\b"),
    "explicit_sql": re.compile(r";\s*(drop|delete|insert|update|alter|create)\b|"
                               r"__\w+__|\bimport\s+os\b|\bexec\s*\(|\beval\s*\("),
}


_VOCAB = sorted((QUESTION_WORDS | set(AGG_WORDS) | SUPER_HI | SUPER_LO)
                - {"whether", "either", "neither", "weather"})


class _Clarify(Exception):
    def __init__(self, message: str, options: list[str]) -> None:
        super().__init__(message)
        self.message, self.options = message, options


class _Refuse(Exception):
    def __init__(self, message: str, options: list[str] | None = None) -> None:
        super().__init__(message)
        self.message, self.options = message, list(options or [])


@dataclass
class _State:
    """Slots filled while reading one question."""

    filters: list[Filter] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    argmax: bool = False
    time_grain: str | None = None
    time_col: str | None = None
    over_time: bool = False
    limit: int | None = None
    descending: bool | None = None
    measures: list[tuple[str | None, str | None, float | None]] = field(default_factory=list)
    agg_global: str | None = None
    q_global: float | None = None
    chart: str | None = None
    or_logic: bool = False
    horizon: int | None = None
    horizon_unit: str | None = None
    k: int | None = None
    superlative: str | None = None  # "hi" | "lo"
    superlative_word: str | None = None
    unknown: list[Item] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    instead: bool = False
    additive_followup: bool = False
    entity: str | None = None  # the noun naming the rows ("cars", "respondents")
    counted: list[str] = field(default_factory=list)  # dimension nouns ("gold medals")
    leftover_dims: list[str] = field(default_factory=list)
    entity_which: bool = False  # "which car ..."
    ratios: dict[str, tuple[str, bool]] = field(default_factory=dict)  # col -> (over, pct)


def _months_add(d: _dt.date, n: int) -> _dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    return _dt.date(d.year + y, m + 1, 1)


def _as_date(v) -> _dt.date | None:
    if v is None:
        return None
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    try:
        import pandas as pd

        return pd.Timestamp(v).date()
    except Exception:
        return None


class RulePlanner:
    """Deterministic planner for plain-language questions (see the module docstring)."""

    def plan(self, question: str, schema: SchemaModel,
             context: PlanContext | None = None) -> PlanResult:
        q = " ".join(str(question or "").split())
        if not q:
            return PlanResult.refuse("The question is empty. Ask something about the data, "
                                     "for example " + _example(schema) + ".",
                                     _column_hints(schema))
        if len(q) > MAX_QUESTION_CHARS:
            return PlanResult.refuse(
                f"The question is {len(q):,} characters long; keep it under "
                f"{MAX_QUESTION_CHARS:,} characters and ask one thing at a time.")
        try:
            return _Reader(q, schema, context or PlanContext()).run()
        except _Clarify as c:
            return PlanResult.clarify(c.message, c.options)
        except _Refuse as r:
            return PlanResult.refuse(r.message, r.options)


def _example(schema: SchemaModel) -> str:
    m = schema.measures[:1]
    d = [c for c in schema.by_role("dimension")][:1]
    if m and d:
        return f'"average {m[0]} by {d[0]}"'
    if m:
        return f'"average {m[0]}"'
    return '"how many rows are there?"'


def _column_hints(schema: SchemaModel, n: int = 12) -> list[str]:
    return list(schema.columns)[:n]


class _Reader:
    def __init__(self, q: str, schema: SchemaModel, ctx: PlanContext) -> None:
        self.q = q
        self.low = q.lower()
        self.s = schema
        self.ctx = ctx
        self.toks = tokenize(q)
        self.items: list[Item] = find_mentions(self.toks, schema)
        self.st = _State()

    # -- small helpers ---------------------------------------------------------------
    def words_before(self, idx: int, k: int = 3, skip: set[str] = SKIP) -> list[str]:
        out: list[str] = []
        j = idx - 1
        while j >= 0 and len(out) < k:
            it = self.items[j]
            if it.kind in ("word", "sym"):
                if it.low not in skip:
                    out.append(it.low)
            else:
                break
            j -= 1
        return out

    def words_after(self, idx: int, k: int = 3, skip: set[str] = SKIP) -> list[str]:
        out: list[str] = []
        j = idx + 1
        while j < len(self.items) and len(out) < k:
            it = self.items[j]
            if it.kind in ("word", "sym"):
                if it.low not in skip:
                    out.append(it.low)
            else:
                break
            j += 1
        return out

    def has(self, key: str) -> bool:
        if key == "count":
            return bool(_RE[key].search(self._count_text()))
        return bool(_RE[key].search(self.low))

    def _number_column(self, i: int) -> str | None:
        """"number of children" where ``children`` is itself a numeric column of counts:
        the phrase names that column, it does not ask to count rows."""
        items = self.items
        if not (i + 2 < len(items) and items[i].low in ("number", "num") and
                items[i + 1].low == "of" and items[i + 2].kind == "col"):
            return None
        col = items[i + 2].columns()[0]
        p = self.s.col(col)
        if p.numeric and not p.binary and p.role == "measure" and \
                col != self.s.weight_column:
            return col
        return None

    def _count_text(self) -> str:
        """The question without "number of <numeric column>" phrases (not a count)."""
        cached = self.__dict__.get("_count_low")
        if cached is None:
            cached = self.low
            for i, it in enumerate(self.items):
                if self._number_column(i) is not None:
                    cached = re.sub(rf"\b{re.escape(it.low)}\s+of\s+{re.escape(self.items[i + 2].low)}",
                                    self.items[i + 2].low, cached)
            self.__dict__["_count_low"] = cached
        return cached

    def word_set(self) -> set[str]:
        return {it.low for it in self.items if it.kind == "word"}

    def resolve(self, it: Item, prefer: str | None = None) -> str:
        """The one column an item names; ask when two fit equally."""
        cols = it.columns()
        if len(cols) == 1 or not it.ambiguous:
            return cols[0]
        top = [m.column for m in it.matches if m.score == it.matches[0].score]
        idx = self.items.index(it) if it in self.items else -1
        for near in self.items[max(0, idx - 3):idx + 3]:
            implied = IMPLIED_SUPER.get(near.low) or IMPLIED.get(near.low)
            if implied:
                from .lexicon import name_tokens, stem

                hit = [c for c in top if stem(implied) in {stem(t) for t in name_tokens(c)}]
                if len(hit) == 1:
                    return hit[0]
        if prefer == "numeric":
            num = [c for c in top if self.s.col(c).numeric and self.s.col(c).role == "measure"]
            if len(num) == 1:
                return num[0]
        if prefer == "dimension":
            dim = [c for c in top if self.s.col(c).role in ("dimension", "time", "id")]
            if len(dim) == 1:
                return dim[0]
        raise _Clarify(f'"{it.text}" could mean several columns: {", ".join(top)}. '
                       f"Which one do you mean?", top)

    # -- main ------------------------------------------------------------------------
    def run(self) -> PlanResult:
        st = self.st
        self._chart_words()
        self._limits()
        self._relative_periods()
        self._comparisons()
        self._stat_comparisons()
        self._dates_and_years()
        self._values()
        intent = self._intent()
        if intent in ("forecast", "regression", "difference", "correlation", "cluster"):
            res = self._tool_plan(intent)
            if res is not None:
                return res
        self._ratios()
        self._implied_superlative()
        self._sole_measure()
        self._groups()
        self._binary_filters()
        self._aggregations()
        self._unknown_words()
        wide = self._wide_plan(intent)
        if wide is not None:
            return PlanResult.ok(wide, st.notes)
        plan = self._assemble(intent)
        prev = self.ctx.previous
        if prev is not None and self._is_followup(plan):
            plan = self._merge(prev, plan)
        if plan is None:
            return self._nothing_understood()
        plan.question = self.q
        self._check_unknown(plan)
        return PlanResult.ok(plan, st.notes)

    # -- chart requests ("as a line chart") --------------------------------------------
    def _chart_words(self) -> None:
        for i, it in enumerate(self.items):
            if it.kind != "word" or it.low not in CHART_WORDS:
                continue
            nxt = self.words_after(i, 2, skip=set())
            prev = self.words_before(i, 2, skip=set())
            if (nxt and nxt[0] in ("chart", "graph", "plot", "charts", "diagram")) or \
                    it.low in ("histogram", "scatterplot", "boxplot", "heatmap", "pie",
                               "donut", "doughnut") or (prev and prev[0] in ("a", "an", "as")):
                if it.low == "table" and not (prev and prev[0] in ("a", "as")):
                    continue
                self.st.chart = CHART_WORDS[it.low]
                it.used = True
                for j in range(i + 1, min(i + 2, len(self.items))):
                    if self.items[j].low in ("chart", "graph", "plot", "diagram"):
                        self.items[j].used = True

    # -- top/bottom N ----------------------------------------------------------------
    def _limits(self) -> None:
        items = self.items
        for i, it in enumerate(items):
            if it.kind != "word":
                continue
            if it.low in ("top", "bottom", "first", "last", "highest", "lowest", "largest",
                          "smallest", "biggest", "best", "worst", "leading"):
                j = i + 1
                if j < len(items) and items[j].kind in ("num", "word") and \
                        items[j].value is not None and items[j].low not in ("a", "an") and \
                        not (items[j].kind == "num" and items[j].tok and items[j].tok.pct):
                    n = items[j].value
                    nxt = self.words_after(j, 1, skip=set())
                    if it.low in ("first", "last") and nxt and nxt[0] in TIME_GRAIN_WORDS:
                        continue
                    if 1 <= n <= 10000 and float(n).is_integer():
                        self.st.limit = int(n)
                        self.st.descending = it.low not in ("bottom", "lowest", "smallest",
                                                            "worst", "first")
                        if it.low == "first":
                            self.st.descending = None
                        it.used = items[j].used = True
                        if it.low in ("highest", "lowest", "largest", "smallest", "biggest",
                                      "best", "worst"):
                            it.used = False  # still a superlative
                continue
        # "which 2 days ...", "the 5 cars with the best mpg", "3 sizes with the lowest tip",
        # "5 highest bills": a count right before what is ranked, in a ranking question.
        ranking = any(x.kind == "word" and x.low in SUPER_HI | SUPER_LO for x in items)
        if self.st.limit is None and ranking:
            for i, it in enumerate(items):
                if it.kind != "num" or it.used or it.value is None or it.tok is None or \
                        it.tok.pct or not float(it.value).is_integer() or \
                        not 1 <= it.value <= 1000 or self._is_year(it.value):
                    continue
                nxt = items[i + 1] if i + 1 < len(items) else None
                if nxt is None or nxt.kind in ("num", "sym"):
                    continue
                if nxt.kind == "word" and nxt.low in ("more", "less", "or", "than", "and",
                                                      "times", "percent", "%"):
                    continue
                if nxt.kind == "col" and self.s.col(nxt.columns()[0]).role == "measure" and \
                        self.s.col(nxt.columns()[0]).n_distinct > 50:
                    continue
                prev = self.words_before(i, 1, skip=set())
                if prev and prev[0] in (">", "<", "=", ">=", "<=", "than", "over", "under",
                                        "above", "below", "least", "most", "between", "next",
                                        "last", "past", "first"):
                    continue
                self.st.limit = int(it.value)
                sup = next(x.low for x in items if x.kind == "word" and
                           x.low in SUPER_HI | SUPER_LO)
                self.st.descending = sup in SUPER_HI
                it.used = True
                break

    # -- "last 3 months", "this year" -------------------------------------------------
    def _time_col(self) -> str | None:
        tc = self.s.time_columns
        return tc[0] if tc else None

    def _relative_periods(self) -> None:
        items = self.items
        for i, it in enumerate(items):
            if it.kind != "word" or it.low not in ("last", "past", "previous", "recent",
                                                   "latest", "final"):
                continue
            j = i + 1
            n = 1
            if j < len(items) and items[j].value is not None and items[j].kind in ("num", "word"):
                n = int(items[j].value)
                j += 1
            if j >= len(items) or items[j].low not in TIME_GRAIN_WORDS:
                continue
            grain = TIME_GRAIN_WORDS[items[j].low]
            col = self._time_col()
            if col is None:
                raise _Refuse(f'"{it.text} {items[j].text}" needs a date or year column, and '
                              f"this data has none. Columns: {', '.join(self.s.names()[:20])}.",
                              self.s.names()[:12])
            p = self.s.col(col)
            for k in range(i, j + 1):
                items[k].used = True
            if p.year_like:
                hi = int(p.max)
                n_years = n if grain == "year" else max(1, n // 12 if grain == "month" else 1)
                self.st.filters.append(Filter(col, ">=", hi - n_years + 1))
                continue
            last = _as_date(p.max)
            if last is None:
                continue
            if grain == "year":
                start = _dt.date(last.year - n + 1, 1, 1)
            elif grain == "quarter":
                qstart = _dt.date(last.year, 3 * ((last.month - 1) // 3) + 1, 1)
                start = _months_add(qstart, -3 * (n - 1))
            elif grain == "month":
                start = _months_add(_dt.date(last.year, last.month, 1), -(n - 1))
            elif grain == "week":
                start = last - _dt.timedelta(days=7 * n - 1)
            else:
                start = last - _dt.timedelta(days=n - 1)
            self.st.filters.append(Filter(col, "date>=", start.isoformat()))

    # -- comparisons: "tip over 4", "between 10 and 20" --------------------------------
    def _match_cue(self, idx: int, cues: list[tuple[str, ...]]) -> int:
        """Length of the comparison cue ending just before items[idx], else 0."""
        for cue in cues:
            L = len(cue)
            if idx - L < 0:
                continue
            seg = self.items[idx - L: idx]
            if all(s.kind in ("word", "sym") and s.low == w for s, w in zip(seg, cue)):
                return L
        return 0

    def _column_near(self, idx: int, before: bool = True) -> int | None:
        """Index of the column item governing a comparison at idx."""
        soft = {"is", "are", "was", "were", "with", "has", "have", "had", "of", "a", "the",
                "where", "whose", "that", "value", "values", "being", "be", "their", "its",
                "and", "or", "s", "which", "who", "when", "amount", "any", "rows", "records",
                "than", "for", "in", "paid", "costing", "worth", "having", "got", "get",
                "spent", "earned", "made", "scored", "sold", "total", "bigger", "greater",
                "larger", "more", "less", "higher", "lower", "smaller"}
        rng = range(idx - 1, max(-1, idx - 7), -1) if before else \
            range(idx + 1, min(len(self.items), idx + 3))
        for j in rng:
            it = self.items[j]
            if it.kind == "col":
                return j
            if it.kind in ("word", "sym") and (it.low in soft or it.used):
                continue
            if not before and it.kind == "word" and it.low in ("of", "the"):
                continue
            break
        return None

    def _comparisons(self) -> None:
        items = self.items
        for i, it in enumerate(items):
            if it.kind != "num" or it.used:
                continue
            # between A and B / from A to B / A-B
            if i >= 1 and items[i - 1].low in ("between", "from") and i + 2 < len(items) and \
                    items[i + 1].low in ("and", "to", "-") and items[i + 2].kind == "num":
                lo, hi = it.value, items[i + 2].value
                col_i = self._column_near(i - 1)
                col = self.resolve(items[col_i], "numeric") if col_i is not None else None
                if col is not None and self._implausible(col, lo, hi):
                    col = None
                if col is None or self.s.col(col).role == "time":
                    if self._year_range(lo, hi, col, items[i - 1:i + 3]):
                        continue
                if col is None:
                    col_i = self._column_near(i + 2, before=False)
                    col = self.resolve(items[col_i], "numeric") if col_i is not None else None
                if col is None:
                    raise _Clarify(f"Which column should be between {_n(lo)} and {_n(hi)}?",
                                   self._numeric_options())
                self.st.filters.append(Filter(col, "between", [min(lo, hi), max(lo, hi)]))
                items[col_i].used = True
                for k in range(i - 1, i + 3):
                    items[k].used = True
                continue
            op, L = None, 0
            for cand_op, cues in ((">=", GE), ("<=", LE), ("!=", NE), (">", GT), ("<", LT),
                                  ("=", EQ)):
                L = self._match_cue(i, cues)
                if L:
                    op = cand_op
                    break
            after = self.words_after(i, 2, skip=set())
            if op is None and after[:2] in (["or", "more"], ["or", "greater"], ["or", "above"],
                                            ["or", "higher"], ["and", "above"],
                                            ["and", "up"], ["plus"]):
                op, L = ">=", 0
                for k in range(i + 1, i + 1 + len(after[:2])):
                    items[k].used = True
            elif op is None and after[:2] in (["or", "less"], ["or", "fewer"], ["or", "below"],
                                              ["or", "lower"], ["and", "below"],
                                              ["and", "under"]):
                op, L = "<=", 0
                for k in range(i + 1, i + 3):
                    items[k].used = True
            if op is None and i + 1 < len(items) and items[i + 1].kind == "col" and \
                    not it.tok.pct and float(it.value).is_integer():
                col = items[i + 1].columns()[0]
                p = self.s.col(col)
                if p.numeric and p.role != "time" and p.n_distinct <= 30 and \
                        p.min is not None and float(p.min) <= it.value <= float(p.max):
                    self.st.filters.append(Filter(col, "=", _num(it.value)))
                    items[i + 1].used = it.used = True
                    continue
            if op is None:
                # "size 4", "parties of 3": a column right before a bare number means equality
                k = i - 2 if i >= 2 and items[i - 1].low == "of" else i - 1
                if k >= 0 and items[k].kind == "col" and not it.tok.pct and \
                        not self._is_year(it.value) and not items[k].used:
                    col = self.resolve(items[k], "numeric")
                    if self.s.col(col).numeric and self.s.col(col).role != "time":
                        self.st.filters.append(Filter(col, "=", _num(it.value)))
                        for j in range(k, i + 1):
                            items[j].used = True
                continue
            cue_words = {x.low for x in items[i - L:i]}
            near_i = self._column_near(i - L)
            if near_i is not None and self._implausible(items[near_i].columns()[0], it.value):
                cue_words |= TEMPORAL_CUES
            if self._is_year(it.value) and cue_words & TEMPORAL_CUES:
                tc = self._time_col()
                if tc is not None:
                    self._year_compare(tc, op, int(it.value))
                    for k in range(i - L, i + 1):
                        items[k].used = True
                    continue
            col_i = self._column_near(i - L)
            if col_i is None:
                col_i = self._column_near(i, before=False)
            if col_i is None:
                col_i = self._implied_column(items[i - L:i] + items[i + 1:i + 2])
            if col_i is not None and col_i < i and items[col_i].low in PEOPLE_NOUNS and \
                    self.s.age_column() is not None:
                # "voters under 30": the people are the rows, the number is their age
                # (not the "vote" column that "voters" resembles)
                age = self.s.age_column()
                if age not in items[col_i].columns():
                    people = items[col_i]
                    items.append(Item("col", people.a, people.b, age, age, age,
                                      matches=[Match("column", age, 0.9, "implied")]))
                    people.used = True
                    col_i = len(items) - 1
            col = self.resolve(items[col_i], "numeric") if col_i is not None else None
            if (col is None or self.s.col(col).role == "time") and self._is_year(it.value):
                tc = col or self._time_col()
                if tc is not None:
                    self._year_compare(tc, op, int(it.value))
                    for k in range(i - L, i + 1):
                        items[k].used = True
                    if col_i is not None:
                        items[col_i].used = True
                    continue
            if col is None:
                if self.has("count") and not self._numeric_mentions():
                    raise _Clarify(f"Which column should be {_op_words(op)} {_n(it.value)}?",
                                   self._numeric_options())
                nm = self._numeric_mentions()
                if len(nm) == 1:
                    col_i = nm[0]
                    col = self.resolve(items[col_i], "numeric")
                else:
                    raise _Clarify(f"Which column should be {_op_words(op)} {_n(it.value)}?",
                                   self._numeric_options())
            p = self.s.col(col)
            value = it.value
            if it.tok and it.tok.pct and p.numeric and p.max is not None and \
                    float(p.max) <= 1.0:
                value = value / 100.0
            if not p.numeric and p.role != "time":
                raise _Clarify(f"{col!r} is not numeric, so it cannot be {_op_words(op)} "
                               f"{_n(value)}. Which numeric column do you mean?",
                               self._numeric_options())
            if p.role == "time" and not p.numeric:
                self._year_compare(col, op, int(value))
            else:
                self.st.filters.append(Filter(col, op, _num(value)))
            items[col_i].used = True
            for k in range(i - L, i + 1):
                items[k].used = True

    def _implied_superlative(self) -> None:
        """"the heaviest car", "the lightest car": a superlative that implies the measure
        (weight) names it when the question names no numeric column."""
        if self._numeric_mentions():
            return
        for it in self.items:
            word = IMPLIED_SUPER.get(it.low) if it.kind == "word" else None
            if not word or word in ("max", "min"):
                continue
            cols = [m.column for m in self.s.phrases.get(word, [])] or \
                sorted(self.s.partial.get(word, ()))
            cols = [c for c in cols if self.s.col(c).numeric and self.s.col(c).role == "measure"]
            if len(cols) == 1:
                k = self.items.index(it)
                self.items.insert(k + 1, Item("col", it.b, it.b, word, word, word,
                                              matches=[Match("column", cols[0], 0.9, "implied")]))
                nxt = self.items[k + 2] if k + 2 < len(self.items) else None
                if nxt is not None and nxt.kind == "word" and nxt.low not in QUESTION_WORDS:
                    self.st.entity_which = True  # "the heaviest car": which row
                    self.st.entity = self.st.entity or nxt.stem
                    nxt.used = True
                return

    def _is_measure(self, it: Item | None) -> bool:
        if it is None or it.kind != "col" or it.used:
            return False
        p = self.s.col(it.columns()[0])
        return p.numeric and p.role == "measure" and not p.binary

    def _ratios(self) -> None:
        """Derived measures: "price per unit" and "X as a share of Y" (two measures) are a
        per-row ratio; "tip percentage" is the tip over the table's *total* column."""
        items, st = self.items, self.st
        pct_words = {"percentage", "percent", "share", "fraction", "proportion", "%", "pct",
                     "ratio"}
        for i, it in enumerate(items):
            if not self._is_measure(it):
                continue
            col = self.resolve(it, "numeric")
            # "X per Y" / "X divided by Y" / "X relative to Y"
            j = i + 1
            link = []
            while j < len(items) and items[j].kind in ("word", "sym") and len(link) < 6 and \
                    items[j].low in ("per", "divided", "by", "over", "relative", "to", "as",
                                     "a", "an", "of", "the", "share", "percentage", "percent",
                                     "fraction", "proportion", "%", "ratio", "in"):
                link.append(items[j].low)
                j += 1
            other = items[j] if j < len(items) else None
            words = " ".join(link)
            percent = bool(re.fullmatch(r"(as )?(a |an |the )?(share|percentage|percent|"
                                        r"fraction|proportion|%) of( the)?", words))
            ratio = words in ("per", "divided by", "relative to", "over", "per the")
            if (percent or ratio) and self._is_measure(other):
                over = self.resolve(other, "numeric")
                po = self.s.col(over)
                if over != col and (percent or po.n_distinct > 20 or po.kind == "number"):
                    st.ratios[col] = (over, percent)
                    for k in range(i + 1, j + 1):
                        items[k].used = True
                    continue
            # "tip percentage", "tip %": over the total column, when the data has one
            nxt = items[i + 1] if i + 1 < len(items) else None
            if nxt is not None and nxt.kind in ("word", "sym") and nxt.low in pct_words - \
                    {"share", "ratio"} and not (j < len(items) and self._is_measure(items[j])):
                totals = [c for c in self.s.measures if c != col and self.s.col(c).numeric and
                          {"total", "sum", "overall"} & set(name_tokens(c.lower()))]
                if len(totals) == 1:
                    st.ratios[col] = (totals[0], True)
                    nxt.used = True

    def _sole_measure(self) -> None:
        """"which source generated the most electricity", "how much power": a mass noun
        after "most"/"how much" that matches nothing refers to the measure when the data
        has exactly one (a table of sources and their net generation)."""
        if self.has("count"):
            return
        measures = [c for c in self.s.measures if self.s.col(c).numeric]
        if len(measures) != 1:
            return
        named = {self.items[j].columns()[0] for j in self._numeric_mentions()}
        if named - set(measures):
            return
        for i, it in enumerate(self.items):
            if it.kind != "word" or it.used or i == 0 or it.cap or len(it.low) < 3:
                continue
            prev = self.words_before(i, 2, skip={"the", "a", "an", "of"})
            if not prev or not (prev[0] in SUPER_HI | SUPER_LO or prev[:2] == ["much", "how"]):
                continue
            if it.low in QUESTION_WORDS or it.low in HARMLESS or self._is_plural(it.low) or \
                    it.low in TIME_GRAIN_WORDS or it.low in CHART_WORDS:
                continue
            if named:
                it.used = True  # "generated the most electricity": the measure, described
            else:
                it.kind = "col"
                it.matches = [Match("column", measures[0], 0.7, "sole measure")]
            return

    def _implied_column(self, near: list[Item]) -> int | None:
        """"older than 40": the comparative names the column (age) when the question does
        not; a new column item is added for it. So does a people noun right before the
        comparison ("women under 25", "respondents over 60") in a table about people."""
        first = near[0] if near else None
        k = self.items.index(first) if first is not None and first in self.items else -1
        before = self.items[k - 1] if k > 0 else None
        age = self.s.age_column()
        if before is not None and age is not None and before.kind == "word" and \
                (before.low in PEOPLE_NOUNS or before.low in ("aged", "age")):
            m = Match("column", age, 0.9, "implied")
            self.items.append(Item("col", before.a, before.b, age, age, age, matches=[m]))
            return len(self.items) - 1
        for it in near:
            word = IMPLIED.get(it.low)
            if word and word in self.s.phrases:
                m = self.s.phrases[word][0]
                item = Item("col", it.a, it.b, word, word, word, matches=[m])
                self.items.append(item)
                return len(self.items) - 1
        return None

    def _implausible(self, col: str, *values: float) -> bool:
        """Years compared with a measure whose values never come near them ("yield between
        1931 and 1932") are about time."""
        p = self.s.col(col)
        if p.role == "time" or not all(self._is_year(v) for v in values):
            return False
        try:
            lo, hi = float(p.min), float(p.max)
        except (TypeError, ValueError):
            return False
        return all(not (lo <= v <= hi) for v in values)

    def _stat_comparisons(self) -> None:
        """"tips above average", "bills below the median": compare with a statistic of
        the column itself."""
        items = self.items
        for i, it in enumerate(items):
            if it.kind != "word" or it.used or it.low not in ("average", "mean", "median",
                                                              "avg", "typical", "normal"):
                continue
            j = i - 1 if i > 0 and items[i - 1].low == "the" else i
            op, L = None, 0
            for cand_op, cues in ((">=", GE), ("<=", LE), (">", GT), ("<", LT)):
                L = self._match_cue(j, cues)
                if L:
                    op = cand_op
                    break
            if op is None or op in (">=", "<=") and items[j - 1].low in ("from", "since"):
                continue
            col_i = self._column_near(j - L)
            if col_i is None:
                col_i = self._column_near(i, before=False)
            if col_i is None:
                nm = self._numeric_mentions()
                col_i = nm[0] if len(nm) == 1 else None
            if col_i is None:
                raise _Clarify(f"Which column should be {_op_words(op)} its {it.low}?",
                               self._numeric_options())
            col = self.resolve(items[col_i], "numeric")
            if not self.s.col(col).numeric:
                continue
            agg = "median" if it.low == "median" else "mean"
            self.st.filters.append(Filter(col, op, {"agg": agg}))
            items[col_i].used = True
            for k in range(j - L, i + 1):
                items[k].used = True

    def _numeric_mentions(self) -> list[int]:
        return [j for j, it in enumerate(self.items) if it.kind == "col" and not it.used and
                any(self.s.col(c).numeric and self.s.col(c).role == "measure"
                    for c in it.columns())]

    def _numeric_options(self) -> list[str]:
        return [c for c in self.s.names() if self.s.col(c).numeric][:12]

    def _is_year(self, v: float | None) -> bool:
        return v is not None and float(v).is_integer() and 1800 <= v <= 2100 and \
            bool(self.s.time_columns)

    def _year_compare(self, col: str, op: str, year: int) -> None:
        p = self.s.col(col)
        if p.year_like:
            self.st.filters.append(Filter(col, op, year))
            return
        if op == "=":
            self.st.filters.append(Filter(col, "year", year))
        elif op in (">=",):
            self.st.filters.append(Filter(col, "date>=", f"{year}-01-01"))
        elif op == ">":
            self.st.filters.append(Filter(col, "date>=", f"{year + 1}-01-01"))
        elif op == "<":
            self.st.filters.append(Filter(col, "date<", f"{year}-01-01"))
        elif op == "<=":
            self.st.filters.append(Filter(col, "date<", f"{year + 1}-01-01"))
        else:
            self.st.filters.append(Filter(col, "year", year))

    def _year_range(self, lo: float, hi: float, col: str | None, span: list[Item]) -> bool:
        if not (self._is_year(lo) and self._is_year(hi)):
            return False
        tc = col or self._time_col()
        if tc is None:
            return False
        lo, hi = int(min(lo, hi)), int(max(lo, hi))
        p = self.s.col(tc)
        if p.year_like:
            self.st.filters.append(Filter(tc, "between", [lo, hi]))
        else:
            self.st.filters.append(Filter(tc, "date>=", f"{lo}-01-01"))
            self.st.filters.append(Filter(tc, "date<", f"{hi + 1}-01-01"))
        for it in span:
            it.used = True
        return True

    # -- "in 2007", "March 2019", "Q1", ISO dates --------------------------------------
    def _dates_and_years(self) -> None:
        items = self.items
        tc = self._time_col()
        for i, it in enumerate(items):
            if it.used:
                continue
            if it.kind == "date" and tc is not None:
                import pandas as pd

                try:
                    d = pd.Timestamp(it.text)
                except ValueError:
                    continue
                prev = self.words_before(i, 1, skip=set())
                if len(it.text) <= 7 and "-" in it.text:  # YYYY-MM
                    start, end = d.date(), _months_add(d.date(), 1)
                else:
                    start, end = d.date(), d.date() + _dt.timedelta(days=1)
                if prev and prev[0] in ("since", "after", "from"):
                    self.st.filters.append(Filter(tc, "date>=", start.isoformat()))
                elif prev and prev[0] in ("before", "until"):
                    self.st.filters.append(Filter(tc, "date<", start.isoformat()))
                else:
                    self.st.filters.append(Filter(tc, "date>=", start.isoformat()))
                    self.st.filters.append(Filter(tc, "date<", end.isoformat()))
                it.used = True
                continue
            if it.kind == "decade" and tc is not None:
                lo = int(it.value)
                self._year_range(lo, lo + 9, None, [it])
                continue
            if it.kind == "word" and re.fullmatch(r"q[1-4]", it.low) and tc is not None:
                if not self.s.col(tc).year_like:
                    self.st.filters.append(Filter(tc, "quarter", int(it.low[1])))
                    it.used = True
                continue
            if it.kind == "word" and (it.low in MONTHS or (it.low in MONTHS_CONTEXT and
                                      self.words_before(i, 1, skip=set())[:1] == ["in"])):
                if tc is None or self.s.col(tc).year_like:
                    continue
                if it.low in ("mar", "jun", "jan", "dec", "sep", "oct", "nov", "aug", "feb",
                              "apr", "jul") and not it.cap and \
                        self.words_before(i, 1, skip=set())[:1] != ["in"]:
                    continue
                month = MONTHS.get(it.low) or MONTHS_CONTEXT[it.low]
                self.st.filters.append(Filter(tc, "month", month))
                it.used = True
                continue
            if it.kind == "num" and self._is_year(it.value) and not it.tok.pct:
                col = tc
                self._year_compare(col, "=", int(it.value))
                it.used = True
        # "March 2019": month and year together stay two filters (both must hold).

    # -- categorical values -----------------------------------------------------------
    def _values(self) -> None:
        items = self.items
        by_col: dict[str, list[tuple[object, bool]]] = {}
        order: list[str] = []
        for i, it in enumerate(items):
            if it.kind != "val" or it.used:
                continue
            if it.matches[0].how == "fuzzy":
                # A near miss ("Atlantis" ~ "Atlantic"): ask rather than answer another question.
                opts = [str(m.value) for m in it.matches]
                raise _Clarify(f'Nothing in the data is called "{it.text}". Did you mean '
                               f'{" or ".join(repr(o) for o in opts)} '
                               f'({it.matches[0].column})?', opts)
            cols = sorted({m.column for m in it.matches})
            if len(cols) > 1:
                # A value found in several columns: prefer one the question also names.
                named = {c for x in items if x.kind == "col" for c in x.columns()}
                pick = [c for c in cols if c in named]
                if len(pick) == 1:
                    cols = pick
                else:
                    raise _Clarify(f'"{it.text}" appears in several columns: '
                                   f'{", ".join(cols)}. Which one do you mean?', cols)
            col = cols[0]
            col_values = list(dict.fromkeys(m.value for m in it.matches if m.column == col))
            prev = self.words_before(i, 2, skip={"the", "a", "an", "for", "in", "of"})
            neg = bool(prev and (prev[0] in NEGATE or (len(prev) > 1 and prev[1] in NEGATE
                                                       and prev[0] in ("than", "to"))))
            for value in col_values:  # "weekends" is Sat and Sun
                by_col.setdefault(col, []).append((value, neg))
            if col not in order:
                order.append(col)
            it.used = True
            # A column name right before its own value ("country Japan") is part of it.
            if i > 0 and items[i - 1].kind == "col" and col in items[i - 1].columns():
                items[i - 1].used = True
            if i + 1 < len(items) and items[i + 1].kind == "col" and \
                    col in items[i + 1].columns() and not self.s.col(col).numeric:
                items[i + 1].used = True
                self.st.counted.append(col)
        between_or = " or " in f" {self.low} "
        for col in order:
            vals = by_col[col]
            pos = [v for v, n in vals if not n]
            neg = [v for v, n in vals if n]
            if len(pos) == 1:
                self.st.filters.append(Filter(col, "=", pos[0]))
            elif pos:
                self.st.filters.append(Filter(col, "in", pos))
            if len(neg) == 1:
                self.st.filters.append(Filter(col, "!=", neg[0]))
            elif neg:
                self.st.filters.append(Filter(col, "not in", neg))
        cols = [f.column for f in self.st.filters]
        if between_or and len(set(cols)) > 1 and len(order) > 1 and \
                re.search(r"\bor\b", self.low) and not self.has("difference"):
            # "dinner or weekends": an or between filters on different columns.
            in_or = self._or_between_columns()
            if in_or:
                self.st.or_logic = True

    def _or_between_columns(self) -> bool:
        # "or" whose neighbours are filter items on different columns.
        items = self.items
        for i, it in enumerate(items):
            if it.low == "or" and 0 < i < len(items) - 1:
                left = next((x for x in reversed(items[:i]) if x.kind in ("val", "num", "col")),
                            None)
                right = next((x for x in items[i + 1:] if x.kind in ("val", "num", "col")), None)
                if left and right and left.kind != "col" and right.kind in ("val", "col", "num"):
                    lc = left.matches[0].column if left.matches else None
                    rc = right.matches[0].column if right.matches else None
                    if lc != rc:
                        return True
        return False

    # -- intent ---------------------------------------------------------------------
    def _intent(self) -> str:
        ws = self.word_set()
        if self.has("forecast") and \
                (re.search(r"\b(next|coming|following|future|ahead|upcoming)\b", self.low)
                 or "forecast" in self.low):
            return "forecast"
        if self.has("cluster") and not self._group_cue_before_cluster():
            return "cluster"
        if self.has("correlation"):
            return "correlation"
        if self.has("difference") and ("difference" in self.low or "differ" in self.low or
                                       "significant" in self.low or "test" in ws or
                                       "anova" in ws):
            return "difference"
        if self.has("regression") and not self.has("count") and not self.has("over_time"):
            return "regression"
        if self.has("distribution"):
            return "distribution"
        return "query"

    def _group_cue_before_cluster(self) -> bool:
        return bool(re.search(r"\b(by|per|each)\s+(segment|cluster)", self.low)) and \
            any(it.kind == "col" for it in self.items)

    # -- modelling questions ----------------------------------------------------------
    def _free_cols(self) -> list[tuple[int, Item]]:
        return [(i, it) for i, it in enumerate(self.items) if it.kind == "col" and not it.used]

    def _tool_plan(self, intent: str) -> PlanResult | None:
        st, s = self.st, self.s
        cols = self._free_cols()
        names: list[str] = []
        for _, it in cols:
            c = self.resolve(it)
            if c not in names:
                names.append(c)
        filters = st.filters
        numeric = [c for c in names if s.col(c).numeric and s.col(c).role in ("measure",
                                                                             "dimension")]
        cats = [c for c in names if not s.col(c).numeric and s.col(c).role != "time"]
        if intent == "forecast":
            return self._forecast_plan(numeric)
        if intent == "cluster":
            k = self._first_small_int()
            feats = [c for c in numeric if s.col(c).role == "measure"] or \
                [c for c in s.measures][:10]
            if len(feats) < 1:
                raise _Refuse("Clustering needs numeric columns, and this data has none.",
                              s.names()[:12])
            args = {"features": feats}
            if k:
                args["n_clusters"] = k
            return self._ok_tool("kmeans", args)
        if intent == "correlation":
            filt_cols = [f.column for f in filters if f.op in ("=", "in")]
            if len(cats) >= 2 or (len(cats) == 1 and len(numeric) == 0 and filt_cols):
                pair = (cats + filt_cols)[:2]
                if len(set(pair)) == 2:
                    return self._ok_tool("chi_square", {"features": pair}, keep_filters=False)
            if len(numeric) >= 2:
                return self._ok_tool("correlation", {"features": numeric})
            if len(numeric) == 1 and cats:
                return self._difference_plan(numeric[0], cats[0])
            if len(numeric) == 1:
                others = [c for c in s.measures if c != numeric[0]][:20]
                if not others:
                    raise _Refuse(f"{numeric[0]!r} is the only numeric column; there is nothing "
                                  f"to correlate it with.", s.names()[:12])
                return self._ok_tool("correlation", {"features": [numeric[0], *others],
                                                     "target": numeric[0]})
            if not names:
                if len(s.measures) >= 2 and re.search(r"\b(all|the|numeric)\b.*\b(columns|"
                                                       r"variables|measures)\b", self.low):
                    return self._ok_tool("correlation", {"features": s.measures[:20]})
                return None
            return None
        if intent == "difference":
            group = None
            val_filters = [f for f in filters if f.op in ("=", "in")]
            if val_filters:
                group = val_filters[0].column
            elif cats:
                group = cats[0]
            elif numeric and any(s.col(c).binary for c in numeric):
                group = next(c for c in numeric if s.col(c).binary)
            measure = next((c for c in numeric if c != group and s.col(c).role == "measure"),
                           None)
            if group is None and len(cats) == 0:
                bins = [c for c in names if s.col(c).binary]
                group = bins[0] if bins else None
            if measure is None or group is None:
                return None
            return self._difference_plan(measure, group)
        if intent == "regression":
            return self._regression_plan(names)
        return None

    def _ok_tool(self, name: str, args: dict, keep_filters: bool = True) -> PlanResult:
        plan = Plan(kind="tool", tool=ToolCall(name, args),
                    filters=list(self.st.filters) if keep_filters else [],
                    chart=self.st.chart, question=self.q)
        return PlanResult.ok(plan, self.st.notes)

    def _difference_plan(self, measure: str, group: str) -> PlanResult:
        st, s = self.st, self.s
        levels: list = []
        keep: list[Filter] = []
        for f in st.filters:
            if f.column == group and f.op == "=":
                levels.append(f.value)
            elif f.column == group and f.op == "in":
                levels.extend(f.value)
            else:
                keep.append(f)
        p = s.col(group)
        if p.binary and not levels:
            levels = []
        n_levels = len(levels) if levels else (p.n_distinct if p.values is None
                                               else len(p.values))
        if len(levels) == 1:
            # "is the tip different for smokers" -> compare with everyone else
            levels = []
            n_levels = p.n_distinct
        name = "t_test" if n_levels == 2 else "anova"
        args = {"target": measure, "group": group}
        if levels:
            args["groups"] = levels
        st.filters = keep
        return self._ok_tool(name, args)

    def _regression_plan(self, names: list[str]) -> PlanResult | None:
        s = self.s
        if not names:
            return None
        # Order matters: "does X predict Y" / "effect of X on Y" / "what drives Y" /
        # "predict Y from X".
        verb = re.search(r"\b(predict\w*|drive[sn]?|driver\w*|driving|affect\w*|effect\w*|"
                         r"impact\w*|influenc\w*|explain\w*|determin\w*|depend\w*|"
                         r"contribut\w*|factors?)\b", self.low)
        pos = verb.start() if verb else 0
        col_items = [(it, self.resolve(it)) for _, it in self._free_cols()]
        before = [c for it, c in col_items if self.toks[it.a].start < pos]
        after = [c for it, c in col_items if self.toks[it.a].start >= pos]
        word = verb.group(1) if verb else ""
        from_kw = re.search(r"\b(from|using|based on|with|given|on)\b", self.low[pos:])
        if word.startswith(("depend", "determin")) and before and after and \
                re.search(r"\bdepend", word):
            target, feats = before[0], after
        elif word.startswith(("effect", "impact", "influenc")) and \
                re.search(r"\b(of|does|do|is)\b", self.low[:pos + 20]) and \
                re.search(r"\bon\b", self.low[pos:]) and len(after) >= 2:
            target, feats = after[-1], after[:-1]
        elif word.startswith("regress") and after and from_kw and len(after) >= 2:
            target, feats = after[0], after[1:]
        elif before and after:
            target, feats = after[0], before
        elif after and from_kw and len(after) >= 2:
            target, feats = after[0], after[1:]
        elif after:
            target = after[0]
            feats = [c for c in s.measures if c != target][:10] + \
                [c for c in s.by_role("dimension") if s.col(c).values and
                 2 <= len(s.col(c).values) <= 12 and c != target][:3]
            feats = feats[:10]
        elif before:
            target = before[-1]
            feats = [c for c in s.measures if c != target][:10]
        else:
            return None
        feats = [f for f in dict.fromkeys(feats) if f != target]
        if not feats:
            raise _Refuse(f"There is nothing to explain {target!r} with: name one or more "
                          f"other columns, e.g. 'does {self._other(target)} predict {target}?'",
                          s.names()[:12])
        tp = s.col(target)
        name = "linear_regression"
        if tp.binary or (not tp.numeric and tp.values and len(tp.values) == 2):
            name = "logistic_regression"
        elif not tp.numeric:
            raise _Refuse(f"{target!r} is a category with {tp.n_distinct} values; a regression "
                          f"needs a numeric (or yes/no) target.", s.measures[:12])
        return self._ok_tool(name, {"target": target, "features": feats})

    def _other(self, col: str) -> str:
        return next((c for c in self.s.measures if c != col), "x")

    def _first_small_int(self) -> int | None:
        for it in self.items:
            if it.kind in ("num", "word") and it.value is not None and not it.used and \
                    2 <= it.value <= 50 and float(it.value).is_integer() and \
                    it.low not in ("a", "an", "one"):
                it.used = True
                return int(it.value)
        return None

    def _forecast_plan(self, numeric: list[str]) -> PlanResult:
        s, st = self.s, self.st
        tc = self._time_col()
        if tc is None:
            raise _Refuse("A forecast needs a date or year column, and this data has none.",
                          s.names()[:12])
        target = next((c for c in numeric if s.col(c).role == "measure"), None)
        if target is None:
            opts = [c for c in s.measures]
            if len(opts) == 1:
                target = opts[0]
            else:
                raise _Clarify("Which column should I forecast?", opts[:12])
        horizon, unit = self._horizon()
        p = s.col(tc)
        explicit = next((TIME_GRAIN_WORDS[t.low] for t in self.toks if t.low in
                         ("yearly", "annual", "annually", "quarterly", "monthly", "weekly",
                          "daily", "hourly")), None)
        if p.year_like:
            grain = "raw"
        else:
            grain = explicit or self._native_grain(tc)
        if horizon is None:
            horizon = {"year": 3, "quarter": 4, "month": 12, "week": 8, "day": 14,
                       "raw": 5, "hour": 24}.get(grain, 6)
        elif unit is not None:
            # "the next 2 years" on monthly data is 24 monthly steps
            size = _GRAIN_DAYS["year" if grain == "raw" else grain]
            horizon = max(1, math.ceil(horizon * _GRAIN_DAYS[unit] / size - 1e-9))
        agg = "sum" if s.col(target).additive else "mean"
        for it in self.items:
            if it.low in AGG_WORDS:
                agg = AGG_WORDS[it.low]
        method = "exponential_smoothing" if re.search(r"\b(exponential|smoothing|holt|"
                                                      r"winters|ets)\b", self.low) else "arima"
        args = {"target": target, "time": tc, "grain": grain, "horizon": horizon, "agg": agg}
        plan = Plan(kind="tool", tool=ToolCall(method, args), filters=list(st.filters),
                    time_bucket=TimeBucket(tc, grain), chart=st.chart, question=self.q)
        return PlanResult.ok(plan, st.notes)

    def _horizon(self) -> tuple[int | None, str | None]:
        """"next 6 months" -> (6, "month"); "next quarter" -> (1, "quarter")."""
        toks = self.toks
        for i, t in enumerate(toks[:-1]):
            if t.value is not None and t.kind in ("num", "word") and t.low not in ("a", "an") \
                    and toks[i + 1].low in TIME_GRAIN_WORDS and float(t.value).is_integer() \
                    and 1 <= t.value <= 1000:
                return int(t.value), TIME_GRAIN_WORDS[toks[i + 1].low]
        m = re.search(r"\b(next|coming|following)\s+(year|quarter|month|week|day|hour)\b",
                      self.low)
        if m:
            return 1, m.group(2)
        return None, None

    def _native_grain(self, col: str) -> str:
        """The calendar grain closest to the spacing of the data's own time points (daily
        readings are daily, month starts are monthly): a forecast steps at that pace."""
        p = self.s.col(col)
        lo, hi = _as_date(p.min), _as_date(p.max)
        if lo is None or hi is None or p.n_distinct < 2:
            return self._auto_grain(col)
        spacing = max((hi - lo).days, 0) / (p.n_distinct - 1)
        grains = [g for g in ("hour", "day", "week", "month", "quarter", "year")
                  if g != "hour" or p.kind == "datetime"]
        return min(grains, key=lambda g: abs(math.log(max(spacing, 1 / 48) / _GRAIN_DAYS[g])))

    def _auto_grain(self, col: str) -> str:
        """The finest calendar grain that is not finer than the data's own spacing and
        gives at most ``MAX_BUCKETS`` points (monthly data stays monthly; ten years of daily
        data become months)."""
        p = self.s.col(col)
        if p.year_like:
            return "raw"
        lo, hi = _as_date(p.min), _as_date(p.max)
        if lo is None or hi is None:
            return "month"
        days = max((hi - lo).days, 0)
        spacing = days / max(p.n_distinct - 1, 1)
        sizes = [("hour", 1 / 24), ("day", 1), ("week", 7), ("month", 30.4), ("quarter", 91.3),
                 ("year", 365.25)]
        for grain, size in sizes:
            if grain == "hour" and p.kind != "datetime":
                continue
            if size < spacing * 0.8:
                continue
            if days / size + 1 <= MAX_BUCKETS:
                return grain
        return "year"

    # -- group-bys --------------------------------------------------------------------
    def _groups(self) -> None:
        st, items, s = self.st, self.items, self.s
        # explicit time grains / "over time"
        for i, it in enumerate(items):
            if it.kind != "word" or it.used:
                continue
            prev = self.words_before(i, 1)
            if it.low in ("monthly", "yearly", "annual", "annually", "quarterly", "weekly",
                          "daily", "hourly") or (it.low in TIME_GRAIN_WORDS and prev and
                                                 prev[0] in ("by", "per", "each", "every",
                                                             "over", "across", "vs")):
                if self._time_col() is None:
                    raise _Refuse(f'"{it.text}" needs a date or year column, and this data has '
                                  f"none. Columns: {', '.join(s.names()[:20])}.",
                                  s.names()[:12])
                st.time_grain = TIME_GRAIN_WORDS[it.low]
                st.over_time = True
                it.used = True
        if self.has("over_time") and self._time_col() is not None:
            st.over_time = True
            for it in items:
                if it.low in ("time", "trend", "trends", "evolution") and it.kind == "word":
                    it.used = True
        superl = [i for i, it in enumerate(items) if it.kind == "word" and
                  it.low in SUPER_HI | SUPER_LO]
        for i, it in enumerate(items):
            if it.kind != "col" or it.used:
                continue
            prev = self.words_before(i, 2)
            prev1 = prev[0] if prev else None
            if prev1 in ("number", "level", "levels", "kind", "type", "value", "amount") and \
                    len(prev) > 1 and prev[1] in ("which", "what"):
                prev1 = prev[1]
            if prev1 in ("number", "num") and len(prev) > 1 and prev[1] in GROUP_PREV and \
                    self._number_column(i - 2) == it.columns()[0]:
                prev1 = prev[1]  # "by number of children"
                self.items[i - 2].used = self.items[i - 1].used = True
            col = self.resolve(it, "dimension" if prev1 in GROUP_PREV or prev1 in
                               ("which", "what") else None)
            p = s.col(col)
            groupable = p.role in ("dimension", "time", "id") or (
                p.numeric and p.n_distinct <= 50) or p.binary
            if prev1 in ("which", "what") and groupable and (
                    not p.numeric or p.role == "time" or p.n_distinct <= 50):
                self._add_group(col, it)
                st.argmax = True
                continue
            if prev1 in GROUP_PREV:
                if p.role == "measure" and p.n_distinct > 50 and prev1 in ("vs", "versus",
                                                                           "against"):
                    continue  # "tip vs total bill": two measures -> scatter
                if p.role == "measure" and prev1 == "by" and (st.limit or st.argmax or superl
                                                              or self._has_other_dim(i)):
                    continue  # "top 5 countries by population": ordering measure
                if p.role == "measure" and p.n_distinct > 50 and prev1 in ("per", "each",
                                                                            "every"):
                    continue  # "sales per unit"? leave to measures
                self._add_group(col, it)
                continue
            if prev1 in ("and", ",", "&") and st.groups and i >= 2:
                prev_item = next((x for x in reversed(items[:i]) if x.kind == "col"), None)
                if prev_item is not None and prev_item.used and groupable and \
                        prev_item.columns()[0] in st.groups:
                    self._add_group(col, it)
                    continue
            if prev1 == "over" and p.role == "time":
                self._add_group(col, it)
                continue
            # "the day with the highest tip", "the country that has the most ..."
            nxt = self.words_after(i, 4, skip=SKIP | {"with", "has", "had", "have",
                                                      "having", "that", "is", "was", "got",
                                                      "sees", "saw", "shows"})
            if groupable and not p.numeric and nxt and nxt[0] in SUPER_HI | SUPER_LO:
                self._add_group(col, it)
                st.argmax = True
                continue
            if self.has("mode") and not p.numeric and groupable:
                m = _RE["mode"].search(self.low)
                if m and self.toks[it.a].start > m.start() or \
                        re.search(r"\b(is|are|was)\s+(the\s+)?(most|least)\s+(common|frequent|"
                                  r"popular)", self.low):
                    self._add_group(col, it)
                    st.argmax = True
                    st.descending = not m.group(0).startswith("least") if m else True
                    continue
        if st.limit and not st.groups:
            # "top 5 countries": the first dimension mentioned is the key
            for i, it in enumerate(items):
                if it.kind == "col" and not it.used:
                    c = self.resolve(it)
                    p = s.col(c)
                    after_n = i > 0 and items[i - 1].kind == "num" and \
                        items[i - 1].value == st.limit
                    if (p.role in ("dimension", "id") and not p.numeric and not p.binary) or \
                            (after_n and p.kind == "integer" and p.n_distinct <= 50):
                        self._add_group(c, it)
                        break

    def _has_other_dim(self, idx: int) -> bool:
        for j, it in enumerate(self.items):
            if j != idx and it.kind == "col" and not it.used:
                p = self.s.col(it.columns()[0])
                if p.role in ("dimension", "id") and not p.numeric:
                    return True
        return False

    def _add_group(self, col: str, it: Item) -> None:
        it.used = True
        p = self.s.col(col)
        if p.role == "time" and not p.year_like:
            self.st.over_time = True
            self.st.time_col = col
            return
        if col not in self.st.groups:
            self.st.groups.append(col)

    # -- yes/no columns used as filters ("smokers") -------------------------------------
    def _binary_filters(self) -> None:
        for i, it in enumerate(self.items):
            if it.kind != "col" or it.used:
                continue
            p0 = self.s.col(it.columns()[0])
            if p0.numeric and not p0.binary and i > 0 and self.items[i - 1].low in (
                    "no", "without", "zero") and p0.min is not None and float(p0.min) <= 0:
                self.st.filters.append(Filter(p0.name, "=", 0))
                it.used = True
                continue
            cands = [c for c in it.columns() if self.s.col(c).binary]
            if not cands or len(cands) != len(it.columns()):
                continue
            col = cands[0]
            p = self.s.col(col)
            prev = self.words_before(i, 2, skip=set())
            neg = bool(prev and (prev[0] in NEGATE or (prev[0] == "-" and len(prev) > 1)))
            if not neg and i > 0 and self.items[i - 1].kind == "word" and \
                    self.items[i - 1].low in ("non", "not", "no"):
                neg = True
            value = p.falsy if neg else p.truthy
            value = _typed_binary(p, value)
            other = next((f for f in self.st.filters if f.column == col), None)
            it.used = True
            if other is not None and other.value != value:
                # "smokers compared to non-smokers": compare the two groups
                self.st.filters.remove(other)
                if col not in self.st.groups:
                    self.st.groups.append(col)
                continue
            self.st.filters.append(Filter(col, "=", value))

    # -- aggregations and measures ----------------------------------------------------
    def _aggregations(self) -> None:
        st, items = self.st, self.items
        pending: tuple[str, float | None] | None = None
        pending_at = -10
        for i, it in enumerate(items):
            if it.kind == "word" and not it.used:
                agg, q = self._agg_word(i)
                if agg:
                    pending, pending_at = (agg, q), i
                    st.agg_global = st.agg_global or agg
                    if q is not None:
                        st.q_global = q
                    continue
                if it.low in SUPER_HI | SUPER_LO and not st.superlative:
                    st.superlative = "hi" if it.low in SUPER_HI else "lo"
                    st.superlative_word = it.low
            if it.kind == "col" and not it.used:
                col = self.resolve(it, "numeric")
                p = self.s.col(col)
                agg, q = (pending if pending and i - pending_at <= 4 else (None, None))
                if not p.numeric or p.role in ("id", "time"):
                    weight = self.s.weight_column
                    prev_w = self.words_before(i, 1)
                    if weight and not p.numeric and (agg in ("count", "sum") or
                                                    self.has("count") or self.has("share") or
                                                    (prev_w and prev_w[0] in ("most", "least",
                                                                              "fewest"))):
                        st.counted.append(col)
                        st.measures.append(("sum", weight, None))
                        it.used = True
                        pending = None
                    elif agg in ("count", "count_distinct") or (
                            self.has("count") and not p.numeric):
                        st.measures.append(("count_distinct" if not p.binary else "count",
                                            col, None))
                        it.used = True
                        pending = None
                    elif not p.numeric and not p.binary and p.role != "time":
                        st.leftover_dims.append(col)
                        it.used = True
                    continue
                st.measures.append((agg, col, q))
                it.used = True
                pending = None

    def _agg_word(self, i: int) -> tuple[str | None, float | None]:
        it, items = self.items[i], self.items
        w = it.low
        nxt = items[i + 1].low if i + 1 < len(items) else ""
        prev = items[i - 1].low if i > 0 else ""
        if w in ("std", "standard", "stdev") and nxt in ("dev", "deviation", "dev."):
            items[i + 1].used = True
            return "std", None
        if w == "standard" and nxt == "deviation":
            items[i + 1].used = True
            return "std", None
        if w == "percentile" or w == "quantile":
            q = None
            if i > 0 and items[i - 1].kind == "num":
                q = items[i - 1].value / 100.0
                items[i - 1].used = True
            elif i + 1 < len(items) and items[i + 1].kind == "num":
                q = items[i + 1].value / 100.0
                items[i + 1].used = True
            if q is not None and 0 <= q <= 1:
                return "quantile", q
            return "median", None
        if re.fullmatch(r"p\d{1,2}", w):
            return "quantile", int(w[1:]) / 100.0
        if w == "quartile":
            if prev in ("first", "lower", "1st"):
                return "quantile", 0.25
            if prev in ("third", "upper", "3rd"):
                return "quantile", 0.75
            return "median", None
        if w in ("how",) and nxt == "many":
            items[i + 1].used = True
            nn = items[i + 2].low if i + 2 < len(items) else ""
            return ("count_distinct" if nn in ("distinct", "unique", "different") else "count"), None
        if w in ("number", "num") and nxt == "of":
            if self._number_column(i) is not None:
                it.used = items[i + 1].used = True
                return None, None  # "average number of children": the column itself
            nn = items[i + 2].low if i + 2 < len(items) else ""
            return ("count_distinct" if nn in ("distinct", "unique", "different") else "count"), None
        if w in ("count", "counts"):
            return "count", None
        if w in ("distinct", "unique") and prev not in ("many", "of"):
            return "count_distinct", None
        if w in ("max", "maximum", "min", "minimum") and self.st.argmax:
            return None, None
        if w == "total" and (self.has("share") or nxt == "number"):
            return None, None
        if w in AGG_WORDS:
            return AGG_WORDS[w], None
        return None, None

    # -- unknown content words ---------------------------------------------------------
    def _unknown_words(self) -> None:
        """Sort words nothing matched: harmless fillers, the noun naming the rows
        ("how many *cars*"), and real unknowns (a column or value the data lacks)."""
        import difflib

        for i, it in enumerate(self.items):
            if it.kind != "word" or it.used or len(it.low) <= 1:
                continue
            w, stem_ = it.low, it.stem
            nxt_item = self.items[i + 1] if i + 1 < len(self.items) else None
            if w.endswith(("ed", "ing")) and len(w) > 4 and (
                    nxt_item is None or nxt_item.kind != "word" or
                    nxt_item.low in QUESTION_WORDS):
                continue  # "total tips collected": a verb, not a missing column
            prev_item = self.items[i - 1] if i > 0 else None
            if w in ATTRIBUTE_WORDS and ((prev_item is not None and prev_item.kind == "col") or
                                         (nxt_item is not None and nxt_item.kind == "col")):
                continue  # "wind speed" where the column is "wind"
            if w in UNIT_WORDS:
                continue
            if prev_item is not None and prev_item.kind == "col" and self._is_plural(w) and \
                    self.s.col(prev_item.columns()[0]).kind == "integer" and \
                    self.s.col(prev_item.columns()[0]).role == "measure":
                continue  # "gold medals", "total silver medals": what a count column counts
            table_word = stem_ in self._table_words()
            if w in QUESTION_WORDS or stem_ in QUESTION_WORDS or w in AGG_WORDS or \
                    w in SUPER_HI | SUPER_LO or w in CHART_WORDS or w in HARMLESS or \
                    stem_ in HARMLESS or re.fullmatch(r"q[1-4]|p\d+|\d+\w*", w) or \
                    w in IMPLIED or w in TIME_GRAIN_WORDS:
                continue
            prev = self.words_before(i, 3, skip={"the", "a", "an", "all", "different",
                                                 "distinct", "unique", "individual"})
            nxt = self.words_after(i, 1, skip=set())
            just_before = self.items[i - 1] if i > 0 else None
            which = just_before is not None and just_before.text.lower() in ("which", "what")
            p0 = prev[0] if prev else ""
            p1 = prev[1] if len(prev) > 1 else ""
            measure_pos = p0 in AGG_WORDS or p0 in SUPER_HI | SUPER_LO or \
                (p0 == "of" and (p1 in AGG_WORDS or p1 in ("median", "percentile")))
            if p0 in ("most", "fewest", "least") and self._is_plural(w) and \
                    any(x.kind == "col" for x in self.items):
                measure_pos = False  # "which state has the most airports": count rows
                p0 = "many"
            after_col = just_before is not None and just_before.low == "of" and i >= 2 and \
                self.items[i - 2].kind == "col"
            subject = just_before is not None and just_before.low in ("the", "each", "every") \
                and nxt_item is not None and nxt_item.kind == "col"
            entity_pos = which or p0 in ENTITY_PREV or after_col or subject or \
                (p0 == "of" and p1 in COUNT_NOUNS) or \
                (just_before is not None and just_before.kind in ("num", "val")) or \
                (bool(nxt) and nxt[0] in ENTITY_NEXT)
            if table_word and not (entity_pos and not measure_pos):
                continue  # "nile volume": the dataset's own name
            if self._subject_word(i):
                continue  # "nile volume over time" on an unnamed table of years and volumes
            if w in PEOPLE_NOUNS and self.s.about_people and not it.cap:
                # "average rating for women" on a survey of women: the rows themselves
                self.st.entity = self.st.entity or stem_
                it.used = True
                continue
            if not it.cap and entity_pos and not measure_pos and \
                    self.st.entity in (None, stem_) and len(w) >= 3:
                self.st.entity = stem_
                self.st.entity_which = self.st.entity_which or which
                it.used = True
                continue
            if not it.cap and difflib.get_close_matches(w, _VOCAB, n=1, cutoff=0.85):
                continue  # a typo of a question word ("averge")
            self.st.unknown.append(it)

    def _similar_measures(self) -> list[str]:
        """Measure columns that look like one quantity spread over columns (a wide table:
        one column per stock, per candidate, per medal): same type, comparable ranges."""
        s = self.s
        cols = [c for c in s.measures if s.col(c).numeric and not s.col(c).binary and
                not {"total", "sum", "overall", "all"} & set(name_tokens(c.lower()))]
        if len(cols) < 2 or len({s.col(c).kind for c in cols}) != 1:
            return []
        highs = [abs(float(s.col(c).max)) for c in cols if s.col(c).max is not None]
        if len(highs) != len(cols) or min(highs) <= 0 or max(highs) / min(highs) > 20:
            return []
        return cols

    def _wide_plan(self, intent: str) -> Plan | None:
        """"which stock had the highest price" on a table with one column per stock: the
        question names none of the columns but compares things that *are* the columns, so
        stack them (unpivot) and compare. Only when the question names no measure and
        nothing else explains its words."""
        st, s = self.st, self.s
        if intent != "query" or self.ctx.previous is not None and self._followup_words():
            return None
        if any(c and s.col(c).numeric for _, c, _ in st.measures) or st.groups or \
                st.over_time or st.ratios:
            return None
        asks_which = bool(re.search(r"\b(which|what|compare|rank)\b", self.low))
        if not asks_which or not (st.superlative or self.has("mode") or st.agg_global or
                                  re.search(r"\bcompare\b", self.low)):
            return None
        cols = self._similar_measures()
        if len(cols) < 3 or len(st.unknown) > 2:
            return None
        words = [it for it in self.items if it.kind == "word" and (it in st.unknown or
                                                                   it.stem == st.entity)]
        names = [w.stem for w in words if w.stem not in ("type", "kind", "column")]
        name = next((w for w in names if w == st.entity), None) or \
            (names[0] if names else "column")
        value = next((w for w in names if w != name), None) or "value"
        if name == value or name in s.columns or value in s.columns:
            name, value = "column", "value"
        agg = st.agg_global if st.agg_global not in (None, "count", "count_distinct") else None
        if agg is None:
            if st.superlative_word in ("most", "least", "fewest") or self.has("mode") or \
                    all(s.col(c).additive or s.col(c).kind == "integer" for c in cols):
                agg = "sum"
            elif st.superlative:
                agg = "max" if st.superlative == "hi" else "min"
            else:
                agg = "mean"
        m = Measure(agg, value)
        desc = st.descending if st.descending is not None else st.superlative != "lo"
        if self.has("mode") and re.search(r"\bleast\b", self.low):
            desc = False
        for it in words:
            it.used = True
        st.unknown = []
        return Plan(kind="aggregate", measures=[m], group_by=[name], filters=st.filters,
                    logic="or" if st.or_logic else "and", order_by=m.alias,
                    descending=desc, limit=st.limit, argmax=not st.limit,
                    chart=st.chart, question=self.q,
                    unpivot={"columns": cols, "name": name, "value": value})

    def _followup_words(self) -> bool:
        return self.low.strip().startswith(FOLLOWUP_STRONG)

    def _subject_word(self, i: int) -> bool:
        """An unmatched noun that opens the question right before a column ("nile volume
        over time") names what the whole table is about when the table has no categories
        it could filter on: only numbers and time, one subject."""
        s = self.s
        if any(p.role in ("dimension", "id") and not p.numeric for p in s.columns.values()):
            return False
        it = self.items[i]
        if it.low.endswith(("ed", "ing")) or it.low in PEOPLE_NOUNS:
            return False
        lead = {"the", "show", "plot", "chart", "graph", "me", "what", "whats", "is", "was",
                "how", "did", "has", "have", "average", "total", "mean"}
        if any(x.kind != "word" or x.low not in lead for x in self.items[:i]):
            return False
        nxt = self.items[i + 1] if i + 1 < len(self.items) else None
        return nxt is not None and nxt.kind == "col"

    def _table_words(self) -> set[str]:
        from .lexicon import name_tokens, stem

        return {stem(t) for t in name_tokens(self.s.table)}

    @staticmethod
    def _is_plural(word: str) -> bool:
        return word.endswith("s") and not word.endswith("ss")

    # -- assembling the plan ------------------------------------------------------------
    def _assemble(self, intent: str) -> Plan | None:
        st, s = self.st, self.s
        groups = list(st.groups)
        tb = None
        if st.over_time or st.time_grain:
            tc = st.time_col or self._time_col()
            if tc is None:
                raise _Refuse("This data has no date or year column, so there is no trend over "
                              "time to show. Columns: " + ", ".join(s.names()[:20]) + ".",
                              s.names()[:12])
            p = s.col(tc)
            if p.year_like:
                if tc not in groups:
                    groups.insert(0, tc)
            else:
                tb = TimeBucket(tc, st.time_grain or self._auto_grain(tc))
        measures: list[Measure] = []
        count_words = self.has("count") and not self.has("share")
        seen: set[str] = set()
        for agg, col, q in st.measures:
            if col is None or (agg is None and col in seen):
                continue  # "how many people are in the party": one column, named twice
            seen.add(col)
            p = s.col(col)
            if agg is None:
                if self.has("share") and p.numeric and not (
                        st.agg_global and st.agg_global not in ("count", "count_distinct",
                                                                 "sum")):
                    agg = "sum"
                elif st.agg_global and st.agg_global not in ("count", "count_distinct"):
                    agg, q = st.agg_global, st.q_global
                elif count_words and (st.agg_global in ("count", None)) and \
                        st.agg_global == "count":
                    agg = "count_star"
                elif st.superlative and not (groups or tb) and not st.limit:
                    agg = "max" if st.superlative == "hi" else "min"
                elif st.superlative_word in ("most", "least", "fewest") and p.numeric:
                    agg = "sum"
                elif p.numeric and re.search(r"\bhow much\b.*\b(\w+ed|sold|spent|made|paid|"
                                             r"earned|won|grew|brought)\b", self.low):
                    agg = "sum"  # "how much electricity was generated": the total
                else:
                    agg = "sum" if p.additive else "mean"
            if agg == "count_star":
                measures.append(Measure("count"))
                continue
            if agg == "count" and p.numeric and not p.binary and \
                    re.search(r"\b(on average|typically|usually|normally|average)\b", self.low):
                agg = "mean"  # "how many people are in a party on average"
            if agg == "count" and p.numeric and not p.binary:
                if all(x.column or x.agg != "count" for x in measures):
                    measures.append(Measure("count"))
                continue
            if col in st.ratios:
                over, pct = st.ratios[col]
                if agg in ("count", "count_distinct", "count_star") or \
                        (agg == "sum" and not st.agg_global):
                    agg = "mean"  # a ratio per row averages; it does not add up
                m = Measure(agg, col, q if agg == "quantile" else None, over=over, percent=pct)
            else:
                m = Measure(agg, col, q if agg == "quantile" else None)
            if all(x.alias != m.alias for x in measures):
                measures.append(m)
        if intent == "distribution":
            cols = [c for a, c, _ in st.measures if c and s.col(c).numeric]
            if cols:
                return Plan(kind="distribution", columns=cols[:1], group_by=groups,
                            filters=st.filters, logic="or" if st.or_logic else "and",
                            chart=st.chart or "histogram")
            if groups:
                return Plan(kind="aggregate", measures=[Measure("count")], group_by=groups,
                            filters=st.filters, chart=st.chart)
        if not groups and not tb and st.leftover_dims and not re.search(
                r"\b(compare|compared|comparison|vs|versus)\b", self.low):
            groups = list(dict.fromkeys(st.leftover_dims))[:2]
        has_anything = bool(measures or groups or tb or st.filters or
                            st.agg_global in ("count", "count_distinct"))
        if not has_anything and not (self.has("rows") and not st.unknown):
            return None
        listing = bool(re.match(r"^(please |can you |could you )?(list|show|display|give|find|"
                                r"get|name|which|what)\b", self.low))
        rows_intent = (self.has("rows") or (st.entity and listing)) and not (
            st.agg_global or count_words or groups or tb or self.has("share"))
        if st.entity_which and not groups and not tb and st.superlative and measures and \
                measures[0].column and not count_words:
            rows_intent = True
        scatter = (len(measures) >= 2 and not groups and not tb and not st.agg_global and
                   re.search(r"\b(vs|versus|against|and)\b", self.low) and
                   not self.has("count")) or st.chart == "scatter"
        if scatter and len([m for m in measures if m.column]) >= 2:
            cols = [m.column for m in measures if m.column][:2]
            if re.search(r"\b(vs|versus|against)\b", self.low):
                cols = cols[::-1]  # "y vs x": x first
            return Plan(kind="rows", columns=cols, filters=st.filters,
                        logic="or" if st.or_logic else "and", chart="scatter", limit=5000)
        if rows_intent or (st.limit and not groups and not tb and measures and
                           not st.agg_global):
            order = measures[0].column if measures and measures[0].column else None
            cols: list[str] = []
            if rows_intent:
                mentioned = [m.column for m in measures if m.column]
                cols = []  # all columns for lookups
                if order is None and mentioned:
                    order = mentioned[0]
            desc = st.descending if st.descending is not None else (st.superlative != "lo")
            limit = st.limit or (1 if st.superlative and order else 100)
            label = s.label_column()
            if label is not None and limit != 1 and (st.filters or order) and \
                    not self.has("rows"):
                # "list the cars with mpg above 40": name each row and show what was asked
                cols = list(dict.fromkeys([label, *(f.column for f in st.filters),
                                           *(m.column for m in measures if m.column)]))
            return Plan(kind="rows", columns=cols, filters=st.filters,
                        logic="or" if st.or_logic else "and",
                        order_by=order if (st.superlative or st.limit) else None,
                        descending=desc, limit=limit, chart=st.chart)
        if not groups and not tb and re.search(r"\b(compare|compared|comparison|vs|versus|"
                                               r"(more|less|higher|lower) than)\b", self.low):
            # "compare yield between 1931 and 1932": one row per compared value
            two = next((f for f in st.filters if f.op == "in" or (
                f.op == "between" and s.col(f.column).year_like)), None)
            if two is not None:
                groups = [two.column]
        weight = s.weight_column
        if not measures and weight and st.counted and not self.has("rows"):
            measures = [Measure("sum", weight)]
        if not measures:
            measures = [Measure("count")]
            if st.agg_global and st.agg_global not in ("count", "count_distinct") and \
                    not (groups or tb):
                raise _Clarify(f"{_agg_name(st.agg_global).capitalize()} of which column?",
                               self._numeric_options())
            if st.agg_global and st.agg_global not in ("count", "count_distinct") and \
                    (groups or tb) and not st.unknown:
                raise _Clarify(f"{_agg_name(st.agg_global).capitalize()} of which column?",
                               self._numeric_options())
        filters_eq = [f for f in st.filters if f.op == "=" or (f.op == "year" and
                                                               not isinstance(f.value, list))]
        by_col: dict[str, list[Filter]] = {}
        for f in filters_eq:
            by_col.setdefault(f.column, []).append(f)
        for col, fs in by_col.items():
            if len(fs) < 2 or st.or_logic or len({f.op for f in fs}) != 1:
                continue
            # "yield in 1931 vs 1932": both values of one column cannot hold at once, so
            # the question compares them
            values = list(dict.fromkeys(f.value for f in fs))
            st.filters = [f for f in st.filters if f not in fs]
            if fs[0].op == "year":
                years = sorted(values)
                st.filters.append(Filter(col, "year", [years[0], years[-1]]))
            else:
                st.filters.append(Filter(col, "in", values))
            if not groups and not tb and len(values) > 1:
                if fs[0].op == "year":
                    tb = TimeBucket(col, "year")
                else:
                    groups = [col]
        share = self.has("share") and not self.has("correlation") and not st.ratios
        filters, part = list(st.filters), []
        if share and not (groups or tb) and filters:
            # "what percentage of generation was renewable in 2017": the time filter picks
            # the rows, the rest is the part whose share is asked.
            base = [f for f in filters if s.col(f.column).role == "time"]
            part = [f for f in filters if f not in base]
            if not part:
                base, part = [], filters
            filters = base
        plan = Plan(kind="aggregate", measures=measures, group_by=groups, time_bucket=tb,
                    filters=filters, logic="or" if st.or_logic else "and",
                    limit=st.limit, share=share, part=part,
                    argmax=st.argmax and bool(groups or tb), chart=st.chart)
        sort = re.search(r"\b(sort|sorted|order|ordered|rank|ranked|ranking)\b.*?"
                         r"\b(desc|descending|ascending|asc|highest|lowest|largest|smallest|"
                         r"biggest)?\b", self.low)
        if (groups or tb) and sort and not st.limit and not st.argmax:
            word = sort.group(2) or "descending"
            plan.order_by = measures[0].alias
            plan.descending = word not in ("ascending", "asc", "lowest", "smallest")
            return plan
        if groups or tb:
            if st.limit or st.argmax or (st.superlative and st.agg_global and
                                         st.superlative_word not in AGG_WORDS):
                plan.order_by = measures[0].alias
                desc = st.descending if st.descending is not None else st.superlative != "lo"
                plan.descending = desc
                if st.argmax and not st.limit:
                    plan.argmax = True
        return plan

    def _nothing_understood(self) -> PlanResult:
        s = self.s
        unknown = [it.text for it in self.st.unknown]
        hints = []
        for w in unknown[:3]:
            from ..errors import closest

            hints += [h for h in closest(w, s.names(), n=2) if h not in hints]
        cols = ", ".join(s.names()[:15]) + (" ..." if len(s.names()) > 15 else "")
        if unknown:
            msg = (f"I can't answer that from this data: nothing in it matches "
                   f"{', '.join(repr(u) for u in unknown[:4])}. The data has columns {cols}.")
        else:
            msg = f"I couldn't find a question about this data in that. Columns: {cols}."
        msg += f" Try for example {_example(s)}."
        return PlanResult.refuse(msg, hints or s.names()[:12])

    def _check_unknown(self, plan: Plan) -> None:
        """Refuse when a word that looks like a column or value matched nothing: answering
        without it would answer another question."""
        st, s = self.st, self.s
        people = self.s.about_people and any(
            it.low in PEOPLE_NOUNS for it in self.items if it.stem == st.entity)
        if st.entity and st.entity not in self._table_words() and not people and \
                st.entity not in ROW_WORDS and not plan.filters and not plan.part and \
                not plan.keys and not any(m.column for m in plan.measures) and \
                not plan.columns and not plan.order_by and plan.kind != "tool":
            # "how many employees work here?" on restaurant bills: nothing ties the noun
            # to this data, so counting rows would answer another question.
            item = next(it for it in self.items if it.stem == st.entity)
            st.unknown.append(item)
        entity_item = next((it for it in self.items if st.entity and it.stem == st.entity and
                            it.kind == "word"), None)
        foreign = entity_item is not None and st.entity not in self._table_words() and \
            not people and st.entity not in ROW_WORDS and entity_item not in st.unknown
        if foreign and not any(m.column for m in plan.measures) and plan.kind == "aggregate" \
                and re.search(rf"\bhow many {re.escape(entity_item.low)} (do|does|did)\b.*"
                              rf"\b(have|has|had|own|employ|hold|contain)\b", self.low):
            # "how many employees does each firm have": the rows are not employees, so
            # counting rows per firm would answer another question
            st.unknown.append(entity_item)
        elif foreign and st.entity_which and plan.kind == "rows" and \
                self.s.label_column() is None:
            # "which state has the most voters" with no column of states: the rows have
            # no name to answer with
            st.unknown.append(entity_item)
        if not st.unknown:
            return
        words = [it.text for it in st.unknown]
        from ..errors import closest

        hints: list[str] = []
        keys = list(s.names())
        for w in words:
            hints += [h for h in closest(w, keys, n=3) if h not in hints]
            for key, ms in s.values.items():
                if len(w) >= 4 and key.startswith(w.lower()[:4]) and len(hints) < 8:
                    hints.append(str(ms[0].value))
        cols = ", ".join(s.names()[:15]) + (" ..." if len(s.names()) > 15 else "")
        near = f" Closest: {', '.join(hints[:6])}." if hints else ""
        raise _Refuse(f"This data has no column or value matching "
                      f"{', '.join(repr(w) for w in words[:4])}, so I can't answer that "
                      f"from it.{near} Columns: {cols}.", hints[:8] or s.names()[:12])

    # -- follow-ups -------------------------------------------------------------------
    def _is_followup(self, plan: Plan | None) -> bool:
        """A follow-up changes the previous plan: it says so ("and ...", "now ...",
        "instead"), or it is incomplete on its own ("only for dinner", "top 10")."""
        low = self.low.strip()
        if plan is None:
            return True
        if low.startswith(FOLLOWUP_STRONG) or re.search(r"\b(instead|too|as well)\b", low):
            return True
        complete = plan.kind == "tool" or bool(plan.columns) or \
            any(m.column for m in plan.measures) or (
                bool(plan.group_by or plan.time_bucket) and self.has("count"))
        if complete:
            return False
        return not self.st.agg_global or low.startswith(FOLLOWUP_START)

    def _merge(self, prev: Plan, new: Plan | None) -> Plan | None:
        st = self.st
        if prev.kind == "tool" and (new is None or new.kind == "aggregate"):
            base = prev.copy()
            for f in st.filters:
                base.filters = [g for g in base.filters if g.column != f.column] + [f]
            return base
        base = prev.copy()
        base.question = self.q
        if new is not None and new.kind in ("rows", "distribution") and \
                (new.columns or new.kind != prev.kind):
            return new
        add = bool(re.search(r"\b(too|as well|also|and by)\b", self.low))
        # measures: new columns replace, a new aggregation word changes the function
        new_cols = [a for a in st.measures if a[1]]
        if new_cols:
            ms = []
            for agg, col, q in new_cols:
                old_agg = base.measures[0].agg if base.measures and base.measures[0].column \
                    else None
                agg = agg or st.agg_global or old_agg or ("sum" if self.s.col(col).additive
                                                          else "mean")
                if agg == "count" and self.s.col(col).numeric:
                    ms.append(Measure("count"))
                else:
                    ms.append(Measure(agg, col, q if agg == "quantile" else None))
            base.measures = ms
        elif st.agg_global:
            ms = []
            for m in base.measures or [Measure("count")]:
                if st.agg_global in ("count",):
                    ms.append(Measure("count"))
                elif m.column:
                    ms.append(Measure(st.agg_global, m.column,
                                      st.q_global if st.agg_global == "quantile" else None))
                else:
                    ms.append(m)
            base.measures = ms
        if base.order_by and base.measures:
            base.order_by = base.measures[0].alias
        # grouping
        if st.groups or st.over_time or st.time_grain:
            if new is not None and (new.group_by or new.time_bucket):
                if add:
                    base.group_by = base.group_by + [g for g in new.group_by
                                                     if g not in base.group_by]
                    base.time_bucket = new.time_bucket or base.time_bucket
                else:
                    base.group_by = new.group_by
                    base.time_bucket = new.time_bucket
                if base.kind != "aggregate":
                    base.kind = "aggregate"
        new_cols_filtered = {f.column for f in st.filters}
        base.filters = [f for f in base.filters if not (
            f.op == "=" and f.column in base.group_by and f.column not in new_cols_filtered)]
        if st.argmax and base.keys:
            base.argmax = True
            base.order_by = base.measures[0].alias if base.measures else None
            base.descending = st.superlative != "lo"
        # filters: same column replaces, new column adds
        for f in st.filters:
            base.filters = [g for g in base.filters if g.column != f.column] + [f]
        if re.search(r"\b(all|everything|no filter|without filter|overall|in total)\b",
                     self.low) and not st.filters:
            base.filters = []
        if st.limit:
            base.limit = st.limit
            if st.descending is not None:
                base.descending = st.descending
            if not base.order_by and base.measures:
                base.order_by = base.measures[0].alias
        elif st.superlative and base.keys:
            base.order_by = base.measures[0].alias if base.measures else None
            base.descending = st.superlative == "hi"
        if st.chart:
            base.chart = st.chart
        if self.has("share"):
            base.share = True
        return base


def _typed_binary(p, value):
    if p.kind == "bool":
        return value == "True"
    if p.numeric:
        try:
            return int(float(value))
        except (TypeError, ValueError):
            return value
    return value


def _num(v: float) -> float | int:
    return int(v) if float(v).is_integer() else float(v)


def _n(v: float) -> str:
    return f"{_num(v):,}"


def _op_words(op: str) -> str:
    return {">": "more than", ">=": "at least", "<": "less than", "<=": "at most",
            "=": "equal to", "!=": "different from"}.get(op, op)


def _agg_name(agg: str) -> str:
    return {"mean": "average", "sum": "total", "median": "median", "max": "maximum",
            "min": "minimum", "std": "standard deviation", "var": "variance",
            "quantile": "percentile"}.get(agg, agg)


__all__ = ["MAX_QUESTION_CHARS", "RulePlanner"]
