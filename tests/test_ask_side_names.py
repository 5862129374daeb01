"""A name no column or value holds, as the subject of an outcome counted ("how many games did
the otters win"), is the table's own side, as "they" is; a name the data holds may be an
opponent (whose wins are the table's losses) and is still asked back. Small tables written
here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def season() -> pd.DataFrame:
    return pd.DataFrame({"Week": range(1, 9),
                         "Opponent": ["Falcons", "Herons", "Lynx", "Falcons", "Moose",
                                      "Herons", "Lynx", "Moose"],
                         "Venue": ["Home", "Away", "Home", "Away", "Home", "Away", "Home",
                                   "Away"],
                         "Result": ["W 21-14", "L 10-17", "W 30-3", "W 24-20", "L 7-9",
                                    "W 13-6", "L 3-28", "W 17-16"]})


def _wins(df: pd.DataFrame) -> pd.Series:
    return df.Result.str.startswith("W")


@pytest.mark.parametrize("question, kept", [
    ("how many games did the otters win?", _wins),
    ("how many games did the river otters lose?", lambda d: ~_wins(d)),
    ("how many games did the otters win at home?", lambda d: _wins(d) & (d.Venue == "Home")),
])
def test_a_name_no_column_holds_is_the_tables_own_side(season, question, kept):
    a = ask(season, question)
    assert a.status == "answered", a.text
    assert a.value == int(kept(season).sum())
    assert any("own side" in n for n in a.notes)


def test_a_name_the_data_holds_is_not_read_as_the_own_side(season):
    a = ask(season, "how many games did the herons win?")
    assert a.status != "answered"


def test_a_long_phrase_is_not_read_as_a_name(season):
    a = ask(season, "how many games did the otters of our small northern town win?")
    assert a.status != "answered"
