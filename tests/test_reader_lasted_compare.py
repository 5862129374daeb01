"""A length compared through the verb "last" (lasted_compare.py): "lasted more than N
days" is the comparison of a column of lengths in that unit, or of a column of elapsed
times for minutes and clocks; other columns, and a time of the day, stay refused. Tables
made up here; expected values computed with pandas."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _voyages() -> pd.DataFrame:
    """A made-up log of sailing voyages: the days each took and the laps of a harbour race."""
    return pd.DataFrame({"Ship": ["Osprey", "Kestrel", "Merlin", "Harrier", "Petrel", "Tern"],
                         "Skipper": ["Ames", "Birk", "Cole", "Dunn", "Eyre", "Fane"],
                         "Days": [38, 52, 17, 61, 44, 29],
                         "Crew": [12, 30, 8, 25, 14, 9]})


def _songs() -> pd.DataFrame:
    """A made-up album: each track's running time as minutes and seconds."""
    return pd.DataFrame({"No.": [1, 2, 3, 4, 5],
                         "Track": ["Low Tide", "Copper Hill", "Wrens", "Night Ferry", "Ashes"],
                         "Length": ["3:12", "4:45", "2:58", "5:30", "3:59"]})


def test_lasted_more_than_days_compares_the_days_column() -> None:
    df = _voyages()
    a = ask(df, "how many voyages lasted more than 40 days?")
    assert a.value == int((df["Days"] > 40).sum()), a.text
    assert any("lasted" in n for n in a.notes), a.notes
    a = ask(df, "how many voyages lasted for at least 44 days?")
    assert a.value == int((df["Days"] >= 44).sum()), a.text


def test_last_for_over_minutes_or_a_clock_compares_the_elapsed_times() -> None:
    df = _songs()
    secs = df["Length"].map(lambda t: int(t.split(":")[0]) * 60 + int(t.split(":")[1]))
    a = ask(df, "how many songs here last for over four minutes?")
    assert a.value == int((secs > 240).sum()), a.text
    a = ask(df, "how many songs here last less than 3:30?")
    assert a.value == int((secs < 210).sum()), a.text


def test_a_unit_no_column_is_named_for_stays_refused() -> None:
    df = _voyages()
    a = ask(df, "how many voyages lasted more than 20 crew?")
    assert a.value is None, a.text
    a = ask(df, "how many voyages lasted more than 3 weeks?")
    assert a.value is None, a.text


def test_a_time_of_the_day_is_no_length() -> None:
    df = pd.DataFrame({"Race": ["Spring", "Summer", "Autumn", "Winter"],
                       "Start (UTC)": ["9:30", "11:15", "14:05", "8:40"]})
    a = ask(df, "how many races lasted longer than 10:00?")
    assert a.value is None, a.text


def _bouts() -> pd.DataFrame:
    """A made-up boxer's record: the round each bout ended in and the time in that round."""
    return pd.DataFrame({"Opponent": ["Rui Salas", "Ken Oduya", "Pim Varga", "Lev Astor"],
                         "Result": ["Win", "Loss", "Win", "Draw"],
                         "Round": [3, 7, 1, 10],
                         "Time": ["1:12", "2:40", "0:55", "3:00"]})


def test_how_many_rounds_did_a_bout_last_is_its_round() -> None:
    df = _bouts()
    a = ask(df, "how many rounds did ken oduya last?")
    assert a.value == 7, a.text
    assert any("lasted" in n for n in a.notes), a.notes


def test_how_many_of_a_unit_no_column_is_named_for_stays_refused() -> None:
    df = _bouts()
    a = ask(df, "how many minutes did ken oduya last?")
    assert a.value is None, a.text
    a = ask(df, "how many days did ken oduya last?")
    assert a.value is None, a.text
