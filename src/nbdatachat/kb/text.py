"""Tokenisation for lexical retrieval: lowercase, strip punctuation, drop stop words, stem.

One function, :func:`tokenize`, is used for chunks and queries alike so that both sides of
BM25 agree. Stemming uses the Snowball (Porter 2) English stemmer (PyStemmer's C build when
installed, ~30x faster than the pure-Python one), memoised per word because a corpus repeats
the same few thousand words millions of times.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_APOSTROPHES = str.maketrans("", "", "'’")

STOP_WORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself no nor not now of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves s t don shall may might
must also let us get got hello hi hey please thanks thank
""".split())


@lru_cache(maxsize=1)
def _stemmer():  # noqa: ANN202 - snowballstemmer has no type hints
    import snowballstemmer

    return snowballstemmer.stemmer("english")


_stem_cache: dict[str, str] = {}


def stem(word: str) -> str:
    """The Snowball stem of a lowercase word (cached)."""
    hit = _stem_cache.get(word)
    if hit is None:
        hit = _stemmer().stemWord(word) if len(word) > 2 else word
        if len(_stem_cache) < 500_000:
            _stem_cache[word] = hit
    return hit


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _fold(text: str) -> str:
    # Accents folded so "café" matches "cafe": NFKD, then drop the combining marks.
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.lower()))


def words(text: str) -> list[str]:
    """Lowercased, accent-folded words (apostrophes removed: "don't" -> "dont"), stop words
    kept."""
    return _WORD.findall(_fold(text).translate(_APOSTROPHES))


def tokenize(text: str) -> list[str]:
    """Index terms of ``text``: words minus stop words, stemmed.

    The hot loop of indexing (a million words for 10,000 chunks): cached stems are looked up
    inline rather than through :func:`stem`."""
    cache = _stem_cache
    out: list[str] = []
    append = out.append
    for w in words(text):
        if w in STOP_WORDS:
            continue
        s = cache.get(w)
        append(s if s is not None else stem(w))
    return out


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])|\n{2,}|\n(?=\s*[-*•]\s)")


def sentences(text: str) -> list[str]:
    """Split prose into sentences (on ., !, ? before a capital, blank lines, list items)."""
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


__all__ = ["STOP_WORDS", "sentences", "stem", "tokenize", "words"]
