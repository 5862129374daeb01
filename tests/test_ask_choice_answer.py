"""The direct answer behind the sentence (service/narrate_kinds.py): a question choosing among
the values it offers ("who is Irish, A or B?") answers with the chosen value, not with the
condition shown beside it as evidence; an opponent is named without the venue mark a
schedule writes before it ("at Redcliff")."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _squad() -> pd.DataFrame:
    return pd.DataFrame({
        "Name": ["Ola Berg", "Tim Ross", "Ana Lima", "Kai Wu", "Eva Holm"],
        "Nationality": ["Danish", "Irish", "Brazilian", "Danish", "Swedish"],
        "Club": ["Vejle", "Cork", "Santos", "Vejle", "Malmo"],
        "Caps": [12, 40, 7, 3, 22],
    })


@pytest.mark.parametrize("question, expected", [
    ("who is irish, ola berg or tim ross?", "Tim Ross"),
    ("which player was danish: tim ross or ola berg?", "Ola Berg"),
    ("who plays for cork, ola berg or tim ross?", "Tim Ross"),
])
def test_the_offered_value_is_the_answer(question, expected):
    df = _squad()
    a = ask(df, question)
    assert a.status == "answered", a.text
    assert a.value == expected
    # the evidence still shows in the table behind the answer
    assert list(a.table["Name"]) == [expected]
    assert len(a.table.columns) == 2


def test_a_lookup_with_one_pinned_column_still_answers_the_other():
    a = ask(_squad(), "what club does ana lima play for?")
    assert a.status == "answered", a.text
    assert a.value == "Santos"


def _schedule() -> pd.DataFrame:
    return pd.DataFrame({
        "Week": [1, 2, 3, 4, 5],
        "Opponent": ["vs. Harbor City", "at Elm Valley", "at Redcliff", "vs. Stonebridge",
                     "at Kestrel Bay"],
        "Result": ["W 21–14", "L 10–17", "W 28–3", "W 14–13", "L 7–31"],
        "Venue": ["at home", "Elm Field", "Cliff Park", "at home", "Bay Oval"],
    })


def test_an_opponent_is_named_without_its_venue_mark():
    df = _schedule()
    a = ask(df, "who was the opponent in week 3?")
    assert a.status == "answered", a.text
    assert a.value == "Redcliff"
    assert "at Redcliff" in a.text  # the sentence still quotes the cell as written
    b = ask(df, "which opponent is listed last?")
    assert b.value == "Kestrel Bay"


def test_other_columns_keep_their_cells():
    a = ask(_schedule(), "what was the venue in week 4?")
    assert a.status == "answered", a.text
    assert a.value == "at home"


def test_what_number_before_a_plural_asks_how_many():
    from nbdatachat.planner.answer_type import asked_type

    assert asked_type("what number players are irish?") == "count"
    assert asked_type("what number was his shirt?") == "what"  # a number asked for
    df = pd.DataFrame({"Country": ["Peru", "Chad", "Laos", "Fiji", "Oman", "Cuba"],
                       "Titles": [4, 0, 2, 5, 1, 3]})
    a = ask(df, "what number countries have more than 2 titles?")
    # a count, or asked back; never the list of names
    assert not (a.status == "answered" and isinstance(a.value, list)), a.text
