"""Words that name part of a cell: "maryland" for "Frederick, Maryland", "varga" for
"Ilona Varga", "bay rovers" for "Bay Rovers FC".

People name things the short way: a surname for a person, a state for a "Town, State" cell,
a club without its suffix. When no column or whole value matches such words, they are read
as every value of one column that holds them as whole words, in order (a filter keeps the
rows whose cell holds them). This runs last in grounding, only on words nothing else took,
and only when the reading is clear:

* the words occur in the cells of exactly one column (a surname found among both winners
  and runners-up says nothing about which one is meant);
* they pick out less than half of that column's distinct values (a word in every cell,
  such as a shared suffix, filters nothing and is not a name), unless they stand on their
  own in every cell holding them ("Larkton" in "Larkton, Eastbay": a category, read by
  ``cell_parts.py``, which also settles a part standing in several columns);
* a single word is not question vocabulary, not a number, not a month or weekday and has
  three letters or more; longer runs may not start or end with a function word;
* in the cells the words are written as names (capitalised: "Delaware", not the "singles"
  of "Bonus tracks only"), and one word as the question writes it ("games" is no part of
  "Board Game Club");
* the words do not follow a determiner, a wh-word or a ranking word ("which *movie*", "how
  many *churches*", "the shortest *song*"): there they are the noun asked about;
* the column holds short names, not sentences (a notes column mentions everything); long
  cells that list short items ("Ann Lee, Bo Sun, Cy Day", a place "• town, state (note)")
  are read by those standing items only (``cell_parts.py``);
* the values picked do not differ only by their numbers ("Week 1", "Week 4": a series).
"""

from __future__ import annotations

import re

from .cell_parts import PLACE_BEFORE, item_words, standing_hits, standing_parts
from .folding import fold, folded_key, spelled
from .lexicon import CALENDAR_WORDS, stem
from .schema import Match, SchemaModel
from .tokens import Tok

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_DIGITS = re.compile(r"\d+")

#: the longest run of words looked up as part of a cell
MAX_RUN = 4
#: how sure a part is, below a whole value (1.0) and a column's partial name (0.6)
PART_SCORE = 0.55
_EDGE_WORDS = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "by",
               "from", "with", "s"}
#: lower-case words inside names ("Piet van Dijk", "Charles de Gaulle")
_PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "dos",
              "das", "la", "le", "bin", "ibn", "al", "el", "y"}


def part_index(schema: SchemaModel) -> dict[str, list[tuple[str, str]]]:
    """Stemmed runs of 1..MAX_RUN words inside multi-word text values -> (column, value).
    Built on first use and kept on the schema."""
    if schema.value_part_index is not None:
        return schema.value_part_index
    idx: dict[str, list[tuple[str, str]]] = {}
    for p in schema.columns.values():
        if not p.values or p.binary or p.kind not in ("text", "other"):
            continue
        listed = _sentences(p.values)  # long cells: only a list of short items is read
        if listed and item_words(p.values) > 4:
            continue
        for v in p.values:
            if listed:  # "Ann Lee, Bo Sun, ...", "Rift Hall • Port Amel (a long note)"
                for key in standing_parts(str(v)):
                    if 0 < key.count(" ") + 1 <= MAX_RUN:
                        idx.setdefault(key, []).append((p.name, v))
                continue
            words = _WORD.findall(spelled(str(v)))  # "Rook & Pawn": "rook and pawn"
            if len(words) < 2:
                continue  # a one-word cell is a whole value, indexed already
            stems = [stem(fold(w.lower())) for w in words]  # "velin" for "Ana Vélin"
            named = [w[0].isupper() or w.lower() in _EDGE_WORDS or w.lower() in _PARTICLES
                     for w in words]
            seen: set[str] = set()
            for a in range(len(stems)):
                for size in range(1, min(MAX_RUN, len(stems) - a) + 1):
                    if size == len(stems) or not all(named[a:a + size]):
                        continue
                    key = " ".join(stems[a:a + size])
                    if key not in seen:
                        seen.add(key)
                        idx.setdefault(key, []).append((p.name, v))
    schema.value_part_index = idx
    return idx


def part_spans(toks: list[Tok], taken: list[bool], schema: SchemaModel,
               vocabulary: set[str]) -> list[tuple[int, int, str, list[Match]]]:
    """Spans of untaken words read as parts of one column's cells (module docstring)."""
    out: list[tuple[int, int, str, list[Match]]] = []
    n = len(toks)
    i = 0
    idx: dict[str, list[tuple[str, str]]] | None = None
    while i < n:
        if taken[i] or toks[i].kind != "word":
            i += 1
            continue
        found = None
        before = toks[i - 1].low if i else ""
        # "in the <x>", "after the <x>": a name, when x stands on its own in the cells
        # (cell_parts.py)
        placed = before == "the" and i > 1
        apart = i > 0 and toks[i].start - toks[i - 1].end > 1  # "first, <x>": a comma
        if i > 0 and (before in _DETERMINERS or _ranking(before)) and not placed and not apart:
            i += 1  # "which movie", "how many chapels": the rows' noun, not a name
            continue
        for size in range(min(MAX_RUN, n - i), 0, -1):
            seg = toks[i:i + size]
            if any(taken[k] or t.kind != "word" for k, t in zip(range(i, i + size), seg)):
                continue
            if not _plausible(seg, vocabulary):
                continue
            if idx is None:
                idx = part_index(schema)
            hits = idx.get(folded_key([t.low for t in seg]))
            if hits and size == 1:  # one word as written: "games" is no part of "Board Game Club"
                hits = [h for h in hits
                        if fold(seg[0].low) in _WORD.findall(fold(str(h[1])).lower())]
            key = folded_key([t.low for t in seg])
            if placed:
                hits = hits and standing_hits(hits, schema, key, toks[i - 2].low)
            else:
                hits = hits and _clear(hits, schema, key, before)
            if hits:
                found = (i, i + size, hits)
                break
        if found is None:
            i += 1
            continue
        a, b, hits = found
        out.append((a, b, "val", [Match("value", c, PART_SCORE, "part", v)
                                  for c, v in dict.fromkeys(hits)]))
        for k in range(a, b):
            taken[k] = True
        i = b
    return out


def _sentences(values: list[str]) -> bool:
    """Free text (notes, descriptions): more than four words a cell on average."""
    sample = values[:500]
    return sum(len(_WORD.findall(str(v))) for v in sample) > 4 * len(sample)


#: words before a noun that make it the thing asked about, not a name
_DETERMINERS = {"which", "what", "the", "a", "an", "many", "each", "every", "first", "last",
                "any", "no", "this", "that", "these", "those", "his", "her", "their", "its",
                "other", "another", "all", "some", "only", "whose"}


def _ranking(word: str) -> bool:
    """"the shortest *song*", "the next *game*": a ranking word before the noun asked about."""
    return word in ("most", "least", "top", "best", "worst", "next", "previous", "same") or \
        word.endswith("est") and len(word) > 4


def _plausible(seg: list[Tok], vocabulary: set[str]) -> bool:
    if len(seg) == 1:
        t = seg[0]
        return len(t.low) >= 3 and t.low not in vocabulary and not t.low.isdigit() and \
            t.low not in CALENDAR_WORDS
    if seg[0].low in _EDGE_WORDS or seg[-1].low in _EDGE_WORDS:
        return False
    return any(t.low not in vocabulary and len(t.low) >= 3 for t in seg)


def _clear(hits: list[tuple[str, str]], schema: SchemaModel, key: str,
           before: str) -> list[tuple[str, str]]:
    """The hits read as the part named, or none (module docstring; a part standing on its
    own in the cells is read as ``cell_parts.py`` says)."""
    standing = standing_hits(hits, schema, key, before)
    if standing is not None:
        return standing
    return hits if _clear_words(hits, schema) else []


def _clear_words(hits: list[tuple[str, str]], schema: SchemaModel) -> bool:
    cols = {c for c, _ in hits}
    if len(cols) != 1:
        return False
    p = schema.col(next(iter(cols)))
    distinct = len(p.values or []) or p.n_distinct
    values = {v for _, v in hits}
    if len(values) > 1 and len({_DIGITS.sub("", str(v)) for v in values}) == 1:
        return False  # "Week 1", "Week 4": numbered members of one series
    return len(values) < 0.5 * distinct


__all__ = ["MAX_RUN", "PART_SCORE", "part_index", "part_spans"]
