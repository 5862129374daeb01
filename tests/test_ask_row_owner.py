"""The column asked for about a row picked by its place, when the question names two.

"the captain of the last boat" and "the last boat's captain" ask for the captain: the boat
only says which row (the last one). Without an "of" or a possessive ("the last boat
captain") either column could be meant, so the reader still asks.
"""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _fleet() -> pd.DataFrame:
    return pd.DataFrame({
        "Boat": ["Seagull", "Albatross", "Pelican", "Heron"],
        "Captain": ["Ann Ray", "Bo Lin", "Cy Dunn", "Di Moss"],
        "Length": [12, 15, 11, 14],
    })


@pytest.mark.parametrize("q, col, row", [
    ("who is the last boat's captain?", "Captain", -1),
    ("who was the last boats captain?", "Captain", -1),
    ("who is the captain of the first boat?", "Captain", 0),
    ("what is the length of the last boat?", "Length", -1),
    ("tell me the length of the first boat", "Length", 0),
])
def test_the_owned_column_answers(q, col, row):
    a = ask(_fleet(), q)
    assert a.status == "answered", a.text
    assert a.value == _fleet()[col].iloc[row]
    assert a.plan.columns == [col]


def test_no_possessive_still_asks():
    a = ask(_fleet(), "who is the last boat captain?")
    assert a.status == "needs_clarification", a.text
    assert "Boat" in a.text and "Captain" in a.text


def _records() -> pd.DataFrame:
    return pd.DataFrame({
        "Pressed": [1991, 1988, 1996, 1990],
        "Record": ["Blue Hour", "Paper Kites", "Low Tide", "Salt Road"],
        "Level": ["Grade 3", "Grade 1", "Grade 2", "Grade 1"],
        "Studio": ["North", "South", "North", "East"],
    })


@pytest.mark.parametrize("q, want", [
    ("what year was the first record pressed?", 1988),  # pressed first: the earliest year
    ("what year was the last record pressed?", 1996),
])
def test_what_year_takes_the_column_of_years(q, want):
    a = ask(_records(), q)
    assert a.status == "answered", a.text
    assert a.value == want
    assert a.plan.columns == ["Pressed"]


@pytest.mark.parametrize("q, row", [
    ("which is the first grade shown in the table?", 0),
    ("what was the last grade listed?", -1),
])
def test_a_noun_the_values_are_written_with(q, row):
    a = ask(_records(), q)
    assert a.status == "answered", a.text
    assert a.value == _records()["Level"].iloc[row]
    assert a.plan.columns == ["Level"]


def test_two_columns_written_with_the_noun_still_ask():
    t = _records().assign(Studio=["Grade 5", "Grade 6", "Grade 5", "Grade 7"])
    a = ask(t, "what was the last grade listed?")
    assert a.status == "needs_clarification", a.text
    assert "Level" in a.text and "Studio" in a.text


def test_the_name_of_the_first_row_still_asks():
    t = pd.DataFrame({"Name": ["Ivo Sark", "Lea Pohl"], "Team": ["Rovers", "Harriers"],
                      "Goals": [4, 7]})
    for q in ("so, name of the first team?", "and the first team's name?"):
        a = ask(t, q)
        assert a.status != "answered" or a.value == "Rovers", a.text


def _launches() -> pd.DataFrame:
    return pd.DataFrame({
        "Boat": ["Seagull", "Albatross", "Pelican", "Heron"],
        "Launched": ["May 3, 1990", "June 1, 1985", "July 9, 1999", "Jan 2, 1993"],
        "Crew": [3, 5, 4, 6],
    })


@pytest.mark.parametrize("q, want", [
    ("what was the first boat launched?", "Albatross"),  # earliest launch, not row 1
    ("and the last boat launched?", "Pelican"),
])
def test_a_participle_after_the_noun_orders_by_its_time(q, want):
    a = ask(_launches(), q)
    assert a.status == "answered", a.text
    assert a.value == want
    assert a.plan.columns == ["Boat"]


@pytest.mark.parametrize("q, want", [
    ("which one comes last in this table", "Heron"),
    ("which is first on the list?", "Seagull"),
])
def test_which_one_listed_is_the_rows_name(q, want):
    a = ask(_launches(), q)
    assert a.status == "answered", a.text
    assert a.value == want


def test_the_first_name_is_the_name_column():
    t = pd.DataFrame({"Pos": [1, 2, 3], "Name": ["Ola Berg", "-", "Kai Lund"],
                      "Club": ["Vale", "-", "Ridge"]})
    a = ask(t, "what is the first name shown?")
    assert a.status == "answered", a.text
    assert a.value == "Ola Berg"
