"""Words about the events a table records, read after the coverage check.

Four kinds of word ground to no column or value and yet add nothing the reading lacks:

* the rows' own noun when the rows are events: over a schedule (a date on every row, or a
  column numbering the rows, beside a column such as an opponent, a result, a score or an
  attendance) "the *match* with the biggest gate", "the least attended *fixture*", "how
  many *games* drew over 10,000" name the rows. Only nouns of a small lexicon of events
  are read so, never one followed by "did" ("how many games did they win" counts a result,
  not the rows), nor one after a number ("won two games") or a word of degree ("the most
  games": a count per something);
* the whole table named as a span of time: "during *the season*", "over *his career*",
  "in *this tournament*", when no column says which season or year (one year-number column
  with several years makes "this season" a choice, so it stays unread);
* "during" / "throughout" before a time or a value that a filter read ("during 2002", "during
  the month of May", "during round 3"): the same as "in".
* an event noun right after a whole number compared with a column that counts such events:
  "played more than 30 *games*" over Played, "won over 10 *matches*" over Won (the number's
  unit; after a number compared with Goals the noun stays unread).

Each rescued word moves from ``unknown`` to ``ignored`` (and the row noun to ``entity``) and
the reading says so in a note; any other unread word still makes the reader refuse.
"""

from __future__ import annotations

from .constituents import Node, Reading
from .event_names import read_event_names
from .lexicon import (OUTCOME_NOUNS, PEOPLE_NOUNS, RESULT_VERBS, VERB_NOUNS, load, name_tokens,
                      stem)
from .row_nouns import row_numbers
from .season_span import dated_span_nouns, read_past_years
from .schema import SchemaModel, holds_years
from .team_subject import whole_team

_L = load()
#: nouns of events that a schedule's rows may be ("game", "match", "race" ...)
EVENT_NOUNS: set[str] = {stem(w) for w in _L["event_nouns"]}
#: columns that make a table with dated rows a schedule of contests
CONTEST_COLUMNS: set[str] = {stem(w) for w in _L["contest_columns"]}
#: nouns that name a span of time the whole table may cover ("season", "career")
SPAN_NOUNS: set[str] = {stem(w) for w in _L["span_nouns"]}
TIME_PREPOSITIONS: set[str] = set(_L["time_prepositions"])
#: "represented", "featured", "competed": being present among the rows
PRESENCE_VERBS: set[str] = set(_L["presence_verbs"])
#: who or what a whole table may be about ("this team", "this actor", "the album")
SUBJECT_NOUNS: set[str] = set(_L["subject_nouns"])
#: ... and the ones a table lists the parts of, named with "the" too ("the album")
COLLECTION_NOUNS: set[str] = set(_L["collection_nouns"])
#: people counted as an amount ("a crowd above 20,000 *fans*")
HEADCOUNT_NOUNS: set[str] = set(_L["headcount_nouns"])
#: verbs of adding up an amount ("completed 200 laps", "the miles he covered")
TALLY_VERBS: set[str] = set(_L["tally_verbs"])
_DETERMINERS = {"the", "this", "that", "his", "her", "their", "its", "our", "entire",
                "whole", "regular", "same", "current"}
_NOT_ROWS_BEFORE = {"most", "least", "more", "fewer", "less", "many", "much", "few",
                    "several", "some", "any", "no", "consecutive", "straight", "total"}
_OWNERSHIP = {"did", "does", "do", "have", "has", "had"}
#: header words of a column counting events ("Played", "Won", "Games", "Matches")
_TALLY_HEADERS = EVENT_NOUNS | {stem(w) for w in RESULT_VERBS | OUTCOME_NOUNS} | {
    "play", "played", "appearance", "apps"}
_HAPPENED = {"play", "played", "host", "hosted", "stage", "staged"}


def read_event_words(r: Reading, s: SchemaModel) -> None:
    """Move the words described in the module docstring from ``r.unknown`` to
    ``r.ignored``. Runs after the coverage check and before the plan is built."""
    _counted_event_verb(r, s)
    if not r.unknown or any(w.lower() in OUTCOME_NOUNS for w in r.entity):
        return  # "how many ties ...": a result read as the rows is no reading to complete
    if len(r.nodes) > 1 and r.nodes[0].low in ("who", "whom") and \
            r.nodes[1].low in ("did", "does", "do") and r.which_col is None:
        return  # "who did they meet in that game": no column says who the answer is
    read_event_names(r, s)  # "in the 1994 Coastal Rowing Cup": the table's one event
    unread = {w.lower() for w in r.unknown}
    rescued: list[tuple[int, str]] = []
    spans = _span_nouns(r, s, unread) | _subject_nouns(r, s, unread)
    for i in spans:
        rescued.append((i, f'read "{r.nodes[i].text}" as the whole table (no column says '
                           f"which one)"))
    dated, years = dated_span_nouns(r, s, unread, SPAN_NOUNS)  # "the 1987 season"
    for i in sorted(dated - spans):
        rescued.append((i, f'read "{r.nodes[i].text}" as the time its year names'))
    spans |= dated
    read_past_years(r, years)
    schedule = is_schedule(s) and _rows_asked(r, s)
    for i, nd in enumerate(r.nodes):
        if nd.kind != "word" or nd.role is not None or nd.low not in unread or i in spans:
            continue
        if nd.low in HEADCOUNT_NOUNS and _after_compared_number(r, i):
            rescued.append((i, f'read "{nd.text}" as the unit of the number before it'))
        elif stem(nd.low) in EVENT_NOUNS and _tally_unit(r, s, i):
            rescued.append((i, f'read "{nd.text}" as what the number before it counts'))
        elif nd.low in TALLY_VERBS and _amount_read(r, s, i):
            rescued.append((i, f'read "{nd.text}" as what the amount counts'))
        elif _event_verb(nd.low, s) and not (r.count and not r.filters and any(
                w.lower() not in PEOPLE_NOUNS for w in r.entity)):
            # "how many goalies were drafted": a noun no column names, counted bare
            rescued.append((i, f'read "{nd.text}" as the event each row records'))
        elif nd.low in PRESENCE_VERBS and _presence_read(r):
            rescued.append((i, f'read "{nd.text}" as being among the rows'))
        elif nd.low in TIME_PREPOSITIONS and _time_follows(r, i, spans):
            rescued.append((i, f'read "{nd.text}" as "in"'))
        elif schedule and _row_noun(r, i):
            rescued.append((i, f'read "{nd.text}" as the rows: each row is one of them '
                               f"(a schedule)"))
    if not rescued:
        return
    words = {r.nodes[i].low for i, _ in rescued}
    # a word read here at one place and left unread at another stays unread
    left = [(i, nd) for i, nd in enumerate(r.nodes) if nd.kind == "word" and nd.role is None
            and nd.low in words and i not in {k for k, _ in rescued}]
    keep = {nd.low for _, nd in left}
    for i, note in rescued:
        nd = r.nodes[i]
        if nd.low in keep:
            continue
        nd.role = "ignored"
        r.ignored.append(nd.text)
        r.notes.append(note)
    r.unknown = [w for w in r.unknown if w.lower() not in words or w.lower() in keep]


def _counted_event_verb(r: Reading, s: SchemaModel) -> None:
    """"how many chapters were *founded* in Ohio": the verb of a column that dates an event
    ("Founding date") in a count of rows says what happened to the rows, not which value to
    read; left to the plan, the column would be read as the value asked for. A verb of an
    amount ("how many cars were *produced*" over a Production column) keeps its reading."""
    if not r.count or r.tool or r.which:
        return
    for nd in r.nodes:
        if nd.kind != "col" or nd.role is not None or \
                any(m.how != "verb" for m in nd.item.matches):
            continue
        col = nd.columns[0]
        if not s.answers_when(col):
            continue
        if any(n is not nd and col in n.columns for n in r.nodes) or \
                any(f.column == col for f in r.filters) or col in r.groups:
            continue
        nd.role = "ignored"
        r.ignored.append(nd.text)
        r.notes.append(f'read "{nd.text}" as what happened to the rows counted')


def is_schedule(s: SchemaModel) -> bool:
    """The rows are events: a date on (nearly) every row, or a column numbering the rows,
    beside a column only contests have (an opponent, a result, a score, an attendance)."""
    contest = any({stem(t) for t in name_tokens(c)} & CONTEST_COLUMNS for c in s.columns)
    if not contest or s.n_rows < 3:
        return False
    for c, p in s.columns.items():
        toks = {stem(t) for t in name_tokens(c)}
        if p.kind in ("date", "datetime") and p.n_distinct >= 0.6 * s.n_rows:
            return True
        if "date" in toks and p.kind == "text" and p.n_distinct >= 0.6 * s.n_rows:
            return True
        if row_numbers(s, c):
            return True
    return False


def _rows_asked(r: Reading, s: SchemaModel) -> bool:
    """Nothing else names the rows ("how many people attended the game" counts people, not
    games), and no date is asked for by a superlative (that reads as a date grouping)."""
    if any(stem(w.lower()) not in EVENT_NOUNS for w in r.entity):
        return False
    return not (r.superlative and r.which_col is not None and
                s.col(r.which_col).role == "time")


def _after_compared_number(r: Reading, i: int) -> bool:
    """"attended by more than 8,000 people": the noun right after a number that a
    comparison with a column read counts what that column counts."""
    prev = r.nodes[i - 1] if i > 0 else None
    if prev is None or not prev.is_number or prev.role is None:
        return False
    return any(f.how == "compare" and f.at <= i for f in r.filters)


def _tally_unit(r: Reading, s: SchemaModel, i: int) -> bool:
    """"played more than 30 *games*", "played 12 *matches*": the event noun right after a
    whole number that a filter compared with a column counting such events (headed by an
    event, a result or "played": Played, Won, Games, Matches)."""
    prev = r.nodes[i - 1] if i > 0 else None
    if prev is None or prev.kind != "num" or prev.role != "filter" or \
            not float(prev.value).is_integer():
        return False
    for f in r.filters:
        if f.how in ("compare", "named") and i - 4 <= f.at < i and f.column in s.columns:
            p = s.col(f.column)
            words = {stem(t) for t in name_tokens(f.column)}
            if p.kind == "integer" and words & _TALLY_HEADERS:
                return True
    return False


def _amount_read(r: Reading, s: SchemaModel, i: int) -> bool:
    """"how many laps did X *complete*", "who *completed* 200 laps": the verb of a numeric
    column named within a few words of it (summed, compared, ranked)."""
    for k in range(max(0, i - 4), min(len(r.nodes), i + 4)):
        nd = r.nodes[k]
        if nd.kind == "col" and nd.role != "ignored" and len(nd.columns) >= 1:
            p = s.col(nd.columns[0])
            if p.numeric and p.role == "measure":
                return True
    return False


def _event_verb(word: str, s: SchemaModel) -> bool:
    """"drafted" over a table with a Pick column, "retired" beside a Retirement column: the
    verb of the event the rows record (the lexicon's verb_nouns), read past."""
    return any(noun in s.phrases or noun in s.partial for noun in VERB_NOUNS.get(word, ()))


def _presence_read(r: Reading) -> bool:
    """"which club is represented the most" (how often each value occurs), "how many tracks
    featured <a name>" (the rows that hold it): the verb adds nothing to the reading. A bare
    count of a noun no column names ("how many nations competed" over a table of athletes)
    would count rows that are not those things, so it stays unread."""
    return not (r.count and r.entity and not r.filters and not r.mode)


def _row_noun(r: Reading, i: int) -> bool:
    nd = r.nodes[i]
    if stem(nd.low) not in EVENT_NOUNS or not nd.low.isalpha():
        return False
    prev = r.nodes[i - 1] if i > 0 else None
    nxt = r.nodes[i + 1] if i + 1 < len(r.nodes) else None
    if nxt is not None and nxt.low in _OWNERSHIP and not _played(r, i):
        return False  # "how many games did they win": a result counted, not the rows
    if prev is not None and prev.kind in ("col", "val") and prev.role is None:
        return False  # "the home games": a qualifier no filter read
    if prev is not None and (prev.is_number or prev.kind == "num" or
                             prev.low in _NOT_ROWS_BEFORE or prev.has("number")):
        return False  # "won two games", "the most games": a count of something
    return True


def _played(r: Reading, i: int) -> bool:
    """"how many games did they *play* in May": after "did", a verb of the event taking
    place (and no result anywhere in the question) still counts the rows."""
    after = [nd.low for nd in r.nodes[i + 2:]]
    return any(w in _HAPPENED for w in after) and \
        not any(nd.low in RESULT_VERBS for nd in r.nodes)


def _span_nouns(r: Reading, s: SchemaModel, unread: set[str]) -> set[int]:
    """Indexes of "the season", "his career", "this tournament" naming the whole table."""
    if any(holds_years(p) and p.n_distinct > 1 and p.role == "time"
           for p in s.columns.values()):
        return set()
    out: set[int] = set()
    for i, nd in enumerate(r.nodes):
        if nd.kind != "word" or nd.role is not None or nd.low not in unread or \
                stem(nd.low) not in SPAN_NOUNS or nd.low != stem(nd.low) or i == 0:
            continue
        nxt = r.nodes[i + 1] if i + 1 < len(r.nodes) else None
        if nxt is not None and nxt.low == "of":
            continue  # "the season of 1998": which one
        k = i - 1
        while k >= 0 and r.nodes[k].low in ("entire", "whole", "regular", "same", "current"):
            k -= 1
        if k >= 0 and r.nodes[k].low in _DETERMINERS:
            out.add(i)
    return out


def _subject_nouns(r: Reading, s: SchemaModel, unread: set[str]) -> set[int]:
    """Indexes of "this team", "this actor's", "the album": the one the whole table is about
    (its rows are that team's seasons, that actor's roles, that album's tracks); "the team"
    when the rows are one team's record (``team_subject``)."""
    schedule: bool | None = None
    out: set[int] = set()
    for i, nd in enumerate(r.nodes):
        if nd.kind != "word" or nd.role is not None or i == 0:
            continue
        word = nd.low[:-2] if nd.low.endswith("'s") else nd.low
        if nd.low not in unread or word not in SUBJECT_NOUNS:
            continue
        prev = r.nodes[i - 1].low
        nxt = r.nodes[i + 1].low if i + 1 < len(r.nodes) else ""
        if nxt == "of" or i + 1 < len(r.nodes) and r.nodes[i + 1].kind in ("val", "quote"):
            continue  # "the album of 1999", "the album Blue Road": which one
        if prev in ("this", "that") or prev == "the" and word in COLLECTION_NOUNS:
            out.add(i)
        elif prev == "the":
            schedule = is_schedule(s) if schedule is None else schedule
            if whole_team(r, s, i, schedule):
                out.add(i)
    return out


def _time_follows(r: Reading, i: int, spans: set[int]) -> bool:
    """"during" is followed by a time or a value a filter read, or by a span noun."""
    k = i + 1
    skip = {"the", "this", "that", "his", "her", "their", "its", "of", "month", "year",
            "week", "day"}
    while k < len(r.nodes) and r.nodes[k].low in skip and r.nodes[k].role is None and \
            r.nodes[k].kind == "word":
        k += 1
    while k < len(r.nodes) and r.nodes[k].role == "ignored" and \
            r.nodes[k].kind in ("num", "date"):
        k += 1  # "during the 1987-88 season": its year read past with it (season_span)
    if k >= len(r.nodes):
        return False
    nd: Node = r.nodes[k]
    if k in spans:
        return True
    if nd.role is not None and nd.role not in ("ignored",):
        return nd.kind in ("num", "date", "decade", "val", "col", "word")
    return nd.kind == "word" and nd.has("month") and nd.role is not None


__all__ = ["CONTEST_COLUMNS", "EVENT_NOUNS", "SPAN_NOUNS", "is_schedule", "read_event_words"]
