"""Over a schedule (one row per game, a date on every row), "what date was the fixture with
the most spectators" picks the one game with the highest value and gives its date, where
"which date had the most spectators" alone groups the dates. Refused when two games share a
date or the noun is qualified by a word no rule reads. Small tables written here; expected
values computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def fixtures() -> pd.DataFrame:
    return pd.DataFrame({
        "Date": ["3 March 2031", "9 March 2031", "16 March 2031", "22 March 2031",
                 "30 March 2031", "6 April 2031", "13 April 2031", "20 April 2031"],
        "Opponent": ["Harbour Town", "Millbrook", "Stonebridge", "Ashvale", "Kingsford",
                     "Harbour Town", "Oakridge", "Millbrook"],
        "Venue": ["H", "A", "H", "A", "H", "A", "H", "A"],
        "Result": ["2-1", "0-0", "1-3", "4-2", "1-1", "0-2", "3-0", "2-2"],
        "Attendance": [5120, 7310, 4890, 9020, 6100, 8450, 3980, 7730]})


def _date_of(df: pd.DataFrame, idx) -> pd.Timestamp:
    return pd.Timestamp(df.loc[idx, "Date"])


@pytest.mark.parametrize("question, pick", [
    ("what date was the fixture with the most spectators in attendance?", "idxmax"),
    ("in which date was the contest played with the highest attendance?", "idxmax"),
    ("the date of the match with the lowest attendance was which one?", "idxmin"),
])
def test_the_game_with_the_most_is_one_row(fixtures, question, pick):
    a = ask(fixtures, question)
    assert a.status == "answered", a.text
    idx = getattr(fixtures.Attendance, pick)()
    assert pd.Timestamp(a.value) == _date_of(fixtures, idx)
    assert a.plan.kind == "rows"


def test_two_games_on_one_date_are_not_picked_by_the_date(fixtures):
    df = fixtures.copy()
    df.loc[1, "Date"] = df.loc[0, "Date"]
    a = ask(df, "what date was the fixture with the most spectators in attendance?")
    assert not (a.status == "answered" and a.plan.kind == "rows")


def test_a_qualified_noun_is_not_read(fixtures):
    a = ask(fixtures, "what date was the cup fixture with the most spectators?")
    assert a.status != "answered"


@pytest.mark.parametrize("question, pick", [
    ("on which date was the attendance highest?", "idxmax"),
    ("what date had the lowest attendance?", "idxmin"),
])
def test_a_date_one_per_row_is_the_rows_not_a_week(fixtures, question, pick):
    a = ask(fixtures, question)
    assert a.status == "answered", a.text
    idx = getattr(fixtures.Attendance, pick)()
    assert pd.Timestamp(a.value) == _date_of(fixtures, idx)
    assert a.plan.kind == "rows"


def test_a_date_one_per_row_off_a_schedule(fixtures):
    readings = fixtures.rename(columns={"Attendance": "Rainfall"})[["Date", "Rainfall"]]
    a = ask(readings, "which date recorded the most rainfall?")
    assert a.status == "answered", a.text
    assert pd.Timestamp(a.value) == _date_of(readings, readings.Rainfall.idxmax())


def test_a_week_asked_is_still_not_a_row(fixtures):
    a = ask(fixtures, "which week saw the greatest attendance?")
    assert not (a.status == "answered" and a.plan.kind == "rows")
