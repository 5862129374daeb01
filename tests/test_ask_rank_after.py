""""After X" beside a superlative: the row ranked just past X by the superlative's measure
(the highest value below X's, the lowest above it for a "lowest"), whatever the table's
order; ties with X or on the next value are said, and other shapes refused. Small tables
written here; expected values computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def fleets() -> pd.DataFrame:
    # rows deliberately not in order of any measure
    return pd.DataFrame({
        "Harbour": ["Quillon", "Marest", "Tobrey", "Ashgate", "Denlow", "Perrick"],
        "Boats": [14, 31, 9, 22, 5, 17],
        "Crew size": [120, 260, 75, 190, 40, 150],
        "Founded": [1820, 1755, 1901, 1790, 1930, 1866]})


def _just_below(df: pd.DataFrame, by: str, name: str, col: str = "Harbour"):
    v = df.loc[df[col] == name, by].iloc[0]
    rest = df[df[by] < v]
    return rest.loc[rest[by].idxmax(), col]


def _just_above(df: pd.DataFrame, by: str, name: str, col: str = "Harbour"):
    v = df.loc[df[col] == name, by].iloc[0]
    rest = df[df[by] > v]
    return rest.loc[rest[by].idxmin(), col]


@pytest.mark.parametrize("question, name", [
    ("after marest, which harbour has the next highest boats?", "Marest"),
    ("which harbour has the most boats after ashgate?", "Ashgate"),
    ("which harbour has the most boats after marest?", "Marest"),
    ("what harbour comes after quillon with the most boats?", "Quillon"),
    ("next to marest, which harbour has the largest number of boats?", "Marest"),
])
def test_the_row_just_below_the_named_one(fleets, question, name):
    a = ask(fleets, question)
    assert a.status == "answered", a.text
    assert a.value == _just_below(fleets, "Boats", name)


def test_not_the_next_row_of_the_table(fleets):
    # Marest follows Quillon in the table; by crew size Tobrey (75) follows Quillon (120)
    a = ask(fleets, "after quillon, which harbour has the largest crew size?")
    assert a.status == "answered", a.text
    assert a.value == _just_below(fleets, "Crew size", "Quillon") == "Tobrey"


def test_a_lowest_continues_upwards(fleets):
    a = ask(fleets, "which harbour has the fewest boats after tobrey?")
    assert a.status == "answered", a.text
    assert a.value == _just_above(fleets, "Boats", "Tobrey") == "Quillon"


def test_the_value_itself_when_the_measure_is_asked(fleets):
    a = ask(fleets, "what is the largest crew size after ashgate?")
    assert a.status == "answered", a.text
    assert a.value == 150
    a = ask(fleets, "what is the next highest crew size after marest?")
    assert a.status == "answered", a.text
    assert a.value == 190


def test_next_after_a_row_inside_the_ranking_is_asked_back(fleets):
    # "the next highest after X" with rows above X: just above X or just below it?
    a = ask(fleets, "after ashgate, which harbour has the next highest boats?")
    assert a.status != "answered"
    assert "second highest" in a.text


def test_a_row_tied_with_the_named_one_is_said():
    df = pd.DataFrame({"Club": ["Aster", "Briar", "Cobalt", "Dune"],
                       "Titles": [12, 7, 7, 3]})
    a = ask(df, "which club has the most titles after briar?")
    assert a.status != "answered"
    assert "Cobalt" in a.text and "7" in a.text


def test_rows_tied_on_the_next_value_are_said():
    df = pd.DataFrame({"Club": ["Aster", "Briar", "Cobalt", "Dune"],
                       "Titles": [12, 4, 7, 7]})
    a = ask(df, "after aster, which club has the most titles?")
    assert a.status != "answered"
    assert "Cobalt" in a.text and "Dune" in a.text


def test_a_year_after_is_not_a_named_row(fleets):
    # "after 1800" picks rows in time (read elsewhere), never a place in a ranking
    a = ask(fleets, "which harbour founded after 1800 has the most boats?")
    assert a.status == "answered", a.text
    newer = fleets[fleets.Founded > 1800]
    assert a.value == newer.loc[newer.Boats.idxmax(), "Harbour"] == "Perrick"


def test_other_conditions_beside_the_named_row_are_refused():
    df = pd.DataFrame({"Club": ["Aster", "Briar", "Cobalt", "Dune"],
                       "League": ["North", "South", "North", "North"],
                       "Titles": [12, 9, 7, 3]})
    a = ask(df, "after aster, which club in the north league has the most titles?")
    assert a.status != "answered"
    assert "some of the rows" in a.text


def test_a_name_on_several_rows_is_refused():
    df = pd.DataFrame({"Club": ["Aster", "Briar", "Cobalt", "Briar"],
                       "Titles": [12, 9, 7, 3]})
    a = ask(df, "after briar, which club has the most titles?")
    assert a.status != "answered"
    assert "after" in a.text


def test_a_name_found_in_two_columns_is_the_named_kind():
    # "Varn" is a district and the seat of one; the question names districts
    df = pd.DataFrame({"Code": ["VA", "OL", "TR", "BE"],
                       "District": ["Varn", "Olsk", "Trell", "Bexa"],
                       "Seat": ["Varn", "Olsk", "Trell", "Hamby"],
                       "Population": [48000, 91000, 23000, 30500]})
    a = ask(df, "after olsk, tell me the next most populous district")
    assert a.status == "answered", a.text
    assert a.value == _just_below(df, "Population", "Olsk", col="District") == "Varn"
    a = ask(df, "after varn, what district has the greatest population?")
    assert a.status == "answered", a.text
    assert a.value == "Bexa"


def test_a_kind_of_row_the_data_does_not_name_is_refused():
    # no column names the masts: the measure's own value would answer another question
    df = pd.DataFrame({"Label": ["Kor", "Ulm", "Ves", "Ard"],
                       "Height (m)": [212.0, 305.5, 198.0, 260.0]})
    a = ask(df, "what mast has the next greatest height after ulm?")
    assert a.status != "answered"
    a = ask(df, "what is the next greatest height after ulm?")
    assert a.status == "answered", a.text
    assert a.value == 260.0
