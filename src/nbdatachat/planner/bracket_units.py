"""A header giving its values in two units, the second in brackets: "Rain mm (inches)".

Such a column's cells read "41.2 (1.62)": the data layer keeps the figure before the brackets
(``data/text_values.py``), in the header's first unit. A question that says the bracketed
unit ("more than 2 inches of rain", "above 90 degrees fahrenheit") asks about the other
figure, which the query does not read: answering from the first one would compare or report
numbers in the wrong unit. So a plan reading such a column is refused when the question says
the bracketed unit and not the first one; a question saying the first unit, or none, reads
as before. A number followed by the first unit ("a high of 91 degrees" over "High °F
(°C)") has its unit words read with it (``unit_words_fit``, used by ``number_rows.py``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import Incomplete

if TYPE_CHECKING:
    from .constituents import Reading
    from .plan import Plan
    from .schema import SchemaModel

#: a unit as a header writes it -> the unit
_HEADER = {"°c": "celsius", "c": "celsius", "°f": "fahrenheit", "f": "fahrenheit",
           "mm": "mm", "cm": "cm", "in": "inch", "inch": "inch", "inches": "inch",
           "m": "metre", "ft": "foot", "feet": "foot", "km": "km", "mi": "mile",
           "kg": "kg", "lb": "lb", "lbs": "lb"}
#: a question's word for a unit -> the unit
_SAID = {"celsius": "celsius", "centigrade": "celsius", "fahrenheit": "fahrenheit",
         "mm": "mm", "millimetres": "mm", "millimeters": "mm", "millimetre": "mm",
         "millimeter": "mm", "cm": "cm", "centimetres": "cm", "centimeters": "cm",
         "centimetre": "cm", "centimeter": "cm", "inch": "inch", "inches": "inch",
         "metres": "metre", "meters": "metre", "metre": "metre", "meter": "metre",
         "feet": "foot", "foot": "foot", "ft": "foot", "km": "km", "kilometres": "km",
         "kilometers": "km", "miles": "mile", "mile": "mile", "kg": "kg",
         "kilograms": "kg", "pounds": "lb", "lbs": "lb"}
#: "... mm (inches)", "... °F (°C)": the unit before the brackets, the unit inside them
_TWO = re.compile(r"(?:^|\s)(°?[A-Za-z]{1,6})\s*\(\s*(°?[A-Za-z]{1,6})\s*\)\s*$")


def two_units(column: str) -> tuple[str, str] | None:
    """("mm", "inch") for "Rain mm (inches)"; None unless both units are known and differ."""
    m = _TWO.search(" ".join(str(column).split()))
    if m is None:
        return None
    first, second = _HEADER.get(m.group(1).lower()), _HEADER.get(m.group(2).lower())
    if first is None or second is None or first == second:
        return None
    return first, second


def unit_words_fit(column: str, words: list[str]) -> bool:
    """True when ``words`` said after a number ("degrees", "degrees fahrenheit", "mm") name
    the unit a two-unit header gives its numbers in ("High °F (°C)", "Rain mm (inches)")."""
    units = two_units(column)
    if units is None or not words:
        return False
    for w in words:
        if w in ("degree", "degrees"):
            if units[0] not in ("celsius", "fahrenheit"):
                return False
        elif _SAID.get(w) != units[0]:
            return False
    return True


def check_bracket_unit(r: "Reading", s: "SchemaModel", plan: "Plan") -> None:
    """Refuse ``plan`` when it reads a two-unit column and the question says only the
    bracketed unit (module docstring)."""
    said = {_SAID[w] for w in re.findall(r"[a-z]+", r.question.lower()) if w in _SAID}
    if not said:
        return
    for col in plan.columns_used():
        units = two_units(col) if col in s.columns else None
        if units is None or units[0] in said or units[1] not in said:
            continue
        raise Incomplete(f"The question says {units[1]}, but {col!r} holds its numbers in "
                         f"{units[0]} (the {units[1]} figures are in brackets, which I do not "
                         f"read); ask in {units[0]}.", s.names()[:12])


__all__ = ["check_bracket_unit", "two_units", "unit_words_fit"]
