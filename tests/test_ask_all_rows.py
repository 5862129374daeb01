""""All the <rows> combined" names every row over an aggregation (planner/all_rows.py),
checked against pandas; a column of repeated values after "all" is still asked about."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _parishes() -> pd.DataFrame:
    return pd.DataFrame({
        "Parish": ["Ashby", "Brompton", "Colwell", "Dunsford", "Elsted", "Fernhurst"],
        "Deanery": ["North", "North", "South", "South", "West", "West"],
        "Households": [412, 980, 233, 1204, 655, 388],
        "Churches": [1, 3, 1, 2, 2, 1],
    })


def test_all_the_rows_combined_is_a_total_over_every_row():
    df = _parishes()
    a = ask(df, "what is the total of households in all the parishes combined?")
    assert a.status == "answered", a.text
    assert a.value == df["Households"].sum()
    b = ask(df, "how many churches are there among all the parishes in total?")
    assert b.status == "answered", b.text
    assert b.value == df["Churches"].sum()


def test_a_grouping_column_after_all_is_not_read_as_the_rows():
    # Deanery repeats: "all the deaneries" could be a grouping, so it is not read past
    a = ask(_parishes(), "what is the total of households in all the deaneries combined?")
    assert not (a.status == "answered" and a.value == _parishes()["Households"].sum()) or \
        "Deanery" in a.text
