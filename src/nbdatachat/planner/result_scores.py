"""The scores inside result cells: "in how many games did they score at least 20 points",
"how many matches did they take by more than 5", "the games the opponent scored under 10".

A result cell such as "W 27–24", "L 17–18 (OT)" or "D 1–1" holds the outcome and both
sides' scores, but which number is the table's own side is written either way ("L 33–30"
lists the winner first, "L 17–18" the side itself). The outcome settles it: the own side's
score is the higher one of a win, the lower one of a loss, either one of a draw. The margin
is the difference of the two.

So, over the one result column ``outcomes.result_columns`` finds, a score or a margin
compared with a number picks the result cells it holds for; the filter lists those cells.
Read only when every result cell (but "Bye"-like ones) holds one score, the number is not
read otherwise (no column of points takes it), and the side is the table's own side (a
pronoun, "the team", a name no column holds, nobody in "were won by 3") or "the opponent".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import FilterC
from .outcomes import cell_outcome, result_columns
from .side_names import mark_side, unheld_name

if TYPE_CHECKING:
    from .grammar import Parser

_SCORE = re.compile(r"(?<![\d.])(\d{1,3})\s*[-\u2013\u2014:]\s*(\d{1,3})(?![\d.])")
#: comparison words read here and the test each makes ("or more" follows its number)
_CMP = {"at least": ">=", "more than": ">", "over": ">", "greater than": ">",
        "less than": "<", "fewer than": "<", "under": "<", "at most": "<=",
        "no more than": "<=", "exactly": "=", "or more": ">=", "or fewer": "<=",
        "or less": "<=", "or over": ">=", "or under": "<="}
_POSTFIX = {"or more", "or fewer", "or less", "or over", "or under"}
_UNITS = {"point", "points", "goal", "goals", "run", "runs", "pts", "pt", "tries", "try"}
_SCORE_VERBS = {"score", "scored", "scores", "scoring"}
_MARGIN_VERBS = {"win": "win", "won": "win", "wins": "win", "lose": "loss", "lost": "loss",
                 "loses": "loss"}
_OWN = {"they", "he", "she", "we", "i", "you", "it"}
_OWN_NOUNS = {"team", "club", "side", "squad"}
_DETERMINERS = {"the", "this", "our", "their", "his", "her", "its"}
_OTHER = {"opponent", "opponents", "opposition", "opposing"}
_AUX = {"did", "do", "does", "were", "was", "have", "has", "had"}
_ROW_NOUNS = {"games", "matches", "game", "match", "contests", "fixtures"}
_RELATIVES = {"which", "where", "that", "when"}
_NOT = {"not", "never"}
_NONE = {"no", "zero"}


def read_result_scores(p: "Parser") -> None:
    """Read one score or margin comparison as a filter on the result column."""
    counted = p.r.count or any(nd.low in ("how many", "number of") for nd in p.n)
    for v, nd in enumerate(p.n):
        if nd.kind != "word" or nd.role is not None:
            continue
        relative = _relative(p, v)
        if not counted and relative is None:
            continue  # a list of such games is not read yet; "the last game in which" is
        negated = p.low(v - 1) in _NOT and p.n[v - 1].role is None and nd.low in _SCORE_VERBS
        if nd.low in _SCORE_VERBS:
            side = _side(p, v - 1 if negated else v)
            j = v + 1
            kind = "own" if side == "own" else "other"
        elif nd.low in _MARGIN_VERBS and p.low(v + 1) == "by":
            side = _side(p, v)
            j = v + 2
            kind = _MARGIN_VERBS[nd.low]
            if side != "own":
                return
        else:
            continue
        if side is None:
            return
        test = _zero(p, j, negated) if negated or p.low(j) in _NONE else _comparison(p, j)
        if test is None:
            return
        op, number, used = test
        cells = _cells(p)
        if cells is None:
            return
        column, scored = cells
        picked = sorted(cell for cell, (outcome, own, other) in scored.items()
                        if _holds(kind, outcome, own, other, op, number))
        if not picked:
            return  # no cell holds it: a reading that cannot be checked against any row
        p.r.filters.append(FilterC(column, "in", picked, at=v, how="value"))
        for k in [v, *used] + ([v + 1] if kind in ("win", "loss") else []):
            if p.n[k].role == "chart" and p.r.chart.kind == "scatter" and not any(
                    m.role == "chart" for m in p.n if m is not p.n[k]):
                p.r.chart.kind = None  # "... 20 points?" ends the question: no chart
            p.n[k].role = "filter"
        if negated:
            p.n[v - 1].role = "filter"
        p.r.problems = [m for m in p.r.problems
                        if not any(f'"{p.n[k].text}"' in m for k in used)]
        _subject_read(p, v - 1 if negated else v, relative)
        what = {"own": "the own side's score", "other": "the opponent's score"}.get(
            kind, "the margin")
        p.r.notes.append(f"read {what} from {column!r}: the higher number of a win is the "
                         f"winner's, the lower of a loss the loser's")
        return


def _holds(kind: str, outcome: str, own: int, other: int, op: str, n: float) -> bool:
    if kind == "own":
        x = own
    elif kind == "other":
        x = other
    else:
        if outcome != kind:
            return False
        x = abs(own - other)
    return {">": x > n, ">=": x >= n, "<": x < n, "<=": x <= n, "=": x == n}[op]


def _comparison(p: "Parser", j: int) -> tuple[str, float, list[int]] | None:
    """"at least 20 points", "10 or more", "under 3 goals", "2 goals": the test, the number
    and the nodes read."""
    nd = p.node(j)
    if nd is None or nd.role is not None:
        return None
    used = []
    op = "="
    if nd.kind == "word" and nd.low in _CMP and nd.low not in _POSTFIX:
        op = _CMP[nd.low]
        used.append(j)
        j += 1
        nd = p.node(j)
        if nd is None or nd.role is not None:
            return None
    if nd.kind != "num" or nd.value is None:
        return None
    try:
        number = float(nd.value)
    except (TypeError, ValueError):
        return None
    used.append(j)
    j += 1
    after = p.node(j)
    if after is not None and after.kind == "word" and after.low in _POSTFIX and op == "=":
        op = _CMP[after.low]
        used.append(j)
        j += 1
        after = p.node(j)
    if after is not None and after.low in _UNITS and after.role in (None, "chart"):
        used.append(j)
        last = p.node(j + 1)
        if last is not None and last.kind == "word" and last.low in _POSTFIX and op == "=":
            op = _CMP[last.low]  # "20 points or more"
            used.append(j + 1)
    elif after is not None and after.kind in ("col", "val"):
        return None  # "more than 3 assists": a number of another column
    return op, number, used


def _cells(p: "Parser") -> tuple[str, dict[str, tuple[str, int, int]]] | None:
    """The one result column and, for each cell, its outcome and the own and other score."""
    found = result_columns(p.s)
    if len(found) != 1:
        return None
    column = next(iter(found))
    prof = p.s.col(column)
    if getattr(prof, "approx", False):
        return None
    scored = {}
    for v in prof.values or []:
        cell = str(v)
        outcome = cell_outcome(cell)
        if outcome == "none":
            continue
        m = list(_SCORE.finditer(cell))
        if outcome is None or len(m) != 1 and not (m and "(" in cell[:m[1].start()]):
            return None  # no score, or two with no bracket telling the main one
        a, b = int(m[0].group(1)), int(m[0].group(2))
        high, low = max(a, b), min(a, b)
        if outcome == "win":
            scored[cell] = (outcome, high, low)
        elif outcome == "loss":
            scored[cell] = (outcome, low, high)
        elif a == b:
            scored[cell] = (outcome, a, b)
        else:
            return None
    return (column, scored) if scored else None


def _side(p: "Parser", v: int) -> str | None:
    """"own" or "other" for the subject of the verb at ``v``, or None when it is neither."""
    k = v - 1
    words = []
    while k >= 0 and p.n[k].low not in _AUX and p.n[k].low not in ("how many", "that", "which",
                                                                      "where", "when"):
        words.insert(0, p.n[k])
        k -= 1
    if k < 0:
        return None
    lows = [nd.low for nd in words]
    if not words:
        return "own" if p.n[k].low in ("were", "was") else None
    if any(nd.role is not None for nd in words):
        return None
    if lows[-1] in _OTHER or lows[-2:] == ["opposing", "team"]:
        return "other" if all(w in _DETERMINERS | _OTHER | {"team"} for w in lows) else None
    if len(lows) == 1 and lows[0] in _OWN:
        return "own"
    if len(lows) == 2 and lows[0] in _DETERMINERS and lows[1] in _OWN_NOUNS:
        return "own"
    return "own" if unheld_name(words) else None


def _relative(p: "Parser", v: int) -> int | None:
    """"the last game *in which* they scored 2 goals": where the game noun is, when the verb
    is in a relative clause of a game named by its position."""
    k = v - 1
    if p.low(k) in _NOT:
        k -= 1
    while k >= 0 and p.n[k].low not in _RELATIVES and v - k <= 6:
        k -= 1
    if k < 1 or p.n[k].low not in _RELATIVES:
        return None
    g = k - 1 if p.low(k - 1) != "in" else k - 2
    if g < 1 or p.n[g].low not in _ROW_NOUNS or p.n[g].role is not None or \
            p.low(g - 1) not in ("first", "last"):
        return None
    return g


def _zero(p: "Parser", j: int, negated: bool) -> tuple[str, float, list[int]] | None:
    """"did not score (a goal)", "scored no points": a score of 0."""
    used = []
    if not negated:
        used.append(j)  # "no", "zero"
        j += 1
    elif p.low(j) in ("a", "any"):
        used.append(j)
        j += 1
    nd = p.node(j)
    if nd is not None and nd.low in _UNITS and nd.role in (None, "chart"):
        used.append(j)
    elif not negated or (nd is not None and nd.kind in ("word", "col", "val") and
                         nd.low not in ("in", "at", "against", "?", "during", "this")):
        return None
    return "=", 0.0, used


def _subject_read(p: "Parser", v: int, relative: int | None = None) -> None:
    k = v - 1
    subject = []
    while k >= 0 and p.n[k].role is None and p.n[k].low not in _AUX and \
            p.n[k].low not in _RELATIVES:
        subject.insert(0, p.n[k])
        k -= 1
    if relative is not None:
        for nd in p.n[relative:k + 1]:
            if nd.role is None:
                nd.role = "ignored"  # "game in which": the rows themselves
        p.r.ignored.append(p.n[relative].text)
    if subject and unheld_name(subject) and not all(
            nd.low in _OWN | _DETERMINERS | _OWN_NOUNS | _OTHER | {"team"} for nd in subject):
        mark_side(subject, p.r.notes, p.r.ignored)
    for nd in subject:
        if nd.role is None:
            nd.role = "subject"
    if relative is not None:
        pass
    elif k >= 0 and p.n[k].role is None:
        p.n[k].role = "ignored"
    for nd in p.n[:k] if relative is None else []:
        if nd.role is None and nd.kind == "word" and nd.low in _ROW_NOUNS:
            nd.role = "entity"
            p.r.entity.append(nd.text)


__all__ = ["read_result_scores"]
