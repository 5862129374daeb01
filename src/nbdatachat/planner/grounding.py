"""Grounding: spans of the question that name columns or values of this table.

Every index comes from the :class:`SchemaModel` of the data (column names and their parts,
abbreviations, camelCase and underscore parts, truncations such as ``lifeExp``, distinct
values including multi-word ones); the lexicon only says which words are question
vocabulary and so are never guessed as a column by a fuzzy match. Each mention carries its
candidates with scores; the reader decides between them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from .folding import fold, folded_values
from .lexicon import CALENDAR_WORDS, CHART_WORDS, VALUE_WORDS, load
from .no_determiner import determiner_no
from .people_counts import people_spans
from .schema import SCORES, Match, SchemaModel, norm_phrase
from .seasons import season_cells
from .tokens import Tok
from .unit_kinds import unit_spans
from .unit_values import unit_value_spans
from .value_parts import part_spans
from .year_headers import year_header_match

_WORDS = re.compile(r"[^\W_]+", re.UNICODE)


def _vocabulary() -> set[str]:
    """Every word the lexicon knows as question vocabulary."""
    out: set[str] = set()

    def add(x: Any) -> None:
        if isinstance(x, str):
            if " " not in x:
                out.add(x)
        elif isinstance(x, dict):
            for k, v in x.items():
                if not k.startswith("_") and k not in ("abbreviations", "synonyms",
                                                       "narrower_synonyms",
                                                       "additive_words", "value_words",
                                                       "attribute_synonyms", "count_columns",
                                                       "people_nouns", "person_attributes",
                                                       "truthy", "falsy", "units", "months",
                                                       "weekdays", "generic_words",
                                                       "attribute_nouns", "advice_words",
                                                       "harmless_verbs", "place_names",
                                                       "place_nouns", "outcome_nouns",
                                                       "irregular_participles",
                                                       "event_nouns", "contest_columns",
                                                       "work_nouns", "event_name_heads",
                                                       "event_name_words",
                                                       "span_nouns", "presence_verbs",
                                                       "verb_nouns", "subject_nouns",
                                                       "collection_nouns", "team_nouns",
                                                       "person_row_nouns", "person_columns",
                                                       "team_columns",
                                                       "headcount_nouns", "tally_verbs",
                                                       "result_verbs",
                                                       "role_outcomes", "unit_kinds"):
                    if isinstance(v, dict) and k == "superlatives":
                        for words in v.values():
                            add(words)
                    elif isinstance(v, dict):
                        add_keys(v)
                    elif isinstance(v, list):
                        add(v)
        elif isinstance(x, list):
            for y in x:
                add(y)

    def add_keys(d: dict) -> None:
        for k in d:
            if " " not in k:
                out.add(k)

    add(load())
    return {w for w in out if w.isalpha() or "'" in w}


#: Words never guessed as a column by a partial or fuzzy match (they are question words).
VOCAB = _vocabulary()

@dataclass
class Item:
    """A token, or a span of tokens that names columns (``col``) or values (``val``)."""

    kind: str  # "col" | "val" | "word" | "num" | "sym" | "date"
    a: int
    b: int
    text: str
    low: str = ""
    stem: str = ""
    value: Any = None
    matches: list[Match] = field(default_factory=list)
    tok: Tok | None = None
    used: bool = False
    cap: bool = False

    @property
    def column(self) -> str:
        return self.matches[0].column

    @property
    def ambiguous(self) -> bool:
        if len(self.matches) < 2:
            return False
        return abs(self.matches[0].score - self.matches[1].score) < 1e-9

    def columns(self) -> list[str]:
        return [m.column for m in self.matches]


def _value_prefix_index(schema: SchemaModel) -> dict[str, list[str]]:
    idx = getattr(schema, "_prefix_idx", None)
    if idx is None:
        idx = {}
        for key in schema.values:
            if " " not in key and key.isalpha() and len(key) >= 3:
                idx.setdefault(key[:3], []).append(key)
        schema._prefix_idx = idx  # type: ignore[attr-defined]
    return idx


def _fuzzy_keys(schema: SchemaModel) -> list[str]:
    keys = getattr(schema, "_fuzzy_keys", None)
    if keys is None:
        keys = [k for k in (*schema.phrases, *schema.values) if " " not in k and len(k) >= 4]
        keys = keys[:20000]
        schema._fuzzy_keys = keys  # type: ignore[attr-defined]
    return keys


def _same_name(value: str, raw: str) -> bool:
    v = " ".join(_WORDS.findall(fold(value).lower()))
    raw = fold(raw)
    return raw == v or (len(v) >= 4 and raw in (v + "s", v + "es"))


def _prefix_concat(compact: str, words: list[str]) -> bool:
    """True if ``compact`` is made of a prefix of each word, in order ("totemp" from
    "total employment", "tbilrate" from "t bill rate")."""
    if not words:
        return not compact
    w = words[0]
    if not compact:
        return False
    for k in range(min(len(w), len(compact)), 0, -1):
        if k < 2 and len(w) > 1:
            break
        if compact[:k] == w[:k] and _prefix_concat(compact[k:], words[1:]):
            return True
    return False


def _verb_base(word: str, schema: SchemaModel) -> str | None:
    """"closing" -> "close", "rated" -> "rate": a verb form of a one-word column name;
    "generated" -> "generation", "produced" -> "production": the verb of a noun that names
    a column (or a good part of its name); "founded" -> "founding", "opened" -> "opening":
    the participle of a gerund that names one ("Founding date", "Opening day")."""
    roots = [word] + ([word[:-2], word[:-1]] if word.endswith("ed") else [])
    for root in roots:  # agent nouns: smoke -> smoker, serve -> server, direct -> director
        for cand in (root + "r", root + "er", root + "or"):
            if len(root) >= 4 and (cand in schema.phrases or cand in schema.partial):
                return cand
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            root = word[: -len(suffix)]
            stem_ = root[:-1] if root.endswith("e") else root
            cands = [] if suffix in ("es", "s") else \
                [root, root + "e", root[:-1] if root[-1:] == root[-2:-1] else None]
            cands += [stem_ + "ion", stem_ + "tion", stem_ + "ation", stem_ + "ment"]
            if suffix == "ed":  # "founded" -> "Founding Date", "opened" -> "Opening"
                cands += [stem_ + "ing"]
            for cand in cands:
                if cand and len(cand) >= 3 and (cand in schema.phrases or
                                                cand in schema.partial):
                    return cand
    return None


def _truncation_match(seg: list[Tok], schema: SchemaModel) -> list[Match]:
    words = [t.low for t in seg]
    if any(w in ("the", "of", "a", "and", "or", "by", "in", "for") for w in words):
        return []
    if len(seg) == 1 and (words[0] in VOCAB or len(words[0]) < 4):
        return []
    out: list[Match] = []
    for comp, col in schema.compacts.get(words[0][0], []):
        if len(seg) == 1:
            w = words[0]
            ok = (len(comp) >= 4 and w.startswith(comp) and len(w) >= len(comp) + 2) or \
                (len(w) >= 4 and comp.startswith(w) and len(comp) >= len(w) + 2)
        else:
            ok = len(comp) >= 4 and _prefix_concat(comp, words) and \
                len(comp) < sum(len(w) for w in words)
        if ok and all(m.column != col for m in out):
            out.append(Match("column", col, 0.75, "truncation"))
    return out


#: single words that are chart kinds ("area", "box", "line") and nothing else to the lexicon
_CHART_KINDS = {k for k in load()["chart_kinds"] if " " not in k}


def _chart_kind_as_name(t: Tok, toks: list[Tok], schema: SchemaModel) -> bool:
    """"the most area" over an "Area (km²)" column: a chart kind's word is that column's
    name when it names one column only and nothing in the question asks for a chart."""
    k = toks.index(t)
    before = toks[k - 1].low if k else ""
    return t.low in _CHART_KINDS and len(schema.partial[t.stem]) == 1 and \
        before not in ("which", "what", "this", "that", "whose") and \
        not any(x.low in CHART_WORDS for x in toks)  # not "in this area", "which area"


#: a country's initials after "the" -> the word whose value words name it
_INITIALS = {"us": "american", "uk": "british"}


def _country_initials(toks: list[Tok], i: int, schema: SchemaModel) -> list[Match]:
    """"the US", "the UK": a country named by its initials (never "us" alone, a pronoun),
    grounded as its adjective's value words are, when they name values of one column."""
    t = toks[i]
    if t.kind != "word" or t.low not in _INITIALS or i == 0 or toks[i - 1].low != "the":
        return []
    return _value_word_hits(_INITIALS[t.low], schema)


def _value_word_hits(word: str, schema: SchemaModel) -> list[Match]:
    """The values the lexicon's value words of ``word`` name ("american" -> United States,
    USA), when they are all in one column; else none."""
    hits = [m for key in VALUE_WORDS[word]  # "united states" is kept stemmed
            for m in schema.values.get(key) or schema.values.get(norm_phrase(key), [])]
    if not hits or len({m.column for m in hits}) != 1:
        return []
    return [Match("value", m.column, 0.85, "lexicon", m.value) for m in hits]


def find_mentions(toks: list[Tok], schema: SchemaModel) -> list[Item]:
    """Spans naming columns or values, longest and best first, then single tokens."""
    n = len(toks)
    spans: list[tuple[int, int, str, list[Match]]] = []
    maxw = min(max(schema.max_words, 3), 6)
    for i in range(n):
        if toks[i].kind not in ("word", "num"):
            continue
        for L in range(min(maxw, n - i), 0, -1):
            seg = toks[i:i + L]
            if any(t.kind not in ("word", "num") for t in seg):
                continue
            if L == 1 and seg[0].kind == "num":
                header = year_header_match(seg[0], schema)  # "in 2001" over a "2001" column
                if header:
                    spans.append((i, i + 1, "col", header))
                elif seg[0].ordinal and schema.values.get(seg[0].low):
                    # "1st" where cells are written "1st": that value, not the number 1
                    spans.append((i, i + 1, "val", list(schema.values[seg[0].low])))
                continue
            phrase = " ".join(t.stem for t in seg)
            cols = schema.phrases.get(phrase)
            vals = schema.values.get(phrase) or (
                folded_values(schema, [t.low for t in seg]) if seg[0].kind == "word" else None)
            if L == 1 and seg[0].low in ("a", "i", "an", "the", "of", "is", "in", "by"):
                continue
            if vals and L == 1 and seg[0].low in VOCAB and \
                    seg[0].text != seg[0].text.upper():
                vals = None  # "per" is a word here, not Peru's code "PER"
            if vals and any(t.cap for t in seg):
                # A proper noun must be the value as written ("Mars" is not "MAR").
                raw = " ".join(t.low for t in seg)
                vals = [m for m in vals if _same_name(str(m.value), raw)] or None
            if cols:
                spans.append((i, i + L, "col", sorted(cols, key=lambda m: -m.score)))
            if vals:
                spans.append((i, i + L, "val", list(vals)))
            if cols or vals:
                continue
            if L > 1:
                compact = "".join(t.stem for t in seg)
                found = schema.phrases.get(compact) or schema.bags.get(
                    " ".join(sorted(phrase.split())))
                if found:
                    spans.append((i, i + L, "col", sorted(found, key=lambda m: -m.score)))
                    continue
                sub = schema.subphrases.get(phrase) or schema.subphrases.get(
                    " ".join(sorted(phrase.split())))
                if sub:
                    spans.append((i, i + L, "col", [Match("column", c, 0.85, "partial")
                                                     for c in sorted(sub)]))
                    continue
            if all(t.kind == "word" for t in seg) and L <= 3:
                hit = _truncation_match(seg, schema)
                if hit:
                    spans.append((i, i + L, "col", hit))
    # Choose non-overlapping spans: longer first, columns before values at equal length/score.
    spans.sort(key=lambda s: (-(s[1] - s[0]), -s[3][0].score, s[2] != "col"))
    taken = [False] * n
    chosen = unit_value_spans(toks, schema, taken)  # "the 5km race" over "5 km" cells
    for a, b, kind, matches in spans:
        if any(taken[a:b]) or b - a == 1 and kind == "col" and determiner_no(toks, a):
            continue  # "had no points": the determiner, not a "No." column
        # A lone generic question word ("time", "day") only counts when it is an exact name.
        if b - a == 1 and kind == "col" and toks[a].low in VOCAB and \
                matches[0].how not in ("exact", "stem"):
            continue
        for k in range(a, b):
            taken[k] = True
        chosen.append((a, b, kind, matches))
    chosen += unit_spans(toks, taken, chosen, schema, VOCAB)  # "medals": a Total column
    chosen += people_spans(toks, taken, schema)  # "the most people": a Population column
    # Single-token fallbacks: name parts ("bill" -> total_bill), value prefixes
    # ("thursday" -> "Thur"), then typo-tolerant matches.
    prefix_idx = _value_prefix_index(schema)
    for i, t in enumerate(toks):
        if not taken[i] and (found := _country_initials(toks, i, schema)):
            chosen.append((i, i + 1, "val", found))  # "the US": the United States
            taken[i] = True
            continue
        if taken[i] or t.kind != "word" or len(t.low) < 3:
            continue
        if t.stem in schema.partial and (t.low not in VOCAB or _chart_kind_as_name(
                t, toks, schema)):
            cols = sorted(schema.partial[t.stem])
            chosen.append((i, i + 1, "col", [Match("column", c, SCORES["partial"], "partial")
                                              for c in cols]))
            taken[i] = True
            continue
        if t.low in VALUE_WORDS and (found := _value_word_hits(t.low, schema)):
            chosen.append((i, i + 1, "val", found))
            taken[i] = True
            continue
        if t.low in VOCAB:
            continue
        base = _verb_base(t.low, schema)
        if base is not None:
            cols = [m.column for m in schema.phrases[base]] if base in schema.phrases \
                else sorted(schema.partial[base])
            chosen.append((i, i + 1, "col", [Match("column", c, 0.7, "verb") for c in cols]))
            taken[i] = True
            continue
        # "thursday" -> "Thur", "sunday" -> "Sun": an abbreviated value, when it is most of
        # the word or the word is a calendar name (not "Atlantis" -> "ATL").
        cands = [k for k in prefix_idx.get(t.low[:3], [])
                 if (t.low.startswith(k) and ((len(k) >= 0.5 * len(t.low) and not t.cap and
                                               len(k) >= 4) or t.low in CALENDAR_WORDS or
                                              (not t.cap and t.low in (k + "y", k + k[-1] + "y",
                                                                       k + "ny")))) or
                 (k.startswith(t.low) and len(t.low) >= 3 and len(t.low) >= 0.5 * len(k))]
        if cands:
            best = min(cands, key=lambda k: abs(len(k) - len(t.low)))
            chosen.append((i, i + 1, "val", [Match("value", m.column, 0.8, "prefix", m.value)
                                             for m in schema.values[best]]))
            taken[i] = True
            continue
        if len(t.low) >= 4:
            close = difflib.get_close_matches(t.stem, _fuzzy_keys(schema), n=1, cutoff=0.84)
            if close:
                key = close[0]
                if key in schema.phrases:
                    ms = [Match("column", m.column, SCORES["fuzzy"], "fuzzy")
                          for m in schema.phrases[key]]
                    chosen.append((i, i + 1, "col", ms))
                else:
                    ms = [Match("value", m.column, SCORES["fuzzy"], "fuzzy", m.value)
                          for m in schema.values[key]]
                    chosen.append((i, i + 1, "val", ms))
                taken[i] = True
    # Last: words that are part of one column's cells ("varga" for "Ilona Varga").
    chosen += part_spans(toks, taken, schema, VOCAB)
    by_start = {a: (a, b, kind, ms) for a, b, kind, ms in chosen}
    items: list[Item] = []
    i = 0
    while i < n:
        if i in by_start:
            a, b, kind, ms = by_start[i]
            text = " ".join(t.text for t in toks[a:b])
            items.append(Item(kind, a, b, text, text.lower(), " ".join(t.stem for t in toks[a:b]),
                              matches=ms, cap=any(t.cap for t in toks[a:b])))
            i = b
            continue
        t = toks[i]
        if t.kind == "quote":
            hits = schema.values.get(norm_phrase(t.text)) or \
                folded_values(schema, _WORDS.findall(t.low)) or season_cells(schema, t.text)
            if hits:
                items.append(Item("val", i, i + 1, t.text, t.low, t.low,
                                  matches=[Match("value", m.column, 1.0, "quoted", m.value)
                                           for m in hits]))
                i += 1
                continue
        items.append(Item(t.kind, i, i + 1, t.text, t.low, t.stem, t.value, tok=t, cap=t.cap))
        i += 1
    # "party size": two neighbouring mentions of the same column are one mention.
    merged: list[Item] = []
    for it in items:
        if merged and it.kind == "col" and merged[-1].kind == "col" and \
                it.columns()[0] == merged[-1].columns()[0]:
            prev = merged[-1]
            best = it.matches if it.matches[0].score > prev.matches[0].score else prev.matches
            merged[-1] = Item("col", prev.a, it.b, f"{prev.text} {it.text}",
                              f"{prev.low} {it.low}", f"{prev.stem} {it.stem}", matches=best,
                              cap=prev.cap or it.cap)
            continue
        merged.append(it)
    return merged


__all__ = ["Item", "VOCAB", "find_mentions"]
