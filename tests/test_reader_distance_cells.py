"""How long a row's race was, as the distance a text cell writes (distance_cells.py): the
cell of the one column of distances, read when the question says a distance or the table
has no column of times; a unit said must be the column's, a cell that is no distance is
never answered, and an unread word refuses. Tables made up here."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _rounds() -> pd.DataFrame:
    """A made-up motor series: no column of times, one column of distances."""
    return pd.DataFrame({
        "Rnd": [1, 2, 3, 4],
        "Circuit": ["Fernbank Oval, Ohio", "Gravel Flats, Utah", "Moss Ring, Idaho",
                    "Cobble Loop, Maine"],
        "Laps": [200, 150, 208, 100],
        "Distance": ["200 mi (320 km)", "150 mi (240 km)", "312 mi (502 km)",
                     "100 mi (160 km)"],
        "Winner": ["Ada Brook", "Cal Dunn", "Eve Fox", "Gus Hale"]})


def _athlete() -> pd.DataFrame:
    """A made-up runner's results: the distance run in Notes (one relay), no times."""
    return pd.DataFrame({
        "Year": [2011, 2012, 2012, 2013, 2014],
        "Competition": ["Coastal Cup", "Valley Games", "Valley Games", "Summit Meet",
                        "Harbour Trophy"],
        "Position": ["2nd", "1st", "3rd", "4th", "1st"],
        "Notes": ["800 m", "400 metres", "4x400m relay", "1500 m", "800 metres"]})


def _mixed() -> pd.DataFrame:
    """A made-up walker's results: the event's distance and the time taken."""
    return pd.DataFrame({
        "Year": [2015, 2016, 2017],
        "Competition": ["Lowland Cup", "Ridge Games", "Delta Meet"],
        "Event": ["10 km", "20 km", "20 km"],
        "Notes": ["44:10.20", "1:29:31", "1:27:55"]})


def test_the_race_of_a_row_is_its_distance_cell() -> None:
    df = _rounds()
    for q in ["how long was the race at gravel flats?",
              "how long was the distance run at gravel flats, utah?",
              "how long was the gravel flats race in miles?"]:
        a = ask(df, q)
        assert a.value == "150 mi (240 km)", (q, a.text)
        assert "Distance" in (a.interpretation or "")


def test_a_unit_the_column_does_not_use_refuses() -> None:
    a = ask(_rounds(), "how long was the gravel flats race in km?")
    assert a.value is None
    assert "mi" in a.text


def test_distance_said_beside_a_column_of_times() -> None:
    df = _mixed()
    a = ask(df, "how long was the race at the ridge games (distance)?")
    assert a.value == 20, a.text  # "20 km" read as numbers: the unit said in the answer
    assert "in km" in a.text
    a = ask(df, "how long was the lowland cup event in km?")
    assert a.value == 10, a.text
    a = ask(df, "how long was the lowland cup event in miles?")
    assert a.value is None, a.text


def test_without_a_distance_word_the_time_column_keeps_its_reading() -> None:
    a = ask(_mixed(), "how long was the race at the ridge games?")
    assert a.value != "20 km"


def test_a_distance_asked_of_a_table_without_one_refuses() -> None:
    df = _mixed().drop(columns=["Event"])
    a = ask(df, "how long was the race at the ridge games (distance)?")
    assert a.value is None, a.text
    assert "distance" in a.text


def test_a_cell_that_is_no_distance_is_not_answered() -> None:
    df = _athlete()
    a = ask(df, "how long was the race at the harbour trophy?")
    assert a.value == "800 metres", a.text
    a = ask(df, "how long was the race at the summit meet in 2013?")
    assert a.value == "1500 m", a.text
    a = ask(df, "how long was the event at the valley games in 2012?")
    assert a.value in (None, "400 metres"), a.text  # the relay row is left out
    assert a.value != "4x400m relay"


def test_refusals() -> None:
    df = _rounds()
    for q in ["how long was the windy race at gravel flats?",  # a word not read
              "how long was the race?",  # no row named
              "how long was the race at gravel flats in laps?"]:  # another unit
        a = ask(df, q)
        assert a.value in (None, 150) and a.value != "150 mi (240 km)", (q, a.value, a.text)
