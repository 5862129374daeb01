"""A named event the whole table is about: "in the 1994 Coastal Rowing Cup", "at the 2011
Lakeside Open", "the 1962 provincial election", "who went first in the 1978 junior draft".

A table often holds one event (one tournament's results, one draft's picks, one election's
votes) without saying which: the question names it and nothing in the data does. Such a
phrase adds no condition the rows could meet, so it is read past with a note, but only when
it is plainly a name and the table cannot hold several of them:

* it follows a preposition and a determiner ("in the", "at this", "of the") and ends in a
  noun of a named event (the lexicon's ``event_name_heads``: cup, open, draft, election,
  olympics, ...), followed by the end of the question or a function word;
* the head is unread, and every word between is unread (no column or value names it, no
  word of the lexicon), a general word of event names ("world", "summer", "men's"), or a
  year;
* the table holds no several years (a year column with several years holds several events:
  then only a year the reader took as a filter on it names one), and a year said in the
  phrase agrees with the years the table does hold (all its dates lie in that year).

A bare head ("in the election") is read so too; its span nouns ("the tournament", "the
season") stay with :mod:`.event_words`. Row nouns ("game", "match") and subjects ("team")
are not heads: they name rows or who the table is about, read elsewhere.
"""

from __future__ import annotations

import re

from .constituents import Node, Reading
from .lexicon import load
from .schema import SchemaModel, holds_years
from .season_span import node_years, read_past_node

_L = load()
#: nouns that end the name of an event a table may hold alone ("cup", "open", "draft")
EVENT_NAME_HEADS: set[str] = set(_L["event_name_heads"])
#: general words inside event names that the data need not hold ("world", "summer")
_NAME_WORDS: set[str] = set(_L["event_name_words"])
#: heads that name an event alone, without a name before them ("in the election")
_BARE_HEADS = {"election", "elections", "draft", "olympics", "paralympics", "census", "pageant",
               "festival", "regatta", "rally", "derby", "cup", "trophy"}
_PREPOSITIONS = {"in", "at", "of", "from", "for", "during", "throughout", "into", "to", "on"}
_DETERMINERS = {"the", "this", "that"}
_YEAR = re.compile(r"^(\d{4})")


def read_event_names(r: Reading, s: SchemaModel) -> None:
    """Read past each phrase naming the table's one event (see the module docstring): its
    words move from ``r.unknown`` to ``r.ignored``, its unread years leave ``r.numbers``,
    and the reading says so in a note."""
    unread = {w.lower() for w in r.unknown}
    if not unread:
        return
    for i, nd in enumerate(r.nodes):
        if nd.kind != "word" or nd.role is not None or nd.low not in EVENT_NAME_HEADS or \
                nd.low not in unread:
            continue
        start = _phrase_start(r, i, unread)
        if start is None or not _ends_phrase(r, i):
            continue
        inner = range(start, i + 1)
        if start == i and nd.low not in _BARE_HEADS:
            continue  # "in the games", "at the open": no name said
        if not _years_agree(r, s, [r.nodes[k] for k in inner]):
            continue
        _read_past(r, start, i)


def _phrase_start(r: Reading, i: int, unread: set[str]) -> int | None:
    """Index of the first word after the determiner, or None if the words before the head
    are not all unread words, name words or years up to "<preposition> the"."""
    k = i - 1
    while k >= 0:
        nd = r.nodes[k]
        if nd.kind == "word" and nd.low in _DETERMINERS:
            break
        if not _inner(nd, unread):
            return None
        k -= 1
    if k < 1 or r.nodes[k - 1].low not in _PREPOSITIONS or r.nodes[k - 1].kind != "word":
        return None
    if i - k > 6:
        return None  # a long run of unread words is no name
    return k + 1


def _inner(nd: Node, unread: set[str]) -> bool:
    if nd.kind == "word":
        low = nd.low[:-2] if nd.low.endswith("'s") else nd.low
        return nd.role is None and low.replace("-", "").isalpha() and (
            nd.low in unread or low in _NAME_WORDS or not nd.tags)
    if nd.kind in ("num", "date"):
        return node_years(nd) is not None and nd.role in (None, "filter")
    return False


def _ends_phrase(r: Reading, i: int) -> bool:
    """The head is last, or a function word, a year in brackets or a comma follows it
    ("the 1999 lakeside open *was* ...", "the draft, ...")."""
    if i + 1 >= len(r.nodes):
        return True
    nxt = r.nodes[i + 1]
    if nxt.kind == "sym" or nxt.low in ("?", ",", ".", "(", ")"):
        return True
    if nxt.low == "of":
        return False  # "the grand prix of <a place>": a name going on
    return nxt.kind == "word" and nxt.has("func")


def _years_agree(r: Reading, s: SchemaModel, nodes: list[Node]) -> bool:
    """The table holds one event: no time column with several years, unless a year of the
    phrase was read as a filter on it; an unread year of the phrase holds every date."""
    said = [nd for nd in nodes if nd.kind in ("num", "date")]
    if any(nd.role == "filter" for nd in said):
        return all(nd.role == "filter" for nd in said)
    spans = [node_years(nd) for nd in said]
    first = min(y[0] for y in spans) if spans else None
    last = max(y[1] for y in spans) if spans else None
    for p in s.columns.values():
        if p.role != "time" and not holds_years(p) and p.kind not in ("date", "datetime"):
            continue
        lo, hi = (_YEAR.match(str(v)) for v in (p.min, p.max))
        if lo is None or hi is None:
            continue  # dates without a year ("May 4") say nothing of which event
        lo_y, hi_y = int(lo.group(1)), int(hi.group(1))
        if first is None and lo_y != hi_y:
            return False  # several years, none said: which event?
        if first is not None and not first <= lo_y <= hi_y <= last:
            return False
    return True


def _read_past(r: Reading, start: int, head: int) -> None:
    words = [r.nodes[k] for k in range(start, head + 1)]
    for nd in words:
        if nd.role != "filter":
            read_past_node(r, nd)
    said = {nd.low for nd in words if nd.role == "ignored"}
    r.unknown = [w for w in r.unknown if w.lower() not in said or any(
        n.low == w.lower() and n.role is None for n in r.nodes)]
    phrase = " ".join(nd.text for nd in words)
    r.notes.append(f'read "{phrase}" as the one event the whole table is about (no column '
                   f"or value names it)")


__all__ = ["EVENT_NAME_HEADS", "read_event_names"]
