"""A refused question's word one typing slip away from exactly one word of the table is read
as the table spells it (planner/respelled.py), and the reading says so; short words,
lexicon words, other forms of a word, and slips that could be either of two table words are
left alone and the question is still refused. Small tables written here; expected values
are computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask
from nbdatachat.planner.respelled import one_slip, respelling
from nbdatachat.query.source import open_source


@pytest.fixture(scope="module")
def regatta() -> pd.DataFrame:
    return pd.DataFrame({
        "Club": ["Harbour Oaks", "Kelborne Rowing", "Tarn Vale", "Morin Crew", "Moran Eights",
                 "Pellow Bay"],
        "Gold": [4, 3, 2, 2, 1, 0],
        "Bronze": [1, 5, 2, 3, 0, 2],
        "Rower": ["Ivy Dunn", "Cal Ruiz", "Bea Holm", "Ned Fry", "Ola Sten", "Rex Pym"],
        "Rated": [81, 77, 90, 68, 72, 85]})


def test_one_slip():
    assert one_slip("bornze", "bronze")  # neighbours swapped
    assert one_slip("harbur", "harbour")  # a letter dropped
    assert one_slip("kelbarne", "kelborne")  # a letter replaced
    assert one_slip("kelborrne", "kelborne")  # a letter doubled
    assert not one_slip("bronze", "bronze")
    assert not one_slip("brnoez", "bronze")  # two slips


def test_swapped_letters_in_a_column_name(regatta):
    a = ask(regatta, "which club had the most bornze medals?")
    assert a.status == "answered", a.text
    assert a.value == regatta.Club[regatta.Bronze.idxmax()] == "Kelborne Rowing"
    assert "read 'bornze' as 'Bronze'" in a.interpretation


def test_dropped_letter_in_a_cell(regatta):
    a = ask(regatta, "how many gold medals did harbur oaks win?")
    assert a.status == "answered", a.text
    assert a.value == 4
    assert "read 'harbur' as 'Harbour'" in a.interpretation


def test_replaced_letter_in_a_cell(regatta):
    a = ask(regatta, "how many bronze medals did kelbarne rowing win?")
    assert a.status == "answered", a.text
    assert a.value == 5
    assert "read 'kelbarne' as 'Kelborne'" in a.interpretation


def test_two_table_words_as_close_is_refused(regatta):
    a = ask(regatta, "how many gold medals did moren win?")  # Morin or Moran
    assert a.status != "answered"
    assert "moren" in a.text


def test_short_word_is_not_respelled(regatta):
    a = ask(regatta, "how many gold medals did tarm vale win?")  # "Tarn": four letters
    assert a.status != "answered"


def test_which_words_are_respelled(regatta):
    schema = open_source(regatta).schema
    assert respelling("bornze", schema) == "Bronze"
    assert respelling("rowed", schema) is None  # "Rower": another word's ending
    assert respelling("rates", schema) is None  # "Rated"
    assert respelling("moren", schema) is None  # Morin or Moran
    assert respelling("tarm", schema) is None  # too short
    assert respelling("bronze", schema) is None  # as written
    assert respelling("longest", schema) is None  # a question word


def test_question_as_written_is_not_respelled(regatta):
    a = ask(regatta, "how many gold medals did tarn vale win?")
    assert a.status == "answered", a.text
    assert a.value == 2
    assert "read '" not in a.interpretation
