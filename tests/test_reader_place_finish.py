"""A finishing place said in words ("came in last place", "finished in 3rd place") is read as
a value of the table's one column of places (planner/place_finish.py): first..tenth and "4th"
are that number, "last" the greatest place and "second to last" the one before it. "Last" is
not read when places tie or another condition narrows the rows, and a table without one clear
place column is still refused. Small tables written here; expected values come from pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask
from nbdatachat.planner.place_finish import place_form
from nbdatachat.planner.schema import SchemaModel
from nbdatachat.query.source import open_source


@pytest.fixture(scope="module")
def regatta() -> pd.DataFrame:
    return pd.DataFrame({
        "Boat": ["Kestrel", "Marlin", "Osprey", "Pelican", "Heron", "Gannet"],
        "Skipper": ["Ida Moss", "Jon Pratt", "Kay Wills", "Lou Berg", "Max Olin", "Nia Ruiz"],
        "Finish": ["3rd", "1st", "6th", "2nd", "5th", "4th"],
        "Points": [38, 50, 21, 44, 27, 31]})


@pytest.fixture(scope="module")
def league() -> pd.DataFrame:
    return pd.DataFrame({
        "Season": ["2014/15", "2015/16", "2016/17", "2017/18", "2018/19"],
        "Tier": [2, 2, 3, 3, 2],
        "Place": [4, 12, 1, 9, 12]})


def test_first_place(regatta):
    a = ask(regatta, "which boat came in first place?")
    assert a.status == "answered", a.text
    assert list(a.table["Boat"]) == list(regatta.Boat[regatta.Finish == "1st"]) == ["Marlin"]


def test_last_place(regatta):
    a = ask(regatta, "who was the skipper that finished in last place?")
    assert a.status == "answered", a.text
    assert "Kay Wills" in a.text


def test_second_to_last_place(regatta):
    a = ask(regatta, "which boat took the second to last place?")
    assert a.status == "answered", a.text
    assert list(a.table["Boat"]) == ["Heron"]


def test_a_numbered_place_counted(league):
    a = ask(league, "how many seasons finished in 12th place?")
    assert a.status == "answered", a.text
    assert a.value == int((league.Place == 12).sum()) == 2


def test_last_place_tied_is_refused(league):
    a = ask(league, "which season finished in last place?")
    assert a.status != "answered", a.text
    assert ask(league, "which season finished in 9th place?").status == "answered"


def test_last_place_among_some_rows_is_refused(regatta):
    schema = open_source(regatta).schema
    assert place_form("which boat with over 30 points came in last place?", schema) is not None
    a = ask(regatta, "which boat with over 30 points came in last place?")
    assert a.status != "answered", a.text


def test_no_place_column_is_refused():
    crews = pd.DataFrame({"Boat": ["Kestrel", "Marlin", "Osprey"], "Points": [38, 50, 21]})
    a = ask(crews, "which boat came in first place?")
    assert a.status != "answered", a.text


def test_two_place_columns_are_not_chosen_between():
    two = pd.DataFrame({"Boat": ["Kestrel", "Marlin", "Osprey"], "Start position": [1, 2, 3],
                        "Final position": [2, 3, 1]})
    assert place_form("which boat came in first place?", open_source(two).schema) is None
    a = ask(two, "which boat came in first place?")
    assert a.status != "answered", a.text


def test_the_rewrite_itself(regatta):
    schema: SchemaModel = open_source(regatta).schema
    alt, col, bottom = place_form("which boat came in last place?", schema)
    assert (alt, col, bottom) == ("which boat had a Finish of 6th?", "Finish", True)
    assert place_form("which boat came in 9th place?", schema) is None  # no 9th place
    assert place_form("the result is first place", schema) is None
