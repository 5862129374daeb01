""""A and B each ...": one answer per named item. When each item is one row, the answer is
each row's value; otherwise a reading that adds the items together, counts their rows or
answers with the items themselves is refused. Small tables written here; every expected
value is computed with pandas."""

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


@pytest.mark.parametrize("question, names", [
    ("harvelle and mirolt each scored how many points?", ["Harvelle", "Mirolt"]),
    ("how many points did harvelle and kestrin each win?", ["Harvelle", "Kestrin"]),
])
def test_each_named_item_gets_its_own_value(crews, question, names):
    a = ask(crews, question)
    assert a.status == "answered", a.text
    want = crews.set_index("Crew").loc[names, "Points"].tolist()
    assert sorted(a.value) == sorted(want)
    for name in names:
        assert name in a.text  # which value is whose


def test_each_over_items_of_several_rows_is_not_a_total():
    df = pd.DataFrame({"Crew": ["Harvelle", "Kestrin", "Harvelle", "Kestrin"],
                       "Season": [1, 1, 2, 2], "Points": [7, 4, 7, 2]})
    a = ask(df, "harvelle and kestrin each scored how many points?")
    assert a.status != "answered", a.value
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
