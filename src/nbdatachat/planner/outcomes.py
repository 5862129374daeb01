"""Outcomes counted: "the number of losses", "how many games did they win in 2016", "how many
times did they tie".

A win, a loss, a draw is not what a row is but a result the row records. A table of games
often has one *result column* whose values open with an outcome word or letter: "W 24-17",
"L 0-3 (OT)", "Won", "Lost", "Win", "Draw", "Winner" / "Runner-up" (a list of finals), "Won" /
"Nominated" (awards). The column is found by its values, never by its name: every value an
outcome or a word for no result
("Bye", "Postponed", "Nominated"), no more of them than of outcomes (distinct values). "T5" (tied fifth) is a place, not a tie.

An outcome noun of a count ("wins", "defeats") or an outcome verb ("win", "lost", "drew",
"tied") then picks the rows whose result is that outcome; "draw" and "tie" are one outcome.
Other conditions ("in 2009", "against X", "at home") are read by their own rules.

The verb is read only when the question's subject is the table's own side: a pronoun ("they",
"she") or nothing ("how many games were won"). "how many games did <a name> win" may ask for
an opponent's wins, which are the table's losses; "won by ..." names who won or by how much.
Those, and a table with no result column or several, leave the word unread: then the count is
refused (``order_checks.py``, ``answer_type.py``), never answered over every row.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import FilterC
from .schema import SchemaModel
from .side_names import mark_side, unheld_name

if TYPE_CHECKING:
    from .grammar import Parser

_COUNTING = {"how many", "number of", "number", "count", "total number of", "total"}
#: the nouns only: "did team A win" is a verb of the row's subject, read elsewhere
_NOUNS = {"wins": "win", "victories": "win", "losses": "loss", "loses": "loss",
          "defeats": "loss",
          "draws": "draw", "ties": "draw"}
_VERBS = {"win": "win", "won": "win", "lose": "loss", "lost": "loss", "draw": "draw",
          "drew": "draw", "drawn": "draw", "tie": "draw", "tied": "draw"}
#: the first word of a result cell and the outcome it records
_CELL_WORDS = {"w": "win", "win": "win", "won": "win", "winner": "win", "winners": "win",
               "victory": "win", "l": "loss", "loss": "loss", "lost": "loss",
               "lose": "loss", "defeat": "loss", "runner": "loss", "d": "draw",
               "draw": "draw", "drawn": "draw", "drew": "draw", "t": "draw", "tie": "draw",
               "tied": "draw"}
#: cells that record no result of a played game
_NO_RESULT = {"bye", "nominated", "pending", "tbd", "tba", "postponed", "cancelled",
              "canceled", "abandoned", "void", "n/a", "-", "\u2013", "\u2014"}
_FIRST = re.compile(r"\s*([A-Za-z]+)(.*)", re.S)
_SCORE_CELL = re.compile(r"(\d{1,3})\s*[-\u2013\u2014]\s*(\d{1,3})(?:\s*\([^()]*\))?")
_SCORE = re.compile(r"\s*\d+\s*[-\u2013\u2014:]\s*\d+")
#: words of the question that name the played things (the rows)
_ROW_NOUNS = {"games", "matches", "contests", "fixtures", "bouts", "fights", "meetings",
              "times", "finals", "titles", "awards", "races", "encounters", "ballgames"}
_AUX = {"did", "do", "does", "has", "have", "had", "were", "was", "are", "is", "been", "be"}
#: the table's own side as the subject of the verb
_SUBJECTS = {"they", "he", "she", "it", "we", "you", "i", "the", "this", "team", "club", "side",
             "ever", "in", "total", "all", "altogether"}
_SCOPES = {"season", "career"}
_SCOPE_BEFORE = {"the", "this", "that", "their", "his", "her", "its", "whole", "entire"}
_PRONOUNS = {"they", "he", "she", "we", "you", "i"}
_NOUN_PHRASE = {"total", "the", "of", "in", "all"}


def read_outcome_counts(p: "Parser") -> None:
    """Read one outcome noun or verb of a count as a filter on the result column."""
    if p.r.position is not None:
        return
    openers = [k for k, nd in enumerate(p.n) if nd.low in _COUNTING and nd.kind == "word"]
    if not openers:
        return
    results = result_columns(p.s) or drawn_scores(p.s)
    said = [k for k, nd in enumerate(p.n) if nd.role is None and (nd.low in _NOUNS or
            nd.low in _VERBS) and (nd.kind == "word" or (
                nd.kind == "val" and set(nd.columns) <= set(results)))]
    if len(said) != 1 or not results:
        return  # "win" grounded as "Winner" of a result column: read here too
    k = said[0]
    word = p.n[k].low
    if word in _NOUNS:
        if not _named_subject(p, k) and pick_outcome(p, k, _NOUNS[word], results):
            if p.low(k + 1) in _AUX:
                _mark_subject(p, k + 2)
            _scope_words(p)
        return
    opener = max((o for o in openers if o < k), default=None)
    if opener is None or not _own_side(p, opener, k):
        return
    if pick_outcome(p, k, _VERBS[word], results):
        for j in range(opener + 1, k):
            nd = p.n[j]
            if nd.role in (None, "counted") and nd.kind in ("word", "col") and \
                    nd.low in _ROW_NOUNS:
                nd.role = "entity"
                p.r.entity.append(nd.text)
        split = next((j for j in range(opener + 1, k) if p.n[j].low in _AUX), k)
        if split < k and unheld_name(p.n[split + 1:k]):
            mark_side(p.n[split + 1:k], p.r.notes, p.r.ignored)
        for j in range(opener + 1, k):
            if p.n[j].role is None and p.n[j].kind == "word" and p.n[j].low in _SUBJECTS:
                p.n[j].role = "subject"  # "did *the team* lose": the table's own side
        _scope_words(p)


def _mark_subject(p: "Parser", j: int) -> None:
    """"wins did *the team* have": the table's own side."""
    while j < len(p.n) and p.n[j].kind == "word" and p.n[j].low in _SUBJECTS and \
            p.n[j].role is None:
        p.n[j].role = "subject"
        j += 1


def _scope_words(p: "Parser") -> None:
    """"in the season", "during this season", "in his career": the whole table of one
    side's games, when no column or value is named so."""
    for j, nd in enumerate(p.n):
        prev = p.node(j - 1)
        if nd.role is None and nd.kind == "word" and nd.low in _SCOPES and prev is not None \
                and (prev.low in _SCOPE_BEFORE or prev.kind in ("num", "date")):
            nd.role = "scope"
            p.r.ignored.append(nd.text)
            if p.low(j - 1) in _SCOPE_BEFORE and p.low(j - 2) == "during":
                p.n[j - 2].role = "scope"


def _named_subject(p: "Parser", k: int) -> bool:
    """"how many wins did <a name> have": the name may be an opponent, whose wins are the
    table's losses."""
    j = k + 1
    if p.low(j) not in _AUX:
        return False
    j += 1
    while p.node(j) is not None and p.n[j].kind == "word" and p.n[j].low in _SUBJECTS:
        j += 1
    nd = p.node(j)
    return nd is not None and nd.kind in ("val", "col")


def _own_side(p: "Parser", opener: int, k: int) -> bool:
    """The words between the count and the verb name the rows and the table's own side only
    ("how many *games did they* win", "how many *home games were* lost")."""
    after = p.node(k + 1)
    if after is not None and (after.low == "by" or after.kind in ("col", "val")):
        return False  # "won by <a name>", "won by 5 points"; "won *tosses*": of another column
    split = next((j for j in range(opener + 1, k) if p.n[j].kind == "word" and
                  (p.n[j].low in _AUX or p.n[j].low in _PRONOUNS)), k)
    # the noun phrase before "did"/"were" (or before "they" in "the games they won"), then
    # the subject
    subject = split + 1 if split < k and p.n[split].low in _AUX else split
    for j in range(opener + 1, split):
        nd = p.n[j]
        if nd.kind == "val" or (nd.kind == "col" and nd.low in _ROW_NOUNS) or \
                nd.role == "filter":
            continue  # "home games"; "games" over a Game column (not "points" over Points)
        if nd.kind != "word" or (nd.low not in _ROW_NOUNS and nd.low not in _NOUN_PHRASE):
            return False
    others = [p.n[j] for j in range(subject, k) if p.n[j].kind != "word" or
              p.n[j].low not in _SUBJECTS]
    return not others or unheld_name(p.n[subject:k])  # "did the hawks win": own side


def pick_outcome(p: "Parser", k: int, outcome: str, results: dict[str, dict[str, list[str]]]) -> bool:
    found = [(c, vals) for c, vals in results.items() if outcome in vals]
    if len(found) != 1:
        return False  # no result column, or several: the word stays unread and is refused
    column, vals = found[0]
    picked = vals[outcome]
    if not picked:
        return False
    letters = {v.strip()[0].lower() for v in picked}
    others = [v for o, vs in vals.items() if o != outcome for v in vs]
    if len(letters) == 1 and picked[0][:1].isalpha() and not any(v.strip()[:1].lower() in letters for v in others):
        f = FilterC(column, "starts with", letters.pop(), at=k, how="value")
    else:
        f = FilterC(column, "in", sorted(picked), at=k, how="value")
    p.r.filters.append(f)
    p.n[k].role = "filter"
    return True


def cell_outcome(value: object) -> str | None:
    """"win" / "loss" / "draw" for a result cell ("W 24-17", "Lost", "Runner-up"), "none"
    for a cell of no result ("Bye"), else None."""
    text = str(value).strip()
    if text.lower() in _NO_RESULT:
        return "none"
    m = _FIRST.match(text)
    if m is None:
        return None
    word, rest = m.group(1).lower(), m.group(2)
    if word in _NO_RESULT:
        return "none"
    if word not in _CELL_WORDS:
        return None
    if rest[:1].isdigit() and (len(word) > 1 or not _SCORE.match(rest)):
        return None  # "T5" is tied fifth, "W3" no result; "W21-14" is
    if rest[:1].isalpha():
        return None
    return _CELL_WORDS[word]


def result_columns(s: SchemaModel) -> dict[str, dict[str, list[str]]]:
    """Text columns of results (see the module docstring), each with its values by
    outcome."""
    found: dict[str, dict[str, list[str]]] = {}
    for c in s.columns:
        prof = s.col(c)
        vals = [str(v) for v in (prof.values or []) if v is not None and str(v).strip()]
        if prof.numeric or len(vals) < 2 or getattr(prof, "approx", False):
            continue
        by: dict[str, list[str]] = {}
        bad = False
        for v in vals:
            o = cell_outcome(v)
            if o is None:
                bad = True
                break
            by.setdefault(o, []).append(v)
        none = by.pop("none", [])
        outcomes = sum(len(v) for v in by.values())
        if not bad and by and len(none) <= outcomes:
            found[c] = by
    return found


def drawn_scores(s: SchemaModel) -> dict[str, dict[str, list[str]]]:
    """With no result column, the one text column of scores ("2-2", "1–0 (a.e.t.)") tells
    the draws from its values alone: both numbers equal, whichever side is whose. Wins and
    losses need to know which number is the table's own side, so only draws are given."""
    found = {}
    for c in s.columns:
        prof = s.col(c)
        vals = [str(v) for v in (prof.values or []) if v is not None and str(v).strip()]
        if prof.numeric or len(vals) < 2 or prof.approx:
            continue
        scores = [_SCORE_CELL.fullmatch(v.strip()) for v in vals]
        if 2 * sum(1 for m in scores if m) >= len(scores):
            found[c] = {}  # a column of scores, whole or not: counted below
        if all(scores):
            found[c] = {"draw": [v for v, m in zip(vals, scores) if m is not None and
                                 m.group(1) == m.group(2) and int(m.group(1)) < 300]}
            if any(int(m.group(1)) >= 300 or int(m.group(2)) >= 300 for m in scores if m):
                return {}  # "1998-99": seasons, not scores
    if len(found) != 1 or not next(iter(found.values())):
        return {}  # none, or a score beside a half-time score, a record or another leg
    return found


__all__ = ["drawn_scores", "cell_outcome", "pick_outcome", "read_outcome_counts", "result_columns"]
