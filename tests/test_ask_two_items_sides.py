"""'Did A or B win / lose (on <day>)' over a table with a column for each side of a contest
("Winning side", "Losing side"): the names are counted in the column of the verb's side,
never in the other one (which would answer who lost); refused when that column does not
hold both names."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _fixtures() -> pd.DataFrame:
    return pd.DataFrame({
        "Date": ["May 1", "May 8", "May 15", "May 22"],
        "Winning side": ["Elms", "Oaks", "Elms", "Pines"],
        "Losing side": ["Oaks", "Pines", "Ashes", "Ashes"],
        "Margin": [3, 1, 2, 5],
    })


@pytest.mark.parametrize("q, want", [
    ("did the elms or the oaks win on may 8?", "Oaks"),
    ("did ashes or pines lose on may 22?", "Ashes"),
])
def test_the_verbs_side_is_counted(q, want):
    a = ask(_fixtures(), q)
    assert a.status == "answered", a.text
    assert a.value == want


@pytest.mark.parametrize("q", [
    "did pines or ashes win on may 22?",   # Ashes only in the losing column
    "did ashes or oaks win on may 22?",
])
def test_names_only_on_the_other_side_are_refused(q):
    a = ask(_fixtures(), q)
    assert a.status != "answered", a.text
