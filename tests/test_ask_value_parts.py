"""Names said the short way: a surname for "Ilona Varga", a state for "Dover, Delaware".

When no column or whole value matches, words that are part of one column's cells pick the
cells that hold them (planner/value_parts.py). Our own small tables; every expected value is
computed with pandas. Parts found in two columns, or in most of a column's cells, are not
read so.
"""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask

ROSTER = pd.DataFrame({
    "Player": ["Ilona Varga", "Kwame Okafor", "Ana Ruiz", "Li Wei", "Piet van Dijk",
               "Sara Lindqvist"],
    "Hometown": ["Dover, Delaware", "Austin, Texas", "Newark, Delaware", "Salem, Oregon",
                 "Wilmington, Delaware", "Tyler, Texas"],
    "Height": [180, 201, 170, 175, 192, 168],
    "Points": [12, 30, 8, 15, 22, 9],
})


def test_a_surname_names_the_player():
    a = ask(ROSTER, "what is the height of varga?")
    assert a.status == "answered", a.text
    assert float(a.table.iloc[0, -1]) == 180 and "Ilona Varga" in a.text


def test_a_state_counts_the_rows_whose_cells_hold_it():
    a = ask(ROSTER, "how many players come from texas?")
    assert a.status == "answered", a.text
    assert float(a.table.iloc[0, -1]) == ROSTER.Hometown.str.contains("Texas").sum() == 2


def test_two_surnames_compared():
    a = ask(ROSTER, "who scored more points, okafor or lindqvist?")
    assert a.status == "answered", a.text
    assert a.text.startswith("Kwame Okafor")


def test_a_multi_word_part():
    a = ask(ROSTER, "how many points did van dijk score?")
    assert a.status == "answered", a.text
    assert float(a.table.iloc[0, -1]) == 22


def test_table_order_after_a_surname():
    a = ask(ROSTER, "who is listed right after ruiz?")
    assert a.status == "answered", a.text
    assert "Li Wei" in a.text


def test_a_part_in_two_columns_is_not_guessed():
    t = ROSTER.assign(Coach=["Ann Tyler", "Bo Dean", "Cy Moss", "Di Hart", "Ed Lowe",
                             "Flo Park"])
    a = ask(t, "what is the height of tyler?")  # a coach's surname and a player's hometown
    assert a.status != "answered", a.text


def test_a_word_in_most_cells_is_no_name():
    t = pd.DataFrame({"Club": ["Ashby United", "Bexley United", "Crane United", "Dunmore Town"],
                      "Titles": [3, 1, 4, 2]})
    a = ask(t, "how many titles did united win?")
    assert a.status != "answered", a.text
    a = ask(t, "how many titles did bexley win?")
    assert a.status == "answered" and float(a.table.iloc[0, -1]) == 1


def test_dressed_up_cells_are_not_answered_as_the_name():
    """"usc" is written "#1 USC*": a count or a cell of another column is fine, but an answer
    read from that column would name the rows otherwise than asked."""
    games = pd.DataFrame({"Opponent": ["at #3 Ohio State*", "#1 USC*", "Oregon", "at Wake Forest*"],
                          "Attendance": [50000, 60000, 40000, 30000]})
    a = ask(games, "what was the attendance against usc?")
    assert a.status == "answered" and float(a.table.iloc[0, -1]) == 60000
    a = ask(games, "was the attendance higher against usc or oregon?")
    assert a.status != "answered" and "#1 USC*" in a.text


def test_the_noun_asked_about_is_not_a_name():
    """"which movie", "how many churches": after a determiner the word is the rows' noun,
    even when a title holds it ("The Movie Club", "Old Church")."""
    t = pd.DataFrame({"Title": ["The Movie Club", "Old Church", "Video Game Night", "Red Barn"],
                      "Year": [2001, 2003, 2005, 2007]})
    assert ask(t, "which movie came out in 2005?").text != "The Movie Club"
    a = ask(t, "how many churches are listed?")
    assert not (a.status == "answered" and float(a.table.iloc[0, -1]) == 1), a.text
    a = ask(t, "how many games are listed?")  # "games" is not the "Game" of a title
    assert a.status != "answered" or "Video Game Night" not in a.text
