""""The most / least <a column of places>" is never a count of rows (planner/measures.py):
a position is better or worse, not more or fewer."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def test_the_least_of_a_placing_column_is_not_a_count_of_rows():
    # "the least position" once counted each competition's rows and named the rarest ones
    df = pd.DataFrame({
        "Year": [2001, 2002, 2002, 2003, 2004],
        "Meet": ["Coast Relays", "Harbor Open", "Coast Relays", "Valley Games", "Harbor Open"],
        "Position": ["4th", "2nd", "7th", "1st", "3rd"],
    })
    a = ask(df, "at which meet did she get the least position?")
    assert a.status != "answered", a.value
    assert "Position" in a.text
