""""Served in the 1970s" over a start column and its end is every term reaching into the
years said, not only the terms that began in them (planner/term_overlap.py); the start alone
when the question says it; refused when some terms have no end. Small tables written here;
expected values are computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def wardens() -> pd.DataFrame:
    return pd.DataFrame({
        "Name": ["Ann Rook", "Bo Vane", "Cy Lark", "Di Wren", "Ed Finch"],
        "Term start": [1961, 1968, 1973, 1976, 1981],
        "Term end": [1968, 1973, 1976, 1981, 1990]})


def _reach(frame: pd.DataFrame, lo: int, hi: int) -> pd.Series:
    return (frame["Term start"] <= hi) & (frame["Term end"] >= lo)


def test_terms_reaching_into_a_decade(wardens):
    a = ask(wardens, "how many wardens served in the 1970s?")
    assert a.status == "answered", a.text
    assert a.value == int(_reach(wardens, 1970, 1979).sum()) == 3


def test_who_served_lists_every_term_reaching_in(wardens):
    a = ask(wardens, "who served in the 1960s?")
    assert a.status == "answered", a.text
    assert sorted(a.table["Name"]) == sorted(wardens.Name[_reach(wardens, 1960, 1969)])


def test_span_of_years_with_a_dash(wardens):
    a = ask(wardens, "who served in 1962-69?")
    assert a.status == "answered", a.text
    assert sorted(a.table["Name"]) == ["Ann Rook", "Bo Vane"]


def test_the_start_said_reads_the_start(wardens):
    a = ask(wardens, "how many wardens began in the 1970s?")
    assert a.status == "answered", a.text
    assert a.value == int(wardens["Term start"].between(1970, 1979).sum()) == 2


def test_an_open_term_is_refused(wardens):
    open_end = wardens.copy()
    open_end["Term end"] = [1968, 1973, 1976, 1981, None]
    a = ask(open_end, "who served in the 1960s?")
    assert a.status != "answered", a.text
    assert "Term end" in a.text


def test_terms_of_dates(wardens):
    dated = wardens.copy()
    dated["Term start"] = pd.to_datetime(["1961-03-01", "1968-05-02", "1973-01-09",
                                          "1976-07-07", "1981-02-02"])
    dated["Term end"] = pd.to_datetime(["1968-05-01", "1973-01-08", "1976-07-06",
                                        "1981-02-01", "1990-01-01"])
    a = ask(dated, "how many wardens served in the 1970s?")
    assert a.status == "answered", a.text
    assert a.value == 3


def test_years_no_term_reaches_are_not_read_as_terms(wardens):
    a = ask(wardens, "how many wardens served in the 1800s?")
    assert a.status != "answered", a.text


def test_one_year_over_terms(wardens):
    a = ask(wardens, "how many wardens served in 1973?")
    assert a.status == "answered", a.text
    assert a.value == int(_reach(wardens, 1973, 1973).sum()) == 2
