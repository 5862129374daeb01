""""A and B each ...": one answer per named item, so a reading that adds the items together,
counts their rows or answers with the items themselves is refused. Small tables written
here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def crews() -> pd.DataFrame:
    return pd.DataFrame({
        "Crew": ["Harvelle", "Kestrin", "Mirolt", "Osvane", "Tamrel"],
        "Port": ["Eastmere", "Northby", "Eastmere", "Southolm", "Northby"],
        "Points": [7, 4, 7, 2, 5]})


@pytest.mark.parametrize("question", [
    "harvelle and mirolt each scored how many points?",
    "how many points did harvelle and kestrin each win?",
])
def test_each_after_named_items_is_not_a_total(crews, question):
    a = ask(crews, question)
    assert a.status != "answered", a.text
    assert '"each"' in a.text


def test_each_after_named_items_does_not_answer_with_the_items(crews):
    # no column says "round": listing the two crews named would echo the question
    a = ask(crews, "harvelle and kestrin each got to which round?")
    assert a.status != "answered", a.value
    assert '"each"' in a.text


def test_the_items_together_without_each_still_add_up(crews):
    a = ask(crews, "how many points did harvelle and kestrin score in total?")
    assert a.status == "answered", a.text
    assert a.value == int(crews.loc[crews.Crew.isin(["Harvelle", "Kestrin"]), "Points"].sum())


def test_each_over_a_column_still_groups(crews):
    a = ask(crews, "how many points did each port score?")
    assert a.status == "answered", a.text
    want = crews.groupby("Port")["Points"].sum().to_dict()
    assert {k: int(v) for k, v in a.value.items()} == want
