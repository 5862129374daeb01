"""Cells that list several years: "how many times did <row> win" over a column such as
"Titles won" whose cells read "1988, 1991, 1997" is the number of years in that row's
cell (3), not a count of rows (which would say 1).

Read only when all hold (otherwise the reading is left to the refusal that asks for one of
the row's values):

* the question counts rows picked by a value naming a single row (the caller's case);
* the noun counted is "times", "years" or "seasons", or a word of the listed column's name;
* the listed column is a text column whose every cell is one year or several years
  separated by commas (at least one cell lists several): such items separate cleanly, and
  a cell of ranges ("2001-2003") or of other words is not counted;
* exactly one such column fits: the one whose name shares a word with the question (a verb
  such as "win" for "won" counts), or the only one when the noun counted is "years" or
  "seasons" and nothing else is named.

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


def _counted_noun(r: Reading) -> str | None:
    lows = [n.low for n in r.nodes]
    for i in range(len(lows) - 1):
        if lows[i] == "how many":
            return lows[i + 1]
        if lows[i] == "how" and lows[i + 1] == "many" and i + 2 < len(lows):
            return lows[i + 2]
    return None


def list_count(r: Reading, s: SchemaModel, plan: Plan, named: str) -> Plan | None:
    """The number of years listed in the one row ``named`` picks (module docstring)."""
    noun = _counted_noun(r)
    if noun is None:
        return None
    lists = [c for c in s.names() if c != named and _is_year_list(s, c)]
    if not lists:
        return None
    words = {_base(n.low) for n in r.nodes if n.kind == "word" and n.role != "filter"
             and n.low not in _SKIP}
    cols_named = {c for n in r.nodes if n.kind == "col" and n.role != "filter"
                  for c in n.columns}
    fit = [c for c in lists if c in cols_named or
           words & {_base(t) for t in name_tokens(c) if t not in _SKIP}]
    noun_base = _base(noun)
    if noun not in _UNIT_NOUNS and not any(noun_base in {_base(t) for t in name_tokens(c)}
                                           for c in fit):
        return None
    if not fit and noun in ("years", "seasons") and len(lists) == 1 and not cols_named:
        fit = lists
    if len(fit) != 1 or any(f.column == fit[0] for f in plan.filters):
        return None
    plan.measures = [Measure("items", fit[0])]
    return plan
