"""A season named by its year (planner/season_span.py): "in the 1987 season" where 1987 is
read as the rows' year, or where every date of the table lies in that year, names no more
than the year; "the season of ..." and a year the dates do not all fall in stay unread.
Tables written here; expected values computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def fixtures() -> pd.DataFrame:
    return pd.DataFrame({
        "Date": pd.to_datetime(["1987-08-15", "1987-09-02", "1987-10-11", "1988-03-20",
                                "1988-04-30"]),
        "Opponent": ["Harbour Rovers", "Mill Town", "Kestrel FC", "Oak Athletic",
                     "Harbour Rovers"],
        "Venue": ["H", "A", "H", "A", "H"],
        "Attendance": [1200, 800, 1500, 950, 2100]})


def test_year_read_as_filter_names_the_season(fixtures: pd.DataFrame) -> None:
    a = ask(fixtures, "how many fixtures were there in the 1987 season?")
    assert a.status == "answered", a.text
    assert a.table.iloc[0, 0] == int((fixtures["Date"].dt.year == 1987).sum()) == 3


def test_season_spanning_two_years_names_the_whole_table(fixtures: pd.DataFrame) -> None:
    a = ask(fixtures, "what was the total attendance during the 1987-88 season?")
    assert a.status == "answered", a.text
    assert float(a.table.iloc[0, 0]) == float(fixtures["Attendance"].sum()) == 6550.0
    assert any("whole table" in n for n in a.notes)


def test_season_outside_the_dates_is_not_read_past(fixtures: pd.DataFrame) -> None:
    a = ask(fixtures, "what was the total attendance during the 1990-91 season?")
    assert a.status != "answered"
