"""One average or total over the first N rows of a table ("the average crowd in the first
three games", "how many goals did the top 3 clubs score altogether"): a ``head`` step before
the aggregate. Small tables written here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def fixtures() -> pd.DataFrame:
    return pd.DataFrame({"Date": ["May 1", "May 8", "May 15", "May 22", "May 29", "June 5"],
                         "Opponent": ["Otters", "Herons", "Voles", "Otters", "Finches", "Newts"],
                         "Crowd": [4100, 3700, 3000, 2800, 2200, 1900]})


@pytest.fixture(scope="module")
def ladder() -> pd.DataFrame:
    # a standing whose places start at 3 (the first two places are medals, left blank)
    return pd.DataFrame({"Standing": [None, None, 3, 4, 5, 6, 7],
                         "Crew": ["Kestrel", "Plover", "Wren", "Lark", "Rook", "Tern", "Owl"],
                         "Laps": [88, 85, 80, 77, 70, 64, 60]})


@pytest.fixture(scope="module")
def clubs() -> pd.DataFrame:
    return pd.DataFrame({"Rank": [1, 2, 3, 4, 5, 6],
                         "Club": ["Marsh Rovers", "Hill United", "Dale Town", "Fen City",
                                  "Moor Athletic", "Brook Wanderers"],
                         "Wins": [19, 17, 15, 12, 10, 7],
                         "Goals": [55, 48, 41, 39, 30, 22]})


def test_the_average_over_the_first_rows(fixtures):
    a = ask(fixtures, "what was the average crowd in the first three games?")
    assert a.status == "answered", a.text
    assert a.value == pytest.approx(fixtures["Crowd"].head(3).mean())
    assert "first 3 rows in table order" in a.interpretation
    assert "head(3)" in a.to_dict()["code"]


def test_a_total_over_the_first_rows(fixtures):
    a = ask(fixtures, "what is the combined crowd of the first two games?")
    assert a.status == "answered", a.text
    assert a.value == fixtures["Crowd"].head(2).sum()


def test_top_n_over_a_standing_numbered_from_one(clubs):
    a = ask(clubs, "how many wins did the top 4 clubs get altogether?")
    assert a.status == "answered", a.text
    assert a.value == clubs["Wins"].head(4).sum()
    a = ask(clubs, "give the average goals scored by the top 3 clubs.")
    assert a.status == "answered", a.text
    assert a.value == pytest.approx(clubs["Goals"].head(3).mean())


def test_top_n_without_a_standing_is_refused(fixtures, ladder):
    # "top" over rows no column ranks: by crowd, or the table's first rows? not guessed
    assert ask(fixtures, "what was the average crowd in the top three games?").status != \
        "answered"
    # ... and a standing whose places start later than its empty rows allow
    gaps = ladder.assign(Standing=[None, None, None, 5, 6, 7, 8])
    assert ask(gaps, "give the mean laps of the top 3 crews.").status != \
        "answered"


def test_top_n_over_a_standing_with_empty_medal_places(ladder):
    # the first two places are medals, left blank, then 3, 4 ...: places 1-2 in table order
    a = ask(ladder, "give the mean laps of the top 3 crews.")
    assert a.status == "answered", a.text
    assert a.value == pytest.approx(ladder["Laps"].head(3).mean())
    assert any("read as places 1 to 2" in n for n in a.notes), a.notes


def test_the_first_rows_of_a_filtered_set_are_refused(fixtures):
    # the first two games against one side: the filter would have to come first
    a = ask(fixtures, "what was the total crowd of the first two games against the otters?")
    assert a.status != "answered", a.interpretation


def test_counting_among_the_first_rows_is_not_read_as_a_total(fixtures):
    a = ask(fixtures, "how many of the first three games had a crowd above 3000?")
    assert a.status != "answered" or a.value == (fixtures["Crowd"].head(3) > 3000).sum()


def test_the_last_rows_are_not_read_as_the_first(fixtures):
    a = ask(fixtures, "what was the total crowd in the last two games?")
    assert a.status != "answered" or a.value == fixtures["Crowd"].tail(2).sum()
