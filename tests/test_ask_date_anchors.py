"""A whole day as the anchor of table order (issue 12, table order): "which date is listed
after 27 March 1977", "the date previous to June 14th 1993", "who was the next opponent after
October 1st". The day names its row of the one date column (real dates or dates written as
text, with or without a year); the answer is the neighbouring row in the table's own order,
checked against pandas and the generated pandas code. Counting or listing every row on one
side of a day is another reading (``test_ask_dates.py``)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from nbdatachat import ask


def _tour() -> pd.DataFrame:
    # written newest first, as many web tables are: table order is not the calendar's
    return pd.DataFrame({
        "Date": ["4 March 2008", "20 February 2008", "9 January 2008", "12 December 2007",
                 "30 November 2007", "2 October 2007"],
        "City": ["Oslo", "Lima", "Quito", "Accra", "Hanoi", "Dakar"],
        "Attendance": [1200, 3400, 2100, 900, 5000, 4100],
    })


def _season() -> pd.DataFrame:
    # month and day only: the year is nowhere in the table
    return pd.DataFrame({
        "Date": ["September 3", "September 17", "Sept. 24", "October 1", "8 Oct",
                 "October 15", "November 5", "November 19"],
        "Opponent": ["Rams", "Jets", "Colts", "Bills", "Lions", "Bears", "Saints", "Giants"],
        "Points": [21, 14, 30, 7, 24, 17, 10, 28],
    })


def _row_of(frame: pd.DataFrame, day: dt.date) -> int:
    d = pd.to_datetime(frame["Date"], format="mixed").dt.date
    return int(d[d == day].index[0])


def _answered(a):
    assert a.status == "answered", (a.text, a.interpretation)
    return a


def _code(a, frame):
    scope: dict = {"df": frame.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    return scope["result"]


@pytest.mark.parametrize("q, day, step, col", [
    ("which date is listed after 20 February 2008?", dt.date(2008, 2, 20), 1, "Date"),
    ("what is the next date after 9 january 2008?", dt.date(2008, 1, 9), 1, "Date"),
    ("the date previous to December 12th 2007", dt.date(2007, 12, 12), -1, "Date"),
    ("what date is above the 30th of november 2007?", dt.date(2007, 11, 30), -1, "Date"),
    ("which city comes right after 9 January 2008?", dt.date(2008, 1, 9), 1, "City"),
])
def test_the_row_next_to_a_day_in_table_order(q, day, step, col):
    frame = _tour()
    a = _answered(ask(frame, q))
    want = frame.loc[_row_of(frame, day) + step, col]
    got = a.value
    if col == "Date":  # the column is read as dates: the answer is that day
        assert pd.Timestamp(got).date() == pd.to_datetime(want).date()
    else:
        assert got == want
    result = _code(a, frame)
    assert len(result) == 1
    assert str(result[col].iloc[0]) == str(got)
    # table order, not the calendar: the row after 20 February 2008 is an earlier day
    if q.startswith("which date is listed after"):
        assert pd.Timestamp(got).date() == dt.date(2008, 1, 9)


@pytest.mark.parametrize("q, anchor, step, col", [
    ("what date was listed before October 15?", "October 15", -1, "Date"),
    ("which day came after october 1st?", "October 1", 1, "Date"),
    ("who was the next opponent after October 1st?", "October 1", 1, "Opponent"),
    ("which opponent came before november 5?", "November 5", -1, "Opponent"),
])
def test_a_day_of_text_dates_without_a_year(q, anchor, step, col):
    frame = _season()
    a = _answered(ask(frame, q))
    i = int(frame.index[frame.Date == anchor][0])
    assert a.value == frame.loc[i + step, col]


def test_who_with_a_day_anchor_never_answers_another_day():
    a = ask(_season(), "who played right before november 5?")
    assert not (a.status == "answered" and a.value in set(_season().Date))


def test_every_row_on_one_side_of_a_day_is_not_the_next_row():
    frame = _tour()
    # a count is a side of the day in the calendar, never "the rows after it in the table"
    a = _answered(ask(frame, "how many games were after 9 January 2008?"))
    d = pd.to_datetime(frame["Date"], format="mixed")
    assert a.value == int((d > pd.Timestamp(2008, 1, 9)).sum()) == 2
    # a list of every later row is not answered with the one next row
    a = ask(frame, "which cities were after 9 January 2008?")
    assert not (a.status == "answered" and a.value == "Accra")


def test_a_day_no_row_holds_is_refused():
    a = ask(_tour(), "which date is listed after 21 February 2008?")
    assert a.status != "answered"
    assert "2008" in a.text
