"""'The most' of nothing named (planner/implied_count.py): the value held by the most rows,
counted over the rows a value word picks ("shortlisted the most") or over the column the
noun names ("host the most times"). 'The least' and a column whose
values hardly repeat keep the "of what?" question. Tables written here; expected values
computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def fair() -> pd.DataFrame:
    return pd.DataFrame({
        "Edition": [1, 2, 3, 4, 5, 6, 7],
        "Host": ["Lund", "Graz", "Lund", "Bern", "Lund", "Graz", "Bern"],
        "Exhibit": ["Kites", "Clocks", "Kites", "Lamps", "Clocks", "Clocks", "Kites"],
        "Verdict": ["Shortlisted", "Winner", "Shortlisted", "Shortlisted", "Winner",
                    "Shortlisted", "Shortlisted"]})


def test_rows_holding_a_value_counted_per_group(fair):
    a = ask(fair, "which exhibit was shortlisted the most?")
    assert a.status == "answered", a.text
    counts = fair[fair["Verdict"] == "Shortlisted"]["Exhibit"].value_counts()
    assert counts.index[0] == a.value == "Kites" and counts.iloc[0] == 3


def test_the_column_named_its_commonest_value(fair):
    a = ask(fair, "which city was the host the most times?")
    assert a.status == "answered", a.text
    assert a.value == fair["Host"].value_counts().index[0] == "Lund"


def test_the_least_is_still_asked(fair):
    a = ask(fair, "which exhibit was shortlisted the least?")
    assert a.status != "answered"
    assert "of what?" in a.text


def test_values_that_do_not_repeat_are_not_counted():
    df = pd.DataFrame({"Edition": [1, 2, 3, 4],
                       "Host": ["Lund", "Graz", "Bern", "Oslo"],
                       "Verdict": ["Winner", "Shortlisted", "Winner", "Winner"]})
    a = ask(df, "which city was the host the most times?")
    assert a.status != "answered"


@pytest.fixture(scope="module")
def matches() -> pd.DataFrame:
    return pd.DataFrame({
        "Match": [1, 2, 3, 4, 5, 6, 7],
        "Ground": ["Oval", "Park", "Oval", "Dell", "Oval", "Park", "Park"],
        "Runs": [200, 310, 150, 220, 180, 260, 240]})


def test_a_verb_of_occurrence_counts_rows_both_ways(matches):
    a = ask(matches, "which ground was played at the least?")
    assert a.status == "answered", a.text
    counts = matches["Ground"].value_counts()
    assert a.value == counts.idxmin() == "Dell"
    b = ask(matches, "which ground was played at the most?")
    assert b.status == "answered", b.text
    assert sorted(b.value) == sorted(counts[counts == counts.max()].index) == ["Oval", "Park"]


def test_a_verb_of_amount_is_not_a_count(matches):
    a = ask(matches, "which ground scored the least?")
    assert a.status != "answered"


def test_where_the_rows_are_counted_is_read(fair):
    counts = fair["Host"].value_counts()
    for q in ("which host appears the most according to the list?",
              "which host appears in the list the most?"):
        a = ask(fair, q)
        assert a.status == "answered", (q, a.text)
        assert a.value == counts.index[0] == "Lund"
    a = ask(fair, "which host appears the most on the list in 2005?")
    assert a.status != "answered"
