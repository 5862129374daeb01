"""Generic nouns the data does not name, read past when they add nothing to the reading.

* A kind noun right after the column a question asks for says what that column's values
  are: "which label *artist* ...", "what nation's *club* ...", "which sponsor *company*".
* "how many *total games*" over a schedule counts its rows, as "how many games" does.
* "what was the only *castle* ...", "name a *castle* ...": the rows asked for.
* "take place" is "happen" ("how many games *took place* in May").
* An event noun naming the one event the whole table records: "who was fastest in *the
  race*", "how many riders finished *this race*", "the most golds at *the event*" over a
  table of one event's entrants (see ``_whole_event``).

For the first, the column (read by ``which`` / ``what`` as the one whose values answer)
names the answer; the noun after it only says what kind of thing those values are (a team,
a player, an event), so reading past it answers the same question. Only a noun of the
lexicon's kinds of entity (people, teams, clubs, performers, events) is read so, only right
after the column asked for, and only when that column holds names (text, not numbers or
times: "which year team" names no team). Any other unread word still makes the reader refuse.
"""

from __future__ import annotations

import re

from .constituents import Reading
from .event_words import EVENT_NOUNS, SUBJECT_NOUNS, TIME_PREPOSITIONS, is_schedule
from .lexicon import PEOPLE_NOUNS, stem
from .schema import SchemaModel, holds_years

#: kinds of entity a column of names may hold ("team", "players", "race")
KIND_NOUNS: set[str] = {stem(w) for w in SUBJECT_NOUNS | set(PEOPLE_NOUNS)} | EVENT_NOUNS


def read_head_nouns(r: Reading, s: SchemaModel) -> None:
    """Move a kind noun after the column asked for from ``r.unknown`` to ``r.ignored``
    and an event noun naming the whole table (module docstring). Runs after the coverage
    check and before the plan is built."""
    _whole_event(r, s)
    _take_place(r)
    _only_noun(r, s)
    _instruction_noun(r, s)
    _schedule_rows(r, s)
    if not r.unknown or r.which_col is None:
        return
    unread = {w.lower() for w in r.unknown}
    for i, nd in enumerate(r.nodes[1:], start=1):
        if nd.kind != "word" or nd.role is not None or nd.low not in unread:
            continue
        word = nd.low[:-2] if nd.low.endswith("'s") else nd.low
        if not word.isalpha() or stem(word) not in KIND_NOUNS:
            continue
        col = r.nodes[i - 1]
        if col.kind != "col" or col.role != "which" or r.which_col not in col.columns:
            continue
        p = s.col(r.which_col)
        if p.numeric or p.role not in ("dimension", "id") or p.kind not in ("text", "other"):
            continue
        if sum(1 for n in r.nodes if n.low == nd.low) > 1:
            continue  # the noun again elsewhere: that one is not read here
        nd.role = "ignored"
        r.ignored.append(nd.text)
        r.notes.append(f'read "{nd.text}" as what the {r.which_col!r} values are')
        r.unknown = [w for w in r.unknown if w.lower() != nd.low]


def _schedule_rows(r: Reading, s: SchemaModel) -> None:
    """Over a schedule (each row one game): "how many *total games* were played in May"
    counts the rows like "how many games"; ``event_words`` leaves the noun unread after
    "total" ("the total games" may be a column's sum). Not before "did" ("how many total
    games did they win" counts a result)."""
    if not r.unknown or not is_schedule(s):
        return
    unread = {w.lower() for w in r.unknown}
    nodes = r.nodes
    for i, nd in enumerate(nodes[1:], start=1):
        if nd.kind != "word" or nd.role is not None or nd.low not in unread or \
                not nd.low.isalpha() or stem(nd.low) not in EVENT_NOUNS:
            continue
        prev = nodes[i - 1].low
        nxt = nodes[i + 1].low if i + 1 < len(nodes) else ""
        if nxt in ("did", "does", "do", "have", "has", "had"):
            continue  # "how many total matches did we lose": a result counted
        if prev == "total" and i >= 2 and nodes[i - 2].low == "how many" and \
                stem(nd.low) != nd.low and r.count:
            note = f'counted "{nd.text}" as the rows: each row is one of them (a schedule)'
        else:
            continue
        if sum(1 for n in nodes if n.low == nd.low) > 1:
            continue
        nd.role = "ignored"
        r.ignored.append(nd.text)
        r.notes.append(note)
        r.unknown = [w for w in r.unknown if w.lower() != nd.low]


_OPENERS = {"what", "which", "who"}
#: words after "the <noun>" that start what picks the row ("the skater *from* Peru")
_RELATIVE = {"with", "from", "that", "who", "whose", "which", "where"}
_BE = {"is", "was", "are", "were"}


def _only_noun(r: Reading, s: SchemaModel) -> None:
    """"what was the only *castle* built of wood", "who is the only *skater* from Peru", "who
    was the *skater* with the best score": the noun after "<what|which|who> <is|was> the
    (only)" names the one row asked for, as "which castle" does (without "only", a singular
    noun followed by "with", "from", "that", "who" ...); the answer is then that row's name (``answer_checks`` asks back when the
    conditions match several rows). Not before "did"/"does" ("the only points did ...").
    For "what"/"which" the row's name is read from the column that names the rows
    (``label_column``), so that column must be the table's first text column, where tables
    put the names; a table whose most varied text is its notes is not read so."""
    nodes = r.nodes
    if len(nodes) < 5 or nodes[0].low not in _OPENERS or nodes[1].low not in _BE or \
            nodes[2].low != "the":
        return
    only = nodes[3].low == "only"
    k = 4 if only else 3
    if k + 1 >= len(nodes):
        return
    nd = nodes[k]
    if nd.kind != "word" or nd.role is not None or not nd.low.isalpha() or \
            nd.low.endswith("ly") or nd.low not in {w.lower() for w in r.unknown} or \
            nodes[k + 1].low in ("did", "does", "do", "has", "have", "had") or \
            not only and (nodes[k + 1].low not in _RELATIVE or stem(nd.low) != nd.low):
        return
    if nodes[0].low != "who" and not _names_first(s):
        return
    nd.role = "entity"
    if nodes[0].low != "who":
        r.which = True  # "what was the only lighthouse": which lighthouse
    r.entity.append(nd.text)
    r.ignored.append(nd.text)
    r.notes.append(f'read "the {"only " if only else ""}{nd.text}" as the one row asked for')
    r.unknown = [w for w in r.unknown if w.lower() != nd.low]


_INSTRUCTIONS = {"name", "tell me", "list", "give me", "find", "show me", "identify"}
_DETERMINERS = {"a", "an", "one", "the"}


def _instruction_noun(r: Reading, s: SchemaModel) -> None:
    """"name a *fortress* built of stone", "tell me the only *skater* from Chile": after an
    instruction and a determiner, the noun names the rows to give, as after "which"; the
    rows' names come from the table's first text column only (``_names_first``)."""
    nodes = r.nodes
    if len(nodes) < 4 or nodes[0].low not in _INSTRUCTIONS or \
            nodes[1].low not in _DETERMINERS:
        return
    k = 3 if nodes[1].low == "the" and nodes[2].low == "only" else 2
    nd = nodes[k]
    nxt = nodes[k + 1] if k + 1 < len(nodes) else None
    if nd.kind != "word" or nd.role is not None or not nd.low.isalpha() or \
            nd.low.endswith("ly") or nd.low not in {w.lower() for w in r.unknown} or \
            nxt is None or nxt.low in ("did", "does", "do", "has", "have", "had") or \
            nd.low in PEOPLE_NOUNS or not _names_first(s):
        return  # "name a person ...": people in general say nothing of the first column
    nd.role = "entity"
    r.which = True  # "tell me the only lighthouse ...": which lighthouse
    r.entity.append(nd.text)
    r.ignored.append(nd.text)
    r.notes.append(f'read "{nd.text}" as the rows asked for')
    r.unknown = [w for w in r.unknown if w.lower() != nd.low]


def _names_first(s: SchemaModel) -> bool:
    label = s.label_column()
    first = next((c for c, p in s.columns.items() if p.kind == "text"), None)
    if label is None or label != first:
        return False
    vals = [str(v) for v in (s.col(label).values or [])]
    dated = sum(1 for v in vals if _YEAR.search(v))
    return not (vals and dated >= 0.5 * len(vals))  # "May 1999", "2003": times, not names


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_TAKE = {"take", "takes", "took", "taken", "taking"}


def _take_place(r: Reading) -> None:
    """"how many games *took place* in May": "take place" is "happen", a verb the reader
    reads past like "were held"; the place or time after it is read by its own rules."""
    for i, nd in enumerate(r.nodes[1:], start=1):
        if nd.kind == "word" and nd.role is None and nd.low == "place" and \
                r.nodes[i - 1].low in _TAKE and "place" in {w.lower() for w in r.unknown}:
            nd.role = "ignored"
            r.ignored.append(nd.text)
            r.notes.append(f'read "{r.nodes[i - 1].text} place" as "happened"')
            r.unknown = [w for w in r.unknown if w.lower() != "place"]
            return


#: words before "the <event>" that place the question inside it or take part in it (not
#: "finish", "win", "complete": those pick some entrants, a condition no column read)
_INSIDE = {"in", "during", "throughout", "at", "of", "for", "within", "from"}
_TAKE_PART = {"enter", "entered", "entering", "join", "joined", "joining", "start", "started"}


#: verbs that pick some of the entrants ("the drivers who *finished*", "who *won*")
_PICKING = {"finish", "finished", "finishes", "finishing", "complete", "completed",
            "completing", "qualify", "qualified", "retire", "retired", "win", "won", "wins"}


def _picks(r: Reading) -> bool:
    """A verb that picks some entrants and that nothing read ("how many drivers *finished*
    in the race" is not every row); "won at least 3 golds" is read by its filter."""
    for k, nd in enumerate(r.nodes):
        if nd.low in _PICKING and nd.role in (None, "ignored"):
            nxt = r.nodes[k + 1] if k + 1 < len(r.nodes) else None
            if nxt is None or nxt.role in (None, "ignored"):
                return True
    return False


def _whole_event(r: Reading, s: SchemaModel) -> None:
    """"in the race", "this event", "finished the race": the one event a table of entrants
    records. Only a singular event noun no column or value names, after "this"/"that", or
    after "the" placed by a preposition or a verb of taking part; nothing naming which one
    after it (no "of", value, number or date); and only when the rows are not events
    themselves (no schedule: dates or row numbers beside opponents or results) and no
    column of several years makes "the race" one year's edition."""
    if not r.unknown or is_schedule(s) or any(
            holds_years(p) and p.n_distinct > 1 for p in s.columns.values()) or _picks(r):
        return
    unread = {w.lower() for w in r.unknown}
    nodes = r.nodes
    for i, nd in enumerate(nodes):
        if i < 1 or nd.kind != "word" or nd.role is not None or nd.low not in unread or \
                not nd.low.isalpha() or stem(nd.low) not in EVENT_NOUNS or \
                stem(nd.low) != nd.low:
            continue
        det = nodes[i - 1].low
        before = nodes[i - 2] if i >= 2 else None
        if det in ("this", "that"):
            pass
        elif det != "the" or before is None or before.low not in _INSIDE | _TAKE_PART:
            continue
        nxt = nodes[i + 1] if i + 1 < len(nodes) else None
        if nxt is not None and (nxt.low == "of" or nxt.kind in ("val", "quote", "num", "date",
                                                                "col")):
            continue  # "the race of 1998", "the race Monaco": which one
        if sum(1 for n in nodes if n.low == nd.low) > 1:
            continue
        rescued = [nd]
        if before is not None and before.low in TIME_PREPOSITIONS and before.role is None \
                and before.low in unread:
            rescued.append(before)  # "during the race": in it
        for n in rescued:
            n.role = "ignored"
            r.ignored.append(n.text)
        r.notes.append(f'read "{nodes[i - 1].text} {nd.text}" as the whole table: one event, '
                       f"its rows the entrants")
        words = {n.low for n in rescued}
        r.unknown = [w for w in r.unknown if w.lower() not in words]


__all__ = ["KIND_NOUNS", "read_head_nouns"]
