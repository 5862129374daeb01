"""A column named as a column ("in the Venue column", "under the Notes column", "the column
of Home"), read from language (issue 12): the word adds nothing to the column's name, and a
value seen "in" that column is that column's value, checked against pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _fixtures() -> pd.DataFrame:
    return pd.DataFrame({
        "Round": [1, 2, 3, 4, 5, 6, 7],
        "Home": ["Kestrels", "Otters", "Kestrels", "Lynxes", "Otters", "Kestrels", "Herons"],
        "Away": ["Otters", "Kestrels", "Herons", "Kestrels", "Lynxes", "Otters", "Kestrels"],
        "Venue": ["Mill Park", "Quay Road", "Mill Park", "Fen Lane", "Quay Road", "Mill Park",
                  "Fen Lane"],
        "Notes": ["Abandoned", "", "Replay", "Abandoned", "", "", "Replay"],
        "Gate": [1200, 950, 1430, 800, 1010, 1575, 640],
    })


def _answered(a):
    assert a.status == "answered", a.text
    return a.value


def test_a_value_in_a_named_column_is_that_columns_value():
    """'Kestrels' is a Home and an Away value: "in the home column" says which."""
    d = _fixtures()
    a = ask(d, "how many times does kestrels appear in the home column?")
    assert _answered(a) == int((d["Home"] == "Kestrels").sum()) == 3
    a = ask(d, "how many times is kestrels listed under the away column?")
    assert _answered(a) == int((d["Away"] == "Kestrels").sum()) == 3
    # without the column named, which side is unsaid: the reader asks
    assert ask(d, "how many times does kestrels appear?").status != "answered"


def test_the_word_column_reads_past_in_lookups_and_counts():
    d = _fixtures()
    a = ask(d, "which venue comes first in the venue column?")
    assert _answered(a) == d["Venue"].iloc[0]
    a = ask(d, "how many times does replay appear under the notes column?")
    assert _answered(a) == int((d["Notes"] == "Replay").sum()) == 2
    a = ask(d, "how many rows have more than 1000 in the gate column?")
    assert _answered(a) == int((d["Gate"] > 1000).sum()) == 4


def test_column_before_the_name():
    d = _fixtures()
    a = ask(d, "how many times does otters appear in the column of away?")
    assert _answered(a) == int((d["Away"] == "Otters").sum()) == 2


def test_a_column_word_that_names_no_single_column_is_still_refused():
    d = _fixtures().rename(columns={"Home": "Team", "Away": "Team.1"})
    # a header the table repeats ("Team", "Team.1"): which one is unsaid
    assert ask(d, "how many times does kestrels appear in the team column?").status \
        != "answered"
    # "column" after no column at all
    assert ask(_fixtures(), "how many times does replay appear in the last column?").status \
        != "answered"


def _pageant() -> pd.DataFrame:
    return pd.DataFrame({
        "Entrant": ["Ardmore", "Belcourt", "Carrow", "Dunmere", "Elsby"],
        "Talent": [8.91, 9.12, 8.40, 9.05, 8.77],
        "Interview": [9.30, 8.85, 9.01, 8.62, 9.18],
        "Average": [9.10, 8.98, 8.70, 8.84, 8.98],
    })


def test_a_part_of_the_contest_named_by_a_column():
    """"the talent round", "the interview category": that column."""
    d = _pageant()
    a = ask(d, "which entrant did best in the talent round?")
    assert _answered(a) == d.loc[d["Talent"].idxmax(), "Entrant"] == "Belcourt"
    a = ask(d, "how many points did carrow score in the interview category?")
    want = float(d.loc[d["Entrant"] == "Carrow", "Interview"].iloc[0])
    assert _answered(a) == pytest.approx(want)
    # "round" after no column: still an unread word
    assert ask(d, "how many points did carrow score in the final round?").status != "answered"
