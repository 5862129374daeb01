"""Over a table of titles (one work per row), "how many <works> did ..." counts the rows
(planner/work_rows.py), and a name no cell holds before the verb is whom the table is about
(planner/work_subject.py); without a title column, with a noun that is no kind of work ("how
many points did ..."), or beside a column of people, the question is still refused. Small tables written here; expected
values are computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [1984, 1986, 1986, 1989, 1991, 1994, 1997],
        "Title": ["Lantern Road", "Copper Tide", "Blue Ferris", "Quiet Orchard", "Salt Harbour",
                  "Night Kettle", "Paper Falcon"],
        "Label": ["Wrenfield", "Wrenfield", "Ostry", "Ostry", "Ostry", "Calder", "Calder"],
        "Peak": [12, 4, 33, 7, 19, 2, 41]})


@pytest.fixture(scope="module")
def labels_only() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [1984, 1986, 1989, 1991, 1994],
        "Label": ["Wrenfield", "Wrenfield", "Ostry", "Calder", "Calder"],
        "Peak": [12, 4, 7, 19, 2]})


def test_singles_released_before_a_year(records):
    a = ask(records, "how many singles did the group release prior to 1990?")
    assert a.status == "answered", a.text
    assert a.value == int((records.Year < 1990).sum()) == 4


def test_albums_on_a_label(records):
    a = ask(records, "how many albums did they release on ostry?")
    assert a.status == "answered", a.text
    assert a.value == int((records.Label == "Ostry").sum()) == 3


def test_total_works(records):
    a = ask(records, "how many total songs does the album have?")
    assert a.status == "answered", a.text
    assert a.value == len(records)


def test_without_a_title_column_is_refused(labels_only):
    a = ask(labels_only, "how many singles did the group release prior to 1990?")
    assert a.status != "answered"


def test_a_thing_the_rows_have_is_refused(records):
    a = ask(records, "how many points did she release before 1990?")
    assert a.status != "answered"


@pytest.fixture(scope="module")
def canvases() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [1931, 1936, 1940, 1944, 1947, 1952],
        "Title": ["Harbour at Dusk", "The Mill Race", "Orchard Gate", "Signal Box",
                  "Low Tide at Wenmouth", "The Foundry"],
        "Collection": ["Private", "Town Gallery", "Private", "Rail Museum", "Town Gallery",
                       "Private"]})


@pytest.fixture(scope="module")
def chart_hits() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [1984, 1986, 1989, 1991, 1994],
        "Title": ["Lantern Road", "Copper Tide", "Quiet Orchard", "Salt Harbour", "Night Kettle"],
        "Artist": ["Mira Solen", "The Larkfields", "Mira Solen", "Odo Brandt", "The Larkfields"]})


def test_the_maker_the_table_is_about(canvases):
    a = ask(canvases, "how many paintings had ewa lindqvist finished prior to 1945?")
    assert a.status == "answered", a.text
    assert a.value == int((canvases.Year < 1945).sum()) == 4
    a = ask(canvases, "how many paintings had ewa lindqvist completed after 1938?")
    assert a.status == "answered", a.text
    assert a.value == int((canvases.Year > 1938).sum()) == 4
    assert "completed" in a.interpretation
    a = ask(canvases, "how many works did ewa lindqvist paint in total?")
    assert a.status != "answered"  # "paint" is read by nothing: still refused


def test_a_name_a_people_column_could_hold_is_refused(chart_hits):
    a = ask(chart_hits, "how many singles did rosa kettering release prior to 1990?")
    assert a.status != "answered"  # an Artist column: she is not in it, not the subject
