"""The row "after" / "before" another over a table listed latest first
(service/latest_first.py): in table order the row below came earlier in time, so the answer
asks which is meant; "listed after" keeps table order, and a table listed earliest first is
answered as before. Tables written here; expected values read off them by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def newest_first() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [2016, 2013, 2011, 2011, 2008, 2005],
        "Play": ["Lantern Row", "Owl Court", "Salt Fields", "Grey Pier", "Tin Crown",
                 "Moss Gate"],
        "Theatre": ["Alder", "Birch", "Cedar", "Alder", "Birch", "Cedar"]})


def test_after_asks_which_order(newest_first: pd.DataFrame) -> None:
    a = ask(newest_first, "which play came after tin crown?")
    assert a.status == "needs_clarification"
    assert "latest Year to the earliest" in a.text


def test_before_asks_which_order(newest_first: pd.DataFrame) -> None:
    a = ask(newest_first, "what play was staged right before owl court?")
    assert a.status != "answered"


def test_listed_after_is_table_order(newest_first: pd.DataFrame) -> None:
    a = ask(newest_first, "which play is listed after tin crown?")
    assert a.status == "answered"
    assert a.value == "Moss Gate"


def test_oldest_first_answers(newest_first: pd.DataFrame) -> None:
    oldest = newest_first.iloc[::-1].reset_index(drop=True)
    a = ask(oldest, "which play came after tin crown?")
    assert a.status == "answered"
    assert a.value == "Grey Pier"


def test_comes_after_is_table_order(newest_first: pd.DataFrame) -> None:
    a = ask(newest_first, "which play comes after tin crown?")
    assert a.status == "answered"
    assert a.value == "Moss Gate"
