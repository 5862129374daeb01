"""Forms of an anchored table-order question read beside ``positions.py`` (issue 12):
"previous" linked by "to" / "from" / "of", "previous *in the table* to X", a number of a
column whose values are all different as the anchor row ("the year previous to 1987"), and
the check that an anchored reading asks for the right column (a number column asked where
the anchor's kind of name is meant).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import FilterC, Incomplete, Reading
from .lexicon import name_tokens, stem
from .plan import Filter
from .schema import SchemaModel

if TYPE_CHECKING:
    from .grammar import Parser

#: words of the row before another, which may also link with "from" / "of"
EARLIER = {"previous", "preceding", "prior"}
EARLIER_LINKS = ("to", "from", "of")
#: words that place the order in the table itself ("listed first", "on the list")
LIST_NOUNS = {"list", "table", "chart", "page", "listing", "ranking", "rankings", "order"}


def loose(p: "Parser", i: int, word: str) -> bool:
    """"previous" may link with "to" / "from" / "of" ("the previous port to X", "previous
    of X"), unless an "after" / "before" said later is the real link ("the previous port
    of the line before X")."""
    return word in EARLIER and not any(
        nd.role is None and nd.low in ("after", "before") for nd in p.n[i + 1:])


def skip_list_words(p: "Parser", k: int, used: list[int]) -> int:
    """Past "in the table" / "on the list" at ``k`` (the words are used)."""
    m = k
    if p.low(m) in ("in", "on") and p.n[m].role is None:
        m += 1
        while p.low(m) in ("the", "this") and p.n[m].role is None:
            m += 1
        if p.low(m) in LIST_NOUNS and p.n[m].role is None:
            used.extend(range(k, m + 1))
            return m + 1
    return k


def skip_anchor_column(p: "Parser", j: int, used: list[int]) -> int:
    """Past the anchor's own column said before it ("before *the station* X", "after *the
    port of* X"): the index of the value when it is a value of that column, else ``j``."""
    nd = p.node(j)
    if nd is None or nd.kind != "col" or nd.role is not None:
        return j
    k = j + 1
    while p.node(k) is not None and p.n[k].low in ("of", "named", "called") and \
            p.n[k].role is None:
        k += 1
    val = p.node(k)
    if val is None or val.kind != "val" or val.role not in (None, "filter") or \
            not {m.column for m in val.item.matches} & set(nd.columns) or \
            len({m.column for m in val.item.matches}) != 1:
        return j
    used.extend(range(j, k))
    return k


def numbered_anchor(p: "Parser", j: int) -> FilterC | None:
    """"previous to 1987" over a column of years (or other numbers) whose values are all
    different: the one "=" filter an earlier rule read at ``j``, taken as the anchor row."""
    nd = p.node(j)
    if nd is None or nd.kind != "num" or nd.role not in (None, "filter") or \
            nd.item.tok is None or nd.item.tok.ordinal or nd.item.tok.pct:
        return None
    c = p.r.which_col
    if nd.role is None and c is not None and p.s.col(c).numeric and \
            p.s.col(c).min is not None and \
            float(p.s.col(c).min) <= float(nd.value) <= float(p.s.col(c).max):
        # "which season is previous to 1987": a number of the asked column itself
        hits = [FilterC(c, "=", nd.value, at=j, how="compare")]
    else:
        hits = [f for f in p.r.filters if f.at == j] if nd.role == "filter" else []
    if len(hits) != 1 or hits[0].op != "=" or hits[0].negated:
        return None
    prof = p.s.col(hits[0].column)
    if not prof.numeric or not p.s.n_rows or prof.n_distinct != p.s.n_rows:
        return None
    return hits[0]


def check_asked(r: Reading, s: SchemaModel, c: str, anchor: list[Filter]) -> None:
    """"what cup is previous of <a cup's name>" with Cup (numbers) beside Cup Name, or
    "who" / "named" asked of a number column: the anchor's kind of value is meant, not the
    number; asked back, never guessed."""
    if not anchor or not s.col(c).numeric or c == anchor[0].column and len(anchor) == 1:
        return
    words = {nd.low for nd in r.nodes}
    if words & {"who", "whom", "whose", "name", "names", "named", "called"} or \
            not s.col(anchor[0].column).numeric and {stem(t) for t in name_tokens(c)} <= \
            {stem(t) for t in name_tokens(anchor[0].column)}:
        other = [x for x in (anchor[0].column, s.label_column()) if x and x != c]
        raise Incomplete(f"{c} holds numbers; which column of that row do you want" +
                         (f": {c} or {other[0]}?" if other else "?"),
                         [c, *other[:1]] if other else s.names()[:12], clarify=True)


__all__ = ["EARLIER", "EARLIER_LINKS", "LIST_NOUNS", "check_asked",
           "loose", "numbered_anchor", "skip_anchor_column", "skip_list_words"]
