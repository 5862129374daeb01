"""Rows holding the same value as each other (issue 12): "which two singers are the same
age", "what two seasons had the same coach", "which towns have the same mayor as each
other", "how many crews had the same number of pennants as at least one other crew".

Read here: the question word, an optional number of answers ("two"), the rows' noun, one
verb of having ("have", "had", "share", "are" ...) and "the same (number of) <column>", then
nothing but a tail comparing the rows among themselves (each other, one another, (at least)
one other <noun>, another <noun>). "how many" counts those rows. No other condition may come
with it (a value, a comparison): which rows are compared would then be unclear. It becomes
the filter ``column = {"repeated": True}`` (``operations/filters.py``): the rows whose value
another row has too; the number asked ("which *two*") is checked by ``count_asked.py``, so four
rows sharing two values never answer "which two".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import FilterC
from .lexicon import name_tokens, stem

if TYPE_CHECKING:
    from .grammar import Parser

_OPENERS = {"which", "what", "list", "name", "how many"}
#: words between "same" and the column ("the same *number of* laps")
_LEAD = ("number of", "amount of", "total number of")
#: verbs of having a value, between the rows' noun and "the same"
_HAVE = {"have", "had", "has", "share", "shared", "are", "were", "got", "hold", "held",
         "with"}
_EACH_OTHER = ("each other", "one another")
_END = {"?", ".", "!"}


def read_same_shared(p: "Parser") -> bool:
    """Read one "which (two) <noun> have the same <column> (as one another)"; True when read."""
    first = p.next_content(0, {"so", "and", "then"})
    if p.low(first) not in _OPENERS:
        return False
    i = next((k for k, nd in enumerate(p.n) if nd.kind == "word" and nd.role is None and
              nd.low in ("same", "the same")), None)
    if i is None:
        return False
    col = i + 1 + (p.low(i + 1) in _LEAD)
    nd = p.node(col)
    if nd is None or nd.kind != "col" or nd.role is not None or len(set(nd.columns)) != 1:
        return False
    tail = col + 1
    used = [*range(i, col + 1)]
    if p.low(tail) == "as" and " ".join(p.low(k) for k in (tail + 1, tail + 2)) in _EACH_OTHER:
        used += [tail, tail + 1, tail + 2]
        tail += 3
    elif p.low(tail) == "as" and p.low(tail + 1) in _EACH_OTHER:
        used += [tail, tail + 1]
        tail += 2
    elif p.low(tail) == "as" and (other := _one_other(p, tail + 1, first)) is not None:
        used += [*range(tail, other)]  # "as at least one other crew", "as another crew"
        tail = other
    if any(p.n[k].low not in _END for k in range(tail, len(p.n))):
        return False
    before = [k for k in range(first + 1, i) if not (p.n[k].low == "the" and k == i - 1)]
    if p.n[i].low == "same" and p.low(i - 1) == "the":
        used.append(i - 1)
    if not _rows_then_verb(p, before):
        return False
    noun = p.n[[k for k in before if not p.n[k].is_number][0]]
    if noun.kind == "word" and p.r.which_col is None:
        named = [c for c in p.s.columns if c != p.column_of(nd) and
                 stem(noun.low) in {stem(t) for t in name_tokens(c)}]
        if len(named) == 1:  # "what two *years*" over "Event Year": the column asked
            p.r.which_col = named[0]
            noun.role = "which"
    p.r.filters.append(FilterC(p.column_of(nd), "=", {"repeated": True}, at=col,
                               how="compare"))
    p.use(*used, role="compare")
    p.use(before[-1], role="compare")  # the verb of having
    return True


def _one_other(p: "Parser", k: int, first: int) -> int | None:
    """After "as": "(at least) one other <noun>", "any other <noun>", "another <noun>" with
    the rows' noun (or none): the index after it, else None."""
    if p.low(k) == "at least" and p.low(k + 1) == "one" and p.low(k + 2) == "other":
        k += 3
    elif p.low(k) in ("any", "one") and p.low(k + 1) == "other":
        k += 2
    elif p.low(k) == "another":
        k += 1
    else:
        return None
    rows = next((x for x in range(first + 1, len(p.n)) if not p.n[x].is_number), None)
    nd = p.node(k)
    if nd is not None and rows is not None and nd.kind == p.n[rows].kind and (
            nd.kind == "col" and set(nd.columns) == set(p.n[rows].columns) or
            nd.kind == "word" and stem(nd.low) == stem(p.n[rows].low)):
        k += 1  # "... one other *crew*": the rows' noun said again
    return k


def _rows_then_verb(p: "Parser", before: list[int]) -> bool:
    """Between the question word and "the same": (a number,) the rows' noun, a verb of
    having, and nothing else."""
    words = [k for k in before if not p.n[k].is_number or p.n[k].value != 2]
    if len(words) != 2 or p.low(words[1]) not in _HAVE:
        return False
    noun = p.n[words[0]]
    return noun.role in (None, "which", "counted") and noun.kind in ("word", "col")


__all__ = ["read_same_shared"]
