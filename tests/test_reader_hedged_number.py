"""A number asked for with a hedge (planner/hedged_number.py): "at least how many wins were
there?" is the count itself, "what number of seats, at most, can the hall hold?" the
one row's value. A hedge after the noun counted ("how many tonnes at most"), a question
with another number, and one about all the rows stay with the other readings. Tables
written here; expected values computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def season() -> pd.DataFrame:
    return pd.DataFrame({
        "Round": [1, 2, 3, 4, 5, 6, 7],
        "Opponent": ["Rooks", "Pikes", "Larks", "Moths", "Newts", "Owls", "Quails"],
        "Result": ["W 2-1", "L 0-3", "W 4-0", "D 1-1", "W 3-2", "L 1-2", "W 2-0"]})


@pytest.fixture(scope="module")
def halls() -> pd.DataFrame:
    return pd.DataFrame({
        "Hall": ["Ferry Hall", "Gable Rooms", "Harbour Dome"],
        "Town": ["Amble", "Brora", "Cleat"],
        "Capacity": [850, 2400, 12000],
        "Floors": [2, 3, 1]})


def test_at_least_how_many_wins(season):
    a = ask(season, "at least how many wins were there?")
    assert a.status == "answered", a.text
    assert a.value == int(season.Result.str.startswith("W").sum()) == 4


def test_at_most_beside_a_named_row(halls):
    a = ask(halls, "what number of people, at most, can gable rooms hold?")
    assert a.status == "answered", a.text
    assert a.value == halls.set_index("Hall").loc["Gable Rooms", "Capacity"] == 2400


def test_a_count_of_rows_hedged(halls):
    a = ask(halls, "there are at least how many halls?")
    assert a.status == "answered", a.text
    assert a.value == len(halls) == 3


def test_a_hedge_after_the_noun_is_not_a_count(halls):
    a = ask(halls, "how many floors at most were listed for the halls?")
    assert a.status != "answered" or a.value == halls.Floors.max()


def test_another_number_leaves_it_a_comparison(halls):
    a = ask(halls, "how many halls hold 2,400 at most?")
    assert a.status != "answered" or a.value == int((halls.Capacity <= 2400).sum())


def test_all_rows_are_not_read_as_one_count(halls):
    a = ask(halls, "all of the halls have at least how many floors?")
    assert a.status != "answered" or a.value == halls.Floors.min()
