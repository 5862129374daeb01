"""Cells that list several items: "how many times did <row> win" over a column such as
"Titles won" whose cells read "1988, 1991, 1997" is the number of years in that row's
cell (3), not a count of rows (which would say 1); "how many members does <row> have" over
a column "Members" of "Ann Okoro, Bill Tran and Cy Day" is 3.

Read only when all hold (otherwise the reading is left to the refusal that asks for one of
the row's values, or which count is meant):

* the question counts rows picked by a value naming a single row, or the distinct values
  of the listed column over such rows;
* a column of years: every cell one year or several separated by commas (at least one
  lists several; a range "2001-2003" or other words are not counted), and the noun counted
  is "times", "years" or "seasons" or a word of its name, and the question's words (a verb
  such as "win" for "won") name it, or it is the only one and "years" / "seasons" is asked;
* a column of names: the noun counted is a plural word of the column's name ("members",
  "Members"), and every cell is short items that separate cleanly: by commas, with "and" /
  "&" only before the last item of a cell that has a comma (in "A & B" alone it may be one
  name), no other separators, no name suffix after a comma ("Smith, Jr."), no number
  written with a thousands comma, at least two cells listing several;
* exactly one column fits.

The count is the ``items`` aggregation of that column over the row's filters.
"""

from __future__ import annotations

import re

from .constituents import Reading
from .lexicon import name_tokens, stem
from .plan import Plan
from .plan_parts import Measure
from .schema import SchemaModel

_YEAR_LIST = re.compile(r"^\s*\d{4}(\s*,\s*\d{4})*\s*$")
_SEVERAL = re.compile(r"\d{4}\s*,\s*\d{4}")
_UNIT_NOUNS = {"times", "years", "seasons"}
#: a comma before a name's suffix ("Smith, Jr.", "Acme, Inc."): not two items
_SUFFIX = re.compile(r",\s*(jr|sr|inc|ltd|co|llc|ii|iii|iv)\b", re.I)
#: "and" / "&" joining the last item ("A, B and C"); in a cell without a comma it may be
#: part of one name ("A & B"), so such a column is not read
_JOIN = re.compile(r"\s(?:and|&)\s", re.I)
_OTHER_SEPS = re.compile(r"\d,\d|;|\n|\\n|/|&(?!\s)|(?<!\s)&")
#: past forms whose stem differs from the present one ("won" in a column name, "win" asked)
_VERB_FORMS = {"won": "win", "held": "hold", "ran": "run", "made": "make", "lost": "lose",
               "took": "take", "got": "get", "gave": "give", "wrote": "write",
               "led": "lead", "came": "come", "went": "go", "saw": "see", "hosted": "host",
               "played": "play", "finished": "finish", "reached": "reach"}
_SKIP = {"how", "many", "did", "does", "do", "has", "have", "had", "was", "were", "is",
         "are", "the", "a", "an", "of", "in", "on", "for", "to", "by", "at", "with",
         "times", "time"}


def _base(word: str) -> str:
    """A word's base for matching a column name: "won" -> "win", "winning" / "winner" ->
    "win", "crowned" -> "crown"."""
    w = word.lower()
    w = _VERB_FORMS.get(w, stem(w))
    for suffix in ("ing", "er", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[:-len(suffix)]
            break
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # "winn" -> "win", "runn" -> "run"
    return w


def _is_year_list(s: SchemaModel, col: str) -> bool:
    p = s.col(col)
    vals = [str(v) for v in (p.values or []) if str(v).strip()]
    if p.kind not in ("text", "other") or not vals or p.n_distinct > len(p.values or []):
        return False  # not every value seen: cells cannot all be checked
    return all(_YEAR_LIST.match(v) for v in vals) and any(_SEVERAL.search(v) for v in vals)


def _names_plural(col: str, noun: str) -> bool:
    """``col`` has ``noun`` as a plural word of its name ("Finalists", "Counties served")."""
    return any(t.endswith("s") and len(t) > 3 and stem(t) == stem(noun)
               for t in name_tokens(col))


def _items(v: str) -> list[str] | None:
    """The items of one cell: "A, B, and C" / "A, B & C" -> A, B, C; None when they do not
    separate cleanly (a join inside an earlier item, or in a cell without a comma, where
    "A & B" may be one name; other separators; a name suffix after a comma)."""
    if _SUFFIX.search(v) or _OTHER_SEPS.search(v):
        return None
    parts = [i.strip() for i in v.split(",")]
    if len(parts) == 1:
        return None if _JOIN.search(v) else parts
    last = re.sub(r"^(and|&)\s+", "", parts[-1], flags=re.I)
    if any(_JOIN.search(i) for i in parts[:-1]):
        return None
    tail = _JOIN.split(last)
    if len(tail) > 2:
        return None
    return parts[:-1] + [t.strip() for t in tail]


def _is_name_list(s: SchemaModel, col: str) -> bool:
    """Every cell a short item or items that separate cleanly (:func:`_items`), at least
    two cells listing several."""
    p = s.col(col)
    vals = [str(v) for v in (p.values or []) if str(v).strip()]
    if p.kind not in ("text", "other") or not vals or p.n_distinct > len(p.values or []):
        return False
    several = 0
    for v in vals:
        items = _items(v)
        if items is None or any(not i or len(i.split()) > 4 for i in items):
            return False
        several += len(items) > 1
    return several >= 2


def _counted_noun(r: Reading) -> str | None:
    lows = [n.low for n in r.nodes]
    for i in range(len(lows) - 1):
        if lows[i] == "how many":
            return lows[i + 1]
        if lows[i] == "how" and lows[i + 1] == "many" and i + 2 < len(lows):
            return lows[i + 2]
    return None


def _year_fit(r: Reading, s: SchemaModel, noun: str, named: str) -> list[str]:
    """The year-list columns the question's words name (module docstring)."""
    lists = [c for c in s.names() if c != named and _is_year_list(s, c)]
    if not lists:
        return []
    words = {_base(n.low) for n in r.nodes if n.kind == "word" and n.role != "filter"
             and n.low not in _SKIP}
    cols_named = {c for n in r.nodes if n.kind == "col" and n.role != "filter"
                  for c in n.columns}
    fit = [c for c in lists if c in cols_named or
           words & {_base(t) for t in name_tokens(c) if t not in _SKIP}]
    noun_base = _base(noun)
    if noun not in _UNIT_NOUNS and not any(noun_base in {_base(t) for t in name_tokens(c)}
                                           for c in fit):
        return []
    if not fit and noun in ("years", "seasons") and len(lists) == 1 and not cols_named:
        fit = lists
    return fit


def list_count(r: Reading, s: SchemaModel, plan: Plan, named: str) -> Plan | None:
    """The number of items listed in the one row ``named`` picks (module docstring)."""
    noun = _counted_noun(r)
    if noun is None:
        return None
    fit = _year_fit(r, s, noun, named)
    fit += [c for c in s.names() if c != named and c not in fit and _names_plural(c, noun)
            and _is_name_list(s, c)]
    if len(fit) != 1 or any(f.column == fit[0] for f in plan.filters):
        return None
    plan.measures = [Measure("items", fit[0])]
    return plan


def distinct_items(r: Reading, s: SchemaModel, plan: Plan, i: int) -> bool:
    """"how many <plural column> does <one row> have": the ``i``-th measure, a count of the
    distinct values of a list column over rows a value names as one row, becomes the
    number of items in that row's cell. True when so replaced."""
    m = plan.measures[i]
    noun = _counted_noun(r)
    col = m.column
    if noun is None or col is None or not _names_plural(col, noun):
        return False
    one = [f for f in plan.filters if f.op == "=" and f.column != col and
           not isinstance(f.value, (list, dict)) and s.n_rows >= 5 and
           s.col(f.column).n_distinct >= 0.9 * s.n_rows]
    if len(one) != 1 or len(plan.filters) != 1 or len(plan.measures) != 1:
        return False
    if not (_is_name_list(s, col) or _is_year_list(s, col)):
        return False
    plan.measures[i] = Measure("items", col)
    return True
