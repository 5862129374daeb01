""""How did they finish / place / rank / end up" the year after or before a row the first
sentence names (issue 12, table order): the one column of places of the row one year away,
by the column of years the first sentence names (its values rising when sorted, one row a
year), whatever the table's own order; refused when no row is exactly one year away."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _rowing() -> pd.DataFrame:
    # an invented rowing club's seasons, oldest first
    return pd.DataFrame({
        "Season": ["2014/15", "2015/16", "2016/17", "2017/18", "2018/19"],
        "Division": ["Second", "Second", "First", "First", "Second"],
        "Place": ["6th", "1st", "11th", "14th", "3rd"],
    })


def _kites() -> pd.DataFrame:
    # an invented kite-flying team by calendar year, newest first
    return pd.DataFrame({
        "Year": [2021, 2020, 2019, 2018],
        "Venue": ["Marlow Flats", "Brackwater", "Tidehill", "Sandmere"],
        "Rank": [2, 7, 1, 4],
    })


def _answer(frame: pd.DataFrame, question: str):
    a = ask(frame, question)
    assert a.status == "answered", a.text
    return a


@pytest.mark.parametrize("question, expected", [
    ("we were placed 11th in 2016/17. so how did we place the previous season?",
     "1st"),
    ("in 2015/16 they finished 1st; how did they finish in the season after?", None),
    ("they finished 11th in 2016/17. how did they finish the next season?", "14th"),
    ("they finished 14th in 2017/18, but how did they finish the following year?", "3rd"),
    ("they finished 6th in 2014/15. how did they end up the next year?", "1st"),
])
def test_place_one_season_away(question: str, expected: str | None) -> None:
    a = ask(_rowing(), question)
    if expected is None:  # "in the season after": a wording this reading leaves alone
        assert a.status != "answered" or "1st" not in a.text
        return
    assert a.status == "answered", a.text
    assert expected in a.text
    assert "by Season" in a.text


def test_years_written_newest_first() -> None:
    a = _answer(_kites(), "they were at tidehill in 2019. how did they rank the next season?")
    assert "Rank 7" in a.text and "by Year" in a.text  # 2020, not the row listed below
    a = _answer(_kites(), "they were at tidehill in 2019. how did they rank the previous year?")
    assert "Rank 4" in a.text
    a = ask(_kites().drop(index=1), "they were at tidehill in 2019. how did they rank the "
            "next year?")
    assert a.status != "answered"  # no 2020 row


def test_refused_without_a_row_one_year_away() -> None:
    gap = _rowing().drop(index=2).reset_index(drop=True)  # no 2016/17 season
    a = ask(gap, "in 2015/16 we placed 1st. how did we place the next season?")
    assert a.status != "answered"
    a = ask(_rowing(), "they finished 3rd in 2018/19. how did they finish the next season?")
    assert a.status != "answered"  # the last season: nothing after it
    a = ask(_rowing(), "they finished 6th in 2014/15. how did they finish the prior year?")
    assert a.status != "answered"  # the first season


def test_other_wordings_left_alone() -> None:
    # "how did they do": not a placing verb; several columns of places: which is unclear
    a = ask(_rowing(), "they finished 11th in 2016/17. how did they do the next season?")
    assert a.status != "answered"
    two = _rowing().assign(**{"Cup place": ["2nd", "5th", "1st", "9th", "4th"]})
    a = ask(two, "they finished 11th in 2016/17. how did they finish the next season?")
    assert a.status != "answered"
