"""More ways of saying table order (issue 12): the direction said twice ("after X, what came
next"), "previous" linked by "to" / "from" / "of", an anchor that is a number of a column
whose values are all different ("the season before 2006"), and "last place" / "second to
last place" over the one column of places. Each checked against pandas, with the phrasings
that must stay refused."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _ferries() -> pd.DataFrame:
    # a ferry line's ports in sailing order (not alphabetical)
    return pd.DataFrame({
        "Port": ["Kestrel Bay", "Amberly", "Stonehaven", "Gullpoint", "Marrow Key",
                 "Brindle Cove", "Oakshore"],
        "Pier": [3, 1, 2, 5, 1, 4, 2],
        "Opened": [1921, 1904, 1933, 1911, 1948, 1926, 1955],
    })


def _seasons() -> pd.DataFrame:
    # one row per season, not in season order
    return pd.DataFrame({
        "Season": [2003, 2004, 2006, 2005, 2007, 2008],
        "Coach": ["Pell", "Ruiz", "Tamm", "Ueda", "Vance", "Wolfe"],
        "Wins": [8, 11, 6, 9, 12, 7],
    })


def _contest() -> pd.DataFrame:
    # a contest's results in draw order, with the final place of each entry
    return pd.DataFrame({
        "Draw": [1, 2, 3, 4, 5, 6, 7],
        "Singer": ["Ilse Moor", "Juno Park", "Kit Laine", "Lars Orm", "Mae Tully",
                   "Noor Vale", "Otto Rask"],
        "Place": [4, 7, 1, 6, 2, 5, 3],
        "Points": [61, 8, 140, 22, 118, 40, 95],
    })


def _value(a):
    assert a.status == "answered", a.text
    return a.value


@pytest.mark.parametrize("q", [
    "after Stonehaven, which port came next?",
    "what is the next port listed after stonehaven",
    "on the list, which port is next after Stonehaven?",
    "the next port reached after Stonehaven",
])
def test_the_direction_said_twice(q):
    d = _ferries()
    i = d.index[d.Port == "Stonehaven"][0]
    assert _value(ask(d, q)) == d.Port[i + 1] == "Gullpoint"


@pytest.mark.parametrize("q", [
    "which port is previous from Marrow Key?",
    "what is the previous port to marrow key",
    "which port comes previous in the table to Marrow Key",
    "what is the previous port of Marrow Key?",
    "who was the previous port before Marrow Key",
])
def test_previous_linked_by_to_from_of(q):
    d = _ferries()
    i = d.index[d.Port == "Marrow Key"][0]
    assert _value(ask(d, q)) == d.Port[i - 1] == "Gullpoint"


def test_a_later_before_is_the_link_not_of():
    # "the previous port of the line before X": "before" links, "of" does not
    d = _ferries().assign(Route=["North Line", "North Line", "South Line", "North Line",
                                 "South Line", "South Line", "North Line"])
    a = ask(d, "which was the previous port of the north line before Oakshore?")
    north = d[d.Route == "North Line"].reset_index(drop=True)
    assert _value(a) == north.Port[north.index[north.Port == "Oakshore"][0] - 1] == "Gullpoint"


def test_a_number_anchor_is_the_row_by_that_column():
    d = _seasons()
    by = d.sort_values("Season").reset_index(drop=True)
    i = by.index[by.Season == 2006][0]
    assert _value(ask(d, "which season is previous to 2006")) == by.Season[i - 1] == 2005
    a = ask(d, "what coach is previous to season 2006?")
    assert _value(a) == by.Coach[i - 1] == "Ueda"  # by season, not the table's order
    assert "by Season" in a.interpretation


def test_a_number_anchor_stays_a_filter_in_a_count():
    # "how many seasons previous to 2006": the seasons before it, counted (not a row)
    d = _seasons()
    a = ask(d, "how many seasons were previous to 2006?")
    assert a.status != "answered" or a.value == int((d.Season < 2006).sum())


def test_last_place_is_the_largest_place():
    d = _contest()
    for q in ("which singer ended in last place?", "name the singer who came in last place",
              "what singer took last place"):
        assert _value(ask(d, q)) == d.loc[d.Place.idxmax(), "Singer"] == "Juno Park"
    a = ask(d, "which singer ended second to last place?")
    assert _value(a) == d.sort_values("Place").Singer.iloc[-2] == "Lars Orm"


def test_last_place_written_as_ordinals():
    d = _contest().assign(Place=lambda f: f.Place.map({1: "1st", 2: "2nd", 3: "3rd", 4: "4th",
                                                       5: "5th", 6: "6th", 7: "7th"}))
    assert _value(ask(d, "who ended up in last place?")) == "Juno Park"


def test_shared_last_place_lists_every_row_or_is_refused():
    d = pd.DataFrame({"Club": ["Ash", "Birch", "Cedar", "Dogwood", "Elm"],
                      "Rank": [1, 2, 3, 4, 4], "Points": [30, 22, 15, 9, 9]})
    a = ask(d, "which clubs came in last place?")
    assert sorted(_value(a) if isinstance(a.value, list) else
                  list(a.table["Club"])) == ["Dogwood", "Elm"]
    # one club asked for, two share the place: not answered with one of them
    a = ask(d, "which club came in last place?")
    assert a.status != "answered" or sorted(a.table["Club"]) == ["Dogwood", "Elm"]


@pytest.mark.parametrize("q", [
    "which singer came in last place in the final?",    # more than the place: refused
    "was Ilse Moor in last place?",
    "what is the points difference between first and last place?",
])
def test_last_place_with_more_stays_refused(q):
    a = ask(_contest(), q)
    assert a.status != "answered" or a.value != "Juno Park", (q, a.interpretation)


def test_last_place_with_no_column_of_places_is_refused():
    d = _ferries()
    assert ask(d, "which port came in last place?").status != "answered"
    # two columns of places: which one is meant is not said
    c = _contest().assign(Semi=[3, 1, 2, 7, 4, 6, 5]).rename(columns={"Semi": "Semi place"})
    assert ask(c, "who came in last place?").status != "answered"


@pytest.mark.parametrize("q", [
    "which port has the next highest pier after Stonehaven?",  # tied with Oakshore
    "what was the next port before Stonehaven?",                 # two directions
])
def test_unclear_directions_stay_refused(q):
    a = ask(_ferries(), q)
    assert a.status != "answered" or a.value != "Gullpoint", (q, a.interpretation)


def test_the_row_next_to_one_named_in_a_first_clause():
    d = _seasons().rename(columns={"Season": "Year"})
    by = d.sort_values("Year").reset_index(drop=True)
    i = by.index[by.Coach == "Tamm"][0]
    a = ask(d, "Tamm coached in 2006. who coached the previous year?")
    assert _value(a) == by.Coach[i - 1] == "Ueda"  # by Year: 2005, listed after 2006
    f = _ferries()
    a = ask(f, "Amberly has pier 1. which port is next?")
    assert _value(a) == f.Port[f.index[f.Port == "Amberly"][0] + 1] == "Stonehaven"


@pytest.mark.parametrize("q", [
    "Amberly is ranked 32, which port is next?",         # a number nothing reads
    "how many piers did the next port have?",             # no anchor at all
    "Amberly opened in 1904. which port opened the next year?",  # years repeat? no: count
])
def test_first_clause_forms_left_refused(q):
    a = ask(_ferries(), q)
    assert a.status != "answered" or a.value != "Stonehaven", (q, a.interpretation)




def test_a_number_column_is_not_guessed_for_a_name():
    d = pd.DataFrame({"Race": [1, 2, 3, 4], "Race Name": ["Spring Cup", "Lake Derby",
                                                          "Hill Trophy", "Coast Stakes"]})
    a = ask(d, "what race is previous of Hill Trophy?")
    assert a.status != "answered", a.interpretation
    assert _value(ask(d, "what race name is previous of Hill Trophy?")) == "Lake Derby"


def _records() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [1981, 1983, 1984, 1987, 1990, 1992],
        "Title": ["Paper Moon Road", "Lantern Hill", "Quiet Harbour", "Salt and Cedar",
                  "Northern Glass", "The Long Field"],
        "Label": ["Arc", "Arc", "Fenn", "Fenn", "Arc", "Orrin"],
    })


def test_the_anchor_column_said_before_the_value():
    d = _records()
    assert _value(ask(d, "which title is listed before the title Salt and Cedar?")) == \
        "Quiet Harbour"
    assert _value(ask(d, "what is the next single after Lantern Hill?")) == "Quiet Harbour"
    assert _value(ask(d, "what label is listed after the title of Quiet Harbour?")) == "Fenn"
    # "next to the title X": beside it, often the same row; not read as the row after
    a = ask(d, "which year sits next to the title Quiet Harbour?")
    assert a.status != "answered" or a.value == 1984, a.interpretation


def test_next_after_a_year_is_the_first_row_past_it():
    d = _records().iloc[::-1].reset_index(drop=True)  # newest first: not the table's order
    a = ask(d, "what was the next title after 1984?")
    assert _value(a) == d[d.Year > 1984].sort_values("Year").Title.iloc[0] == "Salt and Cedar"
    a = ask(d, "which was the previous title before 1990?")
    assert _value(a) == "Salt and Cedar"
    # years that repeat: the first row after a year may be several rows
    twice = pd.concat([d, d.iloc[[2]]], ignore_index=True)
    assert ask(twice, "what was the next title after 1984?").status != "answered"


def test_a_step_in_another_column_is_not_the_next_row():
    # monthly awards: "the year before" is a step in Year, which repeats: not the row
    # above, and never answered with the year or the month
    d = pd.DataFrame({"Month": ["March", "April", "June", "July"], "Year": [2011] * 4,
                      "Player": ["Rhys Dole", "Sean Pike", "Tom Urry", "Ugo Vesk"]})
    a = ask(d, "Tom Urry won in june 2011. who won the year before?")
    assert a.status != "answered", a.interpretation


def test_a_place_said_in_the_first_clause_is_part_of_the_anchor():
    d = _contest().sort_values("Place").reset_index(drop=True)
    assert _value(ask(d, "Mae Tully is ranked 2, which singer is ranked next?")) == "Otto Rask"
    assert _value(ask(d, "Otto Rask placed 3, but who placed above her?")) == "Mae Tully"
    # a place the row does not hold: no anchor row, never another row's neighbour
    a = ask(d, "Otto Rask placed 5, but who placed above her?")
    assert a.status != "answered" or a.value in (None, "", []), a.interpretation


def test_who_after_a_place_answers_with_a_name():
    # places written as text: the anchor is the singer and the place; "who" asks for the
    # next singer, not the next place
    d = _contest().sort_values("Place").reset_index(drop=True).assign(
        Place=lambda f: f.Place.astype(str))
    assert _value(ask(d, "Otto Rask finished 3rd. who finished next?")) == "Ilse Moor"


def test_the_first_row_is_the_table_order_even_with_a_time_column():
    # "the first row" names a place in the table, not the earliest year
    t = pd.DataFrame({"Town": ["Ashby", "Brook", "Calder", "Dunmore"],
                      "Year": [1990, 1975, 1983, 1960], "Kiln": ["K1", "K2", "K3", "K4"]})
    a = ask(t, "which town is in the first row?")
    assert a.status == "answered", a.text
    assert a.value == t.Town.iloc[0] == "Ashby"
    a = ask(t, "what is the town in the last row?")
    assert a.status == "answered", a.text
    assert a.value == t.Town.iloc[-1]
