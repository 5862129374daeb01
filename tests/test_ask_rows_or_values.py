""""How many <noun>" over a column whose values may repeat: the rows, or the different
values? The reader marks the count (``AggregatePlan.either_count``) and the service counts
both ways after the query: the same number answers, two numbers ask back giving both.
Small tables written here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask
from nbdatachat.planner import QuestionReader
from nbdatachat.query import open_source


@pytest.fixture(scope="module")
def fairs() -> pd.DataFrame:
    return pd.DataFrame({
        "Season": [1991, 1992, 1993, 1994, 1995, 1996, 1997, 1998, 1999],
        "Town": ["Kestrel", "Marlow", "Kestrel", "Penrith", "Marlow", "Dunmore", "Dunmore",
                 "Kestrel", "Dunmore"],
        "Organiser": ["Hale", "Ives", "Hale", "Jory", "Kemp", "Lunt", None, "Moss", "Nash"],
        "Stalls": [40, 55, 48, 60, 52, 71, 66, 45, 58]})


def _distinct(df: pd.DataFrame, col: str, mask: pd.Series | None = None) -> int:
    return int((df if mask is None else df[mask])[col].nunique())


def test_the_same_number_both_ways_is_answered(fairs):
    a = ask(fairs, "how many organisers were there in marlow?")
    mask = fairs.Town == "Marlow"
    assert fairs.loc[mask, "Organiser"].notna().sum() == _distinct(fairs, "Organiser", mask)
    assert a.status == "answered", a.text
    assert a.value == _distinct(fairs, "Organiser", mask) == 2
    assert any("the number is the same" in n for n in a.notes)


def test_rows_without_a_value_are_not_counted_as_rows(fairs):
    # Dunmore has three rows, one with no organiser: two organisers either way
    a = ask(fairs, "how many organisers were there in dunmore?")
    mask = fairs.Town == "Dunmore"
    assert a.status == "answered", a.text
    assert a.value == _distinct(fairs, "Organiser", mask) == 2 < int(mask.sum())


def test_two_numbers_ask_back_giving_both(fairs):
    a = ask(fairs, "how many organisers were there in kestrel?")
    mask = fairs.Town == "Kestrel"
    rows = int(fairs.loc[mask, "Organiser"].notna().sum())
    distinct = _distinct(fairs, "Organiser", mask)
    assert (rows, distinct) == (3, 2)
    assert a.status == "needs_clarification", a.text
    assert f"{rows} rows" in a.text and f"{distinct} different" in a.text
    assert "how many different Organiser" in a.text


def test_over_the_whole_table_repeats_ask_back(fairs):
    a = ask(fairs, "how many towns are listed?")
    assert a.status == "needs_clarification", a.text
    assert f"{len(fairs)} rows" in a.text
    assert f"{_distinct(fairs, 'Town')} different" in a.text


def test_the_question_saying_different_needs_no_check(fairs):
    a = ask(fairs, "how many different towns are listed?")
    assert a.status == "answered", a.text
    assert a.value == _distinct(fairs, "Town")
    assert not any("the number is the same" in n for n in a.notes)


def test_the_mark_is_only_on_a_single_count():
    towns = pd.DataFrame({"Town": ["Kestrel", "Marlow", "Kestrel", "Penrith", "Marlow"],
                          "Year": [2001, 2002, 2003, 2004, 2005]})
    schema = open_source(towns).schema
    res = QuestionReader().plan("how many towns are there after 2002?", schema)
    assert res.status == "ok" and res.plan.either_count
    d = res.plan.to_dict()
    assert d["either_count"] is True  # travels with the plan's JSON
    res = QuestionReader().plan("which town has the most years?", schema)
    assert res.plan is None or not getattr(res.plan, "either_count", False)


def test_which_counts_can_be_settled_after_the_query():
    # distinct values of a number column are seldom what "how many" asks, and a filter on
    # a name picks one row ("how many titles did <a club> win" is not 1)
    from nbdatachat.planner.answer_type import _either_count
    from nbdatachat.planner.plan import AggregatePlan
    from nbdatachat.planner.plan_parts import Filter, Measure

    clubs = pd.DataFrame({"Club": ["Ash", "Birch", "Cedar", "Dale", "Elm", "Fir"],
                          "Titles": [3, 1, 3, 2, 1, 4], "Founded": [1901, 1910, 1901, 1923,
                                                                    1930, 1901],
                          "Region": ["North", "South", "North", "South", "North", "North"]})
    s = open_source(clubs).schema
    north = Filter("Region", "=", "North")
    assert _either_count(s, AggregatePlan(measures=[Measure("count_distinct", "Club")],
                                          filters=[north]), "Club")
    assert _either_count(s, AggregatePlan(measures=[Measure("count_distinct", "Founded")]),
                         "Founded")  # a year column is a time: counted both ways
    assert not _either_count(s, AggregatePlan(measures=[Measure("count_distinct", "Titles")],
                                              filters=[north]), "Titles")
    assert not _either_count(s, AggregatePlan(
        measures=[Measure("count_distinct", "Region")], filters=[Filter("Club", "=", "Ash")]),
        "Region")
    assert not _either_count(s, AggregatePlan(measures=[Measure("count_distinct", "Club")],
                                              group_by=["Region"]), "Club")


def test_one_row_picked_by_the_filters_asks_back(fairs):
    # Penrith has one row: "how many organisers in penrith" more likely asks about that row
    a = ask(fairs, "how many organisers were there in penrith?")
    assert int((fairs.Town == "Penrith").sum()) == 1
    assert a.status == "needs_clarification", a.text


def test_a_count_whose_noun_is_not_the_column_is_not_settled(fairs):
    # "how many seasons ..." does not count organisers, whatever the filters pick
    a = ask(fairs, "kestrel had its stalls organised how many seasons?")
    assert not (a.status == "answered" and a.value == _distinct(
        fairs, "Organiser", fairs.Town == "Kestrel")), a.text


def test_cells_listing_names_are_not_settled():
    # "Ada, Bo" is two scorers in one cell: distinct cells are not distinct scorers
    games = pd.DataFrame({"Round": ["R1", "R1", "R2", "R2", "R3", "R3"],
                          "Scorers": ["Ada, Bo", "Cy", "Cy", "Bo, Dee", "Ada, Bo", "Eve"]})
    a = ask(games, "how many scorers were there in r1?")
    assert not (a.status == "answered" and a.value == 2), a.text


def test_a_blank_cell_is_not_a_value_counted(fairs):
    # a blank organiser ("") is no organiser: rows holding one (2) differ from the
    # distinct cells (3, the blank among them), so the question comes back
    blank = fairs.assign(Organiser=fairs.Organiser.replace({"Ives": ""}))
    a = ask(blank, "how many organisers were there in marlow?")
    assert a.status == "needs_clarification", a.text


def test_the_fewest_by_group_asks_when_some_groups_have_no_rows_there():
    # Dial is never shown in Lund: counted as 0 it has the fewest; the count by group
    # lists only Ark (2), Bell (1) and Cog (1)
    shows = pd.DataFrame({"Exhibit": ["Ark", "Bell", "Ark", "Cog", "Bell", "Dial", "Ark", "Cog"],
                          "City": ["Lund", "Lund", "Lund", "Oslo", "Oslo", "Oslo", "Oslo",
                                   "Lund"]})
    a = ask(shows, "which exhibit was used the least in lund?")
    assert a.status == "needs_clarification", a.text
    assert "Dial" in a.text
    # every exhibit shown in Oslo: nothing left out, answered
    a = ask(shows, "which exhibit was used the least in oslo?")
    assert a.status != "needs_clarification" or "no row" not in a.text
    a = ask(shows, "which exhibit was used the most in lund?")
    assert a.status == "answered" and a.value == "Ark", a.text
