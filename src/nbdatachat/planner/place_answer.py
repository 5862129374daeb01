"""A "where" question answers with a place.

"where was the 2005 final held?" names the row by its year and the event by a column
("final" may ground a Competition column); what it asks for is neither: it is the value of
the table's column of places. The place column is found by its name, in three tiers tried
in order, so that a table with "Venue" and "Country" answers with the venue:

1. where something happened: venue, location, site, place, ground, stadium, arena, circuit,
   course, host;
2. a settlement: city, town, village, municipality, suburb, port, address;
3. a territory: country, nation, state, province, region, county, district.

Only text columns whose values are names (they open with a letter) count, which leaves out
a "Place" column of finishing positions ("1st", "2nd"). Two columns in the first tier that
has any are asked about, never guessed; a table with no place column keeps the reading's
own answer column (a tournament named by its city); so does an answer column of schools
("where did X go to college").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import Incomplete
from .lexicon import header_words
from .schema import SchemaModel, opens_with_letter

if TYPE_CHECKING:
    from .constituents import Reading
    from .plan import Plan

_TIERS = (
    {"venue", "location", "site", "place", "ground", "stadium", "arena", "circuit", "course",
     "host"},
    {"city", "town", "village", "municipality", "suburb", "port", "address"},
    {"country", "nation", "state", "province", "region", "county", "district"},
)

#: where someone studied or worked: an answer to "where" too, though not a place column
_INSTITUTIONS = {"school", "college", "university", "academy", "institute", "institution"}


def _names_places(s: SchemaModel, column: str) -> bool:
    p = s.col(column)
    if p.numeric or p.kind not in ("text", "string"):
        return False
    values = [v for v in (p.values or []) if str(v).strip()]
    return bool(values) and sum(map(opens_with_letter, values)) >= 0.9 * len(values)


def place_tier(s: SchemaModel, column: str) -> int | None:
    """0, 1 or 2: the tier of a column of places; None for any other column."""
    words = header_words(column)
    for k, tier in enumerate(_TIERS):
        if words & tier and _names_places(s, column):
            return k
    return None


def place_columns(s: SchemaModel, exclude: set[str] | frozenset[str] = frozenset()
                  ) -> list[str]:
    """The place columns of the first tier that has any (leaving out ``exclude``: the
    columns a question's values already pin)."""
    tiers: dict[int, list[str]] = {}
    for c in s.columns:
        k = place_tier(s, c) if c not in exclude else None
        if k is not None:
            tiers.setdefault(k, []).append(c)
    return tiers[min(tiers)] if tiers else []




def where_answer(r: "Reading", s: SchemaModel, plan: "Plan") -> "Plan":
    """A rows or lookup plan of a "where" question answers with the place column (see the
    module docstring); other plans, and plans already answering with a place, unchanged."""
    from .answer_type import asked_type
    from .plan import AggregatePlan, RowsPlan
    from .plan_kinds import LookupPlan

    if asked_type(r.question) != "where":
        return plan
    if isinstance(plan, AggregatePlan) and plan.filters and not plan.group_by and \
            len(plan.measures) == 1 and plan.measures[0].agg == "count" and \
            plan.measures[0].column is None and not (plan.time_bucket or plan.unpivot or
                                                     plan.share or plan.part or plan.steps):
        # "where was the 2004 final held" read as a count of its rows: the rows' place
        plan = LookupPlan(columns=[], filters=list(plan.filters), logic=plan.logic,
                          question=plan.question)
    if not isinstance(plan, (RowsPlan, LookupPlan)) or \
            (isinstance(plan, LookupPlan) and (plan.yes_no or plan.same or plan.by)):
        return plan
    pinned = {f.column for f in plan.filters if f.op in ("=", "in")}
    asked = [c for c in plan.columns if c not in pinned]
    if any(place_tier(s, c) is not None or header_words(c) & _INSTITUTIONS for c in asked):
        return plan  # a place, or where someone studied ("where did X go to college")
    places = place_columns(s, pinned)
    if len(places) > 1:
        raise Incomplete(f'"Where" asks for a place: which of {", ".join(places)}?', places,
                         clarify=True)
    if not places:
        return plan  # no column names places: the reading's own column (a tournament's city)
    r.notes.append(f'read "where" as the place column {places[0]!r}')
    return plan.copy(columns=[places[0]])


__all__ = ["place_columns", "place_tier", "where_answer"]
