"""A number written with its unit, or a clock time, naming cells (issue 12): "the 5km
race" over cells "5 km", "the 300m sack race" over "300 m sack race", "a 30 million dollar
fee" over "$30 million", "a lap of 1:42" over "1:42" or "01:42".

The question's number is read with its unit (a closed list: lengths m, km, cm, ft / feet,
miles; weights kg, g; times s, min, h; speeds mph, km/h, knots; %; money $, dollars, a
scale word million / billion / thousand), glued ("5km") or apart ("5 km", "5 metres"); a
clock is two or three numbers joined by ":" ("4:26", "1:02:30"). Both sides are written the
same way before they are compared: the number without separators, the unit by its short
name ("metres" -> "m"), a scale word multiplied out, a clock's leading zero dropped. A span
is read as the cells it names only when:

* the cells say the same number with the same unit (a clock: the same clock), and every
  word the cell has after it follows the number in the question ("300m sack race"): the whole
  cell, never a part;
* or a numeric column's cells all carried that unit, taken off when the data was read
  (``ColumnProfile.unit``), and the number is one of its values (or within its range when
  the profile lists none);
* and the number does not follow a word of comparison ("under 4:26", "above 900m": read by
  the thresholds), is no ordinal, date or year.

A unit that the cells holding the number do not carry names nothing here: the number stays
unread and the reader asks back ("5 miles" over cells "5 km"). "110m" with no money sign
is metres when cells hold that length, else the tokenizer's "110 million" stands.
"""

from __future__ import annotations

import re
from typing import Any

from .schema import Match, SchemaModel
from .tokens import Tok

#: units by their short name, as cells and questions write them
_UNITS = {"m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
          "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km",
          "kilometers": "km", "cm": "cm", "centimetres": "cm", "centimeters": "cm",
          "ft": "ft", "foot": "ft", "feet": "ft", "mi": "mi", "mile": "mi", "miles": "mi",
          "kg": "kg", "kilograms": "kg", "kilogram": "kg", "g": "g", "grams": "g",
          "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
          "min": "min", "mins": "min", "minute": "min", "minutes": "min",
          "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
          "mph": "mph", "km/h": "km/h", "kmh": "km/h", "kph": "km/h",
          "knots": "knots", "knot": "knots", "kn": "knots",
          "dollar": "$", "dollars": "$", "usd": "$"}
#: units a question may write apart from the number ("5 m" in a question is rare and "g",
#: "h", "s", "m" are often other words; glued they are units)
_APART = {w for w in _UNITS if len(w) > 2 or w in ("km", "ft", "mi", "kg", "cm")}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "mn": 1e6, "bn": 1e9,
           "mil": 1e6}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: a quantity opening a cell: money sign, number, unit or scale, percent
_QTY = re.compile(r"^\s*([$€£])?\s?(\d[\d,]*(?:\.\d+)?)\s?(%|km/h|[a-z]+\b)?\.?(?:\s+(million|"
                  r"billion|thousand)\b)?(.*)$", re.I | re.S)
_CLOCK = re.compile(r"^\s*(\d{1,2})((?::\d\d){1,2}(?:\.\d+)?)(?![\d:])(.*)$", re.S)
#: words before a number that compare it: the thresholds read it
_COMPARE = {"under", "below", "over", "above", "than", "least", "most", "before", "after",
            "between", "within", "exceed", "exceeds", "exceeded", "exceeding", "past",
            "until", "till", "since", "beyond", "from", "to", "and", "or", "nearly",
            "almost", "about", "around", "approximately", "roughly", "top", "upto", "faster",
            "slower", "longer", "shorter", "higher", "lower", "more", "less", "fewer"}


def _num(text: str) -> str:
    v = float(text.replace(",", ""))
    return str(int(v)) if v.is_integer() else f"{v:g}"


def cell_key(value: Any) -> tuple[str, list[str]] | None:
    """(the lead quantity or clock as one key, the cell's words after it), or None for a
    cell opening with no number: "150 m sack race" -> ("150m", ["sack", "race"])."""
    text = str(value).strip()
    m = _CLOCK.match(text)
    if m:
        return "t" + str(int(m.group(1))) + m.group(2), _WORD.findall(m.group(3).lower())
    m = _QTY.match(text)
    if not m:
        return None
    sign, number, unit, scale, rest = m.groups()
    if unit and len(unit) == 1 and unit.isupper() and not sign:
        rest, unit = unit + rest, ""  # "3S", "5M": a code, where unit symbols are lower case
    unit = (unit or "").lower()
    words = _WORD.findall(rest.lower())
    factor = 1.0
    if sign and unit in ("k", "m", "b"):  # "$5m": millions
        factor, unit = {"k": 1e3, "m": 1e6, "b": 1e9}[unit], ""
    elif unit in _SCALES or scale:
        factor = _SCALES.get(unit) or _SCALES[scale.lower()]
        unit = ""
    elif unit and unit != "%" and unit not in _UNITS:
        words = [unit] + words  # "12 laps": no unit of ours, a word of the cell
        unit = ""
    canon = "%" if unit == "%" else _UNITS.get(unit, "")
    if sign:
        canon = "$" if not canon else canon
    v = float(number.replace(",", "")) * factor
    return _qty(v, canon), words


def _qty(v: float, unit: str) -> str:
    return ("q" + (str(int(v)) if float(v).is_integer() else f"{v:g}") + "|" + unit)


def _index(schema: SchemaModel) -> dict[str, list[tuple[str, Any, list[str]]]]:
    """Lead key -> (column, cell, words after it) over the listed text cells with a digit."""
    idx = getattr(schema, "_unit_value_idx", None)
    if idx is None:
        idx = {}
        for p in schema.columns.values():
            if p.numeric or p.kind not in ("text", "other") or not p.values:
                continue
            for v in p.values:
                if not re.search(r"\d", str(v)):
                    continue
                key = cell_key(v)
                if key is not None:
                    idx.setdefault(key[0], []).append((p.name, v, key[1]))
        schema._unit_value_idx = idx  # type: ignore[attr-defined]
    return idx


def _readings(toks: list[Tok], i: int) -> list[tuple[str, int]]:
    """The keys the number at ``i`` may be read as, each with the end of its tokens."""
    t = toks[i]
    if t.kind != "num" or t.ordinal:
        return []
    # a clock: "4:26", "1:02:30.5"
    if t.joint == ":" and i + 1 < len(toks) and toks[i + 1].kind == "num" and \
            toks[i + 1].start == t.end + 1 and re.fullmatch(r"\d{1,2}", t.text):
        parts, j = [t.text], i + 1
        while j < len(toks) and toks[j].kind == "num" and toks[j].start == toks[j - 1].end + 1 \
                and toks[j - 1].joint == ":" and re.fullmatch(r"\d\d(?:\.\d+)?", toks[j].text) \
                and len(parts) < 3:
            parts.append(toks[j].text)
            j += 1
        if len(parts) >= 2 and (j >= len(toks) or toks[j - 1].joint != ":"):
            return [("t" + str(int(parts[0])) + "".join(":" + p for p in parts[1:]), j)]
        return []
    m = re.fullmatch(r"([$€£])?\s?(\d[\d,]*(?:\.\d+)?)\s?(%|[a-z]+)?", t.text.lower())
    if not m:
        return []
    sign, number, suffix = m.groups()
    suffix = (suffix or "").strip()
    v = float(number.replace(",", ""))
    out: list[tuple[str, int]] = []
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    unit = ""
    end = i + 1
    if suffix in _SCALES or suffix in ("k", "b"):
        v *= {"k": 1e3, "b": 1e9}.get(suffix) or _SCALES[suffix]
    elif suffix == "m" and not sign:  # "110m": metres, else the tokenizer's millions
        out.append((_qty(v, "m"), i + 1))
        v *= 1e6
    elif suffix == "m":
        v *= 1e6
    elif suffix == "%":
        unit = "%"
    elif suffix:
        return []
    if not unit and nxt is not None and nxt.kind == "word":
        glued = nxt.start == t.end
        word = nxt.low
        if word == "km" and nxt.joint == "/" and i + 2 < len(toks) and toks[i + 2].low == "h":
            unit, end = "km/h", i + 3
        elif word in _UNITS and (glued or word in _APART):
            unit, end = _UNITS[word], i + 2
    if sign and not unit:
        unit = "$"
    if unit:
        out.insert(0, (_qty(v, unit), end))
    elif t.scale > 1 or suffix:
        out.append((_qty(v, "$"), end))  # "48 million" over "$48 million"
    return out


def unit_value_spans(toks: list[Tok], schema: SchemaModel,
                     taken: list[bool]) -> list[tuple[int, int, str, list[Match]]]:
    """Spans of a number with its unit, or a clock, read as the cells they name (module
    docstring); their tokens are marked in ``taken``."""
    if not any(t.kind == "num" for t in toks):
        return []
    _glued_metres(toks, schema)
    out: list[tuple[int, int, str, list[Match]]] = []
    idx: dict[str, list[tuple[str, Any, list[str]]]] | None = None
    for i, t in enumerate(toks):
        if taken[i] or t.kind != "num" or i and toks[i - 1].low in _COMPARE:
            continue
        for key, end in _readings(toks, i):
            if any(taken[i:end]):
                continue
            if idx is None:
                idx = _index(schema)
            found = _cells(toks, end, idx.get(key, []))
            if found is None:
                found = _unit_column(schema, key, i, end)
            if found is None:
                continue
            b, matches = found
            out.append((i, b, "val", matches))
            for k in range(i, b):
                taken[k] = True
            break
    return out


def _glued_metres(toks: list[Tok], schema: SchemaModel) -> None:
    """"a depth of 372m" with no money sign: 372 metres, not the tokenizer's millions, when
    a column carries metres (its cells, its header or the unit taken off) and none carries
    money; the token's number is set back to 372. Not after a
    word of comparison (read by the thresholds, which see the "m" themselves)."""
    glued = [i for i, t in enumerate(toks) if t.kind == "num" and t.scale == 1e6 and
             not t.money and re.fullmatch(r"\d[\d,]*(?:\.\d+)?m", t.text.lower()) and
             not (i and toks[i - 1].low in _COMPARE)]
    if not glued:
        return
    units = {k.split("|")[1] for k in _index(schema) if k.startswith("q")}
    for p in schema.columns.values():
        if p.numeric:
            units.add(_UNITS.get(str(p.unit or "").lower(), ""))
            units |= {_UNITS[w.lower()] for w in re.findall(r"[a-z]+(?![a-z²³0-9])", p.name,
                                                            re.I) if w.lower() in _UNITS}
            if re.search(r"[$€£]|million", p.name, re.I):
                units.add("$")
    if "m" not in units or "$" in units:
        return
    for i in glued:
        t = toks[i]
        t.value, t.scale = t.value / 1e6, 1.0
        t.low = t.stem = _num(t.text[:-1])


def _cells(toks: list[Tok], end: int, hits: list[tuple[str, Any, list[str]]]
           ) -> tuple[int, list[Match]] | None:
    """The cells whose words after the quantity follow it in the question, longest first."""
    best: tuple[int, list[Match]] | None = None
    for col, value, rest in hits:
        words = [tk.low for tk in toks[end:end + len(rest)]]
        if words != rest or any(tk.kind not in ("word", "num") for tk in toks[end:end + len(rest)]):
            continue
        b = end + len(rest)
        m = Match("value", col, 0.95, "unit", value)
        if best is None or b > best[0]:
            best = (b, [m])
        elif b == best[0]:
            best[1].append(m)
    return best


def _unit_column(schema: SchemaModel, key: str, i: int, end: int
                 ) -> tuple[int, list[Match]] | None:
    """A numeric column whose cells all carried the unit said, holding the number."""
    if not key.startswith("q"):
        return None
    number, unit = key[1:].split("|")
    if not unit or unit in ("$", "%"):
        return None
    v = float(number)
    out = []
    for p in schema.columns.values():
        if not p.numeric or _UNITS.get(str(p.unit or "").lower()) != unit:
            continue
        if p.values:
            held = [x for x in p.values if _same(x, v)]
            if not held:
                continue
        elif p.min is None or not float(p.min) <= v <= float(p.max):
            continue
        out.append(Match("value", p.name, 0.95, "unit", int(v) if v.is_integer() else v))
    return (end, out) if len(out) == 1 else None


def _same(x: Any, v: float) -> bool:
    try:
        return float(str(x).replace(",", "")) == v
    except ValueError:
        return False


__all__ = ["cell_key", "unit_value_spans"]
