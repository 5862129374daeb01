"""The column of results a compared number counts when a result verb names it (issue 12),
for ``compare.py`` once its own readings found no column: "which clubs *won* more than 8
games", "how many sides *lost* at least 4 matches", "who *drew* fewer than 2" over a table of
standings headed Wins / Losses / Draws (or W / L / D) compares that column.

Read only when

* the word right before the comparison (past "have", "has", "had") is a verb of a result:
  won / win(s), lost / lose(s), drew / draw(s), tied / tie(s);
* exactly one column is headed by that result alone (one word: "Wins", "Losses", "Draws",
  "Ties", or its letter W, L, D, T when another result letter heads a column too: a lone
  "W" may be anything), and it holds whole numbers;
* the number is a whole one and the word after it is an event noun (games, matches,
  races ...), read with it as its unit, or nothing. The noun is so read even when it heads
  a column of its own ("won 11 matches" over Matches and Won, "have won more than 900
  games" over Games and Wins): the verb says which count the number is, the noun only
  what is counted (``result_noun``, asked by ``compare.py`` before it takes the column
  named after the number).

"won 3 titles", "lost 2 finals", "won 5 times" (no event noun) and a table with two columns
of wins (home, away) stay unread, and the reader refuses as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import FilterC
from .lexicon import load, name_tokens, stem

if TYPE_CHECKING:
    from .constituents import Node
    from .grammar import Parser

#: a verb of a result -> the result
_VERBS = {"won": "win", "win": "win", "wins": "win",
          "lost": "loss", "lose": "loss", "loses": "loss",
          "drew": "draw", "draw": "draw", "draws": "draw",
          "tied": "draw", "tie": "draw", "ties": "draw"}
#: the one-word headers of a column counting each result
_HEADERS = {"win": {"wins", "win", "won", "victories"},
            "loss": {"losses", "loss", "lost", "defeats"},
            "draw": {"draws", "draw", "drawn", "drew", "ties", "tie", "tied"}}
#: the result letters of a standings table
_LETTERS = {"w": "win", "l": "loss", "d": "draw", "t": "draw"}
#: words between the verb and its number that keep the number exact ("lost only 3 bouts")
_EXACTLY = {"only", "exactly", "just"}
#: degree words ranking a result's column, and the words that may follow with no noun
_DEGREES = {"most", "least", "fewest"}
_AFTER_DEGREE = {"in", "during", "since", "between", "from", "after", "before", "over", "of",
                 "among", "at", "against", "this", "that", "last"}
_EVENTS = {stem(w) for w in load()["event_nouns"]}


def _result_of(name: str, letters: bool) -> str | None:
    t = str(name).strip().rstrip(".").lower()
    if not t.isalpha():
        return None  # "Win %" is a share, not a count
    if letters and t in _LETTERS:
        return _LETTERS[t]
    return next((side for side, hs in _HEADERS.items() if t in hs), None)


def _column(p: "Parser", b: int, after: int) -> tuple[str, list[int]] | None:
    """The column the result verb at ``b`` names for the number before ``after`` and the
    words read with it; else None."""
    verb = p.node(b)
    if verb is None or verb.kind not in ("word", "col") or verb.role is not None or \
            verb.low not in _VERBS:
        return None
    noun = p.node(after)
    if noun is not None and noun.role is None and noun.kind in ("word", "col") and \
            stem(noun.low) in _EVENTS:
        words = [b, after]
    elif noun is None or noun.kind == "word" and not noun.low.isalnum():
        words = [b]
    else:
        return None
    col = _verb_column(p, verb)
    if col is None:
        return None
    p.r.notes.append(f'read "{verb.text}" as the column {col!r}')
    return col, words


def _verb_column(p: "Parser", verb: "Node | None") -> str | None:
    """The one whole-number column headed by the result the word ``verb`` says."""
    if verb is None or verb.kind not in ("word", "col") or verb.role is not None or \
            verb.low not in _VERBS:
        return None  # "won" may head a column itself ("Won"): the same column
    lettered = sum(1 for c in p.s.names()
                   if str(c).strip().rstrip(".").lower() in _LETTERS) >= 2
    cols = [c for c in p.s.names() if _result_of(c, lettered) == _VERBS[verb.low]]
    if len(cols) != 1 or p.s.col(cols[0]).kind != "integer":
        return None
    return cols[0]


def result_noun(p: "Parser", b: int, k: int, used: list[int]) -> bool:
    """The column mention at ``k`` right after a number is an event noun ("6 *matches*")
    and the word at ``b`` right before the comparison is a result verb: True when the
    number is not the noun's column. When the verb names a column of its own ("won" over
    Won), the number counts that result and the noun is read with it (added to ``used``);
    when no column holds the result, the noun's column (every game played) is no reading
    of "won 23 games" either, and the number is left to refuse (unless the noun's header
    says the result itself, "Games won"; a column named for the result that holds no
    count, "Win %", is left to the check that refuses naming it)."""
    noun = p.node(k)
    if noun is None or noun.kind != "col" or noun.role is not None or \
            stem(noun.low) not in _EVENTS:
        return False
    verb = p.node(b)
    if verb is not None and verb.low in _EXACTLY and verb.role is None:
        verb = p.node(b - 1)  # "won only 2 games"
    if verb is None or verb.low not in _VERBS or verb.role is not None:
        return False
    held = {m.column for m in noun.item.matches}
    if any(_VERBS.get(t.lower()) == _VERBS[verb.low] or _result_of(t, False) == _VERBS[verb.low]
           for c in held for t in name_tokens(c)):
        return False  # "Games won": the noun's column is the result's count
    col = _verb_column(p, verb)
    if col is not None:
        used.append(k)
    elif any(_result_of(t, False) == _VERBS[verb.low] for c in p.s.names()
             for t in name_tokens(c)):
        return False  # "Win %": the verb left unread there is refused naming that column
    return True


def result_degree(p: "Parser", i: int) -> str | None:
    """"which side won the most (games)", "who lost the fewest matches", "the club that drew
    the least": the degree word at ``i`` right after a result verb (past "the") ranks by
    the one column counting that result (``_verb_column``), the verb and an event noun
    after the degree word then read; None when the verb names no such column or another
    noun follows ("won the most trophies" is read by its own column)."""
    if p.low(i) not in _DEGREES:
        return None
    b = i - 2 if p.low(i - 1) == "the" else i - 1
    verb = p.node(b)
    col = _verb_column(p, verb) if b >= 0 else None
    if col is None or verb is None or verb.kind != "word":
        return None
    k = i + 1
    of = None
    if p.low(k) in ("number of", "amount of"):
        of, k = k, k + 1  # "the most number of bouts": one node, read as a count before
        if [nd for nd in p.n if nd.role == "count"] != [p.n[of]]:
            return None
    elif p.low(k) in ("number", "amount") and p.low(k + 1) == "of":
        k += 2
    noun = p.node(k)
    if noun is not None and noun.role is None and noun.kind in ("word", "col") and \
            stem(noun.low) in _EVENTS:
        words = list(range(i + 1, k + 1))
    elif noun is None or noun.kind == "word" and not noun.low.isalnum() or k == i + 1 and \
            noun.kind == "word" and noun.low in _AFTER_DEGREE:
        words = []
    else:
        return None
    if of is not None:
        if not words:
            return None
        p.r.count = False  # the column ranked is the number asked, not a count of rows
        p.n[of].role = None
    if words and "" in p.r.counted:
        p.r.counted.remove("")  # "the most games": not the rows counted, the column ranked
    p.use(b, *words, role="column")
    size = "largest" if p.low(i) == "most" else "smallest"
    p.r.notes.append(f'read "{verb.text} the {p.n[i].text}" as the {size} {col}')
    return col


def result_more(p: "Parser", k: int) -> tuple[str, list[int]] | None:
    """"which side won more matches, A or B", "who drew more bouts, A or B": the column
    counting the result of the verb right before the comparative at ``k`` (``_verb_column``)
    and the nodes read with it (the verb, and an event noun after the comparative); else
    None. (With no noun, "who won more, A or B" is refused before this is asked.)"""
    if p.low(k) not in ("more", "fewer", "less"):
        return None
    col = _verb_column(p, p.node(k - 1))
    if col is None:
        return None
    noun = p.node(k + 1)
    if noun is not None and noun.role is None and noun.kind in ("word", "col") and \
            stem(noun.low) in _EVENTS:
        return col, [k - 1, k + 1]
    if noun is None or noun.kind in ("word", "sym") and not noun.low.isalnum():
        return col, [k - 1]  # "won more, A or B"
    return None


def result_column(p: "Parser", b: int, after: int, used: list[int],
                  values: tuple) -> str | None:
    """The column the result verb at ``b`` names for a number compared right after it
    (``after``: the word after the number), the words read with it added to ``used``;
    else None."""
    if b >= min(used) or not values or \
            not all(float(v).is_integer() and v >= 0 for v in values):
        return None
    found = _column(p, b, after)
    if found is None:
        return None
    used.extend(found[1])
    return found[0]


def said_results(p: "Parser") -> None:
    """"which side won 7 games", "who lost only 2": a whole number said right after a
    result verb (past "only", "exactly", "just"), with no comparison, is the rows with that
    many (when it is within the column's values)."""
    for i, nd in enumerate(p.n):
        if nd.role is not None or nd.kind != "num" or nd.item.tok is None or \
                nd.item.tok.pct or nd.item.tok.money or nd.item.tok.ordinal or \
                not float(nd.value).is_integer():
            continue
        b = i - 2 if p.low(i - 1) in _EXACTLY and p.n[i - 1].role is None else i - 1
        found = _column(p, b, i + 1)  # "won (only) 7 games"
        if found is None:
            continue
        col, words = found
        words = words + list(range(b + 1, i))
        prof = p.s.col(col)
        if prof.min is None or not float(prof.min) <= nd.value <= float(prof.max):
            p.r.notes.pop()
            continue
        p.r.filters.append(FilterC(col, "=", int(nd.value), at=i, how="named"))
        p.use(i, *words, role="filter")


__all__ = ["result_column", "result_degree", "result_more", "result_noun", "said_results"]
