"""Cells that show their sum ("70-68-71=209") read as the total after "=" (data/cell_totals.py).
Our own small score table; expected values computed from the cells with plain Python."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask
from nbdatachat.data.cell_totals import totals

CARDS = pd.DataFrame({
    "Place": ["1", "T2", "T2", "4", "5"],
    "Player": ["Ada Moss", "Ben Tull", "Cai Wren", "Dee Rho", "Eli Vance"],
    "Score": ["70-68-70=208", "71-69-69=209", "72-70-67=209", "69-73-70=212", "74-70-71=215"],
})
TOTAL = {p: int(s.split("=")[1]) for p, s in zip(CARDS.Player, CARDS.Score)}


def test_totals_of_a_column_of_sums():
    got = totals(CARDS.Score)
    assert got is not None and got.tolist() == [208.0, 209.0, 209.0, 212.0, 215.0]


def test_sums_that_do_not_add_up_are_no_totals():
    assert totals(pd.Series(["10-20=5", "3-4=1", "7-7=2"])) is None  # codes, not sums
    assert totals(pd.Series(["1-2", "3-4", "2-2"])) is None  # scores of games


def test_a_players_total():
    a = ask(CARDS, "what was cai wren's total score?")
    assert a.status == "answered", a.text
    assert float(a.table.iloc[0, -1]) == TOTAL["Cai Wren"] == 209
    assert any("total after" in n for n in a.notes), a.notes


def test_the_lowest_total_and_a_threshold():
    a = ask(CARDS, "who had the lowest score?")
    assert a.status == "answered" and a.text.startswith(min(TOTAL, key=TOTAL.get))
    a = ask(CARDS, "how many players had a score above 209?")
    assert a.status == "answered", a.text
    assert float(a.table.iloc[0, -1]) == sum(v > 209 for v in TOTAL.values()) == 2
