"""The column a threshold compares, named with a noun beside it
(planner/threshold_nouns.py): a column then a noun of quantity ("enrolment numbers above
3,500", "a height mark below 10", "a pass rate above 75%"), and a number of people over
the table's one crowd column ("over 19,500 spectators", "at least 9,000 fans in
attendance"). A noun that names a column of its own, a column named only in part, a rate
over counts, a table with two crowd columns and a number far above the crowd stay refused.
Tables written here; expected values computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def colleges() -> pd.DataFrame:
    return pd.DataFrame({
        "College": ["Ash Vale", "Birch Hill", "Cedar Bay", "Dune Point", "Elm Ford"],
        "Enrolment": [2300, 4150, 3980, 5020, 1200],
        "Pass (%)": [58.5, 91.2, 74.0, 62.3, 95.5],
        "Wins": [12, 3, 7, 9, 4],
        "Grade": [7.5, 9.1, 8.2, 6.4, 9.8],
        "Size ratio": [1.1, 0.8, 1.4, 0.9, 1.0],
        "Size": [10, 20, 30, 40, 50]})


@pytest.fixture(scope="module")
def fixtures() -> pd.DataFrame:
    return pd.DataFrame({
        "Round": [1, 2, 3, 4, 5, 6],
        "Opponent": ["Otters", "Badgers", "Stoats", "Voles", "Hares", "Moles"],
        "Venue": ["Riverside", "Hill Park", "Riverside", "Dockyard", "Hill Park", "Dockyard"],
        "Attendance": [12040, 19880, 8310, 21020, 17760, 9900]})


def _names(a) -> list:
    return sorted(a.value) if isinstance(a.value, list) else [a.value]


def test_a_column_then_numbers(colleges):
    a = ask(colleges, "which colleges have enrolment numbers above 3,500?")
    assert a.status == "answered", a.text
    assert _names(a) == sorted(colleges.loc[colleges.Enrolment > 3500, "College"]) == \
        ["Birch Hill", "Cedar Bay", "Dune Point"]


def test_a_column_then_a_mark_or_scores(colleges):
    a = ask(colleges, "how many colleges received a grade mark below 8?")
    assert a.status == "answered", a.text
    assert a.value == int((colleges.Grade < 8).sum()) == 2
    b = ask(colleges, "how many grade scores were at least 9?")
    assert b.status == "answered", b.text
    assert b.value == int((colleges.Grade >= 9).sum()) == 2


def test_a_rate_over_a_column_of_shares(colleges):
    shares = colleges.drop(columns=["Grade"])
    a = ask(shares, "how many colleges have a pass rate above 75%?")
    assert a.status == "answered", a.text
    assert a.value == int((colleges["Pass (%)"] > 75).sum()) == 2


def test_a_rate_over_counts_is_refused(colleges):
    a = ask(colleges.drop(columns=["Grade"]), "how many colleges have a wins rate above 5?")
    assert a.status != "answered"


def test_a_column_named_in_part_is_refused():
    lenses = pd.DataFrame({"Lens": ["L1", "L2", "L3", "L4"],
                           "Grid factor": [1.0, 1.5, 1.6, 2.0],
                           "Weight": [300, 410, 250, 520]})
    a = ask(lenses, "how many lenses have a grid number below 1.55?")
    assert a.status != "answered"
    b = ask(lenses, "how many lenses have a grid factor number below 1.55?")
    assert b.status == "answered", b.text
    assert b.value == int((lenses["Grid factor"] < 1.55).sum()) == 2


def test_a_crowd_of_people(fixtures):
    a = ask(fixtures, "how many opponents had over 19,500 spectators?")
    assert a.status == "answered", a.text
    assert a.value == int((fixtures.Attendance > 19500).sum()) == 2
    b = ask(fixtures, "which opponent had at least 17,000 fans in attendance?")
    assert b.status == "answered", b.text
    assert _names(b) == sorted(fixtures.loc[fixtures.Attendance >= 17000, "Opponent"])
    c = ask(fixtures, "how many rounds were attended by fewer than 10,000 people?")
    assert c.status == "answered", c.text
    assert c.value == int((fixtures.Attendance < 10000).sum()) == 2


def test_a_crowd_far_above_the_column_is_refused(fixtures):
    a = ask(fixtures, "how many opponents had over 5,000,000 people?")
    assert a.status != "answered"


def test_two_crowd_columns_are_refused(fixtures):
    two = fixtures.assign(**{"Away attendance": [300, 410, 120, 800, 95, 60]})
    a = ask(two, "how many opponents had over 19,500 spectators?")
    assert a.status != "answered"


def test_the_second_bound_of_a_pair_said_once(colleges):
    a = ask(colleges, "how many colleges had an enrolment above 2,000 but below 4,000?")
    assert a.status == "answered", a.text
    assert a.value == int(((colleges.Enrolment > 2000) & (colleges.Enrolment < 4000)).sum()) \
        == 2
    b = ask(colleges, "which colleges have a grade of at least 7 but less than 9?")
    assert b.status == "answered", b.text
    assert _names(b) == sorted(colleges.loc[(colleges.Grade >= 7) & (colleges.Grade < 9),
                                            "College"])


def test_two_bounds_on_one_side_are_refused(colleges):
    a = ask(colleges, "how many colleges had an enrolment above 2,000 but above 4,000?")
    assert a.status != "answered"
