"""The row asked after "before" / "after", said last (planner/before_whom.py): "X was drafted
after whom" is read as "who was drafted before X", kept only as the row next to a named
row. Tables written here; expected values read off them by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def draft() -> pd.DataFrame:
    return pd.DataFrame({
        "Pick": [1, 2, 3, 4, 5],
        "Player": ["Ned Hart", "Oren Cole", "Pia Lund", "Quin Roe", "Rex Vale"],
        "College": ["Elm", "Oak", "Elm", "Ash", "Fir"]})


@pytest.fixture(scope="module")
def wardens() -> pd.DataFrame:
    return pd.DataFrame({
        "Name": ["Ada Finch", "Bo Greer", "Cy Hollis", "Di Irwin"],
        "Took office": ["1901", "1909", "1915", "1922"],
        "Left office": ["1909", "1915", "1922", "1930"]})


def test_picked_after_whom(draft: pd.DataFrame) -> None:
    a = ask(draft, "pia lund was selected after whom?")
    assert a.status == "answered"
    assert a.value == "Oren Cole"
    assert any("Read as" in n for n in a.notes)


def test_is_before_which_noun(draft: pd.DataFrame) -> None:
    a = ask(draft, "quin roe is before which player")
    assert a.status == "answered"
    assert a.value == "Rex Vale"


def test_verb_phrase_with_close(wardens: pd.DataFrame) -> None:
    a = ask(wardens, "bo greer took office directly before who?")
    assert a.status == "answered"
    assert a.value == "Cy Hollis"


def test_last_row_has_none_after(draft: pd.DataFrame) -> None:
    a = ask(draft, "rex vale is before who?")
    assert a.status == "cannot_answer"
    assert "last row" in a.text


def test_unknown_name_refused(draft: pd.DataFrame) -> None:
    a = ask(draft, "tom wick was selected after whom?")
    assert a.status != "answered"
