"""How long the longest / shortest one is (length_extreme.py): read as "what is the longest
<noun>" and kept only when that answers with the column's maximum (minimum), never with a
row. Tables made up here; expected values computed with pandas."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _trials() -> pd.DataFrame:
    """A made-up list of polar expeditions: one per row, the days each lasted."""
    return pd.DataFrame({"Leader": ["Arden", "Bexley", "Corwin", "Dalby", "Eske"],
                         "Members": [4, 12, 6, 3, 9],
                         "Expedition duration days": [41, 73, 120, 35, 96]})


def test_longest_and_shortest_are_the_extremes() -> None:
    df = _trials()
    a = ask(df, "how long was the longest expedition duration?")
    assert a.value == df["Expedition duration days"].max(), a.text
    assert any("longest length itself" in n for n in a.notes)
    a = ask(df, "how long was the shortest expedition duration?")
    assert a.value == df["Expedition duration days"].min(), a.text


def test_no_length_column_refuses() -> None:
    df = _trials().drop(columns=["Expedition duration days"])
    a = ask(df, "how long was the longest expedition duration?")
    assert a.value is None, a.text
