"""Wide tables read as items (``planner/wide.py``): "which fund had the highest return"
over one column per fund compares the columns; two unread words after the superlative
("in the closing heat") name no item and must not be read so."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _funds() -> pd.DataFrame:
    return pd.DataFrame({
        "Month": ["Jan", "Feb", "Mar", "Apr"],
        "Alder": [1.2, 0.4, 2.2, 0.9],
        "Birch": [0.8, 1.9, 0.3, 1.1],
        "Cedar": [0.5, 0.7, 0.6, 2.8],
    })


def test_the_columns_are_the_items_when_the_question_names_them_first():
    d = _funds()
    a = ask(d, "which fund had the most returns?")
    assert a.status == "answered", a.text
    totals = d[["Alder", "Birch", "Cedar"]].sum()
    assert a.value == totals.idxmax() == "Alder"


def test_two_words_after_the_superlative_are_no_items():
    a = ask(_funds(), "who got the highest in the closing heat?")
    assert a.status != "answered", a.text
