""""People" over a population column: "which parish has the most people", "how many people
live in X", "more than 500 people".

"People" is question vocabulary (it names the rows of a roster, "how many people won
twice"), so it never names a column by itself. A table with a column of population counts
people as an amount instead: its rows are places, and "the most people" or "how many people
live there" asks for that column, never for a count of rows (which would say 1 for every
town). The population columns are those named by a word of the lexicon's synonyms of
"population" ("Population", "Inhabitants", "Residents (2011)"); when several are (one per
year), all are candidates and the question's other words pick one or the reader asks which.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import load, name_tokens, stem
from .schema import Match, SchemaModel
from .tokens import Tok

#: the nouns read here
_PEOPLE = {"people", "persons"}
#: header words of a figure about the population that is not a number of people
_NOT_COUNTS = {"density", "per", "change", "growth", "rank", "ranking", "ratio", "share",
               "percent", "percentage", "pct", "rate"}
_RATE = re.compile(r"[%/]")
#: how sure the reading is: a synonym's score
PEOPLE_SCORE = 0.8


@lru_cache(maxsize=1)
def _population_words() -> frozenset[str]:
    groups = [g for g in load()["synonyms"] if "population" in g]
    return frozenset(stem(w) for g in groups for w in g)


def population_columns(schema: SchemaModel) -> list[str]:
    """Numeric columns named by a synonym of "population" that count people (not a density,
    a change, a rank or a share of it: "Population density (/km²)", "Change (%)")."""
    words = _population_words()
    out = []
    for c, p in schema.columns.items():
        toks = {stem(t) for t in name_tokens(c)}
        if p.numeric and toks & words and not toks & _NOT_COUNTS and not _RATE.search(str(c)):
            out.append(c)
    return out


def people_spans(toks: list[Tok], taken: list[bool],
                 schema: SchemaModel) -> list[tuple[int, int, str, list[Match]]]:
    """Spans of "people" nothing took, read as the population column(s); marks them taken."""
    columns = population_columns(schema)
    if not columns:
        return []
    out: list[tuple[int, int, str, list[Match]]] = []
    for i, t in enumerate(toks):
        if taken[i] or t.kind != "word" or t.low not in _PEOPLE:
            continue
        taken[i] = True
        out.append((i, i + 1, "col", [Match("column", c, PEOPLE_SCORE, "synonym")
                                      for c in columns]))
    return out


__all__ = ["people_spans", "population_columns"]
