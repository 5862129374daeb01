"""A side named in either of two side columns (planner/either_side.py): "how many games did
<side> play" counts the rows where it is either side; our own tables."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def fixtures() -> pd.DataFrame:
    return pd.DataFrame({
        "Round": [1, 2, 3, 4, 5, 6],
        "Home side": ["Quarry Rovers", "Mill Lane", "Quarry Rovers", "Eastfield",
                      "Mill Lane", "Eastfield"],
        "Away side": ["Mill Lane", "Eastfield", "Eastfield", "Quarry Rovers",
                      "Quarry Rovers", "Mill Lane"],
        "Result": ["2-1", "0-0", "3-1", "1-1", "2-2", "0-4"]})


@pytest.fixture(scope="module")
def duels() -> pd.DataFrame:  # two columns that are not two sides of one game
    return pd.DataFrame({
        "Bout": [1, 2, 3],
        "Home side": ["Larks", "Wrens", "Larks"],
        "Referee from": ["Wrens", "Larks", "Kites"]})


@pytest.mark.parametrize("question, n", [
    ("how many games did Quarry Rovers play", 4),
    ("how many matches did mill lane play in?", 4),
    ("How many fixtures has Eastfield played", 4),
])
def test_rows_where_either_side_is_the_name(fixtures, question, n):
    a = ask(fixtures, question)
    assert a.status == "answered", a.text
    assert a.value == n
    assert "Home side" in a.text and "Away side" in a.text


def test_home_or_an_outcome_still_says_which_side(fixtures):
    a = ask(fixtures, "how many games did Quarry Rovers play at home")
    assert a.status == "answered", a.text
    assert a.value == 2
    a = ask(fixtures, "how many games did Quarry Rovers win")
    assert a.status != "answered" or a.value != 4


def test_columns_that_are_not_two_sides_ask_back(duels):
    a = ask(duels, "how many bouts did the Larks play")
    assert a.status != "answered", a.value
