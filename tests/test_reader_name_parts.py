"""A part of a person's name as a condition (planner/name_parts.py): "the last name X" keeps
the rows whose name ends with the word X, "the first name of X" those that start with it;
"first" / "last" there are not the order of the rows. A count is read only over a column
where no name repeats; a word no name holds in that place, or names in two columns, are
refused. Tables made up here."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def wardens() -> pd.DataFrame:
    return pd.DataFrame({
        "Warden": ["Ole Lund", "Per Lund", "Lund Haug", "Kari Strand", "Ole Vik (acting)",
                   "Nils Lund"],
        "Took office": [1901, 1907, 1913, 1920, 1926, 1931],
        "Party": ["Left", "Right", "Left", "Labour", "Right", "Labour"]})


@pytest.fixture(scope="module")
def terms() -> pd.DataFrame:  # one keeper served twice
    return pd.DataFrame({
        "Keeper": ["Ane Berg", "Tor Dahl", "Ane Berg", "Liv Berg", "Eli Moe"],
        "Year": [1950, 1954, 1958, 1962, 1966]})


def test_last_name_counted(wardens):
    a = ask(wardens, "how many wardens had the last name lund?")
    assert a.status == "answered", a.text
    ends = wardens.Warden.str.split().str[-1].str.lower() == "lund"
    assert a.value == int(ends.sum()) == 3  # not "Lund Haug"


def test_first_name_of(wardens):
    a = ask(wardens, "which party did the wardens with the first name of ole belong to?")
    assert a.status == "answered", a.text
    assert set(a.table["Party"]) == {"Left", "Right"}


def test_surname_listed(wardens):
    a = ask(wardens, "which party was the warden with the surname strand in?")
    assert a.status == "answered", a.text
    assert a.value == "Labour"


def test_last_name_still_the_last_row(wardens):
    a = ask(wardens, "which warden is the last name in this table?")
    assert a.status == "answered", a.text
    assert "Nils Lund" in a.text


def test_no_such_name_is_refused(wardens):
    a = ask(wardens, "how many wardens had the last name holm?")
    assert a.status != "answered"


def test_a_count_over_repeated_names_is_refused(terms):
    a = ask(terms, "how many keepers had the last name berg?")
    assert a.status != "answered"  # two people, three terms: not read
    a = ask(terms, "which years had a keeper with the last name berg?")
    assert a.status == "answered", a.text
    assert sorted(a.table["Year"]) == [1950, 1958, 1962]
    a = ask(terms, "what year did the keeper with the first name tor serve?")
    assert a.value == 1954
