"""Measures, groupings and superlatives.

- Measures: an aggregation word (or several: "mean and median of tip") with the column it
  governs; "the 90th percentile of X"; "number of <a numeric column of counts>" is that
  column; "how many distinct X" counts distinct values.
- Groupings: "by", "per", "for each", "in each", "across", "broken down by" + a column (or
  several joined by "and"), or a time grain ("by month", "yearly").
- Superlatives: "highest", "most", "the largest" ... and words that imply a kind of column
  ("hottest" -> a temperature-like column, "longest" -> a length); "most common" (the mode).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import MeasureC
from .participle_degree import participle_column
from .result_verbs import result_degree
from .time_merit import seconds_columns
from .lexicon import (IMPLIED, OCCURRENCE_VERBS, PLACE_HEADERS, attribute_words, name_tokens,
                      stem)

if TYPE_CHECKING:
    from .grammar import Parser

_AFTER_AGG = {"of", "the", "a", "an", "in", "for", "all", "our", "my", "their", "its",
              "overall", "value", "values", "amount"}


def read_measures(p: "Parser") -> None:
    r, s = p.r, p.s
    for i, nd in enumerate(p.n):
        if nd.role is not None or nd.kind != "word":
            continue
        if "agg" in nd.tags and nd.low not in ("in total", "altogether", "on average",
                                                "typically", "combined"):
            aggs = [(nd.tags["agg"], None)]
            used = [i]
            if aggs[0][0] == "quantile":
                q = _quantile(p, i, used)
                if q is None:
                    r.problems.append("Say which percentile you mean, e.g. the 90th "
                                      "percentile.")
                aggs = [("quantile", q)]
            k = i + 1
            while p.node(k) is not None and p.n[k].low in ("and", ",", "or", "&") and \
                    p.node(k + 1) is not None and "agg" in p.n[k + 1].tags:
                used += [k, k + 1]
                nxt = p.n[k + 1]
                aggs.append((nxt.tags["agg"], _quantile(p, k + 1, used)
                             if nxt.tags["agg"] == "quantile" else None))
                k += 2
            j = p.next_content(k, _AFTER_AGG)
            col = p.node(j)
            if col is not None and col.kind == "col" and col.role in (None, "chart_y"):
                c = p.column_of(col, prefer="numeric")
                r.measures.append(MeasureC(c, aggs, j))
                p.use(*used, j, role="measure")
                continue
            back = p.prev_content(i - 1, {"the", "'s"})
            prev = p.node(back)
            if prev is not None and prev.kind == "col" and prev.role is None and \
                    s.col(p.column_of(prev, prefer="numeric")).numeric and \
                    back == i - 1:
                r.measures.append(MeasureC(p.column_of(prev, prefer="numeric"), aggs, back))
                p.use(*used, back, role="measure")
                continue
            r.global_agg = aggs[0]
            if len(aggs) > 1:
                r.notes.append("several aggregations without a column")
            p.use(*used, role="measure")
        elif "count" in nd.tags:
            prev = p.node(i - 1)
            if nd.low in ("count", "counts") and prev is not None and prev.kind == "col" and \
                    prev.role is None and p.low(i + 1) not in ("of",) and \
                    not s.col(p.column_of(prev)).numeric or (
                        nd.low in ("count", "counts") and prev is not None and
                        prev.kind == "col" and prev.role is None and
                        s.col(p.column_of(prev)).n_distinct <= 30 and
                        p.low(i + 1) not in ("of",)):
                r.groups.append(p.column_of(prev, prefer="dimension"))  # "Cylinders count"
                r.count = True
                p.use(i - 1, role="group")
                p.use(i, role="count")
                continue
            _count(p, i)
    # "in total", "on average": the aggregation of the measure named elsewhere
    for i, nd in enumerate(p.n):
        if nd.role is None and nd.kind == "word" and "agg" in nd.tags:
            if r.global_agg is None:
                r.global_agg = (nd.tags["agg"], None)
            p.use(i, role="measure")


def _quantile(p: "Parser", i: int, used: list[int]) -> float | None:
    """"the 90th percentile", "percentile 90", "first quartile"."""
    nd = p.n[i]
    prev = p.node(i - 1)
    q = None
    if prev is not None and prev.kind == "num" and prev.value is not None:
        q = float(prev.value) / 100.0
        used.append(i - 1)
    elif prev is not None and "ordinal" in prev.tags and "quartile" in nd.low:
        q = {1: 0.25, 2: 0.5, 3: 0.75}.get(prev.tags["ordinal"])
        used.append(i - 1)
    elif p.node(i + 1) is not None and p.n[i + 1].kind == "num":
        q = float(p.n[i + 1].value) / 100.0
        used.append(i + 1)
    if q is not None and "quartile" in nd.low and q > 1:
        q = q * 25 / 100.0
    return q


def _count(p: "Parser", i: int) -> None:
    """"how many", "number of", "count of": a count; of a numeric column of counts, that
    column ("number of children" where children holds counts); of distinct values."""
    r, s = p.r, p.s
    if p.low(i - 1) in ("by", "per", "for each", "across", "which", "what") and \
            p.n[i].low in ("number of", "num of", "no of"):
        p.use(i, role="group")  # "by number of children": the column itself
        return
    r.count = True
    p.use(i, role="count")
    j = p.next_content(i + 1, {"the", "a", "of", "all"})
    nd = p.node(j)
    if nd is not None and "distinct" in nd.tags and nd.role is None:
        k = p.next_content(j + 1, {"the", "a", "of"})
        col = p.node(k)
        if col is not None and col.kind == "col" and col.role is None:
            c = p.column_of(col, prefer="dimension")
            r.measures.append(MeasureC(c, [("count_distinct", None)], k))
            p.use(j, k, role="measure")
            r.distinct = True
            return
    if nd is None or nd.kind != "col" or nd.role is not None:
        return
    c = p.column_of(nd)
    prof = s.col(c)
    if p.n[i].low in ("number of", "num of", "no of", "amount of", "quantity of") and \
            prof.numeric and not prof.binary and prof.role == "measure" and \
            c != s.weight_column:
        r.measures.append(MeasureC(c, [], j))  # the column is itself a number of things
        p.use(j, role="measure")
        r.count = False
        return
    if c == s.weight_column:
        return
    if not prof.numeric and prof.n_distinct >= 0.9 * s.n_rows:
        p.use(j, role="counted")  # "number of models": each row is one, count the rows
        r.entity.append(p.n[j].text)
        return
    if not prof.numeric and not prof.binary and prof.role in ("dimension", "id") and \
            prof.n_distinct < s.n_rows and p.low(j + 1) not in ("of", "per"):
        # "how many countries are there", "how many countries in each continent / in
        # Europe": the rows repeat each country, so count the distinct ones
        r.measures.append(MeasureC(c, [("count_distinct", None)], j))
        p.use(j, role="measure")
        r.distinct = True


def read_groups(p: "Parser") -> None:
    r = p.r
    for i, nd in enumerate(p.n):
        if nd.role is not None or nd.kind != "word" or "group" not in nd.tags:
            continue
        if nd.low in ("each", "every") and p.low(i - 1) in ("of", "for", "in"):
            continue
        j = p.next_content(i + 1, {"the", "a", "an", "their", "its", "his", "her", "each",
                                   "every", "different", "various", "individual", "type",
                                   "types", "of", "kind", "number of"})
        got = False
        while True:
            g = p.node(j)
            if g is None:
                break
            if g.kind == "col" and g.role in (None, "chart_x"):
                c = p.column_of(g, prefer="dimension")
                if c not in r.groups:
                    r.groups.append(c)
                p.use(j, role="group")
                got = True
                q = p.node(j + 2)
                if p.low(j + 1) == "of" and q is not None and q.kind == "col" and \
                        q.role is None:
                    p.use(j + 1, j + 2, role="group")  # "each time of day": a qualifier
                    j += 2
            elif g.kind == "word" and "grain" in g.tags and g.role is None:
                r.grain = g.tags["grain"]
                p.use(j, role="group")
                got = True
            else:
                break
            k = j + 1
            if p.node(k) is not None and p.n[k].low in ("and", ",", "&") and \
                    p.node(k + 1) is not None and (p.n[k + 1].kind == "col" or
                                                   "grain" in p.n[k + 1].tags):
                p.use(k, role="group")
                j = k + 1
                continue
            break
        if got:
            p.use(i, *range(i + 1, j), role="group")
            if nd.low in _DISTRIBUTIVE:
                r.groups_each = True
    for i, nd in enumerate(p.n):
        if nd.role is None and nd.kind == "word" and "over_time" in nd.tags:
            r.over_time = True
            p.use(i, role="group")
        elif nd.role is None and nd.kind == "word" and nd.low in (
                "yearly", "annual", "annually", "quarterly", "monthly", "weekly", "daily",
                "hourly"):
            r.grain = nd.tags["grain"]
            p.use(i, role="group")


#: A column named for a total ("Total", "Overall") that the word "total" would ground to.
_TOTAL_WORDS = {"total", "overall", "combined"}
_TOTAL_LINKS = {"number of", "amount of", "count of", "of", "the"}


def read_total_word(p: "Parser") -> None:
    """"the total number of away goals", "total bronze", "how many golds do they have
    total": the word "total" before another numeric column, or closing a "how many" of one,
    is the sum of that column, not the table's "Total" column (a medal table's row totals).
    Runs first, before any rule takes the column."""
    for i, nd in enumerate(p.n):
        if nd.kind != "col" or nd.role is not None or nd.low not in _TOTAL_WORDS or \
                len(nd.columns) != 1 or not p.s.col(nd.columns[0]).numeric:
            continue
        before = p.n[i - 1] if i >= 2 else None
        if before is not None and p.n[i - 2].low == "how many" and (before.kind == "word" and not before.tags or (
                before.kind == "col" and not any(p.s.col(c).numeric for c in before.columns))):
            nd.kind, nd.tags = "word", {"agg": "sum", "func": True}
            continue  # "how many nations total won ...": "in total", a count of the rows
        j = i + 1
        while p.node(j) is not None and p.n[j].kind == "word" and p.n[j].low in _TOTAL_LINKS:
            j += 1
        nxt = p.node(j)
        if nxt is not None and nxt.kind == "sym" and p.node(j + 1) is None:
            nxt = None
        if nxt is None:  # "how many gold medals do they have total": "in total"
            if not any(n.kind == "col" and n is not nd and n.columns[0] != nd.columns[0] and
                       p.s.col(n.columns[0]).numeric for n in p.n[:i]) or \
                    not any(n.low == "how many" for n in p.n[:i]):
                continue
        elif nxt.kind == "col" and not any(p.s.col(c).numeric for c in nxt.columns) and \
                any(p.n[k].low in ("number of", "count of", "amount of")
                    for k in range(i + 1, j)):
            nd.kind, nd.tags = "word", {"func": True}  # "the total number of nations": a count
            continue
        elif nxt.kind != "col" or nxt.columns[0] == nd.columns[0] or \
                not all(p.s.col(c).numeric for c in nxt.columns) or \
                _repeated_header(p.s, nxt.columns[0]):
            continue  # "total votes" beside Votes, Votes.1, Votes.2: the row totals
        nd.kind = "word"
        nd.tags = {"agg": "sum", "func": True}


def _repeated_header(s, column: str) -> bool:
    """Another column has the same name but for a number ("Votes", "Votes.1")."""
    def base(c: str) -> list[str]:
        return [t for t in name_tokens(c) if not t.isdigit()]
    return any(c != column and base(c) == base(column) for c in s.columns)


#: Group words that ask for one answer in every group ("the highest price *in each* region"),
#: unlike "by", which also ranks the groups ("the highest average price by region").
_DISTRIBUTIVE = {"per", "for each", "for every", "in each", "each", "every", "within each",
                 "per each", "of each", "by each"}


def read_superlatives(p: "Parser") -> None:
    r, s = p.r, p.s
    for i, nd in enumerate(p.n):
        if nd.role is not None or nd.kind != "word":
            continue
        if nd.low in ("which", "who", "whom", "what", "whose") and "list" in nd.tags:
            nxt = p.node(i + 1)
            if nd.low in ("which", "who", "whose") or (nxt is not None and nxt.kind == "col"
                                                       and nxt.role is None):
                r.which = True
        if "sup" not in nd.tags and "implied" not in nd.tags:
            continue
        nxt = p.node(i + 1)
        if nd.low in ("more", "less", "fewer") and not (p.low(i - 1) in ("the",)):
            continue
        if _after_occurrence_verb(p, i):
            r.mode = True
            r.superlative = "hi" if nd.low == "most" else "lo"
            p.use(i, role="superlative")
            continue
        if nxt is not None and nxt.low in ("common", "frequent", "popular", "often",
                                           "usual", "typical", "frequently"):
            r.mode = True
            r.superlative = "hi" if nd.low == "most" else "lo" if nd.low in (
                "least", "fewest") else "hi"
            p.use(i, i + 1, role="superlative")
            continue
        if nd.low in ("most", "least", "fewest") and nxt is not None and nxt.kind == "col" \
                and nxt.role is None and not s.col(p.column_of(nxt)).numeric:
            r.counted.append(p.column_of(nxt))  # "the most medals": count them
            p.use(i + 1, role="counted")
            if {stem(t) for t in name_tokens(p.column_of(nxt))} & PLACE_HEADERS:
                r.problems.append(f'"{nd.text} {nxt.text}" could mean the best or the worst '
                                  f"place, not how many: ask for the highest or the lowest "
                                  f"{p.column_of(nxt)!r}.")  # "the fewest placing": no count
        elif nd.low in ("most", "least", "fewest") and nxt is not None and \
                nxt.kind == "word" and nxt.low.endswith("s") and len(nxt.low) > 3 and \
                not nxt.has("sup", "agg", "func", "tool", "share", "dist"):
            r.counted.append("")  # "the most tables": rows counted
        if "implied" in nd.tags:
            attr, direction = nd.tags["implied"]
            cols = _attribute_columns(p, attr, direction)
            born = _birth_column(p) if attr == "age" and not cols else None
            if born is not None:  # "the oldest" with no age: the earliest born
                cols, direction = [born], "lo" if direction == "hi" else "hi"
            if attr == "speed" and not cols and len(seconds_columns(s)) == 1:
                cols = seconds_columns(s)  # "the fastest" with no speed: the least time
                direction = "lo" if direction == "hi" else "hi"
            if len(cols) == 1:
                r.superlative_column = cols[0]
            elif attr in ("size",):
                pass
            elif not cols and "sup" not in nd.tags:
                r.problems.append(f'"{nd.text}" needs a {attr} column, and this data has '
                                  f"none.")
            r.superlative = direction
        else:
            r.superlative = nd.tags["sup"]
            r.superlative_column = participle_column(p, i) or result_degree(p, i) or \
                r.superlative_column  # "won the most (games)": over Wins
        if r.superlative_word and _plain_superlative(r.superlative_word) and \
                _plain_superlative(nd.low):
            # "the least gold but the most silver": two rankings, and a plan ranks by one
            r.problems.append(f'"{r.superlative_word}" and "{nd.text}" ask for two rankings '
                              f"at once; ask for one of them.")
        r.superlative_word = nd.low
        p.use(i, role="superlative")


def _after_occurrence_verb(p: "Parser", i: int) -> bool:
    """"which venue appears (the) most", "what result was listed the least": "most" right
    after a verb of occurring, with nothing after it that it could rank ("the most goals"),
    counts how often each value occurs, as "the most common" does."""
    nd = p.n[i]
    if nd.low not in ("most", "least") or not p.r.which:
        return False
    j = i - 1
    if p.low(j) == "the":
        j -= 1
    if p.low(j) == "up":
        j -= 1
    verb = p.node(j)
    if verb is None or j < 0 or not (verb.low in OCCURRENCE_VERBS or
                                     f"{verb.low} up" in OCCURRENCE_VERBS):
        return False
    nxt = p.node(i + 1)
    return nxt is None or nxt.kind == "word" and nxt.low in (
        "on", "in", "of", "among", "across", "throughout", "overall")


def _plain_superlative(word: str) -> bool:
    """"most", "least", "highest": a word that only ranks ("record", "top" name things too)."""
    return word in ("most", "least", "fewest", "maximum", "minimum") or \
        word.endswith("est") and len(word) > 4


_BIRTH_WORDS = {"born", "birth", "dob", "birthdate", "birthday"}


def _birth_column(p: "Parser") -> str | None:
    """The one column of birth dates or birth years ("Born", "Date of birth"): the oldest
    person is the one born first."""
    s = p.s
    if any("age" in {t.lower() for t in name_tokens(c)} for c in s.columns):
        return None  # an age of some kind ("Age at debut" as text): not the birth date
    found = [c for c, prof in s.columns.items()
             if {t.lower() for t in name_tokens(c)} & _BIRTH_WORDS and
             (prof.kind in ("date", "datetime") or prof.numeric and prof.min is not None and
              1000 <= float(prof.min) and float(prof.max) <= 2100)]
    return found[0] if len(found) == 1 else None


def _attribute_columns(p: "Parser", attr: str, direction: str) -> list[str]:
    """Numeric columns named for ``attr``; of several ("temp_max", "temp_min"), the one
    whose name says the same direction."""
    s = p.s
    words = attribute_words(attr)
    cols = [c for c in s.columns if s.col(c).numeric and
            {stem(t) for t in name_tokens(c)} & words]
    if len(cols) > 1:
        side = {"hi": {"max", "high", "maximum", "top"}, "lo": {"min", "low", "minimum"}}
        pick = [c for c in cols if {t for t in name_tokens(c)} & side[direction]]
        if len(pick) == 1:
            return pick
    return cols


__all__ = ["IMPLIED", "read_groups", "read_measures", "read_superlatives"]
