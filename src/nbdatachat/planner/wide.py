"""Wide tables: one numeric column per thing compared (a column per stock, per candidate,
per medal). "which stock had the highest price" names none of the columns but compares
things that *are* the columns: the plan stacks them (unpivot) into a name and a value and
compares those. Used only when the question names no measure, asks which / compares, and
its only ungrounded words are the noun for the columns ("stock") and for their values
("price"): both must be there, or the reading would be a guess.
"""

from __future__ import annotations

from .constituents import Reading, filters_of
from .lexicon import header_words, name_tokens, stem
from .plan import Measure, Plan
from .schema import SchemaModel
from .team_subject import TEAM_COLUMNS, TEAM_NOUNS


#: header words of a column that places or numbers the rows: never one of the things compared
_ORDERING = {"rank", "position", "pos", "place", "no", "number", "#"}


def similar_measures(s: SchemaModel) -> list[str]:
    """Measure columns that look like one quantity spread over columns: same type,
    comparable ranges, none of them a total."""
    cols = [c for c in s.measures if s.col(c).numeric and not s.col(c).binary and
            not s.col(c).year_like and
            not {"total", "sum", "overall", "all"} & set(name_tokens(c)) and
            not _ORDERING & {stem(t) for t in name_tokens(c)}]
    if len(cols) < 3 or len({s.col(c).kind for c in cols}) != 1:
        return []
    highs = [abs(float(s.col(c).max)) for c in cols if s.col(c).max is not None]
    if len(highs) != len(cols) or min(highs) <= 0 or max(highs) / min(highs) > 20:
        return []
    return cols


def unused_name(name: str, columns) -> str:
    """``name``, or it with leading underscores until no column has it. SQL names ignore
    case, so "name" collides with a "Name" column (the stacked result would show the table's
    column instead of the stacked names)."""
    taken = {str(c).casefold() for c in columns}
    while name.casefold() in taken:
        name = "_" + name
    return name


def wide_plan(r: Reading, s: SchemaModel) -> Plan | None:
    if r.tool or r.count or r.groups or r.over_time or r.grain or r.which_col or \
            r.superlative_column or \
            any(m.column and s.col(m.column).numeric for m in r.measures):
        return None
    if any(nd.kind == "col" and nd.role is None and s.col(nd.columns[0]).numeric
           for nd in r.nodes):
        return None
    asks = r.which or any(nd.low in ("compare", "rank", "which", "what") for nd in r.nodes)
    if not asks or not (r.superlative or r.mode or r.global_agg):
        return None
    cols = similar_measures(s)
    words = list(dict.fromkeys(r.unknown + r.entity))
    if not cols or len(words) > 2:
        return None
    names = [stem(w.lower()) for w in words if stem(w.lower()) not in ("type", "kind",
                                                                       "column")]
    if r.mode and len(names) == 1:
        names.append("count")  # "which medal is most common": its values are counts
    if len(names) < 2 or any("ordinal" in nd.tags and nd.role is None and
                              nd.low not in ("first", "1st") for nd in r.nodes):
        # "which university has the least": no word names the quantity the columns hold,
        # so nothing says the columns are what is compared (the rows may be); and "the
        # second highest" asks for a position the stacked ranking would drop
        return None
    name, value = names[0], names[1]
    if any(name in header_words(c) or name in TEAM_NOUNS and header_words(c) & TEAM_COLUMNS
           for c in s.columns if not s.col(c).numeric):
        return None  # "the club with the most goals" beside a Club or Nation column: the
        # rows are what is compared, not the columns
    sup = next((i for i, nd in enumerate(r.nodes) if "sup" in nd.tags), None)
    said = [i for i, nd in enumerate(r.nodes) if nd.text in words or nd.kind == "word" and
            nd.role is None and set(nd.tags) <= {"grain"} and nd.low.isalpha()]
    if sup is not None and said and min(said) > sup:
        return None  # "who did best of all in the last heat": no noun for the columns
    if name == value:
        name, value = "column", "value"
    name = unused_name(name, s.columns)
    value = unused_name(value, [*s.columns, name])
    agg = r.global_agg[0] if r.global_agg and r.global_agg[0] not in (
        "count", "count_distinct") else None
    if agg is None:
        if r.superlative_word in ("most", "least", "fewest") or r.mode or \
                all(s.col(c).additive or s.col(c).kind == "integer" for c in cols):
            agg = "sum"
        elif r.superlative:
            agg = "max" if r.superlative == "hi" else "min"
        else:
            agg = "mean"
    m = Measure(agg, value)
    r.ignored.extend(w for w in words if w not in r.ignored)
    r.unknown = []
    r.notes.append(f"read the columns {', '.join(cols)} as values of one {name}")
    return Plan(kind="aggregate", measures=[m], group_by=[name], filters=filters_of(r),
                logic=r.logic, order_by=m.alias,
                descending=(r.superlative or r.limit_dir or "hi") != "lo",
                limit=r.limit, argmax=not r.limit, chart=r.chart.kind,
                unpivot={"columns": cols, "name": name, "value": value})


__all__ = ["similar_measures", "unused_name", "wide_plan"]
