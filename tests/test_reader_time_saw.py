"""A time that "saw" something ("which season saw the most storms") is the time that had
it (issue 12): the verb adds nothing to read, so the question reads as "which season had the
most storms". Any other subject of "saw" is not read past. Small tables written here;
every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _storms() -> pd.DataFrame:
    return pd.DataFrame({
        "Season": [2014, 2015, 2016, 2017, 2018, 2019],
        "Named storms": [8, 11, 15, 17, 15, 18],
        "Landfalls": [1, 2, 5, 4, 3, 2],
        "Busiest port": ["Carrow", "Delm", "Carrow", "Esk", "Delm", "Esk"],
    })


def test_a_season_that_saw_the_most():
    t = _storms()
    a = ask(t, "which season saw the most named storms?")
    assert a.status == "answered", a.text
    assert a.value == t.loc[t["Named storms"].idxmax(), "Season"] == 2019


def test_a_season_that_saw_the_fewest():
    t = _storms()
    a = ask(t, "which season saw the fewest landfalls?")
    assert a.status == "answered", a.text
    assert a.value == t.loc[t["Landfalls"].idxmin(), "Season"] == 2014


def test_a_subject_that_is_no_time_is_not_read_past():
    a = ask(_storms(), "which captain saw the most landfalls?")
    assert a.status != "answered", (a.text, a.value)
