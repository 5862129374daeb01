"""A team asked for is answered from the table's column of teams or not at all
(planner/team_asked.py), and a noun for the rows is never read as the wide columns' noun
(planner/wide.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _squad() -> pd.DataFrame:
    # the most capped player's club (Harwick) is not the club with the most caps in total
    # (Marlow: 9 + 14 + 20 = 43 against 41)
    return pd.DataFrame({
        "Name": ["Oskar Vane", "Pim Rudd", "Lev Amsel", "Teo Brandt", "Ugo Sallis"],
        "Club": ["Marlow", "Harwick", "Marlow", "Stenby", "Marlow"],
        "Position": ["GK", "DF", "MF", "FW", "FW"],
        "Caps": [9, 41, 14, 30, 20],
    })


def _table() -> pd.DataFrame:
    return pd.DataFrame({
        "Rank": [1, 2, 3, 4, 5],
        "Nation": ["Varnia", "Ostrel", "Quellen", "Brisca", "Talmor"],
        "Gold": [5, 4, 3, 1, 0],
        "Silver": [2, 4, 3, 1, 2],
        "Bronze": [3, 1, 2, 4, 1],
        "Total": [10, 9, 8, 6, 3],
    })


@pytest.mark.parametrize("question", [
    "which team had the most caps?",
    "what team had the fewest caps",
])
def test_a_team_asked_is_not_answered_with_a_players_name(question):
    a = ask(_squad(), question)
    assert a.status != "answered", a.value
    assert "Club" in a.text


def test_the_team_column_named_still_answers():
    df = _squad()
    a = ask(df, "which club had the most caps in total?")
    assert a.status == "answered", a.text
    assert a.value == df.groupby("Club")["Caps"].sum().idxmax() == "Marlow"


def test_a_team_asked_over_a_table_whose_rows_are_the_teams_is_answered():
    df = _table()
    a = ask(df, "which team had the most gold?")
    assert a.status == "answered", a.text
    assert a.value == df.loc[df["Gold"].idxmax(), "Nation"]


def test_a_rows_noun_is_not_the_noun_of_the_compared_columns():
    # "club ... goals" once stacked Rank, Gold and Silver as "goals" and answered "Gold"
    a = ask(_table(), "the club with the most goals")
    assert a.status != "answered", a.value


def test_a_ranking_column_is_never_one_of_the_compared_columns():
    # the ranks add up to more (15) than any medal column (Gold 13): once answered "Rank"
    df = _table()
    a = ask(df, "which kind of medal had the most recipients")
    assert a.status == "answered", a.text
    assert a.value == df[["Gold", "Silver", "Bronze"]].sum().idxmax() == "Gold"
    assert "Rank" not in a.interpretation

