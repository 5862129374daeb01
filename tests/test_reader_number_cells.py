"""A number said as a column's value when the column keeps its numbers as text ("600" beside
"Unknown", "41[2]"), is a column of years, or comes after "listed as": the rows holding the
number. Small tables written here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def boats() -> pd.DataFrame:
    return pd.DataFrame({
        "Boat": ["Arrow", "Brine", "Corsair", "Dune", "Egret", "Fathom", "Gale"],
        "Seats": ["12", "8", "12", "Unknown", "12[1]", "6", "12+"],
        "Refit": [2004, 2011, 2011, 2008, 2015, 2011, 2004],
        "Crew": [3, 2, 3, 4, 3, 2, 5]})


def test_a_number_kept_as_text_is_read_as_the_cells_holding_it(boats):
    a = ask(boats, "how many boats have a seats of 12?")
    assert a.status == "answered", a.text
    # "12[1]" carries a footnote; "12+" says at least 12 and is not taken as 12
    assert a.value == int(boats.Seats.isin(["12", "12[1]"]).sum()) == 3
    a = ask(boats, "which boat has seats of 6?")
    assert a.status == "answered", a.text
    assert "Fathom" in a.text


def test_a_year_after_of_over_a_column_of_years(boats):
    a = ask(boats, "how many boats had a refit of 2011?")
    assert a.status == "answered", a.text
    assert a.value == int((boats.Refit == 2011).sum()) == 3


def test_listed_as_over_a_number_column(boats):
    a = ask(boats, "how many times was the crew listed as three?")
    assert a.status == "answered", a.text
    assert a.value == int((boats.Crew == 3).sum()) == 3
    a = ask(boats, "how many times was the crew listed as 2?")
    assert a.status == "answered", a.text
    assert a.value == int((boats.Crew == 2).sum())


def test_a_number_no_cell_holds_is_still_refused(boats):
    a = ask(boats, "how many boats have a seats of 9?")
    assert not (a.status == "answered" and a.value), a.text
    a = ask(boats, "how many boats had a refit of 1999?")
    assert a.status != "answered" or a.value == 0, a.text


def test_a_column_of_words_is_not_read_as_numbers():
    # mostly words: "3" is one odd cell, not the column's kind of value
    t = pd.DataFrame({"Club": ["Ash", "Birch", "Cedar", "Dale", "Elm"],
                      "Colour": ["Red", "Blue", "3", "Green", "Red"]})
    a = ask(t, "which club has a colour of 3?")
    assert a.status != "answered", a.text
