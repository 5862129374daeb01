""""A and B both ... which <column>" when A and B each hold several rows of their column (a
rider who won many races): the values of the asked column the rows of both share, and no
value when they share none. A column of numbers several rows repeat is still refused.
Small tables written here; expected values are computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def wins() -> pd.DataFrame:
    return pd.DataFrame({
        "Rider": ["Ada Moor", "Ben Tal", "Ada Moor", "Cal Ives", "Ben Tal", "Dot Finn",
                  "Cal Ives", "Eve Sand"],
        "Track": ["Ridgeway", "Ridgeway", "Lowmarsh", "Kestrel", "Kestrel", "Lowmarsh",
                  "Ridgeway", "Kestrel"],
        "Season": [2001, 2001, 2002, 2002, 2003, 2003, 2004, 2004],
        "Bike": [7, 7, 9, 9, 11, 11, 12, 12]})


def _shared(df: pd.DataFrame, a: str, b: str) -> list[str]:
    ta = set(df.loc[df.Rider == a, "Track"])
    return sorted(ta & set(df.loc[df.Rider == b, "Track"]))


def test_one_shared_value(wins):
    a = ask(wins, "ada moor and ben tal both won at which track?")
    assert a.status == "answered", a.text
    assert [a.value] == _shared(wins, "Ada Moor", "Ben Tal") == ["Ridgeway"]


def test_several_shared_values(wins):
    a = ask(wins, "ben tal and cal ives both won at which track?")
    assert a.status == "answered", a.text
    assert sorted(a.value) == _shared(wins, "Ben Tal", "Cal Ives") == ["Kestrel", "Ridgeway"]


def test_nothing_shared_gives_no_value(wins):
    assert _shared(wins, "Ada Moor", "Eve Sand") == []
    a = ask(wins, "ada moor and eve sand both won at which track?")
    assert a.status != "answered" or a.value in (None, [])


def test_repeated_numbers_are_still_refused(wins):
    # Bike 9 and Bike 11 each hold two rows; numbers several rows share stay unread
    a = ask(wins, "9 and 11 both had which track?")
    assert a.status == "cannot_answer", a.text


@pytest.fixture(scope="module")
def looms() -> pd.DataFrame:
    return pd.DataFrame({
        "Loom": ["Arden Mk 2", "Bexford", "Calder", "Dunmore"],
        "Drive": ["Water", "Steam", "Water", "Electric"],
        "Built": [1790, 1825, 1801, 1902]})


def test_the_items_with_articles_and_a_type_of_column(looms):
    a = ask(looms, "the arden mk 2 and the calder both had what type of drive?")
    assert a.status == "answered", a.text
    assert a.value == looms.loc[looms.Loom == "Calder", "Drive"].item() == "Water"
    a = ask(looms, "the bexford and the calder both had what kind of drive?")
    assert a.status == "cannot_answer", a.text  # Steam and Water: nothing shared
    a = ask(looms, "what kind of drive did the dunmore have?")
    assert a.status == "answered", a.text
    assert a.value == looms.loc[looms.Loom == "Dunmore", "Drive"].item() == "Electric"
