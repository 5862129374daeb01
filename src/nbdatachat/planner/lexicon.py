"""The general-language lexicon of questions about tables, loaded from ``lexicon.json``.

The vocabulary is data, not code: aggregation words, comparatives and superlatives, negation,
grouping, time and chart words, units, instruction and politeness words, abbreviations and
common synonyms. Nothing in it names a particular dataset. This module loads it once and adds
the two small pieces of morphology the reader needs: splitting column names into words
(``gdpPercap`` -> ``gdp percap``) and a light stemmer (``countries`` -> ``country``).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+(?:\.\d+)?|[^\W\d_]+")


def name_tokens(name: str) -> list[str]:
    """``"Kilometers_per_Liter"`` -> ``["kilometers", "per", "liter"]``; ``"gdpPercap"`` ->
    ``["gdp", "percap"]``; ``"GDPGrowth2"`` -> ``["gdp", "growth", "2"]``."""
    return [t.lower() for t in _CAMEL.findall(str(name))]


def header_words(name: str) -> set[str]:
    """A column name's words as written and stemmed ("Years won" -> years, year, won): what
    a set of header words ("date", "venue", "candidate") is matched against."""
    toks = name_tokens(name)
    return set(toks) | {stem(t) for t in toks}


_IRREGULAR = {"people": "person", "children": "child", "men": "man", "women": "woman",
              "data": "data", "series": "series", "species": "species", "news": "news",
              "status": "status", "analysis": "analysis", "sales": "sale", "gas": "gas",
              "bus": "bus", "this": "this", "is": "is", "was": "was", "has": "has",
              "does": "does", "its": "its", "us": "us", "less": "less", "plus": "plus",
              "canvas": "canvas", "atlas": "atlas", "bonus": "bonus", "census": "census",
              "campus": "campus", "virus": "virus", "focus": "focus", "yes": "yes"}


def stem(word: str) -> str:
    """A light plural stemmer: good enough to match ``countries`` with ``country``."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ating") and len(w) > 6:
        return w[:-3] + "e"  # rating -> rate
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes", "xes", "zes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@lru_cache(maxsize=1)
def load() -> dict[str, Any]:
    """The lexicon as shipped (``lexicon.json`` beside this module)."""
    with open(Path(__file__).with_name("lexicon.json"), encoding="utf-8") as fh:
        return json.load(fh)


_L = load()

AGGREGATIONS: dict[str, str] = _L["aggregations"]
ABBREVIATIONS: dict[str, str] = _L["abbreviations"]
SYNONYMS: list[set[str]] = [set(g) for g in _L["synonyms"]]
#: one-way synonyms: a column word -> question words that may name it (not the reverse)
NARROWER_SYNONYMS: dict[str, list[str]] = {k: v for k, v in _L["narrower_synonyms"].items()
                                           if not k.startswith("_")}
ADDITIVE_WORDS: set[str] = set(_L["additive_words"])
GENERIC_WORDS: set[str] = set(_L["generic_words"])
TRUTHY: set[str] = set(_L["truthy"])
FALSY: set[str] = set(_L["falsy"])
PEOPLE_NOUNS: set[str] = set(_L["people_nouns"])
PERSON_ATTRIBUTES: set[str] = set(_L["person_attributes"])
NUMBER_WORDS: dict[str, int] = _L["number_words"]
ORDINALS: dict[str, int] = _L["ordinals"]
VALUE_WORDS: dict[str, list[str]] = _L["value_words"]
TIME_GRAINS: dict[str, str] = _L["time_grains"]
IMPLIED: dict[str, list[str]] = _L["implied_attributes"]
ATTRIBUTE_SYNONYMS: dict[str, list[str]] = _L["attribute_synonyms"]
TOOL_WORDS: dict[str, str] = _L["tool_words"]
#: header words (stemmed) of a column of places in a ranking: "Rank", "Pos.", "Finish"
PLACE_HEADERS: set[str] = {"rank", "ranking", "position", "pos", "place", "placing", "finish",
                           "standing"}
COUNT_COLUMNS: set[str] = set(_L["count_columns"])
UNITS: set[str] = set(_L["units"])
SCALE_WORDS: dict[str, int] = _L["scale_words"]
#: what a summary row is called ("Total", "Grand total", "Overall")
SUMMARY_WORDS: set[str] = set(_L["summary_words"])

MONTHS: dict[str, int] = {m: i + 1 for i, m in enumerate(_L["months"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS: list[str] = _L["weekdays"]
CALENDAR_WORDS: set[str] = set(WEEKDAYS) | {m for m in MONTHS if len(m) > 3}

#: Words that carry no content of their own in a question (never "a word that grounded
#: nothing"): function words, instruction and politeness words, chart vocabulary.
FUNCTION_WORDS: set[str] = set(_L["function_words"])
INSTRUCTION_WORDS: set[str] = {w for w in _L["instruction_words"] if " " not in w}
POLITENESS: set[str] = {w for w in _L["politeness"] if " " not in w}
CHART_WORDS: set[str] = set(_L["chart_words"])
HARMLESS_VERBS: set[str] = set(_L["harmless_verbs"])
#: Verbs saying a value is there at all ("appears", "is listed", "was used"): "the most"
#: after one counts how often each value occurs.
#: ... and verbs of being present among the rows ("which club is represented the most",
#: "the genre featured the least"): a value counted by how often it occurs, too
OCCURRENCE_VERBS: set[str] = set(_L["occurrence_verbs"]) | set(_L["presence_verbs"])
#: A verb and the nouns a column may name its event by ("drafted" -> pick, selection).
VERB_NOUNS: dict[str, list[str]] = _L["verb_nouns"]
#: Past participles that do not end in "-ed" ("born", "built", "held").
IRREGULAR_PARTICIPLES: set[str] = set(_L["irregular_participles"])
#: Results a row records (wins, losses, draws): counted, they are a condition on the rows
#: or a column's total, never the rows themselves.
OUTCOME_NOUNS: set[str] = set(_L["outcome_nouns"])
#: verbs of a result a row records ("won", "lost", "drew", "scored")
RESULT_VERBS: set[str] = set(_L["result_verbs"])
#: Countries, continents and world regions, and the nouns that ask for such a column.
PLACE_NAMES: set[str] = set(_L["place_names"])
PLACE_NOUNS: list[str] = list(_L["place_nouns"])
#: A unit and its kinds when a table counts each kind in a column ("medal": gold, silver,
#: bronze); see ``unit_kinds.py``.
UNIT_KINDS: dict[str, list[str]] = _L["unit_kinds"]


def is_summary_label(value: Any) -> bool:
    """Whether a cell names a summary row: "Total", "Grand total", "TOTAL:"."""
    text = "".join(ch if ch.isalpha() else " " for ch in str(value).lower())
    return " ".join(text.split()) in SUMMARY_WORDS


def is_participle(word: str) -> bool:
    """"founded", "born": a verb form that names when something happened ("Year born",
    "Opened"), so a column named by it can be read as the time of that event."""
    w = word.lower()
    # the gerund names the event too ("Founding", "Opening", "Closing")
    return (w.endswith("ed") or w.endswith("ing")) and len(w) > 5 or \
        w.endswith("ed") and len(w) > 4 or w in IRREGULAR_PARTICIPLES


def synonyms_of(word: str) -> set[str]:
    """The question words that may name a column word: its synonym groups, both ways, and
    the one-way ones ("rating" may name a rate; "rate" names no rating)."""
    out: set[str] = set(NARROWER_SYNONYMS.get(word, ()))
    for group in SYNONYMS:
        if word in group:
            out |= group
    out.discard(word)
    return out


def attribute_words(attribute: str) -> set[str]:
    """Stems of the words that name an attribute in column names (``temperature`` ->
    temperature, temp, degrees ...): how "hottest" finds a temperature-like column."""
    return {stem(w) for w in ATTRIBUTE_SYNONYMS.get(attribute, [attribute])} | {stem(attribute)}


__all__ = ["is_summary_label", "ABBREVIATIONS", "ADDITIVE_WORDS", "AGGREGATIONS", "ATTRIBUTE_SYNONYMS",
           "CALENDAR_WORDS", "CHART_WORDS", "COUNT_COLUMNS", "FALSY", "FUNCTION_WORDS",
           "GENERIC_WORDS", "HARMLESS_VERBS", "IMPLIED", "INSTRUCTION_WORDS", "MONTHS",
           "NUMBER_WORDS", "ORDINALS", "OUTCOME_NOUNS", "RESULT_VERBS", "PEOPLE_NOUNS", "PLACE_NAMES", "PLACE_NOUNS", "PERSON_ATTRIBUTES", "POLITENESS",
           "SCALE_WORDS", "SUMMARY_WORDS", "SYNONYMS", "TIME_GRAINS", "TOOL_WORDS", "TRUTHY", "UNITS", "VERB_NOUNS",
           "VALUE_WORDS", "WEEKDAYS", "attribute_words", "header_words", "load", "name_tokens",
           "stem",
           "synonyms_of"]
