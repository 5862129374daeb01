"""Names carrying a running number ("Mira Sol (2)" for her second title): "how many times
did <name> win" counts every row of that name, marks aside, instead of refusing because each
cell is distinct. Without such marks, a value naming one row is still asked back. Our own
table of chess open champions."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask

OPENS = pd.DataFrame({
    "Edition": [2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017],
    "Champion": ["Mira Sol", "Tomas Rieck", "Mira Sol (2)", "Oren Vale", "Tomas Rieck (2)",
                 "Mira Sol (3)", "Petra Lund", "Oren Vale (2)"],
    "Runner-up": ["Oren Vale", "Mira Sol", "Petra Lund", "Ivo Kranz", "Mira Sol",
                  "Ivo Kranz", "Tomas Rieck", "Mira Sol"],
})


def test_running_numbers_count_every_row_of_the_name():
    a = ask(OPENS, "how many times did mira sol become champion?")
    assert a.status == "answered", a.text
    assert a.value == 3
    b = ask(OPENS, "how many titles has oren vale won?")
    assert b.status == "answered", b.text
    assert b.value == 2


def test_a_name_with_one_row_counts_one():
    a = ask(OPENS, "how many times was petra lund the champion?")
    assert a.status == "answered", a.text
    assert a.value == 1


def test_distinct_names_without_marks_stay_asked_back():
    clubs = pd.DataFrame({
        "Club": ["Harbor AC", "Ridge Runners", "Valley Striders", "Lakeside", "North Gate",
                 "Pinewood"],
        "Coach": ["Ibarra", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Costa"],
        "Founded": [1901, 1923, 1950, 1964, 1977, 1988],
    })
    a = ask(clubs, "how many times did lakeside win?")
    assert a.status != "answered", a.value
    assert "single row" in a.text


def test_marks_on_names_that_never_repeat_stay_asked_back():
    seeds = pd.DataFrame({
        "Player": ["Ana Ruiz (1)", "Bo Kim (2)", "Cal Ode (3)", "Dee Park (4)", "Eve Lang (5)",
                   "Fay Moss (6)"],
        "Country": ["Spain", "Korea", "Kenya", "Chile", "Norway", "Peru"],
        "Points": [980, 870, 760, 650, 540, 430],
    })
    a = ask(seeds, "how many titles did bo kim win?")
    assert a.status != "answered", a.value
    assert "single row" in a.text


def test_a_name_repeated_with_and_without_marks_counts_all_its_rows():
    cups = pd.DataFrame({
        "Season": [2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008],
        "Winner": ["Alder FC", "Birch Utd", "Alder FC", "Cedar SC", "Alder FC (3)", "Birch Utd",
                   "Cedar SC (2)", "Dune AC"],
        "Margin": [2, 1, 3, 1, 2, 4, 1, 2],
    })
    a = ask(cups, "how many times did alder fc win?")
    assert a.status == "answered", a.text
    assert a.value == 3
    b = ask(cups, "how many times did birch utd win?")
    assert b.status == "answered", b.text
    assert b.value == 2
