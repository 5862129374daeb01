"""How long a row lasted when no word says what lasted but the table's one start column and
its end column do (issue 12, :func:`planner.how_long.pair_verb`): "how long did <row>
<verb>", "how long did <a name> <verb> to <row>", "how long was <row> <verb> before it was
<end>" -> the row's end minus its start; refused when the end is open, when the table has
two such pairs, and for a time up to now or the row's own time."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _ferries() -> pd.DataFrame:
    # an imaginary ferry line's ports: the year it began calling at each and stopped
    return pd.DataFrame({
        "Port": ["Lowhaven", "Grey Cove", "Marsh End", "Tallbridge"],
        "Region": ["North", "South", "North", "East"],
        "Launched": [1990, 1994, 2001, 2005],
        "Discontinued": ["1997", "2003", "present", "2011"],
    })


def _lamps() -> pd.DataFrame:
    # an imaginary maker's lamp models: the year each was brought out and withdrawn
    return pd.DataFrame({
        "Model": ["Glow", "Beam", "Flare"],
        "Finish": ["brass", "steel", "brass"],
        "Introduced": [1961, 1966, 1970],
        "Withdrawn": [1969, 1980, 1972],
    })


def _value(a):
    assert a.status == "answered", a.text
    return a.value


@pytest.mark.parametrize("q, want", [
    ("how long did the ferries call at Grey Cove?", 9),
    ("how long did Seawind sail to Tallbridge?", 6),
    ("how long did boats dock at Lowhaven?", 7),
])
def test_the_pair_of_columns_says_what_lasted(q, want):
    a = ask(_ferries(), q)
    assert _value(a) == want
    assert "Launched" in a.text and "Discontinued" in a.text


def test_a_verb_before_the_end_column_named():
    a = ask(_lamps(), "how long was the Beam lamp made before it was withdrawn?")
    assert _value(a) == 14


@pytest.mark.parametrize("q", [
    # the end is still open: today is never assumed
    "how long did Seawind sail to Marsh End?",
    # a time up to now
    "how long has Seawind sailed to Grey Cove since it began?",
    # the row's own time, not a term
    "how long did it take Seawind to reach Grey Cove?",
    # no row named
    "how long did Seawind sail?",
])
def test_what_the_pair_does_not_settle_is_refused(q):
    assert ask(_ferries(), q).status != "answered"


def test_two_pairs_are_not_chosen_between():
    d = _ferries().assign(Opened=[1980, 1985, 1999, 2000], Closed=[2000, 2010, 2012, 2015])
    assert ask(d, "how long did Seawind sail to Grey Cove?").status != "answered"


def test_a_name_no_cell_holds_over_a_table_of_people_is_not_read():
    d = pd.DataFrame({"Name": ["Ada Moss", "Ben Tull"], "Club": ["Reds", "Blues"],
                      "Joined": [1990, 1995], "Left": [1998, 2001]})
    assert ask(d, "how long did Carl Voss coach Reds?").status != "answered"


def _bridges() -> pd.DataFrame:
    # imaginary bridges: the years each carried traffic, as one span of years
    return pd.DataFrame({
        "Bridge": ["Elm Crossing", "Stone Arch", "Iron Span"],
        "River": ["Wend", "Lusk", "Wend"],
        "In use": ["1901–1950", "1923–1961", "1948–"],
    })


def test_one_column_of_spans_says_what_lasted():
    a = ask(_bridges(), "how long did carts cross Stone Arch?")
    assert _value(a) == 38
    assert "In use" in a.text


def test_a_span_still_open_or_a_second_column_of_spans_is_refused():
    assert ask(_bridges(), "how long did carts cross Iron Span?").status != "answered"
    d = _bridges().assign(Painted=["1905–1910", "1930–1933", "1950–1955"])
    assert ask(d, "how long did carts cross Stone Arch?").status != "answered"


def test_a_verb_with_an_object_is_not_read():
    # "ring the old bell": a verb and its object, which the reading does not take
    assert ask(_ferries(), "how long did Grey Cove ring the old bell?").status != "answered"


def test_a_state_after_in_or_on_is_what_lasted():
    assert _value(ask(_ferries(), "how long was Tallbridge on the timetable?")) == 6
