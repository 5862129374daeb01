"""The difference of one measure between two named rows, opened by words other than
"between" ("the difference in height for A and B", "the height difference of A and B"),
with possessives ("A's height and B's height"), ranks, and text columns whose cells read as
plain numbers; and the phrasings that must still be refused (no measure named, a name
several rows share, clock times)."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _hills() -> pd.DataFrame:
    # made-up hills: a height, a rank by height, visitors, a text column of race times in
    # seconds ("DNF" for a runner who did not finish), a clock-time column, a region
    return pd.DataFrame({
        "Hill": ["Ridgeway", "Hollow Bend", "Crag Top", "Marlow Knoll", "Fenwick Rise",
                 "Stony Brow"],
        "Height": [612, 540, 701, 488, 655, 590],
        "Rank": [3, 5, 1, 6, 2, 4],
        "Visitors": [1200, 860, 2400, 300, 1750, 940],
        "Race time": ["41.20", "44.05", "DNF", "47.90", "39.85", "43.10"],
        "Record": ["1:02.37", "1:05.10", "0:58.44", "1:09.02", "1:00.15", "1:03.80"],
        "Region": ["North", "South", "North", "East", "South", "East"],
    })


def _value(a):
    assert a.status == "answered", a.text
    return a.value


@pytest.mark.parametrize("q", [
    "give me the difference in height for Ridgeway and Hollow Bend",
    "difference of height in ridgeway and hollow bend",
    "what was the height difference between Ridgeway and Hollow Bend?",
    "the difference between Ridgeway's height and Hollow Bend's height",
    "difference in height for Hollow Bend and Ridgeway, please",
])
def test_the_gap_of_one_measure_between_two_named_rows(q):
    d = _hills()
    a = ask(d, q)
    assert _value(a) == abs(612 - 540) == 72
    assert "612" in a.text and "540" in a.text  # both values are said


def test_a_rank_difference_needs_no_direction():
    a = ask(_hills(), "the rank difference between Crag Top and Marlow Knoll")
    assert _value(a) == 5


def test_times_written_as_seconds_in_text_are_subtracted():
    a = ask(_hills(), "what is the difference between Ridgeway's race time and "
                      "Stony Brow's race time?")
    assert _value(a) == pytest.approx(1.9)


@pytest.mark.parametrize("q", [
    "what was the difference for Ridgeway and Hollow Bend?",  # no measure named
    "what was the difference in visitors for North and South?",  # regions hold two rows each
    "what is the difference between Ridgeway's record and Hollow Bend's record?",  # clocks
])
def test_differences_that_must_not_be_guessed_are_refused(q):
    a = ask(_hills(), q)
    assert a.status != "answered", a.text


def test_a_preposition_inside_a_column_name_opens_no_pair():
    # "Points for" is a column: "points for the side A and B" names it, then no preposition
    # opens the pair, so which points are meant is not guessed
    d = pd.DataFrame({"Side": ["Alder", "Birch", "Cedar"], "Points for": [410, 380, 455],
                      "Points": [52, 47, 60]})
    a = ask(d, "please say the difference in points for the side Alder and Birch")
    assert a.status != "answered", a.text
    a = ask(d, "tell me the difference in points for between Alder and Birch")
    assert _value(a) == 30


@pytest.mark.parametrize("q, want", [
    ("the difference between the visitors counted at Ridgeway and the visitors counted at "
     "Hollow Bend", 1200 - 860),
    ("difference between the height of Crag Top and of Marlow Knoll", 701 - 488),
    ("so what's the difference between number of visitors at Stony Brow and number of "
     "visitors at Fenwick Rise?", 1750 - 940),
])
def test_a_phrase_said_of_each_item_names_the_measure(q, want):
    assert _value(ask(_hills(), q)) == want


def test_a_phrase_said_of_each_item_may_count_their_rows():
    d = pd.DataFrame({"Date": ["May 1", "May 8", "May 15", "May 22", "May 29", "June 5"],
                      "Ground": ["Low Field", "Kiln Park", "Low Field", "Low Field",
                                 "Kiln Park", "Oak Lane"]})
    a = ask(d, "difference between number of matches held at Low Field and number of "
               "matches held at Kiln Park")
    assert _value(a) == 3 - 2


@pytest.mark.parametrize("q", [
    "difference between number of matches held at Low Field and number of matches held at "
    "Kiln Park",
    "give the difference in number of matches between Low Field and Kiln Park",
])
def test_a_column_numbering_the_rows_is_no_measure_of_them(q):
    # "Match" runs 1, 2, 3 ...: its average per ground is no number of matches
    d = pd.DataFrame({"Match": [1, 2, 3, 4, 5, 6],
                      "Ground": ["Low Field", "Kiln Park", "Low Field", "Low Field",
                                 "Kiln Park", "Oak Lane"]})
    a = ask(d, q)
    assert a.status != "answered", a.text


def test_a_noun_of_the_items_said_after_each_is_read_past():
    a = ask(_hills(), "difference in visitors between the Ridgeway trail and the Crag Top trail")
    assert _value(a) == 2400 - 1200


def test_an_unknown_word_said_of_each_item_is_not_read_past():
    # "northern" may name a column of its own: not a word to skip
    a = ask(_hills(), "difference between Ridgeway's northern height and Crag Top's northern "
                      "height")
    assert a.status != "answered", a.text


def test_two_different_phrases_are_not_one_measure():
    a = ask(_hills(), "difference between the height of Crag Top and the visitors of "
                      "Marlow Knoll")
    assert a.status != "answered", a.text


def _schools() -> pd.DataFrame:
    # made-up schools: the years each joined and left a league
    return pd.DataFrame({"School": ["Alder Vale", "Birchwood", "Cedar Point", "Dunmore"],
                         "Joined": [1951, 1958, 1963, 1970],
                         "Left": [1960, 1976, 1969, 1991]})


@pytest.mark.parametrize("q, want", [
    ("tell me the difference between the year Birchwood left and Dunmore left", 15),
    ("difference between the time Alder Vale joined and Cedar Point joined", 12),
])
def test_the_time_each_item_did_something_is_its_year(q, want):
    assert _value(ask(_schools(), q)) == want


def test_the_time_of_a_name_several_rows_share_is_not_guessed():
    d = pd.concat([_schools(), pd.DataFrame({"School": ["Dunmore"], "Joined": [1995],
                                             "Left": [2001]})], ignore_index=True)
    a = ask(d, "difference between the time Alder Vale joined and Dunmore joined")
    assert a.status != "answered", a.text


def test_a_verb_before_by_may_open_the_pair():
    a = ask(_hills(), "difference between the visitors welcomed by Ridgeway and Crag Top")
    assert _value(a) == 2400 - 1200


def test_a_noun_said_after_each_item_is_read_past():
    d = pd.DataFrame({"Group": ["Urban", "Rural", "Coastal"], "2019": [61, 48, 55],
                      "2020": [64, 47, 58]})
    a = ask(d, "difference between urban members and rural members in 2020")
    assert _value(a) == 64 - 47


def test_a_difference_not_read_says_so_and_how_to_ask():
    a = ask(_hills(), "what was the difference for Ridgeway and Hollow Bend?")
    assert a.status != "answered"
    assert "asks for a difference" in a.text and "between A and B" in a.text


def test_a_unit_with_no_column_read_for_it_does_not_count_rows():
    # "metres" asks for a measure; counting the regions' rows (2 and 2) is not an answer
    a = ask(_hills(), "what's the difference in metres between North and South?")
    assert a.status != "answered", a.text


def test_the_different_between_is_the_difference_misspelt():
    d = _hills()
    assert _value(ask(d, "the different between Ridgeway's height and Hollow Bend's height")) \
        == 72
    assert _value(ask(d, "how many different regions are there?")) == 3  # distinct, still
