"""Small readings shared by the "how long" questions (issue 12) that the table's cells do
not name themselves.

* :func:`named_subject`: the one the whole table is about, named by the question but by no
  cell ("how long has <a name> been acting", "how long have this band been performing"): one
  to three plain words no column or value matched, or "this <noun>", between "has/have"
  and "been <active verb>". :mod:`table_spans` then answers the table's span of years, as
  it does for "how long has she been acting". Only that form: "how long did <a name>
  compete" is answered by some as the years counted from the first to the last inclusive
  (1990 to 1999: ten), so it is left unread. A name the table holds is a value, never read
  here, nor one missing from a table with a column of people's names.
* :func:`named_doer`: "how long did it take <a name> to finish" over one athlete's results,
  the name no cell holds being the table's subject (never over a column of people's
  names, where it would be someone else's row); :mod:`lengths` then reads the row from
  the question's other values (a year, a competition) as it does for "how long did it take
  to finish the relay in 2001".
* :func:`among_rows`: "of these riders, who ...": a lead naming only the table's rows.
* :func:`pair_verb`: "how long did <row> <any verb>", "how long did <a name> <verb> to <row>",
  "how long was <row> <verb> before it was <end>": no word says what lasted, but the table
  has one start column and its end column (:func:`durations.column_pairs`), which say it:
  the row's end minus its start. One verb only, right after the row or the name, or a state
  ("<row> in <noun>"); a name only over a table not of people; never "take" (the row's own
  time) nor a time up to now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import load, stem
from .wh_columns import is_people_column

if TYPE_CHECKING:
    from .grammar import Parser

_AUX = {"did", "does", "do", "have", "has", "had", "was", "is", "were", "are"}
#: nouns of works (songs, films, books ...): a table of them calls its rows so
_WORKS = {stem(w) for w in load()["work_nouns"]}
#: words that are never part of a name ("how long did *the* ...", "... *in* ...")
_NOT_NAME = {"the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they",
             "we", "you", "in", "on", "at", "for", "of", "to", "by", "with", "been", "and",
             "or", "not", "ever", "still", "all", "his", "her", "their", "its"}


def _plain(p: "Parser", i: int) -> bool:
    """A word that no column, value or rule read: no tags, no role, letters only."""
    nd = p.node(i)
    return nd is not None and nd.kind == "word" and not nd.tags and nd.role is None and \
        nd.low.replace(".", "").isalpha() and nd.low not in _NOT_NAME and nd.low not in _AUX


def _of_people(p: "Parser") -> bool:
    """The table has a text column named for people (Name, Driver, Winner ...)."""
    return any(is_people_column(c) and p.s.col(c).kind == "text" for c in p.s.names())


def _active(p: "Parser", i: int, active: set[str]) -> bool:
    w = p.low(i)
    return w in active or stem(w) in active


def named_subject(p: "Parser", rest: list[int], active: set[str]) -> list[int]:
    """The indexes of the table's subject in "<aux> <subject> (been) <active verb>" (module
    docstring), or [] when the words after the auxiliary are no such subject."""
    if len(rest) < 3 or p.low(rest[0]) not in ("has", "have"):
        return []  # "how long did <name> compete" may count the years inclusively: not read
    if _of_people(p):
        return []  # a table of people: a name it does not hold is not its subject
    k = rest[0] + 1
    if p.low(k) in ("this", "that") and p.n[k].role in (None, "followup") and _plain(p, k + 1):
        words = [k, k + 1]  # "this runner": the one the table is about
    else:
        words = []
        while _plain(p, k + len(words)) and not _active(p, k + len(words), active) and \
                len(words) < 4:
            words.append(k + len(words))
        if not 1 <= len(words) <= 3:
            return []
    nxt = words[-1] + 2
    if p.low(nxt - 1) != "been":
        return []
    return words if p.node(nxt) is not None and _active(p, nxt, active) else []




def kind_noun(p: "Parser", i: int) -> bool:
    """"how long is the *song* <value>", "how long is the <value> *track*": a plain noun
    right beside the value naming the row, which only says what kind of thing the row is
    (a noun no column or value matched; after "the/this" before the value, or after a
    value that ends the question). A noun of works (lexicon ``work_nouns``) also right
    after "how long is the" ("the *film* from <value>") and in "of this <noun>" ending the
    question (the work the table lists versions of)."""
    if not _plain(p, i) or len(p.low(i)) < 3:
        return False
    prev, nxt = p.node(i - 1), p.node(i + 1)
    if prev is not None and prev.low in ("the", "this", "that") and nxt is not None and \
            nxt.kind == "val":
        return True
    rest = p.n[i + 1:]
    end = all(n.kind == "sym" or n.low in ("?", ".", "!") for n in rest)
    if stem(p.low(i)) in _WORKS and prev is not None and prev.low in ("the", "this"):
        if p.low(i - 2) in ("is", "was") and p.low(i - 3) == "long":
            return True  # "how long was the *track* from <value>": the rows are works
        if p.low(i - 2) in ("of", "on", "from") and prev.low == "this" and end:
            return True  # "<value> of this *song*": the work the whole table is about
    # "... the <value> *team* to finish": the noun after the value, before "to" and its verb
    return prev is not None and prev.kind == "val" and (end or p.low(i + 1) == "to") and \
        p.low(i - 2) in ("the", "this", "that")



_TAKE = {"take", "took", "takes", "need", "needed"}


def named_doer(p: "Parser", at: int) -> list[int]:
    """"how long did it take <a name> to finish", "how long did <a name> take": the one
    timed, named by one to three plain words no cell matched (the subject of a table of one
    athlete's results); the row is then named by the question's other values, or refused
    as unnamed. ``at``: the index of "how". [] when the words are no such name."""
    if p.low(at + 2) not in ("did", "does", "do") or _of_people(p):
        return []  # a table of people: a name it does not hold is no one of its rows
    k = at + 3
    if p.low(k) == "it" and p.low(k + 1) in _TAKE:
        k += 2 + (p.low(k + 2) == "for")  # "did it take (for) <name> to ..."
        stop = {"to"}
    else:
        stop = _TAKE  # "did <name> take ..."
    words = []
    while _plain(p, k + len(words)) and p.low(k + len(words)) not in stop and len(words) < 4:
        words.append(k + len(words))
    return words if 1 <= len(words) <= 3 and p.low(k + len(words)) in stop else []



def among_rows(p: "Parser", first: int) -> list[int]:
    """"of these riders, who ...", "among the keepers, which ...": the indexes of a lead
    that only says the question is about the table's rows (one noun, then a comma), or []."""
    if p.low(first) not in ("of", "among") or p.low(first + 1) not in ("these", "the", "all"):
        return []
    k = first + 2
    nd = p.node(k)
    if nd is None or nd.role is not None or nd.kind not in ("word", "col") or nd.tags or \
            not nd.low.endswith("s"):
        return []
    if p.low(k + 1) == ",":
        return [first, first + 1, k, k + 1]
    return [first, first + 1, k] if p.low(k + 1) in ("who", "which", "what") else []


#: words joining the verb to the row or to the end ("flew *into* X", "*before it was* retired")
_JOIN = {"into", "from", "out", "before", "until", "till", "up", "off", "through", "over"}
#: a time up to now, or the row's own time: not a term between two columns
_NOT_TERM = {"since", "still", "now", "today", "ago", "take", "took", "takes", "after"}


def _verb(p: "Parser", i: int) -> bool:
    """A word the lexicon knows only as a verb ("sold")."""
    nd = p.n[i]
    return set(nd.tags) == {"verb"} and nd.low.isalpha() and nd.low not in _AUX


def pair_verb(p: "Parser", aux: int) -> list[int] | None:
    """The verb (and the name before it) of "how long did <row> <verb>" read as the term
    of the table's one pair of start and end columns (module docstring), or None. ``aux``:
    the index of the auxiliary after "how long"; the caller has checked the pair and that a
    row is named."""
    words = [i for i in range(aux + 1, len(p.n)) if p.n[i].kind == "word" and p.n[i].role is
             None and p.low(i) not in _JOIN and (p.low(i) in _NOT_TERM or _plain(p, i) or
                                                 _verb(p, i))]
    if not words or any(p.low(i) in _NOT_TERM for i in words) or len(words) > 4:
        return None
    subject, at = words[:-1], aux + 1 + (p.low(aux + 1) == "the")
    if subject and (_of_people(p) or subject != list(range(at, at + len(subject)))):
        return None  # a name no cell holds: the table's subject, right after the auxiliary
    verb = words[-1]
    j = verb - 1 - (p.low(verb - 1) == "the")
    state = p.low(j) in ("in", "on") and j > 0 and p.n[j - 1].kind == "val"
    if not (subject and verb == subject[-1] + 1 or p.n[verb - 1].kind == "val" or state):
        return None  # the verb follows its subject (the row, or the name before it), or
        # "<row> in <state>" ("in command", "on the roster")
    return words + [i for i in range(words[-1] + 1, len(p.n)) if p.low(i) in _JOIN and
                    p.n[i].kind == "word" and p.n[i].role is None]


__all__ = ["among_rows", "kind_noun", "named_doer", "named_subject", "pair_verb"]
