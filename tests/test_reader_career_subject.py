"""Over one person's career (a year beside meets, places, awards; no column of people or
teams), a name no cell holds, standing where a subject stands, is the person the table is
about (planner/career_subject.py): the question is read as if it said "they" and the reading
says so. Beside a column of people, with another unread word, with the name half found in a
cell, or with the name after a preposition, the question is still refused. Small tables
written here; expected values are computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def meets() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [2007, 2008, 2009, 2009, 2011, 2012, 2013, 2014],
        "Meet": ["Valley Relays", "Coastal Games", "Lakeside Open", "Coastal Games",
                 "Northern Cup", "Lakeside Open", "Northern Cup", "Coastal Games"],
        "Venue": ["Ardmoor", "Kestwick", "Dunhollow", "Marrowby", "Ardmoor", "Kestwick",
                  "Dunhollow", "Marrowby"],
        "Place": ["4th", "1st", "2nd", "1st", "3rd", "1st", "1st", "5th"],
        "Mark": ["61.20 m", "63.05 m", "62.70 m", "64.10 m", "62.95 m", "65.30 m", "64.80 m",
                 "60.15 m"]})


def _says(a, name: str) -> None:
    assert f"read '{name}' as the person the table is about" in a.interpretation, \
        a.interpretation


def test_times_a_named_person_placed_first_after_a_year(meets):
    a = ask(meets, "how many times did tomas brevik finish 1st after 2010?")
    assert a.status == "answered", a.text
    assert a.value == int(((meets.Place == "1st") & (meets.Year > 2010)).sum()) == 2
    _says(a, "tomas brevik")


def test_a_possessive_name(meets):
    a = ask(meets, "what was brevik's last meet?")
    assert a.status == "answered", a.text
    assert a.value == meets.sort_values("Year").Meet.iloc[-1] == "Coastal Games"
    _says(a, "brevik")


def test_the_year_a_named_person_placed_third(meets):
    a = ask(meets, "what year did oda kveld place 3rd?")
    assert a.status == "answered", a.text
    assert a.value == int(meets.loc[meets.Place == "3rd", "Year"].iloc[0]) == 2011
    _says(a, "oda kveld")


def test_the_verb_after_the_name_is_read(meets):
    a = ask(meets, "how many times did oda kveld participate in the northern cup?")
    assert a.status == "answered", a.text
    assert a.value == int((meets.Meet == "Northern Cup").sum()) == 2


def test_another_unread_word_is_refused(meets):
    a = ask(meets, "how many times did tomas brevik sulk after 2010?")
    assert a.status != "answered"


def test_a_name_after_a_preposition_is_refused(meets):
    a = ask(meets, "how many meets were held with tomas brevik?")
    assert a.status != "answered"


def test_a_name_half_found_in_a_cell_is_not_the_person(meets):
    halls = meets.assign(Venue=["Brevik Hall"] + list(meets.Venue[1:]))
    a = ask(halls, "how many times did tomas brevik finish 1st after 2010?")
    assert "the person the table is about" not in (a.interpretation or "")


def test_beside_a_column_of_people_is_refused(meets):
    rivals = meets.assign(Opponent=["Ivo Marr", "Lena Dusk", "Ivo Marr", "Per Ahl", "Lena Dusk",
                                    "Per Ahl", "Ivo Marr", "Lena Dusk"])
    a = ask(rivals, "how many times did tomas brevik finish 1st after 2010?")
    assert a.status != "answered"


def test_without_a_column_of_times_is_refused(meets):
    a = ask(meets.drop(columns=["Year"]), "how many times did tomas brevik finish 1st?")
    assert a.status != "answered"


def test_compete_after_the_name_is_read(meets):
    a = ask(meets, "how many times did tomas brevik compete after 2010?")
    assert a.status == "answered", a.text
    assert a.value == int((meets.Year > 2010).sum()) == 4
    _says(a, "tomas brevik")


def test_a_venue_value_as_who_competed_is_refused(meets):
    abroad = meets.assign(Venue=[v + ", Norland" if i % 2 else v + ", Estmark"
                                 for i, v in enumerate(meets.Venue)])
    a = ask(abroad, "how many times did norland compete?")
    assert a.status != "answered"
    a = ask(abroad, "how many times did tomas brevik compete in norland?")
    assert a.status == "answered", a.text
    assert a.value == int(abroad.Venue.str.endswith("Norland").sum()) == 4
