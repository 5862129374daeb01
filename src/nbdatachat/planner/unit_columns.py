"""One quantity kept in two units, told apart by the unit the question says.

Tables often give a measure twice, once per unit: "Area (km²)" / "Area (mi²)", "Top
speed (km/h)" / "Top speed (mph)", "Depth (m)" / "Depth (ft)". "the area" names both; "the
area *in square miles*", "the speed *in miles per hour*", "how deep *in feet*" say which.

Picked only when the mention's candidates are columns named alike but for their unit (the
part in brackets, or after the last "/"), each unit known, and the question says the unit
of exactly one of them after "in" ("in miles", "in square kilometres", "in mph"). Those
words are then read (they said which column) and the note says which column was used.
With no unit said the reader still asks back: the two columns rank alike but differ in
value, and which one is meant is the asker's to say.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import Incomplete, Node

if TYPE_CHECKING:
    from .constituents import Reading
    from .grammar import Parser
    from .plan import Plan
    from .schema import SchemaModel

#: a header's unit as written (lowercase, no spaces or squares) -> the unit
_HEADER_UNITS = {"mi": "mile", "mi2": "mile", "sqmi": "mile", "miles": "mile",
                 "km": "km", "km2": "km", "sqkm": "km", "kilometres": "km",
                 "kilometers": "km", "mph": "mph", "km/h": "kmh", "kmh": "kmh", "kph": "kmh",
                 "m": "metre", "metres": "metre", "meters": "metre", "ft": "foot",
                 "feet": "foot", "kg": "kg", "lb": "lb", "lbs": "lb", "in": "inch",
                 "cm": "cm"}
#: the question's words for a unit, longest first (after "in")
_SAID = [(("miles", "per", "hour"), "mph"), (("kilometres", "per", "hour"), "kmh"),
         (("kilometers", "per", "hour"), "kmh"), (("km", "per", "hour"), "kmh"),
         (("square", "miles"), "mile"), (("square", "mile"), "mile"),
         (("square", "kilometres"), "km"), (("square", "kilometers"), "km"),
         (("square", "km"), "km"), (("sq", "mi"), "mile"), (("sq", "km"), "km"),
         (("mph",), "mph"), (("kph",), "kmh"), (("miles",), "mile"), (("mile",), "mile"),
         (("kilometres",), "km"), (("kilometers",), "km"), (("km",), "km"),
         (("feet",), "foot"), (("foot",), "foot"), (("ft",), "foot"), (("metres",), "metre"),
         (("meters",), "metre"), (("kilograms",), "kg"), (("kg",), "kg"),
         (("pounds",), "lb"), (("lbs",), "lb"), (("centimetres",), "cm"),
         (("centimeters",), "cm"), (("inches",), "inch")]
_BRACKET = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def _split(name: str) -> tuple[str, str | None]:
    """(the name without its unit, the unit) of "Area (mi²)" -> ("area", "mile")."""
    text = " ".join(str(name).split())
    m = _BRACKET.match(text)
    if m:
        base, raw = m.group(1), m.group(2)
    elif "/" in text:
        base, raw = text.rsplit("/", 1)
    else:
        return text.lower(), None
    key = raw.lower().replace("²", "2").replace(" ", "").replace(".", "")
    return base.strip().lower(), _HEADER_UNITS.get(key)


def _said_unit(p: "Parser") -> tuple[str, list[int]] | None:
    """The one unit said after "in", with the indexes of its words (and of "in")."""
    found = []
    for i, nd in enumerate(p.n):
        if nd.low != "in" or nd.role is not None:
            continue
        for words, unit in _SAID:
            idx = list(range(i + 1, i + 1 + len(words)))
            if all(p.node(j) is not None and p.n[j].role is None and
                   p.n[j].low == w for j, w in zip(idx, words)):
                found.append((unit, [i, *idx]))
                break
    return found[0] if len(found) == 1 else None


def pick_unit_column(p: "Parser", nd: Node, top: list[str]) -> str | None:
    """The one of ``top`` in the unit the question says (module docstring)."""
    if len(top) < 2:
        return None
    parts = [_split(c) for c in top]
    if len({b for b, _ in parts}) != 1 or any(u is None for _, u in parts) or \
            len({u for _, u in parts}) != len(parts):
        return None
    said = _said_unit(p)
    if said is None:
        return None
    unit, idx = said
    hit = [c for c, (_, u) in zip(top, parts) if u == unit]
    if len(hit) != 1:
        return None
    p.use(*idx, role="column")
    words = " ".join(p.n[j].text for j in idx)
    p.r.notes.append(f'read "{nd.text}" as {hit[0]!r}: "{words}" says its unit')
    return hit[0]


def check_said_unit(r: "Reading", s: "SchemaModel", plan: "Plan") -> None:
    """Refuse a plan that reads a column in another unit than the one the question says
    after "in" ("the lowest depth in metres" read from "Depth (ft)"): the numbers would be
    answered in the wrong unit. Only a unit the header states is compared; the said words
    were not read (a unit that picked its column was)."""
    said = None
    for i, nd in enumerate(r.nodes):
        if nd.kind != "word" or nd.low != "in" or nd.role is not None:
            continue
        for words, unit in _SAID:
            seq = r.nodes[i + 1:i + 1 + len(words)]
            if len(seq) == len(words) and all(x.kind == "word" and x.role is None and
                                              x.low == w for x, w in zip(seq, words)):
                if said is not None and said[0] != unit:
                    return  # two units said: not told apart here
                said = (unit, " ".join(x.text for x in seq))
                break
    if said is None:
        return
    units = {c: _split(c)[1] for c in plan.columns_used() if c in s.columns}
    known = {c: u for c, u in units.items() if u is not None}
    if not known or said[0] in known.values():
        return
    col, unit = next(iter(known.items()))
    raise Incomplete(f'The question asks "in {said[1]}", but the column read, {col!r}, is '
                     f"in another unit; I would answer in the wrong unit. Columns: "
                     f"{', '.join(s.names()[:15])}.", s.names()[:12])


__all__ = ["check_said_unit", "pick_unit_column"]
