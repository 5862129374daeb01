"""Rows holding the same value as each other (issue 12): "which two singers are the same
age", "which singers share the same town"; answers checked against pandas (the SQL and
the generated pandas code agreeing), and the readings kept refused."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _choir() -> pd.DataFrame:
    return pd.DataFrame({"Singer": ["Ada", "Bo", "Cy", "Di", "Ed"],
                         "Age": [31, 28, 31, 40, 35],
                         "Coach": ["Kim", "Lee", "Mo", "Lee", "Ng"],
                         "Town": ["Ayr", "Ayr", "Bude", "Bude", "Cork"],
                         "Voice": ["alto", "bass", "tenor", "soprano", "baritone"]})


def _shared(d: pd.DataFrame, col: str) -> list:
    return d[d[col].duplicated(keep=False)]["Singer"].tolist()


def _ask(q: str):
    return ask(_choir(), q, name="singers")


@pytest.mark.parametrize("q, col", [
    ("which two singers have the same age?", "Age"),
    ("what two singers had the same coach as each other?", "Coach"),
    ("which singers share the same town?", "Town"),
])
def test_the_rows_whose_value_another_row_holds(q, col):
    a = _ask(q)
    assert a.status == "answered", a.text
    assert a.value == _shared(_choir(), col)
    assert f"{col} is a value another row has too" in a.text


def test_the_generated_code_agrees():
    a = _ask("which two singers have the same age?")
    scope: dict = {"df": _choir()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["result"]["Singer"].tolist() == ["Ada", "Cy"]
    assert "HAVING" in a.sql.upper()


def test_more_rows_than_the_number_asked_are_asked_back():
    # four singers share two towns: "which two" names no pair
    assert _ask("which two singers share the same town?").status == "needs_clarification"


@pytest.mark.parametrize("q", [
    "which singers have the same voice?",  # no value held twice: said, not an empty list
    "which two singers from ayr have the same coach?",  # another condition with it
    "which two singers have the same coach and age?",  # two columns
])
def test_what_the_shared_value_reading_cannot_carry_is_refused(q):
    assert _ask(q).status != "answered"


def test_a_noun_naming_part_of_a_column_is_the_column_asked():
    d = pd.DataFrame({"Final year": [2001, 2005, 2009, 2013],
                      "Venue": ["Lund", "Pisa", "Lund", "Graz"],
                      "Referee": ["Ames", "Bell", "Cole", "Bell"]})
    a = ask(d, "which two years shared the same referee?")
    assert a.status == "answered", a.text
    assert sorted(a.value) == sorted(d[d.Referee.duplicated(keep=False)]["Final year"]) \
        == [2005, 2013]
