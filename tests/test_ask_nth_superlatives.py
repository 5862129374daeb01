""""The second highest", "the third longest": the row at place N by the measure, the same
way round as the superlative alone; ties at or above the place are said, not guessed.
Small tables written here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def lakes() -> pd.DataFrame:
    return pd.DataFrame({
        "Lake": ["Morvane", "Tissel", "Ordo", "Kelm", "Vashmere", "Pirren"],
        "Region": ["North", "South", "North", "East", "South", "East"],
        "Depth (m)": [88, 140, 61, 203, 97, 45],
        "Area (km2)": [12.5, 30.1, 8.4, 22.0, 30.1, 5.2],
        "Survey rank": [4, 2, 5, 1, 3, 6]})


def _nth(df: pd.DataFrame, by: str, n: int, ascending: bool = False, col: str = "Lake"):
    return df.sort_values(by, ascending=ascending).iloc[n - 1][col]


@pytest.mark.parametrize("question, n, ascending", [
    ("which lake is the second deepest?", 2, False),
    ("what lake has the third greatest depth (m)?", 3, False),
    ("which lake has the second-lowest depth (m)?", 2, True),
    ("name the fourth shallowest lake", 4, True),
])
def test_the_row_at_place_n_by_the_measure(lakes, question, n, ascending):
    a = ask(lakes, question)
    assert a.status == "answered", a.text
    assert a.value == _nth(lakes, "Depth (m)", n, ascending)


def test_the_value_at_place_n_is_given_when_the_value_is_asked(lakes):
    a = ask(lakes, "what is the third highest depth (m)?")
    assert a.status == "answered", a.text
    assert a.value == sorted(lakes["Depth (m)"], reverse=True)[2] == 97


def test_the_place_counts_only_the_rows_the_question_keeps(lakes):
    a = ask(lakes, "which lake in the north region has the second highest depth (m)?")
    assert a.status == "answered", a.text
    assert a.value == _nth(lakes[lakes.Region == "North"], "Depth (m)", 2) == "Ordo"


def test_a_rank_read_the_right_way_up(lakes):
    # the best survey rank is 1, so the second best is rank 2
    a = ask(lakes, "which lake had the second best survey rank?")
    assert a.status == "answered", a.text
    assert a.value == lakes.loc[lakes["Survey rank"] == 2, "Lake"].iloc[0] == "Tissel"


def test_two_rows_tied_at_the_top_leave_second_unsaid(lakes):
    # two lakes share the largest area: "second" could be either, or the next value
    a = ask(lakes, "which lake has the second largest area (km2)?")
    assert a.status != "answered"
    assert "30.1" in a.text


def test_two_rows_sharing_the_place_itself_are_said():
    df = pd.DataFrame({"Runner": ["Adi", "Bex", "Cal", "Dov"], "Wins": [9, 7, 7, 2]})
    a = ask(df, "who had the second most wins?")
    assert a.status != "answered"
    assert "7" in a.text
    b = ask(df, "who had the fourth most wins?")
    assert b.status != "answered"  # 7, 7 above it: a 3rd or a 4th place
    c = ask(df, "who had the most wins?")
    assert c.status == "answered" and c.value == "Adi"


def test_a_place_beyond_the_rows_is_refused():
    df = pd.DataFrame({"Runner": ["Adi", "Bex", "Cal"], "Wins": [9, 7, 3]})
    a = ask(df, "who had the fifth most wins?")
    assert a.status != "answered"
    assert "3 rows" in a.text


def test_a_place_among_groups_is_still_refused(lakes):
    # a ranking of regions by a total is not read with a place yet
    a = ask(lakes, "which region has the second largest total depth (m)?")
    assert a.status != "answered"
