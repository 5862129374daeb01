"""Runs that expect one value, and a run's side or streak said in more words (issue 12):
"name a club that won two successive titles" and "who is the only club with successive
titles" answer only when exactly one value holds such a run (several are asked back, never
listed as the one); "the otters ... in the 1995 season" names the table's own side and its
season; "our longest successive streak of wins" is the run of wins."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _cup() -> pd.DataFrame:
    return pd.DataFrame({
        "Season": list(range(2001, 2011)),
        "Champion": ["Vela", "Orca", "Orca", "Lumen", "Vela", "Pike", "Pike", "Orca", "Vela",
                     "Lumen"],
        "Ground": ["Elko", "Ruth", "Elko", "Elko", "Ruth", "Ruth", "Elko", "Ruth", "Elko",
                   "Ruth"],
    })


def _one_run() -> pd.DataFrame:
    d = _cup()
    d.loc[6, "Champion"] = "Lumen"  # Pike no longer holds two in a row: only Orca does
    return d


def test_name_a_value_holding_a_run_of_at_least_two():
    a = ask(_one_run(), "name a champion that won two consecutive titles.")
    assert a.status == "answered", a.text
    assert a.value == "Orca"
    assert a.plan.asked == 1


def test_name_a_asks_back_when_several_values_hold_the_run():
    a = ask(_cup(), "name a champion that won two consecutive titles.")
    assert a.status != "answered"
    assert "Orca" in a.text and "Pike" in a.text


def test_the_only_value_holding_a_run():
    assert ask(_one_run(), "which champion was the only one that won consecutive titles?").value == \
        "Orca"
    a = ask(_cup(), "which champion was the only one that won consecutive titles?")
    assert a.status != "answered"  # Orca and Pike both do: "the only" is not so
    # without "the only", both are the answer
    b = ask(_cup(), "which champion won two consecutive titles?")
    assert b.status == "answered", b.text
    assert sorted(b.table["Champion"]) == ["Orca", "Pike"]


def _season() -> pd.DataFrame:
    return pd.DataFrame({
        "Date": ["Sep 2, 1995", "Sep 9, 1995", "Sep 16, 1995", "Sep 23, 1995", "Oct 7, 1995",
                 "Oct 14, 1995", "Oct 21, 1995", "Oct 28, 1995"],
        "Visitor": ["Tarn", "Lisle", "Orne", "Tarn", "Orne", "Lisle", "Tarn", "Orne"],
        "Result": ["W 21-7", "L 3-10", "W 14-13", "W 28-0", "W 17-9", "L 6-20", "W 10-3",
                   "L 0-7"],
    })


def _longest(mask: pd.Series) -> int:
    best = cur = 0
    for hit in mask:
        cur = cur + 1 if hit else 0
        best = max(best, cur)
    return best


def test_the_own_side_before_a_season_phrase():
    d = _season()
    wins = _longest(d.Result.str.startswith("W"))
    assert wins == 3
    a = ask(d, "what was the biggest number of successive wins that the river otters "
               "had in the 1995 season?")
    assert a.status == "answered", a.text
    assert a.value == wins
    assert "otters" in a.interpretation
    # a season the table does not hold picks no rows: no run of wins
    b = ask(d, "what was the biggest number of successive wins that the river otters "
               "had in the 1996 season?")
    assert b.value != wins


def test_a_streak_of_wins_after_the_run_word():
    d = _season()
    a = ask(d, "what was the longest successive streak of wins?")
    assert a.status == "answered", a.text
    assert a.value == _longest(d.Result.str.startswith("W")) == 3
    c = ask(d, "what was the longest successive streak of losses?")
    assert c.value == _longest(d.Result.str.startswith("L")) == 1


def test_a_streak_of_wins_needs_a_result_column():
    d = _season().drop(columns="Result")
    assert ask(d, "what was the longest successive streak of wins?").status != "answered"


def _presidents() -> pd.DataFrame:
    return pd.DataFrame({
        "Term": list(range(1, 9)),
        "President": ["Ada Moss", "Ben Hale", "Cy Dunn", "Cy Dunn", "Dee Lark", "Eli Voss",
                      "Fay Rudd", "Gus Penn"],
        "Guild": ["Weavers", "Masons", "Masons", "Masons", "Weavers", "Weavers", "Masons",
                  "Coopers"],
    })


def test_the_most_consecutive_rows_named_by_a_plural_noun():
    a = ask(_presidents(), "which guild had the most consecutive chairs?")
    assert a.status == "answered", a.text
    assert a.value == "Masons"
    assert "3 rows" in a.text


def test_an_outcome_noun_is_not_the_rows():
    # "defeats" are results, not the rows: with no result column it stays unread
    a = ask(_presidents(), "which guild had the most consecutive defeats?")
    assert a.status != "answered"


def test_at_least_before_the_runs_length():
    # "at least two consecutive" is the run's least length, as "two consecutive" is
    a = ask(_cup(), "which champion held at least two consecutive titles?")
    assert a.status == "answered", a.text
    assert sorted(a.table["Champion"]) == ["Orca", "Pike"]
    b = ask(_cup(), "which champion held at least three consecutive titles?")
    assert b.status != "answered"  # none does: the question presumed one
