"""What a run of consecutive rows is counted in (issue 12, table order): "how many
successive *fixtures* were staged at Elko", "for how many consecutive *meetings* was the
turnout above 500".

The plain noun right after the run word names the rows themselves, whatever the table calls
them: it picks nothing, the question's other conditions do. A victory or defeat said as a verb
after such a noun ("successive fixtures they *won*") is read from the table's one
result column ("W 2-1", "Lost") when a pronoun wins (a name that wins may be the other
side of the result); otherwise, the verb would be silently dropped, so
the run is refused (:func:`unit_problem`). "took place" after the noun is read past.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Collection

from .constituents import FilterC, Reading
from .lexicon import name_tokens, stem
from .side_names import mark_side, unheld_name

if TYPE_CHECKING:
    from .grammar import Parser
    from .schema import SchemaModel

_WIN_VERBS = {"win": "w", "won": "w", "wins": "w", "lose": "l", "lost": "l", "loses": "l"}
#: who wins when the result column speaks for the table ("did *they* win"); a name before
#: the verb ("did Reno win") may be the other side of the result, never read so
_SUBJECTS = {"they", "he", "she", "we", "it", "you"}
_HAVE = {"has", "have", "had"}
_TAKE = {"take", "took", "taken", "takes", "taking"}


def read_run_unit(p: "Parser", i: int, outcome_filter: Callable[["Parser", int, str], bool]
                  ) -> None:
    """Read the noun after the run word at ``i`` as the rows' noun (see the module
    docstring); ``outcome_filter`` reads a win or loss verb after it from the result
    column."""
    nd = p.node(i + 1)
    if nd is None or nd.role is not None or nd.kind != "word" or nd.tags or \
            not nd.low.isalpha() or len(nd.low) < 3:
        return
    nd.role = "position"
    p.r.__dict__["run_unit"] = nd.text
    verbs = [k for k in range(i + 2, len(p.n)) if p.n[k].role is None and
             p.n[k].kind == "word" and p.n[k].low in _WIN_VERBS]
    before = verbs[0] - 1 if verbs else -1
    if p.low(before) in _HAVE:
        before -= 1  # "she has won"
    if len(verbs) == 1 and p.low(before) in _SUBJECTS and \
            outcome_filter(p, verbs[0], _WIN_VERBS[p.n[verbs[0]].low]):
        p.r.__dict__["run_outcome"] = True


def took_place(p: "Parser", i: int) -> None:
    """"successive defeats that *took place*": read past after the run word at ``i``."""
    for k in range(i + 1, len(p.n) - 1):
        if p.n[k].low in _TAKE and p.n[k + 1].low == "place" and p.n[k + 1].role is None:
            p.use(k, k + 1, role="position")


_YEARS = {"years", "year", "seasons", "season"}


def read_run_years(p: "Parser", i: int, *, one_per_row: bool = True) -> None:
    """"how many consecutive *years*": when the rows are years (one row each in the table's
    one column of whole years), the run is counted in consecutive numbers of that column, so
    2001 then 2003 is no run; with several rows a year the table's order is kept (unless
    ``one_per_row`` is False: "which club won 3 consecutive titles" counts the years each
    value holds, with other rows between them)."""
    nd = p.node(i + 1)
    if nd is None or nd.low not in _YEARS:
        return
    years = [c for c in p.s.columns if _whole_years(p.s, c)]
    if len(years) != 1:
        return
    prof = p.s.col(years[0])
    if not one_per_row or prof.n_distinct >= p.s.n_rows - prof.n_null:
        p.r.__dict__["run_by"] = years[0]


def _whole_years(s: "SchemaModel", c: str) -> bool:
    """A column of whole years: named for years (Year, Season) or read as time, all its
    numbers between 1000 and 2100."""
    prof = s.col(c)
    named = {stem(t) for t in name_tokens(c)} & {"year", "season"}
    return prof.kind == "integer" and (prof.role == "time" or bool(named)) and \
        prof.min is not None and prof.max is not None and 1000 <= float(prof.min) and \
        float(prof.max) <= 2100


_SEASONS = {"season", "year", "campaign"}
_BEFORE_SIDE = {"did", "does", "do", "for", "by", "that", "has", "have"}
_AFTER_SIDE = {"have", "had", "has", "get", "got", "in", "during", "this", "?", "achieve",
               "achieved", "record", "recorded", "earn", "earned", "manage", "managed"}


def own_side(p: "Parser", i: int) -> None:
    """"the successive victories *the otters* managed": once the run is of the table's one
    result column, a name after the run word that no column or value holds is the table's
    own side, read as "they" (planner/side_names.py)."""
    for k in range(i + 1, len(p.n)):
        if p.n[k].low in _SEASONS and p.n[k].role is None and not p.n[k].columns and \
                p.low(k - 1) in ("this", "the"):
            p.use(k - 1, k, role="position")  # "in this season": the table's own games
    spans: list[list[int]] = []
    for k in range(i + 1, len(p.n)):
        nd = p.n[k]
        if nd.role is None and nd.kind == "word" and (not nd.tags or nd.low == "the"):
            if spans and spans[-1][-1] == k - 1:
                spans[-1].append(k)
            else:
                spans.append([k])
    # "... had in the 1946 season": a season word alone names no side
    spans = [sp for sp in spans if any(p.n[k].low not in _SEASONS | {"the"} for k in sp)]
    if len(spans) != 1:
        return
    span = spans[0]
    before, after = p.node(span[0] - 1), p.node(span[-1] + 1)
    if before is None or (before.low not in _BEFORE_SIDE and before.role != "filter") or not (
            after is None or after.low in _AFTER_SIDE):
        return
    nodes = [p.n[k] for k in span]
    if unheld_name(nodes):
        mark_side(nodes, p.r.notes, p.r.ignored)


def other_side(r: Reading, result_columns: "Collection[str]") -> str | None:
    """"successive victories <an opponent> managed": a value the data holds, as the one
    who wins a run of the result column, is another side, whose wins are the table's
    losses: why it is not read, or None."""
    results = [f.column for f in r.filters if f.column in result_columns]
    if not results:
        return None
    for f in r.filters:
        if f.how == "value" and f.column not in results and 0 < f.at < len(r.nodes) and \
                r.nodes[f.at - 1].low in ("did", "does", "do"):
            return (f"{r.nodes[f.at].text!r} may be the other side of the results, whose "
                    f"wins are the table's losses; I cannot tell whose run is meant.")
    return None


def bind_years(r: Reading, s: "SchemaModel") -> None:
    """"how many consecutive launches were there in 1943": a year left unread picks the rows
    of the one column of whole years holding it (named for years or dates, or read as
    time), when nothing else read it."""
    cols = [c for c in s.columns if s.col(c).kind == "integer" and (
        s.col(c).role == "time" or {stem(t) for t in name_tokens(c)} & {"year", "date",
                                                                         "season"})]
    for k, nd in enumerate(r.nodes):
        if nd.role is not None or nd.kind != "num" or nd.item.tok is None or \
                nd.item.tok.ordinal or not float(nd.value).is_integer() or \
                not 1000 <= nd.value <= 2100 or r.nodes[k - 1].low not in ("in", "during"):
            continue
        held = [c for c in cols if s.col(c).min is not None and
                float(s.col(c).min) <= nd.value <= float(s.col(c).max)]
        if len(held) == 1:
            r.filters.append(FilterC(held[0], "=", int(nd.value), at=k, how="value"))
            nd.role = "filter"


_LISTED = {"are", "is", "there", "listed", "shown", "given", "in", "the", "table", "list",
           "?"}


def listed_column(p: "Parser", i: int) -> bool:
    """"how many consecutive riders are listed", "how many consecutive remarks are there":
    the column named after the run word, and nothing else asked, is the run of rows that
    have a value in it (all the rows when none is empty)."""
    nd = p.node(i + 1)
    if nd is None or nd.kind != "col" or nd.role is not None or len(set(nd.columns)) != 1:
        return False
    rest = p.n[i + 2:]
    if not rest or rest[0].low not in ("are", "is") or any(
            x.role is not None or x.low not in _LISTED for x in rest):
        return False
    p.r.filters.append(FilterC(nd.columns[0], "not null", None, at=i + 1, how="missing"))
    nd.role = "filter"
    p.use(*range(i + 2, len(p.n)), role="position")
    return True


def unit_problem(r: Reading) -> str | None:
    """Why a run counted in a noun cannot be read, or None."""
    if "run_unit" not in r.__dict__ or r.__dict__.get("run_outcome"):
        return None
    said = [nd.text for nd in r.nodes if nd.kind == "word" and nd.low in _WIN_VERBS and
            nd.role not in ("filter", "position")]
    if said:
        return (f"I could not tell which rows {said[0]!r} picks: no one column of results "
                f"says which {r.__dict__['run_unit']} were won or lost.")
    return None


def counted_in_a_noun(r: Reading) -> bool:
    """The run names its rows ("consecutive games") and no win or loss is left unread: a time
    alone may then pick the rows ("successive fixtures staged in May")."""
    return "run_unit" in r.__dict__ and unit_problem(r) is None


__all__ = ["bind_years", "counted_in_a_noun", "listed_column", "other_side", "own_side", "read_run_unit", "read_run_years", "took_place",
           "unit_problem"]
