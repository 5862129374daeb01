"""The row right before / after "the one <clause>" (planner/one_anchor.py): the conditions
read after "the one" are the anchor row, as a value next to the direction word would be.
A comparison in the clause, a condition before "the one" or an anchor naming several rows
are not answered. Tables written here; expected values read off them by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def regattas() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [1961, 1964, 1968, 1971, 1975, 1979],
        "Race": ["Harbour Cup", "Lakeside Trophy", "Harbour Cup", "Bay Shield", "Hill Climb",
                 "Bay Shield"],
        "Venue": ["Portwell, Alden", "Marsh Gate, Brey", "Portwell, Alden",
                  "Sandy Point, Corra", "Tall Ridge, Brey", "Sandy Point, Corra"],
        "Crew": [12, 9, 14, 11, 8, 10],
        "Boats": [30, 22, 28, 25, 19, 24]})


def test_after_the_one_with_a_number(regattas: pd.DataFrame) -> None:
    a = ask(regattas, "which race came directly after the one with a crew of 9?")
    assert a.status == "answered"
    assert a.value == "Harbour Cup"
    assert "row after" in a.interpretation


def test_two_conditions(regattas: pd.DataFrame) -> None:
    a = ask(regattas, "which venue is listed right below the one with a crew of 14 and "
                      "28 boats?")
    assert a.status == "answered"
    assert a.value == "Sandy Point, Corra"


def test_that_had(regattas: pd.DataFrame) -> None:
    a = ask(regattas, "which race was just before the one that had a crew of 11?")
    assert a.status == "answered"
    assert a.value == "Harbour Cup"


def test_at_a_value(regattas: pd.DataFrame) -> None:
    a = ask(regattas, "which race was immediately after the one at marsh gate, brey?")
    assert a.status == "answered"
    assert a.value == "Harbour Cup"


def test_anchor_of_several_rows_not_answered(regattas: pd.DataFrame) -> None:
    a = ask(regattas, "which venue comes right before the one in corra?")
    assert a.status != "answered"


def test_comparison_in_the_clause_refused(regattas: pd.DataFrame) -> None:
    a = ask(regattas, "which race was right before the one with a crew above 11?")
    assert a.status != "answered"


def test_condition_before_the_one_refused(regattas: pd.DataFrame) -> None:
    a = ask(regattas, "in 1975 which race was right before the one in corra?")
    assert a.status != "answered"


def test_unread_word_in_the_clause_refused(regattas: pd.DataFrame) -> None:
    a = ask(regattas, "which race was right before the one sponsored with a crew of 11?")
    assert a.status != "answered"
