"""A season written as two years in the question ("2016-17", "2016-2017", "2016/17") is the
cell of the table's column of seasons naming the same years, however that cell writes them
("2016–17" with an en dash) - planner/seasons.py. A span that no cell names stays a range;
two different cells naming the same season are not guessed between. Our own tables."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask

LEAGUE = pd.DataFrame({"Season": ["2014–15", "2015–16", "2016–17", "2017–18", "2018–19"],
                       "Side": ["Kestrels", "Kestrels", "Harriers", "Harriers", "Owls"],
                       "Points": ["41", "38", "55", "47", "60"]})


def cell(a):
    assert a.status == "answered", a.text
    return a.table.iloc[0, -1]


def test_a_season_with_a_hyphen_reads_the_en_dash_cell():
    assert float(cell(ask(LEAGUE, "how many points were earned in 2016-17?"))) == 55


def test_a_season_with_both_years_in_full_or_a_slash():
    assert float(cell(ask(LEAGUE, "what were the points in 2017-2018?"))) == 47
    assert cell(ask(LEAGUE, "which side played in 2015/16?")) == "Kestrels"


def test_the_season_after_a_named_season():
    a = ask(LEAGUE, "which side played in the season after 2016-17?")
    assert a.status == "answered", a.text
    assert a.table["Side"].iloc[0] == "Harriers"


def test_a_season_no_cell_names_is_not_taken():
    a = ask(LEAGUE, "how many points were earned in 2020-21?")
    assert a.status != "answered", a.text


def test_two_cells_naming_one_season_are_not_guessed_between():
    t = pd.DataFrame({"Season": ["2014–15", "2015–16", "2016–17"],
                      "Previous": ["2013/14", "2014/15", "2015/16"],
                      "Points": ["41", "38", "55"]})
    a = ask(t, "how many points were earned in 2015-16?")
    assert a.status != "answered", a.text
