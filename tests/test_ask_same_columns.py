"""Two columns equal in one row, read from language (issue 12): "which X has the same A as
B", "the same <noun> in A and B", "A was the same as B"; each answer checked against
pandas (the SQL and the generated pandas code agreeing), and the refusals kept."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _clubs() -> pd.DataFrame:
    return pd.DataFrame({
        "Club": ["Harriers", "Rovers", "Wanderers", "Athletic", "United", "Rangers"],
        "Home wins": [6, 4, 7, 3, 5, 2],
        "Away wins": [6, 2, 4, 3, 1, 5],
        "Ties": [1, 4, 2, 2, 5, 0],
        "Captain": ["Lowe", "Marsh", "Nash", "Owen", "Pike", "Quinn"],
        "Top scorer": ["Lowe", "Reyes", "Nash", "Sims", "Tate", "Ueda"],
    })


def _value(a):
    assert a.status == "answered", a.text
    return a.value if isinstance(a.value, list) else [a.value]


@pytest.mark.parametrize("q, a, b", [
    ("which club got the same number of home wins as away wins?", "Home wins", "Away wins"),
    ("which club had the same figure in home wins and away wins?", "Home wins", "Away wins"),
    ("which club posted the same result for both home wins and away wins?", "Home wins",
     "Away wins"),
    ("which club has the same captain as its top scorer?", "Captain", "Top scorer"),
    ("which club's captain was the same as the top scorer?", "Captain", "Top scorer"),
])
def test_the_rows_where_two_columns_hold_the_same_value(q, a, b):
    d = _clubs()
    want = d[d[a] == d[b]]["Club"].tolist()
    got = _value(ask(d, q))
    assert got == want and len(want) == 2


def test_the_reading_is_said_and_the_code_agrees():
    d = _clubs()
    a = ask(d, "which club has the same captain as its top scorer?")
    assert "Captain is the same as Top scorer" in a.text
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["result"]["Club"].tolist() == ["Harriers", "Wanderers"]
    assert "= \"Top scorer\"" in a.sql or '"Top scorer"' in a.sql


def test_a_count_of_the_rows_where_two_columns_agree():
    d = _clubs()
    got = _value(ask(d, "how many clubs have the same captain as top scorer?"))
    assert got == [int((d["Captain"] == d["Top scorer"]).sum())] == [2]


def test_no_row_with_equal_cells_is_said_not_answered():
    d = _clubs()
    a = ask(d, "which club got the same number of ties as away wins?")
    assert not (d["Ties"] == d["Away wins"]).any()
    assert a.status != "answered"
    assert "No row has Ties the same as Away wins" in a.text


@pytest.mark.parametrize("q", [
    "which club has the same captain as home wins?",  # text against numbers
    "does rovers have the same captain as top scorer?",  # a yes/no: not read here
    "which club has the same ties as away wins or home wins?",  # three columns
])
def test_what_the_two_column_reading_cannot_carry_is_refused(q):
    assert ask(_clubs(), q).status != "answered"
