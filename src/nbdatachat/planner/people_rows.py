""""Which club sent the most entrants": people counted over a table whose rows are people.

Ranking groups by their row count is refused when the noun ranked grounded nothing
(``answer_type``): "the most goals" over a list of matches is not the number of matches.
When the table lists people, one per row (a column of names, nearly all different, headed
by a word for a person: "Name", "Athlete", "Rider", "Competitor"), and the noun is a word
for people ("competitors", "finishers", "athletes", "players"), each row is one of them,
and counting rows per group is what the question asks.
"""

from __future__ import annotations

import re

from .lexicon import PEOPLE_NOUNS, name_tokens, stem
from .schema import SchemaModel

#: header words naming a column of people
PERSON_HEADERS = {"name", "athlete", "player", "rider", "driver", "competitor", "skater",
                   "swimmer", "runner", "cyclist", "wrestler", "boxer", "jockey", "gymnast",
                   "shooter", "jumper", "thrower", "candidate", "contestant", "member",
                   "person", "winner", "finisher", "entrant", "participant", "pilot"}
#: a person's name: two or more words, each opening with a capital letter
_FULL_NAME = re.compile(r"^[A-ZÀ-Þ][\w'’.\-]*(?:\s+[\w'’.\-()]+)+$")
#: endings of nouns for people who do something ("finishers", "competitors", "cyclists")
_AGENT = re.compile(r"(?:ers|ors|ists|ants|ents)$")


def person_noun(word: str) -> bool:
    """A plural noun for people: in the lexicon's people nouns, or an agent noun."""
    w = word.lower()
    return w in PEOPLE_NOUNS or (len(w) > 5 and bool(_AGENT.search(w)))


def rows_are_people(s: SchemaModel) -> bool:
    """One column of people's names, nearly all different, headed by a word for a person."""
    for c, p in s.columns.items():
        if p.kind != "text" or not p.values or s.n_rows < 3:
            continue
        if not {stem(t) for t in name_tokens(c)} & PERSON_HEADERS:
            continue
        names = [str(v) for v in p.values if str(v).strip()]
        if p.n_distinct >= 0.9 * s.n_rows and names and \
                sum(1 for v in names if _FULL_NAME.match(v.strip())) >= 0.8 * len(names):
            return True
    return False


def counts_people(word: str, s: SchemaModel, plan: object) -> bool:
    """The ranked noun is people and each row is one person (module docstring), and the plan
    ranks every group: "the most riders in the top 5" is no top 5 of the groups."""
    return person_noun(word) and not getattr(plan, "limit", None) and rows_are_people(s)


__all__ = ["PERSON_HEADERS", "counts_people", "person_noun", "rows_are_people"]
