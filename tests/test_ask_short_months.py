"""Short month names in a question's dates (issue 12): "feb 1", "Sept. 3", "aug 15th",
"15 aug", "the 3rd of oct", "dec 2010" are read like the full names, on real date columns and
on dates written as text without a year. A short name with no day or year beside it ("jan"
alone may be a name) is not read as a month. Small tables written here; expected values
computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask

_DAYS = ["2010-02-01", "2010-03-04", "2010-04-19", "2010-06-12", "2010-08-15", "2010-09-03",
         "2010-10-03", "2010-11-20", "2010-11-27", "2010-12-25", "2010-12-30", "2010-07-07"]


def _fixtures(text_no_year: bool) -> pd.DataFrame:
    when = pd.to_datetime(pd.Series(_DAYS))
    date = when.dt.strftime("%B %-d") if text_no_year else when.dt.strftime("%B %-d, %Y")
    return pd.DataFrame({"Date": date, "Visitor": [f"Team {c}" for c in "ABCDEFGHIJKL"],
                         "Crowd": [1200, 3400, 2100, 5600, 4300, 3900, 2800, 6100, 4700,
                                   3300, 5100, 2500]})


def _on(t: pd.DataFrame, month: int, day: int) -> pd.Series:
    when = pd.to_datetime(pd.Series(_DAYS))
    return (when.dt.month == month) & (when.dt.day == day)


@pytest.mark.parametrize("text_no_year", [False, True])
@pytest.mark.parametrize("q, month, day", [
    ("who was the visitor on feb 1?", 2, 1),
    ("who visited on aug 15th?", 8, 15),
    ("which visitor came on Sept. 3?", 9, 3),
    ("who was the visitor on dec. 25?", 12, 25),
    ("who was the visitor on 4 mar?", 3, 4),
    ("who was the visitor on the 3rd of oct?", 10, 3),
])
def test_a_short_month_with_a_day_is_that_day(text_no_year, q, month, day):
    t = _fixtures(text_no_year)
    a = ask(t, q)
    assert a.status == "answered", (q, a.text)
    want = t.loc[_on(t, month, day), "Visitor"].tolist()
    assert len(want) == 1
    assert (a.value if isinstance(a.value, list) else [a.value]) == want


def test_a_short_month_with_a_year_is_that_month():
    t = _fixtures(False)
    a = ask(t, "how many games were played in nov 2010?")
    assert a.status == "answered", a.text
    assert a.value == int((pd.to_datetime(pd.Series(_DAYS)).dt.month == 11).sum()) == 2


def test_the_crowd_on_a_short_month_day():
    t = _fixtures(False)
    a = ask(t, "what was the crowd on jul 7?")
    assert a.status == "answered", a.text
    assert a.value == int(t.loc[_on(t, 7, 7), "Crowd"].iloc[0]) == 2500


def test_a_short_name_alone_is_not_a_month():
    t = pd.DataFrame({"Player": ["Ada", "Ben", "Cal", "Dot"], "Points": [3, 5, 2, 8]})
    a = ask(t, "how many points did jan score?")
    assert a.status != "answered", a.text
