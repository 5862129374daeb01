"""Comparatives and ranges: "more than 4 people", "bills over $30", "between 3 and 5",
"4 or more", "from 1952 to 2007", "older than 40", "not more than 10".

The number is read first, then the column it compares: the column right after the number
("10 mm of precipitation", "4 cylinders"), else the column right before the comparative
("mpg above 40", "the bill is at least 40"), else the column a comparative word implies
("older" -> an age column), else a count column for a noun of things counted ("4 people"
when the table has one integer column of counts such as a party size), else the time column
for a year. A number that compares nothing the reader can name makes the reading incomplete.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .bound_tail import with_tail
from .constituents import FilterC
from .count_numbers import count_number_op, said_total
from .lexicon import (COUNT_COLUMNS, IMPLIED, PEOPLE_NOUNS, SCALE_WORDS, attribute_words,
                      name_tokens, stem)
from .result_verbs import result_noun, said_results
from .timewords import is_year, named_time_column, time_column, unread_years, year_filter
from .year_columns import years_column

if TYPE_CHECKING:
    from .constituents import Node
    from .grammar import Parser

#: words after "from <year>" that make it a start ("from 2003 on"), not the year itself
_ONWARD = {"on", "onward", "onwards", "forward", "forwards", "until", "till", "through", "to",
           "and", "up"}
_INVERT = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "=": "!=", "!=": "="}
_UNIT_GAP = {"of", "the", "in", "for", "per"}


def _number(nd: "Node | None") -> bool:
    return nd is not None and nd.role is None and (nd.kind in ("num", "date") or
                                                   "number" in nd.tags)


def read_comparatives(p: "Parser") -> None:
    for i, nd in enumerate(p.n):
        if nd.role is not None or nd.kind not in ("word", "sym"):
            continue
        if "range" in nd.tags and _range(p, i):
            continue
        if "cmp" not in nd.tags:
            continue
        op = nd.tags["cmp"]
        if op.endswith("+"):  # "4 or more": the number comes first
            j = i - 1
            if _number(p.node(j)):
                _attach(p, op[:-1], j, [i, j], after_number=i + 1)
            continue
        j = p.next_content(i + 1, {"the", "a", "an", "of"})
        if not _number(p.node(j)):
            continue
        used, after = with_tail(p, op, i, j)  # "at least 5 or more": one bound
        neg = p.node(i - 1)
        if neg is not None and neg.role is None and neg.has("neg") and neg.low in (
                "not", "n't", "no"):
            op = _INVERT.get(op, op)
            used.append(i - 1)
        _attach(p, op, j, used, after_number=after, word=nd)
    # "3-5 people", "2 to 5 units", "1990-2000": a pair of numbers is a range
    for i, nd in enumerate(p.n):
        if nd.role is not None or nd.kind != "num":
            continue
        if nd.item.tok.hyphen_after and _number(p.node(i + 1)):
            _range_at(p, i, i + 1, [i, i + 1])
        elif p.low(i + 1) in ("to", "through") and _number(p.node(i + 2)) and \
                p.n[i + 1].role is None:
            _range_at(p, i, i + 2, [i, i + 1, i + 2])
    said_results(p)  # "won 7 games" over Wins, before "7 *games*" can name a column Games
    # "4 cylinders", "6 cylinder engines": a number right before a numeric column
    for i, nd in enumerate(p.n):
        col = p.node(i + 1)
        op = count_number_op(p, i)  # "4 cylinders", "two golds", "... and 1 silver"
        if op is not None and col is not None and col.kind == "col" and col.role is None:
            c = p.column_of(col, prefer="numeric")
            prof = p.s.col(c)
            if prof.numeric and prof.min is not None and \
                    float(prof.min) <= nd.value <= float(prof.max):
                p.r.filters.append(FilterC(c, op, int(nd.value), at=i, how="compare"))
                p.use(i, i + 1, *said_total(p, i), role="filter")
    _named_numbers(p)
    # "parties of 4": a number of counted things
    for i, nd in enumerate(p.n):
        if nd.role is None and nd.kind == "num" and p.low(i - 1) == "of" and i >= 2 and \
                p.n[i - 2].kind == "word" and p.n[i - 2].role is None and \
                not p.n[i - 2].tags and float(nd.value).is_integer():
            used = [i]
            col = _column_for(p, i, used, after=i + 1, values=(float(nd.value),))
            if col is not None:
                p.r.filters.append(FilterC(col, "=", int(nd.value), at=i, how="compare"))
                p.use(*used, role="filter")
    # "do women tip more than men", "is X higher than Y": two values of one column compared
    for i, nd in enumerate(p.n):
        if nd.role is not None or "cmp" not in nd.tags or nd.tags["cmp"] not in (">", "<"):
            continue
        j = p.next_content(i + 1, {"the", "a", "an", "for", "in", "on"})
        after = p.node(j)
        if after is None or after.kind != "val" or after.role is not None:
            continue
        col = p._value_column(after)
        before = [k for k in range(i) if p.n[k].kind == "val" and p.n[k].role is None and
                  col in p.n[k].columns]
        if not before:
            continue
        k = before[-1]
        a = next(m.value for m in p.n[k].item.matches if m.column == col)
        b = next(m.value for m in after.item.matches if m.column == col)
        p.r.filters.append(FilterC(col, "in", [a, b], at=k, how="compare"))
        p.r.groups.append(col)
        p.r.notes.append(f"compares {a} with {b}")
        p.use(i, j, k, role="filter")
#: Words between a column's name and its number: "pick #5", "tie no. 4", "rank number 41".
_NUMBER_WORDS = {"no", "number", "num", "nr"}


def _named_numbers(p: "Parser") -> None:
    """"week 4", "game #8", "pick number 5", "page 42": a column of whole numbers named, then
    one of its numbers, is the rows with that number (the way people name rows by an
    ordinal column). Not a year ("year 2000" is read as time), not an amount, not a
    number outside the column's range."""
    for i, nd in enumerate(p.n):
        if nd.role is not None or nd.kind != "num" or nd.item.tok is None or \
                nd.item.tok.pct or nd.item.tok.money or nd.item.tok.ordinal or \
                not float(nd.value).is_integer():
            continue
        used, j = [i], i - 1
        if p.low(j) in _NUMBER_WORDS and p.n[j].role is None:
            used.append(j)
            j -= 1
        col = p.node(j)
        if col is None or col.kind != "col" or col.role is not None:
            continue
        nxt = p.node(i + 1)
        if nxt is not None and nxt.role is None and (nxt.kind == "col" or "unit" in nxt.tags):
            continue  # "rank 5 points": the number belongs to what follows
        c = p.column_of(col, prefer="numeric")
        prof = p.s.col(c)
        if not prof.numeric or prof.role == "time" or prof.min is None or \
                not float(prof.min).is_integer() or not float(prof.max).is_integer() or \
                not float(prof.min) <= nd.value <= float(prof.max):
            continue
        p.r.filters.append(FilterC(c, "=", int(nd.value), at=i, how="named"))
        p.use(j, *used, role="filter")


def _range(p: "Parser", i: int) -> bool:
    """"between 3 and 5", "from 1952 to 2007"."""
    a = p.next_content(i + 1, {"the", "a", "of", "years", "year"})
    if not _number(p.node(a)):
        return False
    link = p.node(a + 1)
    if link is None or link.low not in ("and", "to", "through", "until", "till", "-"):
        if p.node(a) is not None and p.node(a).item.tok is not None and \
                p.node(a).item.tok.hyphen_after and _number(p.node(a + 1)):
            return _range_at(p, a, a + 1, [i, a, a + 1])
        return False
    b = p.next_content(a + 2, {"the", "a", "year"})
    if not _number(p.node(b)):
        return False
    return _range_at(p, a, b, [i, a, a + 1, b])


def _range_at(p: "Parser", a: int, b: int, used: list[int]) -> bool:
    lo, hi = p.n[a], p.n[b]
    if lo.kind == "date" or hi.kind == "date":
        col = time_column(p.s)
        if col is None:
            return False
        p.r.filters.append(FilterC(col, "date>=", lo.text, at=a, how="range"))
        p.r.filters.append(FilterC(col, "date<", hi.text, at=b, how="range"))
        p.use(*used, role="filter")
        return True
    lv, hv = sorted((float(lo.value), float(hi.value)))
    trial = list(used)
    col = _column_for(p, a, trial, after=b + 1, values=(lv, hv))
    if col is not None and (lo.item.tok is not None and lo.item.tok.scale != 1.0 or
                            hi.item.tok is not None and hi.item.tok.scale != 1.0):
        # "between 0.5 and 2 million": both ends in millions; against "Sales ($m)" the
        # column's own unit, 0.5 to 2
        s_lo, s_hi = lo.item.tok.scale if lo.item.tok else 1.0, \
            hi.item.tok.scale if hi.item.tok else 1.0
        shared = max(s_lo, s_hi)
        top = max(float(lo.value), float(hi.value))
        # the plain end shares the scale when small ("0.5 and 2 million"), not when it is
        # written in full ("500,000 and 2 million")
        scaled = [_in_column_scale(p, n, col, float(n.value) * shared / sc, shared)
                  if sc != 1.0 or (abs(float(n.value)) < 1000 and
                                   abs(float(n.value)) * shared <= top)
                  else _in_column_scale(p, n, col, float(n.value), 1.0)
                  for n, sc in ((lo, s_lo), (hi, s_hi))]
        if None in scaled:
            p.use(*used, role="filter")
            return True
        lv, hv = sorted(scaled)
    if col is not None and _implausible(p, col, lv, hv, said=True):
        col = None  # "yield between 1931 and 1932": years, not yields
    else:
        used[:] = trial
    if col is None and is_year(lv) and is_year(hv):
        # "built between 1950 and 1960": the column the verb before the range names
        named = named_time_column(p, a, lv, prep=used[0]) if "range" in p.n[used[0]].tags \
            else None
        tc = named[0] if named else time_column(p.s, lv) or years_column(p.s, lv, hv)
        if tc is not None and unread_years(p, tc, f"from {lo.text} to {hi.text}",
                                           lambda y: lv <= y <= hv):
            p.use(*used, *(named[1:] if named else ()), role="filter")
            return True
        if tc is not None:
            f = year_filter(p.s, tc, "between", lv, hv)
            f.how, f.at = "range", a
            p.r.filters.append(f)
            p.use(*used, *(named[1:] if named else ()), role="filter")
            return True
    if col is None:
        p.r.problems.append(f"I could not tell which column the range {lo.text} to "
                            f"{hi.text} applies to.")
        p.use(*used, role="filter")
        return True
    if is_year(lv) and is_year(hv) and p.s.col(col).role == "time" and \
            unread_years(p, col, f"from {lo.text} to {hi.text}", lambda y: lv <= y <= hv):
        p.use(*used, role="filter")
        return True
    neg = p.node(min(used) - 1)
    negated = neg is not None and neg.role is None and neg.has("neg")
    if negated:
        p.r.problems.append("Excluding a range of values is not supported yet; ask for the "
                            "values below and above it separately.")
        p.use(min(used) - 1, role="neg")
    p.r.filters.append(FilterC(col, "between", [_num(lv), _num(hv)], at=a, how="range",
                               negated=negated))
    p.use(*used, role="filter")
    return True


def _implausible(p: "Parser", col: str, *values: float, said: bool = False) -> bool:
    """Years against a measure never near them are about time (``said``: even untimed)."""
    prof = p.s.col(col)
    if prof.role == "time" or not all(is_year(v) for v in values) or \
            not said and (time_column(p.s, values[0]) or years_column(p.s, *values)) is None:
        return False
    try:
        lo, hi = float(prof.min), float(prof.max)
    except (TypeError, ValueError):
        return False
    return all(not (lo <= v <= hi) for v in values)


def _side(op: str, bound: float):
    """Whether a year falls on the side ``op`` of ``bound``."""
    return {">": lambda y: y > bound, ">=": lambda y: y >= bound, "<": lambda y: y < bound,
            "<=": lambda y: y <= bound}.get(op, lambda y: y == bound)


def _num(v: float):
    return int(v) if float(v).is_integer() else float(v)


def _attach(p: "Parser", op: str, j: int, used: list[int], after_number: int,
            word: "Node | None" = None) -> None:
    num = p.n[j]
    if num.kind == "date":
        col = time_column(p.s)
        if col is None:
            return
        p.r.filters.append(FilterC(col, "date>=" if op in (">", ">=") else "date<", num.text,
                                   at=j, how="compare"))
        p.use(*used, role="filter")
        return
    value = float(num.value)
    temporal = word is not None and word.low in ("before", "after", "since", "until", "till",
                                                   "from", "prior to", "earlier than",
                                                   "later than", "starting", "through")
    if temporal and word.low == "from" and is_year(value) and p.low(j + 1) not in _ONWARD:
        op = "="  # "the films from 2003" are 2003's; "from 2003 on" is since 2003
    elif temporal and p.low(j + 1) in ("onward", "onwards", "forward", "forwards"):
        used.append(j + 1)
    if temporal and is_year(value) and op in (">", ">=", "<", "<=", "="):
        # "drafted before 1990": the column the verb names, else the table's time column
        named = named_time_column(p, j, value, prep=used[0])
        tc = named[0] if named else time_column(p.s, value)
        if tc is not None and op != "=" and unread_years(p, tc, f"{word.low} {num.text}",
                                                         _side(op, value)):
            p.use(*used, *(named[1:] if named else ()), role="filter")
            return
        if tc is not None:
            f = year_filter(p.s, tc, op, value)
            f.at, f.how = j, "compare"
            p.r.filters.append(f)
            p.use(*used, *(named[1:] if named else ()), role="filter")
            return
    implied = None
    if word is not None:
        for w in word.low.split():
            if w in IMPLIED:
                implied = IMPLIED[w][0]
    trial = list(used)
    col = _column_for(p, j, trial, after=after_number, values=(value,), implied=implied,
                      before=min(used) - 1)
    if col is not None and _implausible(p, col, value, said=temporal):
        col = None
    else:
        used[:] = trial
    if col is None and is_year(value) and op in (">", ">=", "<", "<="):
        tc = time_column(p.s, value) or years_column(p.s, value)
        if tc is not None and unread_years(p, tc, f"{word.low if word else op} {num.text}",
                                           _side(op, value)):
            p.use(*used, role="filter")
            return
        if tc is not None:
            f = year_filter(p.s, tc, op, value)
            f.at, f.how = j, "compare"
            p.r.filters.append(f)
            p.use(*used, role="filter")
            return
    if col is None:
        p.r.problems.append(f'I could not tell which column "{num.text}" is compared with.')
        return
    if num.item.tok is not None and num.item.tok.pct and p.s.col(col).numeric and \
            p.s.col(col).max is not None and float(p.s.col(col).max) <= 1.0:
        value /= 100.0  # "over 50%" of a column of fractions
    value = _in_column_scale(p, num, col, value)
    if value is None:
        return
    unit = _unit_clash(p, after_number, col)
    if unit is not None:  # the same quantity in the question's unit, when a column has it
        base = {t for t in name_tokens(col) if t not in _UNIT}
        same = [c for c in p.s.columns if c != col and p.s.col(c).numeric and
                {t for t in name_tokens(c) if t not in _UNIT} == base and
                _UNIT[p.n[after_number].low] in {_UNIT.get(t) for t in name_tokens(c)}]
        if len(same) == 1:
            col, unit = same[0], None
    if unit is not None:
        p.r.problems.append(f'"{num.text} {unit[0]}" is in {unit[0]}, but {col!r} is in '
                            f"{unit[1]}; I will not compare across units.")
        return
    if num.item.tok is not None and num.item.tok.pct and p.s.col(col).max is not None \
            and p.s.col(col).numeric and float(p.s.col(col).max) > 100.0:
        # "over 10% of the vote" against a column of counts: a share of a total, which
        # comparing the counts with 10 would not compute
        p.r.problems.append(f'"{num.text}" is a percentage, but {col!r} is not one '
                            f"(its values go above 100).")
        return
    p.r.filters.append(FilterC(col, op, _num(value), at=j, how="compare"))
    p.use(*used, role="filter")


_SCALE_NAMES = {"thousand", "thousands", "million", "millions", "mn", "billion", "billions",
                "bn", "000", "000s"}


def column_scale(name: str) -> float | None:
    """The factor a column's header says its numbers are in: "Sales ($m)" 1e6, "Population
    (millions)" 1e6, "Attendance ('000)" 1e3. A bare "m" is a metre unless a currency sign
    is beside it."""
    money = re.search(r"[$€£]\s?(k|m|mn|bn|b)\b", name.lower())
    if money:
        return float(SCALE_WORDS[money.group(1)])
    for t in name_tokens(name):
        if t in _SCALE_NAMES:
            return 1000.0 if t.startswith("000") else float(SCALE_WORDS[t])
    return None


def _in_column_scale(p: "Parser", num: "Node", col: str, value: float,
                     scale: float | None = None) -> float | None:
    """"over 20 million" against "Sales ($m)" is over 20. A scaled number against a column
    whose header names no scale and whose values never come near it is asked back (the
    column may be in millions without saying so); None then. ``scale``: the factor
    ``value`` carries, when not the number's own."""
    tok = num.item.tok
    if scale is None:
        scale = tok.scale if tok is not None else 1.0
    if scale == 1.0:
        return value
    factor = column_scale(col)
    if factor is None and re.search(r"[a-z]", num.text.lower().rstrip("s")[-8:]) and \
            len(num.text.split()) > 1:
        # "10 million" spelled out against "Viewers (m)": the bare letter is that scale
        # ("193m" against "Elevation m" stays a question: metres)
        letter = {1e3: "k", 1e6: "m", 1e9: "b"}.get(scale)
        if letter is not None and letter in {t[:1] for t in name_tokens(col) if len(t) <= 2}:
            factor = scale
    if factor is not None:
        return value / factor
    prof = p.s.col(col)
    if prof.numeric and prof.max is not None and abs(float(prof.max)) * 1000 < abs(value):
        p.r.problems.append(f'"{num.text}" is far above every value of {col!r} (the largest '
                            f"is {prof.max:g}); say the number in that column's unit.")
        return None
    return value


#: spellings of one unit, by kind of quantity: a number in one unit is not compared with a
#: column measured in another unit of the same kind
_UNIT_FORMS = [
    {"m": "m", "meter": "m", "meters": "m", "metre": "m", "metres": "m"},
    {"km": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km", "kilometres": "km"},
    {"ft": "ft", "feet": "ft", "foot": "ft"}, {"mi": "mi", "mile": "mi", "miles": "mi"},
    {"in": "in", "inch": "in", "inches": "in"}, {"cm": "cm"}, {"mm": "mm"},
    {"kg": "kg", "kilogram": "kg", "kilograms": "kg"}, {"g": "g", "gram": "g", "grams": "g"},
    {"lb": "lb", "lbs": "lb", "pound": "lb", "pounds": "lb"}]
_LENGTHS = {"m", "km", "ft", "mi", "in", "cm", "mm"}
_UNIT = {k: v for forms in _UNIT_FORMS for k, v in forms.items()}


def _unit_clash(p: "Parser", after: int, col: str) -> tuple[str, str] | None:
    """(the question's unit, the column's unit) when the word after the number is a unit
    and the column's name gives another unit of the same kind ("8,000 meters" against
    "Height (ft)"); else None."""
    nd = p.node(after)
    if nd is None or nd.kind != "word" or nd.low not in _UNIT or nd.low == "in":
        return None
    said = _UNIT[nd.low]
    names = [_UNIT[t] for t in name_tokens(col) if t in _UNIT and t != "in"]
    if not names or said in names:
        return None
    kind = said in _LENGTHS
    other = next((u for u in names if (u in _LENGTHS) == kind), None)
    return (nd.low, other) if other is not None else None


def _column_for(p: "Parser", j: int, used: list[int], after: int, values: tuple,
                implied: str | None = None, before: int | None = None) -> str | None:
    """The column a number is compared on (see the module docstring)."""
    s = p.s
    # right after the number: a unit then "of", or the column itself
    k = after
    while p.node(k) is not None and p.n[k].role is None and p.n[k].kind == "word" and (
            "unit" in p.n[k].tags or p.n[k].low in _UNIT_GAP):
        k += 1
    nd = p.node(k)
    if nd is not None and nd.kind == "col" and nd.role is None and k - after <= 3 and \
            s.col(p.column_of(nd, prefer="numeric")).numeric and \
            not result_noun(p, p.prev_content(min(used) - 1), k, used):  # "won 11 *matches*"
        used.extend(range(after, k + 1))
        return p.column_of(nd, prefer="numeric")
    noun = p.node(after)
    # right before the comparative
    b = p.prev_content(before if before is not None else min(used) - 1)
    nd = p.node(b)
    if nd is not None and nd.low in PEOPLE_NOUNS and s.age_column() is not None:
        nd = None  # "voters under 30": their age (below)
    if nd is not None and nd.kind == "col" and nd.role in (None, "measure") and \
            s.col(p.column_of(nd, prefer="numeric")).numeric:
        if nd.role is None:
            used.append(b)
        if noun is not None and noun.kind == "word" and "unit" in noun.tags:
            used.append(after)
        return p.column_of(nd, prefer="numeric")
    prior = p.node(b) if b >= 0 else None
    age = s.age_column()
    if age is not None and prior is not None and prior.role in (None, "filter") and (
            "people" in prior.tags or prior.low in PEOPLE_NOUNS or
            prior.low in ("aged", "age") or
            (prior.kind == "val" and prior.item.matches[0].how == "lexicon")):
        if prior.role is None and prior.kind in ("word", "col"):
            used.append(b)
            p.r.entity.append(prior.text)
        return age  # "women under 25", "voters over 60": their age
    if implied is not None:
        words = attribute_words(implied)
        hits = [c for c in s.columns if s.col(c).numeric and
                {stem(t) for t in name_tokens(c)} & words]
        if len(hits) == 1:
            return hits[0]
    if noun is not None and noun.kind == "word" and noun.role is None and \
            "unit" in noun.tags and noun.low not in ("k", "m", "c", "f"):
        used.append(after)
    # a noun of counted things: "4 people", "parties of 4"
    counted = noun is not None and noun.kind == "word" and noun.role is None and \
        "func" not in noun.tags and not any(is_year(v) for v in values)
    prior = p.node(min(used) - 1) if min(used) > 0 else None
    of_before = prior is not None and prior.low == "of" and p.node(min(used) - 2) is not None \
        and p.n[min(used) - 2].kind == "word"
    if counted or of_before:
        cols = [c for c in s.columns if s.col(c).kind == "integer" and
                s.col(c).role in ("measure", "dimension") and
                {stem(t) for t in name_tokens(c)} & COUNT_COLUMNS and
                s.col(c).min is not None and
                float(s.col(c).min) <= min(values) and max(values) <= float(s.col(c).max) * 2]
        if len(cols) == 1:
            if counted:
                used.append(after)
                p.r.entity.append(noun.text)
            else:
                m = min(used)
                used.extend([m - 1, m - 2])
                p.r.entity.append(p.n[m - 2].text)
            return cols[0]
    from .threshold_nouns import unnamed_column  # "enrolment numbers over", "... but under"
    return unnamed_column(p, b, after, used, values)


__all__ = ["read_comparatives"]
