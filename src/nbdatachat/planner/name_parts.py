"""A part of a person's name said as a condition (issue 12): "how many wardens had *the last
name* Lund", "the wardens *with the given name of* Ole", "rowers *with the surname* Berg".

"First" and "last" before "name" do not ask about the order of the rows here: the words name
a part of each row's name. The condition keeps the rows whose name has the word as its first
word (first or given name) or its last word (last name, surname, family name), brackets such
as "(D)" or "[3]" left out, and compares in any case: the values kept are listed in the
filter, so the answer shows which names were read. Read only when:

* the word after "name" / "name of" / "surname" is one word of letters (an apostrophe or a
  hyphen inside it allowed), a value of the table or a word the lexicon does not know;
* exactly one text column of names (most of its cells two to five words) holds values with
  that word in that place, and it is the column said when "name" names one ("Name");
* a count ("how many wardens had ...") only over a column where no name repeats: rows and
  people are then the same number (a warden named twice is one person, or two terms).

Anything else is left unread, and the coverage check refuses as before.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import FilterC

if TYPE_CHECKING:
    from .grammar import Parser
    from .schema import SchemaModel

_PART_OF = {"first": "first", "given": "first", "last": "last", "family": "last"}
_SURNAMES = {"surname", "surnames"}
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\]]*\]")
_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_ONE_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")
_COUNTED = re.compile(r"\b(how many|number of|count|total)\b")
NAME_SHARE = 0.6  # of a column's cells that must read as names of two to five words


def read_name_parts(p: "Parser") -> None:
    """Find one "the last name X" / "the first name of X" / "the surname X" (see the module
    docstring) and read it as a filter on the column of names."""
    for i, nd in enumerate(p.n):
        if nd.role is not None:
            continue
        said = None
        if nd.kind == "word" and nd.low in _PART_OF and p.low(i + 1) == "name" and \
                p.n[i + 1].role is None:
            part, used, j = _PART_OF[nd.low], [i, i + 1], i + 2
            if p.n[i + 1].kind == "col":
                said = set(p.n[i + 1].columns)
        elif nd.kind == "word" and nd.low in _SURNAMES:
            part, used, j = "last", [i], i + 1
        else:
            continue
        if p.low(j) == "of" and p.n[j].role is None:
            used.append(j)
            j += 1
        target = p.node(j)
        if target is None or target.role is not None or target.kind not in ("val", "word") \
                or target.kind == "word" and target.tags or not _ONE_WORD.match(target.text):
            continue  # "the first name *shown*": a word of the question, not a name
        hits = name_values(p.s, target.text, part)
        if len(hits) != 1 or said is not None and hits[0][0] not in said:
            continue
        col, values = hits[0]
        prof = p.s.col(col)
        if _COUNTED.search(p.r.question.lower()) and \
                prof.n_distinct < prof.n_rows - prof.n_null:
            continue
        value = values[0] if len(values) == 1 else values
        p.r.filters.append(FilterC(col, "=" if len(values) == 1 else "in", value, at=j))
        p.use(*used, j, role="filter")
        return


def name_values(s: "SchemaModel", word: str, part: str) -> list[tuple[str, list[str]]]:
    """(column, its values whose first / last word is ``word``) for each text column of
    names that holds some."""
    want = word.casefold().replace("’", "'")
    found = []
    for c, prof in s.columns.items():
        cells = [str(v) for v in (prof.values or []) if v is not None]
        if prof.numeric or not cells:
            continue
        words = [_WORDS.findall(_BRACKETS.sub(" ", v)) for v in cells]
        if sum(2 <= len(w) <= 5 for w in words) < NAME_SHARE * len(cells):
            continue
        at = 0 if part == "first" else -1
        kept = [v for v, w in zip(cells, words)
                if len(w) >= 2 and w[at].casefold().replace("’", "'") == want]
        if kept:
            found.append((c, kept))
    return found


__all__ = ["name_values", "read_name_parts"]
