""""How many <measure> did all the <rows> have": the measure added up over every row the
column of names covers (or over the rows values of other columns pick); without "all" the
column of names is still asked about. Small tables written here; expected values are
computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def guards() -> pd.DataFrame:
    return pd.DataFrame({
        "Guard": ["Ivo Hale", "Jun Park", "Kit Lowe", "Lia Marr", "Max Oduya", "Nia Ross"],
        "Club": ["Pumas", "Pumas", "Herons", "Herons", "Herons", "Pumas"],
        "Assists": [7, 3, 9, 4, 6, 2],
        "Minutes": [31, 22, 35, 28, 30, 18]})


def test_all_the_rows(guards):
    a = ask(guards, "how many assists did all the guards make?")
    assert a.status == "answered", a.text
    assert a.value == int(guards.Assists.sum()) == 31


def test_all_the_rows_a_value_picks(guards):
    a = ask(guards, "how many assists were made by all herons guards?")
    assert a.status == "answered", a.text
    assert a.value == int(guards.loc[guards.Club == "Herons", "Assists"].sum()) == 19


def test_without_all_the_column_is_still_asked_about(guards):
    for q in ("how many assists did the herons guards make?",
              "how many assists did guards make?"):
        a = ask(guards, q)
        assert a.status == "cannot_answer" and "'Guard'" in a.text, a.text
