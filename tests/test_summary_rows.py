"""A "Total" row whose numbers are the sum of the others is left out of rankings and
aggregates, and the answer says so; a "Total" that is not such a row is an ordinary row."""

from __future__ import annotations

import pandas as pd
import pytest

import nbdatachat
from nbdatachat.planner import AggregatePlan, Filter, LookupPlan, Measure
from nbdatachat.query import open_source
from nbdatachat.query.summary_rows import without_summary_rows


@pytest.fixture()
def medals() -> pd.DataFrame:
    rows = pd.DataFrame({"Team": ["Kestrels", "Pumas", "Orcas", "Ibis"],
                         "Wins": [12, 30, 7, 19], "Goals": [40.5, 71.0, 22.0, 55.25]})
    total = pd.DataFrame({"Team": ["Total"], "Wins": [rows.Wins.sum()],
                          "Goals": [rows.Goals.sum()]})
    return pd.concat([rows, total], ignore_index=True)


def test_summary_row_is_left_out_and_said(medals):
    src = open_source(medals, name="medals_total")
    assert [(r.column, r.value) for r in src.summary_rows] == [("Team", "Total")]
    a = nbdatachat.ask(medals, "which of the teams has the most wins")
    assert a.value == "Pumas"
    assert any("summary row" in n for n in a.notes)
    assert "Team is not Total" in a.interpretation
    b = nbdatachat.ask(medals, "average goals")
    real = medals[medals.Team != "Total"]
    assert b.value == pytest.approx(real.Goals.mean())


def test_a_question_about_the_total_row_keeps_it(medals):
    src = open_source(medals, name="medals_total2")
    plan = LookupPlan(columns=["Wins"], filters=[Filter("Team", "=", "Total")])
    same, notes = without_summary_rows(plan, src.summary_rows)
    assert same is plan and notes == []
    other = AggregatePlan(measures=[Measure("sum", "Wins")])
    changed, notes = without_summary_rows(other, src.summary_rows)
    assert changed.filters == [Filter("Team", "!=", "Total")] and notes


def test_a_total_that_is_not_the_sum_is_an_ordinary_row():
    df = pd.DataFrame({"Plan": ["Basic", "Total", "Plus"], "Price": [5.0, 30.0, 12.0]})
    assert open_source(df, name="plans_total").summary_rows == []
    a = nbdatachat.ask(df, "which plan has the highest price")
    assert a.value == "Total"


def test_an_all_row_over_more_groups_than_listed_is_left_out():
    # "All" counts every group; the table lists the larger ones only (the rest missing), and
    # one figure was copied a little off: its numbers are the sum or more, never the sum
    groups = pd.DataFrame({"Group": ["Reds", "Blues", "Greens", "Greys"],
                           "2019": [410, 220, 95, 60], "2021": [380, 260, 120, 41]})
    rest = groups[["2019", "2021"]].sum()
    everyone = pd.DataFrame({"Group": ["All"], "2019": [rest["2019"] + 70],
                             "2021": [int(rest["2021"] * 0.97)]})
    df = pd.concat([everyone, groups], ignore_index=True)
    src = open_source(df, name="groups_all")
    assert [(r.column, r.value) for r in src.summary_rows] == [("Group", "All")]
    assert "about the sum of the other rows, or more" in src.summary_rows[0].note()
    a = nbdatachat.ask(df, "which group had the highest 2019")
    assert a.value == "Reds"
    assert any("summary row" in n for n in a.notes)
    # A "Total" that is more than one and a half times the others is an ordinary row, and so
    # is one far below their sum.
    # A rate beside the counts is no sum and does not decide (its "All" is an average).
    rated = df.assign(**{"Share (%)": [100.0, 52.0, 28.0, 12.0, 8.0]})
    assert [r.value for r in open_source(rated, name="groups_all_rated").summary_rows] == ["All"]
    big = df.assign(**{"2019": [rest["2019"] * 2, 410, 220, 95, 60]})
    assert open_source(big, name="groups_all_big").summary_rows == []
    small = df.assign(**{"2021": [rest["2021"] // 2, 380, 260, 120, 41]})
    assert open_source(small, name="groups_all_small").summary_rows == []


def test_a_tie_for_the_top_is_said_not_hidden():
    df = pd.DataFrame({"Team": ["Kestrels", "Pumas", "Orcas", "Ibis"], "Wins": [12, 30, 30, 7]})
    a = nbdatachat.ask(df, "which of the teams has the most wins")
    assert sorted(a.value) == ["Orcas", "Pumas"]
    assert "tie for the highest" in a.text and "30" in a.text


def test_a_row_of_sums_named_by_no_summary_word_is_left_out():
    # hand-copied totals: 'Wins' is off by one, 'Losses' exact, 'Matches' off by 2
    rows = pd.DataFrame({"Opponent": ["Ash", "Birch", "Cedar", "Dogwood", "Elm", "Fir"],
                         "Wins": [13, 8, 13, 12, 8, 11], "Losses": [8, 15, 8, 3, 4, 4],
                         "Matches": [28, 29, 25, 17, 21, 19]})
    total = pd.DataFrame({"Opponent": ["6 opponents*"], "Wins": [rows.Wins.sum() + 1],
                          "Losses": [rows.Losses.sum()], "Matches": [rows.Matches.sum() - 2]})
    df = pd.concat([rows, total], ignore_index=True)
    src = open_source(df, name="unnamed_total")
    assert [(r.column, r.value) for r in src.summary_rows] == [("Opponent", "6 opponents*")]
    a = nbdatachat.ask(df, "how many of them had more than 25 matches?")
    assert a.value == int((rows.Matches > 25).sum())
    assert any("summary row" in n for n in a.notes)


def test_a_large_row_that_is_not_the_sum_of_the_others_stays():
    df = pd.DataFrame({"Country": ["A", "B", "C", "D", "E", "F", "G"],
                       "People": [900, 100, 120, 80, 60, 50, 40],
                       "Area": [300, 20, 30, 25, 10, 15, 12]})
    assert open_source(df, name="dominant_row").summary_rows == []


def test_the_blank_name_of_the_total_row_does_not_stop_a_count():
    df = pd.DataFrame({"Rank": ["1", "2", "3", "4", "5", "Total"],
                       "Nation": ["Norway", "Kenya", "Peru", "Chad", "Cuba", ""],
                       "Gold": [9, 7, 0, 4, 0, 20]})
    a = nbdatachat.ask(df, "how many nations got no gold medals?")
    assert a.status == "answered", a.text
    assert a.value == int((df.Gold.iloc[:-1] == 0).sum()) == 2
    # a second blank name is a row without a nation: still asked back
    two = df.copy()
    two.loc[2, "Nation"] = ""
    assert nbdatachat.ask(two, "how many nations got no gold medals?").status != "answered"


def test_a_sum_row_labelled_only_in_a_number_column_is_left_out():
    """"Total" in the Rank column (read as numbers, so the label is a blank) and no name:
    the one nameless row whose numbers are the sums is the summary row."""
    rows = pd.DataFrame({"Rank": [str(i) for i in range(1, 11)],
                         "Club": ["Wren", "Lark", "Kite", "Rook", "Teal", "Coot", "Smew",
                                  "Shag", "Ruff", "Knot"],
                         "Gold": [4, 3, 2, 2, 1, 1, 1, 0, 0, 0],
                         "Silver": [1, 2, 0, 3, 1, 0, 0, 2, 1, 0]})
    rows["Total"] = rows.Gold + rows.Silver
    total = pd.DataFrame({"Rank": ["Total"], "Club": [None], "Gold": [rows.Gold.sum()],
                          "Silver": [rows.Silver.sum()], "Total": [rows.Total.sum()]})
    df = pd.concat([rows, total], ignore_index=True)
    src = open_source(df, name="nameless_total")
    assert [(r.column, r.value) for r in src.summary_rows] == [("Club", None)]
    a = nbdatachat.ask(df, "how many of them have at least 2 gold and 1 silver?")
    assert a.value == int(((rows.Gold >= 2) & (rows.Silver >= 1)).sum())
    assert any("summary row with no Club" in n for n in a.notes)
    assert nbdatachat.ask(df, "what is the sum of gold?").value == rows.Gold.sum()
