"""Ranks read the right way up (planner/ranks.py): "the highest position" is position 1,
"the lowest position" the largest number; "the most positions" is asked back; and a
superlative never ranks a column of text. Tables written here; expected values computed
with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def singles() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [2001, 2001, 2002, 2003, 2003, 2004],
        "Title": ["Blue Door", "Quiet Hours", "Paper Moon", "Long Road", "Red Kite",
                  "Glass Town"],
        "Peak position": [14, 3, 27, 1, 40, 9],
        "Weeks on chart": [10, 22, 5, 30, 2, 12]})


def test_the_highest_position_is_the_smallest_number(singles):
    a = ask(singles, "which title reached the highest peak position?")
    assert a.status == "answered", a.text
    want = singles.loc[singles["Peak position"].idxmin(), "Title"]
    assert a.value == want == "Long Road"


def test_the_lowest_position_is_the_largest_number(singles):
    a = ask(singles, "which title had the lowest peak position?")
    assert a.status == "answered", a.text
    assert a.value == singles.loc[singles["Peak position"].idxmax(), "Title"] == "Red Kite"


def test_the_best_position_itself(singles):
    a = ask(singles, "what was the best peak position?")
    assert a.status == "answered", a.text
    assert a.value == singles["Peak position"].min()


def test_a_quantity_beside_the_chart_keeps_its_direction(singles):
    # "the most weeks on the chart": weeks are an amount, more is more
    a = ask(singles, "which title had the most weeks on chart?")
    assert a.status == "answered", a.text
    assert a.value == singles.loc[singles["Weeks on chart"].idxmax(), "Title"] == "Long Road"


def test_more_or_less_of_a_rank_is_asked_back(singles):
    a = ask(singles, "which title had the least peak position?")
    assert a.status != "answered", (a.text, a.interpretation)


def test_a_rank_named_by_the_question_not_the_column() -> None:
    # the column is named for the chart only; "highest rank" says it holds positions
    songs = pd.DataFrame({"Song": ["Alpha", "Beta", "Gamma", "Delta"],
                          "UK Dance": [12, 4, 33, 19]})
    a = ask(songs, "which song got the highest rank on the uk dance chart?")
    assert a.status == "answered", a.text
    assert a.value == songs.loc[songs["UK Dance"].idxmin(), "Song"] == "Beta"


def test_a_column_of_text_is_not_ranked() -> None:
    medals = pd.DataFrame({"Rank": list(range(1, 11)),
                           "Country": ["Chile", "Peru", "Brazil", "Cuba", "Haiti", "Mexico",
                                       "Panama", "Bolivia", "Aruba", "Guyana"],
                           "Gold": [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]})
    a = ask(medals, "who is the top ranked country?")
    assert a.value != "Peru", a.text  # Peru is only last in the alphabet
    if a.status == "answered":
        assert a.value == "Chile"


def test_a_count_of_places_is_not_a_rank() -> None:
    # "Third place" counts third-place finishes: the most of them is the largest number
    clubs = pd.DataFrame({"Club": ["Bay", "Cove", "Dale", "Glen"], "Titles": [3, 1, 0, 2],
                          "Third place": [1, 4, 2, 0]})
    a = ask(clubs, "which club had the most third place finishes?")
    assert a.status == "answered", a.text
    assert a.value == clubs.loc[clubs["Third place"].idxmax(), "Club"] == "Cove"
