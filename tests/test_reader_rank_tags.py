"""A rank word followed by a short plain word is no rank (planner/degrees.py ``rank_named``):
"Placement fee" holds fees, compared as amounts, while "Peak position US", "Pos. (GER)" and
a chart name on its own line stay places (1 is the top). Tables written here."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask
from nbdatachat.planner.degrees import rank_named


def test_short_plain_word_after_a_rank_word_is_not_a_rank() -> None:
    assert not rank_named("Placement fee")
    assert not rank_named("Place pts")
    for col in ("Peak position US", "Pos. (GER)", "Peak chart positions\nUS\nAir", "Rank",
                "Position(s)"):
        assert rank_named(col), col


def test_higher_fee_is_the_larger_amount() -> None:
    df = pd.DataFrame({"Agency": ["Alpha", "Beta", "Gamma"],
                       "Placement fee": [1200, 800, 1500], "Staff": [3, 5, 2]})
    a = ask(df, "which agency has a higher placement fee, alpha or beta?")
    assert a.status == "answered", a.text
    want = df.set_index("Agency").loc[["Alpha", "Beta"], "Placement fee"].idxmax()
    assert want == "Alpha" and a.text.startswith("Alpha")


def test_chart_position_stays_a_place() -> None:
    df = pd.DataFrame({"Single": ["Red Kite", "Low Tide", "Glass Hour"],
                       "Peak position US": [12, 3, 40]})
    a = ask(df, "which single had the highest peak position us?")
    assert a.status == "answered", a.text
    assert df.loc[df["Peak position US"].idxmin(), "Single"] == "Low Tide"
    assert "Low Tide" in a.text
