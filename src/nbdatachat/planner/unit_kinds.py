"""Unit nouns whose kinds are columns: "medals" over Gold, Silver, Bronze and Total.

Some tables count one unit in a column per kind of it and add a column of their sum (a
medal table: Gold, Silver, Bronze, Total). The question then says the unit ("how many
medals did X win", "the most medals", "won more medals, A or B") and means the total, or
says a kind with the unit ("one gold medal", "the silver medal count") and means that kind's
column. The kinds of a unit are general knowledge kept in the lexicon (``unit_kinds``);
the columns are recognised by name:

* a kind column is a numeric column whose name holds exactly one kind word ("Gold",
  "Silver medals"); each kind has at most one column and at least two kinds have one;
* the total column is the one numeric column named only by total words ("Total",
  "Overall", "Total medals"), and no kind has more than the total;
* the unit noun right after a kind column (perhaps with "count" / "tally") is part of that
  column's mention ("gold medal" -> Gold); elsewhere it names the total column;
* "which medal", "medal type", "kind of medal" ask which kind, so the noun is left to the
  wide-table reading (``wide.py``) that stacks the kind columns.

"Only golds", "has only won bronze medals": that kind above 0 and every other kind 0
(``count_numbers.read_only_kinds``, a rule of the grammar).

A table without a total column grounds nothing here (the unit stays a word that grounded
nothing, and the reader says so).
"""

from __future__ import annotations

import difflib

from .lexicon import UNIT_KINDS, name_tokens, stem
from .schema import Match, SchemaModel
from .tokens import Tok

#: words naming a column of row totals
_TOTAL_WORDS = {"total", "overall", "sum", "all", "combined", "grand"}
#: nouns after the unit that still name its number ("the medal count", "medal tally")
_TALLY = {"count", "counts", "tally", "tallies", "haul", "total", "totals"}
#: words around the unit that ask which kind it is ("which medal", "medal type")
_WHICH_BEFORE = {"which", "what"}
_WHICH_AFTER = {"type", "types", "kind", "kinds", "category", "categories", "colour",
                "color"}
#: how sure the reading of a unit noun is: below a column's exact name, above a part of it
UNIT_SCORE = 0.9


def kind_columns(schema: SchemaModel, unit: str) -> dict[str, str]:
    """Kind word -> its one numeric column, or {} when the table does not count ``unit``
    by kinds (fewer than two kinds, a kind in two columns, a column naming two kinds)."""
    kinds = set(UNIT_KINDS.get(unit, ()))
    out: dict[str, str] = {}
    ok = True
    for c, p in schema.columns.items():
        hit = kinds & {stem(t) for t in name_tokens(c)}
        if not hit:
            continue
        if len(hit) > 1 or not p.numeric:
            ok = False
            break
        k = hit.pop()
        if k in out:
            ok = False
            break
        out[k] = c
    return out if ok and len(out) >= 2 else {}


def total_column(schema: SchemaModel, unit: str) -> str | None:
    """The one numeric column of row totals beside the kind columns of ``unit``."""
    kinds = kind_columns(schema, unit)
    if not kinds:
        return None
    allowed = _TOTAL_WORDS | {unit, "number", "no", "of"}
    found = [c for c, p in schema.columns.items()
             if p.numeric and c not in kinds.values() and
             {stem(t) for t in name_tokens(c)} & _TOTAL_WORDS and
             {stem(t) for t in name_tokens(c)} <= allowed]
    if len(found) != 1:
        return None
    top = schema.col(found[0]).max
    for c in kinds.values():
        high = schema.col(c).max
        if top is not None and high is not None and float(high) > float(top):
            return None  # not a total of them
    return found[0]


def unit_of(word: str) -> str | None:
    """The unit a question word names ("medals" -> "medal"), or None."""
    s = stem(word.lower())
    return s if s in UNIT_KINDS else None


def _misspelt_kind(word: str, unit: str, vocabulary: set[str]) -> bool:
    """"sliver medal": an unknown word close to a kind of the unit is that kind misspelt,
    which the reader cannot be sure of (nor is the unit then the total)."""
    if len(word) < 4 or word in vocabulary or not word.isalpha():
        return False
    return any(difflib.SequenceMatcher(None, word, k).ratio() >= 0.7
               for k in UNIT_KINDS[unit] if stem(word) != k)


def _compound(word: str, vocabulary: set[str]) -> bool:
    """"medal winners", "medal standings": the unit names another noun, not a number."""
    return word.isalpha() and word not in vocabulary and word not in _TALLY and \
        word.endswith(("er", "ers", "ist", "ists", "ings"))


def unit_spans(toks: list[Tok], taken: list[bool],
               chosen: list[tuple[int, int, str, list[Match]]],
               schema: SchemaModel,
               vocabulary: set[str]) -> list[tuple[int, int, str, list[Match]]]:
    """Spans of unit nouns nothing took, read as a kind column or the total column (module
    docstring). Marks the words it takes in ``taken``."""
    col_ending = {b: ms[0].column for a, b, kind, ms in chosen if kind == "col" and ms}
    out: list[tuple[int, int, str, list[Match]]] = []
    for i, t in enumerate(toks):
        if taken[i] or t.kind != "word":
            continue
        unit = unit_of(t.low)
        if unit is None:
            continue
        kinds = kind_columns(schema, unit)
        if not kinds:
            continue
        prev = toks[i - 1].low if i > 0 else ""
        nxt = toks[i + 1].low if i + 1 < len(toks) else ""
        if prev in _WHICH_BEFORE or nxt in _WHICH_AFTER or (
                prev == "of" and i > 1 and toks[i - 2].low in _WHICH_AFTER):
            continue  # "which medal", "medal type": which kind, not how many
        near = {x.low for x in toks[max(0, i - 2):i + 3]}
        if "each" in near or "every" in near:
            continue  # "one of every medal", "a medal in each of ...": every kind
        if (i > 0 and not taken[i - 1] and _misspelt_kind(prev, unit, vocabulary)) or (
                nxt and not taken[i + 1] and _compound(nxt, vocabulary)):
            continue
        end = i + 1
        if nxt in _TALLY and not taken[i + 1]:
            end = i + 2  # "medal count": the same number
        before = col_ending.get(i)
        if before in kinds.values():
            column = before  # "gold medal(s)": the unit after its kind
        else:
            column = total_column(schema, unit)
            if column is None:
                continue
        for k in range(i, end):
            taken[k] = True
        out.append((i, end, "col", [Match("column", column, UNIT_SCORE, "unit")]))
    return out


__all__ = ["UNIT_KINDS", "kind_columns", "total_column", "unit_of", "unit_spans"]
