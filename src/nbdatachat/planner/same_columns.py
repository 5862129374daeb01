"""Two columns equal in one row (issue 12): "which rider won the same number of stages as
sprints", "how many books have the same writer as illustrator", "which skater had the same
score in the short program as in the free skate", "the same place for both round 1 and
round 2".

Constructions read here, each naming two columns A and B of the same kind of values (both
numbers, or both text) and nothing after B:

* "the same (number of / amount of) <A> as (the / its / his / her / their) <B>";
* "(the number of) <A> was the same as <B>", "was <A> the same as <B>";
* "the same <noun>? in / for <A> as (in / for) <B>" (the noun the columns share, "score");
* "the same <noun>? in / for (both) <A> and <B>".

Each becomes the filter ``A = {"column": B}`` (``operations/filters.py``): the rows where
the two cells are equal. The rest of the question (which column is asked, a count, "name
one") is read as for any filter. A "same" followed by one named row ("as X") is
``same_as.py``'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import FilterC

if TYPE_CHECKING:
    from .grammar import Parser

#: words between "same" and the first column ("the same *number of* goals")
_LEAD = {"number of", "number", "amount of", "amount", "total", "total number of", "of"}
#: words between "as" (or "and") and the second column
_GAP = {"the", "its", "his", "her", "their", "his her", "his/her", "in", "for", "on", "at"}
#: words that may follow the first column ("the same author *listed* as")
_AFTER = {"listed", "recorded", "given", "shown", "written"}
_END = {"?", ".", "!"}
_COPULA = {"is", "was", "are", "were"}
_AUX = _COPULA | {"do", "does", "did", "has", "have", "had"}
#: lexicon tags of words that are no noun the two columns share ("score", "result" are)
_NOT_NOUN = {"func", "count", "position", "cmp", "neg", "sup", "agg", "number", "ordinal",
             "link", "group", "limit", "share", "change"}


def read_same_columns(p: "Parser") -> bool:
    """Read one "the same <A> as <B>" over two columns of a row (see the module docstring);
    True when it was read."""
    if p.low(p.next_content(0, {"so", "and", "then"})) in _AUX:
        return False  # "does X have the same A as B": a yes/no, not read here
    for i, nd in enumerate(p.n):
        if nd.kind == "word" and nd.role is None and nd.low in ("same", "the same"):
            got = _pair(p, i)
            if got is None:
                return False
            a, b, used = got
            p.r.filters.append(FilterC(a, "=", {"column": b}, at=used[-1], how="compare"))
            p.use(*used, role="compare")
            if nd.low == "same" and p.low(i - 1) == "the":
                p.use(i - 1, role="compare")
            return True
    return False


def _pair(p: "Parser", i: int) -> tuple[str, str, list[int]] | None:
    """(column A, column B, the words read) after the "same" at ``i``, or None."""
    if p.low(i + 1) == "as":
        return _copula(p, i)
    used = [i]
    j = i + 1
    while p.node(j) is not None and p.n[j].kind == "word" and p.n[j].low in _LEAD:
        used.append(j)
        j += 1
    noun = p.node(j)
    if noun is not None and noun.kind == "word" and noun.role is None and noun.low.isalpha() \
            and not set(noun.tags) & _NOT_NOUN and p.low(j + 1) in ("in", "for"):
        used.append(j)  # "the same *score* in A as B": the cells' noun
        j += 1
    if p.low(j) in ("in", "for"):
        used.append(j)
        j += 1
        if p.low(j) == "both":
            used.append(j)
            j += 1
    a = j
    if p.low(a) == "name" and p.r.which_col is not None and \
            not p.s.col(p.r.which_col).numeric:
        a_col = p.r.which_col  # "which film has the same title as its novel": the film
    elif _column(p, a):
        a_col = p.column_of(p.n[a])
    else:
        return None
    j = a + 1
    while p.low(j) in _AFTER:
        used.append(j)
        j += 1
    if p.low(j) not in ("as", "and"):
        return None
    used.append(j)
    return _checked(p, a_col, _second(p, j + 1, used), used + [a])


def _copula(p: "Parser", i: int) -> tuple[str, str, list[int]] | None:
    """"(the number of) <A> was the same as (the number of) <B>"."""
    k = i - 1 - (p.n[i].low == "same" and p.low(i - 1) == "the")
    used = [i, i + 1]
    if _column(p, k):  # "was (the number of) <A> the same as"
        a, x = k, k - 1
        while p.node(x) is not None and p.n[x].kind == "word" and p.n[x].low in _LEAD | _GAP:
            used.append(x)
            x -= 1
        if p.low(x) not in _COPULA:
            return None
        used.append(x)
    elif p.low(k) in _COPULA and _column(p, k - 1):  # "<A> was the same as"
        a, x = k - 1, k - 2
        used.append(k)
        while p.node(x) is not None and p.n[x].kind == "word" and p.n[x].low in _LEAD | _GAP:
            used.append(x)  # "*the number of* laps run was ..."
            x -= 1
    else:
        return None
    return _checked(p, p.column_of(p.n[a]), _second(p, i + 2, used), used + [a])


def _second(p: "Parser", j: int, used: list[int]) -> int | None:
    """The index of column B, the last words of the question, from ``j`` on."""
    while p.node(j) is not None and p.n[j].kind == "word" and p.n[j].low in _GAP | _LEAD:
        used.append(j)
        j += 1
    if not _column(p, j) or any(p.n[k].low not in _END for k in range(j + 1, len(p.n))):
        return None
    return j


def _checked(p: "Parser", ca: str, b: int | None, used: list[int]
             ) -> tuple[str, str, list[int]] | None:
    """(A, B, the words read) when the two columns can be compared cell by cell."""
    if b is None:
        return None
    cb = p.column_of(p.n[b])
    if ca == cb or p.r.clarify is not None or p.s.col(ca).numeric != p.s.col(cb).numeric:
        return None
    which = p.r.which_col
    if which is not None and p.s.col(which).numeric and not p.s.col(which).year_like:
        return None  # "which finalist" over a column of scores: not the rows' names
    return ca, cb, used + [b]


def _column(p: "Parser", k: int) -> bool:
    nd = p.node(k)
    return nd is not None and nd.kind == "col" and nd.role is None and len(set(nd.columns)) == 1


__all__ = ["read_same_columns"]
