""""At the top" as the table's first row, not a ranking (planner/top_row.py), and the
readings that keep "top" a superlative: checked against the frame itself."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _rivers() -> pd.DataFrame:
    # listed upstream to downstream, so the first row is neither the longest nor A-Z first
    return pd.DataFrame({
        "River": ["Wendle", "Crask", "Ouseby", "Marrow", "Tilt", "Brennock", "Alder",
                  "Skerry"],
        "Basin": ["North", "North", "East", "East", "South", "South", "West", "West"],
        "Length (km)": [212, 388, 97, 145, 61, 240, 173, 120],
        "Source": ["Fell Moss", "Crask Tarn", "Ouse Hill", "Marrow Bog", "Tilt Spring",
                   "Brenn Loch", "Alder Moor", "Skerry Head"],
    })


@pytest.mark.parametrize("question, column", [
    ("which river is listed at the top?", "River"),
    ("what basin is at the top?", "Basin"),
    ("which source is on top?", "Source"),
    ("which basin is top on the list", "Basin"),
    ("what is the top river listed in the table?", "River"),
    ("what is the top listed source?", "Source"),
])
def test_the_top_is_the_first_row(question, column):
    df = _rivers()
    a = ask(df, question)
    assert a.status == "answered", a.text
    assert a.value == df[column].iloc[0]
    assert "first row" in a.text


def test_a_measure_after_top_is_still_the_largest():
    df = _rivers()
    a = ask(df, "what is the top length listed?")
    assert a.status == "answered", a.text
    assert a.value == df["Length (km)"].max()
    a = ask(df, "which river is on top in length")
    assert a.status == "answered", a.text
    assert a.value == df.loc[df["Length (km)"].idxmax(), "River"]


def test_the_top_of_something_else_is_not_the_first_row():
    # "at the top of the basin" names no list: not read as the table's first row
    a = ask(_rivers(), "which river is at the top of the north basin?")
    assert a.status != "answered" or a.value != "Wendle"


def test_amounts_written_as_text_are_ranked_not_listed():
    df = pd.DataFrame({
        "Date": ["3 May", "9 May", "1 June", "4 June", "20 June"],
        "Player": ["Ode", "Pim", "Quin", "Rolf", "Sami"],
        "Fee": ["£2m", "£11m", "£600k", "£4.5m", "£1m"],
    })
    a = ask(df, "which player had the top listed fee?")
    assert not (a.status == "answered" and a.value == "Ode")
