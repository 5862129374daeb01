""""The earliest / newest <column of times>": the first / last row by that column
(planner/time_degrees.py). Our own tables; expected rows read off them by hand."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask

CLUBS = pd.DataFrame({"Team": ["Reds", "Blues", "Greens"],
                      "Outgoing coach": ["Al Moss", "Bo Reed", "Cy Hart"],
                      "Appointment date": ["8 October 2012", "2 March 2011", "15 June 2013"]})
SHOWS = pd.DataFrame({"#": [1, 2, 3], "Title": ["Alpha", "Beta", "Gamma"],
                      "Opening\ndate": ["March 3, 1990", "May 1, 1985", "June 9, 1999"],
                      "Seats": [900, 1200, 650]})


def answered(a):
    assert a.status == "answered", a.text
    return a


def test_earliest_and_latest_of_a_named_date_column():
    assert answered(ask(CLUBS, "which coach has the earliest appointment date?")).value \
        == "Bo Reed"
    assert answered(ask(CLUBS, "which team has the latest appointment date?")).value == "Greens"
    assert answered(ask(SHOWS, "which title had the oldest opening date?")).value == "Beta"
    assert answered(ask(SHOWS, "which title had the most recent opening date?")).value == "Gamma"


def test_the_time_itself_when_it_is_asked_for():
    a = answered(ask(SHOWS, "what is the earliest of the opening dates?"))
    assert str(a.value).startswith("1985-05-01")


def test_a_noun_that_is_no_column_is_not_answered_with_the_date():
    # "show" names no column: answering the date would answer another question
    assert ask(SHOWS, "which show had the newest opening date?").status != "answered"


def test_a_degree_of_time_before_a_column_of_no_times_is_refused():
    # "the newest seats" orders nothing in time
    assert ask(SHOWS, "which title has the newest seats?").status != "answered"
