"""A place in a standing at or above a threshold: "how many riders finished *in the top
10*", "who was the last driver *in the top five*", "how many times did she place *in the
top three*", "*a top 5 finish*".

"In the top N" beside a table with one column of places is the rows whose place is N or
better, not the N rows of some ranking: a filter ``place <= N`` on that column (rows tied
on the Nth place are in, as a standing says). The column of places is the one
``ordinal_places.place_columns`` finds (a numeric column named for places, or a text column
of ordinals, "1st", "T4", "15th (q)"); several are told apart by the placing word of the
question ("finished" -> Finish), else the reading asks which.

Said, never guessed: a text cell that is not a place ("DNF", "—") is not a place in the top
N (the rows are left out and the answer says which cells were); a numeric column of places
with blank cells (often the medal places, listed first and not numbered) is left to the
reading of "the top N" as the first N rows of the standing, except in a column of chart
positions ("Peak chart position"), where a blank is a record that never charted (left out,
and said). Of several columns of places, the one whose distinguishing words the question
says ("on the UK lists": "UK", not "UK Dance" or "IRE") is taken.
Questions with a negation ("did not finish in the top 10") or a word naming nothing in the
data ("how many *newcomers* were in the top 10") are left to other readings.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import FilterC
from .lexicon import name_tokens, stem
from .ordinal_places import PLACE_WORDS, place_columns

if TYPE_CHECKING:
    from .grammar import Parser

#: words before "the top N" that put a row inside it ("in", "into", "within", "made")
_INSIDE = {"in", "into", "within", "among", "made", "make", "reach", "reached", "to",
           "inside", "cracked", "crack"}
#: nouns after "top N" that are places, not rows ("a top 10 finish", "top 3 spots")
_PLACE_NOUNS = {"finish", "finishes", "position", "positions", "place", "places", "spot",
                "spots", "placing", "placings", "finisher", "finishers"}
_NEGATIONS = {"not", "never", "no", "n't", "didn't", "wasn't", "weren't", "failed", "without",
              "outside"}
#: the place at the start of a cell of places: "1st", "T4", "=4", "15th (q)", "7"
_LEADING_PLACE = re.compile(r"^\s*[T=]?(\d{1,3})(?:st|nd|rd|th)?\b(?!\s*[-–:./]\s*\d)",
                            re.IGNORECASE)


def _top_n(p: "Parser", i: int) -> tuple[int, list[int]] | None:
    """(N, indexes) when "top" at ``i`` is a read limit "top N" inside a standing."""
    nd, num = p.n[i], p.node(i + 1)
    if nd.low != "top" or nd.role != "limit" or num is None or num.role != "limit" or \
            p.r.limit is None or p.r.limit_dir != "hi":
        return None
    n = int(p.r.limit)
    used = [i, i + 1]
    k = i - 1
    if p.low(k) == "the":
        used.append(k)
        k -= 1
    after = p.node(i + 2)
    noun = after is not None and after.role is None and after.low in _PLACE_NOUNS
    if noun:
        used.append(i + 2)
    if p.low(k) in _INSIDE and p.n[k].role is None and p.low(k + 1) == "the":
        used.append(k)
        verb = p.node(k - 1)
        if verb is not None and verb.kind == "word" and verb.role is None and \
                verb.low in PLACE_WORDS:
            used.append(k - 1)  # "placed in the top 4": the placing is this filter's
    elif p.low(k) in ("a", "the") and noun or p.low(i - 1) in ("a",) and noun:
        used.append(k)  # "a top 10 finish", "had top three finishes"
    elif noun and p.low(k) in ("of", "with", "any", "their", "his", "her"):
        pass  # "how many top 4 results", "the number of top ten positions"
    elif p.low(i - 1) == "the" and _one_number(p, i + 2, used):
        return (n, used, True) if 1 <= n <= 100 else None
    else:
        return None
    return (n, used, False) if 1 <= n <= 100 else None


#: names of a column of chart positions, where a blank is a week never on the chart
_CHART = {"chart", "peak"}
#: names of a column that is the standing itself ("Pos.", "Place"), with no qualifier
_PLAIN_PLACE = {"rank", "place", "po", "pos", "position", "finish", "placing", "standing"}
#: words asking for one number over rows ("the total of", "the average", "combined")
_AGG_WORDS = {"total", "average", "combined", "sum", "altogether", "in total", "mean",
              "how many", "number of"}


def _one_number(p: "Parser", j: int, used: list[int]) -> bool:
    """"the total points of the top 5 (teams)": one number over the rows ranked 1..N,
    with nothing else ranking them ("by points", "with the most") or picking them."""
    if not any(nd.low in _AGG_WORDS or "agg" in nd.tags for nd in p.n) or any(
            nd.low in ("by", "most", "least", "highest", "lowest") or
            "sup" in nd.tags and nd.low != "top" for nd in p.n[j:]):
        return False
    nd = p.node(j)
    if nd is not None and nd.role in (None, "which") and (
            nd.kind == "col" and not p.s.col(p.column_of(nd)).numeric or
            nd.kind == "word" and not nd.tags and nd.low.isalpha()):
        used.append(j)  # "the top 5 *nations*": the rows' own noun
    return True


def _take_noun(p: "Parser", used: list[int]) -> None:
    """The rows' noun of "the top 5 *nations*" is this filter's, not the asked column."""
    for j in used:
        nd = p.n[j]
        if nd.role == "which":
            nd.role = None
            if nd.kind == "col" and p.r.which_col == p.column_of(nd):
                p.r.which_col = None


def _one_per_place(p: "Parser", col: str) -> bool:
    """Places 1, 2, 3 ... one row each: "the top N" is then N rows. One blank place is
    allowed (a "Total" row at the end, an unplaced entry): it is in no top N."""
    prof = p.s.col(col)
    placed = p.s.n_rows - prof.n_null
    return prof.n_null <= 1 and prof.n_distinct == placed and prof.min is not None and \
        float(prof.min) == 1 and float(prof.max) == placed


def _unplaced_after(p: "Parser", col: str) -> bool:
    """Places 1 .. the number of placed rows (ties allowed) and some rows with none: the blank
    rows are entries not placed (a "DNF" below the last place), in no top N. Blank medal
    places at the top are read as places by ``data/top_places.py`` first; blanks that are
    places (a top with no 1, ties written blank) leave the numbers short of the count."""
    prof = p.s.col(col)
    placed = p.s.n_rows - prof.n_null
    return prof.min is not None and float(prof.min) == 1 and float(prof.max) == placed and \
        placed >= 2 * prof.n_null


def _pick(p: "Parser", cols: list[str], used: list[int]) -> list[str]:
    """Of several columns of places, the one a placing word of the question names (the
    words that told it apart are added to ``used``)."""
    said = {stem(nd.low) for nd in p.n if nd.low in PLACE_WORDS}
    hit = [c for c in cols if {stem(t) for t in name_tokens(c)} & said]
    if len(hit) == 1:
        return hit
    if len(cols) < 2:
        return cols
    # "the top 20 on the UK lists" beside "UK" and "UK Dance" (or "IRE") columns: the one
    # whose words beyond those all share are each said in the question (none: a plain one)
    names = {c: {stem(t) for t in name_tokens(c)} for c in cols}
    common = set.intersection(*names.values())
    words = {stem(w) for w in re.findall(r"[a-z0-9]+", p.r.question.lower())}
    said_all = [c for c in cols if names[c] - common <= words]
    widest = [c for c in said_all if all(names[o] - common <= names[c] for o in said_all)]
    if len(said_all) > 1 and len(widest) == 1:
        said_all = widest  # "the NL dance charts": NL Dance, though "NL" is said too
    if len(said_all) == 1:
        extra = names[said_all[0]] - common
        used.extend(j for j, nd in enumerate(p.n) if nd.role is None and (
            nd.kind == "word" and stem(nd.low) in extra or nd.kind == "col" and
            said_all[0] in {m.column for m in nd.item.matches}))  # "on the *NL* charts"
        return said_all
    # "Pos." beside "Qual. Pos.": the place with no qualifier is the standing itself
    plain = [c for c in cols if names[c] <= _PLAIN_PLACE]
    return plain if len(plain) == 1 else cols


def read_rank_threshold(p: "Parser") -> None:
    """Turn a read "top N" inside a standing into a filter on the column of places."""
    if any(nd.low in _NEGATIONS or "neg" in nd.tags for nd in p.n):
        return
    for i in range(len(p.n)):
        found = _top_n(p, i)
        if found is None:
            continue
        n, used, rows = found
        numeric, texts = place_columns(p)
        cols = _pick(p, numeric + list(texts), used)
        if not cols:
            return
        if any(nd.kind == "word" and nd.role is None and not nd.tags and nd.low.isalpha() and
               len(nd.low) > 3 and nd.low not in PLACE_WORDS and j not in used and
               not (j and p.n[j - 1].kind == "col") for j, nd in enumerate(p.n)):
            return  # "how many *americans* were in the top 10": rows the data may not name
            # (a noun right after a column, "gold *medals*", only qualifies it)
        if rows and (len(cols) != 1 or cols[0] not in numeric or not _one_per_place(p, cols[0])):
            return  # "the top 4 clubs" over tied or blank places: not 5 rows
        chart = len(cols) == 1 and bool({stem(t) for t in name_tokens(cols[0])} & _CHART)
        if len(cols) == 1 and cols[0] in numeric and p.s.col(cols[0]).n_null and not chart \
                and not _unplaced_after(p, cols[0]):
            return  # blank places (often the medals, listed first): the top N rows stay
        _take_noun(p, used)
        for j in used:
            p.n[j].role = None
        p.r.limit = p.r.limit_dir = None
        p.use(*used, role="filter")
        if len(cols) > 1:
            p.r.problems.append(f'"top {n}" is a place in a standing, but several columns hold '
                                f'places ({", ".join(cols)}); say which one.')
            return
        col = cols[0]
        if col in numeric:
            p.r.filters.append(FilterC(col, "<=", n, at=i, how="compare"))
            p.r.notes.append(f'read "top {n}" as {col} {n} or better' + (
                f"; rows with no {col} (not placed) are not counted"
                if p.s.col(col).n_null else ""))
            return
        _text_places(p, col, n, i)
        return


def _text_places(p: "Parser", col: str, n: int, at: int) -> None:
    """"top N" over a text column of places: the cells whose place is 1..N."""
    prof = p.s.col(col)
    values = [str(v) for v in prof.values or []]
    places = {v: int(m.group(1)) for v in values if (m := _LEADING_PLACE.match(v))}
    hits = sorted((v for v, x in places.items() if 1 <= x <= n), key=lambda v: places[v])
    others = [v for v in values if v not in places]
    if prof.n_null:
        p.r.problems.append(f"{col} is blank in {prof.n_null} row"
                            f"{'s' if prof.n_null != 1 else ''}, so I cannot tell whether "
                            f"those are in the top {n}.")
        return
    if not hits:
        p.r.problems.append(f"No value of {col} is a place from 1 to {n}.")
        return
    p.r.filters.append(FilterC(col, "in", hits, at=at, how="value"))
    note = f'read "top {n}" as {col} {n} or better ({", ".join(hits[:8])}' + \
        (" ..." if len(hits) > 8 else "") + ")"
    if others:
        note += f"; {', '.join(others[:4])} {'is' if len(others) == 1 else 'are'} not a place"
    p.r.notes.append(note)


def read_rank_words(p: "Parser") -> None:
    """The rank readings of the grammar, in order: places written first in longer cells
    (``place_prefix.py``), "in the top N" (a place threshold), then "the next highest after
    X" (``rank_after.py``)."""
    from .place_prefix import read_place_prefix
    from .rank_after import read_rank_after

    read_place_prefix(p)
    read_rank_threshold(p)
    read_rank_after(p)


__all__ = ["read_rank_threshold", "read_rank_words"]
