"""A value other cells hold as one item ("Rovers" beside "#4 Rovers", "Ann Lee" beside
"Ann Lee and Bo Sun"): counted with those cells, and said so in the reading; a value inside
a longer phrase, or beside a word the question says, is still asked back. Small tables
written here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def bouts() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [1971, 1972, 1973, 1974, 1975, 1976, 1977, 1978],
        "Winner": ["Ann Lee", "Cora Bell", "Ann Lee and Bo Sun", "Dina Rowe",
                   "Cora Bell, Ann Lee and Eve Hart", "Bo Sun", "Ann Lee", "Eve Hart"],
        "Finish": ["1st", "2nd", "1st*", "3rd", "1st", "2nd", "4th", "1st"],
        "Court": ["Clay", "Grass", "Clay (n)", "Clay", "Grass", "Carpet", "Clay", "Grass"],
        "Style": ["Open sprint", "Sprint", "Long sprint", "Relay", "Sprint", "Relay",
                  "Open relay", "Sprint"]})


def _mentions(df: pd.DataFrame, col: str, value: str) -> int:
    return int(df[col].str.contains(rf"\b{value}\b", regex=True).sum())


def test_a_name_listed_with_others_is_counted(bouts):
    a = ask(bouts, "how many times did ann lee win?")
    assert a.status == "answered", a.text
    assert a.value == _mentions(bouts, "Winner", "Ann Lee") == 4
    assert "Ann Lee and Bo Sun" in a.interpretation


def test_a_marked_value_is_counted_with_its_marks(bouts):
    a = ask(bouts, "how many times was the finish 1st?")
    assert a.status == "answered", a.text
    assert a.value == int(bouts.Finish.str.startswith("1st").sum()) == 4
    a = ask(bouts, "how many bouts were on clay?")
    assert a.status == "answered", a.text
    assert a.value == _mentions(bouts, "Court", "Clay") == 4


def test_other_filters_still_apply(bouts):
    a = ask(bouts, "how many times did ann lee win after 1972?")
    assert a.status == "answered", a.text
    want = bouts[bouts.Year > 1972]
    assert a.value == _mentions(want, "Winner", "Ann Lee") == 3


def test_a_value_inside_a_longer_phrase_is_asked_back(bouts):
    a = ask(bouts, "how many bouts had a sprint style?")
    assert a.status == "needs_clarification", a.text
    assert "one part of their value" in a.text


def test_a_word_the_question_says_keeps_the_question_back():
    # "mixed" may name the longer value the question means: no items then
    from types import SimpleNamespace

    from nbdatachat.planner.plan_parts import Filter
    from nbdatachat.planner.value_items import as_items

    values = ["Doubles", "Singles", "Mixed", "Mixed/Doubles"]
    f = Filter("Class", "=", "Doubles")
    assert not as_items(SimpleNamespace(question="how many mixed doubles events?"), f,
                        ["Mixed/Doubles"], values)
    assert f.op == "=" and f.value == "Doubles"
    assert as_items(SimpleNamespace(question="how many doubles events?"), f,
                    ["Mixed/Doubles"], values)
    assert f.op == "in" and f.value == ["Doubles", "Mixed/Doubles"]
    g = Filter("Class", "=", "Doubles")  # joined to other letters: no item
    assert not as_items(SimpleNamespace(question="how many doubles events?"), g,
                        ["Semi-Doubles"], values + ["Semi-Doubles"])


def test_an_item_said_nowhere_else_is_a_qualifier_not_a_partner():
    # "Op. 2" beside "Nocturne" qualifies it; "Bo Sun" beside "Ann Lee" is a partner
    from types import SimpleNamespace

    from nbdatachat.planner.plan_parts import Filter
    from nbdatachat.planner.value_items import as_items

    q = SimpleNamespace(question="how many were called nocturne?")
    titles = ["Nocturne", "Nocturne, Op. 2", "Nocturne, Op. 9", "Etude"]
    assert not as_items(q, Filter("Title", "=", "Nocturne"), titles[1:3], titles)
    q = SimpleNamespace(question="how many did ann lee win?")
    names = ["Ann Lee", "Bo Sun", "Ann Lee and Bo Sun", "Cy Day"]
    f = Filter("Winner", "=", "Ann Lee")
    assert as_items(q, f, ["Ann Lee and Bo Sun"], names) and f.op == "in"
    g = Filter("Winner", "=", "Ann Lee")  # a partner said only once: asked back
    assert not as_items(q, g, ["Ann Lee and Eve Hart"], names + ["Ann Lee and Eve Hart"])
