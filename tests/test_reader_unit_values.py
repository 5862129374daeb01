"""A number written with its unit, or a clock, naming cells (unit_values.py): "5km" over
cells "5 km" (a column whose unit the data layer took off), "300m sack race" over "300 m
sack race" (metres, not 300 million), "a 30 million dollar budget" over "$30 million", "4:05"
over "04:05"; a unit the cells do not carry, or a clock no cell holds, is asked back.
Tables made up here."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _walker() -> pd.DataFrame:
    """A made-up walker's results: distances carrying their unit."""
    return pd.DataFrame({
        "Year": [2011, 2012, 2013, 2014],
        "Meet": ["Harbour Cup", "Ridge Games", "Delta Open", "Lowland Cup"],
        "Venue": ["Port Amel", "Larkton", "Eastbay", "Fernbank"],
        "Event": ["3 km", "10 km", "20 km", "20 km"]})


def _racer() -> pd.DataFrame:
    """A made-up runner's races, the race written in Notes."""
    return pd.DataFrame({
        "Year": [2015, 2016, 2017, 2018],
        "Venue": ["Mossvale", "Cobble Hill", "Gravelton", "Brookside"],
        "Position": ["2nd", "1st", "4th", "1st"],
        "Notes": ["60 m sack race", "300 m sack race", "60 m sack race", "60 m sack race"]})


def _films() -> pd.DataFrame:
    """Made-up films and what they cost."""
    return pd.DataFrame({
        "Title": ["Salt Harbour", "The Tin Lantern", "Glass Meadow", "Owl Street"],
        "Year": [1991, 1993, 1994, 1996],
        "Budget": ["$12 million", "N/A", "$30 million", "$12 million"]})


def _album() -> pd.DataFrame:
    """A made-up album's tracks with their lengths."""
    return pd.DataFrame({
        "No": [1, 2, 3, 4],
        "Track": ["Paper Kites", "Slow River", "North Lights", "Cinder Road"],
        "Time": ["3:41", "04:05", "2:58", "3:41"]})


def test_distance_glued_to_its_unit_names_the_column_of_that_unit():
    ans = ask(_walker(), "where was the only 3km event held?")
    assert ans.status == "answered"
    assert ans.value == "Port Amel"
    spaced = ask(_walker(), "where was the only 3 km event held?")
    assert spaced.status == "answered" and spaced.value == "Port Amel"


def test_metres_glued_to_a_number_are_no_millions():
    ans = ask(_racer(), "which venue hosted the only 300m sack race?")
    assert ans.status == "answered"
    assert ans.value == "Cobble Hill"


def test_amount_with_scale_and_dollars_names_the_money_cell():
    ans = ask(_films(), "what was the only film with a 30 million dollar budget?")
    assert ans.status == "answered"
    assert "Glass Meadow" in str(ans.value)


def test_clock_is_one_value_and_matches_a_leading_zero():
    ans = ask(_album(), "which track has a time of 4:05?")
    assert ans.status == "answered"
    assert "Slow River" in str(ans.value)
    count = ask(_album(), "how many tracks had a time of 3:41?")
    assert count.status == "answered" and count.value == 2


def test_unit_the_cells_do_not_carry_is_asked_back():
    ans = ask(_walker(), "where was the only 3 mile event held?")
    assert ans.status != "answered"


def test_clock_no_cell_holds_is_asked_back():
    ans = ask(_album(), "which track has a time of 5:17?")
    assert ans.status != "answered"
