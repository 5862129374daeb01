"""Home and away games told by the opponent column's "at X" / "@ X" mark
(planner/home_away.py): "home games" are the bare names, "away" / "on the road" the marked
ones, a neutral "vs. X" neither. A table that records home and away in a column of its own,
or whose opponents carry no mark, is not read so. Expected values are computed with pandas
on the frames written here."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _schedule() -> pd.DataFrame:
    return pd.DataFrame({
        "Date": ["Sept. 2", "Sept. 9", "Sept. 16", "Sept. 23", "Sept. 30", "Oct. 7", "Oct. 14",
                 "Oct. 21"],
        "Opponent": ["Dorran Tech", "at Ferris Bay", "Halvern", "@ Kittering", "vs. Lowmoor",
                     "at Marsh Hill", "Norwick", "Penhallow"],
        "Result": ["W 31–7", "L 10–14", "W 21–20", "W 17–3", "L 0–28", "L 9–13", "W 42–6",
                   "L 14–17"],
        "Attendance": [18200, 30400, 17650, 26800, 41000, 22950, 19300, 18800],
    })


def _away(df: pd.DataFrame) -> pd.Series:
    return df.Opponent.str.match(r"(at\s|@)")


def _home(df: pd.DataFrame) -> pd.Series:
    return ~_away(df) & ~df.Opponent.str.startswith("vs.")


@pytest.mark.parametrize("question, rows", [
    ("how many wins came in home games?", lambda d: _home(d) & d.Result.str.startswith("W")),
    ("how many games were lost on the road?", lambda d: _away(d) & d.Result.str.startswith("L")),
    ("count the away games", _away),
    ("how many games did they lose when not at home?",
     lambda d: _away(d) & d.Result.str.startswith("L")),
    ("how many games were won away from home?",
     lambda d: _away(d) & d.Result.str.startswith("W")),
])
def test_home_and_away_games_are_counted_by_the_opponents_mark(question, rows):
    df = _schedule()
    a = ask(df, question)
    assert a.status == "answered", a.text
    assert a.value == int(rows(df).sum())


def test_the_counts_are_the_ones_written_here():
    df = _schedule()
    assert int(_home(df).sum()) == 4 and int(_away(df).sum()) == 3


def test_a_column_of_its_own_is_read_instead():
    venue = ["Home", "Home", "Home", "Away", "Neutral", "Away", "Away", "Home"]
    df = _schedule().assign(Venue=venue)
    a = ask(df, "number of home games they won")
    by_venue = int(((df.Venue == "Home") & df.Result.str.startswith("W")).sum())
    by_mark = int((_home(df) & df.Result.str.startswith("W")).sum())
    assert by_venue != by_mark
    assert a.status != "answered" or a.value == by_venue, a.text


def test_no_mark_on_the_opponents_leaves_home_unread():
    df = _schedule().assign(Opponent=lambda d: d.Opponent.str.replace(r"^(at |@ |vs\. )", "",
                                                                      regex=True))
    a = ask(df, "number of home games they won")
    assert a.status != "answered", a.text


def test_home_or_away_as_a_choice_is_not_read_as_one_side():
    a = ask(_schedule(), "were more games won at home or away?")
    assert a.status != "answered", a.text


def test_which_game_at_home_is_left_to_name_the_game():
    # a game is named by its date or by its opponent: no guess is added here
    a = ask(_schedule(), "which game at home drew the biggest crowd?")
    assert a.status != "answered", a.text


def _rematches() -> pd.DataFrame:
    return _schedule().assign(Opponent=["Dorran Tech", "at Ferris Bay", "Halvern",
                                        "at Dorran Tech", "vs. Lowmoor", "at Halvern",
                                        "Dorran Tech", "Penhallow"])


@pytest.mark.parametrize("question, name", [
    ("Dorran Tech was played how many times?", "Dorran Tech"),
    ("count the games played against Halvern", "Halvern"),
    ("what number of games were against Penhallow?", "Penhallow"),
])
def test_an_opponent_met_home_and_away_is_every_game_against_it(question, name):
    df = _rematches()
    a = ask(df, question)
    assert a.status == "answered", a.text
    assert a.value == int(df.Opponent.isin([name, f"at {name}"]).sum())


def test_an_opponent_named_with_its_mark_is_only_those_games():
    df = _rematches()
    a = ask(df, "count the games they played at Dorran Tech")
    assert a.status != "answered" or a.value == 1, a.text
