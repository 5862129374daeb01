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

from .home_away import read_home_away, same_opponent
from .lexicon import name_tokens, stem
from .outcomes import pick_outcome, read_outcome_counts, result_columns
from .result_scores import read_result_scores
from .combined_score import read_combined_score
from .score_sides import read_score_sides
from .event_words import SUBJECT_NOUNS, is_schedule
from .side_names import mark_side, unheld_name

if TYPE_CHECKING:
    from .constituents import Reading
    from .grammar import Parser
    from .schema import SchemaModel

#: header words of the column listing the other side of each game
_OPPONENT_HEADERS = {"opponent", "opponents", "opposition", "opposing"}
#: header words of a column naming a side of the game, which the rows' own side never has
_SIDE_HEADERS = {"team", "teams", "club", "clubs", "visitor", "visitors", "visiting",
                 "winner", "winners", "loser", "losers", "winning", "losing", "home", "away"}
#: values of a home/away column, which name no side
_PLACE_VALUES = {"home", "away", "neutral", "h", "a", "n", "road"}
#: nouns asking for the team played, and words between such a noun and the subject
_NOUN_HEADS = {"team", "club", "side", "opponent", "opponents", "opposition", "teams", "one",
               "clubs"}
_HEAD_LINKS = {"that", "whom", "who", "which"}
_THE = {"the", "a"}
_AUX = {"did", "do", "does", "had", "has", "have", "will", "would"}
_VERBS = {"play", "played", "face", "faced", "meet", "met"}
_OWN = {"they", "he", "she", "we", "i", "you"}
#: "this team", "the player", "this person": the side the whole table is about
_OWN_NOUNS = SUBJECT_NOUNS | {"person", "squad", "side"}
_OWN_DETERMINERS = {"the", "this", "that", "our", "his", "her", "their", "its"}
_AFTER_VERB = {"against", "versus", "vs", "to", "over"}
#: verbs of a result whose object is the team played, and the outcome they pick
_RESULT_VERBS = {"beat": "win", "defeated": "win", "defeat": "win", "lost": "loss",
                 "lose": "loss", "won": "win", "win": "win"}
#: ... the word each needs after it ("lost *to*", "won *against*")
_RESULT_LINKS = {"lost": {"to"}, "lose": {"to"}, "won": {"against", "over"},
                 "win": {"against", "over"}}
#: the result nouns of a position, and the outcome each names
_OUTCOMES = {"win": "win", "wins": "win", "victory": "win", "loss": "loss",
             "defeat": "loss", "draw": "draw", "tie": "draw"}
_POSITIONS = {"first", "last"}
_GAMES = {"game", "match", "contest", "fixture"}
#: words that end a name after "won by" ("won by the Owls *in* May")
_STOPS = {"in", "on", "at", "during", "of", "this", "that", "against", "versus", "vs", "?",
          "before", "after", "since", "was", "is", "were", "came", "fell", "took", "happened",
          "occurred", "played", "held"}
_WON = {"won": "win", "lost": "loss", "win": "win", "lose": "loss", "tied": "draw",
        "drew": "draw"}
_OWNERS_BEFORE = {"the", "their", "his", "her", "its", "our", "my", "your", "this", "team's",
                  "club's", "side's"}


def read_game_results(p: "Parser") -> None:
    """The readings of the module docstring, then the outcome counts of ``outcomes``."""
    _opponent_asked(p)
    read_home_away(p, opponent_column(p.s))
    _outcome_position(p)
    read_result_scores(p)
    read_score_sides(p, opponent_column(p.s))  # "how many points did they score in May"
    read_combined_score(p)  # "the combined score of the May 3 fixture"
    read_outcome_counts(p)


def read_same_opponent(r: "Reading", s: "SchemaModel") -> None:
    """After the parse: a named opponent met at home and away is every game against it."""
    same_opponent(r, s, opponent_column(s))


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
    """"which team did they face ...", "who did the side meet ...", "the last team this team
    played against", "the first opponent that they met": the opponent column."""
    if not p.n or p.r.which_col is not None and p.r.which_col != opponent_column(p.s):
        return
    for v, nd in enumerate(p.n):
        if v < 2 or not _verb(p, v):
            continue
        a = _subject_start(p, v)
        if a is None:
            continue
        head = _head(p, a)
        if head is None:
            continue
        col = opponent_column(p.s)
        if col is None:
            return
        outcome = _RESULT_VERBS.get(p.n[v].low)
        if outcome is not None and not pick_outcome(p, v, outcome, result_columns(p.s)):
            return  # "who did they beat" with no one result column: left unread
        _read(p, head, a, v, col)
        return


def _verb(p: "Parser", v: int) -> bool:
    """A verb of playing, as a word or as a part of a longer value ("play" in "Play-offs"),
    or of a result with its preposition ("beat", "lost to", "won against")."""
    nd = p.n[v]
    if nd.low in _RESULT_VERBS:
        need = _RESULT_LINKS.get(nd.low)
        return nd.kind == "word" and nd.role is None and (
            need is None or p.low(v + 1) in need)
    if nd.low not in _VERBS:
        return False
    if nd.kind == "word":
        return nd.role is None
    return nd.kind == "val" and all(m.how == "part" for m in nd.item.matches)


def _subject_start(p: "Parser", v: int) -> int | None:
    """Where the own-side subject before the verb starts (module docstring)."""
    for a in range(max(1, v - 5), v):
        nodes = p.n[a:v]
        if any(nd.role is not None and not (nd.role == "followup" and nd.low in
                                            _OWN_DETERMINERS) for nd in nodes):
            continue  # "this" of "this team" is read as a follow-up's marker
        if _pronoun_subject(nodes) or (unheld_name(nodes) and p.n[a - 1].low in _HEAD_LINKS |
                                       _AUX | _NOUN_HEADS):
            return a
    return None


def _head(p: "Parser", a: int) -> int | None:
    """What asks for the team played: "who|which team ... did <subject>" at the start, or a
    noun of teams (or the opponent column) right before the subject ("the last team (that)
    they faced")."""
    k = a - 1
    if p.n[k].low in _AUX and p.n[k].kind == "word":
        opener = 0
        if k == 1 and p.n[0].low in ("who", "whom"):
            return opener
        if k == 2 and p.n[0].low in ("which", "what") and p.n[1].low in _NOUN_HEADS:
            return opener
        return None
    if p.n[k].low in _HEAD_LINKS and p.n[k].kind == "word":
        k -= 1
    nd = p.node(k)
    if nd is None or nd.low not in _NOUN_HEADS or not (
            nd.role is None or (nd.kind == "col" and nd.role == "which")):
        return None
    if p.low(k - 1) not in _POSITIONS | _THE and p.n[0].low not in ("who", "which", "what"):
        return None
    return k


def _read(p: "Parser", head: int, a: int, v: int, col: str) -> None:
    p.r.which = True
    p.r.which_col = col
    first = p.n[0]
    if first.role is None and first.low in ("who", "whom", "which", "what"):
        first.role = "which"
    for k in [1, head] + list(range(head + 1, a)):
        nd = p.n[k]
        if nd.role is None and nd.kind in ("word", "col") and (
                nd.low in _NOUN_HEADS | _AUX | _HEAD_LINKS):
            nd.role = "which" if nd.low in _NOUN_HEADS else "ignored"
            if nd.kind == "word":
                p.r.ignored.append(nd.text)
    subject = p.n[a:v]
    if unheld_name(subject) and not _pronoun_subject(subject):
        mark_side(subject, p.r.notes, p.r.ignored)
    for nd in subject:
        if nd.role in (None, "followup"):
            nd.role = "subject"
    verb = p.n[v]
    if verb.kind == "val":
        p.r.filters = [f for f in p.r.filters if f.at != v]
    if verb.role is None:  # a result verb is the outcome's filter already
        verb.role = "ignored"
        p.r.ignored.append(verb.text)
    nxt = p.node(v + 1)
    if nxt is not None and nxt.low in _AFTER_VERB and nxt.role is None:
        nxt.role = "ignored"
    p.r.notes.append(f"read the team played as {col!r}: each row is one game of the "
                     f"table's own side")


def _pronoun_subject(nodes) -> bool:
    words = [nd.low for nd in nodes]
    if any(nd.role not in (None, "followup") for nd in nodes):
        return False
    if len(words) == 1 and words[0] in _OWN:
        return True
    return len(words) == 2 and words[0] in _OWN_DETERMINERS and words[1] in _OWN_NOUNS and \
        all(nd.kind == "word" for nd in nodes)


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
            return  # "was the final match a win or a loss": asks for the outcome itself
        results = result_columns(p.s)
        if pick_outcome(p, k, _OUTCOMES[nd.low], results):
            p.r.notes.append(f'read "{nd.text}" as the rows whose result is that outcome')
        return
    _game_won_position(p)


def _game_won_position(p: "Parser") -> None:
    """"the first match they took", "the last match (in which) the team lost", "the first
    game won": the games of that result, then the position."""
    for k, nd in enumerate(p.n):
        if k == 0 or nd.kind != "word" or nd.role is not None or nd.low not in _GAMES or \
                p.n[k - 1].low not in _POSITIONS:
            continue
        j = k + 1
        while p.node(j) is not None and p.n[j].low in ("that", "which", "in", "where") and \
                p.n[j].role is None:
            j += 1
        v = next((i for i in range(j, min(j + 4, len(p.n)))
                  if p.n[i].kind == "word" and p.n[i].low in _WON), None)
        if v is None or p.n[v].role is not None:
            return
        subject = p.n[j:v]
        passive = not subject and v == k + 1
        if not passive and not (_pronoun_subject(subject) or unheld_name(subject)):
            return
        after = p.node(v + 1)
        if after is not None and after.low == "by" and not passive:
            return  # "the first match they took by 10": a margin, read elsewhere or refused
        by = []
        if passive and after is not None and after.low == "by":
            end = next((i for i in range(v + 2, len(p.n)) if p.n[i].kind != "word" or
                        p.n[i].low in _STOPS), len(p.n))
            by = p.n[v + 2:end]
            if not by or not (_pronoun_subject(by) or unheld_name(by)):
                return  # "the first game won by X": X a name the data holds, another side
        if sum(1 for m in p.n if m.low in _WON or m.low in _OUTCOMES) > 1:
            return
        if not pick_outcome(p, v, _WON[p.n[v].low], result_columns(p.s)):
            return
        nd.role = "ignored"  # the rows themselves: not a kind of row to pick out
        p.r.ignored.append(nd.text)
        for m in p.n[k + 1:j]:
            m.role = "ignored"
        if by:
            after.role = "ignored"
        for side in (subject, by):
            if side and unheld_name(side) and not _pronoun_subject(side):
                mark_side(side, p.r.notes, p.r.ignored)
            for m in side:
                if m.role in (None, "followup"):
                    m.role = "subject"
        p.r.notes.append(f'read "{nd.text} {p.n[v].text}" as the games of that result')
        return


__all__ = ["opponent_column", "read_game_results", "read_same_opponent"]
