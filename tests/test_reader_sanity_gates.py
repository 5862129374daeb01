"""Two sanity gates of plan_sanity (issue 12): "the best / worst / top season" ranks a
column of years by its own value (the largest year is not the best season), so it is
asked back while "the most recent season" and "the season with the highest salary" are
answered; and "which <noun>", the noun read past, answered from a column of ranks ("#4"
is no club) is refused. Small tables written here; expected values computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask
from nbdatachat.planner.constituents import Incomplete
from nbdatachat.planner.plan import RowsPlan
from nbdatachat.planner.plan_sanity import check_plan_sanity
from nbdatachat.planner.reader import read
from nbdatachat.query.source import open_source


def _pay() -> pd.DataFrame:
    return pd.DataFrame({"Season": [2014, 2015, 2016, 2017, 2018],
                         "Club": ["Owls", "Larks", "Rooks", "Wrens", "Kites"],
                         "Salary": [1.2, 3.4, 2.2, 5.1, 0.9]})


@pytest.mark.parametrize("question", ["what was the best paid season?",
                                      "which was the worst season?",
                                      "what was the top season?"])
def test_a_quality_of_a_year_column_is_asked_back(question):
    a = ask(_pay(), question)
    assert a.status != "answered", (a.text, a.value)


def test_a_place_in_time_is_answered():
    t = _pay()
    a = ask(t, "what was the most recent season?")
    assert a.status == "answered", a.text
    assert a.value == t["Season"].max()


def test_a_season_ranked_by_another_column_is_answered():
    t = _pay()
    a = ask(t, "which season had the highest salary?")
    assert a.status == "answered", a.text
    assert a.value == t.loc[t["Salary"].idxmax(), "Season"] == 2017


def test_a_rank_is_no_name():
    t = pd.DataFrame({"Rank": ["#1", "#2", "#3", "#4", "#5"],
                      "Points": [88, 80, 71, 70, 64]})
    s = open_source(t).schema
    r = read("which club has the fewest points?", s)
    r.ignored.append("club")  # as the reader leaves a noun no column holds
    plan = RowsPlan(columns=["Rank", "Points"], order_by="Points", descending=False, limit=1)
    with pytest.raises(Incomplete, match="a place in a ranking"):
        check_plan_sanity(r, s, plan)


def test_a_column_of_places_by_name_is_no_rank():
    # "Place" holding towns names the rows: the gate leaves it
    t = pd.DataFrame({"Place": ["Lowick", "Ambry", "Dunmere", "Carrow", "Eskby"],
                      "Floods": [0, 2, 0, 5, 1]})
    s = open_source(t).schema
    r = read("which towns had no floods?", s)
    r.ignored.append("towns")
    check_plan_sanity(r, s, RowsPlan(columns=["Place"]))
