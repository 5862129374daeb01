"""How long one row lasted when its start and end are written dates (issue 12): cells such as
"1871", "May 1880" or "June 3, 1902" count by their calendar years, also when one column
was read as real dates and the other stayed text because of an open end ("present"); the
open end itself is refused, never measured to today."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _wardens() -> pd.DataFrame:
    # harbour wardens of an imaginary port: start and end written as text, some only years
    return pd.DataFrame({
        "Warden": ["Aldous Crane", "Beatrix Holm", "Cyprian Vale", "Delphine Orr",
                   "Evander Pike"],
        "Took office": ["1871", "May 1880", "June 3, 1902", "11 August 1915", "1931"],
        "Left office": ["March 1880", "1902", "July 20, 1915", "1931", "present"],
        "Harbour": ["East", "East", "West", "West", "East"],
    })


def _stewards() -> pd.DataFrame:
    # the start read as real dates; the end stays text because one cell says "present"
    return pd.DataFrame({
        "Steward": ["Gideon Lark", "Hester Quill", "Ivo Marsh", "Juno Pell"],
        "Took office": pd.to_datetime(["1990-02-01", "1996-07-15", "2003-03-30",
                                       "2011-10-02"]),
        "Left office": ["July 15, 1996", "March 30, 2003", "October 2, 2011", "present"],
    })


def _value(a):
    assert a.status == "answered", a.text
    return a.value


def test_written_dates_count_their_calendar_years():
    d = _wardens()
    assert _value(ask(d, "how long did Beatrix Holm serve?")) == 1902 - 1880
    assert _value(ask(d, "how many years was cyprian vale in office?")) == 1915 - 1902
    a = ask(d, "how long did Aldous Crane serve?")
    assert _value(a) == 1880 - 1871
    assert "Took office" in a.text and "Left office" in a.text
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["result"].iloc[0, 0] == 9


def test_an_end_still_open_is_refused():
    a = ask(_wardens(), "how long did Evander Pike serve?")
    assert a.status != "answered" and a.value is None
    a = ask(_stewards(), "how many years did Juno Pell serve?")
    assert a.status != "answered" and a.value is None


def test_real_dates_beside_written_ones_count_calendar_years():
    d = _stewards()
    assert _value(ask(d, "how many years did Hester Quill serve?")) == 2003 - 1996
    assert _value(ask(d, "how long was ivo marsh in office?")) == 2011 - 2003
    # days are not counted from calendar years
    assert ask(d, "how many days did Ivo Marsh serve?").status != "answered"


def _registrars() -> pd.DataFrame:
    # one cell per term, written as a range of dates (or of years), the last still open
    return pd.DataFrame({
        "Registrar": ["Kit Amberley", "Lorcan Frey", "Mina Staunton", "Nils Ortega"],
        "Term in office": ["1962 – 1968", "March 3, 1968 - June 9, 1974",
                           "July 1974 – 2 February 1981", "May 5, 1981 –"],
    })


def test_a_range_of_written_dates_in_one_cell_counts_its_calendar_years():
    d = _registrars()
    assert _value(ask(d, "how long did Lorcan Frey serve?")) == 1974 - 1968
    assert _value(ask(d, "how long did Mina Staunton serve as registrar?")) == 1981 - 1974
    assert _value(ask(d, "how many years did kit amberley serve?")) == 6
    a = ask(d, "how long did Nils Ortega serve?")
    assert a.status != "answered" and a.value is None


def test_a_life_from_written_dates_is_refused_and_from_real_dates_is_whole_years():
    written = pd.DataFrame({"Poet": ["Orla Venn", "Piers Hale"],
                            "Born": ["2 February 1908", "1911"],
                            "Died": ["27 January 1976", "1980"]})
    a = ask(written, "how long did Orla Venn live?")
    assert a.status != "answered" and a.value is None  # 1976 - 1908 would overstate by one
    real = pd.DataFrame({"Poet": ["Orla Venn", "Piers Hale"],
                         "Birth date": pd.to_datetime(["1908-02-02", "1911-05-05"]),
                         "Death date": pd.to_datetime(["1976-01-27", "1980-06-01"])})
    assert _value(ask(real, "how long did Orla Venn live?")) == 67
    assert _value(ask(real, "how long did Piers Hale live?")) == 69
