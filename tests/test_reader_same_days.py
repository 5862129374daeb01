"""A day as the named row of "the same <column> as <day>" (issue 12,
``planner/same_time.day_anchor``): the row on that day is the anchor; the answer names the
other rows by their days unless a column is asked; what is refused."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _fixtures() -> pd.DataFrame:
    return pd.DataFrame({
        "Date": pd.to_datetime(["1961-03-08", "1961-03-15", "1961-03-22", "1961-03-29",
                                "1961-04-05", "1961-04-12"]),
        "Opponent": ["Harbor Town", "Millbrook", "Eastfield", "Kestrel Vale", "Stonebridge",
                     "Ashcombe"],
        "Crowd": [4200, 3900, 4200, 5100, 3900, 2800],
    })


def _answered(a):
    assert a.status == "answered", a.text
    return a.value if isinstance(a.value, list) else [a.value]


def test_a_noun_asked_answers_with_the_other_days():
    a = ask(_fixtures(), "name a fixture where the crowd was the same as march 15, 1961")
    got = _answered(a)
    assert [pd.Timestamp(g) for g in got] == [pd.Timestamp("1961-04-05")]
    assert "Date is on or after 1961-03-15" in a.text


def test_a_column_asked_answers_with_that_column():
    a = ask(_fixtures(), "which opponent had the same crowd as on march 8, 1961?")
    assert _answered(a) == ["Eastfield"]


@pytest.mark.parametrize("q", [
    "who had the same crowd as on march 8, 1961?",  # a person, never a day
    "which opponent had the same crowd as in march 1961?",  # a month: several rows
    "how many fixtures had the same crowd as march 8, 1961?",  # a count over a day: not yet
])
def test_what_a_day_anchor_cannot_carry_is_refused(q):
    assert ask(_fixtures(), q).status != "answered"


def _queens() -> pd.DataFrame:
    return pd.DataFrame({
        "Name": ["Ina Vole", "Jo Brack", "Kit Sorrel", "Lu Marten", "Mo Quill"],
        "Crowned": ["March 2, 1901", "June 9, 1903", "April 4, 1901", "May 30, 1905",
                    "July 1, 1903"],
        "Age when crowned": [19, 22, 20, 18, 23],
    })


def test_a_verb_grounding_a_column_of_no_times_names_the_one_column_of_times():
    d = _queens().rename(columns={"Crowned": "Date"})
    a = ask(d, "which name was crowned in the same year as jo brack?")
    assert _answered(a) == ["Mo Quill"]
    assert "Date year" in a.text


def test_two_columns_of_times_are_refused():
    d = _queens().rename(columns={"Crowned": "Date"}).assign(Born=[1882, 1881, 1880,
                                                                   1887, 1880])
    assert ask(d, "which name was crowned in the same year as jo brack?").status != \
        "answered"
