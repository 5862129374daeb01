"""A count compared where a word names both a count column and a percentage column
("Wins" and "Win %") is read on the count when the number lies beyond every percentage
and the question says nothing of a percentage. Small tables written here; expected rows
from pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def clubs() -> pd.DataFrame:
    return pd.DataFrame({"Club": ["Ashford", "Brookvale", "Carrow", "Dunmore", "Elsworth"],
                         "Wins": [61, 48, 45, 39, 22],
                         "Losses": [21, 34, 37, 43, 60],
                         "Win %": [0.744, 0.585, 0.549, 0.476, 0.268]})


@pytest.mark.parametrize("question,op", [
    ("which clubs have at least 45 wins?", "ge"),
    ("list the clubs with more than 40 wins", "gt"),
])
def test_a_count_of_wins_is_read_on_the_wins_column(clubs, question, op):
    a = ask(clubs, question)
    assert a.status == "answered", a.text
    picked = clubs.loc[getattr(clubs.Wins, op)(45 if op == "ge" else 40), "Club"]
    for name in picked:
        assert name in a.text
    for name in set(clubs.Club) - set(picked):
        assert name not in a.text
    assert "Win %" not in a.interpretation


def test_a_count_beyond_a_lone_percentage_column_is_refused(clubs):
    a = ask(clubs.drop(columns=["Wins"]), "which clubs have at least 45 wins?")
    assert a.status == "cannot_answer", (a.text, a.interpretation)
    assert "'Win %'" in a.text
