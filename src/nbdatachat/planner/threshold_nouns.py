"""The column a threshold compares when the question names it with a noun beside it (issue
12), for ``compare.py`` once its own readings found no column:

* a column, then a noun of quantity that adds nothing to it: "a *height* mark below 10",
  "*enrolment* numbers above 3,500", "*final* scores higher than 7", "a *seat* limit of at
  least 40", "a *pass* rate above 75%". The noun is one of a few words saying "the
  number" (numbers, counts, figures, marks, scores, rate, level, limit ...), it names no
  column itself ("grid area" where Area is a column of its own is not the grid column), the
  column is a numeric one that is not a time, and every word of its name is said ("grid"
  alone does not name "Grid factor"). "rate" is read so only over a column of shares (its
  name says %, rate, ratio or percent), because a rate of wins is not a number of wins.
* a number of people over the table's one crowd column: "at least 9,000 people in
  attendance", "over 19,500 spectators", "over 25,000 attendees", "attended by at least
  7,500 fans". The noun after the number is a headcount noun, the table has exactly one
  numeric column named for a crowd (attendance, crowd, spectators, visitors, audience), and
  the number is within ten times its largest value. "In attendance" after the noun and a
  verb of attending right before the comparison are read with it.

* the second bound of a pair said once: "more than 150 entries but less than 900", "a
  score above 40 but below 65": a comparison right after "but" or "and" whose number finds
  no column of its own takes the column of the comparison just before it, when that one
  bounds the other side (a lower bound then an upper bound, or the other way round).

Anything else is left to the reader, which refuses as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .headcounts import HEADCOUNT_NOUNS
from .lexicon import name_tokens, stem

if TYPE_CHECKING:
    from .grammar import Parser

#: nouns of quantity said after a column's name: "enrolment numbers", "a height mark"
QUANTITY_NOUNS = {"number", "numbers", "count", "counts", "figure", "figures", "values",
                  "mark", "marks", "score", "scores", "rate", "rating", "ratings", "level",
                  "levels", "limit", "amounts", "tally"}
#: words of a column name that need not be said ("No. of X", "Number of X")
_FILLER = {"no", "of", "the", "number", "num", "nr", "a", "an", "and"}
#: the stems a crowd column's name opens a word with
_CROWD = ("attend", "crowd", "spectator", "visitor", "audience")
#: verbs of attending said right before the comparison ("attended by at least 7,500")
_ATTEND = {"attended", "attend", "watched", "visited"}


def _share_column(name: str) -> bool:
    low = name.lower()
    return "%" in low or any(w in low for w in ("rate", "ratio", "percent", "pct"))


def column_before_noun(p: "Parser", b: int, used: list[int]) -> str | None:
    """The numeric column named right before a noun of quantity that comes right before the
    comparison ("enrolment numbers above 3,500"; ``b``: the last word before the comparison
    that is not a function word), the two words added to ``used``; else None."""
    noun = p.node(b)
    if noun is None or noun.kind != "word" or noun.role is not None or \
            noun.low not in QUANTITY_NOUNS:
        return None
    named = p.node(b - 1)
    if named is None or named.kind != "col" or named.role is not None:
        return None
    col = p.column_of(named, prefer="numeric")
    prof = p.s.col(col)
    if not prof.numeric or prof.role in ("time", "id"):
        return None
    if noun.low == "rate" and not _share_column(col):
        return None
    said = {stem(w) for w in named.text.lower().replace(".", " ").split()}
    words = {stem(t) for t in name_tokens(col) if t.isalpha() and len(t) > 1} - _FILLER
    if not words or not words <= said:
        return None  # "grid" alone does not name 'Grid factor'
    if any(stem(noun.low) in {stem(t) for t in name_tokens(c)} for c in p.s.names()
           if c != col):
        return None  # the noun names a column of its own: "grid area" beside 'Area'
    used.extend([b - 1, b])
    p.r.notes.append(f'read "{named.text} {noun.text}" as {col!r}')
    return col


def crowd_column(p: "Parser", after: int, used: list[int], values: tuple) -> str | None:
    """The table's one crowd column for a number of people ("over 19,500 people"),
    the words read with it added to ``used``; else None."""
    noun = p.node(after)
    if noun is None or noun.kind != "word" or noun.role is not None or \
            noun.low not in HEADCOUNT_NOUNS:
        return None
    crowds = [c for c in p.s.names()
              if any(t.lower().startswith(_CROWD) for t in name_tokens(c))]
    if len(crowds) != 1:
        return None
    col = crowds[0]
    prof = p.s.col(col)
    if not prof.numeric or prof.role in ("time", "id") or prof.max is None:
        return None
    if not all(0 < v <= float(prof.max) * 10 for v in values):
        return None
    words = [after]
    nxt = p.node(after + 1)
    if nxt is not None and nxt.low == "in" and nxt.role is None:
        named = p.node(after + 2)
        if named is not None and named.kind == "col" and named.role is None and \
                col in named.columns:
            words += [after + 1, after + 2]  # "people in attendance"
    elif nxt is not None and nxt.role is None and nxt.kind == "word" and nxt.low in _ATTEND:
        words.append(after + 1)  # "fewer than 9,000 people attend"
    k = min(used) - 1
    if p.low(k) == "by" and p.node(k - 1) is not None and p.n[k - 1].role is None and \
            p.n[k - 1].low in _ATTEND:
        words += [k - 1, k]  # "attended by at least 7,500 people"
    used.extend(words)
    p.r.notes.append(f'read "{noun.text}" as the crowd in {col!r}')
    return col


_LOWER, _UPPER = {">", ">="}, {"<", "<="}


def second_bound(p: "Parser", used: list[int]) -> str | None:
    """The column of the comparison just before "but" / "and" when this one, right after
    it, bounds the other side ("more than 150 ... but less than 900"); else None."""
    k = min(used)
    if p.low(k - 1) not in ("but", "and") or p.n[k - 1].role is not None:
        return None
    ops = [p.n[u].tags["cmp"].rstrip("+") for u in used if "cmp" in p.n[u].tags]
    if len(ops) != 1:
        return None
    before = [f for f in p.r.filters if f.how == "compare" and 0 <= f.at < k]
    if not before:
        return None
    last = max(before, key=lambda f: f.at)
    if not (last.op in _LOWER and ops[0] in _UPPER or last.op in _UPPER and
            ops[0] in _LOWER) or last.negated:
        return None
    if any(f.how == "compare" and f.at > last.at and f is not last for f in p.r.filters):
        return None
    used.append(k - 1)
    return last.column


def unnamed_column(p: "Parser", b: int, after: int, used: list[int],
                   values: tuple) -> str | None:
    """The column of the first of the module docstring's readings that finds one."""
    from .result_verbs import result_column  # "won more than 8 games" over Wins
    return column_before_noun(p, b, used) or crowd_column(p, after, used, values) or \
        second_bound(p, used) or result_column(p, b, after, used, values)


__all__ = ["QUANTITY_NOUNS", "column_before_noun", "crowd_column", "second_bound",
           "unnamed_column"]
