"""A column of years named for an event ("Born", "Founded", "Opened") answers "when" and
"what year", though its name does not say "year"; a column of amounts in the same range
does not."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _libraries() -> pd.DataFrame:
    return pd.DataFrame({
        "Library": ["North Branch", "Harbor Hall", "Elm Street", "Quarry Lane", "Mill Point",
                    "Cedar Court"],
        "Opened": [1931, 1958, 1904, 1987, 1966, 1999],
        "Built": [1929, 1956, 1901, 1985, 1963, 1997],
        "Visitors": [1450, 1720, 1105, 2010, 1333, 1864],
    })


@pytest.mark.parametrize("q, column, name", [
    ("when did harbor hall open?", "Opened", "Harbor Hall"),
    ("what year was quarry lane opened?", "Opened", "Quarry Lane"),
    ("in what year was mill point built?", "Built", "Mill Point"),
])
def test_event_year_answers_when(q, column, name):
    t = _libraries()
    a = ask(t, q)
    assert a.status == "answered", a.text
    expected = int(t.loc[t["Library"] == name, column].iloc[0])
    assert a.value == expected
    assert str(expected) in a.text


def test_amounts_in_the_year_range_do_not_answer_when():
    # Visitors hold 1105 ... 2010: numbers of people, not years
    t = _libraries()
    a = ask(t, "when did elm street have the most visitors?")
    assert a.status != "answered" or a.value not in t["Visitors"].tolist(), a.text


def _riders() -> pd.DataFrame:
    # six rows: too few to find the name column by counting distinct values
    return pd.DataFrame({"Rider": ["Noa Pike", "Uma Reed", "Vic Stone", "Wes Todd", "Xia Vale",
                                   "Yan West"],
                         "Team": ["Red", "Blue", "Red", "Green", "Blue", "Green"],
                         "Wins": [3, 7, 1, 7, 2, 5],
                         "Podiums": [9, 4, 6, 8, 3, 10]})


def test_who_on_a_short_table_answers_with_its_one_name_column():
    t = _riders()
    a = ask(t, "who had the most podiums?")
    assert a.status == "answered", a.text
    assert a.value == t.loc[t["Podiums"].idxmax(), "Rider"]
    a = ask(t, "who had the fewest wins?")
    assert a.value == t.loc[t["Wins"].idxmin(), "Rider"]


def test_two_rankings_at_once_are_asked_back():
    for q in ("who had the fewest wins but the most podiums?",
              "who had the most podiums and the fewest wins?"):
        a = ask(_riders(), q)
        assert a.status != "answered", a.text
        assert "two rankings" in a.text
