"""Values written with accents the question leaves out: "velin" for "Ana Vélin", "orskell"
for "Jon Örskell", "jastrel" for "Jastreł", "kesso" for "Kessø"; and with an ampersand
the question spells out: "rook and pawn" for "Rook & Pawn".

People type names without their diacritics. Grounding first looks a question's words up
as written; only when that finds nothing are both sides compared folded: decomposed (NFKD),
combining marks dropped, and the letters that do not decompose (ß, æ, ø, ł, đ, þ, œ ...)
spelled the plain way. The folded index is built on first use and kept on the schema; a
match keeps the cell as written, so the answer quotes "Ana Vélin", not the question's
spelling. Folded keys shorter than three letters are left out ("Né" is no match for "ne").
"""

from __future__ import annotations

import re
import unicodedata

from .lexicon import stem
from .schema import _CODED, _SKIP_VALUES, Match, SchemaModel, norm_phrase

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: letters NFKD leaves whole, spelled as people type them without the letter
_PLAIN = str.maketrans({"ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                        "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                        "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i", "ħ": "h",
                        "Ħ": "H", "ŀ": "l", "Ŀ": "L", "ŧ": "t", "Ŧ": "T"})
#: how sure a folded match is: just below a value as written (0.95)
FOLDED_SCORE = 0.94


def fold(text: str) -> str:
    """``"Örskell"`` -> ``"Orskell"``, ``"Jastreł"`` -> ``"Jastrel"``; ASCII text comes back
    as is."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_PLAIN))
    return "".join(c for c in text if not unicodedata.combining(c))


def spelled(text: str) -> str:
    """``fold`` with an ampersand read as the word: "Rook & Pawn" is "Rook and Pawn"."""
    return fold(text).replace("&", " and ")


def folded_key(words: list[str]) -> str:
    """The folded, stemmed key of a question's words (lower case, as tokens hold them)."""
    return " ".join(stem(fold(w)) for w in words)


def _folded_index(schema: SchemaModel) -> dict[str, list[Match]]:
    if schema.folded_value_index is not None:
        return schema.folded_value_index
    idx: dict[str, list[Match]] = {}

    def add(key: str, column: str, value: str, score: float) -> None:
        if key in schema.values or key in _SKIP_VALUES or len(key.replace(" ", "")) < 3 or \
                key.replace(" ", "").replace(".", "").isdigit():
            return  # a value written so already answers as written
        bucket = idx.setdefault(key, [])
        if not any(m.column == column for m in bucket):
            bucket.append(Match("value", column, score, "folded", value))

    for p in schema.columns.values():
        if not p.values or p.binary or p.kind not in ("text", "other"):
            continue
        for v in p.values:
            raw = str(v)
            if raw.isascii() and "&" not in raw:
                continue
            plain = spelled(raw)
            add(norm_phrase(plain), p.name, v, FOLDED_SCORE)
            m = _CODED.match(plain)
            if m is not None:  # "Mërvik (MRV)" is Mervik
                add(norm_phrase(m.group(1)), p.name, v, FOLDED_SCORE - 0.01)
    schema.folded_value_index = idx
    return idx


def folded_values(schema: SchemaModel, words: list[str]) -> list[Match] | None:
    """The values whose folded key is the folded ``words``; None when there are none."""
    idx = _folded_index(schema)
    plain = all(w.isascii() for w in words)
    if not idx and plain:
        return None
    key = folded_key(words)
    # "Vélin" asked of cells written "Velin": the folded question as written in the cells
    return idx.get(key) or (None if plain else schema.values.get(key)) or None


def same_folded(value: str, words: str) -> bool:
    """Whether ``words`` (lower case) are ``value``'s words, both folded."""
    return " ".join(_WORD.findall(fold(value).lower())) == fold(words)


__all__ = ["FOLDED_SCORE", "fold", "folded_key", "folded_values", "same_folded", "spelled"]
