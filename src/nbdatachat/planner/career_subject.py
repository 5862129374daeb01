"""Over one person's career, the person named in the question is whom the table is about.

A table of one athlete's meets (Year, Meet, Venue, Place), one actor's awards (Year, Award,
Category, Result) or one mayor's offices rarely holds the person's own name: its rows are
that person's events, and the page the table came from named the person. "how many times did
<a name> finish 2nd after 1990", "which meet was <a name> in before the coastal games", "how
far was <a name>'s longest throw in 2004" then ask what "they" would: when the reader refuses
such a question for the name alone, it reads the question once more with the name said as
"they" ("their" for "<name>'s"), keeps that reading only when it answers, and says so ("read
'<name>' as the person the table is about"). ``work_subject`` reads a maker's name in place
where works are counted; this is the general form over a career, for any kind of question.

Read so only when all of these hold:

- the words the reader left unread are the name: one to three plain words, said once, next
  to each other (a dot or a hyphen between them at most), none a word of the lexicon and
  none a word of any cell or column name, nor next to such a word (a name half found in a
  cell is no unheld name); a plain word just before them that a rule took for something
  else ("tomas" read as the rows' noun) is of the name too; after "did" the last of them is the
  verb when a preposition or the question's end follows ("did <name> <verb> in ..."), and
  stays in the question read again;
- the name stands where a subject stands: after an auxiliary ("did", "has", "was" ...), with a
  possessive mark ("<name>'s"), or before an auxiliary or a verb of the lexicon at the start
  of the question or after a noun opening a clause ("the first role <name> played", "the
  times <name> has won"); never after a preposition or an article;
- the table is a career: a column of times (headed by a year, a season or a date) beside a
  column of what happened (``_CAREER_HEADERS``: a competition, an event, a venue, a position,
  a result, an award, a role ...), and no column that could hold people or teams (headed by a
  word for a person, a maker, a team, a nation, an opponent or a partner; nor rows that are
  people): a name such a column could hold but does not is someone else.

The question read again goes through every stage and gate of the reader; a follow-up is never
read so. ``place_subject`` refuses the other side of it: "did <a venue's value> compete", a
place said where the one who took part stands.
"""

from __future__ import annotations

import re
from typing import Callable

from .constituents import Reading
from .folding import fold
from .lexicon import (HARMLESS_VERBS, OCCURRENCE_VERBS, RESULT_VERBS, VERB_NOUNS, header_words,
                      load, stem)
from .people_rows import PERSON_HEADERS, rows_are_people
from .plan import PlanResult
from .respelled import KNOWN_WORDS, table_words
from .schema import SchemaModel
from .work_subject import names_people

_L = load()
_MAX_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_BETWEEN = re.compile(r"[\s.\-]*")
_POSSESSIVE = re.compile(r"(?:'s|'|’s|’)(?![\w])")
_DO = {"did", "does", "do"}
_PREPOSITIONS = {"in", "at", "on", "for", "from", "with", "to", "of", "by", "over", "against",
                 "before", "after", "during", "since", "until", "between", "into", "than", "as",
                 "under", "above", "below", "behind", "without", "outside", "inside"}
_AUX = {"did", "does", "do", "has", "have", "had", "was", "is", "were", "will", "would"}
_VERBS = HARMLESS_VERBS | OCCURRENCE_VERBS | RESULT_VERBS | set(VERB_NOUNS) | \
    set(_L["tally_verbs"])
#: words before a name that make it no subject ("at <name>", "against <name>", "the <name>")
_NOT_BEFORE = {"the", "a", "an", "at", "in", "on", "against", "for", "from", "with", "to", "of",
               "by", "over", "than", "versus", "vs", "and", "or", "beside", "between", "as"}
#: words after which a name opens a clause ("the year that <name> won", "the times <name> has")
_OPENING = {"that", "when", "times", "time", "which", "where", "whom"}
#: nouns of a table's rows that a clause may follow ("the first film <name> made")
_ROW_NOUNS = {stem(w) for w in _L["work_nouns"] + _L["event_nouns"]}
_PRESENCE = set(_L["presence_verbs"])
#: header words of a column of places where events were held
_PLACE_HEADERS = {stem(w) for w in ("venue", "location", "city", "host", "site", "stadium")}
_PERIOD_HEADERS = {"year", "season", "date", "yr"}
#: header words of a column recording what happened in one event of a career
_CAREER_HEADERS = {stem(w) for w in (
    "competition", "event", "venue", "tournament", "meet", "championship", "position",
    "place", "rank", "result", "finish", "award", "category", "nomination", "office",
    "role", "title", "film", "league", "division", "tier", "level", "series")}
#: header words of a column that may hold people or teams, besides those of ``work_subject``
_OTHER_SIDE = {stem(w) for w in set(_L["team_columns"]) | PERSON_HEADERS |
               set(_L["person_columns"]) |
               {"opponent", "opposition", "partner", "cast", "star", "versus", "vs"}}


def career_table(s: SchemaModel) -> bool:
    """The rows are one person's events over time, and no column holds people or teams."""
    if s.n_rows < 3 or names_people(s) or rows_are_people(s):
        return False
    words = {c: {stem(w) for w in header_words(c)} for c in s.columns}
    if any(ws & _OTHER_SIDE and s.col(c).kind in ("text", "other") for c, ws in words.items()):
        return False
    timed = any(ws & _PERIOD_HEADERS or s.col(c).role == "time" for c, ws in words.items())
    return timed and any(ws & _CAREER_HEADERS for ws in words.values())


def place_subject(r: Reading, s: SchemaModel) -> None:
    """"did <a value of a venue column> compete": the value stands where the one who took part
    stands, not where the event was; no column says who took part, so the reader refuses
    rather than read it as the place (a nation's athlete at meets held in that nation)."""
    for i in range(1, len(r.nodes) - 1):
        nd = r.nodes[i]
        if nd.kind != "val" or r.nodes[i - 1].low not in _AUX or \
                r.nodes[i + 1].low not in _PRESENCE or not nd.columns:
            continue
        if all({stem(w) for w in header_words(c)} & _PLACE_HEADERS for c in nd.columns):
            r.problems.append(f'"{nd.text}" stands for who took part, but it is only found as '
                              f"where an event was held.")


def as_career_subject(question: str, refused: PlanResult, schema: SchemaModel,
                      read: Callable[[str], PlanResult]) -> PlanResult:
    """``refused`` again, or the answered reading of ``question`` with the person's name said
    as "they" (module docstring)."""
    if refused.status == "ok" or not refused.unread or len(refused.unread) > _MAX_WORDS:
        return refused
    found = _name_span(question, [w.lower() for w in refused.unread], schema)
    if found is None or not career_table(schema):
        return refused
    start, end, possessive = found
    alt = question[:start] + ("their" if possessive else "they") + question[end:]
    res = read(alt)
    if res.status != "ok" or res.plan is None:
        return refused
    res.plan.question = question
    name = " ".join(_WORD.findall(question[start:end].split("'")[0].split("’")[0]))
    res.respelled = [f"read {name!r} as the person the table is about"] + res.respelled
    return res


def _name_span(question: str, unread: list[str], schema: SchemaModel) -> tuple | None:
    """(start, end, possessive) of the name in ``question``, in a subject's place, or None."""
    words = list(_WORD.finditer(question))
    low = [m.group(0).lower() for m in words]
    n = len(unread)
    if len(set(unread)) != n or any(low.count(w) != 1 for w in unread):
        return None
    at = low.index(unread[0])
    if low[at:at + n] != unread:
        return None
    while n < _MAX_WORDS and at > 0 and _plain(low[at - 1], schema):
        at, n = at - 1, n + 1  # "did tomas <unread>": a word the reader took for its noun
    unread = low[at:at + n]
    if any(low.count(w) != 1 for w in unread):
        return None
    before = low[at - 1] if at > 0 else None
    if before in _DO and (at + n == len(low) or low[at + n] in _PREPOSITIONS):
        n -= 1  # "did <name> <verb> in ...": the verb after the name is no part of it
        if n == 0:
            return None
    run = words[at:at + n]
    if any(_BETWEEN.fullmatch(question[a.end():b.start()]) is None
           for a, b in zip(run, run[1:])):
        return None
    if any(_known(w) or _in_cells(w, schema) for w in unread[:n]):
        return None
    after = low[at + n] if at + n < len(low) else None
    if any(w is not None and _in_cells(w, schema) and not _known(w) for w in (before, after)):
        return None  # "<name> <a word of a cell>": a name half found in a cell
    end = run[-1].end()
    mark = _POSSESSIVE.match(question, end)
    if mark is not None:
        return run[0].start(), mark.end(), True
    if before in _AUX:
        return run[0].start(), end, False
    if before is not None and (before in _NOT_BEFORE or not (
            before in _OPENING or stem(before) in _ROW_NOUNS or _header_word(before, schema))):
        return None
    if after is not None and (after in _AUX or after in _VERBS):
        return run[0].start(), end, False
    return None


def _plain(word: str, schema: SchemaModel) -> bool:
    """A word neither the lexicon nor the table knows, said once."""
    return not _known(word) and not _in_cells(word, schema)


def _known(word: str) -> bool:
    return word in KNOWN_WORDS or stem(word) in KNOWN_WORDS


def _in_cells(word: str, schema: SchemaModel) -> bool:
    return fold(word).lower() in table_words(schema)


def _header_word(word: str, schema: SchemaModel) -> bool:
    return any(word in header_words(c) for c in schema.columns)


__all__ = ["as_career_subject", "career_table", "place_subject"]
