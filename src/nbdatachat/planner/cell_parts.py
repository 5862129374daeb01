"""The standing parts of composite cells: "Larkton" in "Larkton, Eastbay" (a place written
region first), "Marla Quist" in "Marla Quist (4-2)" (a name and its record), "Tova Lind" in
a cell listing "Tova Lind\\nUma Reyes", "Rift Hall" in "Rift Hall • Port Amel", "Rask" in
"#4 Rask*" (a rank and a mark around a name).

``value_parts.py`` reads words the question says as part of one column's cells. Most parts
are words inside a longer name ("varga" in "Ilona Varga"), and those must pick out less than
half of a column's values to be a name at all. A part that stands on its own in the cell is
different: the text before a bracket or a line break, the name a rank ("#4"), "at" / "vs."
and footnote marks dress, or one item of a list separated by commas, semicolons, line
breaks or bullets. Such a part is a thing of its own (a region the
cells are grouped by, the person whose record is in brackets, one member of a listed pair),
so it may cover most of a column's values, as a category does, and still filter them; and
when the words are a standing part in one column and only words inside longer names in
another ("Larkton" in "Larkton, Eastbay" and in "Larkton Rovers"), the standing part is
what the question names.
"""

from __future__ import annotations

import re

from .folding import fold, spelled
from .lexicon import stem
from .schema import SchemaModel

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: bracketed asides: "(4-2)", "[note 3]", "(New Town)"
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
#: what dresses a name in a schedule or a ranking: "at" / "vs." / "@" before it, a rank
#: "#4" before it, footnote marks after it
_MARKS = re.compile(r"^(?:(?:at|vs\.?|v\.?|@)\s+)?(?:#\d{1,3}\s+)?|[*†‡^]+$", re.I)
#: everything from a bracket that follows a name: the name's aside, however long
_TAIL = re.compile(r"(?<=\w)\s*[(\[].*$", re.S)
#: what separates the standing items of a cell
_ITEMS = re.compile(r"\s*(?:,|;|\n|•|·|\s/\s|\s[-–—]\s)\s*")


def _key(text: str) -> str:
    return " ".join(stem(fold(w.lower())) for w in _WORD.findall(spelled(text)))


def standing_parts(cell: str) -> set[str]:
    """Keys (stemmed, folded words as ``value_parts`` indexes them) of the parts of ``cell``
    that stand on their own: the text before its first bracket, and each item of a cell
    separated by commas, semicolons, line breaks or bullets (its brackets left out)."""
    text = str(cell).replace("\\n", "\n")
    out: set[str] = set()
    m = re.match(r"\s*([^()\[\]\n]*?\S)\s*[(\[\n]", text)
    if m:
        out.add(_key(m.group(1)))
    marked = _MARKS.sub("", text).strip()
    if marked and marked != text.strip():  # "#4 Larkton*", "at Veldmark", "vs. Rask"
        out.add(_key(marked))
    bare = _BRACKETS.sub(" ", text)
    pieces = [x.strip() for x in _ITEMS.split(bare) if x and x.strip()]
    if len(pieces) > 1:
        out.update(_key(x) for x in pieces)
    out.discard(_key(text))
    out.discard("")
    return out


def all_standing(key: str, cells: list[str]) -> bool:
    """Every cell holds ``key`` as one of its standing parts."""
    return bool(cells) and all(key in standing_parts(c) for c in cells)


def among_others(said: str, cell: str) -> bool:
    """``said`` is one line of a cell listing several ("Tova Lind" in "Tova Lind\nUma
    Reyes"): the cell answers for more than what was said, so it is no answer to a question
    that names only that item. (A place and its region, "Larkton, Eastbay", answers for
    the place well enough.)"""
    bare = _BRACKETS.sub(" ", str(cell).replace("\\n", "\n"))
    lines = [x for x in bare.split("\n") if x.strip()]
    return len(lines) > 1 and _key(said) in standing_parts(cell)


#: words before a place: "held in <part>", "played at <part>", "from <part>"
PLACE_BEFORE = {"in", "at", "from", "near"}


def standing_hits(hits: list[tuple[str, str]], schema: SchemaModel, key: str,
                  before: str = "") -> list[tuple[str, str]] | None:
    """The (column, cell) hits of ``key`` in the columns whose every hit holds it as a
    standing part, when there are such columns; None otherwise (then the words are judged
    as words inside names). A part in all of a column's values is read only as a place
    asked ("in Larkton" over a table of Larkton's towns is every row); otherwise it
    filters nothing ("issued" over cells "Issued (1998)", "Issued (2003)").
    Several such columns are all kept: the reader picks one by the question's words or
    asks which. A column holding the words only inside longer names is passed
    over for a standing part when a place is asked ("in", "at" before the words: "held in
    Larkton" is the region, not the "Larkton Cup"); otherwise the words are ambiguous."""
    by_col: dict[str, list[str]] = {}
    for c, v in hits:
        by_col.setdefault(c, []).append(v)
    kept: list[tuple[str, str]] = []
    for c, cells in by_col.items():
        if not all_standing(key, cells):
            continue
        p = schema.col(c)
        if len(set(cells)) >= (len(p.values or []) or p.n_distinct) and \
                before not in PLACE_BEFORE:
            return None  # in every value, and no place asked: "Issued (1998)" ...
        kept += [(c, v) for v in dict.fromkeys(cells)]
    if len({c for c, _ in kept}) < len(by_col) and before not in PLACE_BEFORE:
        return None
    return kept or None


def standing_notes(nodes: list, filtered: set[str]) -> list[str]:
    """How each name read as a standing part was read: "'larkton' read as a part of
    Region standing on its own (3 values)" (of the column filtered, when several held it)."""
    out: list[str] = []
    for nd in nodes:
        ms = nd.item.matches if nd.kind == "val" and nd.item is not None else []
        if ms and all(m.how == "part" for m in ms) and \
                all_standing(_key(nd.text), [str(m.value) for m in ms]):
            ms = [m for m in ms if m.column in filtered] or ms
            cols = " / ".join(dict.fromkeys(m.column for m in ms))
            out.append(f"'{nd.text}' read as a part of {cols} standing on its own "
                       f"({len(ms)} value{'s' if len(ms) != 1 else ''})")
    return out


def item_words(values: list[str]) -> float:
    """Words per standing item of a column's cells, on average: a list of short names
    ("Ann Lee, Bo Sun, Cy Day") or names with long asides in brackets have few, a column of
    sentences many."""
    sample = [_TAIL.sub("", str(v)) for v in values[:500]]  # "Name (a long aside ...)"
    items = [x for v in sample for x in _ITEMS.split(_BRACKETS.sub(" ", v)) if x.strip()]
    if not items:
        return 0.0
    return sum(len(_WORD.findall(x)) for x in items) / len(items)


__all__ = ["PLACE_BEFORE", "all_standing", "among_others", "item_words", "standing_hits",
           "standing_notes", "standing_parts"]
