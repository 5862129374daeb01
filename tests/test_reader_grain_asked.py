"""A year or month asked for and ranked by its number of rows ("which month had the most
fixtures") over one column of full dates (issue 12): the rows grouped by the date's month
(year), the one with the most (fewest) rows. Over dates spanning more than a year "which
month" is asked back (a month of the calendar, or of one year?). Small tables written here;
every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _fixtures() -> pd.DataFrame:
    # one season, September to March: 3 fixtures in November, 1 in February
    days = ["2021-09-04", "2021-09-18", "2021-10-02", "2021-10-23", "2021-11-06",
            "2021-11-13", "2021-11-27", "2021-12-11", "2021-12-26", "2022-01-08", "2022-01-22",
            "2022-02-05", "2022-03-05", "2022-03-19"]
    return pd.DataFrame({"Date": pd.to_datetime(days),
                         "Rival": [f"Side {i}" for i in range(len(days))],
                         "Gate": [900 + 37 * i for i in range(len(days))]})


def _releases() -> pd.DataFrame:
    days = ["2015-03-01", "2015-08-12", "2016-01-20", "2016-05-05", "2016-11-30",
            "2017-06-14", "2018-02-02", "2018-09-09"]
    return pd.DataFrame({"Released": pd.to_datetime(days),
                         "Record": ["Amber", "Basalt", "Cobalt", "Dune", "Ember", "Flint",
                                   "Garnet", "Heath"]})


def _by(t: pd.DataFrame, col: str, freq: str) -> pd.Series:
    return t.groupby(t[col].dt.to_period(freq)).size()


def test_the_month_with_the_most_rows():
    t = _fixtures()
    a = ask(t, "which month had the most fixtures?")
    assert a.status == "answered", a.text
    top = _by(t, "Date", "M").idxmax()
    assert pd.Timestamp(a.value).to_period("M") == top == pd.Period("2021-11", "M")
    assert "month of Date" in a.interpretation


def test_the_month_with_the_fewest_rows():
    t = _fixtures()
    a = ask(t, "what month had the fewest fixtures?")
    assert a.status == "answered", a.text
    counts = _by(t, "Date", "M")
    assert (counts == counts.min()).sum() == 1
    assert pd.Timestamp(a.value).to_period("M") == counts.idxmin()


def test_the_year_with_the_most_rows():
    t = _releases()
    a = ask(t, "in what year were the most records out?")
    assert a.status == "answered", a.text
    assert pd.Timestamp(a.value).year == _by(t, "Released", "Y").idxmax().year == 2016


@pytest.mark.parametrize("question", ["which month had the most releases?",
                                      "what month had the fewest releases?"])
def test_a_month_over_several_years_is_asked_back(question):
    a = ask(_releases(), question)
    assert a.status != "answered", (a.text, a.value)


def test_a_column_of_years_answers_instead():
    # with a column of years the year is that column's, not the date's
    t = _releases().assign(Year=[2014, 2014, 2015, 2015, 2015, 2016, 2017, 2017])
    a = ask(t, "in what year were the most records out?")
    assert a.status != "answered" or a.value == 2015, (a.text, a.value)
