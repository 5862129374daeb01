"""A comparison said in a "whose" clause (planner/whose_clause.py): "name a boat whose
speed was above 30" is re-read as "... with a speed above 30" and kept only when it
compares a column with a number. Tables written here; expected values computed with
pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def boats() -> pd.DataFrame:
    return pd.DataFrame({
        "Boat": ["Kestrel", "Marlin", "Osprey", "Pelican"],
        "Speed": [28.5, 33.1, 31.0, 24.2],
        "Hull": ["wood", "steel", "steel", "wood"]})


def test_whose_column_above_a_number(boats):
    a = ask(boats, "which boats had a speed above 30?")  # the same rows, said plainly
    b = ask(boats, "which boats are those whose speed was above 30?")
    assert b.status == "answered", b.text
    assert sorted(b.value) == sorted(a.value) == sorted(boats.Boat[boats.Speed > 30])


def test_name_one_whose_column_is_below(boats):
    a = ask(boats, "name a boat whose speed is below 26.")
    assert a.status == "answered", a.text
    assert a.value == "Pelican"


def test_a_whose_clause_without_a_number_is_left_as_it_was(boats):
    a = ask(boats, "name a boat whose hull is steel and whose speed is fast.")
    assert a.status != "answered" or "with a" not in " ".join(a.notes)
