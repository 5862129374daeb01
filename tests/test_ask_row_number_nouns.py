"""A column that numbers the rows ("Week" 1..n, "Episode" 1..n) is the rows' own noun when
the question counts it: "how many weeks had attendance over 50000" counts the rows, it does
not ask for one week's number. Columns of amounts named like the noun keep their reading.
Small tables written here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask
from nbdatachat.planner.row_nouns import row_numbers
from nbdatachat.query import open_source


@pytest.fixture(scope="module")
def season() -> pd.DataFrame:
    return pd.DataFrame({"Week": range(1, 9),
                         "Opponent": ["Hawks", "Owls", "Bears", "Lions", "Owls", "Rams",
                                      "Hawks", "Elks"],
                         "Attendance": [40100, 52300, 61000, 30500, 55800, 45200, 70400,
                                        20900]})


@pytest.fixture(scope="module")
def episodes() -> pd.DataFrame:
    return pd.DataFrame({"Episode": range(1, 8),
                         "Title": ["Dawn", "Tide", "Ember", "Frost", "Gale", "Haze", "Ice"],
                         "Director": ["Ann Roe", "Bo Lake", "Ann Roe", "Cy Moor", "Ann Roe",
                                      "Bo Lake", "Cy Moor"],
                         "Viewers (millions)": [5.1, 4.2, 6.3, 3.3, 4.8, 5.5, 2.9]})


@pytest.fixture(scope="module")
def race() -> pd.DataFrame:
    return pd.DataFrame({"Pos": range(1, 9),
                         "Driver": ["Ann Lowe", "Bo Park", "Cy Dunn", "Di Moss", "Ed Kerr",
                                    "Fay Lin", "Gus Hart", "Hal Ives"],
                         "Laps": [200, 200, 199, 198, 150, 120, 88, 3],
                         "Points": [25, 18, 15, 12, 10, 8, 6, 4]})


@pytest.mark.parametrize("question, op", [
    ("how many weeks had attendance over 50000", "gt"),
    ("in how many weeks was attendance over 50000?", "gt"),
    ("how many weeks had attendance under 50000?", "lt"),
])
def test_weeks_counted_are_the_rows(season, question, op):
    a = ask(season, question)
    assert a.status == "answered", a.text
    expected = int(getattr(season.Attendance, op)(50000).sum())
    assert a.value == expected == 4


def test_weeks_against_one_opponent_are_counted(season):
    a = ask(season, "how many weeks did they play the Owls?")
    assert a.status == "answered", a.text
    assert a.value == int((season.Opponent == "Owls").sum()) == 2


def test_the_reading_says_the_column_numbers_the_rows(season):
    a = ask(season, "how many weeks had attendance over 50000")
    assert any("'Week' numbers them" in n for n in a.notes), a.notes


def test_every_week_counted(season):
    a = ask(season, "how many weeks are there?")
    assert a.status == "answered", a.text
    assert a.value == len(season)


@pytest.mark.parametrize("question, expected", [
    ("how many episodes did Ann Roe direct?", ("Director", "Ann Roe")),
    ("in how many episodes was the director Bo Lake?", ("Director", "Bo Lake")),
])
def test_episodes_picked_by_a_value(episodes, question, expected):
    a = ask(episodes, question)
    assert a.status == "answered", a.text
    col, value = expected
    assert a.value == int((episodes[col] == value).sum())


def test_episodes_over_a_threshold(episodes):
    a = ask(episodes, "how many episodes had more than 5 million viewers?")
    assert a.status == "answered", a.text
    assert a.value == int((episodes["Viewers (millions)"] > 5).sum()) == 3


def test_a_gap_in_the_numbers_still_numbers_the_rows(season):
    bye = season.assign(Week=[1, 2, 3, 4, 6, 7, 8, 9])  # week 5 off: no row
    a = ask(bye, "how many weeks had attendance over 50000")
    assert a.status == "answered", a.text
    assert a.value == int((bye.Attendance > 50000).sum())


def test_a_column_of_amounts_named_like_the_noun_stays_a_cell(race):
    a = ask(race, "how many laps did Ed Kerr have?")
    assert a.status == "answered", a.text
    assert a.value == int(race.loc[race.Driver == "Ed Kerr", "Laps"].iloc[0]) == 150


def test_a_column_of_amounts_is_still_summed(race):
    a = ask(race, "how many laps in total?")
    assert a.status == "answered", a.text
    assert a.value == int(race.Laps.sum())


def test_rounds_that_do_not_number_the_rows_are_not_the_rows():
    bouts = pd.DataFrame({"Opponent": ["Ari Vale", "Ben Cole", "Cal Dune", "Dan Ross",
                                       "Eli Park", "Finn Hale"],
                          "Result": ["Win", "Loss", "Win", "Win", "Loss", "Win"],
                          "Round": [1, 3, 2, 1, 3, 5]})
    a = ask(bouts, "how many rounds against Cal Dune?")
    assert a.status == "answered", a.text  # the round cell, not a count of one row
    assert a.value == int(bouts.loc[bouts.Opponent == "Cal Dune", "Round"].iloc[0]) == 2
    a = ask(bouts, "how many rounds had a win?")  # 4 wins: not a count of rows
    assert a.status != "answered", a.text


def test_row_numbers_needs_a_run_from_one_with_the_row_count(season, race):
    s = open_source(season, name="season").schema
    assert row_numbers(s, "Week")
    assert not row_numbers(s, "Attendance")
    shifted = open_source(season.assign(Week=range(11, 19)), name="shifted").schema
    assert not row_numbers(shifted, "Week")
    r = open_source(race, name="race").schema
    assert row_numbers(r, "Pos") and not row_numbers(r, "Laps")


def test_a_short_tally_that_runs_one_to_n_by_chance_is_still_a_tally():
    # Wins 2, 1, 4, 3, 2: nearly 1..n in five rows, but wins add up; the rows are seasons
    seasons = pd.DataFrame({"Year": [1988, 1989, 1990, 1991, 1992],
                            "Team": ["Reds", "Reds", "Blues", "Blues", "Greens"],
                            "Wins": [2, 1, 4, 3, 2]})
    a = ask(seasons, "how many wins did the reds have?")
    assert a.status == "answered", a.text
    assert a.value == 3
    assert ask(seasons, "how many wins did the reds have in 1988?").value == 2
