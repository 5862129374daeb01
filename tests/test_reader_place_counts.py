"""Counting the rows of one place ("how many times did the crew finish 3rd") over a column
of places whose values nearly never repeat (issue 12): a place is an attribute of a row,
not the row's name, so a count of 1 is an answer, not a sign of a misread. A value of a
column that names the rows ("how many races did <a rower> win") is still asked back.
Small tables written here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _regattas() -> pd.DataFrame:
    # ten regattas, nine places: the places nearly never repeat
    return pd.DataFrame({
        "Season": list(range(2009, 2019)),
        "Regatta": ["Lake Orm", "Tarn Cup", "Lake Orm", "Wey Bowl", "Tarn Cup", "Lake Orm",
                    "Wey Bowl", "Fen Head", "Tarn Cup", "Fen Head"],
        "Placing": ["3rd", "1st", "5th", "2nd", "3rd", "9th", "4th", "6th", "7th", "8th"],
        "Rower": ["Ames", "Brook", "Cole", "Dunn", "Eby", "Fahy", "Gale", "Hart", "Iles", "Jay"],
    })


@pytest.mark.parametrize("question, place", [
    ("how often did they finish 1st?", "1st"),
    ("how many times did they come in 3rd place?", "3rd"),
])
def test_a_place_counts_its_rows_even_once(question, place):
    t = _regattas()
    a = ask(t, question)
    assert a.status == "answered", a.text
    assert a.value == int((t["Placing"] == place).sum())
    assert "Placing is " + place in a.interpretation


def test_a_place_and_a_year_count_together():
    t = _regattas()
    a = ask(t, "after 2012, how often did they finish 3rd?")
    assert a.status == "answered", a.text
    assert a.value == int(((t["Placing"] == "3rd") & (t["Season"] > 2012)).sum()) == 1


def test_a_row_name_still_asks_back():
    a = ask(_regattas(), "how many regattas did cole win?")
    assert a.status != "answered", (a.text, a.value)
