"""An event noun right after a number compared with a column that counts such events is the
number's unit (planner/event_words.py, ``_tally_unit``): "played more than 21 matches" over a
Played column, "won over 10 games" over Won. After a number compared with a column of another
amount ("scored more than 35 games" over Goals) the noun stays unread and the reader refuses.
Small tables written here; expected values come from pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def standings() -> pd.DataFrame:
    return pd.DataFrame({
        "Club": ["Vale", "Brook", "Fen", "Moss", "Hale"],
        "Played": [22, 24, 22, 20, 24],
        "Won": [12, 9, 14, 5, 11],
        "Goals": [40, 31, 52, 18, 37]})


def test_matches_played_above_a_number(standings):
    a = ask(standings, "how many clubs played more than 21 matches?")
    assert a.status == "answered", a.text
    assert a.value == int((standings.Played > 21).sum()) == 4


def test_games_won_above_a_number(standings):
    a = ask(standings, "how many clubs won over 10 games?")
    assert a.status == "answered", a.text
    assert a.value == int((standings.Won > 10).sum()) == 3


def test_games_after_another_amount_are_refused(standings):
    a = ask(standings, "how many clubs scored more than 35 games?")
    assert a.status != "answered", a.text
    assert "games" in a.text
