"""The column a wh-question asks for (issue 12, capability 1).

"where" answers with the table's place column: "where was the 2009 final played?" is the
Venue of that row, not the Tournament the question names; the first and last rows and the
row after another answer with it too. A venue is preferred to a city and a city to a
country; two place columns of one tier are asked about; a "Place" column of finishing
positions is no place; schools answer "where did X study". "when" / "what year" answer with
the time column, and "who was the <column> at the row with the most ..." with that column.
"""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _finals() -> pd.DataFrame:
    return pd.DataFrame({
        "Season": [2006, 2007, 2008, 2009, 2010],
        "Tournament": ["Harbour Shield", "Inland Cup", "Harbour Shield", "Coast Trophy",
                       "Inland Cup"],
        "Ground": ["Marsh Lane", "Tollgate Park", "Riverside Oval", "Marsh Lane",
                   "Elm Common"],
        "Country": ["Wales", "Scotland", "England", "Wales", "England"],
        "Place": ["2nd", "1st", "4th", "1st", "3rd"],
        "Margin": [3, 12, 7, 1, 5],
    })


def _pandas_ground(**where) -> list[str]:
    t = _finals()
    for c, v in where.items():
        t = t[t[c] == v]
    return t["Ground"].tolist()


@pytest.mark.parametrize("q, want", [
    ("where was the 2009 tournament played?", _pandas_ground(Season=2009)),
    ("where was the coast trophy held?", _pandas_ground(Tournament="Coast Trophy")),
])
def test_a_named_row_answers_with_its_place(q, want):
    a = ask(_finals(), q)
    assert a.status == "answered", a.text
    assert a.value == (want[0] if len(want) == 1 else want)
    assert a.plan.columns == ["Ground"]


def test_several_rows_give_each_place():
    a = ask(_finals(), "where was the harbour shield held?")
    assert a.status == "answered", a.text
    assert sorted(a.value) == sorted(_pandas_ground(Tournament="Harbour Shield"))


@pytest.mark.parametrize("q, want", [
    ("where was the first tournament played?", _finals()["Ground"].iloc[0]),
    ("where was the last tournament played?", _finals()["Ground"].iloc[-1]),
    ("where was the tournament held after tollgate park?", _finals()["Ground"].iloc[2]),
])
def test_first_last_and_next_rows_answer_with_the_place(q, want):
    a = ask(_finals(), q)
    assert a.status == "answered", a.text
    assert a.value == want


def test_two_places_of_one_tier_are_asked_about():
    t = _finals().rename(columns={"Country": "Venue"})  # Ground and Venue: both tier one
    a = ask(t, "where was the 2007 tournament played?")
    assert a.status == "needs_clarification", a.text
    assert "Ground" in a.text and "Venue" in a.text


def test_a_city_is_taken_when_there_is_no_venue_and_a_country_last():
    t = _finals().drop(columns=["Ground"])
    a = ask(t, "where was the 2008 tournament played?")
    assert a.value == "England" and a.plan.columns == ["Country"], a.text
    t["City"] = ["Newport", "Perth", "Leeds", "Swansea", "York"]
    b = ask(t, "where was the 2008 tournament played?")
    assert b.value == "Leeds" and b.plan.columns == ["City"], b.text


def test_a_place_column_of_positions_is_no_place():
    t = _finals().drop(columns=["Ground", "Country"])
    a = ask(t, "where was the 2008 tournament played?")
    assert a.value != "4th", a.text


def test_schools_answer_where_someone_studied():
    t = pd.DataFrame({"Pick": [1, 2, 3], "Player": ["Ada Voss", "Ben Tull", "Cy Rand"],
                      "Hometown": ["Dover", "Salem", "Akron"],
                      "College": ["Lakeside State", "Northgate", "Pine Valley"]})
    a = ask(t, "where did ben tull go to college?")
    assert a.status == "answered" and a.value == "Northgate", a.text


def test_a_column_of_blanks_read_as_dates_orders_nothing():
    t = pd.DataFrame({"Building": ["Mill House", "Old Bank", "Corn Hall"],
                      "Town": ["Ripon", "Selby", "Thirsk"],
                      "Renamed": ["n/a", "n/a", "n/a"]})
    a = ask(t, "where was the first building?")
    assert a.status != "answered" or "Renamed" not in a.text, a.text


# -- "when" / "what year" of one row: the time column -------------------------------------

def _fixtures() -> pd.DataFrame:
    return pd.DataFrame({
        "Round": [1, 2, 3, 4, 5],
        "Date": ["March 4", "March 11", "March 19", "April 2", "April 9"],
        "Rival": ["Owls", "Foxes", "Hares", "Owls", "Moles"],
        "Venue": ["Home", "Away", "Away", "Home", "Away"],
        "Season": [1998, 1998, 1999, 1999, 2000],
    })


def test_when_answers_with_the_date_column_written_as_text():
    t = _fixtures().drop(columns=["Season"])
    a = ask(t, "when was their first away match?")
    assert a.status == "answered", a.text
    assert a.value == t[t["Venue"] == "Away"]["Date"].iloc[0]


def test_what_year_takes_a_column_of_years():
    t = _fixtures()
    a = ask(t.drop(columns=["Date"]), "what was the last year they played the owls?")
    assert a.status == "answered", a.text
    assert a.value == t[t["Rival"] == "Owls"]["Season"].iloc[-1]


def test_two_time_columns_are_asked_about():
    a = ask(_fixtures(), "when was their first away match?")
    assert a.status == "needs_clarification", a.text
    assert "Date" in a.text and "Season" in a.text


def test_what_year_over_dates_written_out_is_not_answered_with_the_date():
    t = _fixtures().drop(columns=["Season"])
    t["Date"] = ["March 4, 1998", "March 11, 1998", "March 19, 1999", "April 2, 1999",
                 "April 9, 2000"]
    a = ask(t, "what year was the first away game?")
    assert a.status != "answered" or a.value not in t["Date"].tolist(), a.text


def test_a_named_column_left_unread_stops_the_time_reading():
    # "that had a crowd" names Crowd, which no part of the reading would use
    t = _fixtures().assign(Crowd=[None, None, 900, 1200, 800])
    a = ask(t, "what was the first season that had a crowd?")
    # 1999 is right; 1998 would be the first season with the condition dropped
    assert a.status != "answered" or a.value == 1999, a.text


# -- "who was the <column> at the row with the most ...": that column, not the row's name ---

def test_the_named_column_of_the_top_row_is_the_answer():
    t = pd.DataFrame({
        "Match": ["Q1", "Q2", "SF", "F"],
        "Rival": ["Owls", "Foxes", "Hares", "Moles"],
        "Crowd": [1200, 4300, 2500, 3900],
    })
    a = ask(t, "who was the rival in the match with the biggest crowd?")
    assert a.status == "answered", a.text
    assert a.value == t.loc[t["Crowd"].idxmax(), "Rival"]
    b = ask(t, "which match had the largest crowd?")
    assert b.value == t.loc[t["Crowd"].idxmax(), "Match"], b.text


# -- "who" over rows named by a place: the one column of people ---------------------------

def _ridings() -> pd.DataFrame:
    return pd.DataFrame({
        "Riding": ["North Vale", "Elm Shore", "Kestrel Bay", "Oak Hollow", "Pine Ridge",
                   "Stone Ford", "Ash Moor", "Red Cliff", "Fen Gate", "Mill Brook"],
        "Candidate": ["Ina Roe", "Pat Gale", "Sam Fry", "Lu Chen", "Mo Dunn", "Kit Lyle",
                      "Ola Berg", "Tam Ruiz", "Vi Moss", "Wes Pratt"],
        "Votes": [7660, 4874, 12030, 9110, 6120, 8045, 10220, 5530, 6990, 7340],
    })


def test_who_answers_with_the_column_of_people_not_the_place():
    t = _ridings()
    a = ask(t, "who received the fewest votes?")
    assert a.status == "answered", a.text
    assert a.value == t.loc[t["Votes"].idxmin(), "Candidate"]


def test_who_keeps_the_rows_name_when_it_is_a_team():
    t = pd.DataFrame({"Team": ["Owls", "Foxes", "Hares", "Moles", "Voles", "Crows", "Rooks",
                               "Stags", "Larks", "Newts"],
                      "Coach": ["Ada Voss", "Ben Tull", "Cy Rand", "Di Holt", "Ed Marr",
                                "Flo Kemp", "Gus Orr", "Hal Penn", "Ivy Quin", "Jo Reed"],
                      "Wins": [7, 11, 4, 9, 2, 6, 3, 8, 5, 10]})
    a = ask(t, "who had the most wins?")
    assert a.status == "answered" and a.value == "Foxes", a.text
