"""A question that asks for a time ("what year is the last ...", "in what year did ...")
answered by table order: the answer must come from a column holding times, else the
reader asks which column (it used to answer with the row's name, dropping "year")."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _plays(with_year: bool) -> pd.DataFrame:
    d = pd.DataFrame({
        "Title": ["The Lantern", "Salt and Iron", "North Window", "A Quiet Harbour"],
        "Genre": ["Comedy", "Drama", "Comedy", "Drama"],
        "Year": [1921, 1924, 1930, 1935],
    })
    return d if with_year else d.drop(columns=["Year"])


def test_a_year_asked_is_read_from_the_column_of_years():
    a = ask(_plays(True), "what year is the last title?")
    assert a.status == "answered", a.text
    assert a.value == 1935


def test_a_year_asked_is_never_answered_with_a_name():
    d = _plays(False)
    for q in ("what year is the last title?", "in what year did the last title come?"):
        a = ask(d, q)
        assert a.status != "answered", (q, a.value)


def _boats() -> pd.DataFrame:
    return pd.DataFrame({
        "Date": ["2 March", "14 May", "9 June", "30 July"],
        "Yard": ["Harrow & Sons", "Keel Works", "Harrow & Sons", "Greyfield"],
        "Vessel": ["Tern", "Gannet", "Petrel", "Skua"],
        "Owner": ["Ann Lisle", "Tom Varga", "Ada Brook", "Lee Chan"],
    })


def test_the_column_a_who_verb_acts_on_is_not_who():
    """"who built the last vessel listed": the vessel is what was built; its name does not
    say who (it was answered with the vessel's name)."""
    d = _boats()
    a = ask(d, "who built the last vessel listed?")
    assert a.status != "answered", (a.value, a.text)
    a = ask(d, "who was the last owner listed?")  # a copula: the owner is who
    assert a.status == "answered", a.text
    assert a.value == d["Owner"].iloc[-1]
