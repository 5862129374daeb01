"""Rows compared with a number over a text column of numbers with their unit (issue 12):
"how many hills are under 2100 feet" where Elevation holds "2,315 ft", "which routes were at
least 100 km" over "188 km", "how many weigh more than 75 grams" over "81 g".

A column is read so when every one of its cells holding a digit opens with a number and a
unit of one kind (feet, metres, kilometres, miles, kilograms, grams, pounds, ...: "1,090
feet (332 m)" is feet), two cells at least; cells without a digit ("Unmeasured", "—") are
left out. A text column of plain numbers beside such words ("30,000", "WIN") is read the
same way when the question names it. The number is compared with the number each cell opens with (``Expr`` op
``lead``). The column is the one of the unit the question says after the number, or, with
no unit said, the one the question names; several, none, a number more than ten times away
from every cell, or a numeric column that could hold the number instead (named before the
comparison, or named for that unit) leave the question to the other readings.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .length_compare import LengthFilterC
from .lengths import shown_values
from .lexicon import name_tokens

if TYPE_CHECKING:
    from .grammar import Parser

#: units of one kind, by the name said in the answer
_UNITS = {"ft": ("ft", "feet", "foot"), "m": ("m", "metres", "meters", "metre", "meter"),
          "km": ("km", "kilometres", "kilometers", "kilometre", "kilometer", "kms"),
          "miles": ("mi", "miles", "mile"), "kg": ("kg", "kilograms", "kilogram", "kilos"),
          "g": ("g", "grams", "gram"), "lb": ("lb", "lbs", "pounds", "pound"),
          "cm": ("cm", "centimetres", "centimeters"), "mm": ("mm", "millimetres", "millimeters"),
          "inches": ("inches", "inch"), "mph": ("mph",), "km/h": ("km/h", "kph", "kmh"),
          "hp": ("hp", "horsepower", "bhp"), "kW": ("kw", "kilowatts"),
          "MW": ("mw", "megawatts"), "ha": ("ha", "hectares", "hectare"),
          "acres": ("acres", "acre"), "knots": ("knots", "kn", "kt", "knot")}
_KIND = {w: name for name, words in _UNITS.items() for w in words}
_SAID = {w: k for w, k in _KIND.items() if len(w) > 1 or w == "g"}  # "m", "in": other words
_CELL = re.compile(r"^[\s\u00a0]*\d[\d,]*(?:\.\d+)?[\s\u00a0]*([A-Za-z/]+)\.?(?:[\s\u00a0(].*)?$",
                   re.S)
_PLAIN = re.compile(r"^[\s\u00a0]*\d[\d,]*(?:\.\d+)?[\s\u00a0]*$")
_NUMBER = re.compile(r"^[\s\u00a0]*(\d[\d,]*(?:\.\d+)?)")
_CMP = {">", ">=", "<", "<="}
_WORDS = {"below", "under", "less than", "more than", "over", "above", "at least", "at most",
          "greater than", "fewer than", "higher than", "lower than"}


def unit_column(s, col: str) -> tuple[str, float, float] | None:
    """(the unit, "" for plain numbers, the smallest and largest number) of a text column of
    numbers with one unit, or of plain numbers beside words ("30,000" and "WIN"), else
    None."""
    prof = s.col(col)
    if prof.numeric or prof.kind != "text":
        return None
    kinds, numbers = set(), []
    for v in shown_values(s, col):
        if not re.search(r"\d", v):
            continue
        m = _CELL.match(v)
        kind = "" if _PLAIN.match(v) else _KIND.get(m.group(1).lower()) if m else None
        if kind is None:
            return None  # "6:42", "12 (3)": not a number with its unit
        kinds.add(kind)
        numbers.append(float(_NUMBER.match(v).group(1).replace(",", "")))
    if len(kinds) != 1 or len(numbers) < 2:
        return None
    return kinds.pop(), min(numbers), max(numbers)


def read_unit_threshold(p: "Parser") -> None:
    """Find one comparison with a number over a text column of numbers with their unit."""
    for k, nd in enumerate(p.n):
        if nd.tags.get("cmp") not in _CMP or nd.role is not None or nd.low not in _WORDS:
            continue
        num = p.node(k + 1)
        if num is None or num.role is not None or not num.is_number or num.kind != "num":
            continue
        if num.item.tok is not None and num.item.tok.pct:
            return  # "under 20%": a share, which these cells do not say
        after = p.node(k + 2)
        said = _SAID.get(after.low) if after is not None and after.role is None else None
        used = [k, k + 1] + ([k + 2] if said else [])
        before = p.node(p.prev_content(k - 1)) if k > 0 else None
        if before is not None and before.kind == "col" and before.columns and \
                p.s.col(before.columns[0]).numeric:
            return  # "a weight above 75" where Weight is a number: read elsewhere
        cols = {c: u for c in p.s.names() if (u := unit_column(p.s, c)) is not None}
        named = {c: i for i, x in enumerate(p.n) if x.kind == "col" and x.role is None
                 for c in x.columns if c in cols}
        if said:
            if any(p.s.col(c).numeric and said.lower() in {t.lower() for t in name_tokens(c)}
                   for c in p.s.names()):
                return  # "Height (ft)" holds feet as numbers
            cands = [c for c in cols if cols[c][0] == said]
            if len(cands) > 1:
                cands = [c for c in cands if c in named]
        else:
            cands = list(named)
        if len(cands) != 1:
            return
        col = cands[0]
        unit, lo, hi = cols[col]
        value = float(num.value)
        if not lo / 10 <= value <= hi * 10:
            return
        p.use(*used, *([named[col]] if col in named else []), role="length")
        p.r.rowdiff = LengthFilterC(col, str(nd.tags["cmp"]), value, unit=unit or "number")
        return


__all__ = ["read_unit_threshold", "unit_column"]
