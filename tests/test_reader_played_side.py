""""how many games did <a name no cell holds> play ..." over one side's schedule counts its
rows, as "they" does; a name the table holds (an opponent) is not read as the own side, and
over a table of several sides' games (home and away team columns) nothing is read. Small
tables written here; expected values computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def schedule() -> pd.DataFrame:
    return pd.DataFrame({
        "Date": ["2031-05-02", "2031-05-09", "2031-05-16", "2031-05-23", "2031-06-01",
                 "2031-06-08", "2031-06-15", "2031-06-22", "2031-06-29"],
        "Opponent": ["Falcons", "Herons", "Lynx", "Falcons", "Moose", "Herons", "Lynx",
                     "Moose", "Falcons"],
        "Result": ["W 21-14", "L 10-17", "W 30-3", "W 24-20", "L 7-9", "W 13-6", "L 3-28",
                   "W 17-16", "L 12-14"],
        "Attendance": [4100, 3900, 5200, 4700, 3100, 2900, 6100, 4400, 3800]})


@pytest.mark.parametrize("question, kept", [
    ("how many games did the otters play against the falcons?",
     lambda d: d.Opponent == "Falcons"),
    ("how many matches did the river otters play against the lynx?",
     lambda d: d.Opponent == "Lynx"),
])
def test_a_name_no_cell_holds_is_the_side_that_played(schedule, question, kept):
    a = ask(schedule, question)
    assert a.status == "answered", a.text
    assert a.value == int(kept(schedule).sum())
    assert any("own side" in n for n in a.notes)


def test_an_opponents_name_is_not_the_own_side(schedule):
    a = ask(schedule, "how many games did the herons play against the moose?")
    assert not any("own side" in n for n in a.notes)


def test_several_sides_games_are_not_read(schedule):
    df = schedule.rename(columns={"Opponent": "Away team"}).assign(
        **{"Home team": ["Otters", "Otters", "Bears", "Otters", "Bears", "Otters", "Bears",
                         "Otters", "Bears"]})
    a = ask(df, "how many games did the wolves play against the falcons?")
    assert a.status != "answered"
