"""Each side's score of a game as a number (planner/score_sides.py): the own side's score is
the higher number of a win and the lower of a loss, told by the outcome mark of the cell
("W 31–7") or by a column of outcomes beside bare scores ("Won" next to "3–1"); sums,
extremes and the rows holding a score. A table with no outcome, "he", an unread subject and
a value column that repeats are refused. Expected numbers are computed with pandas here."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from nbdatachat import ask


def _schedule() -> pd.DataFrame:
    return pd.DataFrame({
        "Week": [1, 2, 3, 4, 5, 6, 7, 8],
        "Date": ["Aug. 30", "Sept. 6", "Sept. 13", "Sept. 20", "Oct. 4", "Oct. 11", "Oct. 18",
                 "Oct. 25"],
        "Opponent": ["Dorran Tech", "at Ferris Bay", "Halvern", "@ Kittering", "vs. Lowmoor",
                     "at Marsh Hill", "Norwick", "Penhallow"],
        # losses written winner first in some rows ("L 28–0"), own side first in others
        "Result": ["W 31–7", "L 10–14", "W 21–20", "W 17–3", "L 28–0", "L 9–13", "W 6–42",
                   "L 14–17 (OT)"],
        "Attendance": [18200, 30400, 17650, 26800, 41000, 22950, 19300, 18800],
    })


def _sides(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    own, other = [], []
    for cell in df.Result:
        a, b = map(int, re.search(r"(\d+)–(\d+)", cell).groups())
        win = cell.startswith("W")
        own.append(max(a, b) if win else min(a, b))
        other.append(min(a, b) if win else max(a, b))
    out["own"], out["other"] = own, other
    return out


def test_the_points_they_scored_over_some_weeks_are_summed():
    df = _schedule()
    s = _sides(df)
    a = ask(df, "how many points did they score in october?")
    assert a.status == "answered", a.text
    assert a.value == s[s.Date.str.startswith("Oct")].own.sum()
    a = ask(df, "how many points did they allow in october?")
    assert a.status == "answered", a.text
    assert a.value == s[s.Date.str.startswith("Oct")].other.sum()


def test_one_week_gives_its_own_score():
    df = _schedule()
    a = ask(df, "how many points did the lancers score in week 5?")
    assert a.status == "answered", a.text
    assert a.value == 0


def test_the_date_of_the_fewest_and_the_most_points():
    df = _schedule()
    s = _sides(df)
    a = ask(df, "on what date did they score the fewest points?")
    assert a.status == "answered", a.text
    assert a.value == s.loc[s.own.idxmin(), "Date"]
    a = ask(df, "on which date did they score the most points?")
    assert a.status == "answered", a.text
    assert a.value == s.loc[s.own.idxmax(), "Date"]


def test_the_opponent_holding_a_score():
    df = _schedule()
    a = ask(df, "which opponent scored 20 points?")
    assert a.status == "answered", a.text
    assert a.value == "Halvern"


def test_bare_scores_beside_a_column_of_outcomes():
    df = pd.DataFrame({
        "No.": [1, 2, 3, 4, 5],
        "Date": ["2031-03-02", "2031-04-11", "2031-06-20", "2031-09-05", "2031-10-14"],
        "Opponent": ["Valemark", "Ostria", "Brennland", "Ostria", "Kelport"],
        "Score": ["2–0", "1–3", "4–1", "0–0", "3–2"],
        "Result": ["Won", "Lost", "Won", "Drawn", "Won"],
    })
    a = ask(df, "which opponents scored no goals?")
    assert a.status == "answered", a.text
    assert sorted(set(a.value if isinstance(a.value, list) else [a.value])) == \
        ["Ostria", "Valemark"]


def test_the_opponent_with_the_fewest_points_against_them():
    df = _schedule()
    s = _sides(df)
    a = ask(df, "which opponent scored the fewest points against them in one game?")
    assert a.status == "answered", a.text
    assert a.value == s.loc[s.other.idxmin(), "Opponent"]


def test_an_opponent_named_as_the_subject_scores_the_other_side():
    df = _schedule()
    s = _sides(df)
    a = ask(df, "how many points did halvern score?")
    assert a.status == "answered", a.text
    assert a.value == s.loc[s.Opponent == "Halvern", "other"].sum()


def test_a_name_beside_a_column_of_outcomes_scores_points_not_goals():
    df = pd.DataFrame({
        "Week": [1, 2, 3, 4],
        "Opponent": ["Valemark", "Ostria", "Brennland", "Kelport"],
        "Score": ["24–10", "13–27", "30–6", "17–20"],
        "Result": ["Win", "Loss", "Win", "Loss"],
    })
    a = ask(df, "in which week did the herons score the fewest points?")
    assert a.status == "answered", a.text
    assert a.value == 2
    # a list of one player's goals beside the outcome: the name may be the player's
    assert ask(df, "in which week did the herons score the fewest goals?").status != \
        "answered"


def test_refusals():
    df = _schedule()
    # no outcome anywhere: which number is whose cannot be told
    plain = df.assign(Result=["31–7", "10–14", "21–20", "17–3", "28–0", "9–13", "6–42",
                              "14–17"])
    assert ask(plain, "how many points did they score in october?").status != "answered"
    # a player's list of goals: "he" counts rows, not the side's score
    assert ask(df, "how many points did he score in october?").status != "answered"
    # several rows share a month: one game or the month's total?
    months = df.assign(Month=[d.split(".")[0] for d in df.Date])
    assert ask(months, "in what month did they score the fewest points?").status != \
        "answered"


def test_the_reading_names_the_side_in_plain_words_not_a_formula():
    df = _schedule()
    a = ask(df, "on what date did they score the fewest points?")
    assert a.status == "answered", a.text
    said = str(a.interpretation)
    assert "score of the own side in Result (the higher number of a win, the lower of a loss)" \
        in said, said
    assert "* 0.5" not in said and "margin" not in said and "=" not in said, said
    a = ask(df, "which opponent scored 20 points?")
    assert a.status == "answered", a.text
    said = str(a.interpretation)
    assert "(the lower number of a win, the higher of a loss)" in said, said
    assert "* 0.5" not in said and "=" not in said, said
    beside = pd.DataFrame({
        "Date": ["2031-03-02", "2031-04-11", "2031-06-20", "2031-09-05"],
        "Opponent": ["Valemark", "Ostria", "Brennland", "Kelport"],
        "Score": ["2–0", "1–3", "4–1", "0–0"],
        "Result": ["Won", "Lost", "Won", "Drawn"],
    })
    a = ask(beside, "which opponents scored no goals?")
    assert a.status == "answered", a.text
    said = str(a.interpretation)
    assert "(the lower number when Result is a win, the higher when a loss)" in said, said
    assert "* 0.5" not in said, said
