"""A wide table with one column per year ("2000", "2001", ...): "in 2001" names the column
"2001" (planner/year_headers.py). Our own tables; expected values read off them by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask

OUTPUT = pd.DataFrame({"Country": ["Landia", "Otria", "Pella", "Quon"],
                       "2000": [120, 80, 300, 15], "2001": [90, 110, 280, 20],
                       "2002": [95, 130, 260, None]})


def answered(a):
    assert a.status == "answered", a.text
    return a


def test_the_year_names_its_column_for_one_row():
    a = answered(ask(OUTPUT, "how much did otria produce in 2002?"))
    assert a.value == 130
    assert "2002" in a.interpretation and "Otria" in a.interpretation


def test_the_year_names_the_column_ranked():
    assert answered(ask(OUTPUT, "which country produced the most in 2000?")).value == "Pella"
    assert answered(ask(OUTPUT, "which country produced the least in 2001?")).value == "Quon"


def test_the_year_names_the_column_compared_with_a_number():
    a = answered(ask(OUTPUT, "which countries made over 100 in 2001?"))
    assert sorted(a.table["Country"]) == ["Otria", "Pella"]
    b = answered(ask(OUTPUT, "how many countries produced under 100 in 2000?"))
    assert float(b.table.iloc[0, -1]) == 2


def test_a_year_without_its_column_is_not_read_as_one():
    a = ask(OUTPUT, "how much did otria produce in 2004?")
    assert a.status != "answered"


@pytest.mark.parametrize("frame", [
    # one year header only: the table is not spread over years
    pd.DataFrame({"Country": ["Landia", "Otria"], "2001": [90, 110], "Area": [5, 7]}),
    # a column of years that could hold the year: it may name rows instead
    OUTPUT.assign(Founded=[1990, 2001, 1975, 1960]),
])
def test_no_column_per_year_keeps_the_year_unread(frame):
    for question in ("which country produced the most in 2001?",
                     "how much did otria produce in 2001?"):
        a = ask(frame, question)
        assert a.status == "cannot_answer", a.text  # asked back, never a guess
