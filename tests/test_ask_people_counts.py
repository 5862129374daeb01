""""People" over a column of population counts (planner/people_counts.py): the column's
number, never a count of rows. Our own tables; expected values read off them by hand."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask

TOWNS = pd.DataFrame({"Parish": ["Alder", "Birch", "Cedar", "Dunmore"],
                      "Population": [599, 1200, 340, 880], "Area (km²)": [3.1, 5.2, 1.1, 2.0],
                      "Population density (/km²)": [193.2, 230.8, 309.1, 440.0],
                      "Density (inhabitants per km²)": [193.2, 230.8, 309.1, 440.0]})
CENSUS = pd.DataFrame({"Parish": ["Alder", "Birch", "Cedar", "Dunmore"],
                       "Population\n(2011)": [599, 1200, 340, 880],
                       "Population\n(2006)": [527, 1100, 360, 900]})
ROSTER = pd.DataFrame({"Name": ["Ann", "Bo", "Cy", "Di"], "Club": ["Reds", "Reds", "Blues", "Reds"],
                       "Goals": [3, 5, 1, 2]})


def answered(a):
    assert a.status == "answered", a.text
    return a


def test_how_many_people_live_in_a_place_is_its_population_not_one_row():
    a = answered(ask(TOWNS, "how many people live in birch?"))
    assert a.value == 1200
    assert "Population" in a.interpretation


def test_the_most_and_fewest_people_rank_the_population():
    assert answered(ask(TOWNS, "which parish has the most people?")).value == "Birch"
    assert answered(ask(TOWNS, "which parish had the fewest people?")).value == "Cedar"


def test_a_number_of_people_is_compared_with_the_population():
    a = answered(ask(TOWNS, "how many parishes have more than 500 people?"))
    assert float(a.table.iloc[0, -1]) == 3


def test_a_year_picks_the_population_column():
    assert answered(ask(CENSUS, "how many people lived in birch in 2006?")).value == 1100
    assert answered(ask(CENSUS, "which parish had the most people in 2011?")).value == "Birch"
    assert answered(ask(CENSUS, "which parish had the most people in 2006?")).value == "Birch"
    a = answered(ask(CENSUS, "how many parishes had fewer than 600 people in 2011?"))
    assert float(a.table.iloc[0, -1]) == 2


def test_without_a_population_column_people_are_rows():
    a = answered(ask(ROSTER, "how many people play for the reds?"))
    assert float(a.table.iloc[0, -1]) == 3


def test_several_population_columns_and_no_year_ask_which():
    a = ask(CENSUS, "which parish has the most people?")
    assert a.status != "answered"
    assert "Population (2011)" in a.text.replace("\n", " ")
