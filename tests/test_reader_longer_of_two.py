"""Which of two named rows lasted longer (planner/longer_of_two.py): "who served longer, A
or B" is read as how long each served (a start and an end column, a span of years) and
answered with the longer (or, for "shorter", the shorter). A verb of being ("which is
longer"), an item with several rows and a table with no length of time stay refused.
Tables written here; expected values computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def wardens() -> pd.DataFrame:
    return pd.DataFrame({
        "Warden": ["Ivo Marsh", "Jon Pell", "Kit Rowe", "Lu Sand"],
        "Took office": [1901, 1909, 1921, 1936],
        "Left office": [1909, 1921, 1936, 1940],
        "Seat": ["North", "South", "North", "East"]})


@pytest.fixture(scope="module")
def poets() -> pd.DataFrame:
    return pd.DataFrame({
        "Poet": ["Mo Vale", "Ned Wick", "Oda Yew", "Pia Zorn"],
        "Lifespan": ["1850–1921", "1862–1901", "1877–1960", "1880–1931"],
        "Town": ["Arden", "Bexley", "Corran", "Dunmore"]})


def _length(frame, name):
    row = frame.set_index("Warden").loc[name]
    return row["Left office"] - row["Took office"]


def test_who_served_longer(wardens):
    a = ask(wardens, "who served longer, jon pell or kit rowe?")
    assert a.status == "answered", a.text
    pick = max(["Jon Pell", "Kit Rowe"], key=lambda n: _length(wardens, n))
    assert a.value == pick == "Kit Rowe"


def test_who_served_shorter(wardens):
    a = ask(wardens, "who served shorter, ivo marsh or lu sand?")
    assert a.status == "answered", a.text
    assert a.value == min(["Ivo Marsh", "Lu Sand"], key=lambda n: _length(wardens, n))


def test_who_lived_longer_over_spans(poets):
    a = ask(poets, "who lived longer, ned wick or pia zorn?")
    assert a.status == "answered", a.text
    assert a.value == "Pia Zorn"  # 1880-1931: 51 years; 1862-1901: 39


def test_a_verb_of_being_is_not_read_so(wardens):
    a = ask(wardens, "which is longer, jon pell or kit rowe?")
    assert a.status != "answered"


def test_an_item_with_several_rows_is_refused(wardens):
    again = pd.concat([wardens, pd.DataFrame({"Warden": ["Jon Pell"], "Took office": [1940],
                                              "Left office": [1944], "Seat": ["West"]})],
                      ignore_index=True)
    a = ask(again, "who served longer, jon pell or kit rowe?")
    assert a.status != "answered"


def test_no_length_of_time_is_refused():
    flat = pd.DataFrame({"Warden": ["Ivo Marsh", "Jon Pell"], "Seat": ["North", "South"]})
    a = ask(flat, "who served longer, ivo marsh or jon pell?")
    assert a.status != "answered"
