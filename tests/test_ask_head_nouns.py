"""A kind noun right after the column a question asks for ("which sponsor company ...",
"what crew's boat ...") says what that column's values are and is read past; after a column
of numbers or years, or any other unread word, the reader still refuses. Small tables
written here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def regatta() -> pd.DataFrame:
    return pd.DataFrame({"Year": [2015, 2016, 2017, 2018, 2019, 2020],
                         "Crew": ["Harbor Oars", "Tidewater", "Harbor Oars", "Red Gull",
                                  "Tidewater", "Harbor Oars"],
                         "Sponsor": ["Acme Rope", "Blue Sail Co", "Acme Rope", "Kestrel Ltd",
                                     "Blue Sail Co", "Kestrel Ltd"],
                         "Points": [88, 91, 79, 95, 84, 90]})


def test_a_kind_noun_after_the_column_asked_for_is_read_past(regatta):
    a = ask(regatta, "which sponsor company has the highest total points?")
    assert a.status == "answered", a.text
    totals = regatta.groupby("Sponsor").Points.sum()
    assert a.value == totals.idxmax() == "Kestrel Ltd"
    assert any("Sponsor" in n for n in a.notes)


def test_a_possessive_column_then_a_kind_noun(regatta):
    a = ask(regatta, "which crew's team appears most often?")
    assert a.status == "answered", a.text
    assert a.value == regatta.Crew.value_counts().idxmax() == "Harbor Oars"


def test_a_kind_noun_after_a_column_of_years_is_refused(regatta):
    a = ask(regatta, "which year team had the most points?")
    assert a.status != "answered"
    assert "team" in a.text


def test_another_unread_noun_after_the_column_is_refused(regatta):
    a = ask(regatta, "which sponsor brewery has the highest total points?")
    assert a.status != "answered"
    assert "brewery" in a.text
