"""Numbers of counted things before a column of counts: "4 cylinders", "two gold medals",
"at least 2 silver and 1 bronze".

A whole number right before a numeric column is that column's value ("4 cylinders"). A
number word is one too ("two gold medals", "only one title"), except where "one" is a
pronoun ("the one", "which one", "each one"). And a number joined by "and" / "or" to a
compared one takes its comparison ("at least 2 silver and 1 bronze": at least 1 bronze too),
the way English leaves the second comparison unsaid.

"Did not take any silver medals", "never received a bronze", "without a single bronze": a
negated verb and "any" / "a" before a column of counts is that count being 0.

"Only golds", "has only won bronze medals": a kind column of a unit (``unit_kinds``) above
0 and the other kinds of that unit 0.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import FilterC, Incomplete
from .lexicon import SCALE_WORDS
from .result_verbs import result_noun
from .unit_kinds import UNIT_KINDS, kind_columns

if TYPE_CHECKING:
    from .grammar import Parser

#: words after which "one" is a pronoun, not a number ("the one", "which one")
_PRONOUN_BEFORE = {"the", "which", "what", "each", "every", "any", "this", "that", "no"}
_COMPARED = (">", ">=", "<", "<=")


def count_number_op(p: "Parser", i: int) -> str | None:
    """The comparison a number node at ``i`` puts on the column right after it ("=", or the
    one carried over from "at least N X and M Y"), or None when it is not such a number."""
    nd = p.n[i]
    if nd.role is not None or nd.value is None or not float(nd.value).is_integer():
        return None
    if nd.kind == "num":
        if nd.item.tok is None or nd.item.tok.pct:
            return None
    elif not (nd.kind == "word" and "number" in nd.tags and nd.low not in ("a", "an") and
              p.low(i - 1) not in _PRONOUN_BEFORE and nd.low not in SCALE_WORDS):
        return None
    after = p.node(i + 1)
    if nd.kind == "word" and not (after is not None and after.kind == "col" and
                                  all(p.s.col(c).kind == "integer" for c in after.columns)):
        return None  # "in one weekend" beside a column of money: not a count of weekends
    before = p.node(i - 1)
    if before is not None and before.is_number:
        return None  # "two hundred": one number in words, which the tokens keep apart
    if result_noun(p, i - 1, i + 1, []):
        return None  # "won 23 games" is no number of all the games (Games)
    if p.low(i - 1) == "and" and i >= 3:
        col = p.n[i - 2]
        earlier = [f for f in p.r.filters if f.at == i - 3 and f.how == "compare" and
                   col.kind == "col" and col.role == "filter" and f.column in col.columns]
        if len(earlier) == 1 and earlier[0].op in _COMPARED:
            return earlier[0].op
    return "="


#: words between "not" and the column of counts it makes 0 ("not win *any*", "not get *a*")
_NONE_DETERMINERS = {"any", "a", "an", "single"}
_NEGATIONS = {"not", "n't", "never", "without"}


def read_zero_counts(p: "Parser") -> None:
    """"did not earn any silver medals": the count column is 0 (module docstring)."""
    for i, nd in enumerate(p.n):
        if nd.role is not None or nd.low not in _NEGATIONS:
            continue
        j = i + 1
        verb = p.node(j)
        if verb is not None and verb.kind == "word" and verb.role is None and \
                verb.low not in _NONE_DETERMINERS and (not verb.tags or "verb" in verb.tags or
                                                       verb.low in _HAVE):
            j += 1  # "not *win* any", "never *received* a", "do not *have* any"
        elif nd.low != "without":
            continue
        k = j
        while p.node(k) is not None and p.n[k].kind == "word" and \
                p.n[k].low in _NONE_DETERMINERS:
            k += 1
        col = p.node(k)
        if col is None or col.kind != "col" or col.role is not None or \
                len(set(col.columns)) != 1 or (k == j and not _unit_column(p, col)):
            continue  # "did not take silver": a kind of a unit needs no "any"
        prof = p.s.col(col.columns[0])
        if prof.kind != "integer" or prof.binary or prof.role != "measure" or \
                prof.min is None or float(prof.min) != 0:
            continue  # a count that can be 0, not a code or a year
        p.r.filters.append(FilterC(col.columns[0], "=", 0, at=k, how="compare"))
        p.use(*range(i, k + 1), role="filter")


_HAVE = {"have", "has", "had", "get", "gets", "got"}


def _unit_column(p: "Parser", col) -> bool:
    """A kind column of a unit ("Gold") or the total a unit noun named ("medals")."""
    c = col.columns[0]
    return col.item.matches[0].how == "unit" or \
        any(c in kind_columns(p.s, u).values() for u in UNIT_KINDS)


#: words saying nothing else was counted ("only golds", "just silver", "solely bronze")
_ONLY = {"only", "just", "solely", "exclusively"}


def read_only_kinds(p: "Parser") -> None:
    """"which club won only golds", "who has only won bronze medals": the kind column
    above 0 and the other kinds of its unit 0. Not "only 2 golds" (a number: the count is
    read by the comparatives) nor "the only nation" (one row asked for)."""
    for i, nd in enumerate(p.n):
        if nd.kind != "col" or nd.role is not None or len(set(nd.columns)) != 1:
            continue
        col = nd.columns[0]
        kinds = next((k for u in UNIT_KINDS if col in (k := kind_columns(p.s, u)).values()),
                     None)
        if not kinds:
            continue
        j = i - 1
        verb = p.node(j)
        if verb is not None and verb.kind == "word" and verb.role is None and \
                verb.low not in _ONLY and (not verb.tags or "verb" in verb.tags):
            j -= 1  # "only *won* silver"
        only = p.node(j)
        if only is None or not (only.low in _ONLY and only.role is None or
                                only.kind == "col" and only.low.split()[-1] in _ONLY):
            continue  # ("which nations only": the entity took the word along)
        nxt = p.node(i + 1)
        if nxt is not None and (nxt.is_number or "cmp" in nxt.tags):
            continue
        p.r.filters.append(FilterC(col, ">", 0, at=i, how="compare"))
        for other in kinds.values():
            if other != col:
                p.r.filters.append(FilterC(other, "=", 0, at=i, how="compare"))
        p.r.notes.append(f"read \"{only.low.split()[-1]} {nd.text}\" as {col} above 0 and "
                         f"{', '.join(c for c in kinds.values() if c != col)} 0")
        p.use(*range(j, i + 1), role="filter")


#: verbs of getting a unit: "won gold" is at least one gold
_WON = {"won", "win", "wins", "earned", "earn", "received", "receive", "got", "get", "took",
        "take", "captured", "claimed"}


def _counted_after(p: "Parser", i: int) -> bool:
    """A number or comparison after the column ("won gold 3 times"): not a bare "won gold"."""
    nxt = p.node(i + 1)
    return nxt is not None and (nxt.is_number or "cmp" in nxt.tags)


def said_total(p: "Parser", i: int) -> list[int]:
    """"a total of four silver": the words "total of" before the number at ``i`` only say
    it is a count (not the Total column as what is asked); their indices."""
    before = p.node(i - 2)
    if p.low(i - 1) == "of" and before is not None and before.low == "total" and \
            before.role is None and p.low(i - 3) in ("a", "the"):
        return [i - 2, i - 1]
    return []


def read_some_of_kind(p: "Parser") -> None:
    """"earned a silver medal", "received a medal", "one medal, a silver": a verb (or the
    unit counted just before), "a", then a kind column of a unit (or the total the unit noun
    named) is that count at least 1; so is "won gold" (a verb of getting right before it)
    when nothing in the question ranks or compares."""
    ranked = any(nd.has("sup", "cmp", "implied") or nd.low in ("more", "less", "fewer")
                 for nd in p.n)
    for i, nd in enumerate(p.n):
        if i and not ranked and nd.low in _WON and nd.role is None and \
                p.node(i + 1) is not None and p.n[i + 1].kind == "col" and \
                p.n[i + 1].role is None and _unit_column(p, p.n[i + 1]) and \
                not _counted_after(p, i + 1):
            c = p.n[i + 1].columns[0]  # "which club won gold": at least one
            p.r.filters.append(FilterC(c, ">=", 1, at=i + 1, how="compare"))
            p.use(i + 1, role="filter")
            continue
        if nd.role is not None or nd.low not in ("a", "an") or i == 0:
            continue
        verb, col = p.n[i - 1], p.node(i + 1)
        if col is None or col.kind != "col" or col.role is not None or \
                len(set(col.columns)) != 1:
            continue
        c = col.columns[0]
        unit = col.item.matches[0].how == "unit"
        kinds = [k for u in UNIT_KINDS for k in kind_columns(p.s, u).values()]
        if not unit and c not in kinds:
            continue
        said = verb.kind == "word" and verb.role is None and (not verb.tags or
                                                              "verb" in verb.tags)
        counted = verb.kind == "col" and verb.item.matches[0].how == "unit"
        if not (said or counted or verb.low == ","):
            continue  # "won a medal"; "one medal, a silver": a verb or the counted unit
        nxt = p.node(i + 2)
        if nxt is not None and (nxt.is_number or "cmp" in nxt.tags):
            continue
        p.r.filters.append(FilterC(c, ">=", 1, at=i + 1, how="compare"))
        p.use(i, i + 1, role="filter")


def check_kinds_together(s, plan) -> None:
    """"how many silver and bronze medals did X win": one number of two kinds, which two
    separate totals do not give (nor does it say whether to add them): refused."""
    cols = {m.column for m in getattr(plan, "measures", []) if m.column}
    for unit in UNIT_KINDS:
        kinds = set(kind_columns(s, unit).values())
        if len(cols & kinds) >= 2 and not getattr(plan, "group_by", None):
            raise Incomplete(f"That asks for one number of {' and '.join(sorted(cols & kinds))}"
                             f" together; ask for each, or for their sum.", sorted(cols & kinds))


__all__ = ["check_kinds_together", "count_number_op", "read_only_kinds", "read_some_of_kind",
           "read_zero_counts", "said_total"]
