"""How often a value occurs: "which venues were used at least three times", "how many
winners won more than once", "which winners won in oslo more than once". Read as the values
of one column occurring within the bounds the phrase gives (a ``duplicates`` set plan).
Small tables written here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask
from nbdatachat.planner import QuestionReader
from nbdatachat.query import open_source


@pytest.fixture(scope="module")
def finals() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": list(range(2001, 2011)),
        "Winner": ["Ann", "Bob", "Ann", "Cy", "Bob", "Ann", "Dee", "Eve", "Bob", "Fay"],
        "Venue": ["Oslo", "Rome", "Oslo", "Lima", "Oslo", "Rome", "Lima", "Oslo", "Rome",
                  "Kiev"]})


def _often(df: pd.DataFrame, col: str, lo: int, hi: int | None = None) -> list[str]:
    n = df[col].value_counts()
    keep = n[(n >= lo) & ((n <= hi) if hi is not None else True)]
    return sorted(keep.index)


@pytest.mark.parametrize("question,lo,hi", [
    ("which venues were used at least three times?", 3, None),
    ("which venues were used more than once?", 2, None),
    ("which venues were used more than 3 times?", 4, None),
    ("which venues were used exactly twice?", 2, 2),
    ("which venues were used only once?", 1, 1),
    ("which venues were used two or more times?", 2, None),
])
def test_the_values_within_the_bounds(finals, question, lo, hi):
    a = ask(finals, question)
    assert a.status == "answered", a.text
    assert sorted(a.value) == _often(finals, "Venue", lo, hi)


def test_how_many_counts_the_values(finals):
    a = ask(finals, "how many winners won at least twice?")
    assert a.status == "answered", a.text
    assert a.value == len(_often(finals, "Winner", 2)) == 2
    assert "Ann (3)" in a.text


def test_the_rest_of_the_question_picks_the_rows(finals):
    a = ask(finals, "which winners won in oslo more than once?")
    assert a.status == "answered", a.text
    assert a.value == _often(finals[finals.Venue == "Oslo"], "Winner", 2) == ["Ann"]


def test_none_within_the_bounds_is_said(finals):
    a = ask(finals, "how many venues were used at least five times?")
    assert a.status == "answered", a.text
    assert a.value == len(_often(finals, "Venue", 5)) == 0


def test_the_plan_round_trips_and_bad_bounds_are_refused(finals):
    schema = open_source(finals).schema
    res = QuestionReader().plan("which venues were used at least three times?", schema)
    d = res.plan.to_dict()
    assert d["kind"] == "set" and d["min_count"] == 3 and "max_count" not in d
    from nbdatachat.errors import InvalidRequest
    from nbdatachat.query import validate_plan
    bad = res.plan.copy(min_count=3, max_count=2)
    with pytest.raises(InvalidRequest, match="max_count"):
        validate_plan(bad, schema)


def test_a_ranking_is_not_a_frequency(finals):
    # "the most" ranks; the phrase of frequency does not apply to a ranked reading
    a = ask(finals, "which venue was used the most times?")
    assert getattr(a.plan, "kind", None) != "set", a.interpretation
    if a.status == "answered":
        assert a.value == finals.Venue.value_counts().idxmax() == "Oslo"


def test_one_example_asked_is_not_answered_with_all(finals):
    a = ask(finals, "name a venue used at least three times.")
    assert not (a.status == "answered" and isinstance(a.value, list) and len(a.value) > 1)


def test_who_with_the_column_a_verb_names(finals):
    # "who won": the Winner column, with no other condition
    a = ask(finals, "who won more than once?")
    assert a.status == "answered", a.text
    assert sorted(a.value) == _often(finals, "Winner", 2)
    a = ask(finals, "who won only once?")
    assert a.status == "answered", a.text
    assert sorted(a.value) == _often(finals, "Winner", 1, 1)
    a = ask(finals, "which venues were used more than twice?")
    assert sorted(a.value) == _often(finals, "Venue", 3)
