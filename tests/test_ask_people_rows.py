""""Which nation sent the most entrants" over a table of people, one per row
(planner/people_rows.py): rows counted per group. Our own tables; counts read off them."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask

RACE = pd.DataFrame({"Rank": [1, 2, 3, 4, 5, 6],
                     "Athlete": ["Ann Lee", "Bo Sun", "Cy Ray", "Di Fox", "Ed Ma", "Flo Ng"],
                     "Nation": ["Landia", "Otria", "Landia", "Pella", "Landia", "Otria"],
                     "Time": ["1:01", "1:02", "1:03", "1:04", "1:05", "1:06"]})
MATCHES = pd.DataFrame({"Date": ["May 1", "May 8", "May 15", "May 22", "May 29", "Jun 5"],
                        "Opponent": ["Reds", "Blues", "Reds", "Greys", "Reds", "Blues"],
                        "Venue": ["Home", "Away", "Away", "Home", "Home", "Away"],
                        "Result": ["W", "L", "D", "W", "L", "W"]})


def test_people_ranked_over_a_table_of_people_count_its_rows():
    a = ask(RACE, "which nation sent the most entrants?")
    assert a.status == "answered", a.text
    assert a.value == RACE["Nation"].value_counts().idxmax() == "Landia"
    assert ask(RACE, "which nation had the fewest athletes?").value == "Pella"


def test_a_top_n_beside_it_is_not_read_as_a_limit_on_the_groups():
    # "in the top 4" filters the rows; read as a top 4 of nations it answered wrongly
    assert ask(RACE, "which nation placed the most riders in the top 4?").status != "answered"


def test_a_noun_that_is_no_person_or_rows_that_are_no_people_stay_refused():
    assert ask(RACE, "which nation had the most goals?").status != "answered"
    assert ask(MATCHES, "which opponent had the most supporters?").status != "answered"
