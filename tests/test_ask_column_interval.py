"""How long between two events of one row, each named by its column (issue 12,
:mod:`planner.column_interval`): "between when <row> was written and when it was
printed" -> the second column's year minus the first's; refused when the cell is no year,
when days are asked of years, when the columns hold dates, and when no row is named."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _works() -> pd.DataFrame:
    # an imaginary composer's pieces: the year each was written and first printed
    return pd.DataFrame({
        "Work": ["Sea Fugue", "Night Air", "Rain Suite", "Hill Song"],
        "Written": ["1901", "1904", "1910–11", "1913"],
        "Printed": [1903, 1904, 1915, 1920],
        "Pages": [12, 30, 8, 21],
    })


def _value(a):
    assert a.status == "answered", a.text
    return a.value


@pytest.mark.parametrize("q, want", [
    ("how long between when Sea Fugue was written and when it was printed?", 2),
    ("how long for Hill Song to be written before it was printed?", 7),
    ("how long from when Hill Song was written until it was printed?", 7),
    ("how many years between when Night Air was written and when it was printed?", 0),
])
def test_the_second_events_year_minus_the_firsts(q, want):
    a = ask(_works(), q)
    assert _value(a) == want
    assert "Written" in a.text and "Printed" in a.text


def test_the_pandas_code_gives_the_same_years():
    d = _works()
    a = ask(d, "how long between when Hill Song was written and when it was printed?")
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["result"].iloc[0, 0] == 7


@pytest.mark.parametrize("q", [
    # a span of two years in the cell: not one year
    "how long between when Rain Suite was written and when it was printed?",
    # days asked of years
    "how many days between when Sea Fugue was written and when it was printed?",
    # no row named
    "how long between when it was written and when it was printed?",
    # another word the reading does not know
    "how long between when Sea Fugue was written and when it was finally printed in "
    "Verdale?",
])
def test_what_the_two_columns_do_not_settle_is_refused(q):
    a = ask(_works(), q)
    assert a.status != "answered" and a.value is None, a.text


def test_columns_of_dates_are_not_read_as_years():
    d = pd.DataFrame({"Bridge": ["Low Arch", "Mill Span"],
                      "Begun": pd.to_datetime(["1990-03-01", "1994-06-10"]),
                      "Finished": pd.to_datetime(["1993-01-20", "1999-11-02"])})
    a = ask(d, "how long between when Low Arch was begun and when it was finished?")
    assert a.value != 3


def _sets() -> pd.DataFrame:
    # an imaginary composer's numbered sets of dances: cells naming several pieces by their
    # numbers, and years written with a note beside some of them
    return pd.DataFrame({
        "Numbers": ["1–3", "4–6", "7–10", "11–12"],
        "Written": ["1901", "1903 (spring)", "1904–05", "1907"],
        "Printed": [1902, 1906, 1908, 1911],
    })


@pytest.mark.parametrize("q, want", [
    ("how long between when 1-3 was written and when it was printed?", 1),
    ("how long between when 11-12 was written and when it was printed?", 4),
])
def test_a_hyphenated_pair_of_numbers_that_is_a_cell_names_its_row(q, want):
    a = ask(_sets(), q)
    assert _value(a) == want
    assert "Numbers" in a.text


@pytest.mark.parametrize("q", [
    # the row's cell is a year with a note, not one year
    "how long between when 4-6 was written and when it was printed?",
    # the row's cell is a span of two years
    "how long between when 7-10 was written and when it was printed?",
    # no cell is that pair of numbers
    "how long between when 2-5 was written and when it was printed?",
])
def test_a_pair_of_numbers_not_naming_a_row_with_one_year_is_refused(q):
    assert ask(_sets(), q).status != "answered"
