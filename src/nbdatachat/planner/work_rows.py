"""Over a list of works, "how many albums did the group release" counts the rows.

A table with a Title column whose cells are (nearly) all different lists works: a singer's
singles, an actor's films, a writer's books, a series' episodes. "how many singles did the
group release prior to 1990", "how many films did he make after 1990" count those rows. Coverage reads
"how many <noun>" as the rows' own noun, except before "did" / "does" / "has": "how many points
did Dover score" counts a thing the rows have, not the rows. A work is never such a thing: a
noun of the lexicon's kinds of work (film, song, album, episode, book ...) over a table of
titles names the rows themselves, whatever verb follows.

Read so only when:

- the question counts ("how many", "number of") and the noun comes right after the count
  words (or after "total" there);
- the noun grounds nothing in this table, and no other noun already names the rows;
- a text column named "title" (or "... title") holds a different value on nearly every row.

The noun moves from the unread words to the rows' noun, and the reading says so in a note; any
other unread word still makes the reader refuse.
"""

from __future__ import annotations

from .constituents import Reading
from .lexicon import header_words, load, stem
from .schema import SchemaModel

#: kinds of work a table of titles may list ("film", "single", "episode")
WORK_NOUNS: set[str] = {stem(w) for w in load()["work_nouns"]}
_COUNTS = ("how many", "number of", "count of", "the number of")
_AFTER = {"did", "does", "do", "has", "have", "had"}


def title_column(s: SchemaModel) -> str | None:
    """The one text column named a title whose cells nearly all differ, else None."""
    found = [c for c, p in s.columns.items()
             if "title" in header_words(c) and p.kind in ("text", "other") and
             s.n_rows >= 3 and p.n_distinct >= 0.8 * s.n_rows]
    return found[0] if len(found) == 1 else None


def counted_works(r: Reading, s: SchemaModel) -> None:
    """Read "how many <work noun> did ..." over a table of titles as counting the rows
    (module docstring). Runs after the coverage check; other readings are left as they
    are."""
    if not r.count or not r.unknown or r.entity:
        return
    unread = {w.lower() for w in r.unknown}
    nodes = r.nodes
    for i, nd in enumerate(nodes):
        if nd.kind != "word" or nd.role is not None or nd.low not in unread or \
                not nd.low.isalpha() or stem(nd.low) not in WORK_NOUNS:
            continue
        k = i - 1
        if k >= 0 and nodes[k].low == "total":
            k -= 1
        if k < 0 or nodes[k].low not in _COUNTS:
            continue
        nxt = nodes[i + 1].low if i + 1 < len(nodes) else ""
        if nxt not in _AFTER:
            continue  # coverage reads the noun elsewhere; anything else stays as it was
        col = title_column(s)
        if col is None or sum(1 for n in nodes if n.low == nd.low) > 1:
            return
        nd.role = "ignored"
        r.entity.append(nd.text)
        r.ignored.append(nd.text)
        r.notes.append(f'read "{nd.text}" as the rows: each row is one ({col!r} names it)')
        r.unknown = [w for w in r.unknown if w.lower() != nd.low]
        return


__all__ = ["WORK_NOUNS", "counted_works", "title_column"]
