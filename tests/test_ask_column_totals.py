"""How many more of one column than another with no row named: the total of the first
minus the total of the second over every row (a summary row left out), signed as asked;
asked back for a row when the columns have blanks, and a named row still reads that row."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _league() -> pd.DataFrame:
    # made-up league table with a summary row at the bottom
    return pd.DataFrame({"Club": ["Alder", "Birch", "Cedar", "Dunmore", "Total"],
                         "Wins": [5, 3, 1, 0, 9], "Draws": [2, 4, 4, 1, 11],
                         "Losses": [1, 2, 6, 3, 12]})


def _value(a):
    assert a.status == "answered", a.text
    return a.value


def test_the_totals_of_two_columns_subtracted_as_asked():
    d = _league()
    assert _value(ask(d, "so how many more losses were recorded than wins?")) == 12 - 9
    assert _value(ask(d, "how many fewer wins than draws were there?")) == 11 - 9


def test_a_named_row_is_still_that_row():
    assert _value(ask(_league(), "how many more draws than wins did Birch have?")) == 1


def test_columns_with_blanks_ask_for_the_row():
    d = _league().astype({"Draws": "float"})
    d.loc[1, "Draws"] = None
    a = ask(d, "so how many more losses were recorded than draws?")
    assert a.status != "answered", a.text
