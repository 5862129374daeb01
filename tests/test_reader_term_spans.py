"""A start and an end column read as one span (planner/durations.py and the lexicon's
"most / least (amount of) time"); our own tables."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def wardens() -> pd.DataFrame:
    return pd.DataFrame({
        "Warden": ["Ola Brand", "Per Lind", "Rut Holm", "Sven Ek", "Tova Berg"],
        "Began service": ["March 4, 1901", "June 1, 1905", "May 2, 1909", "July 9, 1912",
                      "August 1, 1920"],
        "Ended service": ["May 31, 1905", "April 30, 1909", "July 1, 1912", "July 31, 1920",
                      "March 3, 1921"],
        "Guild": ["Tanners", "Coopers", "Tanners", "Masons", "Coopers"]})


@pytest.fixture(scope="module")
def rowers() -> pd.DataFrame:
    return pd.DataFrame({
        "Crew": ["Kestrel", "Marlin", "Osprey", "Pelican"],
        "Club": ["Avon RC", "Tyne RC", "Wear RC", "Exe RC"],
        "Time": ["6:41.2", "6:38.9", "6:45.0", "6:40.3"]})


def _one(a):
    return a.value[0] if isinstance(a.value, list) else a.value


def test_least_amount_of_time_in_service(wardens):
    a = ask(wardens, "which warden, in service, clocked up least amount of time?")
    assert a.status == "answered", a.text
    assert _one(a) == "Tova Berg"
    assert "Began service" in str(a.interpretation) and "Ended service" in str(a.interpretation)


def test_most_time_in_service(wardens):
    a = ask(wardens, "which warden had the most time in service?")
    assert a.status == "answered", a.text
    assert _one(a) == "Sven Ek"


def test_least_time_over_elapsed_times(rowers):
    a = ask(rowers, "which crew used least amount of time rowing?")
    assert a.status == "answered", a.text
    assert _one(a) == "Marlin"
    a = ask(rowers, "which crew took the most time?")
    assert a.status == "answered", a.text
    assert _one(a) == "Osprey"


def test_most_time_with_no_length_is_refused():
    t = pd.DataFrame({"Song": ["Blue Fen", "Red Moor", "Grey Tor"],
                      "Chart peak": [12, 3, 40]})
    a = ask(t, "which song charted for least amount of time?")
    assert a.status != "answered"


def test_terms_below_an_amount_counted(wardens):
    a = ask(wardens, "how many wardens were in service under a year?")
    assert a.status == "answered", a.text
    assert a.value == 1  # Tova Berg: August 1920 to March 1921
    assert "Began service" in str(a.interpretation)


def test_terms_of_at_least_whole_years(wardens):
    a = ask(wardens, "how many wardens served at least 4 years?")
    assert a.status == "answered", a.text
    assert a.value == 2  # 4y 2m and 8y; 3y 10m, 3y 2m and 7 months are under 4
    a = ask(wardens, "which wardens served more than 4 years?")
    assert a.status == "answered", a.text
    assert sorted(a.value if isinstance(a.value, list) else [a.value]) == \
        ["Ola Brand", "Sven Ek"]


def test_terms_over_years_columns():
    t = pd.DataFrame({"Steward": ["Ada Quill", "Ben Sorrel", "Cai Tamsin", "Dot Umber"],
                      "Start": [1950, 1953, 1961, 1962], "End": [1953, 1961, 1962, 1970]})
    a = ask(t, "how many stewards served more than 2 years?")
    assert a.status == "answered", a.text
    assert a.value == 3


def test_a_name_with_several_terms_is_refused(wardens):
    t = wardens.copy()
    t.loc[4, "Warden"] = "Ola Brand"
    a = ask(t, "how many wardens served at least 4 years?")
    assert a.status != "answered"


def test_negated_or_months_are_not_read(wardens):
    assert ask(wardens, "how many wardens served at least 30 months?").status != "answered"
    a = ask(wardens, "which warden was not in service more than 4 years?")
    assert a.status != "answered" or "Tova Berg" in str(a.value)
