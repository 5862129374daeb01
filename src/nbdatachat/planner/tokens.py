"""Normalising and tokenising a question.

Quoted strings stay whole (a value to look up), numbers are parsed with their separators,
currency, percent and scale ("$1,200", "30%", "5k", "2.5 million"), dates and decades are
recognised ("2017-12-30", "12/30/17", "1970s"), comparison symbols are kept, contractions
are split so negation is visible ("don't" -> "do" "n't"), and camelCase and hyphenated words
are split into their parts ("non-smokers" -> "non" "smokers", "x-axis" -> "x" "axis").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import NUMBER_WORDS, SCALE_WORDS, name_tokens, stem

_TOKEN = re.compile(
    r"(?P<quote>\"[^\"]{1,80}\"|“[^”]{1,80}”|(?<![\w'])'[^']{1,80}'(?![\w']))"
    r"|(?P<date>\b\d{4}-\d{1,2}(?:-\d{1,2})?\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b)"
    r"|(?P<ord>\b\d+(?:st|nd|rd|th)\b)"
    r"|(?P<decade>\b(?:1[5-9]|20)\d0'?s\b)"
    r"|(?P<num>(?:(?<![\w.])-)?(?:[$€£]\s?)?\d[\d,]*(?:\.\d+)?(?:\s?%)?"
    r"(?:\s?(?:million|thousand|billion)\b|(?:k|m|mn|bn|b|mil)\b)?)"
    r"|(?P<sym>>=|<=|!=|==|=|>|<|≥|≤|%)"
    r"|(?P<word>[^\W\d_]+\d+[^\W_]*|[^\W\d_]+(?:n't|'t)?(?:'s|s')?|[^\W_]*\d[^\W_]*)",
    re.UNICODE,
)
_CAMEL_INSIDE = re.compile(r"[a-z][A-Z]")
_CONTRACTIONS = {"can't": ("can", "n't"), "won't": ("will", "n't"), "cannot": ("can", "n't"),
                 "shan't": ("shall", "n't"), "ain't": ("is", "n't")}


@dataclass
class Tok:
    """One token of the question; ``i`` is its position, ``start``/``end`` its characters."""

    i: int
    text: str
    low: str
    stem: str
    kind: str  # "word" | "num" | "sym" | "date" | "decade" | "quote"
    start: int
    end: int
    value: float | None = None
    pct: bool = False
    money: bool = False
    ordinal: bool = False
    scale: float = 1.0  # "20 million": the number's value already carries this factor
    cap: bool = False  # written with a capital letter (not at the start): a proper noun?
    hyphen_after: bool = False  # "non-smokers": the next token is joined by a hyphen
    joint: str = ""  # the character right after the token ("4:26": ":"), "" at the end


def parse_number(text: str) -> tuple[float, bool]:
    """``"$1,200"`` -> (1200.0, False); ``"30%"`` -> (30.0, True); ``"5k"`` -> 5000."""
    t = text.strip().lower()
    for sym in "$€£":
        t = t.replace(sym, "")
    t = t.strip()
    pct = "%" in t
    t = t.replace("%", "").strip()
    scale = 1.0
    m = re.match(r"^(-?[\d,]*\.?\d+)\s*([a-z]+)?$", t)
    if m and m.group(2):
        scale = float(SCALE_WORDS.get(m.group(2), 1))
        t = m.group(1)
    return float(t.replace(",", "")) * scale, pct


def _add(toks: list[Tok], text: str, low: str, kind: str, start: int, end: int,
         **kw) -> Tok:
    tok = Tok(len(toks), text, low, kw.pop("stem", None) or (stem(low) if kind == "word"
                                                             else low),
              kind, start, end, **kw)
    toks.append(tok)
    return tok


_VS = re.compile(r"\b(?:v/s|v\.s\.|vs\.|v\.)(?=\s)", re.IGNORECASE)


def tokenize(question: str) -> list[Tok]:
    """The question as typed tokens (see the module docstring)."""
    question = _VS.sub(lambda m: "vs" + " " * (len(m.group(0)) - 2), question)
    toks: list[Tok] = []
    for m in _TOKEN.finditer(question):
        kind = m.lastgroup or "word"
        text = m.group(0)
        start, end = m.start(), m.end()
        if kind == "quote":
            inner = text[1:-1].strip()
            _add(toks, inner, inner.lower(), "quote", start, end, stem=inner.lower())
        elif kind == "ord":
            digits = re.match(r"\d+", text).group(0)
            _add(toks, text, text.lower(), "num", start, end, stem=digits,
                 value=float(digits), ordinal=True)
        elif kind == "decade":
            digits = text[:4]
            _add(toks, text, digits + "s", "decade", start, end, value=float(digits))
        elif kind == "date":
            _add(toks, text, text.lower(), "date", start, end)
        elif kind == "num":
            try:
                value, pct = parse_number(text)
            except ValueError:
                continue
            low = f"{value:g}" if not value.is_integer() else str(int(value))
            word = re.search(r"([a-z]+)\s*$", text.lower())
            _add(toks, text, low, "num", start, end, value=value, pct=pct,
                 money=any(c in text for c in "$€£"),
                 scale=float(SCALE_WORDS.get(word.group(1), 1)) if word else 1.0)
        elif kind == "sym":
            sym = {"≥": ">=", "≤": "<=", "==": "="}.get(text, text)
            _add(toks, text, sym, "sym", start, end)
        else:
            _words(toks, text, start, end)
        if end < len(question) and question[end] == "-" and toks:
            toks[-1].hyphen_after = True
        if end < len(question) and toks:
            toks[-1].joint = question[end]  # "4:26": the ":" joining two numbers
    for t in toks:
        if t.kind == "word" and t.low in NUMBER_WORDS:
            t.value = float(NUMBER_WORDS[t.low])
    return _scaled_words(toks)


#: scale words written out after a number word ("five million"); single letters such as
#: "m" or "k" scale only digits ("5m"), never a word
_SCALE_AFTER_WORD = {w for w in SCALE_WORDS if len(w) > 3}


def _scaled_words(toks: list[Tok]) -> list[Tok]:
    """"five million", "one thousand", "half a million": a number word (or "half a")
    and a scale word become one number, as "5 million" already is."""
    out: list[Tok] = []
    for t in toks:
        if t.kind == "word" and t.low in _SCALE_AFTER_WORD and out:
            prev = out[-1]
            factor = float(SCALE_WORDS[t.low])
            base = None
            start = prev.start
            if prev.kind == "word" and prev.value is not None and not prev.ordinal:
                base = prev.value
            elif prev.low == "a" and len(out) >= 2 and out[-2].low == "half":
                base, start = 0.5, out[-2].start
                out.pop()
            if base is not None:
                out.pop()
                value = base * factor
                out.append(Tok(len(out), f"{prev.text} {t.text}" if base != 0.5 else
                               f"half a {t.text}", str(int(value)), str(int(value)), "num",
                               start, t.end, value=value, scale=factor))
                continue
        t.i = len(out)
        out.append(t)
    return out


def _words(toks: list[Tok], text: str, start: int, end: int) -> None:
    low = text.lower().replace("’", "'")
    if low in _CONTRACTIONS:
        a, b = _CONTRACTIONS[low]
        _add(toks, a, a, "word", start, end)
        _add(toks, b, b, "word", start, end)
        return
    if low.endswith("n't"):
        _add(toks, text[:-3], low[:-3], "word", start, end - 3)
        _add(toks, "n't", "n't", "word", end - 3, end)
        return
    possessive = low.endswith(("'s", "s'"))
    if possessive:
        low = low[:-2] if low.endswith("'s") else low[:-1]
        text = text[:len(low)]
    parts = name_tokens(text) if _CAMEL_INSIDE.search(text) else [text]
    for part in parts:
        plow = part.lower().replace("'", "")
        if not plow:
            continue
        _add(toks, part, plow, "word", start, end, cap=part[:1].isupper() and start > 0)


def sentence_start_caps(toks: list[Tok], question: str) -> None:
    """A capital after a full stop or question mark starts a sentence, not a name."""
    for t in toks:
        before = question[:t.start].rstrip()
        if t.cap and (not before or before[-1] in ".?!:;"):
            t.cap = False


__all__ = ["Tok", "parse_number", "sentence_start_caps", "tokenize"]
