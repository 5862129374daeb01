"""How long over a table with one row per year (yearly_rows.py): read as "how many years"
and kept only when that counts the rows of a condition; a table with a year missing, a
year twice, no condition, or another unit asked stays refused. Tables made up here;
expected values computed with pandas."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _club() -> pd.DataFrame:
    """A made-up rowing club's record: one row per year, its captain and its league tier."""
    return pd.DataFrame({"Year": list(range(2001, 2011)),
                         "Captain": ["Orla Penn", "Orla Penn", "Orla Penn", "Ivo Marsh",
                                     "Ivo Marsh", "Tess Lyle", "Tess Lyle", "Tess Lyle",
                                     "Tess Lyle", "Ned Vause"],
                         "Tier": [2, 2, 1, 1, 1, 2, 3, 3, 2, 2]})


def test_how_long_counts_the_years_of_the_condition() -> None:
    df = _club()
    a = ask(df, "how long was ivo marsh captain?")
    assert a.value == int((df["Captain"] == "Ivo Marsh").sum()), a.text
    assert any("how many years" in n for n in a.notes), a.notes
    a = ask(df, "how long did tess lyle serve as captain?")
    assert a.value == int((df["Captain"] == "Tess Lyle").sum()), a.text


def test_seasons_written_as_text_count_too() -> None:
    df = _club()
    df["Season"] = [f"{y}–{str(y + 1)[2:]}" for y in df["Year"]]
    df = df.drop(columns=["Year"])
    a = ask(df, "how long were they in tier 3?")
    assert a.value == int((df["Tier"] == 3).sum()), a.text
    assert any("how many seasons" in n for n in a.notes), a.notes


def test_a_missing_or_repeated_year_is_refused() -> None:
    df = _club()
    gap = df[df["Year"] != 2005]  # a year left out: rows are no longer years
    a = ask(gap, "how long was tess lyle captain?")
    assert a.value is None, a.text
    twice = df.copy()
    twice.loc[9, "Year"] = 2009  # a year given twice
    a = ask(twice, "how long was tess lyle captain?")
    assert a.value is None, a.text


def test_no_condition_or_another_unit_is_refused() -> None:
    df = _club()
    a = ask(df, "how long is each term?")
    assert a.value is None, a.text
    a = ask(df, "how long in days was ivo marsh captain?")
    assert a.value is None, a.text
