"""The row before / after one a first clause names by a value and a day or year (issue 12,
table order): "the Kittiwake was commissioned on 4 June 1962. which vessel was listed
before it?"; the day is a condition of that row too, so a day it does not have finds no
row (said), never another row. Answers checked against the table's order."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _fleet() -> pd.DataFrame:
    return pd.DataFrame({
        "Vessel": ["Fulmar", "Kittiwake", "Shearwater", "Guillemot", "Razorbill"],
        "Yard": ["Leith", "Govan", "Leith", "Dundee", "Govan"],
        "Commissioned": ["2 March 1960", "4 June 1962", "19 August 1963", "7 May 1965",
                         "30 October 1966"],
        "Hull": ["Steel", "Steel", "Composite", "Steel", "Composite"],
    })


def _answer(q: str):
    a = ask(_fleet(), q, name="fleet")
    assert a.status == "answered", a.text
    return a


def test_the_day_said_in_the_first_clause_is_part_of_the_anchor():
    d = _fleet()
    a = _answer("the kittiwake was commissioned on 4 june 1962. what was the previous vessel?")
    at = d.index[d.Vessel == "Kittiwake"][0]
    assert a.value == d.Vessel[at - 1] == "Fulmar"
    assert "Commissioned is on or after 1962-06-04" in a.text  # how the anchor was read


def test_the_time_column_named_again_is_not_the_answer():
    d = _fleet()
    a = _answer("shearwater was commissioned on 19 august 1963; which vessel was "
                "commissioned just before it?")
    at = d.index[d.Vessel == "Shearwater"][0]
    assert a.value == d.Vessel[at - 1] == "Kittiwake"


def test_the_year_said_in_the_first_clause():
    d = pd.DataFrame({"Season": ["2001 (report)", "2002 (report)", "2003 (report)"],
                      "Host": ["Arlon", "Bree", "Carn"], "Winner": ["Dale", "Eske", "Fane"]})
    a = ask(d, "bree hosted in 2002. who hosted the following season?")
    assert a.status == "answered", a.text
    assert a.value == "Carn"


@pytest.mark.parametrize("q", [
    # the day is not the Kittiwake's: no row, said instead of another vessel
    "the kittiwake was commissioned on 5 june 1962. what was the previous vessel?",
])
def test_a_day_the_row_does_not_have_finds_no_row(q):
    assert ask(_fleet(), q, name="fleet").status != "answered"
