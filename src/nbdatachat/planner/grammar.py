"""The grammar: tagged nodes -> typed constituents of a :class:`Reading`.

Each rule reads one kind of constituent and marks the nodes it consumed; rules run from
the tightest constructions to the loosest, so a word is read by the most specific rule that
fits it: chart directives and limits ("top 5") first, then filters (value lists with their
polarity, comparatives and ranges with their column, time points), then measures with their
aggregations, groupings, superlatives and intent words.
"""

from __future__ import annotations

from .chart_words import ChartDirectives
from .constituents import BEFORE_SKIP as _BEFORE_SKIP, SKIP as _SKIP
from .constituents import FilterC, MeasureC, Node, Reading, passing_verb
from .derived import read_ratios, read_sole_measure, read_stat_comparisons
from .lexicon import attribute_words, name_tokens, stem
from .contrast import read_contrast
from .ordinal_places import read_last_place, read_ordinal_places
from .count_numbers import read_only_kinds, read_some_of_kind, read_zero_counts
from .number_rows import read_bound_numbers
from .headcounts import read_headcounts
from .negation import read_absent_columns, read_negated_filters
from .measures import read_total_word
from .game_results import read_game_results
from .both_items import read_both
from .clause_anchor import read_clause_anchor
from .column_words import pick_column
from .positions import read_positions
from .rank_threshold import read_rank_words
from .durations import read_duration
from .relative import read_relative
from .role_columns import read_role_asked, role_column
from .row_difference import read_row_difference
from .row_gaps import read_row_gap
from .run_values import read_run_values
from .runs import read_runs
from .row_threshold import read_row_threshold
from .same_as import read_same_as
from .column_mention import read_column_mentions
from .schema import SchemaModel
from .timewords import time_filters

_BOUNDARY = {",", ";", "by", "per", "but", "and", "or", "which", "what", "where", "while"}
_NEG_GAP = {"on", "in", "at", "from", "for", "the", "a", "an", "of", "with", "by", "during",
            "to", "be", "is", "are", "was", "were", "made", "built", "coming", "located",
            "including", "counting", "any", "those", "these", "rows", "row", "records",
            "ones", "have", "has", "had", "do", "does", "did", "get", "got", "been",
            "being", "ever"}

#: Prepositions before a relative "which" ("the year *in which* ...").
_RELATIVE_AFTER = {"in", "on", "at", "during", "for", "of", "by", "from", "with", "to"}

_STRONG_OPENERS = {"what about", "how about", "and for", "same for", "same but",
                   "same thing for", "and what about", "and how about", "now for", "now",
                   "and", "but", "instead", "only", "just", "also", "then", "ok", "okay",
                   "same", "what if", "how about for", "and in", "and by", "and with",
                   "and now", "make it", "show it", "plot it", "chart it", "draw it",
                   "break it down", "split it", "group it", "switch to", "change it"}


class Parser(ChartDirectives):
    """Reads the constituents of one question (see the module docstring)."""

    def __init__(self, reading: Reading, schema: SchemaModel) -> None:
        self.r = reading
        self.s = schema
        self.n = reading.nodes
        self.implied = {nd.tags["implied"][0] for nd in self.n if "implied" in nd.tags}

    # -- small helpers -----------------------------------------------------------------
    def node(self, i: int) -> Node | None:
        return self.n[i] if 0 <= i < len(self.n) else None

    def low(self, i: int) -> str:
        nd = self.node(i)
        return nd.low if nd is not None else ""

    def next_content(self, i: int, skip: set[str] = _SKIP) -> int:
        """Index of the first node at or after ``i`` that is not a skippable word."""
        while i < len(self.n) and self.n[i].kind == "word" and self.n[i].low in skip:
            i += 1
        return i

    def prev_content(self, i: int, skip: set[str] = _BEFORE_SKIP) -> int:
        while i >= 0 and self.n[i].kind == "word" and self.n[i].low in skip:
            i -= 1
        return i

    def column_of(self, nd: Node, prefer: str | None = None) -> str:
        """The one column a mention names; several equal candidates become a question."""
        ms = nd.item.matches
        top = [m.column for m in ms if abs(m.score - ms[0].score) < 1e-9]
        top = list(dict.fromkeys(top))
        if len(top) == 1:
            return top[0]
        if self.r.superlative_column in top:
            return self.r.superlative_column
        for attr in self.implied:  # "the longest petals": the petal *length*
            words = attribute_words(attr)
            hit = [c for c in top if {stem(t) for t in name_tokens(c)} & words]
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
        picked = pick_column(self, nd, top)  # "residents in the 2011 survey"
        if picked is not None:
            return picked
        if self.r.clarify is None:
            self.r.clarify = (f'"{nd.text}" could mean several columns: {", ".join(top)}. '
                              f"Which one do you mean?", top)
        return top[0]

    def use(self, *idx: int, role: str) -> None:
        for i in idx:
            if 0 <= i < len(self.n) and self.n[i].role is None:
                self.n[i].role = role

    # -- the rules, in order ---------------------------------------------------------
    def parse(self) -> Reading:
        read_total_word(self)
        self.row_nouns()
        read_column_mentions(self)  # "in the Remarks column"
        self.followup_form()
        self.chart_directives()
        self.limits()
        self.which_entity()
        self.negations_and_filters()
        read_zero_counts(self)  # "did not earn any silver medals"
        read_absent_columns(self)  # "no motto listed"
        read_only_kinds(self)  # "only golds"
        read_some_of_kind(self)  # "earned a silver medal"
        time_filters(self)
        read_ordinal_places(self)
        read_last_place(self)
        read_row_gap(self)  # "how long after A was B": before A reads as an anchor
        read_relative(self)
        read_duration(self)
        read_row_difference(self)
        read_same_as(self)
        read_both(self)
        read_contrast(self)
        read_row_threshold(self)
        read_stat_comparisons(self)
        self.comparatives()
        read_bound_numbers(self)  # "a weight of 60", "heat three"
        read_headcounts(self)  # "how many people attended X"
        read_ratios(self)
        read_runs(self)
        read_run_values(self)
        read_game_results(self)
        read_rank_words(self)  # "in the top 10", "the next highest after X": a ranking
        read_positions(self)
        read_role_asked(self)
        self.value_filters()
        self.measures()
        self.groups()
        self.superlatives()
        read_sole_measure(self)
        self.intent_words()
        self.binary_filters()
        read_negated_filters(self)  # "other than 1975", "besides Ann Lee"
        read_clause_anchor(self)
        return self.r

    def row_nouns(self) -> None:
        """A plural that only matches parts of the names of id or date columns names the
        rows ("how many *orders*" with order_id and order_date)."""
        for nd in self.n:
            if nd.kind != "col" or len(nd.items) != 1 or nd.item.b - nd.item.a != 1:
                continue
            ms = nd.item.matches
            low = nd.low
            plural = low.endswith("s") and not low.endswith("ss")
            if not plural or any(m.how not in ("partial", "fuzzy") for m in ms):
                continue
            cols = list(dict.fromkeys(m.column for m in ms))
            roles = {self.s.col(c).role for c in cols}
            if roles & {"id", "time"} and all(self.s.col(c).role in ("id", "time")
                                              for c in cols):
                nd.kind = "word"
                nd.tags = {}

    def followup_form(self) -> None:
        first = self.next_content(0, {"ok", "okay", "so", "alright"})
        nd = self.node(first)
        if nd is not None and nd.has("followup") and nd.low not in ("by", "per", "use"):
            self.r.followup = nd.low in _STRONG_OPENERS
            self.r.followup_weak = True
            if nd.low in ("what about", "how about", "and what about", "and how about",
                          "same for", "same but", "same thing for", "and for", "and",
                          "now", "now for", "and now", "instead", "only", "just", "also",
                          "but", "then", "ok", "okay", "same", "what if", "how about for",
                          "and in", "and by", "and with"):
                self.use(first, role="followup")
        for i, nd in enumerate(self.n):
            if nd.has("marker") and nd.low in ("instead", "too", "as well", "again"):
                self.r.followup_marker = True
                self.use(i, role="followup")
            if nd.has("pronoun") and nd.low in ("it", "them", "that", "this") and i > 0 and \
                    (self.node(i - 1).has("instr", "chart_word", "func") or i == 1):
                nxt = self.node(i + 1)
                if nxt is None or nxt.kind == "word":
                    self.r.pronoun = True
                    self.use(i, role="followup")

    # limits: "top 5", "bottom 3", "the 5 vans with the best kpl" -------------------------
    def limits(self) -> None:
        r = self.r
        for i, nd in enumerate(self.n):
            if nd.role is not None:
                continue
            if nd.kind == "word" and "limit" in nd.tags and nd.low in ("top", "bottom"):
                j = i + 1
                num = self.node(j)
                if num is not None and num.kind == "num" and not num.item.tok.pct and \
                        float(num.value).is_integer() or (num is not None and
                                                          "number" in num.tags):
                    r.limit = int(num.value)
                    self.use(j, role="limit")
                r.limit_dir = "hi" if nd.low == "top" else "lo"
                if r.limit is None and nd.low == "top":
                    continue  # "top" alone is a superlative ("the top country")
                self.use(i, role="limit")
            elif nd.is_number and nd.item.tok is not None and not nd.item.tok.ordinal and \
                    not nd.item.tok.pct and float(nd.value).is_integer() and \
                    1 <= nd.value <= 1000:
                prev = self.low(i - 1)
                if (i == 0 or prev in ("which", "what", "the", "show", "list", "me", "find",
                                       "give", "name", "first", "last")) and \
                        self._superlative_follows(i + 1):
                    r.limit = int(nd.value)
                    self.use(i, role="limit")
                    if prev in ("first", "last"):
                        self.use(i - 1, role="limit")

    def which_entity(self) -> None:
        """"which day ...", "what number of cylinders ...", "which 2 countries ...": the
        column whose values answer the question."""
        for i, nd in enumerate(self.n):
            if nd.role is not None or nd.low not in ("which", "what", "whose", "what kind of",
                                                     "which kind of"):
                continue
            if nd.low == "which" and self.low(i - 1) in _RELATIVE_AFTER and any(
                    m.low in ("what", "which", "who", "when", "how many")
                    for m in self.n[:i - 1]):
                continue  # "which was the year in which the score ...": a relative clause
            j = i + 1
            while self.node(j) is not None and (self.n[j].role == "limit" or self.n[j].low in (
                    "the", "number of", "of") or self.n[j].low in ("type", "kind", "sort")
                    and self.n[j].kind == "word" and self.low(j + 1) == "of"):  # "what type of"
                j += 1
            nd2 = self.node(j)
            if nd2 is not None and nd2.kind == "word" and not nd2.tags and \
                    self.node(j + 1) is not None and self.n[j + 1].kind == "col" and \
                    self.n[j + 1].role is None:
                # "which party size ...": a word naming the thing, then its column, when the
                # column holds categories (not a measure to rank by)
                p = self.s.col(self.column_of(self.n[j + 1], prefer="dimension"))
                if p.role != "measure" or (p.kind == "integer" and p.n_distinct <= 50):
                    j += 1
                    nd2 = self.n[j]
            if nd2 is not None and nd2.kind == "col" and nd2.role is None:
                self._entity_column(i, j)
                return
        # "the 3 party sizes with the lowest ...": a column of categories after a limit
        for i, nd in enumerate(self.n):
            if nd.role != "limit" or nd.kind != "num":
                continue
            j = i + 1
            if self.node(j) is not None and self.n[j].kind == "word" and not self.n[j].tags \
                    and self.node(j + 1) is not None and self.n[j + 1].kind == "col":
                j += 1
            nd2 = self.node(j)
            if nd2 is not None and nd2.kind == "col" and nd2.role is None:
                c = self.column_of(nd2, prefer="dimension")
                p = self.s.col(c)
                if p.role != "measure" or (p.kind == "integer" and p.n_distinct <= 50):
                    self._entity_column(i, j)
                return

    def _entity_column(self, i: int, j: int) -> None:
        self.r.which = True
        self.r.which_col = self.column_of(self.n[j], prefer="dimension")
        self.use(j, role="which")
        for k in range(i + 1, j):
            if self.n[k].role is None:
                self.n[k].role = "which"
                if self.n[k].kind == "word" and not self.n[k].tags:
                    self.r.ignored.append(self.n[k].text)

    def _superlative_follows(self, i: int) -> bool:
        for nd in self.n[i:i + 6]:
            if "sup" in nd.tags or "implied" in nd.tags or nd.has("order"):
                return True
            if nd.kind == "word" and nd.low in ("by",):
                return True
        return False

    # negation with its scope; value lists with and/or ------------------------------------
    def negations_and_filters(self) -> None:
        for i, nd in enumerate(self.n):
            if nd.role is not None or "neg" not in nd.tags:
                continue
            if nd.low in ("no", "not") and self.low(i + 1) in ("more", "less", "fewer"):
                continue  # "no more than": a comparative
            if nd.low in ("excluded", "not included", "left out", "omitted", "excepted"):
                k = i - 1  # "North excluded": the negation follows the value
                while k >= 0 and self.n[k].kind == "val" and self.n[k].role is None:
                    k -= 1
                if k + 1 < i:
                    self._value_list(k + 1, negated=True)
                    self.use(i, role="neg")
                continue
            j = self.next_content(i + 1, _NEG_GAP)
            target = self.node(j)
            if target is None:
                continue
            if passing_verb(target) or target.kind == "col":  # "not directed by X"
                k = self.next_content(j + 1, _NEG_GAP)
                if self.node(k) is not None and self.n[k].kind == "val" and \
                        self.n[k].role is None and (target.kind == "word" or set(
                            target.columns) & set(self.n[k].columns)):
                    self.use(j, role="neg")
                    j, target = k, self.n[k]
            if target.kind == "val":
                self._value_list(j, negated=True)
                self.use(i, role="neg")
                for k in range(i + 1, j):
                    self.use(k, role="neg")
            elif target.kind == "col" and self._binary(target):
                col = self.column_of(target)
                p = self.s.col(col)
                self.r.filters.append(FilterC(col, "=", p.falsy, at=j, how="binary"))
                self.use(i, j, role="filter")
            elif target.kind == "col" and nd.low == "no" and self.s.col(
                    self.column_of(target)).numeric:
                self.r.filters.append(FilterC(self.column_of(target), "=", 0, at=j))
                self.use(i, j, role="filter")
            elif target.kind == "word" and "missing" in target.tags:
                self._missing(j, negated=True)
                if target.role is not None:
                    self.use(i, role="neg")

    def _binary(self, nd: Node) -> bool:
        c = nd.columns[0] if nd.columns else None
        return c is not None and self.s.col(c).binary

    def _value_list(self, j: int, negated: bool = False) -> None:
        """Values joined by and / or / commas; values of one column make one filter."""
        r = self.r
        groups: list[tuple[str, list]] = []
        k = j
        links: list[str] = []
        while k < len(self.n):
            nd = self.n[k]
            if nd.kind == "val" and nd.role is None:
                col = self._value_column(nd)
                m0 = nd.item.matches[0]
                if m0.how == "fuzzy" and nd.item.cap and r.clarify is None:
                    # "Atlantis" is not "Atlantic": a name is asked back, never guessed
                    opts = list(dict.fromkeys(str(m.value) for m in nd.item.matches))
                    r.clarify = (f'There is no value "{nd.text}"; did you mean '
                                 f'{" or ".join(opts)}?', opts)
                vals = [m.value for m in nd.item.matches if m.column == col]
                if groups and groups[-1][0] == col:
                    groups[-1][1].extend(v for v in vals if v not in groups[-1][1])
                else:
                    groups.append((col, list(dict.fromkeys(vals))))
                nd.role = "filter"
                nxt = self.node(k + 1)
                if nxt is not None and nxt.kind == "val" and nxt.role is None and \
                        col in nxt.columns:
                    k += 1  # "North, South": the comma is not a token
                    continue
                if nxt is not None and nxt.kind == "word" and ("link" in nxt.tags or
                                                               nxt.low == ",") and \
                        self.node(self.next_content(k + 2, {"the", "on", "in", "from", "at",
                                                            "for"})) is not None and \
                        self.n[self.next_content(k + 2, {"the", "on", "in", "from", "at",
                                                         "for"})].kind == "val":
                    links.append(nxt.low)
                    nxt.role = "link"
                    k = self.next_content(k + 2, {"the", "on", "in", "from", "at", "for"})
                    continue
            break
        for col, vals in groups:
            if negated:
                op, value = ("!=", vals[0]) if len(vals) == 1 else ("not in", vals)
            else:
                op, value = ("=", vals[0]) if len(vals) == 1 else ("in", vals)
            r.filters.append(FilterC(col, op, value, negated=negated, at=j))
        if len(groups) > 1 and "or" in links and not negated:
            r.logic = "or"

    def _value_column(self, nd: Node) -> str:
        cols = list(dict.fromkeys(m.column for m in nd.item.matches))
        if len(cols) == 1:
            return cols[0]
        best = [m.column for m in nd.item.matches if m.score == nd.item.matches[0].score]
        best = list(dict.fromkeys(best))
        role = role_column(self, nd, best) if len(best) > 1 else None
        if role is not None:  # "did <X> win": the "Winner" column (role_columns.py)
            return role
        named = [c for c in cols if c in self.r.mentioned()]
        if len(named) == 1:
            return named[0]
        if len(best) > 1 and self.r.clarify is None:
            self.r.clarify = (f'"{nd.text}" is a value of several columns: '
                              f'{", ".join(best)}. Which one do you mean?', best)
        return best[0]

    def value_filters(self) -> None:
        for i, nd in enumerate(self.n):
            if nd.kind == "val" and nd.role is None:
                self._value_list(i)

    def _missing(self, i: int, negated: bool = False) -> None:
        """"how many tips are missing", "rows with missing age", "non-missing values"."""
        before = self.prev_content(i - 1, _BEFORE_SKIP | {"are", "values", "value", "many",
                                                          "how", "number", "entries"})
        after = self.next_content(i + 1, _SKIP | {"values", "value", "entries", "data",
                                                  "in", "for", "of", "the"})
        target = None
        for j in (after, before):
            nd = self.node(j)
            if nd is not None and nd.kind == "col" and nd.role is None:
                target = j
                break
        self.r.missing = True
        if target is None:
            self.use(i, role="missing")
            return
        col = self.column_of(self.n[target])
        op = "not null" if negated else "is null"
        self.r.filters.append(FilterC(col, op, None, at=target, how="missing"))
        self.use(i, target, role="filter")

    # comparatives and ranges ------------------------------------------------------------
    def comparatives(self) -> None:
        from .compare import read_comparatives

        read_comparatives(self)

    # measures: aggregations with their columns ---------------------------------------------
    def measures(self) -> None:
        from .measures import read_measures

        read_measures(self)

    def groups(self) -> None:
        from .measures import read_groups

        read_groups(self)

    def superlatives(self) -> None:
        from .measures import read_superlatives

        read_superlatives(self)

    def intent_words(self) -> None:
        from .intent import read_intent_words

        read_intent_words(self)

    def binary_filters(self) -> None:
        """A free mention of a yes/no column is a filter on its "yes" value ("for smokers"),
        "non-" / "not" before it (already read) gives the "no" value."""
        r = self.r
        if r.tool in ("difference", "regression", "correlation"):
            return
        for i, nd in enumerate(self.n):
            if nd.kind == "col" and nd.role is None and self._binary(nd):
                col = self.column_of(nd)
                if col in r.groups or any(m.column == col for m in r.measures):
                    continue
                prev = self.low(i - 1)
                if prev in ("by", "per", "across", "each"):
                    continue
                if nd.item.stem.endswith(("ing",)) and not r.count:
                    continue
                r.filters.append(FilterC(col, "=", self.s.col(col).truthy, at=i, how="binary"))
                nd.role = "filter"


def new_filter(parser: Parser, col: str, op: str, value, at: int, how: str,
               negated: bool = False) -> None:
    parser.r.filters.append(FilterC(col, op, value, negated=negated, at=at, how=how))


def new_measure(parser: Parser, col: str | None, aggs, at: int) -> MeasureC:
    m = MeasureC(col, list(aggs), at)
    parser.r.measures.append(m)
    return m


__all__ = ["Parser", "new_filter", "new_measure"]
