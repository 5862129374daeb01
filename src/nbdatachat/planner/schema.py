"""The schema model: what the planner knows about a table, built once per dataset.

From column profiles (type, distinct count, range, the values of text columns) it builds
indexes that let a question's words find columns and values: name tokens in any casing
(``Kilometers_per_Liter``, ``gdpPercap``), light stems (``countries`` ~ ``country``), initials
and abbreviations (``mpg``, ``hp``), common synonyms (``revenue`` ~ ``sales``) and the
categorical values (``Japan``, ``dinner``, ``AAPL``) with the column they belong to.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..data.schema import MAX_VALUES_PER_COLUMN, ColumnProfile
from ..data.text_values import BLANK_MARKERS
from .lexicon import (ABBREVIATIONS, ADDITIVE_WORDS, FALSY, GENERIC_WORDS, PLACE_NAMES,
                      PLACE_NOUNS, TRUTHY, UNIT_KINDS, is_participle, name_tokens, stem,
                      synonyms_of)

Role = str  # "measure" | "dimension" | "time" | "id"

#: How much a kind of match is trusted when picking between columns.
SCORES = {"exact": 1.0, "stem": 0.97, "abbrev": 0.93, "initials": 0.9, "synonym": 0.8,
          "partial": 0.6, "fuzzy": 0.5}

_SKIP_VALUES = {"", "the", "a", "an", "of", "in", "on", "for", "to", "by", "and", "or", "is",
                "are", "yes", "no", "true", "false", "none", "na", "nan", "null", "n/a", "-",
                "y", "n", "t", "f", "all", "any", "not", "with", "at", "as", "it", "be"}
WEIGHT_WORDS = {"count", "n", "number", "num", "cnt", "freq", "frequency", "total", "tally"}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def norm_phrase(text: str) -> str:
    """Lowercase, stemmed, space-joined word tokens: the key used by every index."""
    return " ".join(stem(t) for t in _WORD.findall(str(text).lower()))


def infer_role(p: ColumnProfile) -> Role:
    toks = [stem(t) for t in name_tokens(p.name)]
    if p.kind in ("datetime", "date"):
        # a column of nothing but blanks ("n/a" in every row) reads as dates, yet orders nothing
        return "time" if p.n_null < p.n_rows else "dimension"
    if p.numeric:
        lo, hi = p.min, p.max
        if (("year" in toks or "yr" in toks) and lo is not None and hi is not None
                and 1000 <= float(lo) and float(hi) <= 2200 and float(lo).is_integer()):
            return "time"
        if p.kind == "integer" and lo is not None and hi is not None and \
                0 <= float(lo) and float(hi) <= 99 and p.n_distinct >= 3 and \
                name_tokens(p.name)[-1:] in (["year"], ["yr"]):
            return "time"  # two-digit years: "Year" 70..82 is 1970..1982
        if toks and (toks[-1] in ("id", "identifier") or p.name.lower().endswith("id")
                     and len(p.name) > 2 and p.name[-3] in "_ -" or toks == ["index"]):
            return "id"
        if p.binary:
            return "dimension"
        return "measure"
    if p.kind == "bool":
        return "dimension"
    if p.kind == "text" and p.n_rows > 20 and p.n_distinct >= p.n_rows and (
            "id" in toks or "identifier" in toks or "uuid" in toks or "key" in toks):
        return "id"
    return "dimension"


def binary_values(p: ColumnProfile) -> tuple[str | None, str | None]:
    vals = p.values or []
    if p.kind == "bool":
        return "True", "False"
    if len(vals) != 2:
        return None, None
    low = {str(v).strip().lower(): str(v) for v in vals}
    t = next((low[k] for k in low if k in TRUTHY), None)
    f = next((low[k] for k in low if k in FALSY), None)
    return (t, f) if t and f else (None, None)


@dataclass
class Match:
    """A column or value that a span of the question refers to."""

    kind: str  # "column" | "value"
    column: str
    score: float
    how: str
    value: Any = None


#: a name followed by its code in brackets, perhaps a footnote mark: "Kenya (KEN)",
#: "Great Britain (GBR)*"
_CODED = re.compile(r"^\s*(.*?\S)\s*\(([A-Z]{2,4})\)\s*[*†‡^]*\s*$")


#: the calendar years a column of whole numbers may hold and still be read as years
YEAR_RANGE = (1000, 2200)


def blank_markers(p: ColumnProfile) -> list[str]:
    """The values of a text column that only say "nothing here" ("N/A", "-"): in "which
    value appears the most" they are no candidates."""
    return [v for v in (p.values or []) if str(v).strip() in BLANK_MARKERS]


_HEADER_COPY = re.compile(r"\.\d+$")  # how a repeated header is told apart ("Score.1")


def header_twins(s: "SchemaModel", column: str) -> list[str]:
    """The columns sharing ``column``'s header (a table's "Score" and "Score.1"), or [] when
    it has none: a row's "score" could then be either, so the reader asks which."""
    base = _HEADER_COPY.sub("", column)
    twins = [c for c in s.columns if _HEADER_COPY.sub("", c) == base]
    return twins if len(twins) > 1 else []


def holds_years(p: ColumnProfile) -> bool:
    """A numeric column whose values are all whole-number years (the range is read off the
    profile; a blank cell makes integers floats, which still count)."""
    if p.kind not in ("integer", "number") or p.min is None or p.max is None:
        return False
    try:
        lo, hi = float(p.min), float(p.max)
    except (TypeError, ValueError):
        return False
    return lo.is_integer() and hi.is_integer() and YEAR_RANGE[0] <= lo <= hi <= YEAR_RANGE[1]


def opens_with_letter(value: Any) -> bool:
    """A name opens with a letter (after any quote or bracket); "2 doz.", "51 kg", "5.3/12"
    and "2:12:59" are amounts, scores and times."""
    return re.match(r"[\W_]*[^\W\d_]", str(value)) is not None


@dataclass
class SchemaModel:
    """Indexes from words to columns and values for one table."""

    table: str
    columns: dict[str, ColumnProfile]
    n_rows: int
    phrases: dict[str, list[Match]] = field(default_factory=dict)
    partial: dict[str, set[str]] = field(default_factory=dict)
    values: dict[str, list[Match]] = field(default_factory=dict)
    bags: dict[str, list[Match]] = field(default_factory=dict)
    subphrases: dict[str, set[str]] = field(default_factory=dict)
    compacts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    max_words: int = 1
    #: words inside multi-word cells (``value_parts.part_index``), built on first need only:
    #: most questions ground every word before it would be read
    value_part_index: dict[str, list[tuple[str, str]]] | None = field(
        default=None, repr=False, compare=False)
    #: values keyed with their accents folded (``folding.folded_values``), built on first need
    folded_value_index: dict[str, list[Match]] | None = field(default=None, repr=False,
                                                              compare=False)

    @classmethod
    def build(cls, table: str, profiles: list[ColumnProfile], n_rows: int) -> "SchemaModel":
        model = cls(table, {p.name: p for p in profiles}, n_rows)
        for p in profiles:
            p.truthy, p.falsy = binary_values(p)
            p.role = infer_role(p)
            p.additive = bool({stem(t) for t in name_tokens(p.name)} & ADDITIVE_WORDS)
            model._index_column(p)
            if p.values and not p.binary and p.kind in ("text", "other"):
                model._index_values(p)
        _unit_counts_add_up(profiles)
        model._index_places()
        return model

    def _index_places(self) -> None:
        """The one text column whose values are mostly countries or world regions (USA,
        Japan, Europe) answers to "country", "region", "nation" ... when no column is
        named so: "vans from each country" groups by it."""
        places = [p.name for p in self.columns.values() if p.kind in ("text", "other") and
                  p.values and not p.binary and p.n_distinct <= MAX_VALUES_PER_COLUMN and
                  len(p.values) >= 2 and sum(norm_phrase(v) in PLACE_NAMES
                                             for v in p.values) >= 0.6 * len(p.values)]
        if len(places) != 1:
            return  # none, or several: the noun would not say which
        for noun in PLACE_NOUNS:
            named = [m for key in {noun, stem(noun)} for m in self.phrases.get(key, [])]
            if all(m.how == "synonym" for m in named):  # a name beats what the values say
                # ... and the values beat a loose synonym ("region" ~ an "area" measure)
                self._add(noun, Match("column", places[0], SCORES["synonym"] + 0.05,
                                      "synonym"))

    # -- building ------------------------------------------------------------------
    def _add(self, phrase: str, m: Match) -> None:
        if not phrase:
            return
        if " " in phrase:
            bag = " ".join(sorted(phrase.split()))
            lst = self.bags.setdefault(bag, [])
            if not any(x.column == m.column for x in lst):
                lst.append(Match("column", m.column, m.score * 0.95, m.how))
        bucket = self.phrases.setdefault(phrase, [])
        for i, old in enumerate(bucket):
            if old.column == m.column:
                if m.score > old.score:
                    bucket[i] = m
                return
        bucket.append(m)
        self.max_words = max(self.max_words, phrase.count(" ") + 1)

    def _index_column(self, p: ColumnProfile) -> None:
        toks = name_tokens(p.name)
        if not toks:
            return
        col = p.name
        self._add(" ".join(toks), Match("column", col, SCORES["exact"], "exact"))
        self._add(" ".join(stem(t) for t in toks), Match("column", col, SCORES["stem"], "stem"))
        compact = "".join(toks)
        if len(toks) > 1:
            self._add(stem(compact), Match("column", col, SCORES["exact"], "exact"))
            initials = "".join(t[0] for t in toks if not t.isdigit())
            if len(initials) >= 2 and initials not in GENERIC_WORDS:
                self._add(initials, Match("column", col, SCORES["initials"], "initials"))
        if compact in ABBREVIATIONS:
            self._add(norm_phrase(ABBREVIATIONS[compact]),
                      Match("column", col, SCORES["abbrev"], "abbrev"))
        # Per-token alternatives: abbreviation <-> expansion, then synonyms (weaker).
        reverse = {v: k for k, v in ABBREVIATIONS.items()}
        options: list[list[tuple[str, str]]] = []
        for t in toks:
            opts = [(stem(t), "stem")]
            if t in ABBREVIATIONS:
                opts.append((norm_phrase(ABBREVIATIONS[t]), "abbrev"))
            if t in reverse:
                opts.append((reverse[t], "abbrev"))
            for s in synonyms_of(stem(t)):
                opts.append((s, "synonym"))
            options.append(opts[:8])
        for combo in itertools.islice(itertools.product(*options), 64):
            how = ("synonym" if any(h == "synonym" for _, h in combo)
                   else "abbrev" if any(h == "abbrev" for _, h in combo) else "stem")
            self._add(" ".join(w for w, _ in combo), Match("column", col, SCORES[how], how))
        # Truncation abbreviations ("unemp" = unemployment, "totemp" = total employment).
        words = [t for t in toks if not t.isdigit()]
        if words:
            comp = "".join(words)
            if len(comp) >= 3:
                self.compacts.setdefault(comp[0], []).append((comp, col))
        if len(toks) > 1:
            content = [t for t in toks if stem(t) not in GENERIC_WORDS and not t.isdigit()]
            # A single word names a column only if it is a good part of its name
            # ("bill" -> total_bill; not "wines" -> od280/od315_of_diluted_wines).
            if content and len(content) <= 3:
                for t in content:
                    s = stem(t)
                    if len(s) > 1:
                        self.partial.setdefault(s, set()).add(col)
                        if t in ABBREVIATIONS and " " not in ABBREVIATIONS[t]:
                            self.partial.setdefault(stem(ABBREVIATIONS[t]), set()).add(col)
            stems = [stem(t) for t in toks]
            alts = [[s] + ([norm_phrase(ABBREVIATIONS[t])] if t in ABBREVIATIONS else [])
                    for t, s in zip(toks, stems)]
            for i in range(len(toks)):
                for j in range(i + 2, min(len(toks), i + 5) + 1):
                    if j - i == len(toks):
                        continue
                    for combo in itertools.islice(itertools.product(*alts[i:j]), 8):
                        sub = " ".join(combo)
                        self.subphrases.setdefault(sub, set()).add(col)
                        self.subphrases.setdefault(" ".join(sorted(sub.split())),
                                                   set()).add(col)

    def _index_values(self, p: ColumnProfile) -> None:
        for v in p.values or []:
            key = norm_phrase(v)
            if key in _SKIP_VALUES or key.replace(" ", "").replace(".", "").isdigit():
                continue
            bucket = self.values.setdefault(key, [])
            if not any(m.column == p.name for m in bucket):
                bucket.append(Match("value", p.name, 0.95, "value", v))
            self.max_words = max(self.max_words, key.count(" ") + 1)
        whole = {norm_phrase(v) for v in p.values or []}
        for v in p.values or []:
            m = _CODED.match(str(v))
            if m is None:
                continue
            key = norm_phrase(m.group(1))
            if not key or key in whole or key in _SKIP_VALUES:
                continue  # "Kenya" is its own value too: the code tells them apart
            bucket = self.values.setdefault(key, [])
            if not any(x.column == p.name for x in bucket):
                # "Kenya (KEN)" is Kenya: the bracketed code (and a footnote mark) names
                # the same thing
                bucket.append(Match("value", p.name, 0.94, "value", v))

    # -- reading -------------------------------------------------------------------
    def names(self) -> list[str]:
        return list(self.columns)

    def col(self, name: str) -> ColumnProfile:
        return self.columns[name]

    def by_role(self, role: Role) -> list[str]:
        return [c for c, p in self.columns.items() if p.role == role]

    @property
    def measures(self) -> list[str]:
        return [c for c, p in self.columns.items() if p.role == "measure"]

    @property
    def time_columns(self) -> list[str]:
        # Real dates before year-like integers.
        cols = self.by_role("time")
        return sorted(cols, key=lambda c: self.columns[c].kind in ("integer", "number"))

    def answers_when(self, column: str) -> bool:
        """Whether ``column`` can answer "when" / "what year": a time column, or whole
        numbers that are all years under an event's name ("Born", "Founded", "Opened"),
        which the profile leaves a measure because its name does not say "year"."""
        p = self.col(column)
        if p.role == "time" or p.year_like or p.kind in ("date", "datetime"):
            return True
        if p.kind != "integer" or not holds_years(p):
            return False
        return any(is_participle(t) for t in name_tokens(column))

    @cached_property
    def weight_column(self) -> str | None:
        """A column of counts ("count", "n", "frequency") in an already-counted table: "how
        many medals" then means its sum, not the number of rows."""
        for c, p in self.columns.items():
            toks = {stem(t) for t in name_tokens(c)}
            if p.kind == "integer" and toks and toks <= WEIGHT_WORDS and \
                    (p.min is None or float(p.min) >= 0):
                return c
        return None

    @property
    def about_people(self) -> bool:
        """The rows are people: some column is an attribute only people have (age, sex,
        education ...), so "women" or "respondents" can name the rows themselves."""
        from .lexicon import PERSON_ATTRIBUTES

        found: set[str] = set()
        for c in self.columns:
            found |= {stem(t) for t in name_tokens(c)} & PERSON_ATTRIBUTES
        return len(found) >= 2  # tips has the payer's sex, but its rows are bills

    def age_column(self) -> str | None:
        """The numeric column holding an age ("people under 25" compares it)."""
        for c, p in self.columns.items():
            if p.numeric and "age" in {stem(t) for t in name_tokens(c)}:
                return c
        return None

    def label_column(self) -> str | None:
        """The text column that names rows (a car's name, a country): mostly distinct."""
        best, best_n = None, 0
        for c, p in self.columns.items():
            if p.kind == "text" and p.n_distinct >= max(10, 0.5 * self.n_rows) and \
                    p.n_distinct > best_n:
                best, best_n = c, p.n_distinct
        if best is None and 3 <= self.n_rows < 10:
            # a short table: too few rows to tell by counting, so only a column whose every
            # row has its own name, when no other text column does
            named = [c for c, p in self.columns.items()
                     if p.kind == "text" and p.n_distinct == self.n_rows and not p.n_null
                     and all(opens_with_letter(v) for v in p.values or [0])]
            best = named[0] if len(named) == 1 else None
        return best

    def unpivoted(self, columns: list[str], name: str, value: str) -> "SchemaModel":
        """The schema of this table with ``columns`` stacked into ``name`` (text) and
        ``value`` (number): what a plan over the long form is checked and compiled against.
        Only profiles, no word indexes (planning already happened)."""
        keep = {c: p for c, p in self.columns.items() if c not in columns}
        n = self.n_rows * len(columns)
        keep[name] = ColumnProfile(name, "text", n, len(columns), values=list(columns),
                                   role="dimension")
        lo = [self.columns[c].min for c in columns if self.columns[c].min is not None]
        hi = [self.columns[c].max for c in columns if self.columns[c].max is not None]
        kinds = {self.columns[c].kind for c in columns}
        keep[value] = ColumnProfile(value, "integer" if kinds == {"integer"} else "number", n,
                                    n, min=min(lo) if lo else None,
                                    max=max(hi) if hi else None, role="measure")
        return SchemaModel(self.table, keep, n)

    def value_hints(self, n: int = 8) -> list[str]:
        out = []
        for c, p in self.columns.items():
            if p.values and p.role == "dimension":
                out.append(f"{c}: {', '.join(map(str, p.values[:n]))}")
        return out



def _unit_counts_add_up(profiles: list[ColumnProfile]) -> None:
    """Columns counting kinds of one unit (Gold, Silver, Bronze: ``unit_kinds`` in the
    lexicon) hold numbers of things, so "how many bronze medals were won in all" sums them. Only
    when two or more kinds have a numeric column: one "Gold" column may be a price."""
    for kinds in UNIT_KINDS.values():
        cols = [p for p in profiles if p.kind in ("integer", "number") and
                {stem(t) for t in name_tokens(p.name)} & set(kinds)]
        if len({k for p in cols for k in kinds if k in {stem(t) for t in
                                                        name_tokens(p.name)}}) >= 2:
            for p in cols:
                p.additive = True

__all__ = ["ColumnProfile", "MAX_VALUES_PER_COLUMN", "Match", "SCORES", "SchemaModel",
           "blank_markers", "header_twins", "infer_role", "norm_phrase"]
