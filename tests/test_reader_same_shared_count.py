"""Rows sharing a value with at least one other row, counted or listed (issue 12,
``planner/same_shared.py``): "how many riders had the same number of pennants as at least one
other rider"; what is refused."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _crews() -> pd.DataFrame:
    return pd.DataFrame({
        "Crew": ["Osprey", "Tern", "Heron", "Gannet", "Plover", "Curlew", "Dunlin"],
        "Pennants": [4, 2, 4, 5, 2, 4, 1],
        "Coach": ["Ada Moor", "Ben Hale", "Cal Ives", "Ada Moor", "Dot Lane", "Eve Marsh",
                  "Fox Reed"],
    })


def _answered(a):
    assert a.status == "answered", a.text
    return a.value if isinstance(a.value, list) else [a.value]


def test_how_many_rows_share_a_value_with_at_least_one_other():
    d = _crews()
    want = int(d["Pennants"].duplicated(keep=False).sum())
    a = ask(d, "how many crews had the same number of pennants as at least one other crew?")
    assert _answered(a) == [want] == [5]
    assert "a value another row has too" in a.text


@pytest.mark.parametrize("q", [
    "how many crews had the same coach as another crew?",
    "how many crews have the same coach as one other crew",
])
def test_another_row_with_the_rows_noun_or_without(q):
    assert _answered(ask(_crews(), q)) == [2]


def test_which_rows_share_a_value_with_any_other():
    a = ask(_crews(), "which crews had the same coach as any other crew?")
    assert sorted(_answered(a)) == ["Gannet", "Osprey"]


@pytest.mark.parametrize("q", [
    "how many crews had the same number of pennants as at least two other crews?",  # two
    "how many crews had the same number of pennants as at least one other coach?",  # another noun
    "how many crews had the same number of pennants as tern?",  # one named row: same_as.py's
])
def test_other_counts_and_nouns_are_not_read_as_shared(q):
    a = ask(_crews(), q)
    assert a.status != "answered" or _answered(a) != [5]
