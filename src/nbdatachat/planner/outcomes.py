"""Outcome nouns counted: "the number of losses", "how many wins were recorded".

A win, a loss, a draw is not what a row is but a result the row records. When the table has
exactly one result column whose every value opens with an outcome word or letter ("W 24-17",
"Won", "L", "Draw"), "wins" picks the rows whose result opens with a win (the test
``runs.py`` uses for "consecutive wins"); with no such column, or several, the word stays
unread and the count is refused (``answer_type.py``), never answered over every row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .runs import _OUTCOME_LETTER, _outcome

if TYPE_CHECKING:
    from .grammar import Parser

_COUNTING = {"how many", "number of", "number", "count", "total number of", "total"}
#: the nouns only: "did Falcon win" is a verb of the row's subject, read elsewhere
_NOUNS = {"wins", "losses", "draws", "ties", "victories", "defeats"}


def read_outcome_counts(p: "Parser") -> None:
    """Read one outcome noun of a count as a filter on the result column."""
    if p.r.position is not None or not any(nd.low in _COUNTING for nd in p.n):
        return
    nouns = [k for k, nd in enumerate(p.n) if nd.role is None and nd.kind == "word" and
             nd.low in _NOUNS and nd.low in _OUTCOME_LETTER]
    if len(nouns) == 1:
        _outcome(p, nouns[0])


__all__ = ["read_outcome_counts"]
