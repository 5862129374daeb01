"""Both sides' scores of a game added (planner/combined_score.py): "combined" / "aggregate"
before a score or a unit, "total" before "score", "total <unit>" only with "of both teams".
Expected numbers are computed with pandas on the frame written here."""

from __future__ import annotations

import re

import pandas as pd

from nbdatachat import ask


def _games() -> pd.DataFrame:
    return pd.DataFrame({
        "Date": ["May 2", "May 9", "May 16", "June 6", "June 13", "June 20"],
        "Opponent": ["Dorran Tech", "at Ferris Bay", "Halvern", "@ Kittering", "Lowmoor",
                     "Norwick"],
        "Result": ["W 31–7", "L 10–14", "W 21–20", "T 17–17", "L 28–0", "W 6–42"],
        "Attendance": [18200, 30400, 17650, 26800, 41000, 22950],
    })


def _sums(df: pd.DataFrame) -> pd.Series:
    return df.Result.map(lambda c: sum(map(int, re.search(r"(\d+)–(\d+)", c).groups())))


def test_the_combined_score_of_one_game_and_of_a_month():
    df = _games()
    s = _sums(df)
    a = ask(df, "what was the combined score on may 9?")
    assert a.status == "answered", a.text
    assert a.value == s[1]
    a = ask(df, "what is the average combined score in june?")
    assert a.status == "answered", a.text
    assert abs(a.value - s[df.Date.str.startswith("June")].mean()) < 1e-9
    a = ask(df, "how many combined points were scored in may?")
    assert a.status == "answered", a.text
    assert a.value == s[df.Date.str.startswith("May")].sum()


def test_the_highest_total_score_and_its_date():
    df = _games()
    s = _sums(df)
    a = ask(df, "what was the highest total score?")
    assert a.status == "answered", a.text
    assert a.value == s.max()
    a = ask(df, "on what date was the lowest combined score?")
    assert a.status == "answered", a.text
    assert a.value == df.Date[s.idxmin()]


def test_total_points_alone_is_one_side_and_a_number_column_is_not_read():
    df = _games()
    a = ask(df, "how many total points did they score in june?")
    assert a.status == "answered", a.text
    assert a.value == 17 + 0 + 42
    # a column of numbers named for the total: "the total score" may be that column
    listed = df.assign(**{"Total points": [38, 24, 41, 34, 28, 48]})
    a = ask(listed, "what is the average combined score in june?")
    assert a.status != "answered" or "Total points" in (a.text + str(a.interpretation))


def test_the_reading_says_the_two_numbers_are_added_not_a_formula():
    a = ask(_games(), "what is the average combined score in june?")
    assert a.status == "answered", a.text
    said = str(a.interpretation)
    assert "score of both sides in Result (the two numbers added)" in said, said
    assert "sum of the score" not in said and "=" not in said, said
