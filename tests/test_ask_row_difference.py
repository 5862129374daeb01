"""Two columns of one row subtracted, read from language (issue 12, within-row differences):
"the difference between A and B for X", "how many more A than B did X have", "how many
years between A and B for X", each checked against pandas, the SQL and pandas code agreeing,
and the phrasings that must be refused or asked back."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _clubs() -> pd.DataFrame:
    # a league table: matches won and lost at home and away, founding and closing years
    return pd.DataFrame({
        "Club": ["Harbour Town", "Millford Rovers", "Ashgrove", "Kestrel United",
                 "Pinecrest", "Old Quay", "Riverside Athletic"],
        "Home wins": [11, 8, 14, 5, 9, 3, 12],
        "Away wins": [7, 9, 6, 5, 2, 4, 10],
        "Losses": [4, 7, 2, 12, 9, 15, 3],
        "Founded": [1887, 1902, 1899, 1921, 1910, 1895, 1934],
        "Dissolved": [1961, 1988, 1950, 1999, 1972, 1930, 2004],
        "Region": ["North", "South", "North", "East", "South", "East", "North"],
    })


def _value(a):
    assert a.status == "answered", a.text
    return a.value


def _row(d: pd.DataFrame, club: str) -> pd.Series:
    return d[d.Club == club].iloc[0]


@pytest.mark.parametrize("q, club", [
    ("what is the difference between home wins and away wins for Pinecrest?", "Pinecrest"),
    ("difference between the home wins and the away wins of millford rovers", "Millford Rovers"),
    ("what was the difference between Ashgrove's home wins and away wins?", "Ashgrove"),
])
def test_the_difference_between_two_columns_of_a_row_is_the_gap(q, club):
    d = _clubs()
    r = _row(d, club)
    a = ask(d, q)
    assert _value(a) == abs(r["Home wins"] - r["Away wins"])
    assert "difference between Home wins and Away wins" in a.text


def test_how_many_more_is_the_first_minus_the_second_with_its_sign():
    d = _clubs()
    r = _row(d, "Millford Rovers")
    # more away wins than home wins: the sign says which way
    a = ask(d, "how many more home wins than away wins did Millford Rovers have?")
    assert _value(a) == r["Home wins"] - r["Away wins"] == -1
    a = ask(d, "how many more away wins than home wins did Millford Rovers have?")
    assert _value(a) == r["Away wins"] - r["Home wins"] == 1
    # "fewer A than B" is B - A
    r = _row(d, "Kestrel United")
    a = ask(d, "how many fewer home wins than losses did Kestrel United have?")
    assert _value(a) == r["Losses"] - r["Home wins"] == 7


def test_the_years_between_two_year_columns_of_a_row():
    d = _clubs()
    r = _row(d, "Old Quay")
    for q in ("how many years between founded and dissolved for old quay?",
              "how much time was there between when old quay was founded and when it "
              "was dissolved?"):
        assert _value(ask(d, q)) == r["Dissolved"] - r["Founded"] == 35, q


def test_the_sql_and_the_pandas_code_compute_the_same_number():
    d = _clubs()
    a = ask(d, "how many more home wins than away wins did Riverside Athletic have?")
    assert _value(a) == 2
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["result"].iloc[0, 0] == 2
    assert '"Home wins" - "Away wins"' in a.sql


def test_several_matching_rows_are_asked_back_not_combined():
    d = _clubs()
    a = ask(d, "what is the difference between home wins and away wins in the North region?")
    assert a.status != "answered"


def test_without_a_row_it_asks_which_one():
    d = _clubs()
    a = ask(d, "what is the difference between home wins and away wins?")
    assert a.status == "needs_clarification"
    assert "which row" in a.text.lower()


@pytest.mark.parametrize("q", [
    # a total of the two columns over all rows is another question
    "what is the difference between total home wins and total away wins?",
    # a text column cannot be subtracted
    "what is the difference between region and home wins for Pinecrest?",
    # grouped: not one row
    "difference between home wins and away wins by region",
])
def test_what_a_row_difference_cannot_carry_is_not_answered_as_one(q):
    d = _clubs()
    a = ask(d, q)
    if a.status == "answered":
        # whatever else it reads, it is not one club's difference passed off as the answer
        assert "difference between Home wins and Away wins is" not in a.text


def test_how_long_was_the_named_column_asks_for_its_value():
    d = _clubs().assign(**{"Season length": [30, 28, 34, 26, 30, 22, 32]})
    r = _row(d, "Ashgrove")
    assert _value(ask(d, "how long was the season length for Ashgrove?")) == \
        r["Season length"] == 34
    # "how long" with no column after it is not a lookup of anything
    assert ask(d, "how long did Ashgrove play?").status != "answered"
