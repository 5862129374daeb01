"""A general word for a person ("player", "athlete", "competitor") names the rows of a table of
people (planner/person_rows.py): "name an athlete who ...", "the only Danish competitor". It
stays unread after a number or a word of degree, before "of" or "to", over a table whose
rows are not people, and over a column of names headed by something else ("Name of boat").
Small tables written here; expected values come from pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def squad() -> pd.DataFrame:
    return pd.DataFrame({
        "Name": ["Ada Quill", "Bo Trent", "Cy Marsh", "Di Olsen", "Ed Pike", "Flo Reyes"],
        "Nationality": ["Denmark", "Chile", "Chile", "Norway", "Chile", "Norway"],
        "Caps": [12, 40, 7, 25, 3, 18],
        "Goals": [0, 9, 1, 4, 0, 2]})


def test_the_only_athlete_of_a_nation(squad):
    a = ask(squad, "who is the only danish athlete?")
    assert a.status == "answered", a.text
    assert "Ada Quill" in a.text
    assert list(squad.Name[squad.Nationality == "Denmark"]) == ["Ada Quill"]


def test_name_a_competitor_with_no_goals(squad):
    a = ask(squad, "name a competitor that scored no goals.")
    assert a.status == "answered", a.text
    assert a.value in set(squad.Name[squad.Goals == 0])


def test_the_only_player_of_a_nation_above_a_number(squad):
    a = ask(squad, "who was the only norwegian player with more than 20 caps?")
    assert a.status == "answered", a.text
    assert list(squad.Name[(squad.Nationality == "Norway") & (squad.Caps > 20)]) == ["Di Olsen"]
    assert "Di Olsen" in a.text


def test_a_count_of_people_is_not_the_rows(squad):
    a = ask(squad, "which nation had at least three athletes with caps?")
    assert a.status != "answered", a.text


def test_a_clause_after_the_noun_is_not_read_past(squad):
    a = ask(squad, "which nation fielded the player to score 9 goals?")
    assert a.status != "answered", a.text


def test_a_title_is_not_the_rows():
    awards = pd.DataFrame({
        "Season": ["2015", "2016", "2017", "2018"],
        "Name": ["Ada Quill", "Bo Trent", "Ada Quill", "Cy Marsh"],
        "Club": ["Vale", "Brook", "Vale", "Fen"]})
    a = ask(awards, "in which season was bo trent named player of the season?")
    assert a.status != "answered", a.text


def test_rows_that_are_not_people_keep_the_word_unread():
    boats = pd.DataFrame({"Name of boat": ["Sea Lark", "Red Kite", "Blue Wren", "Grey Owl"],
                          "Flag": ["Denmark", "Chile", "Chile", "Norway"],
                          "Length": [12, 15, 9, 11]})
    a = ask(boats, "who was the only danish player?")
    assert a.status != "answered", a.text
    assert "player" in a.text
