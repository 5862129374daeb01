"""How long after a year the next row came (issue 12): "how many years after <year> did they
<do> another <row>", "how long after <year> was there a <value> <row>" -> the earliest later
year (among the rows the value describes) minus the year, checked against pandas; refused
when a value is the verb's subject, when months are asked of years, and when no row comes
after the year."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _albums() -> pd.DataFrame:
    # the records of an imaginary harbour choir
    return pd.DataFrame({
        "Year": [1984, 1987, 1987, 1993, 1998, 2003, 2011],
        "Record": ["Tidewater", "Nets at Dusk", "Lamp Songs", "Breakwater", "Gull Psalms",
                  "Winter Quay", "Foghorn Suite"],
        "Kind": ["Studio", "Studio", "Live", "Studio", "Live", "Studio", "Live"],
        "Label": ["Saltmarsh", "Saltmarsh", "Pier Nine", "Pier Nine", "Saltmarsh",
                  "Pier Nine", "Saltmarsh"],
    })


def _value(a):
    assert a.status == "answered", a.text
    return a.value


def test_the_first_later_year_minus_the_year():
    d = _albums()
    a = ask(d, "how many years after 1988 did they have another record?")
    assert _value(a) == d.loc[d.Year > 1988, "Year"].min() - 1988 == 5


def test_a_value_describing_the_next_row_narrows_it():
    d = _albums()
    a = ask(d, "how long after 1988 was there a live record?")
    later = d[(d.Year > 1988) & (d.Kind == "Live")]
    assert _value(a) == later["Year"].min() - 1988 == 10


def test_a_subject_value_months_and_no_later_row_are_not_answered():
    d = _albums()
    a = ask(d, "how long after 1988 did Saltmarsh have their next record?")
    assert a.status != "answered" and a.value is None
    a = ask(d, "how many months after 1988 did they have another record?")
    assert a.status != "answered" and a.value is None
    a = ask(d, "how many years after 2011 did they have another record?")
    assert a.status != "answered" and a.value is None
