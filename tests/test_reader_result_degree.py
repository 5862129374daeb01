"""A degree word right after a result verb ranks by the one column counting that result
(planner/result_verbs.py: ``result_degree``): "which side won the most games" over Wins,
"who lost the fewest" over Losses, "the side that drew the least matches" over Draws. No
such column, or another noun after the degree word, leaves the question to the other
rules (refused here). "which side won more games, A or B" compares the same column. Small
tables written here; expected values come from pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def standings() -> pd.DataFrame:
    return pd.DataFrame({
        "Side": ["Otters", "Herons", "Voles", "Stoats", "Newts"],
        "Wins": [11, 7, 13, 4, 9], "Draws": [3, 5, 2, 6, 4], "Losses": [4, 6, 3, 8, 5],
        "Goal ratio": [1.4, 0.9, 1.8, 0.6, 1.1]})


def test_won_the_most_games(standings):
    a = ask(standings, "which side won the most games?")
    assert a.status == "answered", a.text
    assert a.value == standings.Side[standings.Wins.idxmax()] == "Voles"


def test_won_the_least_with_no_noun(standings):
    a = ask(standings, "which side won the least?")
    assert a.status == "answered", a.text
    assert a.value == standings.Side[standings.Wins.idxmin()] == "Stoats"


def test_lost_the_fewest_matches(standings):
    a = ask(standings, "what side lost the fewest matches?")
    assert a.status == "answered", a.text
    assert a.value == standings.Side[standings.Losses.idxmin()] == "Voles"


def test_drew_the_most_number_of_games(standings):
    a = ask(standings, "which side drew the most number of games?")
    assert a.status == "answered", a.text
    assert a.value == standings.Side[standings.Draws.idxmax()] == "Stoats"


def test_another_noun_after_the_degree_is_not_the_result_column(standings):
    a = ask(standings, "which side won the most trophies?")
    assert a.status != "answered", a.text


def test_no_column_of_the_result_is_refused(standings):
    bare = standings.drop(columns=["Wins", "Draws", "Losses"])
    a = ask(bare, "which side won the most games?")
    assert a.status != "answered", a.text


def test_which_of_two_won_more_games(standings):
    # result_verbs.result_more, asked by choose_between.outcome_column
    a = ask(standings, "which side won more games, herons or newts?")
    assert a.status == "answered", a.text
    assert a.value == "Newts"


def test_which_of_two_lost_fewer_games(standings):
    a = ask(standings, "which side lost fewer games, otters or stoats?")
    assert a.status == "answered", a.text
    assert a.value == "Otters"


def test_which_of_two_drew_more_matches(standings):
    a = ask(standings, "who drew more matches, herons or newts?")
    assert a.status == "answered", a.text
    assert a.value == "Herons"


def test_which_of_two_won_more_of_another_noun_is_not_wins(standings):
    a = ask(standings, "which side won more trophies, herons or newts?")
    assert a.status != "answered", a.text
