""""The least attended match": a degree word before a participle that names a numeric column
by its verb (planner/participle_degree.py). Our own tables; expected rows read off them."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask

FIXTURES = pd.DataFrame({"Week": [1, 2, 3, 4, 5],
                         "Date": ["Sep 1", "Sep 8", "Sep 15", "Sep 22", "Sep 29"],
                         "Opponent": ["Reds", "Blues", "Greens", "Greys", "Whites"],
                         "Result": ["W 2-1", "L 0-1", "D 1-1", "W 3-0", "L 1-2"],
                         "Attendance": [45000, 38000, 51000, 40000, 47000]})
SITES = pd.DataFrame({"Site": ["Old Mill", "Tower", "Abbey"], "Visitors": [1200, 5400, 3100],
                      "Opened": [1901, 1950, 1875]})


def test_the_participle_names_the_column_ranked():
    a = ask(FIXTURES, "which side did they face in the least attended match?")
    assert a.status == "answered", a.text
    assert a.value == FIXTURES.loc[FIXTURES["Attendance"].idxmin(), "Opponent"] == "Blues"
    b = ask(FIXTURES, "which opponent played the best attended game?")
    assert b.value == "Greens"
    assert ask(SITES, "which site is the most visited?").value == "Tower"
    d = ask(FIXTURES, "what date had a game attended by the fewest fans?")
    assert d.status == "answered", d.text
    assert d.value == FIXTURES.loc[FIXTURES["Attendance"].idxmin(), "Date"] == "Sep 8"
    c = ask(FIXTURES, "give the date of the highest attended match")
    assert c.status == "answered", c.text
    assert c.value == "Sep 15"


def test_a_number_column_named_before_is_refused_not_misread():
    # read otherwise it answered the largest week number
    a = ask(FIXTURES, "what was the week of the most attended game?")
    assert a.status == "cannot_answer"
    assert "Attendance" in a.text


def test_a_participle_naming_no_column_or_a_short_stem_leaves_the_reading_as_it_was():
    for q in ("which site is the most admired?", "which site is the most used?"):
        assert ask(SITES, q).status != "answered"
