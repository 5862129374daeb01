""""Which X appears / is listed / was used the most": how often each value of X occurs.

Each expected answer is counted with pandas on our own small tables. "N/A"-style cells are no
candidates, ties are named together (never one of them as "the" answer), and "the most"
followed by something it could rank ("the most goals") keeps its other readings.
"""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask

TOURS = pd.DataFrame({
    "Year": list(range(2001, 2011)),
    "Host city": ["Perth", "Quito", "Perth", "Leeds", "Perth", "Quito", "Leeds", "Perth",
                  "Nice", "Quito"],
    "Surface": ["Clay", "Grass", "Clay", "Hard", "Clay", "Clay", "Hard", "Grass", "Clay",
                "Carpet"],
    "Champion": ["N/A", "N/A", "N/A", "Ruiz", "Ruiz", "Ota", "N/A", "Ruiz", "Ota", "N/A"],
    "Goals": [3, 5, 2, 7, 1, 4, 6, 2, 3, 5],
})


def mode_of(column: str, least: bool = False, frame: pd.DataFrame = TOURS) -> list[str]:
    counts = frame[column][~frame[column].isin(["N/A"])].value_counts()
    best = counts.min() if least else counts.max()
    return sorted(counts[counts == best].index)


@pytest.mark.parametrize("question, column, least", [
    ("which host city appears the most?", "Host city", False),
    ("what surface was used the most on this list?", "Surface", False),
    ("which host city is listed the least?", "Host city", True),
    ("what surface shows up the most?", "Surface", False),
    ("which surface occurred the least?", "Surface", True),
])
def test_the_value_occurring_most_or_least(question, column, least):
    a = ask(TOURS, question)
    want = mode_of(column, least)
    assert a.status == "answered", a.text
    assert len(want) == 1 and a.text.startswith(want[0]), a.text
    top = a.table.iloc[0]
    assert top.iloc[-1] == TOURS[column].value_counts()[want[0]]


def test_placeholder_cells_are_no_candidates():
    """"N/A" is the most frequent cell of Champion, but it names no champion."""
    assert TOURS.Champion.value_counts().idxmax() == "N/A"
    a = ask(TOURS, "which champion is listed the most?")
    assert a.status == "answered", a.text
    assert a.text.startswith("Ruiz") and "not N/A" in a.text
    assert "N/A" not in a.table.iloc[:, 0].tolist()


def test_ties_are_named_together_in_the_right_direction():
    tied = TOURS.assign(**{"Host city": ["Perth", "Quito"] * 5})
    a = ask(tied, "which host city appears the least?")
    assert a.status == "answered" and "Perth and Quito tie for the fewest rows (5)" in a.text
    a = ask(tied, "which host city appears the most?")
    assert "Perth and Quito tie for the most rows (5)" in a.text


def test_most_before_a_measure_keeps_its_ranking():
    a = ask(TOURS, "which host city appears with the most goals?")
    assert not (a.status == "answered" and "has the most rows" in a.text), a.text
    a = ask(TOURS, "which year was listed the most goals?")
    assert "most rows" not in a.text
