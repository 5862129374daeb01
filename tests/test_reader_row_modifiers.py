"""A word before the rows' noun that picks some of the rows ("how many *retired* riders")
is never read past: when nothing reads it the reader refuses and names it, instead of
counting or listing every row. Words that leave the rows as they are still answer. Small
tables written here; every expected number is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def riders() -> pd.DataFrame:
    return pd.DataFrame({
        "Pos": [1, 2, 3, 4, 5, 6],
        "Rider": ["Oda Lind", "Pim Gast", "Rafa Soler", "Ines Vale", "Bo Krag", "Umi Tan"],
        "Team": ["Vesta", "Orion", "Vesta", "Lumen", "Orion", "Lumen"],
        "Points": [40, 35, 31, 22, 18, 9]})


@pytest.mark.parametrize("question,word", [
    ("how many retired riders were there?", "retired"),
    ("what is the number of veteran riders?", "veteran"),
    ("list the junior riders", "junior"),
    ("how many local riders scored over 20 points?", "local"),
])
def test_an_unread_modifier_of_the_rows_is_refused(riders, question, word):
    a = ask(riders, question)
    assert a.status == "cannot_answer", (a.text, a.interpretation)
    assert repr(word) in a.text


def test_the_rows_noun_alone_still_counts_every_row(riders):
    a = ask(riders, "how many riders were there?")
    assert a.status == "answered", a.text
    assert f" {len(riders)} rows" in a.text


def test_a_neutral_modifier_still_counts_every_row(riders):
    a = ask(riders, "how many individual riders were there?")
    assert a.status == "answered", a.text
    assert f" {riders.Rider.nunique()} rows" in a.text


def test_a_modifier_that_names_a_value_is_a_filter(riders):
    a = ask(riders, "how many vesta riders were there?")
    assert a.status == "answered", a.text
    assert str(int((riders.Team == "Vesta").sum())) in a.text
    assert "Vesta" in a.interpretation


def test_a_modifier_of_rows_the_question_names_describes_them(riders):
    a = ask(riders, "which senior rider had more points, Pim Gast or Bo Krag?")
    assert a.status == "answered", a.text
    assert a.value == "Pim Gast"


@pytest.mark.parametrize("question", ["how many royal woods are there?",
                                      "which royal woods have more than 100 acres?"])
def test_a_modifier_before_a_noun_read_in_some_names_is_refused(question):
    # "woods" is read as the cells ending in "Woods"; "royal" was read past
    sites = pd.DataFrame({"No.": [1, 2, 3, 4, 5, 6],
                          "Name": ["Hollow Wood", "Fern Copse", "Mill Woods", "Stone Copse",
                                   "Ridge Woods", "Ash Wood"],
                          "Acres": [120, 40, 85, 60, 200, 30]})
    a = ask(sites, question)
    assert a.status == "cannot_answer", (a.text, a.interpretation)
    assert "'royal'" in a.text
