"""The word "rate" names only a column that says it (a rate, a ratio, a share): it is no
synonym of a grade or a score, so "a wins rate above 5" over a table with a Grade column
does not read Grade, and a rate with no such column asks back (lexicon.json synonyms).
Tables written here; expected values computed with pandas."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _clubs() -> pd.DataFrame:
    return pd.DataFrame({"Club": ["Herons", "Voles", "Badgers", "Martens"],
                         "Wins": [7, 3, 9, 4], "Grade": [6, 2, 8, 3],
                         "Pass (%)": [70.0, 50.0, 65.0, 40.0]})


def test_rate_does_not_read_grade() -> None:
    df = _clubs()
    for q in ["which club has a wins rate above 5", "which club has a rate above 5",
              "how many clubs have a wins rate over 5"]:
        a = ask(df, q)
        assert a.value is None, (q, a.text)
        assert "Grade" not in (a.interpretation or ""), (q, a.interpretation)


def test_grade_still_reads_grade() -> None:
    df = _clubs()
    a = ask(df, "which club has a grade above 5")
    assert sorted(a.value) == sorted(df.loc[df["Grade"] > 5, "Club"])


def test_rate_over_a_share_column() -> None:
    df = _clubs()
    a = ask(df, "how many clubs have a pass rate above 60%")
    assert a.value == int((df["Pass (%)"] > 60).sum())


def test_rating_still_names_a_rate_column() -> None:
    """One way only: the word "rating" may name a column of a rate."""
    df = pd.DataFrame({"Town": ["Alder", "Birch", "Cedar"], "age": [20, 30, 22],
                       "service_rate": [3.0, 4.0, 5.0]})
    a = ask(df, "average service rating where age is under 25")
    assert a.value == df.loc[df["age"] < 25, "service_rate"].mean(), a.text
