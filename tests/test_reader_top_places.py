"""A standing that leaves its top places blank (data/top_places.py): the rank column is
empty in the first one to three rows and reads k + 1, k + 2 ... after them, so those rows are
places 1 .. k in table order ("which runner won" is the first row). Anything else
(more than three empty rows, a next number that is not k + 1, numbers that go down, a column
not named for places) stays empty, and the answer says what was read. "The top N" over such
a standing with unplaced rows after the last place leaves those rows out
(planner/rank_threshold.py); a blank between places is refused. Tables made up here."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask
from nbdatachat.data.text_values import parse_text_columns
from nbdatachat.data.top_places import blank_top


@pytest.fixture(scope="module")
def sprint() -> pd.DataFrame:
    # every cell text, as a scraped results table: the medal rows have no rank
    return pd.DataFrame({
        "Rank": [None, None, None, "4", "5", "6", "7", None],
        "Runner": ["Oda Lind", "Pia Horn", "Rut Vale", "Sif Dahl", "Tea Moor", "Ulla Berg",
                   "Vera Holt", "Wenke Aas"],
        "Club": ["Fjord AC", "Moss IL", "Fjord AC", "Lier SK", "Moss IL", "Lier SK",
                 "Fjord AC", "Moss IL"],
        "Time": ["11.02", "11.10", "11.15", "11.21", "11.30", "11.42", "11.50", "DNF"]})


def test_first_place_is_the_first_row(sprint):
    a = ask(sprint, "which runner came in first place?")
    assert a.status == "answered", a.text
    assert list(a.table["Runner"]) == [sprint.Runner[0]] == ["Oda Lind"]
    assert any("read as places 1 to 3" in n for n in a.notes), a.notes


def test_third_place_and_a_counted_top(sprint):
    a = ask(sprint, "which runner took third place?")
    assert a.status == "answered", a.text
    assert list(a.table["Runner"]) == ["Rut Vale"]
    a = ask(sprint, "how many runners from fjord ac came in first place?")
    assert a.status == "answered", a.text
    assert a.value == 1


def test_empty_rows_further_down_stay_empty(sprint):
    frame, reports = parse_text_columns(sprint)
    assert list(frame["Rank"][:7]) == [1, 2, 3, 4, 5, 6, 7]
    assert pd.isna(frame["Rank"].iloc[7])
    (rep,) = [r for r in reports if r.column == "Rank"]
    assert rep.top_places == 3 and rep.from_text


def test_a_numeric_column_is_filled_too():
    frame = pd.DataFrame({"Place": [None, 2.0, 3.0, 3.0, 5.0], "Crew": list("ABCDE")})
    out, reports = parse_text_columns(frame)
    assert list(out["Place"]) == [1, 2, 3, 3, 5]
    (rep,) = reports
    assert not rep.from_text and rep.note().startswith("the first row")
    assert pd.isna(frame["Place"][0])  # the caller's frame is never changed


@pytest.mark.parametrize("values", [
    [None, None, None, None, 5, 6],  # four empty rows: not medal rows
    [None, None, 4, 5, 6],  # the next number is not the place after the empty rows
    [None, 2, 4, 3, 5],  # the numbers go down
    [None, 2.5, 3, 4],  # not whole places
    [None, 2],  # one number after the empty row says too little
    [1, None, 3, 4],  # nothing empty at the top
])
def test_not_a_standing_with_empty_top_places(values):
    assert blank_top([float("nan") if v is None else v for v in values]) == 0


def test_a_column_not_named_for_places_is_left_alone():
    frame = pd.DataFrame({"Lane": [None, None, "3", "4", "5"], "Crew": list("ABCDE")})
    out, _reports = parse_text_columns(frame)
    assert out["Lane"].isna().sum() == 2


def test_still_refused_without_places():
    frame = pd.DataFrame({"Rank": [None, None, None, None, "5", "6"],
                          "Runner": ["Ann", "Bo", "Cy", "Di", "Ed", "Flo"]})
    a = ask(frame, "which runner came in first place?")
    assert a.status != "answered"


@pytest.fixture(scope="module")
def relay() -> pd.DataFrame:
    # places 1-2 are medals (blank), then 3 ... 6; the last team did not finish (no place)
    return pd.DataFrame({
        "Place": [None, None, "3", "4", "5", "6", "—"],
        "Team": ["Aurora", "Borealis", "Cirrus", "Delta", "Ember", "Fjell", "Geyser"],
        "Nation": ["Norway", "Sweden", "Norway", "Finland", "Norway", "Sweden", "Finland"],
        "Time": ["3:01", "3:02", "3:04", "3:05", "3:07", "3:08", "DNF"]})


def test_top_n_leaves_out_the_unplaced_rows(relay):
    a = ask(relay, "how many teams from norway finished in the top 4?")
    assert a.status == "answered", a.text
    assert a.value == 2  # Aurora (1) and Cirrus (3)
    a = ask(relay, "how many teams from finland finished in the top 6?")
    assert a.value == 1  # Geyser has no place


def test_top_n_over_blank_places_in_the_middle_is_refused():
    # a blank between places (a tie written blank?): the top 3 is not read
    tied = pd.DataFrame({"Place": ["1", "2", None, "4", "5"],
                         "Team": ["Aurora", "Borealis", "Cirrus", "Delta", "Ember"],
                         "Nation": ["Norway", "Sweden", "Norway", "Finland", "Norway"]})
    assert ask(tied, "how many teams from norway finished in the top 3?").status != "answered"
