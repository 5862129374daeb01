"""How much time lies between two named rows (issue 12): "how long after A was B <done>",
"how many years between A and B"; each number checked against pandas, and the readings that
must be refused or asked back (two columns of years and none named, dates, months asked of
years)."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _bridges() -> pd.DataFrame:
    # footbridges of an imaginary river town: the year each opened, and a count of spans
    return pd.DataFrame({
        "Bridge": ["Wren Crossing", "Tallow Arch", "Miller's Span", "Oxbow Walk",
                   "Heron Footway", "Candle Lane Bridge"],
        "Opened": [1832, 1861, 1874, 1903, 1948, 1971],
        "Spans": [3, 1, 5, 2, 4, 1],
        "Material": ["Stone", "Iron", "Stone", "Steel", "Concrete", "Steel"],
    })


def _keepers() -> pd.DataFrame:
    # two columns of years: when each keeper was appointed and when retired (as text)
    return pd.DataFrame({
        "Keeper": ["Odile Brann", "Piet Vasko", "Rhea Lindqvist", "Soren Maddox"],
        "Appointed": [1910, 1925, 1941, 1958],
        "Retired": ["1925", "1940", "1957", "1970"],
        "Island": ["Gannet", "Gannet", "Puffin", "Puffin"],
    })


def _value(a):
    assert a.status == "answered", a.text
    return a.value


def _year(d: pd.DataFrame, name: str, col: str = "Opened", key: str = "Bridge") -> int:
    return int(d.loc[d[key] == name, col].iloc[0])


@pytest.mark.parametrize("q, first, second", [
    ("how long after Tallow Arch was Oxbow Walk opened?", "Tallow Arch", "Oxbow Walk"),
    ("how many years after the wren crossing did heron footway open?", "Wren Crossing",
     "Heron Footway"),
    ("How long after Tallow Arch opened was Candle Lane Bridge opened?", "Tallow Arch",
     "Candle Lane Bridge"),
])
def test_after_one_row_gives_the_second_rows_year_minus_the_firsts(q, first, second):
    d = _bridges()
    a = ask(d, q)
    assert _value(a) == _year(d, second) - _year(d, first)
    assert "Opened" in a.text


def test_a_row_that_came_first_gives_a_negative_gap_never_a_silent_distance():
    d = _bridges()
    assert _value(ask(d, "how long after Heron Footway was Tallow Arch opened?")) == \
        _year(d, "Tallow Arch") - _year(d, "Heron Footway") == -87


@pytest.mark.parametrize("q", [
    "how long was it between Oxbow Walk and Wren Crossing?",
    "how many years were there between the opening of oxbow walk and wren crossing?",
    "how long between wren crossing and oxbow walk?",
])
def test_between_two_rows_is_the_distance_either_way(q):
    d = _bridges()
    assert _value(ask(d, q)) == abs(_year(d, "Oxbow Walk") - _year(d, "Wren Crossing")) == 71


def test_the_verb_names_the_column_of_years_when_there_are_two():
    d = _keepers()
    a = ask(d, "how many years after Odile Brann was Rhea Lindqvist appointed?")
    assert _value(a) == _year(d, "Rhea Lindqvist", "Appointed", "Keeper") - \
        _year(d, "Odile Brann", "Appointed", "Keeper") == 31
    # the text column of years is read as years too
    a = ask(d, "how long after Piet Vasko retired did Soren Maddox retire?")
    assert _value(a) == 1970 - 1940
    # no verb naming either column: asked back, never guessed
    a = ask(d, "how long was it between Piet Vasko and Soren Maddox?")
    assert a.status != "answered" and a.value is None
    assert "Appointed" in a.text and "Retired" in a.text


def test_dates_and_months_of_years_are_refused():
    d = _bridges().assign(Opened=pd.to_datetime(
        ["1832-05-01", "1861-07-14", "1874-03-30", "1903-10-02", "1948-06-21", "1971-09-09"]))
    a = ask(d, "how long after Tallow Arch was Oxbow Walk opened?")
    assert a.status != "answered" and a.value is None
    a = ask(_bridges(), "how many months after Tallow Arch was Oxbow Walk opened?")
    assert a.status != "answered" and a.value is None


def test_a_difference_in_years_and_the_rows_column_said_before_each_value():
    d = _bridges()
    a = ask(d, "difference in years between Tallow Arch and Heron Footway?")
    assert _value(a) == _year(d, "Heron Footway") - _year(d, "Tallow Arch") == 87
    a = ask(d, "how many years passed between bridge Oxbow Walk and bridge Wren Crossing?")
    assert _value(a) == 71


def test_the_noun_of_the_event_picks_the_column_of_years():
    d = _bridges().assign(Closed=[1950, 1902, 1911, 1960, 1999, 2004])
    # "the closing of" names Closed, not Opened
    a = ask(d, "how many years elapsed between the closing of Tallow Arch and the closing "
               "of Oxbow Walk?")
    assert _value(a) == 1960 - 1902
    a = ask(d, "how long passed between the opening of Tallow Arch and Oxbow Walk?")
    assert _value(a) == 1903 - 1861
    # nothing says which: asked back
    a = ask(d, "the difference in years between Tallow Arch and Oxbow Walk?")
    assert a.status != "answered" and a.value is None


def test_the_pandas_code_runs_for_a_column_named_with_spaces_and_for_dates():
    d = _keepers().rename(columns={"Appointed": "Year appointed"})
    a = ask(d, "how many years after Odile Brann was Rhea Lindqvist appointed?")
    assert _value(a) == 31
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["answer"] == 31
    # real dates: "how many years" counts their calendar years; "how long" is refused
    dated = _bridges().assign(Opened=pd.to_datetime(
        ["1832-05-01", "1861-07-14", "1874-03-30", "1903-10-02", "1948-06-21", "1971-09-09"]))
    a = ask(dated, "how many years were there between Tallow Arch and Heron Footway?")
    assert _value(a) == 1948 - 1861
    scope = {"df": dated.copy()}
    exec(a.code, scope)  # noqa: S102
    assert scope["answer"] == 87


@pytest.mark.parametrize("q, want", [
    # "later ... after": the first row's year minus the second's
    ("how many years later was Oxbow Walk opened after Tallow Arch?", 1903 - 1861),
    # "earlier ... before": the second row's year minus the first's
    ("how many years earlier was Tallow Arch opened before Heron Footway?", 1948 - 1861),
    # the opener between the rows: "A ... before B" is B's year minus A's
    ("Wren Crossing was opened how many years before Oxbow Walk?", 1903 - 1832),
    ("Candle Lane Bridge opened how long after Tallow Arch?", 1971 - 1861),
])
def test_later_earlier_and_an_opener_between_the_rows(q, want):
    a = ask(_bridges(), q)
    assert _value(a) == want
    assert "Opened" in a.text


def test_the_verb_between_the_rows_picks_the_column_of_years():
    k = _keepers()
    a = ask(k, "Odile Brann was appointed how many years before Rhea Lindqvist?")
    assert _value(a) == 1941 - 1910 and "Appointed" in a.text
    a = ask(k, "Piet Vasko retired how many years after Odile Brann?")
    assert _value(a) == 1940 - 1925 and "Retired" in a.text


@pytest.mark.parametrize("q", [
    # two columns of years and no verb naming one
    "Odile Brann was there how many years before Rhea Lindqvist?",
    # months asked of years
    "how many months later was Rhea Lindqvist appointed after Piet Vasko?",
    # a third row
    "Odile Brann was appointed how many years before Piet Vasko and Soren Maddox?",
])
def test_what_the_later_forms_do_not_settle_is_refused(q):
    a = ask(_keepers(), q)
    assert a.status != "answered" and a.value is None, a.text
