"""A comparison with a number and its unit that names no column (issue 12): "how many
masts are at least 60 metres tall", "which dams are taller than 90 m", "how many piers
are longer than 300 feet", "how many rivers are 40 km long at most", "above 900m".

The unit said picks the column: the one that carries it, whether a numeric column whose
cells all carried the unit (taken off when the data was read, ``ColumnProfile.unit``), a
numeric column whose header names it ("Height (m)", "Depth in metres"), or a text column of
numbers with that unit (``unit_threshold.unit_column``: "1,130 feet", "14 m (46 ft)").
Several such columns are narrowed by a word of the dimension said (an adjective after the
unit, "tall" / "long" / "deep" / "wide", or the comparison's own, "taller than"): the column
named for it ("Tower height ...", "Length"). "110m" without a money sign is 110 metres here.

Read only when no column is named in the question beside the number (those readings stay
with :mod:`compare` and :mod:`unit_threshold`), the number lies within a factor of ten of
the column's values, and exactly one column is left; otherwise the question goes on to the
other readings, which ask back.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import FilterC
from .length_compare import LengthFilterC
from .lexicon import name_tokens, stem
from .unit_threshold import unit_column

if TYPE_CHECKING:
    from .grammar import Parser

#: units of length said, by the kind ``unit_column`` names
_UNITS = {"m": "m", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
          "km": "km", "kilometres": "km", "kilometers": "km", "kms": "km",
          "ft": "ft", "feet": "ft", "foot": "ft", "miles": "miles", "mile": "miles",
          "mi": "miles", "cm": "cm", "centimetres": "cm", "centimeters": "cm"}
#: header words of a numeric column naming its unit
_HEADER = {"m": {"m", "metres", "meters", "metre", "meter", "mtrs"},
           "km": {"km", "kilometres", "kilometers", "kms"},
           "ft": {"ft", "feet"}, "miles": {"mi", "miles"}, "cm": {"cm"}}
#: dimension words and the header words naming that dimension
_DIMENSIONS = {"tall": "height", "taller": "height", "high": "height", "higher": "height",
               "long": "length", "longer": "length", "shorter": "length",
               "deep": "depth", "deeper": "depth", "wide": "width", "wider": "width"}
_NAMES = {"height": {"height", "elevation", "altitude", "tall"}, "length": {"length", "long"},
          "depth": {"depth", "deep"}, "width": {"width", "wide", "span"}}
_CMP = {">", ">=", "<", "<="}


def read_unit_compare(p: "Parser") -> None:
    """Find one comparison with a number and a unit of length naming no column."""
    for k, nd in enumerate(p.n):
        op = nd.tags.get("cmp")
        if op not in _CMP or nd.role is not None:
            continue
        found = _quantity(p, k + 1)
        if found is None:  # "40 km long at most": the comparison after the quantity
            found = _before(p, k)
        if found is None:
            continue
        value, unit, used, dim = found
        dim = dim or _DIMENSIONS.get(nd.low.split()[0])
        if any(x.kind == "col" and x.role is None and _numeric(p, x) for x in p.n):
            return  # a column named: "a height of at least 80 m", read by compare
        col = _column(p, unit, dim)
        if col is None:
            return
        lo, hi, text = col[1], col[2], col[3]
        if not lo / 10 <= value <= hi * 10:
            return
        p.use(k, *used, role="length" if text else "filter")
        if text:
            if p.r.rowdiff is not None:
                return
            p.r.rowdiff = LengthFilterC(col[0], str(op), value, unit=unit)
        else:
            p.r.filters.append(FilterC(col[0], str(op), value, at=used[0], how="compare"))
        return


def _numeric(p: "Parser", nd) -> bool:
    return any(p.s.col(c).numeric and p.s.col(c).role != "time" for c in nd.columns)


def _quantity(p: "Parser", i: int) -> tuple[float, str, list[int], str | None] | None:
    """(number, unit, node indexes, dimension) of "80 metres [tall]" / "193m" at ``i``."""
    num = p.node(i)
    if num is None or num.role is not None or num.kind != "num" or not num.is_number:
        return None
    tok = num.item.tok
    if tok is None or tok.pct or tok.money or tok.ordinal:
        return None
    used = [i]
    text = tok.text.lower().replace(",", "")
    if text.endswith("m") and text[:-1].replace(".", "").isdigit():
        value, unit = float(text[:-1]), "m"  # "193m": metres, not millions
    elif tok.scale != 1:
        return None
    else:
        unit_nd = p.node(i + 1)
        if unit_nd is None or unit_nd.role is not None or unit_nd.low not in _UNITS:
            return None
        value, unit = float(num.value), _UNITS[unit_nd.low]
        used.append(i + 1)
    dim = None
    adj = p.node(used[-1] + 1)
    if adj is not None and adj.role is None and adj.low in _DIMENSIONS and \
            adj.low.endswith(("tall", "high", "long", "deep", "wide")):
        dim = _DIMENSIONS[adj.low]
        used.append(used[-1] + 1)
    return value, unit, used, dim


def _before(p: "Parser", k: int) -> tuple[float, str, list[int], str | None] | None:
    """"40 km long at most": the quantity ending right before the comparison at ``k``."""
    for start in (k - 3, k - 2, k - 1):
        if start < 0:
            continue
        found = _quantity(p, start)
        if found is not None and found[2][-1] == k - 1 and found[3] is not None:
            return found
    return None


def _column(p: "Parser", unit: str, dim: str | None
            ) -> tuple[str, float, float, bool] | None:
    """(column, smallest, largest, a text column) of the one column carrying ``unit``."""
    cands: list[tuple[str, float, float, bool]] = []
    for c in p.s.names():
        prof = p.s.col(c)
        if prof.numeric and prof.role != "time" and prof.min is not None:
            words = {t.lower() for t in name_tokens(c)}
            said = _UNITS.get(str(prof.unit or "").lower()) == unit
            header = bool(words & _HEADER[unit]) and not any(
                words & w for u, w in _HEADER.items() if u != unit)
            if said or header:
                cands.append((c, float(prof.min), float(prof.max), False))
        elif not prof.numeric:
            got = unit_column(p.s, c)
            if got is not None and got[0] == unit:
                cands.append((c, got[1], got[2], True))
    if len(cands) > 1 and dim:
        cands = [x for x in cands
                 if {stem(t.lower()) for t in name_tokens(x[0])} & _NAMES[dim]]
    return cands[0] if len(cands) == 1 else None


#: header words naming a unit ("Length [km]", "max. depth in meter"; not "km²")
_HEADER_UNIT = re.compile(r"[a-z]+(?![a-z²³0-9])", re.I)


def said_unit_fits(s, column: str, words: list[str]) -> bool:
    """True when the unit words said after a number ("46 km", "12 metres") name the one unit
    of length of a numeric column: the unit its cells carried (``ColumnProfile.unit``) or
    the one its header names ("Length [km]"); "km²" or two units named does not fit."""
    said = {_UNITS.get(w.lower()) for w in words}
    if len(said) != 1 or None in said:
        return False
    named = {_UNITS[w.lower()] for w in _HEADER_UNIT.findall(column) if w.lower() in _UNITS}
    carried = _UNITS.get(str(s.col(column).unit or "").lower()) if column in s.columns else None
    return (named or ({carried} if carried else set())) == said


__all__ = ["read_unit_compare", "said_unit_fits"]
