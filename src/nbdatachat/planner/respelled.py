"""A question word one typing slip away from a word of this table: "bornze" for Bronze.

People mistype: a letter dropped ("harbur" for Harbour), doubled, swapped with its neighbour
("bornze") or replaced ("Kelbarne" for Kelborne). When the reader refuses a question holding
such a word, or asks back, the question is read once more with the word spelled as the table
spells it, and that reading is kept only when it answers; the answer's reading says the
correction ("read 'bornze' as 'Bronze'").

A word is respelled only when all of these hold:

- it is at least five letters long, and not a word the reader's lexicon knows (a question
  word such as "longest" is never bent into a value);
- the table (its column names and the words of its text cells) holds exactly one word one
  edit away from it: one letter inserted, dropped or replaced, or two neighbouring letters
  swapped; two such words ("Morin" and "Moran" for "moren") leave it alone;
- the edit is not at the word's last letter only, and the two words are not forms of one
  word: "rated" for a "Rater" column, "rowed" for "Rower", "opens" for "Opened" are other
  words or endings, not slips;
- the table word is five letters or more too, and not a word of the lexicon's closed
  classes ("belox" is not read as a "below" in a column name).

A follow-up is never respelled, and the respelled question goes through every stage and gate
of the reader like any other.
"""

from __future__ import annotations

import re
from typing import Callable

from .folding import fold
from .grounding import VOCAB
from .lexicon import load, name_tokens, stem
from .plan import PlanResult
from .schema import SchemaModel

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MIN_LEN = 5


def _lexicon_words() -> set[str]:
    """Every single word anywhere in ``lexicon.json`` (keys and values, all sections)."""
    out: set[str] = set()

    def add(x) -> None:
        if isinstance(x, str):
            out.update(w.lower() for w in _WORD.findall(x))
        elif isinstance(x, dict):
            for k, v in x.items():
                if not str(k).startswith("_"):
                    add(str(k))
                    add(v)
        elif isinstance(x, (list, tuple)):
            for y in x:
                add(y)

    add(load())
    return out | {w.lower() for w in VOCAB}


_KNOWN = _lexicon_words()
#: the lexicon's closed classes: a slip is never read as one of these ("belox" is no "below")
_CLOSED = {w.lower() for k in ("function_words", "comparatives", "link_words", "negations",
                               "pronouns", "time_prepositions", "range_links")
           for w in load().get(k, ()) if isinstance(w, str)}


def one_slip(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one inserted, dropped or replaced letter, or by two
    neighbouring letters swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _forms_of_one_word(a: str, b: str) -> bool:
    """Only the ending differs ("rated"/"rater", "opens"/"opened"), or both stem alike: a
    word's other form, not a slip of the hand."""
    return a[:-1] == b[:-1] or a.startswith(b) or b.startswith(a) or stem(a) == stem(b)


def table_words(schema: SchemaModel) -> dict[str, str]:
    """Lower-case folded word -> the word as the table writes it, from the column names and
    the text cells. Built on first use and kept on the schema."""
    words = getattr(schema, "_respell_words", None)
    if words is not None:
        return words
    words = {}

    def add(text: str) -> None:
        for w in _WORD.findall(fold(str(text))):
            words.setdefault(w.lower(), w)

    for p in schema.columns.values():
        add(p.name)  # as written first: "Bronze", not "bronze"
        for t in name_tokens(p.name):
            add(t)
        if p.values and p.kind in ("text", "other"):
            for v in p.values:
                add(v)
    schema._respell_words = words  # type: ignore[attr-defined]
    return words


def respelling(word: str, schema: SchemaModel) -> str | None:
    """The one table word ``word`` is a slip for (as the table writes it), or None."""
    w = fold(word).lower()
    if len(w) < _MIN_LEN or not w.isalpha() or w in _KNOWN or stem(w) in _KNOWN:
        return None
    words = table_words(schema)
    if w in words:
        return None
    hits = {x for x in words if len(x) >= _MIN_LEN and one_slip(w, x)}
    if len(hits) != 1:
        return None
    (x,) = hits
    if _forms_of_one_word(w, x) or x in _CLOSED:
        return None
    return words[x]


def _cased(original: str, word: str) -> str:
    if original.islower():
        return word.lower()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def as_respelled(question: str, refused: PlanResult, schema: SchemaModel,
                 read: Callable[[str], PlanResult]) -> PlanResult:
    """``refused`` again, or the answered reading of ``question`` with its slips respelled
    as the table spells them (said in the reading)."""
    if refused.status == "ok":
        return refused
    parts: list[str] = []
    said: list[str] = []
    last = 0
    for m in _WORD.finditer(question):
        word = m.group(0)
        fixed = respelling(word, schema)
        if fixed is None:
            continue
        parts += [question[last:m.start()], _cased(word, fixed)]
        last = m.end()
        if f"read {word!r} as {fixed!r}" not in said:
            said.append(f"read {word!r} as {fixed!r}")
    if not said:
        return refused
    alt = "".join(parts) + question[last:]
    res = read(alt)
    if res.status != "ok" or res.plan is None:
        return refused
    res.plan.question = question
    res.respelled = said + res.respelled
    return res


#: every word of the lexicon (``career_subject``: no such word is read as a name)
KNOWN_WORDS = _KNOWN

__all__ = ["KNOWN_WORDS", "as_respelled", "one_slip", "respelling", "table_words"]
