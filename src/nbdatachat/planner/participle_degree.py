""""The least attended concert", "the most visited museum": a degree word before a participle
that names a numeric column by its verb.

"Attended" grounds to no column (it is a verb), so "who was the opponent in the least
attended game" ranks nothing and the reader refuses, though "the game with the least
attendance" is read. Here the participle right after a superlative ("most", "least",
"best", "worst", "highest", "lowest") names the one numeric column whose name has a word
opening with the verb's stem ("attend" -> Attendance, "visit" -> Visitors): that column is
ranked. A stem shorter than four letters, or one opening words of several columns, names
nothing, and the reader refuses as before. "Visited by the most guests" says the same with
the participle before "by the <degree> <people>". A number column named before the degree word
("what was the week of the most attended game") would be ranked itself instead, so such a
question is refused, saying why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .headcounts import HEADCOUNT_NOUNS
from .lexicon import name_tokens

if TYPE_CHECKING:
    from .grammar import Parser

_DEGREE = {"most", "least", "fewest", "best", "worst", "highest", "lowest"}
_MIN_STEM = 4


def _verb_stem(word: str) -> str | None:
    w = word.lower()
    if not w.endswith("ed") or len(w) < _MIN_STEM + 2:
        return None
    base = w[:-2]
    if len(base) > 2 and base[-1] == base[-2]:
        base = base[:-1]  # "planned" -> "plan"
    return base if len(base) >= _MIN_STEM else None


def participle_column(p: "Parser", i: int) -> str | None:
    """The numeric column the participle right after the degree word at ``i`` names (module
    docstring), the participle then used; None when there is none or several."""
    if p.n[i].low not in _DEGREE:
        return None
    nxt = p.node(i + 1)
    if nxt is None or nxt.kind != "word" or nxt.role is not None:
        return None
    agent = _by_people(p, i)
    if agent is not None:  # "visited by the most guests": the participle before "by"
        nxt, people = agent, nxt
    base = _verb_stem(nxt.low)
    if base is None:
        return None
    cols = [c for c, prof in p.s.columns.items() if prof.numeric and prof.role == "measure" and
            any(t.startswith(base) for t in name_tokens(c))]
    if len(cols) != 1:
        return None
    numbers_before = [nd for nd in p.n[:i] if nd.kind == "col" and nd.columns and
                      p.s.col(nd.columns[0]).numeric]
    if numbers_before:
        # "what was the week of the most attended game": read otherwise, the weeks
        # themselves would be ranked, so say what was not read
        p.r.problems.append(f'"{p.n[i].text} {nxt.text}" ranks by {cols[0]}, which I cannot '
                            f'read beside {numbers_before[0].text!r}, another number; ask '
                            f'which row it is first ("which row was the {p.n[i].low} '
                            f'{nxt.low}").')
        return None
    p.use(p.n.index(nxt), role="column")
    if agent is not None:
        p.use(p.n.index(people), role="column")
    return cols[0]


def _by_people(p: "Parser", i: int):
    """The participle of "<participle> by the <degree> <people>" ("visited by the most
    fans"), or None."""
    if i < 3 or p.n[i - 1].low != "the" or p.n[i - 2].low != "by":
        return None
    nxt, verb = p.node(i + 1), p.n[i - 3]
    if nxt is None or nxt.low not in HEADCOUNT_NOUNS or verb.kind != "word" or \
            verb.role is not None:
        return None
    return verb


__all__ = ["participle_column"]
