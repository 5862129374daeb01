"""Readings that take a value, a name or a singular noun only in part are asked back or
refused; complete readings keep answering. Small tables written here (not the development
sets' tables); every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask
from nbdatachat.planner.answer_checks import check_plan_reading
from nbdatachat.planner.constituents import Incomplete
from nbdatachat.planner.plan_kinds import LookupPlan
from nbdatachat.planner.reader import read
from nbdatachat.query import open_source


@pytest.fixture(scope="module")
def roster() -> pd.DataFrame:
    return pd.DataFrame({
        "Player": ["Ames", "Baker", "Cole", "Diaz", "Eng", "Ford"],
        "Position": ["Catcher", "Pitcher", "Pitcher / Catcher", "Shortstop", "Catcher",
                     "Pitcher"],
        "Games": [120, 30, 80, 150, 95, 28]})


@pytest.mark.parametrize("question", ["how many players were catchers?",
                                      "how many catchers are there?"])
def test_a_value_other_cells_hold_inside_a_phrase_is_asked_back(roster, question):
    # 'Catcher' is one cell's whole value and a part of 'Bullpen catcher': 2 or 3 rows
    phrase = roster.assign(Position=roster.Position.replace("Pitcher / Catcher",
                                                            "Bullpen catcher"))
    a = ask(phrase, question)
    assert a.status == "needs_clarification", (a.text, a.interpretation)
    assert "Bullpen catcher" in a.text


@pytest.mark.parametrize("question", ["how many players were catchers?",
                                      "how many catchers are there?"])
def test_a_value_other_cells_list_with_others_is_counted_with_them(roster, question):
    # 'Pitcher / Catcher' lists 'Catcher' as one item (tests/test_reader_value_items.py)
    a = ask(roster, question)
    assert a.status == "answered", (a.text, a.interpretation)
    assert a.value == int(roster.Position.str.contains("Catcher").sum()) == 3
    assert "Pitcher / Catcher" in a.interpretation


def test_a_value_no_other_cell_holds_is_still_counted(roster):
    a = ask(roster, "how many players were shortstops?")
    assert a.status == "answered", a.text
    assert a.value == int((roster.Position == "Shortstop").sum())


@pytest.fixture(scope="module")
def champions() -> pd.DataFrame:
    return pd.DataFrame({"Year": [2008, 2009, 2010, 2011, 2012, 2013],
                         "Champion": ["Arles", "Brest", "Caen", "Dax", "Evry", "Foix"],
                         "Score": ["2-1", "3-0", "1-0", "2-2", "4-1", "0-1"]})


def test_the_one_row_asked_over_a_range_of_several_rows_is_asked_back(champions):
    a = ask(champions, "who was the champion after 2008?")
    assert a.status == "needs_clarification", (a.text, a.interpretation)
    assert a.status != "answered"


def test_the_one_row_asked_over_a_range_of_one_row_answers(champions):
    a = ask(champions, "who was the champion after 2012?")
    assert a.status == "answered", a.text
    want = champions.loc[champions.Year > 2012, "Champion"].tolist()
    assert len(want) == 1 and want[0] in a.text


def test_a_plural_asks_for_every_row_of_the_range(champions):
    a = ask(champions, "who were the champions after 2010?")
    assert a.status == "answered", a.text
    for w in champions.loc[champions.Year > 2010, "Champion"]:
        assert w in a.text


@pytest.fixture(scope="module")
def scorers_schema():
    df = pd.DataFrame({"Rank": [1, 2, 3, 3, 5],
                       "Player": ["Ann Lowe", "Bo Park", "Cy Dunn", "Di Moss", "Ed Kerr"],
                       "Tally": ["2-12", "3-7", "3-5", "1-11", "0-13"],
                       "Total": [18, 16, 14, 14, 13]})
    return open_source(df, name="scorers").schema


@pytest.mark.parametrize("question", ["what is the first name in the list?",
                                      "who heads this list?"])
def test_a_name_asked_is_not_answered_with_scores(scorers_schema, question):
    r = read(question, scorers_schema)
    with pytest.raises(Incomplete, match="not names"):
        check_plan_reading(r, scorers_schema, LookupPlan(columns=["Tally"]))
    check_plan_reading(r, scorers_schema, LookupPlan(columns=["Player"]))  # a name: kept


def test_a_column_asked_twice_is_refused(scorers_schema):
    r = read("what player had the top total?", scorers_schema)
    with pytest.raises(Incomplete, match="twice"):
        check_plan_reading(r, scorers_schema, LookupPlan(columns=["Player", "Player"]))


def test_how_many_rows_share_the_extreme_is_not_the_extreme_itself():
    clubs = pd.DataFrame({"Club": ["Avon", "Brent", "Calder", "Dee", "Esk"],
                          "Seasons": [12, 9, 12, 4, 12], "Titles": [3, 0, 1, 0, 2]})
    a = ask(clubs, "how many clubs had the most seasons?")
    if a.status == "answered":  # only the count of the clubs at the maximum is right
        assert a.value == int((clubs.Seasons == clubs.Seasons.max()).sum()), a.interpretation
    b = ask(clubs, "what is the most seasons?")
    assert b.status == "answered", b.text
    assert b.value == clubs.Seasons.max()


def test_one_thing_asked_is_not_answered_with_two_columns(scorers_schema):
    from nbdatachat.planner.plan import Filter, RowsPlan
    plan = RowsPlan(columns=["Player", "Tally", "Total"], filters=[Filter("Total", ">", 15)])
    r = read("which player scored more than 15 in total?", scorers_schema)
    with pytest.raises(Incomplete, match="one thing"):
        check_plan_reading(r, scorers_schema, plan)
    r2 = read("what is the player and tally of totals over 15?", scorers_schema)
    check_plan_reading(r2, scorers_schema, plan)  # two things joined by "and": kept


def test_a_player_and_score_asked_together_still_answer():
    races = pd.DataFrame({"Race": ["Alpha Cup", "Beta Cup", "Gamma Cup"],
                          "Winner": ["Ann Lowe", "Bo Park", "Cy Dunn"],
                          "Team": ["Reds", "Blues", "Greens"]})
    a = ask(races, "what is the winner and team for the beta cup race?")
    if a.status == "answered":
        assert "Bo Park" in a.text and "Blues" in a.text


def test_a_month_left_unread_stops_the_count():
    releases = pd.DataFrame({"Title": ["Ash", "Birch", "Cedar", "Dune", "Elm", "Fig"],
                             "Release": ["July 3", "July 17", "August 2", "March 9", "July 30",
                                         "May 1"],
                             "Label": ["Arc", "Arc", "Bolt", "Bolt", "Arc", "Cove"]})
    a = ask(releases, "how many releases came out in all months of july?")
    if a.status == "answered":  # only a reading of July is right
        assert a.value == int(releases.Release.str.startswith("July").sum()), a.interpretation
    b = ask(releases, "how many releases are there?")
    assert b.status == "answered" and b.value == len(releases)


def test_which_month_is_not_answered_with_a_score(scorers_schema):
    r = read("which month had the lowest total?", scorers_schema)
    with pytest.raises(Incomplete, match="asks for a month"):
        check_plan_reading(r, scorers_schema, LookupPlan(columns=["Tally"], by="Total"))


def test_which_week_answers_with_a_week_column():
    games = pd.DataFrame({"Week": [1, 2, 3, 4], "Opponent": ["Owls", "Rams", "Jays", "Elks"],
                          "Attendance": [51000, 64000, 58000, 47000]})
    a = ask(games, "which week had the most attendance?")
    assert a.status == "answered", a.text
    assert a.value == games.loc[games.Attendance.idxmax(), "Week"]


def test_one_thing_ranked_is_not_a_pair_of_columns(scorers_schema):
    from nbdatachat.planner.plan import AggregatePlan, Measure
    plan = AggregatePlan(measures=[Measure("count")], group_by=["Player", "Tally"],
                         argmax=True)
    r = read("the player with the most entries", scorers_schema)
    with pytest.raises(Incomplete, match="pairs"):
        check_plan_reading(r, scorers_schema, plan)


def test_the_extreme_led_phrase_asks_for_the_value(scorers_schema):
    r = read("the highest total of any player", scorers_schema)
    with pytest.raises(Incomplete, match="value itself"):
        check_plan_reading(r, scorers_schema, LookupPlan(columns=["Player"], by="Total"))


def test_the_highest_of_a_text_column_is_refused(scorers_schema):
    from nbdatachat.planner.plan import AggregatePlan, Measure
    r = read("what is the highest tally?", scorers_schema)
    with pytest.raises(Incomplete, match="holds text"):
        check_plan_reading(r, scorers_schema,
                           AggregatePlan(measures=[Measure("max", "Tally")]))
    check_plan_reading(r, scorers_schema, AggregatePlan(measures=[Measure("max", "Total")]))


def test_naming_something_is_not_answered_with_whole_rows(scorers_schema):
    from nbdatachat.planner.plan import Filter, RowsPlan
    r = read("name the first player from alder", scorers_schema)
    with pytest.raises(Incomplete, match="whole rows"):
        check_plan_reading(r, scorers_schema, RowsPlan(filters=[Filter("Total", ">", 15)]))


def test_how_many_days_is_not_a_count_of_rows():
    strikes = pd.DataFrame({"Company": ["Acme", "Acme", "Brill", "Cooke"],
                            "Year": [1990, 1994, 1995, 1999],
                            "Duration": ["12 days", "3 days", "40 days", "n/a"]})
    a = ask(strikes, "how many total days was acme on strike?")
    assert a.status != "answered" or a.value == 15, (a.text, a.interpretation)
    b = ask(strikes, "how many strikes did acme have?")
    if b.status == "answered":
        assert b.value == int((strikes.Company == "Acme").sum())


def test_the_us_is_a_name_not_a_pronoun():
    medals = pd.DataFrame({"Nation": ["US", "Peru", "Fiji", "Chad"],
                           "Gold": [3, 2, 4, 1], "Silver": [5, 4, 2, 1]})
    a = ask(medals, "how many silver medals did the us and peru win together?")
    if a.status == "answered":
        assert a.value == 9, a.interpretation
    b = ask(medals, "how many silver medals did peru win?")
    assert b.status == "answered" and b.value == 4, b.text
