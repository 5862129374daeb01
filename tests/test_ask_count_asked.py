"""The number after the question word says how many answers are expected ("which 2 rivers
...", "who 3 riders ..."): the rows the rest of the question picks are answered only when
exactly that many match, otherwise the reader asks back naming them. Small tables written
here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def rivers() -> pd.DataFrame:
    return pd.DataFrame({"River": ["Aldwater", "Brisk", "Coldrun", "Dunmere", "Eastflow",
                                   "Fenbrook"],
                         "Country": ["Norway", "Chile", "Norway", "Peru", "Chile", "Chile"],
                         "Length (km)": [410, 265, 388, 520, 190, 305],
                         "Dams": [3, 0, 2, 5, 0, 1]})


def test_as_many_rows_as_asked_are_answered(rivers):
    a = ask(rivers, "which 2 rivers are in norway?")
    assert a.status == "answered", a.text
    want = rivers.loc[rivers.Country == "Norway", "River"].tolist()
    assert len(want) == 2 and set(a.table.iloc[:, 0]) == set(want)
    assert any("expects" in n for n in a.notes)


def test_a_count_after_who_with_a_comparison(rivers):
    a = ask(rivers, "what 3 rivers have at least 2 dams?")
    assert a.status == "answered", a.text
    assert set(a.table.iloc[:, 0]) == set(rivers.loc[rivers.Dams >= 2, "River"])


def test_another_number_of_matches_asks_back(rivers):
    a = ask(rivers, "which 2 rivers are in chile?")
    assert a.status == "needs_clarification", a.text
    assert "asks for 2" in a.text and "3 rows" in a.text
    assert set(a.options) == set(rivers.loc[rivers.Country == "Chile", "River"])


def test_the_number_before_a_superlative_is_still_a_limit(rivers):
    a = ask(rivers, "which 2 rivers are the longest?")
    assert a.status == "answered", a.text
    top = rivers.nlargest(2, "Length (km)").River.tolist()
    assert a.table.iloc[:, 0].tolist() == top


def test_a_count_read_as_a_limit_with_nothing_to_order_by_is_checked():
    films = pd.DataFrame({"Title": ["Red Sky", "Blue Moon", "Green Hill", "Gold Rush"],
                          "Director": ["Ana Bell", "Cy Dorn", "Ana Bell", "Ana Bell"]})
    a = ask(films, "which two films were directed by ana bell?")
    assert a.status == "needs_clarification", a.text
    assert "3 rows" in a.text
    b = ask(films.iloc[:3], "which two films were directed by ana bell?")
    assert b.status == "answered", b.text
    assert set(b.table.iloc[:, 0]) == {"Red Sky", "Green Hill"}


def test_name_three_is_not_read_as_a_count(rivers):
    a = ask(rivers, "name 3 rivers in chile.")
    assert a.status != "answered" or len(a.table) == 3


def test_rows_counted_after_a_row_that_does_not_hold_the_condition():
    # the anchor (the rest week) is no loss: it is found among all the rows, and only the
    # rows counted after it must be losses
    games = pd.DataFrame({"Week": [1, 2, 3, 4, 5, 6, 7],
                          "Opponent": ["Kites", "Owls", "Rest week", "Hawks", "Owls",
                                       "Larks", "Kites"],
                          "Result": ["L 10-14", "W 21-7", "", "L 3-9", "L 7-8", "W 30-3",
                                     "L 0-2"]})
    a = ask(games, "how many games did they lose after the rest week?")
    assert a.status == "answered", a.text
    after = games.iloc[3:]
    assert a.value == int(after.Result.str.startswith("L").sum()) == 3
    assert "starts with" in a.text or "Result" in a.text
