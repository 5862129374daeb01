"""Tagging: grounded items become :class:`Node`s; words and lexicon phrases get their tags.

A phrase of the lexicon ("broken down by", "more than", "on the x axis", "standard
deviation") is matched longest first and becomes one node carrying every tag its words have
in the lexicon (``{"cmp": ">"}``, ``{"group": True}``, ``{"chart_role": "x"}`` ...).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .constituents import Node
from .grounding import Item
from .lexicon import MONTHS, NUMBER_WORDS, ORDINALS, TIME_GRAINS, WEEKDAYS, load

#: lexicon table -> tag name (tables of phrases; dict values become the tag's value)
_TABLES = {
    "aggregations": "agg", "count_phrases": "count", "distinct_words": "distinct",
    "comparatives": "cmp", "range_words": "range", "negations": "neg", "group_words": "group",
    "time_grains": "grain", "over_time": "over_time", "relative_periods": "rel",
    "order_words": "order", "limit_words": "limit", "chart_kinds": "chart",
    "chart_roles": "chart_role", "chart_words": "chart_word",
    "distribution_words": "dist", "share_words": "share", "change_words": "change",
    "missing_words": "missing", "tool_words": "tool", "forecast_methods": "method",
    "list_words": "list", "row_words": "row", "instruction_words": "instr",
    "politeness": "polite", "function_words": "func", "harmless_verbs": "verb",
    "followup_openers": "followup", "followup_markers": "marker", "pronouns": "pronoun",
    "units": "unit", "scope_all": "all", "link_words": "link", "implied_attributes": "implied",
    "people_nouns": "people", "ordinals": "ordinal",
    "attribute_nouns": "attr_noun", "advice_words": "advice",
    "analysis_requests": "analysis", "position_words": "position",
    "degree_words": "degree",
}


@lru_cache(maxsize=1)
def phrase_table() -> tuple[dict[tuple[str, ...], dict[str, Any]], int]:
    """``{("more", "than"): {"cmp": ">"}, ...}`` and the longest phrase length."""
    lex = load()
    table: dict[tuple[str, ...], dict[str, Any]] = {}
    for name, tag in _TABLES.items():
        entries = lex[name]
        if name == "superlatives":
            continue
        pairs = entries.items() if isinstance(entries, dict) else ((e, True) for e in entries)
        for phrase, value in pairs:
            key = tuple(phrase.replace("-", " ").split())
            if key:
                table.setdefault(key, {})[tag] = value
    for direction, words in lex["superlatives"].items():
        for w in words:
            table.setdefault((w,), {})["sup"] = direction
    for w, n in NUMBER_WORDS.items():
        table.setdefault((w,), {})["number"] = n
    for m in MONTHS:
        if m != "may" and m not in ("mar", "jun", "jan", "sep", "oct", "dec", "nov", "aug",
                                    "apr", "feb", "jul", "sept"):
            table.setdefault((m,), {})["month"] = MONTHS[m]
    for d in WEEKDAYS:
        table.setdefault((d,), {})["weekday"] = d
    longest = max(len(k) for k in table)
    return table, longest


def _words_of(items: list[Item], i: int, n: int) -> tuple[str, ...] | None:
    """The words of ``items[i:i+n]``; a one-word mention of a column or value may be part
    of a longer lexicon phrase ("over the *years*" where ``year`` is a column)."""
    out = []
    for k, it in enumerate(items[i:i + n]):
        if it.kind in ("col", "val"):
            if n < 2 or k == 0 or it.b - it.a != 1:
                return None
        elif it.kind not in ("word", "sym"):
            return None
        out.append(it.low)
    return tuple(out) if len(out) == n else None


def to_nodes(items: list[Item]) -> list[Node]:
    """Group word items into lexicon phrases (longest first) and tag everything."""
    table, longest = phrase_table()
    nodes: list[Node] = []
    i = 0
    while i < len(items):
        it = items[i]
        if it.kind in ("word", "sym"):
            for n in range(min(longest, len(items) - i), 0, -1):
                key = _words_of(items, i, n)
                if key is None:
                    continue
                tags = table.get(key)
                if tags is None and n == 1 and key[0].endswith("s") and len(key[0]) > 3:
                    tags = table.get((key[0][:-1],))  # plurals of single words
                    tags = {k: v for k, v in (tags or {}).items()
                            if k in ("chart", "chart_word", "row", "dist", "share", "tool")} \
                        or None
                if tags is not None:
                    nodes.append(Node("word", " ".join(x.text for x in items[i:i + n]),
                                      items[i:i + n], dict(tags)))
                    i += n
                    break
            else:
                tags = {}
                if it.value is not None and it.low in NUMBER_WORDS:
                    tags["number"] = it.value
                nodes.append(Node(it.kind, it.text, [it], tags))
                i += 1
            continue
        nodes.append(Node(it.kind, it.text, [it]))
        i += 1
    for nd in nodes:
        if nd.kind == "word" and nd.low in ORDINALS:
            nd.tags.setdefault("ordinal", ORDINALS[nd.low])
        if nd.kind == "word" and nd.low in TIME_GRAINS:
            nd.tags.setdefault("grain", TIME_GRAINS[nd.low])
    _short_months(nodes)
    return nodes


def _short_months(nodes: list[Node]) -> None:
    """"feb 1", "Sept. 3", "aug 15th", "15 aug", "the 3rd of oct", "dec 2005": a month's short
    name is a month when a day or a year stands beside it (alone, "mar" or "jan" may be other
    words, so it is left to the other readers)."""
    def day_or_year(k: int, year: bool) -> bool:
        nd = nodes[k] if 0 <= k < len(nodes) else None
        if nd is None or nd.kind != "num" or nd.value is None or \
                not float(nd.value).is_integer() or nd.item.tok is None or \
                nd.item.tok.pct or nd.item.tok.money:
            return False
        return 1 <= nd.value <= 31 or year and 1000 <= nd.value <= 2200 and \
            not nd.item.tok.ordinal
    for k, nd in enumerate(nodes):
        if nd.kind == "word" and not nd.tags and nd.low in MONTHS and len(nd.low) <= 4 and \
                nd.low != "may" and (day_or_year(k + 1, True) or day_or_year(k - 1, False) or
                                     k >= 2 and nodes[k - 1].low == "of" and
                                     day_or_year(k - 2, False)):
            nd.tags["month"] = MONTHS[nd.low]


__all__ = ["phrase_table", "to_nodes"]
