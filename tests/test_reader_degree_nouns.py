"""The noun after a degree word read as the one column whose name's head it is, when a word
of the lexicon took it first ("the most points" over "Tour points", "the highest frequency"
over "Frequency [kHz]"; planner/degree_nouns.py). Not read over "Date of loss" (its head is
the date), nor when the noun goes on ("the highest points average"). Small tables written
here; expected values come from pandas."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask
from nbdatachat.planner.degree_nouns import head_word


def test_head_words():
    assert head_word("Frequency\n[kHz]") == "frequency"
    assert head_word("Depth\nm") == "depth"
    assert head_word("Date of loss") == "date"
    assert head_word("No. of lanes") == "lanes"
    assert head_word("Season Tour\nPoints") == "points"


def test_most_points_over_a_longer_name():
    df = pd.DataFrame({"Rider": ["Ada Kent", "Bea Lowe", "Cai Moss", "Dov Nye"],
                       "Club": ["North", "South", "North", "East"],
                       "Season Tour\nPoints": [140, 95, 210, 60]})
    a = ask(df, "which rider had the most points?")
    assert a.status == "answered", a.text
    top = df.loc[df["Season Tour\nPoints"].idxmax(), "Rider"]
    assert top in str(a.value) and top == "Cai Moss"


def test_highest_frequency():
    df = pd.DataFrame({"Station": ["KLM 1", "KLM 2", "KLM 3"],
                       "Frequency\n[kHz]": [540, 1210, 880]})
    a = ask(df, "which station has the highest frequency?")
    assert a.status == "answered", a.text
    assert "KLM 2" in str(a.value)
    assert 'read "frequency" as the column Frequency [kHz]' in " ".join(a.to_dict()["notes"])


def test_noun_going_on_or_other_head_not_read():
    df = pd.DataFrame({"Ship": ["Ark", "Bly", "Cog"],
                       "Date of loss": ["1901", "1915", "1888"],
                       "Crew": [40, 65, 12]})
    a = ask(df, "which ship had the largest number of losses?")
    assert "as the column Date of loss" not in " ".join(a.to_dict()["notes"])
    df = pd.DataFrame({"Rider": ["Ada Kent", "Bea Lowe"], "Season Tour\nPoints": [140, 95],
                       "Starts": [10, 4]})
    a = ask(df, "which rider had the highest points average?")
    assert "as the column" not in " ".join(a.to_dict()["notes"])
