"""Home and away games told by how the opponent is written.

A schedule of one side's games often marks where each game was played in its opponent
column alone: "at Riverton" or "@ Riverton" is a game away, a bare "Riverton" a game at
home, and "vs. Riverton" (or "n Riverton") a game at a neutral site. "how many *home* games
did they win", "how many games were lost *on the road*", "the *away* games" then pick the
rows by that mark.

Read only over the one opponent column of a table of one side's games
(``game_results.opponent_column``), when that column holds both away-marked and bare values,
and no column of the table records home and away itself (a "Home/Away" or "H / A" column,
or a value "Home" / "Away" somewhere: then "home" is read by grounding as before). Neutral
games are neither home nor away. "not at home" is away only when nothing else is negated.
"which match at home ..." is left unread: a game is named by its date or its opponent.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import FilterC
from .value_items import spaced

if TYPE_CHECKING:
    from .constituents import Reading
    from .grammar import Parser
    from .schema import SchemaModel

_AWAY = re.compile(r"^\s*(?:at\s|@)", re.I)
_NEUTRAL = re.compile(r"^\s*(?:vs\.?|v\.?|n)\s", re.I)
_MARKS = re.compile(r"^(?:at\s+|@\s*|vs\.?\s+|v\.?\s+|n\s+)", re.I)
_RANK = re.compile(r"^(?:#|No\.\s*)\d+\s+")
_TRAIL = re.compile(r"\s*[*\u2020^#]+$")
_PLACE_WORDS = {"home", "away", "road", "h", "a", "h/a", "home/away"}
#: question words naming a side's own ground or the other's, and the place they name
_GAME_NOUNS = {"game", "games", "match", "matches", "fixture", "fixtures"}
_WORDS = {("home",): "home", ("at", "home"): "home", ("away",): "away",
          ("on", "the", "road"): "away", ("road",): "away", ("not", "at", "home"): "away",
          ("away", "from", "home"): "away"}


def read_home_away(p: "Parser", column: str | None) -> None:
    """Read "home" / "away" / "on the road" as a filter on ``column`` (module docstring)."""
    if column is None:
        return
    found = []
    for k in range(len(p.n)):
        for words, side in _WORDS.items():
            span = p.n[k:k + len(words)]
            if len(span) == len(words) and all(
                    nd.kind == "word" and nd.role is None and nd.low == w
                    for nd, w in zip(span, words)):
                found.append((k, len(words), side))
    if not found:
        return
    # the longest reading at each place ("not at home" over "at home" over "home")
    found.sort(key=lambda f: (f[0], -f[1]))
    picked, end = [], -1
    for k, n, side in found:
        if k >= end:
            picked.append((k, n, side))
            end = k + n
    if len({side for _, _, side in picked}) != 1:
        return  # "home or away": a choice between the two, read elsewhere or refused
    if any(nd.low in ("not", "never", "no") for i, nd in enumerate(p.n)
           if not any(k <= i < k + n for k, n, _ in picked)):
        return
    if _recorded_elsewhere(p) or _which_game(p):
        return
    prof = p.s.col(column)
    if getattr(prof, "approx", False):
        return  # only some of the values are known: the list would miss rows
    vals = [str(v) for v in (prof.values or []) if v is not None]
    away = sorted(v for v in vals if _AWAY.match(v))
    home = sorted(v for v in vals if not _AWAY.match(v) and not _NEUTRAL.match(v))
    if not away or not home:
        return
    side = picked[0][2]
    at = picked[0][0]
    p.r.filters.append(FilterC(column, "in", home if side == "home" else away, at=at,
                               how="value"))
    for k, n, _ in picked:
        for nd in p.n[k:k + n]:
            nd.role = "filter"
    p.r.notes.append(f'read "{side}" from how {column!r} is written: "at X" or "@ X" is a '
                     f"game away, a bare name a game at home")


def same_opponent(r: "Reading", s: "SchemaModel", column: str | None) -> None:
    """"how many games did they play against X" over "X" and "at X": one opponent, met at
    home and away. A filter on the opponent column naming a value that other cells repeat
    with only a mark of place or rank ("at X", "@ X", "vs. X", "#12 X", "X*") picks them
    all."""
    if column is None:
        return
    prof = s.col(column)
    if getattr(prof, "approx", False):
        return
    vals = [str(v) for v in (prof.values or []) if v is not None]
    for i, f in enumerate(r.filters):
        if f.column != column or f.op != "=" or f.negated or not isinstance(f.value, str) or \
                _MARKS.match(f.value.strip()):
            continue  # "at X" itself names the games away at X
        name = _bare(f.value)
        same = sorted(v for v in vals if _bare(v) == name)
        if len(same) > 1 and f.value in same:
            r.filters[i] = FilterC(column, "in", same, at=f.at, how=f.how)
            r.notes.append(f"read {f.value!r} as every game against it: "
                             + ", ".join(repr(v) for v in same))


def _bare(value: str) -> str:
    """The opponent's name without its mark of place or rank."""
    text = spaced(value).strip()
    text = _MARKS.sub("", text)
    text = _RANK.sub("", text)
    return _TRAIL.sub("", text).strip().lower()


def _which_game(p: "Parser") -> bool:
    """"which match at home ...": a game is named by its date or by its opponent, a guess
    this reading does not add to."""
    return any(nd.low in ("which", "what") and p.low(k + 1) in _GAME_NOUNS
               for k, nd in enumerate(p.n))


def _recorded_elsewhere(p: "Parser") -> bool:
    """A column or value of the table says home or away itself."""
    for c, prof in p.s.columns.items():
        if c.strip().lower().replace(" ", "") in _PLACE_WORDS:
            return True
        if prof.numeric:
            continue
        if any(str(v).strip().lower() in ("home", "away") for v in (prof.values or [])):
            return True
    return False


__all__ = ["read_home_away", "same_opponent"]
