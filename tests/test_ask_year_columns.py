""""after 2000", "before 1983", "between 1995 and 2000" over a column of whole-number years
that the profile leaves a measure because its name does not say "year": a "Date" or
"Season" column, or one named for an event ("Opened") - planner/year_columns.py. Several
such columns, or a column not named for time, stay refused. Our own tables; expected values
computed by hand from them."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask

DERBY = pd.DataFrame({"Date": ["1994", "1997", "1999", "2001", "2003", "2006", "2008"],
                      "Ground": ["Elm Park", "Oak Road", "Elm Park", "Oak Road", "Elm Park",
                                 "Oak Road", "Elm Park"],
                      "Victor": ["Rovers", "United", "Rovers", "Rovers", "United", "Rovers",
                                 "United"],
                      "Margin": ["2", "1", "3", "1", "2", "4", "1"]})
LIBRARIES = pd.DataFrame({"Branch": ["North", "South", "East", "West", "Harbour"],
                          "Opened": ["1961", "1978", "1985", "1999", "2012"],
                          "Books": ["41000", "52000", "38000", "61000", "27000"]})


def count(a) -> float:
    assert a.status == "answered", a.text
    return float(a.table.iloc[0, -1])


def test_a_date_column_of_years_takes_a_comparison():
    assert count(ask(DERBY, "how many times did rovers win after 2000?")) == 2
    assert count(ask(DERBY, "how many matches were played before 1998?")) == 2


def test_a_range_of_years_over_a_date_column():
    assert count(ask(DERBY, "how many matches were played between 1997 and 2003?")) == 4


def test_a_column_named_for_an_event_takes_a_comparison():
    assert count(ask(LIBRARIES, "how many branches opened before 1980?")) == 2


def test_two_columns_of_years_stay_refused():
    t = LIBRARIES.assign(Closed=["1990", "2001", "2005", "2010", "2020"])
    assert ask(t, "how many branches are listed after 1995?").status != "answered"


def test_years_in_a_column_not_named_for_time_stay_refused():
    t = pd.DataFrame({"Code": ["1950", "1960", "1970", "1980"],
                      "Name": ["Ash", "Birch", "Cedar", "Dogwood"]})
    assert ask(t, "how many names are there after 1965?").status != "answered"


def test_a_column_of_years_with_blank_cells_stays_refused():
    t = pd.DataFrame({"Season": ["2001", None, "2002", None, "2003"],
                      "Half": ["spring", "autumn", "spring", "autumn", "spring"],
                      "Place": ["3rd", "4th", "4th", "2nd", "4th"]})
    a = ask(t, "how many times were they 4th before 2003?")
    assert a.status != "answered", a.text


def test_a_decade_over_a_date_column_of_years():
    assert count(ask(DERBY, "in the 1990s, how many matches were there?")) == 3
    a = ask(DERBY, "which grounds did united win at in the 2000s?")
    assert a.status == "answered", a.text
    assert sorted(a.table["Ground"]) == ["Elm Park", "Elm Park"]


def test_years_against_a_small_count_are_refused_not_answered_zero():
    t = pd.DataFrame({"Season": ["2008–09", "2009–10", "2010–11", "2011–12"],
                      "Coach": ["Reid", "Reid", "Moss", "Moss"],
                      "Defeats": ["9", "14", "6", "11"]})
    a = ask(t, "how many defeats from 2009 to 2011")
    assert a.status != "answered", a.text
    a = ask(t, "how many defeats in 2009-2011?")
    assert a.status != "answered", a.text
    assert count(ask(t, "how many rows have more than 10 defeats?")) == 2
