"""A table written on its side, read turned: one row per month (issue 12, transposed tables).

A climate summary is usually written with the months across the top and one measure per row::

    Month           Jan    Feb   ...  Dec    Year
    Average high    3.1    4.0   ...  2.2    9.8
    Rain mm         41     38    ...  55     512

Its rows are not items: a question about it asks "which month was the wettest" or "the
average high in March", so the months are the items and each row label names a measure. This
module builds that turned view, which the service reads a question against only when the
table as written gave no answer (``service/ask.py``), and the answer says it was so read.

A table is turned only when it is plainly such a summary:

* its first header cell is blank or says "month" (a first column named for what its rows
  are, such as "Station" or "City", holds items, and the table is left as written);
* every other header is a month, by its name or its usual short form, each once, at least
  six of them, except at most two headers after the last month (a whole-year column such as
  "Year" or "Annual"), which the turned view leaves out and says so;
* every cell of the first column is a label with a letter, all different, none a month.

The months are named in full in the turned view ("Feb" -> "February"), so a question may say
either; the row labels become the column names as written. Nothing is guessed beyond the
turn: the cells are the table's own text, typed afterwards like any other frame's.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

import pandas as pd

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_MAX_ROWS = 60
_MAX_TRAILING = 2
_MIN_MONTHS = 6
_UNNAMED = re.compile(r"^\s*(unnamed(: ?\d+)?)?\s*$", re.I)
_cache: dict[int, tuple[weakref.ref, "Turned | None"]] = {}


@dataclass
class Turned:
    """The turned view of a table and how it was made (said with the answer)."""

    frame: pd.DataFrame
    item: str  # the name of the column of months
    left_out: list[str]  # whole-year headers left out

    def reading(self) -> str:
        """The sentence an answer read from the turned view carries."""
        out = (f"read with the table turned: one row per {self.item.lower()} "
               f"({self.frame[self.item].iloc[0]} to {self.frame[self.item].iloc[-1]}), "
               f"each row label a column")
        if self.left_out:
            out += "; " + ", ".join(repr(c) for c in self.left_out) + " left out"
        return out


def month_name(header: object) -> str | None:
    """``"Feb"``, ``"feb."``, ``"Sept"``, ``"February"`` -> "February"; anything else -> None
    (a header must be a month's three-letter form, "Sept" or its full name)."""
    if not isinstance(header, str):
        return None
    low = header.strip().rstrip(".").lower()
    for full in _MONTHS:
        if low in (full.lower(), full[:3].lower()) or (full == "September" and low == "sept"):
            return full
    return None


def turned(frame: pd.DataFrame) -> Turned | None:
    """The turned view of ``frame`` when it is a month-by-measure summary (see the module
    docstring), else None. Cached per frame while the frame lives."""
    key = id(frame)
    hit = _cache.get(key)
    if hit is not None and hit[0]() is frame:
        return hit[1]
    out = _turn(frame)
    try:
        _cache[key] = (weakref.ref(frame), out)
    except TypeError:  # pragma: no cover - a frame that takes no weak reference
        return out
    if len(_cache) > 64:
        for k in [k for k, (ref, _) in _cache.items() if ref() is None] or list(_cache)[:1]:
            _cache.pop(k, None)
    return out


def _turn(frame: pd.DataFrame) -> Turned | None:
    if not isinstance(frame, pd.DataFrame) or not 2 <= len(frame) <= _MAX_ROWS or \
            frame.shape[1] < _MIN_MONTHS + 1:
        return None
    head = [str(c) for c in frame.columns]
    if not (_UNNAMED.match(head[0]) or "month" in head[0].lower()):
        return None
    months = [month_name(h) for h in head[1:]]
    last = max((i for i, m in enumerate(months) if m is not None), default=-1)
    if last < 0 or any(m is None for m in months[:last + 1]):
        return None
    named = months[:last + 1]
    trailing = head[last + 2:]
    if len(named) < _MIN_MONTHS or len(set(named)) != len(named) or \
            len(trailing) > _MAX_TRAILING:
        return None
    labels = frame.iloc[:, 0]
    if labels.isna().any():
        return None
    labels = [str(v).strip() for v in labels]
    if any(not re.search(r"[A-Za-z]", v) or month_name(v) for v in labels) or \
            len(set(v.lower() for v in labels)) != len(labels):
        return None
    item = "Month" if _UNNAMED.match(head[0]) else head[0].strip()
    if item.lower() in (v.lower() for v in labels):
        return None
    cols: dict[str, list] = {item: named}
    for i, label in enumerate(labels):
        cols[label] = [frame.iat[i, j] for j in range(1, last + 2)]
    return Turned(pd.DataFrame(cols), item, trailing)


__all__ = ["Turned", "month_name", "turned"]
