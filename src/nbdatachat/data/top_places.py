"""Standings that leave their top places blank (issue 12): a rank column empty in the first
rows.

Results tables often mark the medal rows with a medal instead of a number: the column of
places is empty in the first one to three rows and reads 4, 5, 6 ... after them (or 2, 3 ...
after one empty row). Those rows hold the places before the first number, in the table's
order, so "which runner won the heat" is the first row, not a question the table cannot
answer. The empty cells are read as those places only when all of these hold:

* the column is named for places (rank, place, pos, position, placing, standing) and holds
  numbers (after ``text_values`` read them);
* its first k rows, k from 1 to 3, are empty, and the next row holds exactly k + 1;
* the numbers after it are whole, never go down (ties allowed) and are at least two.

Empty cells further down ("DNF" rows at the bottom) stay empty: they hold no place, and a
question about the first N places leaves them out (``planner/rank_threshold.py``). The
answer says what was read (``ParsedColumn.note``), and the pandas code shown repeats it
through ``parse_text_columns``.
"""

from __future__ import annotations

import re

import pandas as pd

MAX_BLANK = 3  # medal rows: gold, silver, bronze
_PLACE_WORDS = {"rank", "place", "pos", "position", "placing", "standing"}


def _named_for_places(name) -> bool:
    return bool(_PLACE_WORDS & set(re.findall(r"[a-z]+", str(name).lower())))


def blank_top(values: list) -> int:
    """How many first cells are empty places (0: the column is no such standing)."""
    k = 0
    while k < len(values) and k <= MAX_BLANK and pd.isna(values[k]):
        k += 1
    if not 1 <= k <= MAX_BLANK or k >= len(values):
        return 0
    present = [float(v) for v in values[k:] if not pd.isna(v)]
    if len(present) < 2 or present[0] != k + 1 or \
            any(not v.is_integer() for v in present) or \
            any(b < a for a, b in zip(present, present[1:])):
        return 0
    return k


def fill_top_places(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[str, int]]]:
    """``frame`` with the empty top places of its standings filled (a shallow copy; the same
    object when there are none), and each column filled with its number of rows."""
    names = frame.columns.tolist()
    out = None
    filled: list[tuple[str, int]] = []
    for i, col in enumerate(names):
        if names.count(col) > 1 or not _named_for_places(col):
            continue
        s = frame.iloc[:, i]
        if not pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s) or \
                len(s) == 0 or not pd.isna(s.iloc[0]):
            continue  # a filled first place: no list of the whole column is built
        k = blank_top(s.tolist())
        if not k:
            continue
        if out is None:
            out = frame.copy(deep=False)
        values = s.to_numpy(dtype=float, copy=True)
        values[:k] = range(1, k + 1)
        out[col] = values
        filled.append((str(col), k))
    return (out if out is not None else frame), filled


__all__ = ["blank_top", "fill_top_places"]
