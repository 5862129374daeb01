"""The rows' noun, a verb and a general word naming a column in "the same <column> as X"
(issue 12, ``planner/same_nouns.py``): what is read, what the answer says, and what is
refused."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _riders() -> pd.DataFrame:
    return pd.DataFrame({
        "Rider": ["Ann Lee", "Bo Varga", "Cy Tran", "Dee Moss", "Eli Park", "Fay Olin"],
        "Bike": ["Kestrel", "Marlin", "Kestrel", "Osprey", "Marlin", "Heron"],
        "Club": ["Blue", "Red", "Red", "Blue", "Green", "Green"],
        "Stages": [12, 9, 12, 7, 9, 4],
        "Time/Gap": ["1:02.5", "1:03.1", "1:02.5", "1:04.0", "1:03.9", "1:05.2"],
    })


def _answered(a):
    assert a.status == "answered", a.text
    return a.value if isinstance(a.value, list) else [a.value]


def test_a_verb_before_the_same_is_read_past_and_said():
    a = ask(_riders(), "which rider rode the same bike as ann lee?")
    assert _answered(a) == ["Cy Tran"]
    assert "rode" in a.interpretation


def test_a_verb_with_a_preposition_before_the_same():
    a = ask(_riders(), "which rider raced for the same club as dee moss?")
    assert _answered(a) == ["Ann Lee"]


def test_the_rows_noun_answers_with_the_column_of_names():
    a = ask(_riders(), "what other cyclist has the same club as Eli Park?")
    assert _answered(a) == ["Fay Olin"]
    assert "cyclist" in a.interpretation


def test_tell_me_a_noun_with_the_same_value():
    a = ask(_riders(), "tell me a cyclist with the same bike as Bo Varga")
    assert _answered(a) == ["Eli Park"]


def test_the_rows_noun_is_refused_when_the_anchor_is_no_name_of_the_rows():
    # "Kestrel" is a bike, not a rider's name: "what other cyclist" cannot be told
    a = ask(_riders(), "what other cyclist has the same club as the kestrel?")
    assert a.status != "answered"


def test_two_unread_words_before_the_same_are_refused():
    a = ask(_riders(), "which rider secretly borrowed the same bike as ann lee?")
    assert a.status != "answered"


def test_a_named_row_first_then_a_verb_and_which_other():
    a = ask(_riders(), "cy tran collected the same total of stages as which other rider(s)?")
    assert _answered(a) == ["Ann Lee"]
    a = ask(_riders(), "bo varga scooped the same stages as what other rider?")
    assert _answered(a) == ["Eli Park"]


def test_the_same_number_of_asks_for_rows_not_a_count():
    a = ask(_riders(), "eli park got the same amount of stages as who?")
    assert _answered(a) == ["Bo Varga"]
    b = ask(_riders(), "how many riders hold the same amount of stages as cy tran?")
    assert _answered(b) == [1]


def test_a_general_word_naming_one_column():
    a = ask(_riders(), "does ann lee have the same time as cy tran?")
    assert _answered(a) == ["Yes"]
    b = ask(_riders(), "does ann lee have the same time as bo varga?")
    assert _answered(b) == ["No"]
    assert "Time/Gap" in b.text


def test_a_general_word_naming_two_columns_is_refused():
    d = _riders().rename(columns={"Stages": "Start time"})
    a = ask(d, "does ann lee have the same time as cy tran?")
    assert a.status != "answered"


@pytest.mark.parametrize("q", [
    "which rider never rode the same bike as ann lee?",  # a negation: not read past
    "which rider rode the same bike as ann lee and dee moss?",  # two named rows
])
def test_what_the_verb_reading_cannot_carry_is_refused(q):
    assert ask(_riders(), q).status != "answered"
