"""Rows named by a column of whole numbers and one of its numbers ("week 4", "game #8",
"pick number 5"): the rows with that number, checked against pandas; and the readings that
must not answer (a count that would say 1, a list of three compared two at a time)."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _season() -> pd.DataFrame:
    return pd.DataFrame({
        "Week": [1, 2, 3, 4, 5, 6, 7, 8],
        "Opponent": ["Rams", "Jets", "Colts", "Bears", "Lions", "Hawks", "Saints", "Bills"],
        "Attendance": [50210, 52118, 48003, 61544, 47250, 53006, 55190, 49871],
    })


def _draft() -> pd.DataFrame:
    return pd.DataFrame({
        "Pick #": [50, 51, 52, 53, 54],
        "Player": ["Ames", "Brook", "Cole", "Dunn", "Eby"],
        "Nationality": ["Norway", "Sweden", "France", "Norway", "Finland"],
        "Division": [2, 1, 2, 3, 2],
    })


@pytest.mark.parametrize("question", ["what was the attendance in week 4?",
                                      "attendance for week 4",
                                      "what was the attendance at week #4?"])
def test_a_column_then_its_number_picks_the_row(question):
    df = _season()
    a = ask(df, question)
    assert a.status == "answered", a.text
    assert a.value == df.loc[df.Week == 4, "Attendance"].item()
    assert "Week is 4" in a.interpretation


def test_who_and_several_rows():
    df, draft = _season(), _draft()
    a = ask(df, "who was the opponent in week 6?")
    assert a.status == "answered" and a.value == "Hawks"
    b = ask(draft, "which player was pick number 52?")
    assert b.status == "answered" and b.value == "Cole"
    assert ask(draft, "what was the nationality of pick #52?").value == "France"
    c = ask(draft, "how many players were in division 2?")
    assert c.status == "answered" and c.value == int((draft.Division == 2).sum()) == 3


def test_numbers_outside_the_column_or_years_are_not_rows():
    df = _season()
    a = ask(df, "what was the attendance in week 12?")
    assert a.status != "answered"  # no week 12: not "no rows", a question back
    years = pd.DataFrame({"Year": [2001, 2002, 2003], "Wins": [5, 9, 7]})
    b = ask(years, "how many wins in year 2002?")
    assert b.status == "answered" and b.value == 9


def test_counting_the_one_row_a_number_names_is_refused():
    a = ask(_season(), "what was the number of goals in week 3?")
    assert a.status != "answered"
    assert "single row" in a.text


def test_three_values_compared_two_at_a_time_is_refused():
    a = ask(_draft(), "was pick 52's nationality france, sweden, or norway?")
    assert a.status != "answered"
    assert "3 values of Nationality" in a.text


def test_a_looked_up_year_prints_as_a_year():
    built = pd.DataFrame({"Building": ["Tower", "Mill", "Plaza"], "Year": ["2008", "1921", "—"]})
    a = ask(built, "what year was the mill built?")
    assert a.status == "answered" and a.value == 1921
    assert "1921" in a.text and "1,921" not in a.text


def _players() -> pd.DataFrame:
    return pd.DataFrame({
        "Name": list("ABCDEFGHIJKL"), "Team": list("XYXYZZXYXYZZ"),
        "Height": [180, 190, 175, 200, 185, 170, 181, 182, 183, 184, 186, 187],
        "Born": [2004, 1993, 1999, 2002, 1996, 1989, 2003, 2002, 2001, 2000, 1998, 1997]})


def test_which_group_had_the_tallest_row():
    df = _players()
    a = ask(df, "which team had the tallest player?")
    assert a.status == "answered", a.text
    assert a.value == df.loc[df.Height.idxmax(), "Team"] == "Y"


def test_the_oldest_is_the_earliest_born_when_no_age_column():
    df = _players()
    a = ask(df, "who was the oldest athlete?")
    assert a.status == "answered" and a.value == df.loc[df.Born.idxmin(), "Name"] == "F"
    assert "1989" in a.text and "1,989" not in a.text
    b = ask(df, "which team had the youngest player?")
    assert b.value == df.loc[df.Born.idxmax(), "Team"] == "X"
    # an age column of any kind (here text) means age at some event: not the birth year
    aged = df.assign(**{"Age at debut": [f"{19 + i % 5} years, {i} days" for i in range(12)]})
    c = ask(aged, "who was the oldest athlete?")
    assert "Born" not in (c.interpretation or ""), c.interpretation
