"""Rows compared with an amount of time said without a word of length
(planner/time_threshold.py): "how many rowers finished below 7:05", "under 2 minutes",
"faster than 6:58.40" against the one text column of elapsed times, as seconds. A number
with a unit beside a numeric column of minutes, two columns of times, and an amount far
from every time stay refused; a clock of three parts far from every time as hours but near
them as minutes, seconds and hundredths ("7:05:30") is read so. Tables written here;
expected values computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _secs(cell: str) -> float:
    parts = [float(x) for x in cell.split(":")]
    out = 0.0
    for v in parts:
        out = out * 60 + v
    return out


@pytest.fixture(scope="module")
def rowing() -> pd.DataFrame:
    return pd.DataFrame({
        "Rank": [1, 2, 3, 4, 5, 6],
        "Crew": ["Tamsin Hale", "Bo Lindqvist", "Ciaran Moss", "Dana Petrov", "Eli Strand",
                 "Femi Okoro"],
        "Club": ["Weir", "Lock", "Weir", "Quay", "Lock", "Quay"],
        "Time": ["6:58.12", "7:01.40", "7:03.95", "7:06.30", "7:10.02", "DNF"]})


@pytest.fixture(scope="module")
def reels() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [1961, 1962, 1963, 1964, 1965],
        "Reel": ["Harbour Lights", "Paper Kites", "Glass Town", "Dry Season", "Night Ferry"],
        "Duration": ["4:12", "11:40", "2:35", "6:05", "1:58"]})


@pytest.fixture(scope="module")
def two_legs() -> pd.DataFrame:
    return pd.DataFrame({
        "Skier": ["Ola", "Per", "Siv", "Tor"],
        "Run 1 time": ["1:02.10", "1:03.55", "1:01.80", "1:04.00"],
        "Run 2 time": ["1:05.00", "1:02.20", "1:03.10", "1:01.90"]})


@pytest.fixture(scope="module")
def minutes() -> pd.DataFrame:
    return pd.DataFrame({
        "Player": ["Ada", "Bea", "Cy", "Dov"],
        "Minutes": [12, 40, 25, 8],
        "Best lap": ["1:10.2", "1:08.9", "1:12.4", "1:09.5"]})


def _under(df: pd.DataFrame, col: str, seconds: float) -> int:
    cells = df[col][df[col].str.contains(":")]
    return int((cells.map(_secs) < seconds).sum())


def test_a_clock_without_a_word_of_length(rowing):
    a = ask(rowing, "how many crews finished below 7:05?")
    assert a.status == "answered", a.text
    assert a.value == _under(rowing, "Time", 7 * 60 + 5) == 3


def test_the_column_named_beside_the_clock(rowing):
    a = ask(rowing, "which crew had a time under 7:00?")
    assert a.status == "answered", a.text
    assert a.value == "Tamsin Hale"


def test_faster_is_less_time(rowing):
    a = ask(rowing, "how many crews were faster than 7:03.95?")
    assert a.status == "answered", a.text
    assert a.value == _under(rowing, "Time", 7 * 60 + 3.95) == 2


def test_a_number_with_a_unit_of_time(reels):
    a = ask(reels, "count the reels whose duration is under 5 minutes")
    assert a.status == "answered", a.text
    assert a.value == _under(reels, "Duration", 300) == 3
    b = ask(reels, "how many reels lasted over 10 minutes?")
    assert b.status == "answered", b.text
    assert b.value == len(reels) - _under(reels, "Duration", 600) == 1


def test_two_columns_of_times_are_not_guessed(two_legs):
    assert ask(two_legs, "how many skiers were under 1:03?").status != "answered"


def test_a_unit_beside_a_column_of_minutes_is_not_read_as_times(minutes):
    a = ask(minutes, "how many players played over 20 minutes?")
    assert a.status != "answered" or a.value == int((minutes.Minutes > 20).sum())


def test_an_amount_far_from_every_time_is_refused(rowing):
    # 99 hours, or 99 minutes, beside times near seven minutes: not an amount to compare
    assert ask(rowing, "how many crews finished below 99:05:30?").status != "answered"


def test_a_colon_written_for_the_point_of_hundredths(rowing):
    # seven hours beside times near seven minutes, but 7:05.30 is among them
    a = ask(rowing, "how many crews finished below 7:05:30?")
    assert a.status == "answered"
    assert a.value == _under(rowing, "Time", 7 * 60 + 5.30) == 3
    b = ask(rowing, "how many crews rowed faster than 7:02:00")
    assert b.status == "answered" and b.value == _under(rowing, "Time", 422.0) == 2


def test_words_of_what_was_timed_are_read_with_the_amount(rowing):
    a = ask(rowing, "how many crews rowed the course in under 7:05?")
    assert a.status == "answered", a.text
    assert a.value == _under(rowing, "Time", 7 * 60 + 5) == 3
    b = ask(rowing, "how many crews took more than 7 minutes to finish the race?")
    assert b.status == "answered", b.text
    cells = rowing.Time[rowing.Time.str.contains(":")]
    assert b.value == int((cells.map(_secs) > 420).sum()) == 4


def test_a_column_of_times_of_the_day_is_not_an_amount():
    eclipses = pd.DataFrame({
        "Member": [1, 2, 3, 4],
        "Time (UTC)": ["14:55:43", "21:42:07", "4:22:21", "11:00:36"],
        "Kind": ["Partial", "Partial", "Annular", "Annular"]})
    assert ask(eclipses, "how many members were under 12:00:00?").status != "answered"


@pytest.fixture(scope="module")
def sprint() -> pd.DataFrame:
    return pd.DataFrame({
        "Pos.": [1, 2, 3, 4, 5],
        "Time": [10.21, 10.34, 10.48, 10.52, 10.77],
        "Sprinter": ["Ana Roe", "Bea Sol", "Cai Lund", "Dee Marr", "Eva Tull"]})


def test_a_numeric_column_of_times_holds_seconds(sprint):
    a = ask(sprint, "how many sprinters were faster than 10.5 seconds?")
    assert a.status == "answered", a.text
    assert a.value == int((sprint.Time < 10.5).sum()) == 3


def test_a_numeric_column_of_minutes_is_not_read_as_seconds():
    laps = pd.DataFrame({"Driver": ["Ari", "Bo", "Cy"], "Time (min)": [2.1, 2.4, 3.0]})
    assert ask(laps, "how many drivers were faster than 30 seconds?").status != "answered"
