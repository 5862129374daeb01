""""Name a *player* shorter than X": a word for a person names the rows of a table of people.

Over a table that lists people, one per row (``people_rows.rows_are_people``: a column of
full names, nearly all different, headed by "Name", "Player", "Athlete" ...), "which other
player", "name a player who ...", "the only left-handed athlete", "any other competitor" ask
for rows: each row is one such person, so the noun adds nothing the reading lacks. Coverage
reads a plural after "which" / "how many" so, but leaves "a player", "other player", "the
player" unread; this reads them.

Only a general noun for a person of the lexicon (``person_row_nouns``: "player", "athlete",
"competitor", "person" ...; not "women", "children", "voters", which pick some of the rows
out), and not when:

* a number or a word of degree comes right before it ("at least nine riders", "the most
  players": a count of people, not the rows);
* "of" follows ("rider of the month": a title, not the rows), or "to" ("the next athlete to
  reach 30": a clause on the row asked for), or a name does;
* the column of names is headed by anything but words for a person ("Name of barge");
* another noun already names the rows ("how many clubs had a player ...").

Each occurrence of the word must be read so, or none is. The reading says so in a note; any
other unread word still makes the reader refuse.
"""

from __future__ import annotations

from .constituents import Reading
from .lexicon import load, name_tokens, stem
from .people_rows import PERSON_HEADERS, rows_are_people
from .schema import SchemaModel

#: general words for a person that may name the rows of a table of people
PERSON_ROW_NOUNS: set[str] = {stem(w) for w in load()["person_row_nouns"]}
#: header words of a column only people have ("Nationality", "Date of birth", "Height")
_PERSON_COLUMNS = {stem(w) for w in load()["person_columns"]}
_DEGREE = {"most", "least", "more", "fewer", "less", "many", "much", "few", "several",
           "some", "no", "total", "number", "numbers"}


def read_person_rows(r: Reading, s: SchemaModel) -> None:
    """Move an unread word for a person to the rows' noun over a table of people (module
    docstring). Runs after the coverage check and before the plan is built."""
    if not r.unknown:
        return
    unread = {w.lower() for w in r.unknown}
    words = {w for w in unread if w.isalpha() and stem(w) in PERSON_ROW_NOUNS}
    if not words or any(stem(e.lower()) not in PERSON_ROW_NOUNS for e in r.entity):
        return
    nodes = r.nodes
    at = [i for i, nd in enumerate(nodes) if nd.kind == "word" and nd.role is None and
          nd.low in words]
    if not at or not all(_rows_noun(r, i) for i in at) or not _people_listed(s):
        return
    for i in at:
        nd = nodes[i]
        nd.role = "ignored"
        r.entity.append(nd.text)
        r.ignored.append(nd.text)
    said = ", ".join(dict.fromkeys(f'"{nodes[i].text}"' for i in at))
    r.notes.append(f"read {said} as the rows: each row is one person")
    r.unknown = [w for w in r.unknown if w.lower() not in words]


def _people_listed(s: SchemaModel) -> bool:
    """The rows are people, the column of their names is headed by nothing but words for a
    person ("Name", "Player", "Rider name"; not "Name of barge"), and more than a bare "Name"
    says they are people: a header for a person ("Rider") or a column only people have
    ("Nationality", "Date of birth", "Height"). Forts and ships have two-word names too."""
    if not rows_are_people(s):
        return False
    keys = [{stem(t) for t in name_tokens(c)} for c, p in s.columns.items()
            if name_tokens(c) and p.kind == "text" and p.n_distinct >= 0.9 * s.n_rows]
    keys = [k for k in keys if k <= PERSON_HEADERS | {"full"}]
    if not keys:
        return False
    if any(k - {"name", "full"} for k in keys):
        return True
    return any({stem(t) for t in name_tokens(c)} & _PERSON_COLUMNS for c in s.columns)


def _rows_noun(r: Reading, i: int) -> bool:
    prev = r.nodes[i - 1] if i > 0 else None
    nxt = r.nodes[i + 1] if i + 1 < len(r.nodes) else None
    if prev is not None and (prev.is_number or prev.kind == "num" or prev.has("number") or
                             prev.low in _DEGREE or prev.has("count")):
        return False
    if nxt is not None and (nxt.low in ("of", "to") or nxt.kind in ("val", "quote")):
        return False  # "rider of the month", "the first rider to finish": not the rows alone
    return True


__all__ = ["PERSON_ROW_NOUNS", "read_person_rows"]
