"""The difference inside a score cell ("W 21–14": 7): the margin of one named game, the
largest or smallest margin, the game (its week, its opponent) with the largest margin with
ties named, the SQL and the pandas code agreeing; and what must be refused or asked back
(no game named, several games matched, a grouping, a count, cells that are not one score,
a column of points that is no score)."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _games() -> pd.DataFrame:
    # a made-up season: a result column with the outcome and the score, a postponed game,
    # and a win-loss record column (also "1–0" shaped, but not a score)
    return pd.DataFrame({
        "Week": [1, 2, 3, 4, 5, 6],
        "Opponent": ["Otters", "Herons", "Badgers", "Falcons", "Otters", "Lynxes"],
        "Result": ["W 21–14", "L 10–31", "postponed", "W 17–16", "D 7–7", "W 30–9"],
        "Record": ["1–0", "1–1", "1–1", "2–1", "2–1–1", "3–1–1"],
    })


def _value(a):
    assert a.status == "answered", a.text
    return a.value


@pytest.mark.parametrize("q, week, margin", [
    ("what was the score difference in week 2?", 2, 21),
    ("difference in the score for week 4, please", 4, 1),
    ("the margin of the score against the Falcons", 4, 1),
    ("what was the points difference of the game against Lynxes?", 6, 21),
])
def test_the_margin_of_one_named_game(q, week, margin):
    assert _value(ask(_games(), q)) == margin


def test_the_largest_and_the_smallest_margin():
    d = _games()
    assert _value(ask(d, "and the biggest difference in the score?")) == 21
    assert _value(ask(d, "what was the smallest score difference?")) == 0


def test_the_game_with_the_largest_margin_names_every_tie():
    a = ask(_games(), "which opponent had the largest score difference?")
    assert a.status == "answered", a.text
    assert "Herons" in a.text and "Lynxes" in a.text  # both won or lost by 21
    a = ask(_games(), "which week had the smallest score difference?")
    assert _value(a) == 5


def test_the_sql_and_the_pandas_code_compute_the_same_margin():
    d = _games()
    a = ask(d, "what was the score difference in week 6?")
    assert _value(a) == 21
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["result"].iloc[0, 0] == 21


@pytest.mark.parametrize("q", [
    "what was the score difference?",  # which game?
    "what was the score difference against the otters?",  # two games
    "what was the score difference by opponent?",
    "count the games with any score difference",
])
def test_margins_not_named_enough_are_not_answered(q):
    assert ask(_games(), q).status != "answered"


def test_cells_that_are_not_one_score_are_not_read():
    # "2-10 (16)": goals and points with a total, not two sides' scores
    d = pd.DataFrame({"Year": [2001, 2002, 2003],
                      "Winner score": ["2-10 (16)", "1-12 (15)", "0-14 (14)"],
                      "Loser score": ["1-9 (12)", "0-8 (8)", "2-5 (11)"]})
    assert ask(d, "what was the score difference in 2002?").status != "answered"


def test_a_points_column_is_not_a_score_cell():
    d = pd.DataFrame({"Club": ["Alder", "Birch"], "Points": [40, 31],
                      "Last result": ["W 2–1", "L 0–3"]})
    a = ask(d, "what is the points difference for Alder?")
    assert a.status != "answered", a.text


def test_a_win_loss_record_is_not_a_score():
    d = pd.DataFrame({"Game": [1, 2, 3], "Opponent": ["Otters", "Herons", "Badgers"],
                      "Record": ["1-0", "1-1", "2-1"]})
    a = ask(d, "what was the biggest score difference?")
    assert a.status != "answered", a.text


def test_the_game_of_a_year_in_a_table_of_finals():
    d = pd.DataFrame({"Year": [2001, 2002, 2003], "Winners": ["Alder", "Birch", "Cedar"],
                      "Score": ["3–1", "2–2", "4–0"], "Runners-up": ["Dunmore", "Elm", "Fir"]})
    assert _value(ask(d, "the score difference for the match in 2003?")) == 4


def test_the_games_won_or_lost_by_a_given_margin():
    d = _games()
    assert _value(ask(d, "which week did they win by a difference of 7 points?")) == 1
    assert _value(ask(d, "which week had a score difference of 1?")) == 4
    a = ask(d, "which week did they lose by a difference of 7 points?")  # a win, not a loss
    assert a.status != "answered" or a.value is None, a.text


def test_won_by_a_margin_needs_cells_that_say_who_won():
    d = pd.DataFrame({"Week": [1, 2, 3], "Score": ["21–14", "10–17", "3–1"]})
    a = ask(d, "which week did they win by a difference of 7 points?")
    assert a.status != "answered", a.text


def test_a_single_game_is_any_game_not_the_number_one():
    d = _games().assign(**{"Game venue": ["Oak Park", "Elm Field", "Oak Park", "Ash Lane",
                                          "Elm Field", "Oak Park"]})
    assert _value(ask(d, "and the largest score difference in a single game?")) == 21
