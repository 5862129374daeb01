""""What number of <nouns> ..." is read as "how many <nouns> ..." when it is refused as
asked (the names are not a number); a bound ("at least what number of") and a question the
"how many" form cannot answer either are still refused. Small tables written here;
expected values are computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask
from nbdatachat.planner.what_number import how_many_form


@pytest.fixture(scope="module")
def crews() -> pd.DataFrame:
    return pd.DataFrame({
        "Rower": ["Ann Ray", "Bo Lin", "Cy Dunn", "Di Fox", "Ed Roe", "Flo Yu"],
        "Club": ["Herons", "Herons", "Otters", "Otters", "Otters", "Kites"],
        "Strokes": [31, 28, 35, 33, 26, 30],
        "Medal": ["Gold", "Silver", "Gold", "Bronze", "Silver", "Gold"]})


def test_rows_counted_by_a_value(crews):
    a = ask(crews, "what number of rowers rowed for the otters?")
    assert a.status == "answered", a.text
    assert a.value == int((crews.Club == "Otters").sum()) == 3


def test_rows_counted_by_a_comparison(crews):
    a = ask(crews, "what number of rowers had more than 29 strokes?")
    assert a.status == "answered", a.text
    assert a.value == int((crews.Strokes > 29).sum()) == 4


def test_a_bound_is_not_rewritten(crews):
    assert how_many_form("at least what number of strokes did bo lin row?") is None
    a = ask(crews, "at least what number of strokes did bo lin row?")
    assert a.status != "answered", a.text


def test_unreadable_either_way_is_still_refused(crews):
    a = ask(crews, "what number of rowers wore green caps?")
    assert a.status != "answered", a.text


def test_the_rewrite_itself():
    assert how_many_form("what number of clubs won gold?") == "how many clubs won gold?"
    assert how_many_form("what is the strokes of ann ray?") is None
