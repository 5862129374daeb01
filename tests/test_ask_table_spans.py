"""How many years the whole table spans (issue 12): "how long have they been recording",
"how long was her career", "how many years does the list cover", "from the first <row> to
the last" -> the last year minus the first (aggregation ``range``), checked against pandas;
refused when two columns of years could say it, when the column holds dates, and when
months are asked of years."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _records() -> pd.DataFrame:
    # the releases of an imaginary folk duo, one row per record
    return pd.DataFrame({
        "Year": [1979, 1981, 1981, 1986, 1990, 1994, 2001],
        "Title": ["Salt Roads", "Lantern Hymns", "Stone Circle", "Quiet Harbour",
                  "Nine Winters", "Fen Lights", "Last Ferry"],
        "Label": ["Hollow", "Hollow", "Marram", "Marram", "Hollow", "Tern", "Tern"],
        "Peak": [31, 12, 45, 8, 19, 27, 40],
    })


def _value(a):
    assert a.status == "answered", a.text
    return a.value


@pytest.mark.parametrize("q", [
    "how long have they been recording?",
    "how long was their career?",
    "how many years does the list cover?",
    "how long is it from the first title to the last?",
    "how long between the first and the most recent record?",
])
def test_the_table_spans_its_last_year_minus_its_first(q):
    d = _records()
    a = ask(d, q)
    assert _value(a) == d["Year"].max() - d["Year"].min() == 22
    assert "Year" in a.text


def test_years_written_as_text_are_read_and_the_sql_and_pandas_agree():
    d = _records().assign(Year=["1979", "1981", "1981", "1986", "1990", "1994", "2001"])
    a = ask(d, "for how long were they active?")
    assert _value(a) == 22
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert float(scope["result"]) == 22


def test_unclear_columns_dates_and_months_are_refused():
    two = _records().assign(Reissued=[1999, 2003, 2004, 2008, 2010, 2012, 2015])
    a = ask(two, "how long have they been recording?")
    assert a.status != "answered" and a.value is None
    assert "Reissued" in a.text
    dated = _records().assign(Year=pd.to_datetime(
        ["1979-03-01", "1981-05-02", "1981-11-20", "1986-02-14", "1990-09-09", "1994-04-04",
         "2001-10-10"]))
    assert ask(dated, "how long have they been recording?").status != "answered"
    assert ask(_records(), "how many months have they been recording?").status != "answered"


def test_how_many_years_a_person_did_something_is_not_read_as_the_span():
    # "how many years did they record" may count the years with a record (six here)
    a = ask(_records(), "how many years did they record?")
    assert a.value != 22


def test_a_plural_naming_the_rows_is_read_with_the_span():
    d = _records()
    assert _value(ask(d, "how long did they make records?")) == 22
    assert _value(ask(d, "how long between the earliest and latest singles?")) == 22
