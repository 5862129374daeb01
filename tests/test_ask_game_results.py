"""One side's games (planner/game_results.py): the team played is the opponent column, "the
last loss" is the last row whose result is a loss, "this team" is the table's own side in a
count of results. Tables of several sides' games, another side's results and questions asking
for the outcome itself are refused. Expected values are computed with pandas on the frames
written here."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _season() -> pd.DataFrame:
    return pd.DataFrame({
        "Week": [1, 2, 3, 4, 5, 6, 7],
        "Date": ["August 30", "September 6", "September 13", "September 20", "September 27",
                 "October 4", "October 11"],
        "Opponent": ["Pinecrest Lynx", "at Harlow Otters", "Bramford Cranes",
                     "at Quillon Badgers", "Westmere Falcons", "at Ostby Hornets",
                     "Carrow Pike"],
        "Result": ["W 28–10", "L 13–20", "W 17–16", "L 6–31", "W 24–21", "L 9–12", "W 35–0"],
        "Attendance": [31200, 44100, 29850, 50300, 33400, 27600, 30100],
    })


def _won(df: pd.DataFrame, letter: str) -> pd.DataFrame:
    return df[df.Result.str.startswith(letter)]


@pytest.mark.parametrize("question, column, pick", [
    ("their last loss came in which week?", "Week", ("L", -1)),
    ("give the date of their first defeat", "Date", ("L", 0)),
    ("name the opponent of their last victory", "Opponent", ("W", -1)),
    ("what was the attendance at the first loss?", "Attendance", ("L", 0)),
])
def test_the_first_or_last_result_is_the_rows_of_that_outcome(question, column, pick):
    df = _season()
    a = ask(df, question)
    assert a.status == "answered", a.text
    letter, at = pick
    assert a.value == _won(df, letter)[column].iloc[at]


@pytest.mark.parametrize("question, row", [
    ("which team did they face after Bramford Cranes?", 3),
    ("what team did the club play in week 5?", 4),
    ("who did they play against in the last game?", 6),
    ("which team did the Kelso Rovers meet after Westmere Falcons?", 5),
    ("tell me the last team this club met", 6),
    ("who was the second-to-last side that the Kelso Rovers faced?", None),
    ("name the first opponent that they played against", 0),
    ("which team did this player play before Bramford Cranes?", 1),
])
def test_the_team_played_is_the_opponent_column(question, row):
    df = _season()
    a = ask(df, question)
    if row is None:  # an order this reading cannot take: refused, never the opponent column
        assert a.status != "answered", a.text
        return
    assert a.status == "answered", a.text
    assert a.value == df.Opponent.iloc[row].removeprefix("at ")  # "at X": played away


@pytest.mark.parametrize("question, letter", [
    ("how many matches did this team lose in all?", "L"),
    ("how many games did this club win during this season?", "W"),
])
def test_this_team_is_the_tables_own_side(question, letter):
    df = _season()
    a = ask(df, question)
    assert a.status == "answered", a.text
    assert a.value == len(_won(df, letter)) == (3 if letter == "L" else 4)


def test_several_sides_games_are_not_one_sides_opponents():
    df = _season().assign(Team=["Kelso Rovers", "Kelso Rovers", "Ardley Town", "Ardley Town",
                                "Kelso Rovers", "Ardley Town", "Kelso Rovers"])
    a = ask(df, "which team did they face after Bramford Cranes?")
    assert not (a.status == "answered" and a.value == df.Opponent.iloc[3])


@pytest.mark.parametrize("question", [
    "who did Harlow Otters play after Bramford Cranes?",   # an opponent's games: not the rows
    "the date of the first win by Carrow Pike",              # another side's win
    "did they finish the schedule with a win or a defeat?",  # the outcome itself
])
def test_another_sides_reading_is_refused(question):
    df = _season()
    a = ask(df, question)
    assert a.status != "answered", a.text


def test_a_result_column_needed_for_a_result_noun():
    df = _season().assign(Result=["28–10", "13–20", "17–16", "6–31", "24–21", "9–12", "35–0"])
    a = ask(df, "which week had their last loss?")
    assert a.status != "answered", a.text


def test_no_opponent_column_leaves_the_team_unread():
    df = _season().rename(columns={"Opponent": "Venue"})
    a = ask(df, "which team did they face after Bramford Cranes?")
    assert a.status != "answered", a.text


def test_a_verb_matched_inside_a_longer_value_is_still_the_verb():
    df = _season().assign(Stage=["Group", "Group", "Group", "Play-off", "Play-off", "Final",
                                 "Final"])
    a = ask(df, "which team did they play after Westmere Falcons?")
    assert a.status == "answered", a.text
    assert a.value == "Ostby Hornets"


@pytest.mark.parametrize("question, column, pick", [
    ("the first game the club won was on what date?", "Date", ("W", 0)),
    ("name the opponent in the last match the team lost", "Opponent", ("L", -1)),
    ("which week had the last game in which they lost?", "Week", ("L", -1)),
    ("show the attendance of the first game won", "Attendance", ("W", 0)),
    ("date of their first game won by the Kelso Rovers?", "Date", ("W", 0)),
])
def test_the_first_or_last_game_of_a_result(question, column, pick):
    df = _season()
    a = ask(df, question)
    assert a.status == "answered", a.text
    letter, at = pick
    want = _won(df, letter)[column].iloc[at]
    assert a.value == (want.removeprefix("at ") if column == "Opponent" else want)


@pytest.mark.parametrize("question", [
    "the first game won by Carrow Pike was on what date?",  # another side may be meant
    "the first game Harlow Otters won was on what date?",  # an opponent's win
])
def test_the_first_game_of_another_sides_result_is_refused(question):
    a = ask(_season(), question)
    assert a.status != "answered", a.text


def _two_seasons() -> pd.DataFrame:
    return pd.DataFrame({
        "Date": ["October 4, 2003", "October 11, 2003", "October 18, 2003", "October 2, 2004",
                 "October 9, 2004", "October 16, 2004"],
        "Opponent": ["Pinecrest Lynx", "at Harlow Otters", "Bramford Cranes", "Westmere Falcons",
                     "at Ostby Hornets", "Carrow Pike"],
        "Result": ["W 14–7", "W 20–3", "L 3–10", "L 0–21", "W 28–27", "L 13–17"],
    })


def test_a_season_year_before_the_own_side_name_is_that_years_games():
    df = _two_seasons()
    a = ask(df, "how many matches did the 2003 Kelso Rovers win?")
    assert a.status == "answered", a.text
    assert a.value == int((df.Date.str.endswith("2003") & df.Result.str.startswith("W")).sum())


def test_a_season_year_nothing_reads_is_not_swallowed_into_the_name():
    a = ask(_season(), "how many matches did the 1962 Kelso Rovers win?")  # no year in the data
    assert a.status != "answered", a.text


@pytest.mark.parametrize("question, letter, at", [
    ("list the teams they lost to", "L", None),
    ("name the first opponent they beat", "W", 0),
    ("which team did the Kelso Rovers lose to in week 4?", "L", 3),
])
def test_the_team_beaten_or_lost_to_is_the_opponent_of_that_result(question, letter, at):
    df = _season()
    a = ask(df, question)
    assert a.status == "answered", a.text
    names = [o.removeprefix("at ") for o in _won(df, letter).Opponent]
    if at is None:
        assert sorted(a.value) == sorted(names)
    elif at == 0:
        assert a.value == names[0]
    else:
        assert a.value == df.Opponent.iloc[at].removeprefix("at ")


def test_a_result_verb_needs_one_result_column():
    df = _season().assign(Result=["28–10", "13–20", "17–16", "6–31", "24–21", "9–12", "35–0"])
    a = ask(df, "name the first opponent they beat")
    assert a.status != "answered", a.text
