"""A country's adjective ("norwegian", "american") reads as that country when one column's
cells name it, also when the name is several words ("United States"); with no such cells
the word is not read past. Small tables written here; expected counts from pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def golfers() -> pd.DataFrame:
    return pd.DataFrame({
        "Place": ["1", "T2", "T2", "4", "5", "6", "7"],
        "Player": ["Arn Vik", "Bel Roy", "Cas Lund", "Dov Hale", "Eno Park", "Fin Moss",
                   "Gus Dahl"],
        "Country": ["Norway", "United States", "Norway", "United States", "South Korea",
                    "United States", "Denmark"],
        "Score": [201, 204, 204, 206, 207, 209, 210]})


@pytest.mark.parametrize("question,country", [
    ("how many american players are there?", "United States"),
    ("how many norwegian players are there?", "Norway"),
    ("how many players were danish?", "Denmark"),
])
def test_a_country_adjective_counts_that_country(golfers, question, country):
    a = ask(golfers, question)
    assert a.status == "answered", (a.text, a.interpretation)
    n = int((golfers.Country == country).sum())
    assert f" {n} row" in a.text
    assert country in a.interpretation


def test_a_country_adjective_lists_that_country(golfers):
    a = ask(golfers, "list the norwegian players")
    assert a.status == "answered", a.text
    for name in golfers.loc[golfers.Country == "Norway", "Player"]:
        assert name in a.text
    assert "Bel Roy" not in a.text


def test_a_country_no_cell_names_is_refused(golfers):
    a = ask(golfers, "how many finnish players are there?")
    assert a.status == "cannot_answer", (a.text, a.interpretation)
    assert "'finnish'" in a.text
