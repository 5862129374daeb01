"""Outcome nouns counted (issue 12, counts): "the number of losses", "how many wins were
there in October" count the rows whose one result column opens with that outcome ("W
24-17", "Won", "L 3-1"); with no such column, or two, the count is refused, never answered
with every row. Expected numbers are computed with pandas on tables written here."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _games() -> pd.DataFrame:
    return pd.DataFrame({
        "Date": pd.to_datetime(["2021-09-04", "2021-09-11", "2021-09-18", "2021-10-02",
                                "2021-10-09", "2021-10-16", "2021-10-23", "2021-11-06"]),
        "Opponent": ["Rams", "Jets", "Colts", "Bills", "Lions", "Bears", "Saints", "Giants"],
        "Result": ["W 24-17", "L 10-21", "W 30-3", "W 14-13", "L 7-28", "D 17-17", "W 31-0",
                   "L 3-6"],
        "Attendance": [61000, 58000, 60500, 59000, 62000, 57000, 63000, 60000],
    })


def _opens(frame: pd.DataFrame, letter: str) -> pd.Series:
    return frame.Result.str.lower().str.startswith(letter)


@pytest.mark.parametrize("q, letter", [
    ("the number of defeats", "l"),
    ("in all, what was the number of victories?", "w"),
    ("how many total wins were recorded?", "w"),
    ("how many draws were there?", "d"),
])
def test_an_outcome_noun_counts_the_rows_with_that_result(q, letter):
    d = _games()
    a = ask(d, q)
    assert a.status == "answered", a.text
    assert a.value == int(_opens(d, letter).sum())
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert int(pd.Series(scope["result"]).squeeze()) == a.value


def test_with_another_condition():
    d = _games()
    a = ask(d, "how many wins were there in october?")
    assert a.status == "answered", a.text
    assert a.value == int((_opens(d, "w") & (d.Date.dt.month == 10)).sum()) == 2


def test_no_result_column_or_two_is_refused():
    d = _games().assign(Result=["24-17", "10-21", "30-3", "14-13", "7-28", "17-17", "31-0",
                                "3-6"])
    a = ask(d, "what was the overall number of defeats?")
    assert a.status != "answered"
    two = _games().assign(Half=["W", "L", "W", "W", "L", "W", "W", "L"])
    a = ask(two, "what was the overall number of defeats?")
    assert a.status != "answered"
