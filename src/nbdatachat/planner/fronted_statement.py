"""A statement before the question: "<X> joined <Y> in 1990, but what was her position?".

People often set the scene first, naming the row with a statement about it, and ask the
question after a clause break (a comma, a full stop, or "but"/"so"/"then"/"and"). The
statement's values pick the row and the question after the break asks for one of its cells,
like "what was <X>'s position": the lookup reads the question word that opens the later
clause as the question's first word. Only when the statement names a value (so it picks
rows) and the break is plain; a question word inside a clause ("the same as in what year")
is not a fronted statement.
"""

from __future__ import annotations

from .constituents import Reading

_BREAK_WORDS = {"but", "so", "then", "and"}
_BREAK_MARKS = (",", ".", ";", ":")
_WH = {"what", "which", "who", "whom", "whose", "when", "where"}


def late_question_word(r: Reading) -> str | None:
    """The question word opening the clause after a fronted statement naming rows, else None."""
    nodes = r.nodes
    k = next((i for i, nd in enumerate(nodes) if nd.low in _WH), None)
    if not k:
        return None
    if not any(nd.kind == "val" and nd.role == "filter" for nd in nodes[:k]):
        return None  # the statement names no row
    if nodes[k - 1].low in _BREAK_WORDS:
        return nodes[k].low
    tok = getattr(nodes[k].item, "tok", None)
    if tok is None:
        return None
    return nodes[k].low if r.question[:tok.start].rstrip().endswith(_BREAK_MARKS) else None


__all__ = ["late_question_word"]
