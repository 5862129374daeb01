""""In the top N" with a column of places: the rows whose place is N or better (ties on
the Nth place included), on a numeric column or a text column of ordinals; cells that are
not places ("DNF") are left out and said; negations, unknown row nouns and blank places
keep the other readings. Small tables written here; expected values computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def sprint() -> pd.DataFrame:
    # a standing not listed in order of place, with a tie for 4th
    return pd.DataFrame({
        "Place": [3, 1, 4, 2, 6, 4, 7, 8],
        "Runner": ["Ilse Varn", "Oda Brek", "Tam Quist", "Rhea Lund", "Moe Saari",
                   "Kit Dahl", "Pia Holm", "Gus Ravn"],
        "Club": ["Falcons", "Otters", "Falcons", "Otters", "Falcons", "Herons", "Herons",
                 "Falcons"],
        "Time": [11.02, 10.91, 11.10, 10.98, 11.25, 11.10, 11.31, 11.40]})


def test_rows_placed_n_or_better_are_counted(sprint):
    a = ask(sprint, "how many runners from the falcons club finished in the top 4?")
    assert a.status == "answered", a.text
    assert a.value == int(((sprint.Place <= 4) & (sprint.Club == "Falcons")).sum()) == 2


def test_a_tie_on_the_nth_place_is_inside(sprint):
    a = ask(sprint, "how many runners were in the top four?")
    assert a.status == "answered", a.text
    assert a.value == int((sprint.Place <= 4).sum()) == 5


def test_the_rows_of_the_top_n_are_named(sprint):
    a = ask(sprint, "which runner from the herons club placed in the top 5?")
    assert a.status == "answered", a.text
    assert a.value == "Kit Dahl"


@pytest.fixture(scope="module")
def seasons() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [2001, 2002, 2003, 2004, 2005, 2006, 2007],
        "Event": ["Coast Cup", "Valley Open", "Coast Cup", "Hill Trophy", "Valley Open",
                  "Coast Cup", "Hill Trophy"],
        "Result": ["2nd", "DNF", "5th", "1st", "9th", "3rd", "DNF"]})


def test_a_text_column_of_ordinals_and_cells_that_are_not_places(seasons):
    a = ask(seasons, "in how many years was her result in the top three?")
    assert a.status == "answered", a.text
    assert a.value == int(seasons.Result.isin(["1st", "2nd", "3rd"]).sum()) == 3
    assert any("DNF is not a place" in n for n in a.notes), a.notes
    a = ask(seasons, "which years did she place in the top 2?")
    assert a.status == "answered", a.text
    assert sorted(a.table.iloc[:, 0]) == [2001, 2004]


def test_a_negated_top_n_is_left_unread(sprint):
    a = ask(sprint, "how many runners did not finish in the top 3?")
    assert a.status != "answered" or a.value == int((sprint.Place > 3).sum())


def test_an_unknown_noun_before_the_top_n_keeps_the_refusal(sprint):
    # "veterans" names nothing in the data: counting every runner would answer another question
    a = ask(sprint, "how many veterans were in the top 5?")
    assert a.status != "answered"


def test_two_columns_of_places_are_asked_about():
    df = pd.DataFrame({"Heat place": [1, 2, 3, 1, 2], "Final place": [2, 5, 1, 3, 4],
                       "Runner": ["Ana", "Ben", "Cai", "Dot", "Eli"]})
    a = ask(df, "how many runners were in the top 3?")
    assert a.status != "answered"
    assert "Heat place" in a.text and "Final place" in a.text


def test_blank_places_keep_the_first_rows_of_the_standing():
    # the medal places are not numbered (blank); the standing is listed in order
    df = pd.DataFrame({"Rank": [None, None, None, 4, 5, 6],
                       "Runner": ["Ana", "Ben", "Cai", "Dot", "Eli", "Fay"],
                       "Club": ["Otters", "Herons", "Otters", "Otters", "Herons", "Otters"]})
    a = ask(df, "how many runners from the otters club ranked in the top 4?")
    assert a.status != "answered" or a.value == 3


@pytest.fixture(scope="module")
def medals() -> pd.DataFrame:
    return pd.DataFrame({"Rank": [1, 2, 3, 4, 5, 6],
                         "Nation": ["Aland", "Borvia", "Cymra", "Delt", "Eskar", "Fenn"],
                         "Gold": [9, 5, 4, 3, 1, 0]})


def test_one_number_over_the_top_n_rows_by_place(medals):
    a = ask(medals, "what is the mean gold count of the top 3 nations?")
    assert a.status == "answered", a.text
    assert a.value == pytest.approx(medals[medals.Rank <= 3].Gold.mean())
    a = ask(medals, "what is the total gold of the top 4?")
    assert a.status == "answered", a.text
    assert a.value == int(medals[medals.Rank <= 4].Gold.sum()) == 21


def test_the_top_n_over_shared_places_is_not_read_as_places(medals):
    # two nations share 2nd: "the top 3 nations" is not three rows
    tied = medals.assign(Rank=[1, 2, 2, 4, 5, 6])
    a = ask(tied, "what is the total gold of the top 3 nations?")
    assert a.status != "answered", a.text


def test_the_unqualified_column_of_places_is_the_standing():
    # "Grid pos." is where each started; "Pos." is the result
    df = pd.DataFrame({"Pos.": [1, 2, 3, 4, 5], "Grid pos.": [4, 1, 5, 2, 3],
                       "Driver": ["Ana", "Ben", "Cai", "Dot", "Eli"],
                       "Maker": ["Volt", "Arc", "Volt", "Volt", "Arc"]})
    a = ask(df, "how many drivers with a volt maker ended in the top 3?")
    assert a.status == "answered", a.text
    assert a.value == int(((df["Pos."] <= 3) & (df.Maker == "Volt")).sum()) == 2


@pytest.fixture(scope="module")
def singles() -> pd.DataFrame:
    # blank chart positions: the record never charted there
    return pd.DataFrame({
        "Year": [1990, 1990, 1991, 1992, 1992, 1993],
        "Title": ["Paper Kite", "Low Tide", "Glass Road", "Amber", "Nightjar", "Salt"],
        "Peak chart position\nNL": [4, None, 12, 1, None, 9],
        "Peak chart position\nNL Dance": [2, 7, None, 3, 15, None],
        "Peak chart position\nBE": [None, 22, 8, 2, 30, 11]})


def test_blank_chart_positions_are_not_in_the_top_n(singles):
    a = ask(singles, "how many titles reached the top 10 in the be charts?")
    assert a.status == "answered", a.text
    col = "Peak chart position\nBE"
    assert a.value == int((singles[col] <= 10).sum()) == 2
    assert any("not counted" in n for n in a.notes), a.notes


def test_the_chart_the_question_names_beside_a_qualified_one(singles):
    # "nl charts": the NL column, not "NL Dance" (its extra word is not said)
    a = ask(singles, "how many titles got into the top 10 on the nl charts?")
    assert a.status == "answered", a.text
    assert a.value == int((singles["Peak chart position\nNL"] <= 10).sum()) == 3
    a = ask(singles, "how many titles got into the top 10 on the nl dance charts?")
    assert a.status == "answered", a.text
    assert a.value == int((singles["Peak chart position\nNL Dance"] <= 10).sum()) == 3
