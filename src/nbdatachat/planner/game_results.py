"""One side's games: who it played, and its first or last result.

A table of one team's games (a schedule: a dated or numbered row per game, see
``event_words.is_schedule``) lists the other side of each game in one opponent column
("Opponent", "Opponents", "Opposition"). Two readings follow from that column and from the
result column ``outcomes.result_columns`` finds by its values:

* "which team did they play after X", "what team did she face in the last game", "who did
  the club meet in week 3": the team played is the opponent column's value. Read only when
  the verb's subject is the table's own side (a pronoun, "the team", "this club", or a name
  no column or value holds, ``side_names``) and the table is one side's games: no column of
  team names beside the opponents ("Team", "Home team", "Winner") that would make the rows
  several sides' games. "who did <an opponent> play" is not read (that side's games are not
  the rows).
* "their last loss", "the first win of the season", "the most recent defeat": the rows
  whose result is that outcome, then the position. Read only when one result column tells
  that outcome from every other, and no name owns the result ("X's first loss", "the first
  win by X" may be another side's).

Anything else is left unread, and the coverage check refuses it as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import name_tokens, stem
from .outcomes import pick_outcome, read_outcome_counts, result_columns
from .event_words import is_schedule
from .side_names import mark_side, unheld_name

if TYPE_CHECKING:
    from .grammar import Parser
    from .schema import SchemaModel

#: header words of the column listing the other side of each game
_OPPONENT_HEADERS = {"opponent", "opponents", "opposition", "opposing"}
#: header words of a column naming a side of the game, which the rows' own side never has
_SIDE_HEADERS = {"team", "teams", "club", "clubs", "visitor", "visitors", "visiting",
                 "winner", "winners", "loser", "losers", "winning", "losing", "home", "away"}
#: values of a home/away column, which name no side
_PLACE_VALUES = {"home", "away", "neutral", "h", "a", "n", "road"}
_ASKED_NOUNS = {"team", "club", "side", "opponent", "opponents", "opposition"}
_AUX = {"did", "do", "does", "had", "has", "have", "will", "would"}
_VERBS = {"play", "played", "face", "faced", "meet", "met", "take", "took", "host", "hosted"}
_ON = {"take": "on", "took": "on", "host": "", "hosted": ""}
_OWN = {"they", "he", "she", "we", "it", "i", "you"}
_OWN_NOUNS = {"team", "club", "side", "squad", "player"}
_OWN_DETERMINERS = {"the", "this", "that", "our", "his", "her", "their", "its"}
_AFTER_VERB = {"against", "versus", "vs"}
#: the result nouns of a position, and the outcome each names
_OUTCOMES = {"win": "win", "wins": "win", "victory": "win", "loss": "loss",
             "defeat": "loss", "draw": "draw", "tie": "draw"}
_POSITIONS = {"first", "last"}
_OWNERS_BEFORE = {"the", "their", "his", "her", "its", "our", "my", "your", "this", "team's",
                  "club's", "side's"}


def read_game_results(p: "Parser") -> None:
    """The readings of the module docstring, then the outcome counts of ``outcomes``."""
    _opponent_asked(p)
    _outcome_position(p)
    read_outcome_counts(p)


def opponent_column(s: "SchemaModel") -> str | None:
    """The one opponent column of a table of one side's games (module docstring)."""
    if not is_schedule(s):
        return None
    found = []
    for c, prof in s.columns.items():
        toks = {t.lower() for t in name_tokens(c)} | {stem(t) for t in name_tokens(c)}
        if toks & _OPPONENT_HEADERS:
            if prof.numeric:
                return None
            found.append(c)
        elif toks & _SIDE_HEADERS and not prof.numeric and prof.n_distinct > 1 and not {
                str(v).strip().lower() for v in (prof.values or [])} <= _PLACE_VALUES:
            return None  # "Team", "Home team", "Winner": several sides' games
    return found[0] if len(found) == 1 else None


def _opponent_asked(p: "Parser") -> None:
    """"which team did they face ...", "who did the club play ...": the opponent column."""
    if p.r.which_col is not None or not p.n:
        return
    first = p.n[0]
    if first.role is not None or first.low not in ("who", "whom", "which", "what"):
        return
    j = 1
    if first.low in ("which", "what"):
        nd = p.node(1)
        if nd is None or nd.role is not None or nd.low not in _ASKED_NOUNS:
            return
        j = 2
    if p.low(j) not in _AUX:
        return
    verb = next((k for k in range(j + 1, min(j + 7, len(p.n)))
                 if p.n[k].kind == "word" and p.n[k].low in _VERBS and p.n[k].role is None),
                None)
    if verb is None or not _own_subject(p, j + 1, verb):
        return
    col = opponent_column(p.s)
    if col is None:
        return
    on = _ON.get(p.n[verb].low, None)
    if on and p.low(verb + 1) != on:
        return  # "who did they take to court"
    p.r.which = True
    p.r.which_col = col
    first.role = "which"
    for k in range(1, j):
        p.n[k].role = "which"
        p.r.ignored.append(p.n[k].text)
    p.n[j].role = "ignored"
    subject = p.n[j + 1:verb]
    if subject and unheld_name(subject) and not _pronoun_subject(subject):
        mark_side(subject, p.r.notes, p.r.ignored)
    for nd in subject:
        if nd.role is None:
            nd.role = "subject"
    p.n[verb].role = "ignored"
    p.r.ignored.append(p.n[verb].text)
    k = verb + 1
    if on:
        p.n[k].role = "ignored"
        k += 1
    if p.node(k) is not None and p.n[k].low in _AFTER_VERB and p.n[k].role is None:
        p.n[k].role = "ignored"
    p.r.notes.append(f"read the team played as {col!r}: each row is one game of the "
                     f"table's own side")


def _pronoun_subject(nodes) -> bool:
    words = [nd.low for nd in nodes]
    if len(words) == 1 and words[0] in _OWN:
        return True
    return len(words) == 2 and words[0] in _OWN_DETERMINERS and words[1] in _OWN_NOUNS


def _own_subject(p: "Parser", a: int, b: int) -> bool:
    """The words between the auxiliary and the verb are the table's own side."""
    nodes = p.n[a:b]
    if not nodes:
        return False
    if any(nd.role is not None for nd in nodes):
        return False
    return _pronoun_subject(nodes) or unheld_name(nodes)


def _outcome_position(p: "Parser") -> None:
    """"their last loss", "the first win": the rows of that result, then the position."""
    for k, nd in enumerate(p.n):
        if k == 0 or nd.kind != "word" or nd.role is not None or nd.low not in _OUTCOMES:
            continue
        pos = p.n[k - 1]
        if pos.low not in _POSITIONS:
            continue
        before = p.node(k - 2)
        if before is not None and (before.kind in ("val", "col") or (
                before.low.endswith("'s") and before.low not in _OWNERS_BEFORE)):
            return  # "X's first loss": another side's, perhaps
        after = p.node(k + 1)
        if after is not None and after.low in ("by", "for") and p.node(k + 2) is not None:
            return  # "the first win by X", "the first loss for X"
        if sum(1 for m in p.n if m.low in _OUTCOMES) > 1:
            return  # "was the last game a win or a loss": asks for the outcome itself
        results = result_columns(p.s)
        if pick_outcome(p, k, _OUTCOMES[nd.low], results):
            p.r.notes.append(f'read "{nd.text}" as the rows whose result is that outcome')
        return


__all__ = ["opponent_column", "read_game_results"]
