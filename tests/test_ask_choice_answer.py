"""A question choosing among the values it offers ("who is Irish, A or B?") answers with the
chosen value, not with the condition shown beside it as evidence (service/narrate_kinds.py)."""

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
