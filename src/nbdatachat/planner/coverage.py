"""Coverage: every word of the question is accounted for, or the reader does not answer.

After the grammar ran, each node that no constituent consumed is one of: a function word; a
word the reader may read past and says so (instruction and chart vocabulary, politeness, the
table's own entity noun such as "vans" in "how many vans are from Chile"); or a content word
that grounded nothing. The last kind makes the reading incomplete: the reader refuses and
names the word with the closest columns, because answering without it answers another
question.
"""

from __future__ import annotations

from .constituents import Reading
from .lexicon import (HARMLESS_VERBS, OUTCOME_NOUNS, PEOPLE_NOUNS, PLACE_NAMES, load, name_tokens,
                      stem)
from .schema import SchemaModel, holds_years

_READ_PAST = ("instr", "polite", "chart_word", "chart", "all")
_HARMLESS_TAGS = ("func", "verb", "unit", "link", "pronoun", "followup", "marker", "list",
                  "rel", "limit", "sup", "grain", "ordinal", "number", "row",
                  "range", "group", "month", "weekday", "count", "implied", "agg", "dist",
                  "distinct", "order", "share", "change", "missing", "tool", "method",
                  "over_time", "chart_role")
#: Words after which a noun names the rows themselves ("how many *vans*", "which *film*").
_ENTITY_BEFORE = {"how many", "number of", "count of", "count", "which", "list", "all",
                  "each", "every", "per", "top", "bottom", "many", "these", "those", "any",
                  "name", "find", "among", "across", "fewest", "list the", "list all",
                  "how many different", "how many distinct"}
#: ... and after which only a plural noun does ("the *vans* with", "share of *tables*").
_PLURAL_BEFORE = {"the", "of", "for", "are", "by", "show", "most", "least", "what", "other",
                  "different", "only", "do", "did", "s", "were", "was", "is", "in", "from",
                  "between", "to", "best", "worst", "highest", "lowest", "distinct", "unique",
                  "heaviest", "lightest", "largest", "smallest", "many"}
_OWNERSHIP = {"did", "does", "do"}
_COUNT_WORDS = {"how many", "many", "number of", "count of", "the number of"}
#: Words after which a noun groups the rows ("per", "each", "from different").
_GROUP_SLOT = {"per", "each", "every", "across", "among", "different", "various"}
ATTRIBUTE_NOUNS = set(load()["attribute_nouns"])


def check(r: Reading, schema: SchemaModel) -> None:
    """Fill ``r.ignored`` / ``r.entity`` / ``r.unknown`` (see the module docstring)."""
    table_words = {stem(t) for t in name_tokens(schema.table)}
    no_text_dims = not any(p.role in ("dimension", "id") and not p.numeric
                           for p in schema.columns.values())
    entity_stems: set[str] = {stem(w) for w in r.entity}
    rows_named = bool(entity_stems)  # the rows' own noun ("vans", "flats") came already
    for i, nd in enumerate(r.nodes):
        if nd.role is not None:
            continue
        if nd.kind == "num":
            if nd.item.tok is not None and nd.item.tok.ordinal:
                r.unknown.append(nd.text)
            else:
                r.numbers.append(float(nd.value))
            continue
        if nd.kind == "quote":
            r.unknown.append(nd.text)
            continue
        if nd.kind in ("date", "decade"):
            r.unknown.append(nd.text)
            continue
        if nd.kind == "sym":
            if nd.low in ("?", "%"):
                continue
            r.unknown.append(nd.text)
            continue
        if nd.kind != "word":
            continue
        t = nd.tags
        if "number" in t and nd.value is not None and nd.low not in ("one", "a", "an"):
            r.numbers.append(float(nd.value))  # "a total of three": a number read by nothing
            continue
        prev = r.nodes[i - 1].low if i > 0 else ""
        if "verb" in t and nd.low in OUTCOME_NOUNS and prev in _COUNT_WORDS:
            r.unknown.append(nd.text)  # "the number of wins" no rule read: a result counted
            continue
        if "neg" in t:
            r.problems.append(f'I could not tell what "{nd.text}" applies to.')
            continue
        if "cmp" in t and nd.low not in ("over", "from", "after", "before", "since", "under",
                                          "through", "plus", "equal", "above", "below"):
            r.problems.append(f'I could not tell what "{nd.text}" compares.')
            continue
        if "position" in t and "followup" not in t:
            r.problems.append(f'"{nd.text}" asks about the order of the rows (before, after, '
                              f"next, first, last), which I cannot read yet.")
            continue
        if "analysis" in t:
            r.problems.append(f'I cannot do that yet: "{nd.text}" asks for {t["analysis"]}, '
                              f"which the question reader does not support yet.")
            continue
        if "advice" in t:
            r.unknown.append(nd.text)
            continue
        if "chart_role" in t and t["chart_role"] not in ("x", "y", "bin", "bins") and \
                not any(k in t for k in ("func", "instr", "chart_word")):
            r.unknown.append(nd.text)  # "what color are the flowers": not a directive
            continue
        if prev in ("most", "least", "more", "less") and any(
                n.kind == "col" and n.item.matches[0].how == "verb" for n in r.nodes):
            r.ignored.append(nd.text)  # "generated the most electricity": what is measured
            continue
        if _qualifies_column(r, i, schema):
            r.ignored.append(nd.text)  # "wind speed", "party size", "unemployment rate"
            continue
        if "grain" in t and i > 0 and (r.nodes[i - 1].has("implied", "sup") or
                                       prev in ("which", "what")) and \
                r.superlative_column is not None:
            r.entity.append(nd.text)  # "the hottest day": the row of that day
            continue
        if any(k in t for k in _READ_PAST):
            if "func" not in t:
                r.ignored.append(nd.text)
            continue
        if any(k in t for k in _HARMLESS_TAGS) or "cmp" in t or "neg" in t:
            continue
        w = nd.low
        s = stem(w)
        if w in HARMLESS_VERBS or len(w) <= 1 and not _letter_label(r, i):
            continue
        if w in ("saw", "sees", "see") and i > 0 and _time_noun(r.nodes[i - 1], schema):
            continue  # "which season saw the most storms": the season had them
        if s in table_words or s in entity_stems:
            r.ignored.append(nd.text)
            rows_named = True
            continue
        if rows_named and w.isalpha() and (prev in _GROUP_SLOT or (
                i > 0 and r.nodes[i - 1].has("group"))):
            # "vans per *country*" with no country column: a grouping that grounds to
            # nothing, not a second name for the rows
            r.unknown.append(nd.text)
            continue
        nxt = r.nodes[i + 1].low if i + 1 < len(r.nodes) else ""
        if prev == "the" and i + 2 < len(r.nodes) and r.nodes[i + 1].kind == "col" and \
                r.nodes[i + 2].role == "filter" and "cmp" in r.nodes[i + 2].tags:
            r.ignored.append(nd.text)  # "did the stock close above 30": the subject
            continue
        if no_text_dims and i <= 2 and i + 1 < len(r.nodes) and r.nodes[i + 1].kind == "col" \
                and not r.entity:
            r.ignored.append(nd.text)  # "nile volume over time": the table's subject
            continue
        if w.endswith(("ed", "en")) and len(w) > 4 and i > 0 and r.nodes[i - 1].kind == "col":
            r.ignored.append(nd.text)  # "miles driven": a participle of the column
            continue
        plural = w.endswith("s") and not w.endswith("ss") and s != w or w in PEOPLE_NOUNS
        if plural and i > 0 and r.nodes[i - 1].kind == "col" and w.isalpha() and \
                _numeric(schema, r.nodes[i - 1]):
            r.ignored.append(nd.text)  # "gold medals", "armed forces": what is counted
            continue
        if w in PLACE_NAMES and s not in table_words:
            r.unknown.append(nd.text)  # "did the norway team win": a name the data lacks,
            continue  # never the rows' own noun
        entity_slot = prev in _ENTITY_BEFORE or (i > 0 and r.nodes[i - 1].has(
            "count", "list", "limit")) or (i > 0 and "implied" in r.nodes[i - 1].tags) \
            or (i > 0 and r.nodes[i - 1].kind == "num") or \
            (i > 0 and r.nodes[i - 1].role == "limit") or (plural and prev in _PLURAL_BEFORE) \
            or (plural and i > 0 and r.nodes[i - 1].role == "filter")
        strong = prev in _ENTITY_BEFORE or (i > 0 and r.nodes[i - 1].has("count", "list"))
        if entity_slot and (strong or not entity_stems) and w.isalpha() and \
                not w.endswith("ly"):
            after = r.nodes[i + 2] if i + 2 < len(r.nodes) else None
            if nxt in _OWNERSHIP and s not in table_words and after is not None and \
                    after.low not in ("n't", "not", "never"):
                # "how many points did Dover score": a thing the rows have, not the rows
                r.unknown.append(nd.text)
                continue
            entity_stems.add(s)
            rows_named = True
            r.entity.append(nd.text)
            r.ignored.append(nd.text)
            continue
        r.unknown.append(nd.text)


_LABEL_NOUNS = {"category", "class", "group", "type", "grade", "division", "pool", "section",
                "series", "level", "tier", "zone", "band"}


def _letter_label(r: Reading, i: int) -> bool:
    """"in the Q* class", "pool B": a letter naming a class of rows, which no value
    read, is a condition left unread (not a stray letter)."""
    w = r.nodes[i].low
    prev = r.nodes[i - 1].low if i > 0 else ""
    nxt = r.nodes[i + 1].low if i + 1 < len(r.nodes) else ""
    return w.isalpha() and w not in ("a", "i") and (prev in _LABEL_NOUNS or nxt in _LABEL_NOUNS)


def _numeric(schema: SchemaModel, nd) -> bool:
    p = schema.col(nd.columns[0])
    return p.numeric and p.role == "measure" and not p.binary


def _time_noun(nd, schema: SchemaModel) -> bool:
    """A node naming a time: a grain word ("year") or a column of times ("Season"), the
    subject of "saw" in "which year saw the most ..." (the year had them)."""
    return nd.has("grain") or nd.kind == "col" and bool(nd.columns) and \
        all(schema.col(c).role == "time" or holds_years(schema.col(c)) for c in nd.columns)


def _qualifies_column(r: Reading, i: int, schema: SchemaModel) -> bool:
    """An attribute noun right after a column ("wind *speed*"), or a noun right before a
    column whose name is only an attribute noun ("*party* size")."""
    nd = r.nodes[i]
    before = r.nodes[i - 1] if i > 0 else None
    after = r.nodes[i + 1] if i + 1 < len(r.nodes) else None
    if "attr_noun" in nd.tags and before is not None and before.kind == "col":
        return True
    if after is not None and after.kind == "col" and nd.low.isalpha() and not nd.tags:
        words = {stem(t) for t in name_tokens(after.columns[0])}
        return bool(words) and words <= {stem(w) for w in ATTRIBUTE_NOUNS}
    return False


__all__ = ["check"]
