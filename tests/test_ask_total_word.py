""""the total number of bronze medals" over a table that has its own "Total" column: the word
is the sum of the column it qualifies, not that column (measures.read_total_word). Our own
medal-style table; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask

MEDALS = pd.DataFrame({
    "Rank": [1, 2, 3, 4, 5],
    "Nation": ["Peru", "Chile", "Cuba", "Fiji", "Oman"],
    "Gold": [5, 3, 1, 0, 0],
    "Silver": [2, 4, 1, 1, 0],
    "Bronze": [1, 2, 3, 4, 2],
    "Total": [8, 9, 5, 5, 2],
})


def value(a) -> float:
    assert a.status == "answered", a.text
    return float(a.table.iloc[0, -1])


@pytest.mark.parametrize("question, expected", [
    ("give me the total number of bronze medals", MEDALS.Bronze.sum()),
    ("total silver", MEDALS.Silver.sum()),
    ("what is the total number of gold medals won by chile?", 3),
    ("how many gold medals do peru, cuba and fiji have total?",
     MEDALS.Gold[MEDALS.Nation.isin(["Peru", "Cuba", "Fiji"])].sum()),
])
def test_total_before_a_column_sums_it(question, expected):
    assert value(ask(MEDALS, question)) == expected


def test_the_total_column_itself_is_kept():
    assert value(ask(MEDALS, "what is the total for cuba?")) == 5
    a = ask(MEDALS, "which nation has the highest total?")
    assert a.status == "answered" and a.text.startswith("Chile")


def test_repeated_headers_keep_the_row_total():
    """"total votes" beside Votes and Votes.1 (one per candidate) means the row's Total."""
    t = pd.DataFrame({"County": ["Ada", "Bel", "Cam"], "Votes": [100, 200, 300],
                      "Votes.1": [100, 300, 200], "Total": [200, 500, 500]})
    a = ask(t, "what is the total number of votes for bel?")
    assert not (a.status == "answered" and value(a) == 200), a.text


def test_total_number_of_the_rows_counts_them():
    """"the total number of nations": the word "total" before a count of the rows' names is
    no "Total" column (its sum would answer another question)."""
    a = ask(MEDALS, "give the total number of nations")
    assert value(a) == len(MEDALS)
    b = ask(MEDALS, "give the total number of nations with no gold")
    assert value(b) == int((MEDALS.Gold == 0).sum())
    c = ask(MEDALS, "give the total amount of nations that have 2 bronze")
    assert value(c) == int((MEDALS.Bronze == 2).sum())
