"""How long a title stayed on a weekly list (weekly_rows.py): over a table with one row per
week (dates seven days apart, or a Week column numbering the rows), "how long" is the number
of weeks, the rows naming the title counted; other units, other tables and unread words
refuse. Tables made up here."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _dated() -> pd.DataFrame:
    """A made-up weekly list of top films: one row per Sunday."""
    days = pd.date_range("2031-02-02", periods=6, freq="7D")
    return pd.DataFrame({"Date": days,
                         "Film": ["Salt Harbor", "Salt Harbor", "Iron Meadow", "Salt Harbor",
                                  "Paper Comet", "Paper Comet"],
                         "Gross": [910, 640, 720, 300, 880, 510]})


def _numbered() -> pd.DataFrame:
    """A made-up weekly song list with a Week column (and the week's date)."""
    return pd.DataFrame({"Week": [1, 2, 3, 4, 5],
                         "Date": pd.date_range("2032-05-07", periods=5, freq="7D"),
                         "Song": ["Low Tide", "Low Tide", "Low Tide", "Glass Kite", "Low Tide"],
                         "Singer": ["Mo Reyes", "Mo Reyes", "Mo Reyes", "Ida Voss", "Mo Reyes"]})


def test_how_long_counts_the_weeks() -> None:
    df = _dated()
    a = ask(df, "how long was salt harbor number one?")
    assert a.value == 3, a.text
    assert any("one row per week" in n for n in a.notes)
    a = ask(_numbered(), "how long was low tide at number one (in weeks)?")
    assert a.value == 4, a.text


def test_not_weekly_rows_refuse() -> None:
    df = _dated()
    df.loc[5, "Date"] = pd.Timestamp("2031-04-20")  # a gap: the rows are no longer weeks
    a = ask(df, "how long was salt harbor number one?")
    assert a.value is None, a.text


def test_other_units_and_unread_words_refuse() -> None:
    df = _dated()
    for q in ["how long was salt harbor number one in days?",
              "how long was salt harbor rather popular?",
              "how long ago was salt harbor number one?"]:
        a = ask(df, q)
        assert a.value is None, (q, a.text)
