"""Two years compared with "than": "how many more seats were there in 1971 than 1967" (the
measure of each year's one row subtracted), "how many more films came out in 2004 than
2002" (each year's rows counted); refused when a year holds several rows of a measure."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _elections() -> pd.DataFrame:
    # made-up elections: one row per year
    return pd.DataFrame({"Year": [1963, 1967, 1971, 1975], "Seats won": [7, 20, 19, 26],
                         "Seats contested": [108, 117, 117, 125]})


def _films() -> pd.DataFrame:
    # made-up films: several per year
    return pd.DataFrame({"Title": ["Low Tide", "Red Kite", "Ash Road", "Cold Lake", "Tin Sky",
                                   "Bare Hill"],
                         "Year": [2002, 2004, 2004, 2004, 2005, 2002],
                         "Runtime": [95, 102, 88, 110, 97, 91]})


def _value(a):
    assert a.status == "answered", a.text
    return a.value


def test_a_measure_of_two_years_subtracted_in_the_order_asked():
    d = _elections()
    assert _value(ask(d, "how many more seats were won in 1975 than 1967?")) == 26 - 20
    assert _value(ask(d, "how many fewer seats were contested in 1963 than in 1975?")) == \
        125 - 108


def test_the_rows_of_each_year_are_counted_when_no_measure_is_named():
    a = ask(_films(), "how many more films came out in 2004 than 2002?")
    assert _value(a) == 3 - 2


def test_a_measure_of_a_year_with_several_rows_is_not_guessed():
    a = ask(_films(), "how much more runtime was there in 2004 than in 2002?")
    assert a.status != "answered", a.text
