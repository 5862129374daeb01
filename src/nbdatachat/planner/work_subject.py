"""Over a list of one maker's works, the maker named in the question is whom the table is about.

A singer's discography or an actor's filmography rarely holds the singer's or the actor's own
name: its rows are the works (a Title column), and the page the table came from named the
person. "how many singles did <a name> release prior to 1990", "in how many films did <a name>
appear" then count the rows, with the name read as the table's subject, like "she" or "they".

Read so only when all of these hold:

- the question counts works ("how many films", read as the rows by ``coverage`` or
  ``work_rows``) over a table with a title column (``work_rows.title_column``);
- the name comes right after the auxiliary that follows the noun ("did", "has", "had", "does"),
  is one to three plain words that ground nothing (no number, no lexicon word), and the word
  after it is a verb of the lexicon ("release", "finished", "appear"; also where it names a
  column, "release" beside Released), not an unread word nor a value (a name half found in a cell is no unheld name);
- no text column is named for people or makers (an artist, a director, a player, a team ...):
  a name such a column could hold but does not is someone else, and counting every row would
  answer another question.

The name's words are read past, said in a note, and so is the verb after it (the making of
the works: the rows); any other unread word still makes the reader refuse.
"""

from __future__ import annotations

from .constituents import Reading
from .event_words import SUBJECT_NOUNS
from .lexicon import (HARMLESS_VERBS, OCCURRENCE_VERBS, PEOPLE_NOUNS, VERB_NOUNS, header_words,
                      stem)
from .schema import SchemaModel
from .work_rows import WORK_NOUNS, title_column

_AUX = {"did", "does", "has", "had", "have", "do"}
_MAX_WORDS = 3
#: header words of a column that holds people or makers: a name may belong there
_MAKER_HEADERS: set[str] = {stem(w) for w in SUBJECT_NOUNS | set(PEOPLE_NOUNS)}


def _names_people(s: SchemaModel) -> bool:
    return any(p.kind in ("text", "other") and {stem(w) for w in header_words(c)} & _MAKER_HEADERS
               for c, p in s.columns.items())


def read_work_subject(r: Reading, s: SchemaModel) -> None:
    """Read the maker's name in "how many <works> did <name> <verb>" as whom the table is
    about (module docstring). Runs after the rows' noun was read; other readings are left
    as they are."""
    if not r.count or not r.unknown or len(r.entity) != 1 or \
            stem(r.entity[0].lower()) not in WORK_NOUNS:
        return
    nodes = r.nodes
    unread = {w.lower() for w in r.unknown}
    at = next((i for i, nd in enumerate(nodes) if nd.text == r.entity[0]), None)
    if at is None or at + 2 >= len(nodes) or nodes[at + 1].low not in _AUX:
        return
    k = at + 2
    if nodes[k].low == "the":
        k += 1
    name = []
    while k < len(nodes) and len(name) <= _MAX_WORDS and _plain(nodes[k], unread):
        name.append(nodes[k])
        k += 1
    if not name or len(name) > _MAX_WORDS or k >= len(nodes):
        return
    if not _verb(nodes[k]):
        return  # "<name> <a part of a cell>", "<name> <unread word>": no verb ends the name
    if title_column(s) is None or _names_people(s):
        return
    words = {nd.low for nd in name}
    if any(nd.low in words for nd in nodes if nd not in name):
        return  # the name's words again elsewhere: not read here
    for nd in name:
        nd.role = "subject"
        r.ignored.append(nd.text)
    said = " ".join(nd.text for nd in name)
    r.notes.append(f'read "{said}" as whom the table is about: no column or value names it')
    verb = nodes[k]
    if verb.kind == "word" and verb.role is None and verb.low in unread:
        verb.role = "ignored"  # "had <name> completed": the making of the works, the rows
        r.ignored.append(verb.text)
        words.add(verb.low)
    r.unknown = [w for w in r.unknown if w.lower() not in words]


def _verb(nd) -> bool:
    """A verb of the lexicon ("release", "appear", "completed"), also where it names a
    column too ("release" beside a Released column)."""
    return nd.kind in ("word", "col") and (nd.low in HARMLESS_VERBS or
                                           nd.low in OCCURRENCE_VERBS or nd.low in VERB_NOUNS)


def _plain(nd, unread: set[str]) -> bool:
    return nd.kind == "word" and nd.role is None and not nd.tags and nd.low in unread and \
        not _verb(nd) and \
        nd.low.replace("'", "").replace(".", "").isalpha()


#: for ``career_subject``: a plain unread word, and a column that may hold people
plain_word = _plain
names_people = _names_people

__all__ = ["names_people", "plain_word", "read_work_subject"]
