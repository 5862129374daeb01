""""What is the total of <rows' noun>" (planner/total_of_rows.py): over a text column with
one value per row, the count of its rows; tallies, repeated values and amounts still refuse;
our own tables."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def stations() -> pd.DataFrame:  # one station per row
    return pd.DataFrame({
        "Station": ["Alder Road", "Birch Lane", "Cedar Park", "Dunmore", "Elm Quay",
                    "Fernhill"],
        "Line": ["Red", "Red", "Blue", "Blue", "Blue", "Green"],
        "Opened": [1961, 1964, 1970, 1970, 1982, 1995],
        "Silver": ["Ann Roe", "Bo Lind", "Cy Tam", "Di Ash", "Ed Moe", "Fay Nye"]})


@pytest.fixture(scope="module")
def concerts() -> pd.DataFrame:  # a venue repeats; takings written as text
    return pd.DataFrame({
        "Venue": ["Hall A", "Hall B", "Hall A", "Arena", "Hall B"],
        "Takings": ["1,200", "950", "1,400", "3,100", "870"],
        "Headliner": ["Moss", "Vale", "Quill", "Moss", "Rook"]})


def _num(a):
    return int(a.value[0] if isinstance(a.value, list) else a.value)


@pytest.mark.parametrize("question, n", [
    ("what is the total of stations?", 6),
    ("what is the total station on the list?", 6),
    ("what was the total of stations on the blue line?", 3),
])
def test_total_of_the_rows_noun_counts_rows(stations, question, n):
    a = ask(stations, question)
    assert a.status == "answered", a.text
    assert _num(a) == n
    assert "number of rows" in str(a.interpretation)


def test_a_tally_noun_is_no_row_count(stations):
    a = ask(stations, "give me the total of bronze.")
    assert a.status != "answered", a.value


def test_repeated_values_still_refuse(concerts):
    a = ask(concerts, "what is the total of venues?")
    assert a.status != "answered", a.value


def test_amounts_written_as_text_are_not_counted(concerts):
    a = ask(concerts, "what is the total of takings?")
    assert not (a.status == "answered" and "number of rows" in str(a.interpretation))
