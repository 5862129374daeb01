"""Which value runs longest (issue 12, table order): "which champion won the most
consecutive seasons", "who won the most consecutive titles": the value of the asked column
held by the most consecutive rows in table order, all of them when tied; checked against a
pandas run count, with the generated pandas code run as a user would, and the phrasings that
must be refused (a condition, a second column named, a column with no repeats)."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _league() -> pd.DataFrame:
    return pd.DataFrame({
        "Season": list(range(2001, 2014)),
        "Champion": ["Vela", "Orca", "Orca", "Orca", "Lumen", "Orca", "Orca", "Vela", "Vela",
                     "Vela", "Vela", "Orca", None],
        "Runner-up": ["Orca", "Vela", "Lumen", "Vela", "Orca", "Lumen", "Vela", "Orca",
                      "Lumen", "Orca", "Orca", "Vela", "Lumen"],
        "Attendance": [12000, 25000, 31000, 22000, 18000, 26000, 27000, 29000, 15000, 21000,
                       23000, 24000, 20000],
    })


def _longest(values: pd.Series) -> dict:
    best: dict = {}
    prev, run = object(), 0
    for v in values:
        run = run + 1 if v == prev else 1
        prev = v
        if pd.notna(v):
            best[v] = max(best.get(v, 0), run)
    return best


def _answered(a):
    assert a.status == "answered", (a.text, a.interpretation)
    return a


@pytest.mark.parametrize("q", ["which champion won the most consecutive seasons?",
                               "which champion had the longest consecutive run?",
                               "what champion won the most consecutive titles?"])
def test_the_value_held_by_the_most_consecutive_rows(q):
    d = _league()
    a = _answered(ask(d, q))
    runs = _longest(d.Champion)
    top = max(runs.values())
    assert top == 4
    assert [a.value] == [k for k, v in runs.items() if v == top] == ["Vela"]
    assert "4 rows" in a.text
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["result"].to_dict("records") == [{"Champion": "Vela", "run": 4}]


def test_who_reads_the_one_column_named():
    d = _league()
    a = _answered(ask(d, "who was champion the most consecutive seasons?"))
    assert a.value == "Vela"
    # "who won ..." names no column: never guessed
    a = ask(d, "who won the most consecutive seasons?")
    assert a.status != "answered"


def test_a_tie_is_said_not_answered():
    # Orca and Vela each hold 3 seasons running: no one value answers "which champion"
    d = _league().assign(Champion=["Vela", "Orca", "Orca", "Orca", "Lumen", "Orca", "Orca",
                                   "Vela", "Vela", "Vela", "Lumen", "Orca", None])
    runs = _longest(d.Champion)
    assert sorted(k for k, v in runs.items() if v == 3) == ["Orca", "Vela"]
    a = ask(d, "which champion won the most consecutive seasons?")
    assert a.status != "answered"
    assert "Orca and Vela tie" in a.text and "3 rows" in a.text


@pytest.mark.parametrize("q", [
    "which champion beat the runner-up the most consecutive times?",  # a second column
    "which season had the most consecutive years?",                   # every row its own
])
def test_what_it_cannot_read_is_not_answered(q):
    a = ask(_league(), q)
    assert a.status != "answered", (a.text, a.interpretation)


def _cups() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [1990, 1990, 1991, 1991, 1991, 1992, 1993, 1994, 1995, 1995, 1996],
        "Cup": ["Harbour", "Vale", "Harbour", "Moor", "Harbour", "Harbour", "Moor", "Moor",
                "Moor", "Harbour", "Moor"],
    })


def test_which_value_held_n_consecutive_years():
    d = _cups()
    a = _answered(ask(d, "which cup was held in 4 consecutive years?"))
    assert a.value == "Moor"  # 1993-1996; Harbour's 1990-1992 is three
    assert sorted(_answered(ask(d, "which cup was held for three consecutive years?")).value) == \
        ["Harbour", "Moor"]  # at least three: both, not a tie
    a = ask(d, "which cup was held in 6 consecutive years?")
    assert a.status != "answered"  # no cup did: the question presumed one
    assert "No Cup" in a.text


def test_which_value_held_n_consecutive_rows():
    d = _league()
    a = _answered(ask(d, "which champion had 4 consecutive seasons?"))
    assert a.value == "Vela"


def test_wins_in_a_list_of_winners():
    # each row is one year's winner: "consecutive wins" are rows in a row
    d = _league().drop(columns=["Runner-up", "Attendance"])
    a = _answered(ask(d, "which champion had three consecutive wins?"))
    assert sorted(a.value) == ["Orca", "Vela"]
    # with a column of results, a club's wins are not its rows: not read so
    e = d.assign(Result=["W", "L"] * 6 + ["W"])
    assert ask(e, "which champion had three consecutive wins?").status != "answered"


def test_a_winning_streak_is_read_from_the_winners_column():
    d = pd.DataFrame({"Meet": range(1, 9),
                      "Winner": ["North", "South", "South", "South", "North", "North",
                                 "South", "North"],
                      "Margin": [3, 1, 4, 2, 2, 5, 1, 3]})
    a = _answered(ask(d, "which side had the greatest consecutive winning streak?"))
    assert a.value == "South"  # meets 2-4
    e = d.assign(Winner=["North", "North", "North", "South", "South", "South", "North",
                         "South"])
    assert ask(e, "which side had the greatest consecutive winning streak?").status != \
        "answered"  # three each: a tie


def test_a_condition_keeps_runs_counted_in_years():
    # rows holding "1st" only; Ames 2001-2003 is three years running, Bode's 1999 and 2004
    # are not consecutive however the rows are filtered
    d = pd.DataFrame({"Year": [1999, 2000, 2001, 2002, 2003, 2004, 2005],
                      "Crew": ["Bode", "Ames", "Ames", "Ames", "Ames", "Bode", "Cole"],
                      "Finish": ["1st", "4th", "1st", "1st", "1st", "1st", "2nd"]})
    a = _answered(ask(d, "which crew finished 1st in the most consecutive years?"))
    assert a.value == "Ames" and "(3)" in a.text


def test_a_condition_with_a_column_of_years():
    # after 2005 the seasons still count as years: Vela's 2008-2011 is the longest
    a = _answered(ask(_league(), "which champion won the most consecutive seasons after 2005?"))
    assert a.value == "Vela" and "(4)" in a.text
    # without years to count in, a condition would join rows that are not consecutive
    d = _league().drop(columns="Season")
    assert ask(d, "which champion won the most consecutive titles with attendance above "
                  "20000?").status != "answered"
