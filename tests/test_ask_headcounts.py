"""People counted as an amount: "how many people attended <a game>", "the number of
attendees at ...", "the number of fans in attendance" read the crowd column of a table of
events, not a count of its rows; a table whose rows are people still counts them. Small
tables written here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def games() -> pd.DataFrame:
    return pd.DataFrame({"Date": ["March 2", "March 9", "March 16", "March 23", "March 30",
                                  "April 6"],
                         "Opponent": ["Owls", "Hawks", "Lynx", "Moose", "Herons", "Elks"],
                         "Result": ["W 3-1", "L 0-2", "W 2-0", "D 1-1", "L 1-4", "W 5-2"],
                         "Attendance": [12040, 9880, 15310, 11020, 8760, 13900]})


@pytest.mark.parametrize("question", [
    "against the lynx, how many people attended that game?",
    "what was the number of spectators who attended the game against the lynx?",
    "give the number of attendees when the opponent was the lynx.",
])
def test_people_who_attended_read_the_crowd_column(games, question):
    a = ask(games, question)
    assert a.status == "answered", a.text
    assert a.value == games.loc[games.Opponent == "Lynx", "Attendance"].item() == 15310


def test_the_number_of_fans_in_attendance_ranks_by_the_crowd_column(games):
    a = ask(games, "which opponent had the smallest number of fans in attendance?")
    assert a.status == "answered", a.text
    assert a.value == games.loc[games.Attendance.idxmin(), "Opponent"] == "Herons"


def test_a_table_of_people_still_counts_people():
    people = pd.DataFrame({"Name": ["Ana", "Ben", "Cai", "Dov", "Eli"],
                           "Born": [1988, 1990, 1990, 1985, 1990],
                           "Visits": [3, 5, 2, 8, 1]})
    a = ask(people, "how many of these people were born in 1990?")
    assert a.status == "answered", a.text
    assert a.value == int((people.Born == 1990).sum()) == 3


def test_of_a_crowd_column_per_year_the_year_said_picks_one():
    fests = pd.DataFrame({"Name": ["Fest A", "Fest B", "Fest C"], "First held": [1990, 1995, 1999],
                          "2001 attendance": [1200, 700, 300],
                          "2003 attendance": [1500, 900, None]})
    a = ask(fests, "how many people attended fest b in 2001?")
    assert a.status == "answered", a.text
    assert a.value == 700
    assert ask(fests, "how many people attended fest a in 2003?").value == 1500
    # no year: a count of rows (1) would answer another question, so the reader asks
    b = ask(fests, "how many people attended fest c?")
    assert b.status == "needs_clarification"
    assert "2001 attendance" in b.text and "2003 attendance" in b.text
