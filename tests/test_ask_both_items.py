"""What two named rows share ("A and B both played which position?", planner/both_items.py),
checked against the frame; two rows that differ get no answer, never one of the values."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _roster() -> pd.DataFrame:
    return pd.DataFrame({
        "Player": ["Ari Dunn", "Bo Hale", "Cy Moro", "Dee Park", "Eli Voss"],
        "Position": ["LB", "QB", "LB", "WR", "TE"],
        "Country": ["Peru", "Chad", "Peru", "Laos", "Fiji"],
        "College": ["Oak", "Elm", "Ash", "Oak", "Fir"],
    })


@pytest.mark.parametrize("question, column", [
    ("ari dunn and cy moro both played which position?", "Position"),
    ("ari dunn and cy moro were both from which country?", "Country"),
    ("ari dunn and dee park both went to which college?", "College"),
    ("which position did cy moro and ari dunn both play?", "Position"),
])
def test_the_value_two_rows_share(question, column):
    df = _roster().set_index("Player")
    a = ask(_roster(), question)
    assert a.status == "answered", a.text
    names = [n for n in df.index if n.lower() in question]
    assert len(names) == 2 and df.loc[names[0], column] == df.loc[names[1], column]
    assert a.value == df.loc[names[0], column]


def test_two_rows_that_differ_share_nothing():
    a = ask(_roster(), "bo hale and cy moro both played which position?")
    assert a.value not in ("QB", "LB"), a.text
    assert a.status != "answered" or a.value is None
