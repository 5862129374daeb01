"""The column a row's "where" or "when" asks for, when the question names none.

"where was the last final held?" and "when was the second home match?" pick one row by its
place in the table; the value wanted is the row's place or time, which no word of the
question names. "where" takes the table's place column (``place_answer``); "when", "what
year", "in which season" take its time column: a column of dates, of whole years, or one
named for a date or a year ("Date", "Dates", "Season", "Year"). Candidates are looked for
among the columns the question names that nothing else read; when it names none, the column
the rows are ordered by, then the whole table (a named column left unread means a condition
this reading would drop, so nothing is chosen). Two of one kind are asked about, never
guessed; "what year" takes only a column of whole years, not dates written out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import Incomplete
from .lexicon import header_words, name_tokens, stem
from .place_answer import place_columns
from .plan_parts import YEAR_IN_TEXT
from .schema import SchemaModel, holds_years

if TYPE_CHECKING:
    from .constituents import Reading

_TIME_ASKED = re.compile(
    r"^(?:in |on |during )?(?:(?:what|which) (?:(?:is|was|were) )?(?:the )?"
    r"(?:(?:first|last|next|previous|earliest|latest) )?(?:year|date|season)\b|when\b)")
#: a column's name saying it holds times, whatever its values read as
_TIME_NAMES = {"date", "dates", "year", "years", "season", "seasons", "yr"}


def not_a_time(r: "Reading", s: SchemaModel, column: str) -> bool:
    """The question asks for a time ("when ...", "what (was the) (last) year ...") and
    ``column`` holds none: answering with it would drop the word that asked."""
    if any(nd.low == "when" for nd in r.nodes[:2]):
        return not is_time_column(s, column)
    return bool(_TIME_ASKED.match(r.question.lower().strip())) and not holds_times(s, column)


def verb_object(r: "Reading", column: str) -> bool:
    """"who rigged the last sloop": the column named after "who <verb> the <first|last>" is
    what the verb acts on, so its value does not say who."""
    n = r.nodes
    return len(n) > 4 and n[0].low in ("who", "whom") and "verb" in n[1].tags and \
        n[1].low not in ("is", "was", "are", "were", "became", "becomes") and \
        n[1].role is None and n[2].low == "the" and "position" in n[3].tags and \
        n[4].kind == "col" and set(n[4].columns) == {column}


def holds_times(s: SchemaModel, column: str) -> bool:
    """A time column (:func:`is_time_column`), or one whose cells nearly all hold a year
    ("Established", "First sailing": 1998, "c. 1870", "2004 (re-release)")."""
    if is_time_column(s, column) or _years(s, column):
        return True
    cells = [str(v) for v in (s.col(column).values or s.col(column).examples or [])
             if v is not None and str(v).strip()]
    return bool(cells) and sum(bool(YEAR_IN_TEXT.search(c)) for c in cells) >= 0.9 * len(cells)


def is_time_column(s: SchemaModel, column: str) -> bool:
    """Dates, whole years, or a column named for a date, a year or a season."""
    p = s.col(column)
    if p.n_null >= p.n_rows:
        return False
    if p.kind in ("date", "datetime") or p.role == "time" or p.year_like:
        return True
    return bool(header_words(column) & _TIME_NAMES)


def _years(s: SchemaModel, column: str) -> bool:
    p = s.col(column)
    return p.year_like or holds_years(p)


def asked_by_wh(r: "Reading", s: SchemaModel, free: list[str], order_by: str | None
                ) -> list[str] | None:
    """The answer column(s) of a "where" / "when" question about one row; None when the
    question asks neither (the caller goes on choosing)."""
    q = r.question.lower().strip()
    if q.startswith("where"):
        places = place_columns(s)  # "where was it held after Lima": the anchor's column too
        if len(places) > 1:
            raise Incomplete(f'"Where" asks for a place: which of {", ".join(places)}?',
                             places, clarify=True)
        return places
    m = _TIME_ASKED.match(q)
    if m is None:
        return None
    year = "year" in m.group(0)
    times = [c for c in free if is_time_column(s, c)]
    conditions = {f.column for f in r.filters}
    if [c for c in free if c not in times and c not in conditions]:
        return None  # the question names a column no part of this reading uses
    if not times:
        times = [c for c in ([order_by] if order_by else []) if is_time_column(s, c)] or \
            [c for c in s.columns if is_time_column(s, c)]
    if len(times) > 1:
        raise Incomplete(f'"{q.split()[0].capitalize()}" asks for a time: which of '
                         f'{", ".join(times)}?', times, clarify=True)
    if not times or (year and not _years(s, times[0])):
        return None  # "what year" over dates written out: the year is not a cell
    return times


_POSITION_WORDS = {"first", "last", "top", "bottom", "final"}


def owner_asked(r: "Reading", s: SchemaModel, free: list[str]) -> list[str] | None:
    """Of the two columns a question about one row names, the one it asks for, when the
    other only says which row: "the captain of the last boat" and "the last boat's captain"
    ask for the captain; the boat is the row's place in the list; "what year was the first
    boat built" asks for the other column when it holds years. With no column named, "the
    first grade listed" asks for the one column whose values read "Grade 3", "Grade 1".
    None when the wording is none of these (a verb after the noun, "the last boat sold",
    says nothing)."""
    n, q = r.nodes, r.question.lower()
    if not free:  # "the top name in the table": a column headed "Name", when one is
        names = [c for c in s.columns if [t.lower() for t in name_tokens(c)] == ["name"]]
        if len(names) == 1 and any(nd.low == "name" for nd in n):
            return names
        return _noun_of_values(r, s)
    if len(set(free)) != 2:
        return None
    for i, nd in enumerate(n):
        if nd.low not in _POSITION_WORDS or nd.role != "position" or i + 1 >= len(n):
            continue
        row = n[i + 1]
        other = [c for c in free if c != (row.columns[0] if row.kind == "col" else None)]
        if row.kind == "col" and len(other) == 1 and i + 2 < len(n) and \
                n[i + 2].kind == "col" and n[i + 2].columns[0] == other[0] and \
                n[i + 2].low.endswith("ed") and is_time_column(s, other[0]) and \
                not _TIME_ASKED.match(q):
            return [row.columns[0]]  # "the first boat launched": the boat, first in time
        if row.kind == "col" and len(other) == 1 and _TIME_ASKED.match(q) and _years(s, other[0]) and \
                not is_time_column(s, row.columns[0]):
            return other  # "what year was the first boat built": the year column
        if row.kind != "col" or row.columns[0] not in free:
            continue
        if i >= 4 and [x.low for x in n[i - 2:i]] == ["of", "the"] and \
                n[i - 3].kind == "col" and n[i - 3].columns[0] in free and \
                n[i - 3].columns[0] != row.columns[0]:
            return _unless_name(n[i - 3])  # "the <asked> of the last <row noun>"
        if i + 2 < len(n) and n[i + 2].kind == "col" and n[i + 2].columns[0] in free and \
                n[i + 2].columns[0] != row.columns[0] and _possessive(q, row.text, n[i + 2]):
            return _unless_name(n[i + 2])  # "the last <row noun>'s <asked>"
    return None


def made_in(r: "Reading", s: SchemaModel, column: str) -> bool:
    """"what year was the last school founded": the year column is named by the participle
    right after the row noun, so "last" is the latest of its years, not the table's last row
    ("what year did the last ferry make its first sailing" keeps the table's order)."""
    n = r.nodes
    return _years(s, column) and any(
        nd.low in _POSITION_WORDS and nd.role == "position" and i + 2 < len(n) and
        n[i + 1].kind == "col" and n[i + 2].kind == "col" and n[i + 2].columns[0] == column
        and n[i + 2].low.endswith("ed") for i, nd in enumerate(n))


def _unless_name(nd) -> list[str] | None:
    """"the name of the first boat" may be the boat's own name as well as a Name column's."""
    return None if nd.low in ("name", "names") else [nd.columns[0]]


def _noun_of_values(r: "Reading", s: SchemaModel) -> list[str] | None:
    n = r.nodes
    for i, nd in enumerate(n[:-1]):
        if nd.low in _POSITION_WORDS and nd.role == "position":
            w = n[i + 1]
            if w.kind != "word" or not w.low.isalpha() or len(w.low) < 3 or w.role:
                return None
            pat = re.compile(rf"^{re.escape(stem(w.low))}s?\s+(?:\d+|[ivx]+|[a-z])\b", re.I)
            hits = [c for c in s.columns if _all_match(s, c, pat)]
            if len(hits) > 1:
                raise Incomplete(f"Values read {w.low!r} in {', '.join(hits)}: which one do "
                                 "you want?", hits, clarify=True)
            return hits or None
    return None


def _all_match(s: SchemaModel, c: str, pat: re.Pattern) -> bool:
    vals = [str(v) for v in (s.col(c).values or []) if str(v).strip()]
    return len(vals) >= 2 and sum(bool(pat.match(v)) for v in vals) >= 0.9 * len(vals)


def _possessive(q: str, owner: str, owned) -> bool:
    """"boat's captain", "boats' captain", or a plural owner without its apostrophe
    ("boats captain") before a noun, not a participle ("boats sold")."""
    o, w = re.escape(owner.lower()), re.escape(owned.low)
    if re.search(rf"\b{o}(?:'s|s'|’s)\s+{w}\b", q):
        return True
    return owner.lower().endswith("s") and not owned.low.endswith(("ed", "ing", "en")) and \
        re.search(rf"\b{o}\s+{w}\s*(?:\?|$)", q) is not None


def named_first(r: "Reading") -> str | None:
    """The column named by "who/what was the <column> ...": asked for, rather than the
    row's name ("who was the rival in the match with the biggest gate")."""
    n = r.nodes[:4]
    if len(n) == 4 and n[0].low in ("who", "what", "which") and n[1].low in (
            "was", "is", "were", "are") and n[2].low == "the" and n[3].kind == "col":
        return n[3].columns[0]
    return None


#: header words of a column of people: what "who" asks for
_PERSON_HEADS = {"name", "names", "candidate", "player", "driver", "rider", "athlete",
                 "artist", "author", "coach", "manager", "wrestler", "boxer", "swimmer",
                 "runner", "cyclist", "skater", "golfer", "director", "actor", "actress",
                 "singer", "musician", "skipper", "captain", "nominee", "recipient",
                 "incumbent", "representative", "senator", "governor", "president", "leader",
                 "person", "competitor", "contestant", "jockey", "pilot", "composer",
                 "writer", "member", "holder", "chairman", "mayor", "minister", "winner"}


#: header words of rows that act themselves: "who won" may name one
_AGENTS = {"team", "club", "country", "nation", "school", "college", "university", "band",
           "group", "company", "party", "side", "squad", "franchise", "crew", "county",
           "state", "city", "province", "region", "organization", "organisation"}


def _people(column: str) -> bool:
    return bool(header_words(column) & _PERSON_HEADS)


def is_people_column(column: str) -> bool:
    """A column named for people (Name, Driver, Athlete, Winner ...)."""
    return _people(column)


def who_column(r: "Reading", s: SchemaModel, label: str | None) -> str | None:
    """"who received the fewest votes" over rows named by a district: the one column of
    people (Candidate, Name, Driver ...) rather than the rows' label, when the label is
    not one; the label otherwise."""
    if label is None or _people(label) or not r.question.lower().startswith("who") or \
            header_words(label) & _AGENTS:
        return label  # a team, a club, a country can be a "who" too
    people = [c for c in s.names() if c != label and _people(c) and not s.col(c).numeric]
    return people[0] if len(people) == 1 else label


__all__ = ["asked_by_wh", "holds_times", "is_people_column", "is_time_column", "made_in",
           "named_first", "not_a_time", "owner_asked", "verb_object", "who_column"]
