""""Above" / "below" in forms re-read by planner/above_below.py: the row asked after the
word ("Ida Moss is listed above whom?", "... finished below how many crews?"), a stray
"of" ("listed below of X"), two named rows "above or below" each other on a measure the
question names (answered "above" / "below"), and the subject before the verb. A measure
of running numbers (picks) and a comparison with no measure named stay refused.
Tables written here; expected values computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def regatta() -> pd.DataFrame:
    return pd.DataFrame({
        "Rank": [1, 2, 3, 4, 5],
        "Skipper": ["Ida Moss", "Jon Pratt", "Kay Wills", "Lou Berg", "Max Olin"],
        "Boat": ["Kestrel", "Marlin", "Osprey", "Pelican", "Heron"],
        "Points": [50, 44, 38, 31, 27]})


@pytest.fixture(scope="module")
def orchards() -> pd.DataFrame:
    return pd.DataFrame({
        "Fruit": ["Quince", "Medlar", "Damson", "Greengage"],
        "Trees": [120, 340, 95, 210],
        "Acres": [3.5, 8.0, 2.5, 6.0]})


@pytest.fixture(scope="module")
def draft() -> pd.DataFrame:
    return pd.DataFrame({
        "Pick": [1, 2, 3, 4, 5, 6],
        "Player": ["Ned Hart", "Oren Cole", "Pia Lund", "Quin Roe", "Rex Vale", "Sam Ito"],
        "College": ["Elm", "Oak", "Elm", "Ash", "Oak", "Fir"]})


def _after(df: pd.DataFrame, col: str, value: str, step: int) -> str:
    i = df.index[df[col] == value][0] + step
    return str(df.loc[i, col])


def test_row_asked_after_above_is_the_next_row(regatta):
    a = ask(regatta, "Jon Pratt is listed above whom?")
    assert a.status == "answered", a.text
    assert a.value == _after(regatta, "Skipper", "Jon Pratt", 1) == "Kay Wills"


def test_row_asked_after_below_with_a_noun(regatta):
    a = ask(regatta, "lou berg is ranked just below which skipper?")
    assert a.status == "answered", a.text
    assert a.value == _after(regatta, "Skipper", "Lou Berg", -1) == "Kay Wills"


def test_rows_counted_after_the_word(regatta):
    a = ask(regatta, "kay wills finished below how many skippers?")
    assert a.status == "answered", a.text
    assert a.value == int((regatta.index < regatta.index[regatta.Skipper == "Kay Wills"][0])
                          .sum()) == 2


def test_stray_of_after_below(regatta):
    a = ask(regatta, "which boat is listed below of osprey?")
    assert a.status == "answered", a.text
    assert a.value == _after(regatta, "Boat", "Osprey", 1) == "Pelican"


def test_a_bare_what_after_the_word_is_not_read(regatta):
    assert ask(regatta, "Jon Pratt is listed above what?").status != "answered"


def test_two_rows_on_a_named_measure(orchards):
    a = ask(orchards, "is damson above or below quince in trees?")
    assert a.status == "answered", a.text
    t = orchards.set_index("Fruit")["Trees"]
    assert t["Damson"] < t["Quince"]
    assert a.value == "below"
    b = ask(orchards, "was medlar below or above greengage in acres?")
    assert b.status == "answered", b.text
    assert orchards.set_index("Fruit")["Acres"]["Medlar"] > 6.0
    assert b.value == "above"


def test_subject_before_the_verb(orchards):
    a = ask(orchards, "greengage is above or below quince in acres?")
    assert a.status == "answered", a.text
    assert a.value == "above"


def test_no_measure_named_stays_the_table_order(orchards):
    a = ask(orchards, "is medlar above or below quince?")
    assert a.status == "answered", a.text  # relative.py: rows in the table's order
    assert str(a.value).lower() == "below" and "table order" in a.text
    assert ask(orchards, "medlar grew above or below quince?").status != "answered"


def test_running_numbers_are_not_compared_as_amounts(draft):
    # an earlier pick is "above" though its number is smaller: not read as a larger number
    a = ask(draft, "was pia lund picked above or below rex vale?")
    assert a.status != "answered" or a.value == "above"


@pytest.fixture(scope="module")
def seasons() -> pd.DataFrame:
    return pd.DataFrame({
        "Season": ["2014/15", "2015/16", "2016/17", "2017/18", "2018/19"],
        "Tier": [2, 2, 3, 3, 2],
        "Place": ["4th", "12th", "1st", "9th", "17th"]})


def _place(cell: str) -> int:
    return int("".join(ch for ch in cell if ch.isdigit()))


def test_one_rows_written_place_against_a_place(seasons):
    a = ask(seasons, "during 2015/16, was their place below or above 8th?")
    assert a.status == "answered", a.text
    place = _place(seasons.set_index("Season")["Place"]["2015/16"])
    assert place > 8 and a.value == "below"  # a larger place number is lower down
    b = ask(seasons, "in 2017/18, was the place better or worse than 10th?")
    assert b.status == "answered", b.text
    assert _place(seasons.set_index("Season")["Place"]["2017/18"]) < 10
    assert b.value == "better"


def test_a_column_of_no_places_is_not_compared_with_a_place(seasons):
    assert ask(seasons, "for 2015/16 is the tier higher or lower than 2nd?").status \
        != "answered"


def test_placed_above_a_named_row(regatta):
    a = ask(regatta, "which boat placed directly above marlin?")
    assert a.status == "answered", a.text
    assert a.value == _after(regatta, "Boat", "Marlin", -1) == "Kestrel"


def test_the_measure_said_before_the_second_row(orchards):
    a = ask(orchards, "was quince below or above the acres total for greengage?")
    assert a.status == "answered", a.text
    acres = orchards.set_index("Fruit")["Acres"]
    assert acres["Quince"] < acres["Greengage"] and a.value == "below"


def test_on_top_of_a_row_is_above_it(regatta):
    a = ask(regatta, "how many skippers were ranked on top of lou berg")
    assert a.status == "answered", a.text
    assert a.value == int(regatta.index[regatta.Skipper == "Lou Berg"][0]) == 3
    b = ask(regatta, "which boat is on top of osprey?")
    assert b.status == "answered", b.text
    assert b.value == _after(regatta, "Boat", "Osprey", -1) == "Marlin"


def test_on_top_of_what_no_row_names_stays_refused(regatta):
    assert ask(regatta, "which skipper ended on top of the standings in spring?").status != \
        "answered"


def test_on_top_of_the_data_table_is_the_first_row(regatta):
    a = ask(regatta, "which boat is on top of the data table?")
    assert a.status == "answered", a.text
    assert a.value == regatta.Boat.iloc[0] == "Kestrel"
    assert ask(regatta, "which boat is on top of the data table by points?").status != \
        "answered"
