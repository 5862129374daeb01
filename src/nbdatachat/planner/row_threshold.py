"""Rows compared with the value of one named row (issue 12): "which nations won more gold
than <X>", "how many players are taller than <Y>", "which towns have a larger population
than <Z>", "in what years were there more wins than in 2004".

Constructions read here, each with one numeric column (the measure), a degree word (more,
fewer, larger, taller ...; "better"/"higher" on a rank the way ``degrees.py`` says) and one
value naming the other row (the anchor) after "than":

* "<degree> <measure> than <X>" ("more gold than X", "a larger total than X");
* "<measure> <degree> than <X>" ("a population greater than X");
* "<attribute comparative> than <X>" ("taller than X" -> the one height column);
* the anchor is a value of one column, or a year of the table's one year column ("than in
  2004", "than they did in 2004");
* "more ... than X, but less than Y": one comparison per "than".

Each becomes a filter ``measure > {"row": {"column": c, "value": X}}`` that the query
checks names exactly one row with a value (``query/row_values.py``); the rest of the
question (which column is asked, a count) is read as for any filter. A question that asks
whether, or how many more, is not read here (``contrast.py`` reads two named items).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import FilterC
from .degrees import (JUDGEMENT, PERFORMANCE_VERBS, SIZE_WORDS, direction_on,
                      performance_verb, rank_column, rank_columns, rank_note)
from .event_words import HEADCOUNT_NOUNS
from .lexicon import IMPLIED, attribute_words, name_tokens, stem
from .schema import holds_years

if TYPE_CHECKING:
    from .grammar import Parser

#: words between "than" and the anchor ("than *that of* X", "than *they did in* 2004")
_ANCHOR_GAP = {"the", "that of", "those of", "that", "of", "in", "for", "did", "does", "do",
               "was", "were", "is", "are", "had", "has", "they", "it", "he", "she", "we",
               "year", "the year"}
#: words allowed between the degree word and "than" besides the measure ("more gold *medals*")
_FILLER = {"the", "a", "an", "of", "in", "total", "number of", "amount of"}
#: words between the measure and a degree phrase ("a population *that is* larger than")
_LINK = {"a", "an", "the", "is", "was", "are", "were", "that", "which", "with", "of",
         "been", "be"}
#: openers of questions this construction does not answer (a yes/no, "how many more")
_AUX = {"is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can",
        "could", "will", "would"}
_OP = {"hi": ">", "lo": "<"}
#: stems of names of columns of the year each row began ("older than X": an earlier year)
_ORIGIN = {"created", "founded", "found", "established", "establish", "built", "build",
           "opened", "open", "formed", "form", "born", "birth", "introduced", "launched",
           "launch", "completed", "erected", "inaugurated", "constructed", "incorporated",
           "est"}
#: stems of column names that count people ("more people / fans than X")
_HEADCOUNT_COLUMNS = {"capacity", "attendance", "crowd", "population", "spectator",
                      "audience", "visitor", "resident", "inhabitant", "member", "seat"}
_RANKS = {"rank", "ranking", "position", "pos", "place", "placing", "seed", "standing", "no",
          "number"}


def read_row_threshold(p: "Parser") -> None:
    """Find the comparisons with a named row (see the module docstring)."""
    if p.r.contrast is not None or p.r.same is not None or p.r.rowdiff is not None:
        return
    first = p.next_content(0, {"so", "ok", "and", "then", "but"})
    if p.low(first) in _AUX:
        return
    for t, nd in enumerate(p.n):
        if nd.kind != "word" or nd.role is not None and not (
                nd.role == "filter" and any(f.at == t + 1 and f.op == "=" and f.how == "value"
                                            for f in p.r.filters)):
            continue  # "but less than <X>" read with X as one value filter: read again
        if nd.low == "than" or ("cmp" in nd.tags and nd.low.endswith(" than") and
                                nd.tags["cmp"] in (">", "<")):
            _read(p, t, quiet=nd.role is not None)


def _anchor(p: "Parser", t: int):
    """The anchor after "than" at ``t``: (index, column, value, gap indexes) or None."""
    k, gap = t + 1, []
    while p.node(k) is not None and p.n[k].kind == "word" and p.n[k].low in _ANCHOR_GAP and \
            p.n[k].role in (None, "filter"):  # "than in 2004": "in" read with the year
        gap.append(k)
        k += 1
    nd = p.node(k)
    if nd is None:
        return None
    said_year = p.n[t].low == "than" or any(p.n[g].low in ("in", "year", "the year")
                                            for g in gap)
    if nd.kind == "num" and isinstance(nd.value, (int, float)) and said_year and \
            float(nd.value).is_integer() and 1000 <= nd.value <= 2100 and \
            "," not in nd.text and nd.role in (None, "filter"):
        # "more wins than (in) 2012"; not "more than 5000 fans", an amount
        years = [c for c in p.s.columns if p.s.col(c).year_like and p.s.col(c).numeric]
        if len(years) != 1:
            return None
        return k, years[0], int(nd.value), gap
    if nd.kind != "val" or nd.role not in (None, "filter") or not nd.items:
        return None
    read = [f for f in p.r.filters if f.at == k]
    if len(read) == 1 and read[0].op == "=" and not read[0].negated and \
            not isinstance(read[0].value, (list, dict)):
        return k, read[0].column, read[0].value, gap  # the column the value was read in
    cols = list(dict.fromkeys(m.column for m in nd.item.matches))
    if len(cols) > 1:  # "how many counties ... than <X>": X of the column the rows are
        cols = [c for c in cols if c in p.r.mentioned()]
    if len(cols) != 1:
        return None
    vals = list(dict.fromkeys(m.value for m in nd.item.matches if m.column == cols[0]))
    if len(vals) != 1:
        return None
    return k, cols[0], vals[0], gap


def _degree_word(nd) -> tuple[str, str | None] | None:
    """(direction, implied attribute) of a degree word, or None."""
    if nd.role is not None or nd.kind != "word":
        return None
    if "degree" in nd.tags:
        return nd.tags["degree"], None
    if "implied" in nd.tags:
        attr, direction = nd.tags["implied"]
        return direction, attr
    if nd.low in JUDGEMENT:
        return JUDGEMENT[nd.low], None
    return None


def _read(p: "Parser", t: int, quiet: bool = False) -> None:
    anchor = _anchor(p, t)
    if anchor is None:
        return
    k, acol, aval, gap = anchor
    than = p.n[t]
    used = [t, *gap]
    measure_at: list[int] = []
    measure_word = None
    if than.low == "than":
        # "more gold (medals) than X": the degree word, then the measure
        d = t - 1
        while d >= max(0, t - 4) and p.n[d].role is None and (
                p.n[d].kind == "col" or p.n[d].kind == "word" and not p.n[d].tags and
                p.n[d].low.isalpha() or p.n[d].low in _FILLER or
                p.n[d].low in HEADCOUNT_NOUNS) and _degree_word(p.n[d]) is None:
            d -= 1
        if d < 0 or _degree_word(p.n[d]) is None:
            return
        direction, implied = _degree_word(p.n[d])
        word, at = p.n[d].low, d
        measure_at = [i for i in range(d + 1, t) if p.n[i].kind == "col"]
        used += list(range(d, t))
    else:
        # "taller than X", "a population greater than X"
        word, at = than.low.split()[0], t
        direction = "hi" if than.tags["cmp"] == ">" else "lo"
        implied = IMPLIED[word][0] if word in IMPLIED else None
        if word in ("better", "worse"):
            direction = JUDGEMENT[word]
        j = t - 1
        while j >= 0 and p.n[j].kind == "word" and p.n[j].low in _LINK and p.n[j].role is None:
            j -= 1
        if j >= 0 and p.n[j].kind == "col" and p.n[j].role is None and \
                p.s.col(p.column_of(p.n[j], prefer="numeric")).numeric:
            measure_at = [j]  # not "how many *climbers* are taller than": the rows' noun
            used += list(range(j, t))
        elif j >= 0 and _word_column(p, j) is not None:
            measure_word = _word_column(p, j)  # "an *area* larger than X": read otherwise
            measure_at = [j]
            used += list(range(j + 1, t))
    heads = [i for i in used if p.n[i].low in HEADCOUNT_NOUNS]
    if heads and not measure_at and implied is None:
        implied = "headcount"  # "hold more people than X": the one column counting people
    measure = measure_word or _measure(p, measure_at, implied, acol)
    if measure is None and not measure_at and implied is None:
        measure = _unnamed(p, at, t, word, direction, acol, used)
        if measure is None and word in SIZE_WORDS and not heads:
            # "which stadium is larger than X": the one column of sizes (heights)
            measure = _measure(p, [], SIZE_WORDS[word], acol)
    if measure is None and implied == "age" and not measure_at:
        measure = _origin_year(p, acol)
        if measure is not None:  # older = made (born, founded) in an earlier year
            direction = "lo" if direction == "hi" else "hi"
            p.r.notes.append(f'read "{word}" as an {"earlier" if direction == "lo" else "later"}'
                             f" {measure}")
    if measure is None and quiet:
        return  # read another way before: left as it was
    if measure is None:
        p.r.problems.append(f'I could not tell which number "{word} than" compares with '
                            f'the row of {aval}: name the column to compare on.')
        return
    way = direction_on(p.s, measure, word, direction)
    if way is None:
        p.r.problems.append(f'I could not tell which way "{word}" goes on {measure}.')
        return
    if rank_column(p.s, measure):
        p.r.notes.append(rank_note(measure, word, way))
    p.r.filters = [f for f in p.r.filters if f.at != k]
    p.r.filters.append(FilterC(measure, _OP[way], {"row": {"column": acol, "value": aval}},
                               at=k, how="compare"))
    verb = p.node(at - 1)
    if verb is not None and verb.kind == "col" and verb.role is None and measure in verb.columns:
        measure_at.append(at - 1)  # "can hold more people than X": the verb names it too
    for i in measure_at:
        if p.n[i].role == "chart":  # the word was the column, not a chart kind
            p.r.chart.kind = None
        p.n[i].role = "measure"
    for i in used:
        if p.n[i].role in (None, "filter"):
            p.n[i].role = "compare"
    p.n[k].role = "anchor"


def _unnamed(p: "Parser", at: int, t: int, word: str, direction: str, acol: str,
             used: list[int]) -> str | None:
    """No measure named: "ranked higher than X" (a verb of placing: the one rank column),
    "more than X, but fewer than Y" (the measure of the comparison before)."""
    verb = performance_verb(p, at, set(used))
    if verb is None and p.node(at - 1) is not None and p.n[at - 1].low in PERFORMANCE_VERBS \
            and p.n[at - 1].role == "order":  # "ranked" read as a word of order
        verb = at - 1
    if verb is not None:
        ranks = rank_columns(p.s, acol)
        if len(ranks) == 1 and (direction in ("good", "bad") or word in ("higher", "lower")):
            used.append(verb)
            return ranks[0]
        return None
    if word in ("more", "less", "fewer") and p.node(at - 1) is not None and (
            "verb" in p.n[at - 1].tags or p.n[at - 1].low.endswith("ed")) and \
            p.n[at - 1].role is None:
        # "who scored more than X": the table's one number that is not a rank, year or id
        nums = [c for c in p.s.columns if c != acol and p.s.col(c).numeric and
                p.s.col(c).role == "measure" and not p.s.col(c).year_like and
                not rank_column(p.s, c) and not {stem(x) for x in name_tokens(c)} & _RANKS]
        if len(nums) == 1:
            used.append(at - 1)
            return nums[0]
        return None
    before = [f for f in p.r.filters if isinstance(f.value, dict) and "row" in f.value and
              f.at < t]
    if len(before) == 1 and p.prev_content(t - 1, {"but", "and", ",", "yet", "or"}) == \
            before[0].at:
        return before[0].column
    return None


def _word_column(p: "Parser", j: int) -> str | None:
    """A plain word read as no column ("area", taken for a chart word) that is the name of
    exactly one numeric column ("Area (km2)")."""
    nd = p.node(j)
    if nd is None or nd.kind != "word" or not nd.low.isalpha() or nd.role not in (None, "chart") \
            or nd.role == "chart" and (p.r.chart.kind != nd.tags.get("chart") or sum(
                x.role == "chart" for x in p.n) != 1):
        return None
    w = stem(nd.low)
    hits = [c for c in p.s.columns if p.s.col(c).numeric and
            w in {stem(x) for x in name_tokens(c)}]
    return hits[0] if len(hits) == 1 else None


def _origin_year(p: "Parser", acol: str) -> str | None:
    """"older / younger than X" where no column is an age: the one column of years whose
    name says when each row began (Founded, Created, Born, Built, Opened ...)."""
    hits = [c for c in p.s.columns if c != acol and p.s.col(c).numeric and
            (p.s.col(c).year_like or holds_years(p.s.col(c))) and
            {stem(t) for t in name_tokens(c)} & _ORIGIN]
    return hits[0] if len(hits) == 1 else None


def _measure(p: "Parser", at: list[int], implied: str | None, acol: str) -> str | None:
    """The one numeric column named, else the one the attribute comparative implies."""
    s = p.s
    cols = list(dict.fromkeys(p.column_of(p.n[i], prefer="numeric") for i in at))
    if len(cols) > 1:
        return None
    if cols:
        c = cols[0]
        return c if c != acol and s.col(c).numeric and not s.col(c).year_like else None
    if implied is None:
        return None
    for attr in (implied, "height") if implied == "length" else (implied,):
        # "shorter" is the opposite of "taller" too: a height when no column is a length
        words = _HEADCOUNT_COLUMNS if attr == "headcount" else attribute_words(attr)
        hits = [c for c in s.columns if c != acol and s.col(c).numeric and
                not s.col(c).year_like and {stem(t) for t in name_tokens(c)} & words]
        if hits:
            return hits[0] if len(hits) == 1 else None
    return None


__all__ = ["read_row_threshold"]
