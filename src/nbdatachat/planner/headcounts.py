"""People counted as an amount: "how many people *attended* the May 3 game", "the number of
fans in *attendance*", "the number of attendees at the final".

A table of events often holds its crowd in one numeric column (Attendance, Visitors). "How
many people attended X" asks for that column's value on X's row, not for a count of rows
(the rows are events, not people). Read so only when the headcount noun ("people", "fans",
"spectators", "attendees" ...) comes right after the count words and then a verb or a noun
that shares its stem with exactly one numeric column ("attended" / "attendees" and
"Attendance", "visited" and "Visitors"), or "in <that column>". Of several such columns, one per
year ("2000 attendance", "2002 attendance"), the one whose year the question says. Otherwise
the count stays a count, and the reader refuses or asks back as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import MeasureC
from .lexicon import PEOPLE_NOUNS, load, name_tokens

if TYPE_CHECKING:
    from .grammar import Parser

_COUNTING = {"how many", "number of", "amount of", "total of", "total number of",
             "the number of"}
HEADCOUNT_NOUNS: set[str] = set(load()["headcount_nouns"])
_RELATIVE = {"who", "that"}
_PREFIX = 5


def read_headcounts(p: "Parser") -> None:
    """Read the shapes of the module docstring as the crowd column (a measure)."""
    for i, nd in enumerate(p.n):
        if nd.role is not None or nd.low not in _COUNTING:
            continue
        j = i + 1
        noun = p.node(j)
        if noun is None or noun.role is not None or noun.kind != "word":
            continue
        if noun.low not in HEADCOUNT_NOUNS and noun.low not in PEOPLE_NOUNS:
            continue
        own = _stem_column(p, noun.low)
        if own is None:
            k = j + 1
            if p.low(k) in _RELATIVE:
                k += 1
            after = p.node(k)
            if after is None or after.role is not None:
                continue
            if after.low == "in" and p.node(k + 1) is not None and \
                    p.n[k + 1].kind == "col" and p.n[k + 1].role is None and \
                    _crowd(p, [p.column_of(p.n[k + 1])]):
                p.use(i, j, role="ignored")  # "the number of people in attendance"
                p.r.notes.append(f'read "{nd.text} {noun.text}" as the amount in '
                                 f"{p.column_of(p.n[k + 1])!r}")
                continue
            col = _stem_column(p, after.low) if after.kind == "word" else None
            used = list(range(i, k + 1))
        else:
            col = own
            used = [i, j]  # "the number of attendees"
        if col is None:
            continue
        p.r.measures.append(MeasureC(col, [], used[-1]))
        p.use(*used, role="measure")
        p.r.notes.append(f'read "{" ".join(p.n[u].text for u in used)}" as {col!r}: the '
                         f"people counted are its amount")


def _root(word: str) -> str:
    """"attended", "attendees" -> "attend"; "visited", "visitors" -> "visit"."""
    w = word.lower()
    for suffix in ("ees", "ors", "ers", "ing", "ed", "es", "ee", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= _PREFIX:
            return w[:-len(suffix)]
    return w


def _crowd(p: "Parser", cols: list[str]) -> bool:
    return len(cols) == 1 and p.s.col(cols[0]).numeric and p.s.col(cols[0]).role == "measure"


def _stem_column(p: "Parser", word: str) -> str | None:
    """The one numeric column with a name word sharing the word's stem ("attended",
    "attendees" and "Attendance")."""
    w = _root(word)
    if len(w) < _PREFIX or not word.isalpha():
        return None
    fits = [c for c, prof in p.s.columns.items() if prof.numeric and prof.role == "measure"
            and any(t.lower().startswith(w) for t in name_tokens(c) if len(t) >= _PREFIX)]
    if len(fits) > 1:  # "2000 attendance", "2002 attendance": the year the question says
        for k, nd in enumerate(p.n):
            hit = [c for c in fits if nd.kind == "num" and nd.role is None and
                   nd.text in name_tokens(c)]
            if len(hit) == 1 and len(nd.text) == 4:
                p.use(k, role="column")
                return hit[0]
        if p.r.clarify is None:  # a count of rows would answer another question
            p.r.clarify = (f'"{word}" could mean several columns: {", ".join(fits)}. Which '
                           f"one do you mean?", fits)
    return fits[0] if len(fits) == 1 else None


__all__ = ["read_headcounts"]
