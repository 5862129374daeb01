"""When the noun of "the first / last <noun>" is the rows themselves.

"The last *loss*", "the first *player to win*" name a kind of row the data must pick out
(a result, a condition); table order over every row would answer another question, so
``positions.py`` refuses a position with such a noun. Two shapes are the rows, though:

* an event noun over a schedule ("what date was the first *game* played", "the last
  *race* of the season"): every row is one (``event_words.is_schedule``);
* a plain noun with nothing after it but where it is listed: "the last *track* on the
  album", "the first *entry* listed", "the last *episode* of season 2" (the season a filter
  already read), "who is the first *singer* in the table". Nothing else may follow the noun
  (no "to win", "that scored", "from the US", no column: "the first game *released*" asks
  for the game, not its release), a result noun ("loss", "win") never is, and the question
  names no result ("who *won* the first game" needs a result column read);
* a plain noun and a participle naming a column with its agent after "by": "the last *song*
  produced by X", where X is a value of the column the participle names (or a header
  "Directed by" names: "the first episode directed by X"). The agent is a
  filter; the participle's column is marked ``"agent"`` so it is not the column asked for
  (:func:`agent_columns`; the rows' name answers);
* a plain noun and a participle naming a column of times or years, after linking words:
  "the last fort *to be built*", "which fort *was* the first *to be built*", "the first
  fort in the north *built*": the participle's column orders the rows (first = earliest),
  and only what may follow the noun anyway may stand around it. A question asking a time
  ("what year was the last fort built") is answered with that same column.
"""

from __future__ import annotations

import re


from .constituents import Reading
from .event_words import COLLECTION_NOUNS, EVENT_NOUNS, SPAN_NOUNS, SUBJECT_NOUNS, is_schedule
from .lexicon import OUTCOME_NOUNS, RESULT_VERBS, name_tokens, stem
from .schema import SchemaModel, holds_years
from .anchor_forms import LIST_NOUNS

#: words that may follow the rows' noun: where the rows are listed, or that they happened
_PLACING = {"listed", "shown", "played", "held", "released", "recorded", "on", "in", "of",
            "from", "the", "this", "that", "his", "her", "their", "its"}
#: words between the rows' noun and a participle naming the time they are ordered by
#: ("the last fort *to be* built", "which fort *was* built last")
_LINKS = {"to", "be", "was", "were", "is", "are", "been", "get", "got"}


def noun_is_rows(r: Reading, s: SchemaModel) -> bool:
    """Every noun of ``r.entity`` names the rows (module docstring); notes say so."""
    if not r.entity or any(nd.kind == "word" and nd.low in RESULT_VERBS for nd in r.nodes):
        return False
    notes = []
    for word in r.entity:
        low = word.lower()
        if low in OUTCOME_NOUNS or stem(low) in {stem(w) for w in OUTCOME_NOUNS}:
            return False
        i = next((k for k, nd in enumerate(r.nodes) if nd.text == word), None)
        if i is None:
            return False
        if stem(low) in EVENT_NOUNS and is_schedule(s) and _only_placing(r, i + 1):
            notes.append(f'read "{word}" as the rows: each row is one of them (a schedule)')
        elif low.isalpha() and _time_participle(r, s, i + 1) and _only_placing(r, i + 1):
            notes.append(f'read "{word}" as the rows of the table, in the order of '
                         f'{r.position.order_by}')
        elif _only_placing(r, i + 1) and low.isalpha():
            notes.append(f'read "{word}" as the rows of the table')
        else:
            return False
    r.notes.extend(notes)
    return True


def _time_participle(r: Reading, s: SchemaModel, j: int) -> bool:
    """After the noun, linking words and one participle naming a column of times orders the
    rows by it: "the first fort to be built" over a Built year column (a column of times
    only: "the last fort to be visited by 900 people" names a count, not an order). The
    order said before ("built last") was already read (``positions._implied_order``)."""
    pos = r.position
    time_asked = r.nodes[0].low == "when" or any(
        set(nd.low.split()) & {"year", "date", "day", "month"} for nd in r.nodes[:3])
    k = j
    while k < len(r.nodes) and (r.nodes[k].kind == "word" and (
            r.nodes[k].low in _LINKS or r.nodes[k].low in ("the", "in", "of", "at", "on") or
            r.nodes[k].role == "position") or  # "which fort was the first to be built"
            r.nodes[k].kind == "val" and r.nodes[k].role == "filter"):  # "in the north"
        k += 1
    if pos is None or pos.anchor or k >= len(r.nodes):
        return False
    nd = r.nodes[k]
    if nd.kind == "col" and nd.role == "order" and pos.order_by in nd.columns:
        return True
    if nd.kind != "col" or nd.role not in (None, "column") or len(nd.columns) != 1 or \
            pos.order_by is not None or not nd.low.isalpha():
        return False
    c = nd.columns[0]
    prof = s.col(c)
    if not (prof.role == "time" or prof.kind in ("date", "datetime") or prof.year_like or
            c in s.time_columns or holds_years(prof)):
        return False
    if time_asked:
        if r.which_col is not None and r.which_col != c:
            return False
        r.which_col = c  # "when was the first fort built": the time asked is the order's own
    pos.order_by, nd.role = c, "order"
    return True


def _only_placing(r: Reading, j: int) -> bool:
    """Nothing after the noun but where it is listed, or words another rule has read."""
    agents = [k for k in range(j, len(r.nodes)) if _agent(r, k)]
    for k, nd in enumerate(r.nodes[j:], start=j):
        low = nd.low
        if k in agents or (k - 1 in agents and low == "by" and nd.kind == "word"):
            continue
        if nd.kind == "word" and nd.role in (None, "ignored") and not (
                low in _PLACING or low in _LINKS or low in LIST_NOUNS or low in COLLECTION_NOUNS or
                low in SUBJECT_NOUNS or stem(low) in SPAN_NOUNS):
            return False
        if (nd.kind == "col" and nd.role != "order") or (nd.kind in ("val", "num") and
                                                          nd.role is None):
            return False
    for k in agents:
        r.nodes[k].role = "agent"
    return True


def _agent(r: Reading, k: int) -> bool:
    """``r.nodes[k]`` is a one-word participle naming a column, followed by "by" and a value
    the filters read in that same column ("produced by X" over a Producer column), or the
    header itself is the participle and "by" ("directed by X" over a "Directed by" column)."""
    nd = r.nodes[k]
    words = nd.low.split()
    by = words[-1:] == ["by"] and len(words) == 2
    nxt = r.nodes[k + 1:k + 3 - by]
    if nd.kind != "col" or nd.role != "column" or len(words) != 1 + by or \
            not words[0].endswith(("ed", "en")) or len(nxt) < 2 - by or \
            (not by and nxt[0].low != "by"):
        return False
    val = nxt[-1]
    return val.kind == "val" and val.role == "filter" and bool(set(val.columns) & set(nd.columns)) \
        and any(f.at == k + 2 - by and f.column in nd.columns for f in r.filters)


def names_rows(r: Reading, s: SchemaModel, c: str) -> bool:
    """``c``, the rows' name column, may answer "what is the last <noun>": not a time, date
    or notes column, and no other column's cells hold the noun as a word (a party, a kind:
    some rows only; the names themselves may hold it, "North Airfield")."""
    prof = s.col(c)
    if prof.role == "time" or prof.kind in ("date", "datetime") or c in s.time_columns or \
            {stem(t) for t in name_tokens(c)} & {"note", "remark", "comment", "date"}:
        return False
    for w in r.entity:
        part = re.compile(r"(?<!\w)" + re.escape(w.lower()) + r"(?!\w)")
        for o, p in s.columns.items():
            values = [str(v) for v in (p.values or [])][:5000]
            if o != c and p.kind == "text" and any(part.search(v.lower()) for v in values):
                return False
    return True


def agent_columns(r: Reading) -> set[str]:
    """Columns a participle with its agent named ("produced by X"): filters, not asked."""
    return {c for nd in r.nodes if nd.kind == "col" and nd.role == "agent" for c in nd.columns}


__all__ = ["agent_columns", "names_rows", "noun_is_rows"]
