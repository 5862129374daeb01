"""Rows sharing a time with a named row (issue 12): "the same year / day as X" over a
column of dates (the year of each date, or the date itself) or of years written as text,
each answer checked against pandas; the readings that must stay refused."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _ferries() -> pd.DataFrame:
    return pd.DataFrame({
        "Hull #": [301, 302, 303, 304, 305, 306],
        "Name": ["Tern", "Gannet", "Puffin", "Skua", "Fulmar", "Petrel"],
        "Yard": ["Leith", "Govan", "Leith", "Dundee", "Govan", "Leith"],
        "Floated": ["12 March 1952", "3 October 1952", "20 June 1954", "1 May 1955",
                    "9 January 1956", "14 July 1955"],
        "Delivered": ["02-02-1953", "02-02-1953", "15-09-1954", "30-11-1955",
                      "30-11-1955", "01-08-1956"],
    })


def _value(a):
    assert a.status == "answered", a.text
    return a.value if isinstance(a.value, list) else [a.value]


def test_the_same_year_of_a_date_column_is_the_year_of_each_date():
    d = _ferries()
    years = pd.to_datetime(d["Floated"]).dt.year
    want = d[(years == years[d.Name == "Skua"].iloc[0]) & (d.Name != "Skua")]["Name"].tolist()
    a = ask(d, "which other ferry was floated in the same year as skua?", name="ferries")
    assert _value(a) == want == ["Petrel"]
    assert "Floated year" in a.text and "Name is Skua" in a.text  # how it was read
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code agrees
    assert scope["result"]["Name"].tolist() == want


def test_the_same_day_is_the_date_itself_and_a_numbered_column_is_not_the_name():
    d = _ferries()
    day = d.loc[d.Name == "Skua", "Delivered"].iloc[0]
    want = d[(d.Delivered == day) & (d.Name != "Skua")]["Name"].tolist()
    # "ferry" names no column; the hull numbers are not the ferry asked for: its name is
    got = _value(ask(d, "what other ferry was delivered on the same day as skua?",
                     name="ferries"))
    assert got == want == ["Fulmar"]


def test_years_written_as_text_are_read_as_years():
    d = pd.DataFrame({"Club": ["Ash", "Birch", "Cedar", "Elm", "Fir"],
                      "Left": ["1961", "1974", "1961", "n/a", "1980"]})
    assert _value(ask(d, "which club left in the same year as cedar?")) == ["Ash"]
    # the anchor has no year: nothing shares it, said instead of answering
    assert ask(d, "which club left in the same year as elm?").status != "answered"


@pytest.mark.parametrize("q", [
    "which ferry was sold from yard in the same year as tern?",  # the column is an object
    "which ferry was floated in the same month as tern?",  # a month: not read
    "which ferry was floated in the same year as osprey?",  # no such row
])
def test_what_the_time_reading_cannot_carry_is_refused(q):
    assert ask(_ferries(), q, name="ferries").status != "answered"


def test_a_verb_no_column_names_reads_the_one_column_of_years():
    d = pd.DataFrame({"Peak": ["Ardan", "Beinn", "Corran", "Dunmor"],
                      "Summited first": [1931, 1954, 1931, 1960],
                      "Height": [3120, 2890, 3005, 2750]})
    want = d[(d["Summited first"] == 1931) & (d.Peak != "Ardan")]["Peak"].tolist()
    a = ask(d, "which peak was climbed in the same year as ardan?")
    assert _value(a) == want == ["Corran"]
    # two columns of years: which one the verb means is unclear, so it is not answered
    two = d.assign(Mapped=[1900, 1910, 1920, 1900])
    assert ask(two, "which peak was climbed in the same year as ardan?").status != "answered"
