""""Opened before 1960" over a text column of dates written several ways: the year of each
cell compared (planner/text_years.py). Our own tables; counts read off them by hand."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask

LIBRARIES = pd.DataFrame({"Library": ["Alder", "Birch", "Cedar", "Dunmore", "Elm", "Fir"],
                          "Opening date": ["1931", "March 3, 1937", "June 1948", "1962",
                                           "August 9, 1959", "unknown"],
                          "Region": ["North", "North", "South", "South", "East", "East"]})


def count(a) -> float:
    assert a.status == "answered", a.text
    return float(a.table.iloc[0, -1])


def test_the_year_of_each_cell_is_compared():
    assert count(ask(LIBRARIES, "how many libraries opened before 1955?")) == 3
    assert count(ask(LIBRARIES, "how many libraries opened in or before 1948?")) == 3
    assert count(ask(LIBRARIES, "how many libraries opened since 1959?")) == 2
    a = ask(LIBRARIES, "which libraries opened after 1955?")
    assert a.status == "answered", a.text
    assert sorted(a.table["Library"]) == ["Dunmore", "Elm"]
    assert "year of Opening date" in a.interpretation


def test_a_count_of_another_columns_values_is_not_read_so():
    # "how many regions" counts distinct regions, not rows
    assert ask(LIBRARIES, "in how many regions did a library open before 1955?").status \
        != "answered"


def test_a_column_of_years_as_numbers_keeps_its_own_reading():
    numbers = LIBRARIES.assign(**{"Opening date": [1931, 1937, 1948, 1962, 1959, None]})
    assert count(ask(numbers, "how many libraries opened before 1955?")) == 3
