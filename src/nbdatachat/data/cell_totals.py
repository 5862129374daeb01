"""Cells that show their sum: "70-68-71=209", "21+19=40" (rounds and their total, as score
tables write them), read as the total after the "=".

Every such cell writes two or more whole numbers joined by "-", "–" or "+", then "=" and
their total; the total is the cell's value ("the lowest score", "more than 210", "X's
total"). A column is read so only when (nearly) every present cell is written that way and
the parts add up to the total in most of them (a check that these are sums, not codes or
ranges); the cell's text is what the answer quotes otherwise.
"""

from __future__ import annotations

import re

import pandas as pd

_SUM = re.compile(r"^\s*(\d{1,4}(?:\s*[-–+]\s*\d{1,4})+)\s*=\s*(\d{1,5})\s*$")
_PARTS = re.compile(r"\d+")
MIN_SHARE = 0.9


def totals(t: pd.Series) -> pd.Series | None:
    """The totals of a text column of sums (module docstring), or None."""
    present = t.dropna().astype(str)
    if len(present) < 2:
        return None
    m = present.str.extract(_SUM)
    ok = m[1].notna()
    if ok.mean() < MIN_SHARE:
        return None
    adds = [sum(int(x) for x in _PARTS.findall(a)) == int(b)
            for a, b in zip(m[0][ok], m[1][ok])]
    if sum(adds) < MIN_SHARE * len(adds):
        return None
    out = pd.Series(float("nan"), index=t.index, dtype="float64")
    out[m[1][ok].index] = m[1][ok].astype("float64")
    return out


__all__ = ["totals"]
