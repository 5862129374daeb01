"""How long one row lasted when the table says it itself (issue 12): a numeric column named
for a unit of time ("Years", "Years in post") is the row's answer, preferred to a span the
reader would derive ("1901–1905" counted by its table as 5 seasons); the row's own noun
("was X *a warden*") is read as naming the row, and a unit the column does not hold is not
answered from it."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _wardens() -> pd.DataFrame:
    # wardens of an imaginary college: the seasons written as a span, and counted
    return pd.DataFrame({
        "Tenure": ["1890", "1891–1895", "1896–1899", "1900", "1901–1910"],
        "Warden": ["Ottoline Baird", "Pascoe Wynn", "Quenby Hart", "Ramsay Dunn",
                   "Saffron Lyle"],
        "Years": [1, 5, 4, 1, 10],
        "Record": ["3–1", "20–9", "11–12", "2–2", "61–30"],
    })


def _consuls() -> pd.DataFrame:
    return pd.DataFrame({
        "Consul": ["Tobiah Reyes", "Una Falk", "Viggo Strand", "Wilma Cray"],
        "Party": ["Green", "Blue", "Green", "Blue"],
        "Years in post": [4, 8, 2, 6],
        "Elections won": [1, 2, 1, 2],
    })


def _value(a):
    assert a.status == "answered", a.text
    return a.value


def test_the_tables_own_count_answers_how_long_a_row_lasted():
    d = _wardens()
    row = d[d.Warden == "Pascoe Wynn"].iloc[0]
    a = ask(d, "how long was Pascoe Wynn a warden?")
    assert _value(a) == row["Years"] == 5  # not 1895 - 1891
    assert "Years" in a.text
    # a one-year tenure written as one year still has its count
    assert _value(ask(d, "how long was ramsay dunn warden?")) == 1
    c = _consuls()
    assert _value(ask(c, "how many years did Una Falk serve?")) == \
        c.loc[c.Consul == "Una Falk", "Years in post"].iloc[0] == 8


def test_a_unit_the_column_does_not_hold_is_not_answered_from_it():
    a = ask(_consuls(), "how many days did Viggo Strand serve?")
    assert a.status != "answered" and a.value is None


def test_the_longest_serving_row_by_the_tables_count():
    c = _consuls()
    a = ask(c, "who served the longest?")
    assert _value(a) == c.loc[c["Years in post"].idxmax(), "Consul"] == "Una Falk"


def _champions() -> pd.DataFrame:
    # reigns of an imaginary tag-team belt: days held as numbers, or as text with a reign
    # still running ("88+") and a vacancy ("—")
    return pd.DataFrame({
        "Team": ["Iron Gulls", "Night Oaks", "Vacated", "Red Tide", "Copper Twins"],
        "Days held": [140, 302, None, 57, 88],
        "Days held (text)": ["140", "302", "—", "57", "88+"],
    })


def test_days_held_answer_how_many_days_a_row_held_something():
    d = _champions()[["Team", "Days held"]]
    assert _value(ask(d, "how many days did Night Oaks hold the belt?")) == 302
    a = ask(d, "which team reigned the longest?")
    assert _value(a) == d.loc[d["Days held"].idxmax(), "Team"] == "Night Oaks"


def test_days_written_as_text_are_never_counted_as_rows():
    d = _champions()[["Team", "Days held (text)"]].rename(columns={"Days held (text)": "Days held"})
    a = ask(d, "how many days did Red Tide hold the belt?")
    assert a.value != 1  # the row is not counted as the answer
    a = ask(d, "which team reigned the longest?")
    assert a.status != "answered" and a.value is None
