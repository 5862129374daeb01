""""the team" as the one team a whole table is about (planner/team_subject.py): over a club's
seasons, a side's fixtures or a roster with no column of teams, "the team" is read past; a
table with a column of teams (Club, Nation ...) leaves it unread and refuses. Also "the
number of wins" that no rule reads is an unread word (coverage), not a verb read past. Small
tables written here; expected values come from pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def seasons() -> pd.DataFrame:
    return pd.DataFrame({
        "Season": ["2011–12", "2012–13", "2013–14", "2014–15", "2015–16", "2016–17"],
        "Tier": [3, 3, 2, 2, 3, 2],
        "Division": ["Third Ring", "Third Ring", "Second Ring", "Second Ring", "Third Ring",
                     "Second Ring"],
        "Place": ["3rd", "1st", "7th", "3rd", "2nd", "3rd"]})


@pytest.fixture(scope="module")
def roster() -> pd.DataFrame:
    return pd.DataFrame({
        "Name": ["Ada Quill", "Bo Trent", "Cy Marsh", "Di Olsen", "Ed Pike"],
        "Position": ["Guard", "Forward", "Guard", "Center", "Forward"],
        "Weight": [81, 95, 78, 110, 92]})


@pytest.fixture(scope="module")
def fixtures() -> pd.DataFrame:
    return pd.DataFrame({
        "Date": ["2019-04-06", "2019-04-13", "2019-05-04", "2019-05-11", "2019-05-25"],
        "Opponent": ["Larks", "Herons", "Owls", "Finches", "Rooks"],
        "Result": ["W 3–1", "L 0–2", "W 2–0", "D 1–1", "W 4–2"],
        "Attendance": [1200, 950, 1430, 1010, 1600]})


def test_times_the_team_finished_a_place(seasons):
    a = ask(seasons, "in how many of its seasons did the team place 3rd?")
    assert a.status == "answered", a.text
    assert a.value == int((seasons.Place == "3rd").sum()) == 3
    assert "team" in str(a.interpretation)


def test_the_teams_divisions_counted(seasons):
    a = ask(seasons, "how many distinct divisions was the team part of?")
    assert a.status == "answered", a.text
    assert a.value == seasons.Division.nunique() == 2


def test_the_team_on_a_roster(roster):
    a = ask(roster, "how many guards are on the team?")
    assert a.status == "answered", a.text
    assert a.value == int((roster.Position == "Guard").sum()) == 2


def test_the_club_over_fixtures(fixtures):
    a = ask(fixtures, "how many matches did the club play in may?")
    assert a.status == "answered", a.text
    assert a.value == int(fixtures.Date.str.startswith("2019-05").sum()) == 3


def test_a_column_of_clubs_keeps_team_unread():
    career = pd.DataFrame({
        "Season": ["2010", "2011", "2012", "2013"],
        "Club": ["Vale Town", "Vale Town", "Brook United", "Brook United"],
        "Goals": [4, 9, 2, 7]})
    a = ask(career, "how many goals did the team score in 2012?")
    assert a.status != "answered", a.text
    assert "team" in a.text


def test_the_team_picked_out_stays_unread(seasons):
    a = ask(seasons, "what place did the team with the fewest points get?")
    assert a.status != "answered", a.text


def test_rows_not_one_teams_record_keep_team_unread():
    towns = pd.DataFrame({"Town": ["Arlo", "Brisk", "Colm", "Dunn"],
                          "Population": [1200, 5400, 800, 3100]})
    a = ask(towns, "what is the population where the team plays?")
    assert a.status != "answered", a.text


def test_number_of_wins_nobody_read_is_refused():
    coaches = pd.DataFrame({
        "Season": [2001, 2002, 2003, 2004],
        "Coach": ["Ray Holt", "Ray Holt", "Sam Birch", "Sam Birch"],
        "Record": ["7–3", "5–5", "8–2", "6–4"]})
    a = ask(coaches, "their number of wins in the 2003 season?")
    assert a.status != "answered", a.text
    assert "wins" in a.text
