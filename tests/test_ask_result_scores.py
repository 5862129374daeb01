"""Scores inside result cells (planner/result_scores.py): the own side's score is the higher
number of a win and the lower of a loss, whichever way the cell lists them; the margin is
their difference. Cells without one score, another side's games and numbers of another
column are refused. Expected counts are computed with pandas on the frames written here."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from nbdatachat import ask


def _schedule() -> pd.DataFrame:
    return pd.DataFrame({
        "Date": ["Sept. 2", "Sept. 9", "Sept. 16", "Sept. 23", "Sept. 30", "Oct. 7", "Oct. 14",
                 "Oct. 21"],
        "Opponent": ["Dorran Tech", "at Ferris Bay", "Halvern", "@ Kittering", "vs. Lowmoor",
                     "at Marsh Hill", "Norwick", "Penhallow"],
        # a loss is written winner first in some rows ("L 28–0") and own side first in others
        "Result": ["W 31–7", "L 10–14", "W 21–20", "W 17–3", "L 28–0", "L 9–13", "W 6–42",
                   "L 14–17 (OT)"],
        "Attendance": [18200, 30400, 17650, 26800, 41000, 22950, 19300, 18800],
    })


def _scores(df: pd.DataFrame) -> pd.DataFrame:
    """Own and other score of each row, from the outcome letter."""
    rows = []
    for cell in df.Result:
        a, b = map(int, re.search(r"(\d+)–(\d+)", cell).groups())
        win = cell.startswith("W")
        rows.append({"own": max(a, b) if win else min(a, b),
                     "other": min(a, b) if win else max(a, b), "win": win})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("question, pick", [
    ("in how many matches did they put up at least 20 points?", None),
    ("in how many matches did the club score 20 points or more?", lambda s: s.own >= 20),
    ("how many matches did they win by over 7 points?",
     lambda s: s.win & ((s.own - s.other) > 7)),
    ("how many games were lost by fewer than 5 points?",
     lambda s: ~s.win & ((s.other - s.own) < 5)),
    ("in how many matches did the opponent score under 10 points?", lambda s: s.other < 10),
    ("how many games did the Carlow Rooks score exactly 14 points?", lambda s: s.own == 14),
    ("how many matches did they win by 10 or more?", lambda s: s.win & ((s.own - s.other) >= 10)),
])
def test_a_score_or_margin_inside_the_result_cell(question, pick):
    df = _schedule()
    a = ask(df, question)
    if pick is None:  # "put up" is no verb of scoring read here
        assert a.status != "answered", a.text
        return
    assert a.status == "answered", a.text
    assert a.value == int(pick(_scores(df)).sum())


def test_the_loss_written_winner_first_is_read_by_its_outcome():
    # "L 28–0": the own side scored 0, so it is not a game of 20 points or more
    s = _scores(_schedule())
    assert int((s.own >= 20).sum()) == 3 and int((s.other >= 20).sum()) == 2


@pytest.mark.parametrize("question", [
    "how many games did Halvern score 20 points?",        # an opponent: not the rows' side
    "count the games where they scored over 3 fouls",  # not a unit of a score
])
def test_another_side_or_unit_is_refused(question):
    a = ask(_schedule(), question)
    assert a.status != "answered", a.text


def test_a_result_cell_without_a_score_leaves_it_unread():
    df = _schedule()
    df.loc[3, "Result"] = "W"
    a = ask(df, "in how many matches did the club score 20 points or more?")
    assert a.status != "answered", a.text


def test_a_points_column_is_used_instead():
    df = _schedule().assign(Points=[31, 10, 21, 17, 0, 9, 42, 14])
    a = ask(df, "in how many matches did the club score 20 points or more?")
    assert a.status != "answered" or a.value == int((df.Points >= 20).sum()), a.text


def test_a_game_with_no_score_of_the_own_side():
    df = _schedule()
    a = ask(df, "how many matches did they not score a point?")
    assert a.status == "answered", a.text
    assert a.value == int((_scores(df).own == 0).sum()) == 1


@pytest.mark.parametrize("question, pick, at", [
    ("give the date of the last match in which they put 21 points on the board", None, -1),
    ("give the date of the last match in which they scored 21 points", lambda s: s.own == 21,
     -1),
    ("give the date of the first match where the opponent scored over 20 points",
     lambda s: s.other > 20, 0),
])
def test_the_first_or_last_game_of_a_score(question, pick, at):
    df = _schedule()
    a = ask(df, question)
    if pick is None:  # no verb of scoring read: refused
        assert a.status != "answered", a.text
        return
    assert a.status == "answered", a.text
    assert a.value == df.Date[pick(_scores(df)).to_numpy()].iloc[at]
