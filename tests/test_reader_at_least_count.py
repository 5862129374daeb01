"""A yes/no on a count said with "at least" (planner/at_least_count.py): the rows a
selection keeps, or the rows of one named item, against the number, the bound inclusive;
a count of distinct values or a sum is not read this way. Tables written here; expected
values computed with pandas."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _heats() -> pd.DataFrame:
    return pd.DataFrame({
        "Heat": [f"H{i}" for i in range(1, 12)],
        "Rower": ["Ines", "Oskar", "Ines", "Pavla", "Ines", "Oskar", "Ines", "Tomas",
                  "Oskar", "Ines", "Pavla"],
        "Time (s)": [401, 398, 405, 410, 399, 402, 397, 415, 404, 400, 409]})


def _yes(a) -> bool | None:
    return None if a.value is None else str(a.value).lower() in ("yes", "true")


def test_rows_against_at_least() -> None:
    df = _heats()
    for n in (10, len(df), len(df) + 1):
        a = ask(df, f"are there at least {n} heats in the table?")
        assert _yes(a) == (len(df) >= n), (n, a.text)


def test_one_item_against_at_least() -> None:
    df = _heats()
    k = int((df["Rower"] == "Ines").sum())
    for n in (k - 1, k, k + 1):
        a = ask(df, f"did Ines row at least {n} heats?")
        assert _yes(a) == (k >= n), (n, a.text)


def test_distinct_values_not_read_as_rows() -> None:
    a = ask(_heats(), "are there at least 3 rowers?")
    assert a.value is None or _yes(a) == (_heats()["Rower"].nunique() >= 3), a.text
