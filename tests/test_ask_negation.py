"""Negations read by planner/negation.py: an absent cell ("no nickname", "does not have a
curator listed"), a filter turned around ("other than 2003", "did not have more than 8
wins"), the column named before its negated value ("not painted by X"), and the refusals
kept when what the negation applies to is unclear. Our own tables; answers checked with
pandas."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask

CLUBS = pd.DataFrame({
    "Club": ["Harbor FC", "Lakeside United", "Mill Town", "Stone Bridge", "Red Valley",
             "North Pier"],
    "Nickname": ["The Gulls", None, "The Millers", None, "The Foxes", None],
    "Coach": ["Ann Rivers", "Bo Tanaka", "Cy Olsen", "Dee Park", "Eli Gomez", "Fay Moreau"],
    "Titles": [3, 0, 5, 1, 0, 2],
})

PORTRAITS = pd.DataFrame({
    "Portrait": ["Girl at a Window", "The Miller", "Evening Dock", "Two Sisters",
                 "Old Harbor", "The Lamp"],
    "Painted by": ["Ida Moss", "Karl Ek", "Ida Moss", "Lena Voss", "Ida Moss", "Karl Ek"],
    "Owner": ["City Museum", "n/a", "Hale Trust", "n/a", "City Museum", "Hale Trust"],
    "Year": [1901, 1905, 1907, 1910, 1912, 1915],
})

SEASONS = pd.DataFrame({
    "Year": [2001, 2002, 2003, 2004, 2005, 2006, 2007],
    "Wins": [9, 7, 11, 9, 6, 12, 8],
    "Losses": [7, 9, 5, 7, 10, 4, 8],
    "Coach": ["Mo Reyes", "Mo Reyes", "Jan Holt", "Jan Holt", "Jan Holt", "Al Dorsey",
              "Al Dorsey"],
})


def answered(a):
    assert a.status == "answered", a.text
    return a


def count(a) -> float:
    return float(answered(a).table.iloc[0, -1])


def column(a, name: str) -> list:
    return list(answered(a).table[name])


# an absent cell ------------------------------------------------------------------------
def test_no_value_in_a_text_column_is_a_blank_cell():
    a = ask(CLUBS, "how many clubs have no nickname?")
    assert count(a) == CLUBS.Nickname.isna().sum() == 3


def test_do_not_have_a_value_listed():
    a = ask(CLUBS, "which clubs do not have a nickname listed?")
    assert column(a, "Club") == list(CLUBS.Club[CLUBS.Nickname.isna()])


def test_without_a_value():
    a = ask(CLUBS, "list the clubs without a nickname")
    assert column(a, "Club") == ["Lakeside United", "Stone Bridge", "North Pier"]


def test_placeholder_cells_stand_for_nothing():
    a = ask(PORTRAITS, "which portraits have no owner?")
    assert column(a, "Portrait") == list(PORTRAITS.Portrait[PORTRAITS.Owner == "n/a"])


def test_a_column_with_no_blank_cell_is_refused():
    a = ask(CLUBS, "which clubs have no coach?")
    assert a.status != "answered"
    assert "Coach" in a.text


# the column named before its negated value ----------------------------------------------
def test_not_by_a_value_of_the_named_column():
    a = ask(PORTRAITS, "which portraits were not painted by ida moss?")
    want = list(PORTRAITS.Portrait[PORTRAITS["Painted by"] != "Ida Moss"])
    assert column(a, "Portrait") == want == ["The Miller", "Two Sisters", "The Lamp"]


def test_besides_a_named_value_of_the_column():
    a = ask(CLUBS, "besides club mill town, which clubs have more than 1 title?")
    want = CLUBS.Club[(CLUBS.Club != "Mill Town") & (CLUBS.Titles > 1)]
    assert column(a, "Club") == list(want) == ["Harbor FC", "North Pier"]


# a filter turned around ----------------------------------------------------------------
def test_other_than_a_year():
    a = ask(SEASONS, "other than 2001, which year had 9 wins?")
    assert column(a, "Year") == [2004]


def test_not_more_than():
    a = ask(SEASONS, "how many seasons did not have more than 8 wins?")
    assert count(a) == (SEASONS.Wins <= 8).sum() == 3


def test_not_at_least():
    a = ask(SEASONS, "in how many seasons did they not get at least 9 wins?")
    assert count(a) == (SEASONS.Wins < 9).sum() == 3


def test_the_positive_forms_are_unchanged():
    assert count(ask(SEASONS, "how many seasons had more than 8 wins?")) == 4
    assert column(ask(SEASONS, "which year had 9 wins?"), "Year") == [2001, 2004]


# what stays refused ----------------------------------------------------------------------
def test_a_negation_with_nothing_to_apply_to_is_refused():
    a = ask(SEASONS, "which seasons did not go well?")
    assert a.status != "answered"


MATCHES = pd.DataFrame({
    "Round": [1, 2, 3, 4, 5, 6],
    "Winner": ["Ann Lee", "Bo Park", "Ann Lee (2)", "Cy Dunn", "Bo Park (2)", "Dee Fox"],
    "Best player": ["Ann Lee, Bo Park", "Cy Dunn", "Dee Fox", "Eve Moss", "Cy Dunn",
                    "Bo Park"],
    "Top scorer": ["Kim Ray", "None", "Lou Hart", "None", "Kim Ray", "Max Orr"],
    "Built": [1958, 1959, 1959, 1961, 1958, 1960],
})


def test_placeholder_word_none_is_the_absent_value():
    a = ask(MATCHES, "which rounds had no top scorer?")
    assert column(a, "Round") == list(MATCHES.Round[MATCHES["Top scorer"] == "None"])


def test_excluding_a_value_other_cells_hold_as_a_part_is_asked_back():
    a = ask(MATCHES, "besides ann lee, how many winners are there?")
    assert a.status != "answered"
    assert "Ann Lee (2)" in a.text


def test_excluding_part_of_a_longer_cell_is_asked_back():
    a = ask(MATCHES, "how many rounds had a best player other than eve?")
    assert a.status != "answered"


def test_one_of_the_offered_values_is_the_answer():
    a = ask(PORTRAITS, "which of the miller, two sisters and the lamp was not finished in 1910?")
    want = PORTRAITS.Portrait[PORTRAITS.Portrait.isin(["The Miller", "Two Sisters", "The Lamp"])
                              & (PORTRAITS.Year != 1910)]
    assert list(answered(a).value) == list(want) == ["The Miller", "The Lamp"]


RACES = pd.DataFrame({
    "Heat": [1, 2, 3, 4, 5, 6, 7],
    "Track": ["North", "South", "North", "East", "North", "South", "East"],
    "Runner": ["Ola Berg", "Pia Lund", "Rik Maas", "Sol Vik", "Tor Aas", "Uma Dahl",
               "Vic Holm"],
    "Prize": [500.0, None, 250.0, None, 120.0, None, 80.0],
    "Laps": [12, 10, 12, 9, 12, 11, 8],
    "Bonus": [0, None, 5, 0, None, 2, 1],
})


def test_not_run_on_a_named_value():
    a = ask(RACES, "how many heats were not held on track north?")
    assert count(a) == (RACES.Track != "North").sum() == 4


def test_a_verb_between_not_and_a_comparison():
    a = ask(RACES, "which runners did not complete more than 10 laps?")
    assert column(a, "Runner") == list(RACES.Runner[RACES.Laps <= 10])


def test_not_have_a_number_never_zero_is_a_blank_cell():
    a = ask(RACES, "how many runners do not have a prize?")
    assert count(a) == RACES.Prize.isna().sum() == 3


def test_an_outcome_verb_keeps_a_value_negation_unread():
    a = ask(RACES, "which runners did not win on track north?")
    assert a.status != "answered" or "Track is not North" not in a.text


DISTRICTS = pd.DataFrame({
    "Seat": ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Total:"],
    "Region": ["Upland", "Upland", "Coast", "Coast", "Valley", "Total:"],
    "Voters": [1200, 900, 1500, 700, 1100, 5400],
})


def test_what_other_column_besides_a_value():
    a = ask(DISTRICTS, "besides upland, what other regions are there?")
    assert set(answered(a).value) == {"Coast", "Valley"}


def test_what_other_column_with_another_filter():
    a = ask(DISTRICTS, "what other seat is in coast besides cedar?")
    assert answered(a).value == "Dogwood"


def test_a_count_of_the_other_rows_is_unchanged():
    a = ask(DISTRICTS, "how many seats are in a region other than coast?")
    assert count(a) == ((DISTRICTS.Region != "Coast") & (DISTRICTS.Seat != "Total:")).sum()


def test_no_number_over_a_column_never_zero_is_the_blank_cells():
    a = ask(RACES, "how many runners had no prize?")
    assert count(a) == RACES.Prize.isna().sum() == 3
    assert "missing" in a.text


def test_no_number_over_a_column_with_zeros_is_zero():
    a = ask(RACES, "how many runners had no bonus?")
    assert count(a) == (RACES.Bonus == 0).sum() == 2


def test_the_column_asked_beside_its_excluded_values():
    a = ask(DISTRICTS, "what is the only region that is not coast or upland?")
    assert answered(a).value == "Valley"
