"""A result verb right before a compared number names the one column of that result
(planner/result_verbs.py): "won more than 8 games" over Wins or W, "lost under 5 matches"
over Losses or L, "drew over 3" over Draws. A lone letter column, two columns of the same
result, a share of wins, or a noun after the number that is no event stay unread and the
reader refuses. Small tables written here; expected values come from pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _table(win: str, draw: str, loss: str) -> pd.DataFrame:
    return pd.DataFrame({
        "Side": ["Otters", "Herons", "Voles", "Stoats", "Newts"],
        "Played": [18, 18, 18, 18, 18],
        win: [11, 7, 13, 4, 9],
        draw: [3, 5, 2, 6, 4],
        loss: [4, 6, 3, 8, 5],
        "Points": [36, 26, 41, 18, 31]})


@pytest.fixture(scope="module", params=[("Wins", "Draws", "Losses"), ("W", "D", "L")])
def league(request) -> pd.DataFrame:
    return _table(*request.param)


def test_won_above_a_number_of_games(league):
    a = ask(league, "which sides won more than 8 games?")
    win = league.columns[2]
    assert a.status == "answered", a.text
    assert sorted(a.value) == sorted(league.Side[league[win] > 8]) == ["Newts", "Otters",
                                                                         "Voles"]


def test_count_of_sides_that_won_at_least_a_number(league):
    a = ask(league, "how many sides won at least 9 matches?")
    assert a.status == "answered", a.text
    assert a.value == int((league[league.columns[2]] >= 9).sum()) == 3


def test_lost_fewer_than_a_number(league):
    a = ask(league, "who lost fewer than 4 games?")
    assert a.status == "answered", a.text
    assert a.value == "Voles"


def test_drew_with_no_noun(league):
    a = ask(league, "how many sides drew over 3?")
    assert a.status == "answered", a.text
    assert a.value == int((league[league.columns[3]] > 3).sum()) == 3


def test_noun_that_is_no_event_is_refused(league):
    a = ask(league, "how many sides won more than 8 trophies?")
    assert a.status != "answered", a.text


def test_two_columns_of_wins_are_refused():
    df = pd.DataFrame({"Side": ["Otters", "Herons", "Voles"], "Home wins": [5, 3, 6],
                       "Away wins": [4, 2, 5], "Losses": [3, 7, 1]})
    a = ask(df, "which sides won more than 4 games?")
    assert a.status != "answered", a.text


def test_a_lone_letter_is_no_result():
    df = pd.DataFrame({"Side": ["Otters", "Herons", "Voles"], "W": [70, 64, 81],
                       "Height": [180, 175, 190]})
    a = ask(df, "which sides won more than 65 games?")
    assert a.status != "answered", a.text


def test_a_share_of_wins_is_not_counted():
    df = pd.DataFrame({"Side": ["Otters", "Herons", "Voles"], "Wins": [50, 44, 61],
                       "Losses": [31, 37, 20], "Win %": [0.62, 0.54, 0.75]})
    a = ask(df, "how many sides won at least 45 games?")
    assert a.status == "answered", a.text
    assert a.value == 2


def test_a_number_said_alone_is_that_many(league):
    a = ask(league, "which side won 7 games?")
    assert a.status == "answered", a.text
    assert a.value == "Herons"


def test_a_number_said_alone_outside_the_column_is_refused(league):
    a = ask(league, "which side won 30 games?")
    assert a.status != "answered", a.text
