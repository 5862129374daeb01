"""Whether any row holds ("were there any ...", "did any ...", "was there a ...") is the count
of the rows the question selects against one (planner/any_exists.py); the yes/no of a count
of one named value with no row left is "No", not a blank (service/narrate_kinds.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _stations() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [1998, 1999, 2001, 2003, 2004, 2007, 2009],
        "Station": ["Kelby", "Morrow", "Kelby", "Astley", "Morrow", "Kelby", "Astley"],
        "Flood": ["Yes", "No", "No", "Yes", "No", "No", "No"],
        "Rainfall": [812, 640, 701, 905, 588, 733, 610],
    })


@pytest.mark.parametrize("question, expected", [
    ("was there a flood in 2003?", "Yes"),
    ("was there a flood in 2004?", "No"),
    ("were there any floods after 2005?", "No"),
    ("were there any floods before 2000?", "Yes"),
])
def test_whether_any_row_holds_is_the_count_against_one(question, expected):
    df = _stations()
    a = ask(df, question)
    assert a.status == "answered", a.text
    assert a.value == expected
    assert "at least one" in " ".join(a.notes)


def test_the_count_behind_the_answer_is_the_frames_own():
    df = _stations()
    a = ask(df, "were there any floods before 2000?")
    kept = df[(df["Year"] < 2000) & (df["Flood"] == "Yes")]
    assert len(kept) == 1 and a.value == "Yes"


@pytest.mark.parametrize("question", [
    "are there any other stations besides kelby?",  # asks for them, not whether
    "were there any rows?",                         # no condition: the table's length
    "were there any droughts in 2003?",             # a word no column or value holds
])
def test_any_questions_that_would_guess_are_refused(question):
    a = ask(_stations(), question)
    assert a.value not in ("Yes", "No"), a.text


def test_at_least_of_a_value_with_no_row_left_is_no():
    df = _stations()
    a = ask(df, "did kelby have at least 1 flood after 2000?")
    assert a.status == "answered", a.text
    assert a.value == "No"
    assert df[(df["Station"] == "Kelby") & (df["Year"] > 2000) & (df["Flood"] == "Yes")].empty
