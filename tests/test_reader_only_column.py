""""What/which is/was the only <column> ...", read by planner/only_column.py: when the noun
after "the only" is a column's name and the usual reading left another column's role
unclear, the question is read again with that column as the one asked for, answered only
when exactly one row matches (several ask back which one). "Who" is never read so, and
questions already answered keep their reading. Tables written here."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def serial() -> pd.DataFrame:
    return pd.DataFrame({
        "Part": [1, 2, 3, 4, 5, 6],
        "Air Date": ["3 May 2019", "10 May 2019", "17 May 2019", "24 May 2019",
                     "14 June 2019", "5 July 2019"],
        "Viewers": [1.2, 1.1, 0.9, 1.0, 0.8, 0.7]})


@pytest.fixture(scope="module")
def harbours() -> pd.DataFrame:
    return pd.DataFrame({
        "Harbour": ["Elmport", "Ashby", "Corvin", "Dunmere", "Falhaven"],
        "Region": ["North", "North", "South", "East", "South"],
        "Depth": [12, 7, 15, 9, 6]})


def _one(df: pd.DataFrame, col: str, mask) -> object:
    rows = df.loc[mask, col].tolist()
    assert len(rows) == 1
    return rows[0]


def test_only_column_with_a_month_is_the_one_row(serial):
    a = ask(serial, "what was the only part aired in june 2019?")
    assert a.status == "answered", a.text
    assert a.value == _one(serial, "Part", serial["Air Date"].str.contains("June")) == 5
    assert "Part" in a.text


def test_which_was_the_only_column(serial):
    a = ask(serial, "which was the only part aired in july 2019?")
    assert a.status == "answered", a.text
    assert a.value == _one(serial, "Part", serial["Air Date"].str.contains("July")) == 6


def test_several_rows_ask_back(serial):
    a = ask(serial, "what was the only part aired in may 2019?")
    assert a.status == "needs_clarification", a.text
    assert a.value is None


def test_who_is_not_read_so(serial):
    a = ask(serial, "who was the only part aired in june 2019?")
    assert a.status == "cannot_answer", a.text


def test_questions_already_read_keep_their_reading(harbours):
    a = ask(harbours, "what is the only harbour whose depth is under 7?")
    assert a.status == "answered", a.text
    assert a.value == _one(harbours, "Harbour", harbours.Depth < 7) == "Falhaven"
    a = ask(harbours, "what is the only region whose depth is under 7?")
    assert a.status == "answered", a.text
    assert a.value == "South"
    a = ask(harbours, "what is the only harbour whose depth is under 10?")
    assert a.status == "needs_clarification", a.text
