""""Founded before 1950" over a text column of dates written several ways: the year of each
cell compared (planner/text_years.py). Our own tables; counts read off them by hand."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask

CLUBS = pd.DataFrame({"Club": ["Alder", "Birch", "Cedar", "Dunmore", "Elm", "Fir"],
                      "Founding Date": ["1925", "December 14, 1926", "May 1946", "1955",
                                        "July 7, 1953", "unknown"],
                      "Region": ["North", "North", "South", "South", "East", "East"]})


def count(a) -> float:
    assert a.status == "answered", a.text
    return float(a.table.iloc[0, -1])


def test_the_year_of_each_cell_is_compared():
    assert count(ask(CLUBS, "how many clubs were founded before 1950?")) == 3
    assert count(ask(CLUBS, "how many clubs were founded in or before 1946?")) == 3
    assert count(ask(CLUBS, "how many clubs were founded since 1953?")) == 2
    a = ask(CLUBS, "which clubs were founded after 1950?")
    assert a.status == "answered", a.text
    assert sorted(a.table["Club"]) == ["Dunmore", "Elm"]
    assert "year of Founding Date" in a.interpretation


def test_a_count_of_another_columns_values_is_not_read_so():
    # "how many regions" counts distinct regions, not rows
    assert ask(CLUBS, "in how many regions was a club founded before 1950?").status \
        != "answered"


def test_a_column_of_years_as_numbers_keeps_its_own_reading():
    numbers = CLUBS.assign(**{"Founding Date": [1925, 1926, 1946, 1955, 1953, None]})
    assert count(ask(numbers, "how many clubs were founded before 1950?")) == 3
