""""in 2010" over a column of years that is not named "year": a "Season" or "Election"
column, or the table's unnamed first column (timewords.period_column). The year picks that
row, whose cells answer; counting the rows or adding up the years is refused. Our own
tables; expected values computed with pandas."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask

CAREER = pd.DataFrame({"Season": ["2008", "2009", "2010", "2011"],
                       "Club": ["Ayr", "Ayr", "Troon", "Largs"],
                       "Appearances": ["12", "30", "25", "18"],
                       "Goals": ["3", "9", "4", "6"]})
CENSUS = pd.DataFrame({"Unnamed: 0": ["1990", "1991", "1992"],
                       "Live births": ["410", "398", "402"], "Deaths": ["300", "320", "310"]})


def value(a) -> float:
    assert a.status == "answered", a.text
    return float(a.table.iloc[0, -1])


def test_a_season_column_takes_the_year():
    assert value(ask(CAREER, "how many goals did he score in 2010?")) == 4
    assert value(ask(CAREER, "what was the number of appearances in 2009?")) == 30


def test_an_unnamed_first_column_of_years():
    assert value(ask(CENSUS, "how many deaths were there in 1991?")) == 320


def test_a_named_first_column_is_not_taken_for_years():
    t = pd.DataFrame({"Seats": ["1990", "2000", "2010"], "Goals": ["3", "4", "5"]})
    assert ask(t, "how many goals in 2000?").status != "answered"


def test_counting_the_rows_of_a_year_is_refused():
    a = ask(CAREER, "how many seasons were played in 2010?")
    assert not (a.status == "answered" and value(a) == 1), a.text
    a = ask(CAREER, "what was the total number of seasons in 2010?")
    assert not (a.status == "answered" and value(a) == 2010), a.text
