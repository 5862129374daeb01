"""A measure read with no aggregate beside a position is that row's cell: "how many spectators
attended the last fixture" over a schedule with an Attendance column gives the last row's
attendance, not a count of rows. Small tables written here; expected values computed with
pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def season() -> pd.DataFrame:
    return pd.DataFrame({
        "Week": range(1, 8),
        "Opponent": ["Harbour Town", "Millbrook", "Stonebridge", "Ashvale", "Kingsford",
                     "Oakridge", "Ferncliff"],
        "Result": ["W 21-14", "L 10-17", "W 30-3", "W 24-20", "L 7-9", "W 13-6", "L 3-28"],
        "Attendance": [5120, 7310, 4890, 9020, 6100, 8450, 3980]})


@pytest.mark.parametrize("question, row", [
    ("how many spectators attended the last fixture?", -1),
    ("how many spectators attended the first fixture?", 0),
    ("what number of fans attended the first fixture that they lost?", 1),
])
def test_the_crowd_of_one_row(season, question, row):
    a = ask(season, question)
    assert a.status == "answered", a.text
    assert a.value == int(season.Attendance.iloc[row])


def test_without_a_crowd_column_it_is_not_answered(season):
    a = ask(season.drop(columns="Attendance"), "how many spectators attended the last fixture?")
    assert a.status != "answered"
