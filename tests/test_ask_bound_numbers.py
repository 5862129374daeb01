"""A number bound to the numeric column named right before it ("a weight of 31", "its age
as 7", "ring three") picks the rows holding that number; after a comparative ("below the
age of 5") the rows the comparison keeps. Numbers no such column holds stay a question back.
Small tables written here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def show() -> pd.DataFrame:
    return pd.DataFrame({"Ring": [1, 1, 2, 2, 3, 3, 4, 4],
                         "Dog": ["Biscuit", "Pepper", "Mango", "Ziggy", "Nutmeg", "Olive",
                                 "Rusty", "Tofu"],
                         "Breed": ["Beagle", "Boxer", "Collie", "Pug", "Boxer", "Beagle",
                                   "Collie", "Pug"],
                         "Age": [3, 7, 4, 2, 9, 5, 7, 6],
                         "Weight": [11.5, 31.0, 22.4, 8.1, 29.6, 12.2, 24.0, 7.7]})


@pytest.mark.parametrize("question", [
    "which dog has a weight of 31?",
    "which dog had its weight as 31?",
    "name the dog whose weight is 31.",
])
def test_a_column_linked_to_a_number_picks_the_rows_holding_it(show, question):
    a = ask(show, question)
    assert a.status == "answered", a.text
    assert a.value == show.loc[show.Weight == 31, "Dog"].item() == "Pepper"


def test_the_rows_holding_the_number_are_counted(show):
    a = ask(show, "how many dogs have an age of 7?")
    assert a.status == "answered", a.text
    assert a.value == int((show.Age == 7).sum()) == 2


def test_a_column_then_its_number_as_a_word(show):
    a = ask(show, "how many dogs were shown in ring three?")
    assert a.status == "answered", a.text
    assert a.value == int((show.Ring == 3).sum()) == 2
    b = ask(show, "which breed was shown in ring number four with a weight of 7.7?")
    assert b.status == "answered", b.text
    assert b.value == "Pug"


@pytest.mark.parametrize("question, kept", [
    ("how many dogs are below the age of 5?", lambda d: d.Age < 5),
    ("how many dogs were over a weight of 20?", lambda d: d.Weight > 20),
])
def test_a_comparative_before_the_column_compares(show, question, kept):
    a = ask(show, question)
    assert a.status == "answered", a.text
    assert a.value == int(kept(show).sum())


def test_a_number_no_column_holds_is_asked_back(show):
    a = ask(show, "which dog has a weight of 300?")
    assert a.status != "answered"
    assert "300" in a.text
    b = ask(show, "which dog was in ring twelve?")
    assert b.status != "answered"


@pytest.fixture(scope="module")
def releases() -> pd.DataFrame:
    return pd.DataFrame({"Released": ["1994", "March 1996", "1996", "June 12, 1998",
                                      "Fall 1998", "2001"],
                         "Title": ["Low Tide", "Paper Suns", "Quiet Ports", "Red Harbor",
                                   "Salt Roads", "Tin Lanterns"],
                         "Label": ["Northwind", "Northwind", "Estuary", "Estuary", "Kiln",
                                   "Kiln"]})


def test_a_year_in_a_text_column_of_times_picks_its_rows(releases):
    a = ask(releases, "how many discs came out in 1998?")
    assert a.status == "answered", a.text
    assert a.value == int(releases.Released.str.contains("1998").sum()) == 2


def test_a_verb_naming_the_time_column_is_part_of_the_year(releases):
    a = ask(releases, "how many titles were released in 1996?")
    assert a.status == "answered", a.text
    assert a.value == int(releases.Released.str.contains("1996").sum()) == 2


def test_a_year_no_text_column_holds_is_still_refused(releases):
    a = ask(releases, "how many discs came out in 1990?")
    assert a.status != "answered"
    assert "1990" in a.text
