"""Negations the first pass (``grammar.negations_and_filters``) leaves unread.

Two readings, each taken only when what the negation applies to is plain; otherwise the
negation word stays unread and the coverage check refuses the question ("I could not tell
what "not" applies to"), so a reading that ignores a negation is never answered.

* An absent cell: "which towns have *no motto*", "rows that do *not have a* curator
  *listed*", "the only one *without a* venue": a text (or date) column whose blank cells
  (or, with no blank cell, placeholder cells: "-", "n/a", "none") say the thing is absent
  is read as that column being empty. A column with neither, or with both, is refused:
  which cells mean "none" is then unclear. A numeric column is read so only after "not
  have" / "without" and only when it is never 0 but has blank cells ("no goals" is 0, read
  by the first pass, which asks back over such a column).
* A negated filter read by a later rule: "*other than* 1975" (a year), "did *not* get *more
  than* 40 votes", "was *not* built *in* 1990": the filter the words after the negation
  made is inverted (= becomes !=, more than becomes at most). A filter that has no plain
  inverse (a month of a date, a range) keeps the negation unread, so it is refused.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import FilterC, passing_verb
from .lexicon import is_summary_label

if TYPE_CHECKING:
    from .grammar import Parser

#: negations that can say a cell is absent ("no X", "not have X", "without X")
_ABSENT_NEG = {"no", "not", "n't", "never", "without"}
#: verbs between "not" and the absent thing ("does not *have* a")
_HAVE = {"have", "has", "had", "contain", "contains", "contained", "include", "includes",
         "list", "lists", "show", "shows", "give", "gives", "carry", "carries"}
#: words between the negation and the column ("no *known* date", "not have *any*")
_DETERMINERS = {"a", "an", "any", "single", "known", "recorded", "listed"}
#: words after the column saying it is written down ("no motto *listed*")
_LISTED = {"listed", "recorded", "given", "shown", "indicated", "specified", "stated",
           "entered", "mentioned", "noted", "available"}
#: cells that stand for "nothing here" in a text column
_PLACEHOLDER = re.compile(r"^\s*(?:[-\u2013\u2014\u2012\u2015?]+|n/?a|none|nil|tba|tbd|"
                          r"unknown)\s*$", re.I)


def read_absent_columns(p: "Parser") -> None:
    """"no motto", "does not have a curator listed": the column is blank (module doc)."""
    for i, nd in enumerate(p.n):
        if nd.role is not None or "neg" not in nd.tags or nd.low not in _ABSENT_NEG:
            continue
        k = i + 1
        if nd.low in ("not", "n't", "never"):
            if p.low(k) not in _HAVE:
                continue  # "not win", "not in": not about an absent cell
            k += 1
        while p.node(k) is not None and p.n[k].kind == "word" and p.n[k].role is None and \
                p.n[k].low in _DETERMINERS:
            k += 1
        col = p.node(k)
        if col is None or col.kind != "col" or col.role is not None or \
                len(set(col.columns)) != 1:
            continue
        name = col.columns[0]
        prof = p.s.col(name)
        if prof.binary or prof.numeric and (nd.low == "no" or not _blank_not_zero(prof)):
            continue  # "no goals" (0) and yes/no columns: read by the first pass
        used = list(range(i, k + 1))
        if p.low(k + 1) in _LISTED:
            used.append(k + 1)
        if prof.numeric:  # "riders who do not have points": a column never 0, some blank
            p.r.filters.append(FilterC(name, "is null", None, negated=True, at=k,
                                       how="missing"))
            p.use(*used, role="filter")
            continue
        holders = [v for v in prof.values or [] if _PLACEHOLDER.match(str(v))]
        if bool(prof.n_null) == bool(holders):
            p.r.problems.append(
                f'I could not tell which cells of {name!r} mean "{nd.text}": it has '
                + ("blank and placeholder cells" if holders else "no blank cells") + ".")
            p.use(*used, role="neg")
            continue
        if holders:  # "None", "-" written in the cells that hold nothing
            op, value = ("=", holders[0]) if len(holders) == 1 else ("in", holders)
            p.r.filters.append(FilterC(name, op, value, negated=True, at=k, how="value"))
        else:
            p.r.filters.append(FilterC(name, "is null", None, negated=True, at=k,
                                       how="missing"))
        p.use(*used, role="filter")


def _blank_not_zero(prof) -> bool:
    """A numeric column with blank cells and no 0: a blank is where there is none."""
    return bool(prof.n_null) and prof.min is not None and float(prof.min) > 0


#: filters a negation before them turns around
_INVERSE = {"=": "!=", "in": "not in", ">": "<=", ">=": "<", "<": ">=", "<=": ">"}
#: negations that invert the filter after them
_INVERTING = {"not", "n't", "never", "other than", "besides", "except", "excluding",
              "except for", "apart from"}
#: words between the negation and the filter's first word ("not *played* in", "other than
#: *in*")
_BETWEEN = {"in", "on", "at", "during", "for", "the", "be", "been", "being", "was", "were",
            "is", "are", "have", "has", "had", "do", "does", "did", "ever", "get", "got",
            "gets", "make", "made", "reach", "reached", "earn", "earned", "receive",
            "received"}


def invert_negated_filters(p: "Parser") -> None:
    """"other than 1975", "did not get more than 40": the next filter inverted (module doc)."""
    for i, nd in enumerate(p.n):
        if nd.role is not None or "neg" not in nd.tags or nd.low not in _INVERTING:
            continue
        k, passed, verbs = i + 1, 0, False
        while p.node(k) is not None and p.n[k].role in (None, "ignored") and \
                p.n[k].kind == "word" and \
                passed < 3 and (p.n[k].low in _BETWEEN or passing_verb(p.n[k]) or
                                "verb" in p.n[k].tags or not p.n[k].tags):
            verbs = verbs or not (p.n[k].low in _BETWEEN or passing_verb(p.n[k]))
            k, passed = k + 1, passed + 1
        named = p.node(k)  # "not played in *venue* 3": the column named before its value
        if named is not None and named.kind == "col" and named.role is None and \
                p.node(k + 1) is not None and p.n[k + 1].role == "filter" and \
                set(named.columns) & set(p.n[k + 1].columns):
            k += 1
        first = p.node(k)
        if first is None or first.role != "filter":
            continue
        end = k
        while p.node(end + 1) is not None and p.n[end + 1].role == "filter" and end - k < 4:
            end += 1
        hits = [f for f in p.r.filters if k <= f.at <= end]
        if len(hits) != 1 or hits[0].negated or hits[0].op not in _INVERSE or \
                hits[0].how in ("missing", "binary") or \
                hits[0].op == "in" and hits[0].how == "compare":  # "not higher than 5th"
            continue
        if verbs and hits[0].op in ("=", "in"):
            continue  # "did not win in 2005": the outcome is negated, not the year
        f = hits[0]
        f.op, f.negated = _INVERSE[f.op], True
        p.use(*range(i, k + 1), role="neg")


def check_excluded_values(p: "Parser") -> None:
    """"besides Ann Lee": the rows left out are the ones whose cell is that value. When the
    question's words matched a longer cell ("Ann Lee, Bo Park") or other cells hold the
    value as one part ("Ann Lee (2)"), which rows to leave out is unclear: asked back."""
    for f in p.r.filters:
        if not f.negated or f.op not in ("!=", "not in") or f.how != "value" or \
                f.column not in p.s.columns:
            continue
        vals = [str(v) for v in (f.value if isinstance(f.value, list) else [f.value])]
        nd = p.node(f.at)
        said = {w.lower() for w in _WORD.findall(nd.text)} if nd is not None else set()
        extra = {w.lower() for w in _WORD.findall(vals[0])} - said - \
            {w.lower() for w in _WORD.findall(f.column)}  # "Kent" for "Kent County"
        if nd is not None and nd.kind == "val" and len(vals) == 1 and \
                len(_WORD.findall(nd.text)) < len(_WORD.findall(vals[0])) and extra:
            p.r.problems.append(f'"{nd.text}" only matches part of {vals[0]!r}; name the '
                                f"{f.column!r} to leave out in full.")
            continue
        if _ONE_EXAMPLE.search(p.r.question):
            continue  # "name another one besides X": any other row is an example
        low = [v.lower() for v in vals]
        holders = [str(v) for v in p.s.col(f.column).values or []
                   if str(v).lower() not in low and any(x in str(v).lower() for x in low)]
        if holders:
            p.r.problems.append(f"Other cells of {f.column!r} hold {vals[0]!r} as one part "
                                f"of their value ({', '.join(map(repr, holders[:3]))}); "
                                f"say whether to leave those rows out too.")


_WORD = re.compile(r"\w+")
_ONE_EXAMPLE = re.compile(r"\b(?:name|give|tell me)\s+(?:one|a|an|another)\b|\bone other\b|"
                          r"\banother\b", re.I)
#: words that front an excluded value ("*other than* 2001, which year ...")
_FRONTED = {"other than", "besides", "except", "except for", "apart from", "excluding"}


def fronted_exclusion(nodes: list) -> int:
    """The index after a fronted exclusion ("besides Lyon, which city ..."), else 0, so the
    question's own first word ("which") is read as its first word."""
    if not nodes or nodes[0].low not in _FRONTED or nodes[0].role != "neg":
        return 0
    k = 1
    while k < len(nodes) and nodes[k].role in ("filter", "neg"):
        k += 1
    return k if k > 1 else 0


def read_negated_filters(p: "Parser") -> None:
    """The last pass: filters inverted, then excluded values checked (module doc)."""
    invert_negated_filters(p)
    check_excluded_values(p)
    for f in p.r.filters:  # "no points" over a column never 0, with blank cells: the blanks
        if f.op == "=" and f.value == 0 and f.how in ("value", "compare") and \
                f.column in p.s.columns and _blank_not_zero(p.s.col(f.column)) and \
                any(nd.low == "no" and nd.role == "filter"
                    for nd in p.n[max(0, f.at - 3):f.at]):
            f.op, f.value, f.how = "is null", None, "missing"
    for f in p.r.filters:  # "what other district besides X": not the "Total" row's label
        if f.op in ("!=", "not in") and f.column in asked_despite_exclusion(p.r):
            vals = f.value if isinstance(f.value, list) else [f.value]
            extra = [v for v in p.s.col(f.column).values or [] if is_summary_label(v)]
            if extra:
                f.op, f.value = "not in", [*vals, *extra]


def asked_despite_exclusion(r) -> set[str]:
    """Columns asked for although a value of theirs is left out: the which-column ("which
    year other than 2001 ...") and a column named apart from the value ("what other city
    besides Lyon", "name a club that is not Harbor FC"). Not in a count ("how many
    players other than guards": the rows counted)."""
    neg = {f.column for f in r.filters if f.op in ("!=", "not in")}
    if r.count or not neg or any(m.aggs for m in r.measures):
        return set()
    out = {r.which_col} & neg
    for i, nd in enumerate(r.nodes):
        if nd.kind == "col" and nd.role in (None, "column", "which") and (
                i > 0 and r.nodes[i - 1].low in _OTHER or
                not _subject_of_negation(r.nodes, i)):
            out |= set(nd.columns) & neg
    return out


_OTHER = {"other", "another", "else"}


def _subject_of_negation(nodes: list, i: int) -> bool:
    """"the venue (was) not X", "regions other than X": what the negated value is said of."""
    j = i + 1
    while j < len(nodes) and nodes[j].low in ("is", "was", "are", "were", "be"):
        j += 1
    return j < len(nodes) and nodes[j].role == "neg"


def named_negations(r) -> set[str]:
    """Columns named right before their negated value ("not *directed by* X", "besides
    *club* X"): the rows' evidence, shown beside the answer, not a second thing asked."""
    return {c for nd in r.nodes if nd.kind == "col" and nd.role == "neg" for c in nd.columns}


__all__ = ["asked_despite_exclusion", "check_excluded_values", "fronted_exclusion", "invert_negated_filters",
           "named_negations", "read_absent_columns", "read_negated_filters"]
