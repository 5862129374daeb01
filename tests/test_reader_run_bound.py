"""A run's rows named by a column's word and a number with no linking word (issue 12): "for
how many successive weeks was the seed #3", "how many successive weeks at number 2 did the
songs chart"; and "the longest successive win streak" said with the run word inside the
streak. What stays refused: a number whose column also holds it inside a longer cell ("3-4"),
a number no cell holds, and a number the word after it claims."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _chart() -> pd.DataFrame:
    return pd.DataFrame({
        "Week": list(range(1, 11)),
        "Song": ["Tide", "Tide", "Ember", "Ember", "Ember", "Quill", "Tide", "Moss", "Moss",
                 "Moss"],
        "Seed": ["#3", "#3", "#1", "#3", "#3", "#3", "#2", "#3", "#1", "#1"],
        "Place": [2, 2, 2, 5, 2, 2, 2, 2, 7, 2],
        "Result": ["W", "W", "L", "W", "W", "W", "L", "W", "L", "W"],
    })


def _longest(mask: pd.Series) -> int:
    best = cur = 0
    for hit in mask:
        cur = cur + 1 if hit else 0
        best = max(best, cur)
    return best


def _value(a):
    assert a.status == "answered", a.text
    return a.value


def test_a_number_after_a_text_column_written_with_a_hash():
    d = _chart()
    a = ask(d, "for how many successive weeks was the seed #3?")
    assert _value(a) == _longest(d.Seed == "#3") == 3
    assert "Seed" in a.interpretation


def test_a_number_after_a_numeric_column_and_at_number():
    d = _chart()
    assert _value(ask(d, "how many successive weeks at place number 2 did the songs have?")) \
        == _longest(d.Place == 2) == 4
    assert _value(ask(d, "how many successive weeks was the place 2?")) == 4


def test_refused_when_the_number_is_not_held_or_held_in_longer_cells():
    d = _chart()
    assert ask(d, "for how many successive weeks was the seed #9?").status != "answered"
    e = d.copy()
    e.loc[2, "Seed"] = "#3-4"
    b = ask(e, "for how many successive weeks was the seed #3?")
    assert b.status != "answered"
    assert "#3-4" in b.text


def test_the_run_word_inside_a_streak():
    d = _chart()
    assert _value(ask(d, "how many weeks was the longest successive win streak?")) == \
        _longest(d.Result == "W") == 3
    assert _value(ask(d, "what was the biggest consecutive losing streak?")) == \
        _longest(d.Result == "L") == 1
    assert ask(d.drop(columns="Result"),
               "how many weeks was the longest successive win streak?").status != "answered"
