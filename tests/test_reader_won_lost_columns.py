"""Outcome nouns naming a standings table's 'Won' / 'Lost' columns (lexicon
narrower_synonyms): "the most wins" ranks by Won, "the most losses" by Lost; the words stay
one way (a column named for wins is not named by "won"); our own tables."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def standings() -> pd.DataFrame:
    return pd.DataFrame({
        "Club": ["Kestrels", "Otters", "Badgers", "Herons", "Voles"],
        "Played": [12, 12, 12, 12, 12],
        "Won": [7, 9, 3, 5, 2],
        "Drawn": [2, 1, 4, 3, 1],
        "Lost": [3, 2, 5, 4, 9],
        "Points": [23, 28, 13, 18, 7]})


@pytest.mark.parametrize("question, club, column", [
    ("which club had the most wins?", "Otters", "Won"),
    ("which club had the fewest wins?", "Voles", "Won"),
    ("name the club with the most losses.", "Voles", "Lost"),
    ("which club had the least losses?", "Otters", "Lost"),
])
def test_outcome_nouns_rank_by_their_column(standings, question, club, column):
    a = ask(standings, question)
    assert a.status == "answered", a.text
    got = a.value[0] if isinstance(a.value, list) else a.value
    assert got == club
    assert column in str(a.interpretation)


def test_the_count_of_one_clubs_losses(standings):
    a = ask(standings, "how many losses did the herons have?")
    assert a.status == "answered", a.text
    assert int(a.value[0] if isinstance(a.value, list) else a.value) == 4


def test_without_such_a_column_wins_still_refuse():
    table = pd.DataFrame({"Club": ["Kestrels", "Otters", "Badgers"],
                          "Ground": ["Mill Lane", "Quay Park", "Fen Road"]})
    a = ask(table, "which club had the most wins?")
    assert a.status != "answered", a.value
