"""How long one row's race or event was, as a distance the table writes (issue 12): "how
long was the race at <row> (distance)?", "how long was <row>'s event in km?", "how long
was the distance run at <row>?".

Unlike :mod:`lengths` (the row's elapsed time, or a number named for a length), the answer
is a text cell giving a distance: a number and a unit of length ("5,000 m", "20 km",
"200 metres", "200 mi (320 km)"). The column is the one text column at least half of whose
cells with a digit are such distances (two at least). It is read only when the question
says a distance (the word "distance", or a unit of length after "in"), or when the table
has no column of elapsed times at all (then "how long was the race" can only be its
distance); else the time reading of :mod:`lengths` keeps "how long was the race".

Every word must be read: "how long", one copula, a noun of a race or an event ("race",
"event", "sprint", "course" ...), the row's values (or a time filter), a column named beside
its value ("the <value> competition"), the unit said, and function words; any other word
leaves the question to the other readings. A unit said must be the unit of every distance of
the column. Cells that are no distance ("4x100m relay", "DNF") are left out of the answer
(a ``not in`` filter), so a row holding one is not answered; a column whose values the
profile does not list in full must hold distances only. A column whose cells all carried
one unit of length is read as numbers (``ColumnProfile.unit``): its number is answered,
named with the unit ("Notes in km").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .constituents import Incomplete, Reading, constructs_beside, filters_of
from .lengths import AUX, elapsed_column, how_long, shown_values
from .lexicon import name_tokens, stem
from .plan_kinds import LookupPlan
from .plan_parts import Expr, Filter, Step
from .schema import SchemaModel

if TYPE_CHECKING:
    from .grammar import Parser

#: units of length as written in cells and questions, by the unit they name
_UNITS = {"m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
          "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km",
          "kilometers": "km", "mi": "mi", "mile": "mi", "miles": "mi", "yd": "yd",
          "yard": "yd", "yards": "yd", "ft": "ft", "foot": "ft", "feet": "ft"}
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
#: a distance cell: "5,000 m", "20 km", "200 metres", "200 mi (320 km)"
DISTANCE = re.compile(r"^\s*\d[\d,]*(?:\.\d+)?\s*(" + _UNIT + r")\.?(?:\s*\([^()]*\))?\s*$",
                      re.I)
#: nouns of what is raced or held, whose length is the distance
_EVENTS = {"race", "event", "sprint", "run", "walk", "course", "route", "leg", "stage"}
_GAP = {"the", "a", "an", "in", "at", "of", "for", "from", "on", "this", "that", "his", "her",
        "their", "its", "'s", "’s", "whole", "entire"}
_MARKS = {"?", ".", ",", "(", ")", "!"}


@dataclass
class DistanceC:
    """The named row's distance: the cell of ``column``, cells in ``others`` left out."""

    column: str | None = None
    others: list[str] = field(default_factory=list)
    problem: str | None = None
    options: list[str] = field(default_factory=list)
    kind: str = "duration"  # planned by durations.duration_plan, which passes it here


def distance_column(s: SchemaModel, c: str) -> bool:
    """A text column of distances: at least half of its cells with a digit (two at least)
    are a number and a unit of length; all of them when the profile lists only examples."""
    p = s.col(c)
    if p.numeric:  # the unit taken off every cell, or a number named for a distance
        return p.role != "id" and (p.parsed == "number" and str(p.unit or "").lower() in
                                   _UNITS or "distance" in {stem(t) for t in name_tokens(c)})
    if p.kind != "text":
        return False
    vals = [v for v in shown_values(s, c) if re.search(r"\d", v)]
    dist = [v for v in vals if DISTANCE.match(v)]
    if not dist:
        return False
    return len(dist) >= 2 and len(dist) * 2 >= len(vals) if p.values else \
        len(dist) == len(vals)


def read_distance(p: "Parser") -> None:
    """Find "how long was the <race> <row>" read as the row's distance (module docstring)."""
    at = how_long(p)
    if at is None or at != p.next_content(0, {"so", "and", "then", "for"}):
        return
    used = [at, at + 1]
    copula = event = row = False
    said: str | None = None  # the unit of length said
    distance = False  # the word "distance" said (or a column named by it)
    named: list[int] = []
    for i, nd in enumerate(p.n):
        if i in used:
            continue
        w = nd.low
        if nd.role == "filter":
            row = True  # a time filter ("in 2000")
            continue
        if nd.role is not None:
            return  # read by an earlier rule
        if nd.kind == "val":
            row = True
            continue
        if w in _MARKS or nd.kind == "word" and w in _GAP:
            used.append(i)  # ("from" is no range here: no word of this reading ends one)
            continue
        if nd.has("sup", "implied", "agg", "cmp", "ordinal", "position", "count"):
            return
        if nd.kind in ("num", "date", "decade", "quote"):
            return
        if nd.kind == "col":
            if _beside_value(p, i):
                used.append(i)  # "the <value> competition": the value's own column
            elif stem(w) == "distance" or any(distance_column(p.s, c) for c in nd.columns):
                distance = distance or stem(w) == "distance"
                event = event or w in _EVENTS or stem(w) in _EVENTS
                named.append(i)  # "the event" naming the column of distances itself
            elif (w in _EVENTS or stem(w) in _EVENTS) and all(
                    m.how in ("partial", "fuzzy", "truncation") for m in nd.item.matches):
                event = True  # "race" that only matched part of "Fastest race lap"
                used.append(i)
            else:
                return  # another column named: not this reading
            continue
        if w in AUX and not copula and not event and not row:
            if w not in ("is", "was", "are", "were"):
                return  # "how long did ...": a time, not a distance
            copula = True
            used.append(i)
        elif w in _EVENTS or stem(w) in _EVENTS:
            event = True
            used.append(i)
        elif w == "distance":
            distance = True
            used.append(i)
        elif w in _UNITS and p.low(i - 1) == "in" and said is None:
            said = _UNITS[w]
            used.append(i)
        else:
            return  # a word this reading does not use
    if not (copula and row and (event or distance)):
        return
    d = _source(p, named, distance or said is not None, said)
    if d is None:
        return
    p.use(*used, *named, role="length")
    p.r.rowdiff = d


def _beside_value(p: "Parser", i: int) -> bool:
    cols = set(p.n[i].columns)
    return any(0 <= j < len(p.n) and p.n[j].kind == "val" and cols & set(p.n[j].columns)
               for j in (i - 1, i + 1))


def _source(p: "Parser", named: list[int], said: bool, unit: str | None) -> DistanceC | None:
    s = p.s
    mentioned = {c for i in named for c in p.n[i].columns}
    cands = [c for c in s.names() if distance_column(s, c)]
    if mentioned:
        cands = [c for c in cands if c in mentioned]
    if not cands and said:
        return DistanceC(problem="That asks for a distance, and I find no column of "
                         "distances (a number with a unit of length) to read it from.")
    if not cands:
        return None
    if not said and any(elapsed_column(s, c) for c in s.names()):
        return None  # "how long was the race" beside a column of times: its time
    if len(cands) > 1:
        return DistanceC(problem="Several columns could hold that distance: " + ", ".join(
            repr(c) for c in cands) + ". Which one do you mean?", options=cands)
    c = cands[0]
    units = _units(s, c)
    if unit is not None and units != {unit}:
        return DistanceC(problem=f"{c!r} gives its distances in "
                         f"{', '.join(sorted(units))}, not only in {unit}; ask without the "
                         f"unit to get the cell as it is written.")
    others = [] if s.col(c).numeric else [v for v in (s.col(c).values or []) if v is not None
                                           and not DISTANCE.match(str(v))]
    return DistanceC(column=c, others=others)


def _units(s: SchemaModel, c: str) -> set[str]:
    """The units of length of a column's distances ("km"; a column read as numbers: the
    unit taken off its cells)."""
    p = s.col(c)
    if p.numeric and str(p.unit or "").lower() in _UNITS:
        return {_UNITS[str(p.unit).lower()]}
    if p.numeric:  # "Distance (km)": the unit its name says, if any
        return {_UNITS[t.lower()] for t in name_tokens(c) if t.lower() in _UNITS}
    return {_UNITS[m.group(1).lower()] for v in shown_values(s, c) if (m := DISTANCE.match(v))}


def distance_plan(r: Reading, s: SchemaModel) -> LookupPlan:
    """The lookup of the named row's distance cell."""
    d: DistanceC = r.rowdiff
    if d.problem:
        raise Incomplete(d.problem, d.options or s.names()[:12], clarify=bool(d.options))
    blocking = constructs_beside(r, "grouping", "aggregation", "superlative", "limit", "chart",
                                 "count", "change", "position", "contrast", "tool", "measure")
    if blocking or r.logic != "and":
        raise Incomplete(f"That asks one row's distance together with "
                         f"{blocking[0] if blocking else 'a choice of rows'}, which I cannot "
                         f"read together yet.", s.names()[:12])
    filters = filters_of(r)
    if not filters:
        raise Incomplete("The distance of which row? Name it, e.g. by a value of "
                         f"{(s.label_column() or s.names()[0])!r}.", s.names()[:12],
                         clarify=True)
    col = str(d.column)
    if d.others:
        filters = filters + [Filter(col, "not in", list(d.others))]
    if not s.col(col).numeric:
        return LookupPlan(columns=[col], filters=filters, logic="and", one=True)
    if not s.col(col).unit:
        return LookupPlan(columns=[col], filters=filters, logic="and", one=True)
    name = f"{col} in {s.col(col).unit}"  # the unit its cells carried, said in the answer
    while name in s.columns:
        name += " (derived)"
    return LookupPlan(columns=[name], filters=filters, logic="and", one=True,
                      steps=[Step("derive", name, Expr.col(col))])


__all__ = ["DISTANCE", "DistanceC", "distance_column", "distance_plan", "read_distance"]
