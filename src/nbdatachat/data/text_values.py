"""Text columns that hold numbers or dates, read as numbers or dates (DataFrames too).

A CSV file's text columns are typed by the reader (``readers.clean_frame``); a DataFrame
built in a notebook or scraped from a web page (every cell text) is typed here with the same
parsers (``coerce_numeric``, ``coerce_datetime``): ``"6,081,896"``, ``"$1,200"``, ``"45%"``,
``"12/30/17"``, ``"Jan 2016"``. Real tables add footnote marks (``"1,234[a]"``, ``"12*"``),
a unit written in every cell (``"12 km"``) and dashes for missing values; those are taken off
before parsing, and whatever still does not parse is counted and reported, never guessed.

It runs once per dataset (the query engine caches the result with the data's registration);
a column is only parsed in full when a sample of it reads as numbers or dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .cell_totals import totals
from .top_places import fill_top_places

SAMPLE = 2_000  # values tried before a whole column is parsed
MIN_SHARE = 0.9  # share of present values that must parse (the rest are reported)
_FOOTNOTE = re.compile(r"(\s*\[(?:\w{1,4}|\d{1,3}|note \w+)\])+\s*$|[*\u2020\u2021\u00a7]+\s*$",
                       re.IGNORECASE)
_UNIT = re.compile(r"^\s*(.*?\d)\s*([A-Za-z\u00b5\u00b0/²³]{1,6}\.?)\s*$")
_MONTH_YEAR = re.compile(r"^\s*([A-Za-z]{3,9})\.?\s+(\d{4})\s*$")
#: "Sept. 17, 2005", "17 Sep 2005", "September 17th, 2005": a month name, a day and a year.
_MONTH_DAY_YEAR = re.compile(r"^\s*([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\s*$")
_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\s*$")
#: "2004 (tie)", "c. 1850", "1961 (special)": a year, perhaps "circa", then perhaps a note in
#: brackets. A second year ("1943, 1944", "1998–99"), a decade ("1850s") or other words after
#: the year do not read (the cell stays unread, and the column is typed only when they are few).
_YEAR_NOTE = re.compile(r"^\s*(?:(?:c|ca|circa)\.?\s*)?(\d{4})\s*"
                        r"(?:\([^()\d]*\)|\[[^\]\d]*\])?\s*$", re.IGNORECASE)
#: "4 (11)", "155 (60)", "22 (1000)": a figure, then a second one (or a note) in brackets,
#: as tables write a value in two units or with its points; the first figure is the value
_NUMBER_NOTE = re.compile(r"^\s*([^()]*?\d[^()]*?)\s*\(([^()]*)\)\s*$")
_MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                         "sep", "oct", "nov", "dec"], start=1)}


@dataclass
class ParsedColumn:
    """How one text column was read: as ``kind`` ("number" | "date"), with the ``unit``
    every value carried, and the values that could not be read (now missing)."""

    column: str
    kind: str
    unit: str | None = None
    n_unparsed: int = 0
    examples: list[str] = field(default_factory=list)
    n_unread_numbers: int = 0  # of the unparsed values, those holding digits ("pre-1939")
    unread_numbers: list[str] = field(default_factory=list)  # the first 200 of them
    brackets: bool = False  # "4 (11)": the figure before the brackets was read
    totals: bool = False  # "70-68-71=209": the total after "=" was read (cell_totals.py)
    top_places: int = 0  # the first rows, empty, read as places 1 .. n (top_places.py)
    from_text: bool = True  # False: only ``top_places`` was done to the column

    def note(self) -> str:
        top = (f"the first {self.top_places} rows, which leave {self.column!r} empty, are "
               f"read as places 1 to {self.top_places} in table order" if self.top_places > 1
               else f"the first row, which leaves {self.column!r} empty, is read as place 1")
        if not self.from_text:
            return top
        unit = f" (unit {self.unit!r} taken off)" if self.unit else ""
        text = f"column {self.column!r} holds {self.kind}s written as text{unit}"
        if self.top_places:
            text += f"; {top}"
        if self.brackets:
            text += " (each value is the figure before its brackets)"
        if self.totals:
            text += " (each value is the total after its '=')"
        if self.n_unparsed:
            shown = ", ".join(repr(x) for x in self.examples)
            text += f"; {self.n_unparsed} value(s) could not be read and count as missing: " \
                    f"{shown}{' ...' if self.n_unparsed > len(self.examples) else ''}"
        return text


_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december"]


def month_number(name) -> float | None:
    """``"Sept"``, ``"sep"``, ``"September"`` -> 9: a month's name or a start of it (three
    letters or more); anything else (``"Octember"``) -> None."""
    if not isinstance(name, str) or len(name) < 3:
        return None
    low = name.lower().rstrip(".")
    for i, full in enumerate(_MONTH_NAMES, start=1):
        if full.startswith(low):
            return float(i)
    return 9.0 if low == "sept" else None


#: Cells that say "nothing here" ("-", "N/A"): missing, not a value.
BLANK_MARKERS = ("", "-", "--", "\u2013", "\u2014", "?", "n/a", "N/A", "NA", "—")


def _is_text(s: pd.Series) -> bool:
    return pd.api.types.is_object_dtype(s) or pd.api.types.is_string_dtype(s)


def _strip(s: pd.Series) -> pd.Series:
    """Footnote marks off; dashes and blanks as missing."""
    t = s.astype("string").str.replace("\u00a0", " ", regex=False).str.strip()
    t = t.str.replace(_FOOTNOTE, "", regex=True).str.strip()
    return t.mask(t.isin(BLANK_MARKERS))


def _unit(t: pd.Series) -> tuple[pd.Series, str | None]:
    """A unit written after the number in (nearly) every value: taken off, and named."""
    present = t.dropna()
    m = present.str.extract(_UNIT)
    units = m[1].dropna()
    if units.empty:
        return t, None
    top = units.str.lower().value_counts()
    unit = str(top.index[0])
    if top.iloc[0] < MIN_SHARE * len(present) or unit in _MONTHS or unit in ("am", "pm"):
        return t, None
    full = t.str.extract(_UNIT)
    same = full[1].str.lower() == unit
    return t.where(~same.fillna(False), full[0]), unit


def _month_year(t: pd.Series) -> pd.Series | None:
    """``Jan 2016`` / ``January 2016``: the first day of the month."""
    m = t.str.extract(_MONTH_YEAR)
    month = m[0].str.lower().str[:3].map(_MONTHS)
    ok = month.notna() & m[1].notna()
    if ok.sum() < MIN_SHARE * t.notna().sum():
        return None
    # Only rows that read as a month and a year are assembled: a word that is not a month
    # ("Spring 2006") leaves its row missing instead of failing the whole column.
    out = pd.Series(pd.NaT, index=t.index, dtype="datetime64[ns]")
    out[ok] = pd.to_datetime({"year": m[1][ok].astype(int), "month": month[ok].astype(int),
                              "day": 1}, errors="coerce")
    return out


def _day_month_year(t: pd.Series) -> pd.Series | None:
    """``Sept. 17, 2005`` / ``17 Sep 2005``: month names however abbreviated (the first three
    letters name the month; a word that is no month leaves its row missing)."""
    a = t.str.extract(_MONTH_DAY_YEAR)
    b = t.str.extract(_DAY_MONTH_YEAR)
    name = a[0].fillna(b[1]).str.lower()
    month = name.map(month_number)
    day = a[1].fillna(b[0])
    year = a[2].fillna(b[2])
    ok = month.notna() & day.notna() & year.notna()
    if ok.sum() < MIN_SHARE * t.notna().sum() or not ok.any():
        return None
    out = pd.Series(pd.NaT, index=t.index, dtype="datetime64[ns]")
    out[ok] = pd.to_datetime({"year": year[ok].astype(int), "month": month[ok].astype(int),
                              "day": day[ok].astype(int)}, errors="coerce")
    return out


def _years(t: pd.Series) -> pd.Series | None:
    """``2004 (tie)``, ``c. 1850``: years with notes (footnote marks are already off), read as
    the year when (nearly) every distinct value is one and at least one carries a note (plain
    whole numbers are the number reader's)."""
    present = t.dropna()
    if len(present) < 3:
        return None
    year = present.str.extract(_YEAR_NOTE)[0].astype("Float64")
    ok = year.notna() & (year >= 1000) & (year <= 2200)
    if not ok.any() or present[ok].str.fullmatch(r"\s*\d{4}\s*").all():
        return None
    distinct = present.drop_duplicates()
    if ok.mean() < MIN_SHARE or ok[distinct.index].mean() < MIN_SHARE:
        return None  # most rows and most distinct values must be years
    out = pd.Series(float("nan"), index=t.index, dtype="float64")
    out[year[ok].index] = year[ok].astype("float64")
    return out.astype("int64") if out.notna().all() else out  # whole years, as the numbers


def _number_notes(t: pd.Series) -> pd.Series | None:
    """``4 (11)``, ``155 (60)``: the figure before the brackets, when (nearly) every value
    is a number so written or a plain number, and at least one carries brackets."""
    from .readers import coerce_numeric

    present = t.dropna()
    if len(present) < 3:
        return None
    m = present.str.extract(_NUMBER_NOTE)
    noted = m[0].notna()
    if not noted.any():
        return None
    num = coerce_numeric(m[0].where(noted, present).astype(object), min_share=MIN_SHARE)
    if num is None:
        return None
    years = num.dropna()
    if len(years) and years.between(1000, 2200).all() and (years % 1 == 0).all() and \
            m[1][noted].str.contains(r"\d").any():
        return None  # "1975 (12 years)": a year and a second amount, neither the only value
    out = pd.Series(float("nan"), index=t.index, dtype="float64")
    out[present.index] = num.to_numpy(dtype="float64")
    return out


#: a header's bracket that names a unit ("Area km² (sq mi)", "Height m (ft)"): the values'
#: brackets then hold the same amount in that unit, and the figure before them is the value
_UNIT_BRACKET = re.compile(r"\(\s*(?:/\s*)?(?:sq\.?\s*)?(?:mi|km|m|ft|in|yd|kg|lb|lbs|g|oz|"
                           r"mm|cm|inch|inches|mph|km/h|l|gal|ha|acres?|mi²|km²|ft²|m²|"
                           r"sq mi|%|\$|us\$|€|£|"
                           r"°?[cf])\s*\)", re.I)


def _brackets_fit(column: str) -> bool:
    """A header with no bracket, or whose bracket names a unit, lets "4 (11)" read as 4; a
    bracket naming another amount ("Penalties (pts)", "Endowment (and US rank)") does not:
    a question may ask for either figure."""
    return "(" not in column or bool(_UNIT_BRACKET.search(column))


def _read(t: pd.Series, brackets: bool = True) -> tuple[pd.Series | None, str]:
    from .readers import coerce_datetime, coerce_numeric

    num = coerce_numeric(t.astype(object), min_share=MIN_SHARE)
    if num is not None:
        years = _years(t) if num.isna().any() else None  # "2003 (Mar)" among plain years
        if years is not None and years.notna().sum() > num.notna().sum():
            return years, "year"
        return num, "number"
    when = coerce_datetime(t.astype(object), min_share=MIN_SHARE)
    if when is None:
        when = _month_year(t)
    if when is None:
        when = _day_month_year(t)
    if when is not None:
        return when, "date"
    years = _years(t)
    if years is not None:
        return years, "year"
    added = totals(t)  # "70-68-71=209"
    if added is not None:
        return added, "total"
    noted = _number_notes(t) if brackets else None
    if noted is not None:
        return noted, "bracketed"
    return None, ""


def parse_text_columns(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[ParsedColumn]]:
    """``frame`` with its number- and date-holding text columns typed (a shallow copy; the
    same object when there are none), and what was parsed."""
    done: dict[str, pd.Series] = {}
    reports: list[ParsedColumn] = []
    texts = [i for i, dt in enumerate(frame.dtypes)
             if pd.api.types.is_object_dtype(dt) or pd.api.types.is_string_dtype(dt)]
    for i in texts:
        col = frame.columns[i]
        s = frame.iloc[:, i]
        if frame.columns.tolist().count(col) > 1:
            continue  # duplicate names: the engine renames them first
        head = s.iloc[:SAMPLE * 5].dropna().iloc[:SAMPLE]  # never a pass over a big column
        if head.empty:
            continue
        head = _strip(head)
        head, _unit_name = _unit(head)
        fit = _brackets_fit(str(col))
        parsed, _kind = _read(head.dropna(), fit)
        if parsed is None:
            continue
        t = _strip(s)
        t, unit = _unit(t)
        parsed, kind = _read(t, fit)
        if parsed is None:
            continue
        lost = parsed.isna() & s.notna() & t.notna()
        bad = s[lost]
        digits = bad.astype(str)[bad.astype(str).str.contains(r"\d")]
        shown = "number" if kind in ("bracketed", "total") else kind
        reports.append(ParsedColumn(str(col), shown,
                                    unit, int(lost.sum()), [str(x) for x in bad.iloc[:5]],
                                    len(digits), digits.iloc[:200].tolist(),
                                    brackets=kind == "bracketed", totals=kind == "total"))
        done[col] = parsed
    out = frame
    if done:
        out = frame.copy(deep=False)
        for col, values in done.items():
            out[col] = values.to_numpy() if len(values) == len(out) else values
    out, tops = fill_top_places(out)  # a standing's medal rows left without a place
    for col, k in tops:
        rep = next((r for r in reports if r.column == col), None)
        if rep is None:
            rep = ParsedColumn(col, "number", from_text=False)
            reports.append(rep)
        rep.top_places = k
    return out, reports


__all__ = ["BLANK_MARKERS", "ParsedColumn", "month_number", "parse_text_columns"]
