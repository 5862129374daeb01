""""How long" read past words the cells do not name (issue 12, :mod:`planner.how_long`):
a name of the table's own subject no cell holds ("how long has <a name> been <verb>ing":
the table's span of years), and a plain noun beside the row's value naming what kind of
row it is ("how long is the *tune* <title>": the row's length cell). Refused: "how long
did <a name> <verb>" (some count those years inclusively), a name between other words, a
noun that is not beside the value."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _roles() -> pd.DataFrame:
    # the stage roles of an imaginary actor, one row per production
    return pd.DataFrame({
        "Year": ["1983", "1985", "1985", "1990", "1996", "1999"],
        "Production": ["Glass Orchard", "The Salt Clerk", "Nine Lanterns", "Owl Street",
                       "Copper Moon", "The Last Ferry"],
        "Part": ["Tomas", "Clerk", "Watchman", "Elder Rook", "Narrator", "Ferryman"],
    })


def _tunes() -> pd.DataFrame:
    # a made-up record's running order
    return pd.DataFrame({
        "No.": [1, 2, 3, 4, 5],
        "Title": ["Harbor Lights", "Quiet Road", "Paper Kite", "Tin Roof", "Slow River"],
        "Writer": ["Mae Lund", "Rex Abel", "Mae Lund", "Ola Fisk", "Rex Abel"],
        "Length": ["3:45", "4:10", "2:58", "5:02", "4:00"],
    })


def _value(a):
    assert a.status == "answered", a.text
    return a.value


@pytest.mark.parametrize("q", [
    "how long has Ilse Marwen been performing?",
    "how long has marwen been acting?",
    "how long have this troupe been performing?",
])
def test_a_name_no_cell_holds_is_the_tables_subject(q):
    d = _roles()
    a = ask(d, q)
    assert _value(a) == 1999 - 1983
    assert "Year" in a.text


@pytest.mark.parametrize("q", [
    "how long did Ilse Marwen perform?",  # 1983 to 1999: sixteen years, or seventeen?
    "how long has Ilse Marwen been performing in Verdale?",  # a place no cell holds
    "how long has Ilse Marwen been a teacher?",  # no verb of being active
    "how many years has Ilse Marwen been acting?",  # may count the years she acted
])
def test_a_named_subject_outside_that_form_is_not_read_as_the_span(q):
    a = ask(_roles(), q)
    assert a.status != "answered" and a.value is None, a.text


def test_a_name_the_table_holds_is_its_row_not_the_tables_subject():
    d = _roles()
    d["Year"] = [1983, 1985, 1985, 1990, 1996, 1999]
    a = ask(d, "how long has Narrator been acting?")
    assert a.value != 16


@pytest.mark.parametrize("q, want", [
    ("how long is the tune Paper Kite?", "2:58"),
    ('how long is the number "Tin Roof"?', "5:02"),
    ("how long was the Quiet Road piece?", "4:10"),
    ("how long is the tune Slow River by Rex Abel?", "4:00"),
])
def test_a_noun_beside_the_rows_value_names_its_kind(q, want):
    a = ask(_tunes(), q)
    assert _value(a) == want
    assert "Length" in a.text


@pytest.mark.parametrize("q", [
    "how long is the tune?",  # no row named
    "how long is the intro of Paper Kite?",  # a part of the row: not beside the value
    "how long is Paper Kite remastered?",  # a word after the value, not after "the <value>"
])
def test_a_noun_not_beside_a_value_stays_unread(q):
    a = ask(_tunes(), q)
    assert a.status != "answered" and a.value is None, a.text


def _meets() -> pd.DataFrame:
    # one imaginary runner's results: her time in the notes
    return pd.DataFrame({
        "Year": [2003, 2003, 2005, 2007, 2007],
        "Competition": ["Lakeland Games", "Coast Cup", "Lakeland Games", "Coast Cup",
                        "Hill Trophy"],
        "Venue": ["Orvik", "Sandra Bay", "Tolle", "Sandra Bay", "Merrow"],
        "Event": ["10 km", "Half marathon", "10 km", "Half marathon", "10 km"],
        "Notes": ["33:12", "1:14:40", "32:48", "1:12:05", "33:30"],
    })


@pytest.mark.parametrize("q, want", [
    ("how long did it take Wenna Thorley to run the 10 km at the Lakeland Games in 2005?",
     "32:48"),
    ("how long does it take for Thorley to finish the half marathon in 2007?", "1:12:05"),
    ("how long did Wenna take to finish at Merrow?", "33:30"),
])
def test_a_name_no_cell_holds_is_the_one_timed_and_the_values_name_the_row(q, want):
    a = ask(_meets(), q)
    assert _value(a) == want
    assert "Notes" in a.text


@pytest.mark.parametrize("q", [
    "how long did it take Wenna Thorley to run the 10 km?",  # three rows: which one?
    "how long did it take Wenna Thorley to finish?",  # no row named
    "how long did the tall Wenna Thorley from Orvik take to finish?",  # not a name
])
def test_a_named_doer_without_one_row_is_not_answered(q):
    a = ask(_meets(), q)
    assert a.status != "answered" and a.value is None, a.text


def test_a_name_missing_from_a_column_of_names_is_not_read_as_the_one_timed():
    d = _meets().assign(Runner=["Ula Brisk", "Vera Tamm", "Ula Brisk", "Wynn Ash",
                                "Vera Tamm"])
    a = ask(d, "how long did it take Zora Pell to run the 10 km at the Lakeland Games in "
               "2005?")
    assert a.status != "answered" and a.value is None, a.text


def test_a_name_missing_from_a_column_of_names_is_not_the_tables_subject():
    d = _roles().assign(Director=["Ann Vell", "Bo Rusk", "Ann Vell", "Cy Dorne", "Bo Rusk",
                                  "Cy Dorne"])
    a = ask(d, "how long has Ilse Marwen been performing?")
    assert a.status != "answered" and a.value is None, a.text
