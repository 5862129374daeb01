""""the total <column> of <a name that picks one row>", the column holding text (a relay
time): that row's cell, not a count of the rows (1) nor a refusal. Cells that are lists or
numbers joined by a dash ("2-1", "71-69=140") stay asked back. Our own relay table."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask

RELAY = pd.DataFrame({
    "Lane": [1, 2, 3, 4, 5, 6],
    "Club": ["Harbor AC", "Ridge Runners", "Valley Striders", "Lakeside", "North Gate",
             "Pinewood"],
    "Time": ["3:05.12", "3:02.48", "3:07.90", "3:04.01", "3:09.33", "3:06.75"],
    "Coach": ["Ibarra", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Costa"],
})


def test_total_time_of_one_named_row_is_its_cell():
    a = ask(RELAY, "what total time did valley striders record?")
    assert a.status == "answered", a.text
    assert a.value == "3:07.90"
    b = ask(RELAY, "give the lakeside total time")
    assert b.status == "answered", b.text
    assert b.value == "3:04.01"


def test_several_columns_or_no_column_stay_asked_back():
    a = ask(RELAY, "what total time and coach did harbor ac have?")
    assert a.status != "answered", a.value
    assert "single row" in a.text
    b = ask(RELAY, "how many coaches did pinewood have in total?")
    assert b.status != "answered", b.value
    assert "single row" in b.text


def test_scores_joined_by_a_dash_are_the_two_sides_added():
    # one row's "4-2" is not a list of cells: "the total score" of that game adds both
    # sides, and the reading says so (combined_score.py)
    games = pd.DataFrame({
        "Round": [1, 2, 3, 4, 5, 6],
        "Rival": ["Otters", "Herons", "Lynx", "Bisons", "Falcons", "Moles"],
        "Score": ["2-1", "0-3", "1-1", "4-2", "3-0", "2-2"],
    })
    a = ask(games, "what was the total score against the bisons?")
    assert a.status == "answered", a.text
    assert a.value == sum(int(x) for x in games.loc[games.Rival == "Bisons", "Score"].item()
                          .split("-")) == 6
    assert "both sides" in a.interpretation and "added" in a.interpretation


def test_listed_cells_stay_asked_back():
    df = RELAY.assign(Time=["3:05.12, 3:06.00", "3:02.48", "3:07.90", "3:04.01", "3:09.33",
                            "3:06.75"])
    a = ask(df, "what total time did valley striders record?")
    assert a.status != "answered", a.value


SPRINT = pd.DataFrame({
    "Pos": [1, 2, 3, 4, 5, 6],
    "Skater": ["Lena Morr (AUT)", "Kai Berg (SWE)", "Ida Nyx (FIN)", "Rob Tell (CAN)",
               "Ugo Fiore (ITA)", "Sam Ode (NZL)"],
    "Gap": ["0.00", "+0.12", "+0.31", "+0.40", "+0.58", "+0.77"],
    "Spring Cup Tour\nPoints": [100, 80, 60, 50, 45, 40],
})


def test_the_last_word_of_a_long_numeric_header_names_its_cell():
    a = ask(SPRINT, "how many points did ida nyx collect?")
    assert a.status == "answered", a.text
    assert a.value == 60


def test_two_columns_ending_in_the_noun_stay_asked_back():
    two = SPRINT.assign(**{"Winter Cup Tour\nPoints": [90, 70, 65, 30, 20, 10]})
    a = ask(two, "how many points did ida nyx collect?")
    assert a.status != "answered", a.value
    assert "single row" in a.text
