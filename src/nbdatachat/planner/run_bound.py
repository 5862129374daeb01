"""A number right after a column's word picks a run's rows (issue 12): "how many consecutive
weeks was the rank #2", "for how many successive rounds was the seed number 4".

Run questions name what repeats as a column and a number with no linking word ("the rank
#2", "ranks at number 17", "page 39"), which ``number_rows.py`` (a linking word: "a weight
of 60") leaves unread; the run would then be refused. Read here, for a run only: the rows
whose cell of that one column is the number, written plainly or after "#" ("#2"). Only when
the word names one column, the number is a plain whole number, nothing after it claims it
("rank 2 teams"), and the column holds the number: a numeric column equal to it, or a text
column whose cells read "2" or "#2" (another cell holding it with more, "2-3" or "T2",
breaks no run in fact, so the reading is refused rather than count it short).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import FilterC, Incomplete

if TYPE_CHECKING:
    from .constituents import Reading
    from .schema import SchemaModel

#: words between the column and its number ("ranks *at number* 11", "seed *no* 4")
_BETWEEN = {"at", "number", "no", "#", "of", "is", "was", "were"}


def bind_numbers(r: "Reading", s: "SchemaModel") -> None:
    """Read "<column> [at number] <n>" as the rows whose column is ``n`` (module docstring)."""
    for k, nd in enumerate(r.nodes):
        if nd.role is not None or nd.kind != "num" or nd.value is None or \
                not float(nd.value).is_integer() or nd.item.tok is None or \
                nd.item.tok.ordinal or nd.item.tok.pct:
            continue
        nxt = r.nodes[k + 1] if k + 1 < len(r.nodes) else None
        if nxt is not None and nxt.role is None and (nxt.kind == "col" or "unit" in nxt.tags):
            continue  # "rank 2 teams": the number belongs to what follows
        j, used = k - 1, [k]
        while j >= 0 and k - j <= 2 and r.nodes[j].role is None and \
                r.nodes[j].low in _BETWEEN:
            used.append(j)
            j -= 1
        col = r.nodes[j] if j >= 0 else None
        if col is None or col.kind != "col" or col.role not in (None, "column") or \
                len(set(col.columns)) != 1:  # ("column": named, taken by nothing yet)
            continue
        c = col.columns[0]
        value = _cell_value(s, c, int(nd.value))
        if value is None:
            continue
        r.filters.append(FilterC(c, "=", value, at=k, how="named"))
        for i in [j, *used]:
            r.nodes[i].role = "filter"
        r.notes.append(f"read '{col.text} {nd.text}' as the rows whose {c!r} is {value!r}")


def _cell_value(s: "SchemaModel", c: str, n: int) -> object | None:
    """The value of column ``c`` that is the number ``n``, or None when it holds none."""
    prof = s.col(c)
    if prof.numeric:
        if prof.role == "time" or prof.min is None or not float(prof.min) <= n <= float(
                prof.max):
            return None
        vals = prof.values
        if vals and not any(_is_number(v, n) for v in vals):
            return None
        return n
    vals = [str(v) for v in prof.values or [] if v is not None]
    plain = [v for v in vals if v.strip() in (str(n), f"#{n}")]
    if len(set(plain)) != 1:
        return None
    other = [v for v in vals if v not in plain and
             re.search(rf"(?<![\d.]){n}(?![\d.])", v)]
    if other:
        raise Incomplete(f"{plain[0]!r} is also written as {other[0]!r} in {c!r}, so a run "
                         f"of rows equal to it could stop early. Say which values to count.",
                         s.names()[:12])
    return plain[0]


def _is_number(v: object, n: int) -> bool:
    try:
        return float(v) == n
    except (TypeError, ValueError):
        return False


__all__ = ["bind_numbers"]
