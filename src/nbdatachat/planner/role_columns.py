"""Role columns named by outcomes (issue 12): a name found in several columns, told apart by
the question's outcome word.

A table of contests often names both sides of each row in columns whose headers say how that
side fared: "Winner" / "Loser", "Winning club" / "Losing club", "Champion" / "Runner-up". A
name that appears in both is a value of several columns, and the question's verb or noun says
which one it is read in:

* the name as the subject of an outcome ("how many times did <X> win", "<X> was beaten",
  "how many losses did <X> have") -> the column named for that outcome;
* the name as the other side ("who beat <X>", "lost to <X>", "beaten by <X>", "wins
  against <X>", "losses ... against <X>") -> the column named for the opposite outcome.

The headers are read by their words (lexicon ``role_outcomes``: "winner", "champion",
"losing", "runner up" ...), never by a whole column name; a header naming both outcomes or
an outcome and a preposition ("Lost to", "Defeated by") is none. The rule decides only when
the question holds exactly one outcome word, no negation, the word stands in one of the
relations above, and exactly one of the name's columns is named for the outcome it gives;
otherwise the name stays a question back ("a value of several columns").

A name in one such column only is checked the same way: "did <X> lose" with <X> only in
the losing column reads the verb as that outcome (not a change, "lose weight"), and "how
many times did <X> win" with <X> only in the losing column is refused: counting its rows
would answer the opposite question.

The same headers answer "who won ...", "which club lost ...", "who beat <X>": the asked
thing is the subject of the outcome, so its column is the one column named for that
outcome (``read_role_asked``), read when no other rule took the question's wh-word; "when
did <X> win" is answered by the table's one column of dates or years.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import Node
from .lexicon import load, name_tokens

if TYPE_CHECKING:
    from .grammar import Parser

_L = load()["role_outcomes"]
_VERBS = {w: side for side in ("win", "loss") for w in _L[side]["verbs"]}
_NOUNS = {w: side for side in ("win", "loss") for w in _L[side]["nouns"]}
_HEADERS = {side: [h.split() for h in _L[side]["headers"]] for side in ("win", "loss")}
_BEAT = set(_L["beat"])
_PASSIVE = set(_L["passive"])
_OPPOSITE = set(_L["opposite"])
#: what "how many <noun> did <X> win" counts, one a row: an event or a title
_COUNTED = set(_L["counted"]) | set(load()["event_nouns"])
_NEGATIONS = set(load()["negations"])
_COUNT_WORDS = {"how many", "number of", "total number of", "count of"}
#: words that may stand between a name and its outcome word ("did <X> *ever* win",
#: "losses *did* <X> have", "<X> *was the* champion")
_GAP = {"did", "does", "do", "has", "have", "had", "ever", "also", "first", "last",
        "finally", "eventually", "once", "the", "a", "an"}
#: a header word that makes the column the *other* side ("Lost to", "Defeated by")
_HEADER_LINKS = {"by", "to", "against", "over", "vs", "versus", "from"}
_OTHER = {"win": "loss", "loss": "win"}


def read_role_asked(p: "Parser") -> None:
    """"who won in 2004", "which side lost in 1990", "who beat <X>", "who did <X> beat":
    the column named for how the asked thing fared answers (see the module docstring)."""
    r = p.r
    _other_side_only(p)
    _when_won(p)
    if r.which_col is not None or r.count or r.superlative or r.limit or \
            any(x.low in _NEGATIONS or x.role == "neg" for x in p.n):
        return
    if not p.n or p.n[0].low not in ("who", "which", "what"):
        return
    k = 1
    if p.n[0].low != "who":  # "which *team* won": a noun no column names
        x = p.node(1)
        if x is None or x.kind != "word" or x.role is not None or x.tags or \
                x.low in _VERBS or x.low in _BEAT:
            return
        k = 2
    said = [j for j, x in enumerate(p.n) if x.kind == "word" and x.role in (None, "filter")
            and (x.low in _VERBS or x.low in _NOUNS or x.low in _BEAT)]
    if len(said) != 1 or (p.n[said[0]].low in _NOUNS and p.n[said[0]].low not in _VERBS):
        return
    w = said[0]
    side = _asked_side(p, k, w)
    if any(x.low in ("most", "least", "fewest") and p.node(j + 1) is not None and
           p.n[j + 1].kind == "word" and p.n[j + 1].low not in _COUNTED | {"times", "often"}
           and p.n[j + 1].low.endswith("s") for j, x in enumerate(p.n)):
        return  # "who won the most points": a count of rows would not answer it
    named = [c for c in p.s.columns if header_side(c) == side and not p.s.col(c).numeric]
    if side is None or len(named) != 1:
        return
    r.which = True
    r.which_col = named[0]
    for j in (1, w):
        if p.n[j].role is None:
            p.n[j].role = "which"
    if k == 2:
        r.ignored.append(p.n[1].text)
    if w == k:
        _most_often(p, w + 1)
    r.notes.append(f'read "{p.n[0].text}{" " + p.n[1].text if k == 2 else ""} ... '
                   f'{p.n[w].text}" as {named[0]!r}')


def _when_won(p: "Parser") -> None:
    """"when did <X> win", "when was <X> beaten": the table's one column of dates or years
    answers, for the rows the name picks (no other column says when)."""
    r = p.r
    if r.which_col is not None or not p.n or p.n[0].low != "when" or r.count:
        return
    said = [x for x in p.n if x.kind == "word" and (x.low in _VERBS or x.low in _BEAT)]
    if len(said) != 1 or not any(x.kind == "val" and any(
            header_side(m.column) for m in x.item.matches) for x in p.n):
        return  # a name of a side: "when did they win at <a venue>" is not read here
    when = [c for c in p.s.columns if p.s.answers_when(c)]
    if len(when) == 1:
        r.which_col = when[0]
        r.notes.append(f'read "when" as {when[0]!r}, the one column of dates or years')


def _other_side_only(p: "Parser") -> None:
    """"how many times did <X> win" when <X> is only ever in the losing column: counting the
    rows of that column would answer the opposite question, so the reading is refused."""
    if any(x.low in _NEGATIONS or x.role == "neg" for x in p.n):
        return
    said = [k for k, x in enumerate(p.n) if x.kind == "word" and x.role in (None, "filter")
            and (x.low in _VERBS or x.low in _NOUNS or x.low in _BEAT)]
    if len({_side_of(p.n[k].low) or "beat" for k in said}) != 1:
        return
    for i, nd in enumerate(p.n):
        cols = {m.column for m in nd.item.matches} if nd.kind == "val" else set()
        if nd.role is not None or len(cols) != 1:
            continue
        col = cols.pop()
        k = min(said, key=lambda k: abs(k - i))
        side, own = _side(p, i, k), header_side(col)
        if side is not None and side == own and p.n[k].role is None:
            p.n[k].role = "filter"  # "did <X> lose" with <X> in 'Loser': read, no change
            continue
        if side is None or own is None or side == own or not any(
                header_side(c) == side for c in p.s.columns):
            continue
        p.r.problems.append(f'"{nd.text}" is only in {col!r}, but "{p.n[k].text}" names '
                            f"the other side; counting {col!r} would answer the opposite.")
        return


def _most_often(p: "Parser", j: int) -> None:
    """"who won (the) most (times / often)": the side named most often, as "which winner
    appears the most" reads it."""
    if p.low(j) == "the":
        j += 1
    nd = p.node(j)
    if nd is None or nd.role is not None or nd.low not in ("most", "least"):
        return
    rest = [x for x in p.n[j + 1:] if x.low not in ("?", ".")]
    if rest and ([x.low for x in rest] not in (["times"], ["often"], ["overall"]) or
                 rest[0].role is not None):
        return
    p.r.mode = True
    p.r.superlative = "hi" if nd.low == "most" else "lo"
    p.r.superlative_word = nd.low
    for x in [nd] + rest:
        x.role = "superlative"


def _asked_side(p: "Parser", k: int, w: int) -> str | None:
    """How the asked thing fared: the subject of the outcome word right after the wh-word
    ("who *won*", "who *beat* <X>"), or its object after one named subject ("who did <X>
    *beat*", "who did <X> *lose to*", "which club did <X> *win against*")."""
    word, after = p.n[w].low, p.low(w + 1)
    if w == k:
        if word in _BEAT:
            return None if after == "by" or word == "beaten" else "win"
        return _VERBS[word]
    if w == k + 1 and p.low(k) in _PASSIVE and word in _BEAT:
        return "loss"  # "who was beaten (by <X>)"
    between = [x for x in p.n[k + 1:w] if x.low not in ("the", "a", "an")]
    if p.low(k) not in ("did", "does", "do", "has", "have", "had") or \
            [x.kind for x in between] != ["val"]:
        return None
    if word in _BEAT:
        return "loss" if after not in ("to", "by") else None  # "who did <X> beat"
    if after == "to" and _VERBS[word] == "loss":
        return "win"  # "who did <X> lose to"
    if after in ("against", "over"):
        return _OTHER[_VERBS[word]]  # "who did <X> win against"
    return None


def role_column(p: "Parser", nd: Node, cols: list[str]) -> str | None:
    """The one of ``cols`` the question's outcome word names for the value ``nd`` (see the
    module docstring), or None; the outcome word is marked read and a note says so."""
    i = next((j for j, x in enumerate(p.n) if x is nd), None)
    if i is None or any(x.low in _NEGATIONS or x.role == "neg" for x in p.n):
        return None
    named = [c for c in {m.column for m in nd.item.matches} if c in p.r.mentioned()]
    if len(named) == 1 and header_side(named[0]) is None:
        return None  # "won a fastest lap": the column the question names
    said = [k for k, x in enumerate(p.n) if x.kind == "word" and
            x.role in (None, "filter", "which") and
            (x.low in _VERBS or x.low in _NOUNS or x.low in _BEAT)]
    if len({_side_of(p.n[k].low) or "beat" for k in said}) != 1:
        return None  # none, or "win or lose"
    k = min(said, key=lambda k: abs(k - i))  # "<X> won in 2003, who won the next year"
    side = _side(p, i, k)
    if side is None:
        return None
    named = [c for c in cols if header_side(c) == side]
    if len(named) != 1:
        return None
    word = p.n[k]
    if word.role is None:
        word.role = "filter"
    p.r.notes.append(f'read "{nd.text}" in {named[0]!r}: "{word.text}" names that side')
    _counted_rows(p, k)
    return named[0]


def _counted_rows(p: "Parser", k: int) -> None:
    """"how many *bouts* did <X> win", "how many total *races* has <X> won": one row a
    bout, so the noun names the rows."""
    for j in range(k):
        if p.n[j].kind != "word" or p.n[j].low not in _COUNT_WORDS:
            continue
        j += 1
        while j < k and (p.n[j].low in ("total", "the") or p.n[j].role is not None):
            j += 1  # "how many *consecutive* bouts": read by its own rule
        x = p.node(j)
        if j < k and x is not None and x.kind == "word" and x.role is None and \
                x.low in _COUNTED:
            x.role = "entity"
            p.r.entity.append(x.text)
        return


def header_side(column: str) -> str | None:
    """"win" / "loss" for a header naming one side of a contest by its outcome, else None."""
    toks = name_tokens(column)
    if set(toks) & _HEADER_LINKS:
        return None
    found = {side for side, heads in _HEADERS.items() for h in heads
             if any(toks[j:j + len(h)] == h for j in range(len(toks)))}
    return found.pop() if len(found) == 1 else None


def _side(p: "Parser", i: int, k: int) -> str | None:
    """How the value at ``i`` fared by the outcome word at ``k``."""
    word = p.n[k].low
    if k > i:  # "<X> won", "did <X> win", "<X> was beaten", "<X> was the champion"
        gap = [p.n[j] for j in range(i + 1, k)]
        if any(x.kind != "word" or x.low not in _GAP | _PASSIVE for x in gap):
            return _against(p, i, word)
        if word in _BEAT:
            passive = any(x.low in _PASSIVE for x in gap) or p.low(k + 1) == "by" or (
                word in ("beaten", "defeated") and p.low(i - 1) in _PASSIVE)  # "was <X> beaten"
            return "loss" if passive else "win"
        return _VERBS.get(word) or _NOUNS.get(word)
    gap = [p.n[j] for j in range(k + 1, i)]
    if any(x.kind != "word" for x in gap):
        return _against(p, i, word)
    lows = [x.low for x in gap if x.low not in ("the", "a", "an")]
    if word in _NOUNS and all(w in _GAP for w in lows) and (lows or word not in _VERBS):
        return _NOUNS[word]  # "losses did <X> have", "the victories <X> had"
    if word in _BEAT:
        passive = p.low(k - 1) in _PASSIVE
        if lows == ["by"] and (passive or word in ("beaten", "defeated")):
            return "win"  # "beaten by <X>"
        if not lows and not passive:
            return "loss"  # "who beat <X>"
        return None
    if lows == ["by"] and _VERBS.get(word) == "win":
        return "win"  # "won by <X>"
    if lows == ["to"] and _side_of(word) == "loss":
        return "win"  # "lost to <X>"
    if len(lows) == 1 and lows[0] in ("before", "after") and word in _VERBS:
        return _VERBS[word]  # "who won after <X>": <X> won the row before
    if len(lows) == 1 and lows[0] in _OPPOSITE and _side_of(word) is not None:
        return _OTHER[_side_of(word)]  # "won against <X>"
    return _against(p, i, word)


def _against(p: "Parser", i: int, word: str) -> str | None:
    """"how many losses did A have *against <X>*": <X> is the other side of the outcome."""
    j = i - 1
    while p.low(j) in ("the", "a", "an"):
        j -= 1
    side = _side_of(word)
    if p.low(j) in _OPPOSITE and side is not None:
        return _OTHER[side]
    return None


def _side_of(word: str) -> str | None:
    return _VERBS.get(word) or _NOUNS.get(word)


__all__ = ["header_side", "read_role_asked", "role_column"]
