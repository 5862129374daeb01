"""A word before the rows' noun that picks a kind of row is never read past.

"how many *female* athletes", "list the *norwegian* riders", "which *home* games": the word
before the noun naming the rows says which of them are meant. When nothing read it (no
column or value grounded it), earlier rules may have taken it as the rows' own noun or as
part of the phrase naming them and put it in ``r.ignored``; the count or list would then run
over every row and answer another question. Such a word goes back to ``r.unknown`` so the
reader refuses and names it.

Read past still: a word before a column of names when the question names some of its
rows ("which <w> rider was first, A or B"), the table's own name words, words that only say the rows are counted one
by one ("individual", "separate", "listed"), and words the lexicon tags (totals, ranks,
"different").
"""

from __future__ import annotations

import re

from .constituents import Reading
from .lexicon import name_tokens, stem
from .schema import SchemaModel

#: modifiers that leave the rows as they are ("how many *individual* players")
_NEUTRAL = {"individual", "separate", "listed", "named", "given", "known", "actual",
            "overall", "entire", "whole", "various", "several", "unique", "distinct",
            "different", "total", "other", "single", "specific", "particular", "such"}
#: roles of a column node that names the rows (counted, listed, or asked "which")
_ROW_ROLES = (None, "which", "entity", "ignored")


def unread_modifiers(r: Reading, s: SchemaModel) -> None:
    """Move an unread modifier of the rows' noun from ``r.ignored`` back to ``r.unknown``
    (module docstring). Runs after the rules that read past words, before the plan."""
    if not r.ignored:
        return
    ignored = {w.lower() for w in r.ignored}
    table_words = {stem(t) for t in name_tokens(s.table)}
    moved: set[str] = set()
    for i, nd in enumerate(r.nodes[:-1]):
        w = nd.low
        if nd.kind != "word" or nd.tags or w not in ignored or not w.isalpha() or \
                len(w) < 3 or w in _NEUTRAL or w.endswith("ly") or stem(w) in table_words:
            continue
        if i > 0 and r.nodes[i - 1].low in ("'s", "of"):
            continue  # "the club's players": an owner, read by its own rules
        if not _row_noun(r, s, i + 1):
            continue
        nd.role = None
        moved.add(w)
    if not moved:
        return
    r.ignored = [x for x in r.ignored if x.lower() not in moved]
    r.entity = [x for x in r.entity if x.lower() not in moved]
    for nd in r.nodes:
        if nd.low in moved and nd.kind == "word":
            held = _held(s, nd.low)
            if held:  # "jubilee" in "Railway Jubilee": say which cells it would pick
                r.problems.append(f'"{nd.text}" is part of some values of {held[0]!r} '
                                  f'({held[1]}), so it picks rows, which this reading does '
                                  f"not do.")
            else:
                r.unknown.append(nd.text)


def _held(s: SchemaModel, w: str) -> tuple[str, str] | None:
    """The first text column some (not all) of whose cells hold ``w`` as a word, with
    up to three of those cells."""
    part = re.compile(r"(?<!\w)" + re.escape(w) + r"(?!\w)")
    for c, p in s.columns.items():
        values = [str(v) for v in (p.values or [])]
        if p.kind != "text" or not values or len(values) > 5000:
            continue
        held = [v for v in values if part.search(v.lower())]
        if held and len(held) < len(values):
            return c, ", ".join(repr(v) for v in held[:3])
    return None


def _row_noun(r: Reading, s: SchemaModel, j: int) -> bool:
    """Whether node ``j`` names the rows: a column of names counted, listed or asked
    "which", a plural word taken as the rows' own noun, or a plural read as part of some
    cells right after a word taken for the rows' noun."""
    nd = r.nodes[j]
    if nd.kind == "col":
        if nd.role not in _ROW_ROLES or not nd.columns:
            return False
        p = s.col(nd.columns[0])
        if any(n.kind == "val" and nd.columns[0] in n.columns for n in r.nodes):
            return False  # "which <w> driver was first, A or B": the rows are named
        return not p.numeric and p.kind == "text"
    if nd.kind == "val" and nd.role == "filter" and r.nodes[j - 1].low in {
            w.lower() for w in r.entity} and nd.low.isalpha() and nd.low.endswith("s") and \
            stem(nd.low) != nd.low:
        return True  # "how many <w> woods" with "woods" read in some names: the noun
    if nd.kind == "word" and not nd.tags and nd.low in {w.lower() for w in r.entity}:
        w = nd.low
        return w.endswith("s") and stem(w) != w
    return False


__all__ = ["unread_modifiers"]
