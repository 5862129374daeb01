"""Several columns named by one word, told apart by the question's other words.

"residents" names both "Residents (1991 Survey)" and "Residents (2011 Survey)"; "which
town had the most residents in the 2011 survey" says which by its other words ("2011",
"survey"). "The first run" picks "Run 1" over "Run 2", "the female winner" picks "Women's
winner", and of "Lift Name" and "Lift Manufacturer", "which lift" means the name.

A column is picked only when its words beyond the mention meet words of the question that
nothing else has read, more of them than any other candidate's do (or as many, when it is
the one whose words beyond the mention are all said: "USD, 2012" over "USD PPP, 2012" for
"per capita in USD in 2012"); those words are then used
(they said which column), so no other rule reads "2010" as a year filter. Otherwise the
reader asks which column is meant, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import Node
from .count_share import pick_count_share
from .unit_columns import pick_unit_column
from .lexicon import name_tokens, stem

if TYPE_CHECKING:
    from .grammar import Parser

#: words said one way in questions and another in headers (ordinals as numbers, sexes as
#: the plural headers use)
_SAME = {"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5",
         "sixth": "6", "1st": "1", "2nd": "2", "3rd": "3", "4th": "4", "5th": "5", "6th": "6",
         "male": "man", "males": "man", "men": "man", "man": "man", "mens": "man",
         "female": "woman", "females": "woman", "women": "woman", "woman": "woman",
         "womens": "woman", "ladies": "woman", "lady": "woman"}
#: header words that say a column names the things ("Lift Name")
_NAMING = {"name", "title"}
#: header words that tell nothing apart
_BARE = {"s", "st", "nd", "rd", "th", "of", "the", "in", "and", "no", "number"}


def _norm(word: str) -> str:
    w = word.lower()
    return _SAME.get(w, stem(w))


def _words(text: str) -> set[str]:
    return {_norm(t) for t in name_tokens(text)} - _BARE


def pick_column(p: "Parser", nd: Node, top: list[str]) -> str | None:
    """The one candidate of ``top`` the question's unread words point to (module docstring);
    the words are used. None when they point to none or to several."""
    if id(nd) in p.r.column_picks:
        return p.r.column_picks[id(nd)]  # asked again: the words were used the first time
    share = pick_count_share(p, nd, top) or pick_unit_column(p, nd, top)  # "%", "in miles"
    if share is not None:
        p.r.column_picks[id(nd)] = share
        return share
    said = _words(nd.text)
    free: dict[str, list[int]] = {}
    for k, other in enumerate(p.n):
        if other is nd or other.role is not None or other.kind not in ("word", "num", "col"):
            continue
        for w in _words(other.text):
            free.setdefault(w, []).append(k)
    hits = {}
    for c in top:
        extra = _words(c) - said
        found = extra & set(free)
        if found:
            hits[c] = found
    if not hits:
        return _name_column(said, top)
    ranked = sorted(hits.items(), key=lambda kv: -len(kv[1]))
    if len(ranked) > 1 and len(ranked[1][1]) >= len(ranked[0][1]):
        tied = [(c, f) for c, f in ranked if len(f) == len(ranked[0][1])]
        # "per capita in USD in 2012" over "(USD, 2012)" and "(USD PPP, 2012)": the one
        # whose every other word the question says; else "census" is in both "... (2000
        # Census)" and "... (2010 Census)", and the reader asks
        whole = [(c, f) for c, f in tied if not _words(c) - said - f]
        if len(whole) != 1:
            return None
        ranked = whole
    col, found = ranked[0]
    p.use(*[k for w in found for k in free[w]], role="column")
    p.r.column_picks[id(nd)] = col
    return col


def _name_column(said: set[str], top: list[str]) -> str | None:
    """"how many lifts", "which marker": of "Lift Name" and "Lift Manufacturer", the column
    that names the things (its only other word is "name" or "title")."""
    named = [c for c in top if _words(c) - said and _words(c) - said <= _NAMING]
    return named[0] if len(named) == 1 else None


__all__ = ["pick_column"]
