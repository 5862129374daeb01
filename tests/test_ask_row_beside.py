"""The row next to one named by a condition read before (issue 12, table order): "the
previous fare for stop 4", "next after rank 12", "next under X on the chart", and "the
<column> next to X" read as X's own row; answers checked against the table, and the
readings kept refused."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _line() -> pd.DataFrame:
    return pd.DataFrame({
        "Stop": [1, 2, 3, 4, 5, 6],
        "Station": ["Quayside", "Mill Lane", "Orchard", "High Cross", "Beacon", "Fenwick"],
        "Zone": ["A", "A", "B", "B", "C", "C"],
        "Fare": [1.2, 1.4, 1.9, 2.1, 2.6, 2.8],
        "Opened": ["3 May 1901", "3 May 1901", "9 June 1903", "14 July 1905",
                   "2 April 1908", "30 May 1910"],
    })


def _answer(q: str):
    a = ask(_line(), q, name="stations")
    assert a.status == "answered", a.text
    return a


def test_the_column_asked_before_for_and_a_numbered_anchor():
    d = _line()
    a = _answer("what is the previous fare for stop 4?")
    assert a.value == d.Fare[d.Stop == 3].iloc[0] == 1.9
    assert "the row before the row where Stop is 4" in a.text


def test_next_after_a_numbered_anchor_and_the_rows_noun_asked():
    d = _line()
    assert _answer("which station would the next one be after stop 2?").value == \
        d.Station[2] == "Orchard"


def test_next_under_a_value_on_the_chart():
    d = _line()
    assert _answer("which station is next under high cross on the chart?").value == \
        d.Station[4] == "Beacon"


def test_the_row_after_a_day():
    d = _line()
    a = _answer("what was the fare of the next entry after the stop opened on 9 june 1903?")
    assert a.value == d.Fare[3] == 2.1


def test_next_to_a_value_of_another_column_is_its_own_row():
    d = _line()
    a = _answer("what zone is next to the station beacon?")
    assert a.value == d.Zone[d.Station == "Beacon"].iloc[0] == "C"


@pytest.mark.parametrize("q", [
    "what is the next fare before stop 4?",  # the direction words disagree
    "which station is the next one after stop 9?",  # no such row: said
])
def test_what_the_beside_reading_cannot_carry_is_refused(q):
    assert ask(_line(), q, name="stations").status != "answered"


def test_a_number_of_the_rows_own_numbering_names_the_anchor():
    d = pd.DataFrame({"No.": [3, 1, 2, 4], "Site": ["Elm Copse", "Ash Hollow", "Birch End",
                                                    "Oak Rise"]})
    a = ask(d, "which site comes previous to no. 4?")
    assert a.status == "answered", a.text
    # by the numbering (all different), not the table's order: no. 3 is Elm Copse
    assert a.value == d.Site[d["No."] == 3].iloc[0] == "Elm Copse"


def test_the_rows_own_noun_after_the_direction_word():
    d = _line()
    a = _answer("what was the next halt after orchard?")
    assert a.value == d.Station[3] == "High Cross"  # "halt" names no column: the rows
    # with another condition beside the anchor, the order meant is unclear: not answered
    assert ask(_line(), "what was the next halt after orchard in 1903?",
               name="stations").status != "answered"


def test_next_to_with_another_column_asked_is_the_same_row():
    d = _line()
    a = _answer("what is the zone next to mill lane?")
    assert a.value == d.Zone[d.Station == "Mill Lane"].iloc[0] == "A"
    # the same column asked: the station after it in the list
    assert _answer("which station is next to mill lane?").value == d.Station[2] == "Orchard"
