"""The rows' own noun and the verb of a "the same <column> as X" question (issue 12), for
``same_as.py``.

"what other *vessel* has the same tonnage as the Osprey", "tell me a *runner* with the same
club as Ann Lee": the noun no column grounds names the kind of the rows, and the answer is
another row's name, from the anchor's own column (the Osprey is a name of that column). It
is read so only when that column is the table's column of names: its most varied text
column, which is also its first text column; otherwise the noun is left to coverage, which
refuses it.

"which rider *rode* the same bike as X", "which club *played* in the same league as X": one
verb no column grounds, right before "the same" (with a preposition between), says how each
row holds the shared value; it is read past, and the answer says so. No other unread word
may stand between the rows and "the same".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import OUTCOME_NOUNS, name_tokens, stem

if TYPE_CHECKING:
    from .grammar import Parser
    from .same_as import SameC

_WH = {"which", "what"}
_TELL = {"name", "tell me", "give me", "find", "list"}
_ONE = {"a", "an", "one", "another", "the other"}
_PREPOSITIONS = {"in", "on", "at", "for", "from", "to", "with", "by", "into", "under"}
_SKIP = {"so", "and", "then"}


def read_row_words(p: "Parser", start: int, same: "SameC", named: int | None = None) -> None:
    """Read the rows' noun and one verb before the "the same" at ``start`` (see the module
    docstring); nothing is changed when any other word stays unread. ``named``: the anchor
    value said first ("X <verb> the same <column> as which other <noun>"), after which only
    the verb is read."""
    first = p.next_content(0, _SKIP)
    if named is not None:
        _verb_before(p, named + 1, start, same)
        return
    if p.low(first) in _WH:
        k = first + 1 + (p.low(first + 1) == "other")
    elif p.low(first) in _TELL and p.low(first + 1) in _ONE:
        k = first + 2 + (p.low(first + 2) == "other")
    else:
        return
    noun = None
    nd = p.node(k)
    if nd is None or k >= start:
        return
    if nd.kind == "col" and nd.role == "which":
        k += 1  # "which rider <verb> the same ...": the rows named by a column
    elif _unread(nd) and nd.low.isalpha() and not nd.low.endswith("ly") and \
            p.r.which_col is None and _names_rows(p, same.anchor[0].column):
        noun = k
        k += 1
    else:
        return
    verb = _one_verb(p, k, start)
    if verb is None:
        return
    if noun is not None:
        p.n[noun].role = "entity"
        p.r.entity.append(p.n[noun].text)
        p.r.ignored.append(p.n[noun].text)
        p.r.notes.append(f'read "{p.n[noun].text}" as the rows, named in '
                         f'{same.anchor[0].column!r}')
    _read_verb(p, verb, same)


def _verb_before(p: "Parser", k: int, start: int, same: "SameC") -> None:
    verb = _one_verb(p, k, start)
    if verb is not None:
        _read_verb(p, verb, same)


def _one_verb(p: "Parser", k: int, start: int) -> int | None:
    """The index of the one unread verb between ``k`` and ``start`` (-1: none there), or
    None when other words stay unread."""
    rest = [x for x in range(k, start) if p.n[x].role is None and not _harmless(p.n[x])]
    if not rest:
        return -1
    x = rest[0]
    if len(rest) != 1 or not _verb(p.n[x]) or not (
            x == start - 1 or x == start - 2 and p.low(x + 1) in _PREPOSITIONS):
        return None
    return x


def _read_verb(p: "Parser", verb: int, same: "SameC") -> None:
    if verb >= 0:
        p.n[verb].role = "same"
        p.r.ignored.append(p.n[verb].text)
        p.r.notes.append(f'read "{p.n[verb].text}" as how each row has its '
                         f'{same.column!r}')


def word_column(p: "Parser", j: int) -> str | None:
    """"does X have the same *time* as Y" over one column "Time/Gap": a general word
    right before "as" that grounding left alone, which is a word of exactly one column's
    name."""
    nd = p.node(j)
    if nd is None or nd.kind != "word" or nd.role is not None or not nd.low.isalpha() or \
            p.low(j + 1) != "as" or len(nd.low) < 3:
        return None
    hit = [c for c in p.s.columns if stem(nd.low) in {stem(t) for t in name_tokens(c)}]
    return hit[0] if len(hit) == 1 else None


def _unread(nd) -> bool:
    return nd.kind == "word" and nd.role in (None, "ignored") and \
        set(nd.tags) <= {"people", "verb"}


def _verb(nd) -> bool:
    """A word no rule read, that can be a verb: no lexicon tag but "verb", no outcome
    ("won", "lost" compare results, not how a value is held)."""
    return nd.kind == "word" and set(nd.tags) <= {"verb"} and nd.low.isalpha() and \
        nd.low not in OUTCOME_NOUNS and len(nd.low) > 2


def _harmless(nd) -> bool:
    """Function words ("had", "is", "the") and the prepositions before "the same"."""
    return nd.kind == "word" and (nd.low in _PREPOSITIONS or "func" in nd.tags or
                                  nd.low in ("the", "also"))


def _names_rows(p: "Parser", column: str) -> bool:
    """``column`` is the table's column of names: its most varied text column and its
    first text column."""
    first = next((c for c, prof in p.s.columns.items() if prof.kind == "text"), None)
    return column == first and p.s.label_column() == column


__all__ = ["read_row_words", "word_column"]
