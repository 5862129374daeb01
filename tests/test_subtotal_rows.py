"""Several summary rows ("Total for the north:", "Total for the south:", "Grand total"),
none the sum of all the others, are found by their sums together and left out of listings,
rankings and aggregates like a "Total" row; a question naming one keeps it."""

from __future__ import annotations

import pandas as pd
import pytest

import nbdatachat
from nbdatachat.query import open_source


@pytest.fixture()
def districts() -> pd.DataFrame:
    north = pd.DataFrame({"District": ["Millbrook", "Oakhurst"], "Residents": [520_000, 90_000],
                          "Schools": [41, 12]})
    south = pd.DataFrame({"District": ["Fenwick", "Larkspur", "Stonebay"],
                          "Residents": [310_000, 150_000, 70_000], "Schools": [25, 14, 9]})

    def total(label: str, part: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame({"District": [label], "Residents": [part.Residents.sum()],
                             "Schools": [part.Schools.sum()]})

    both = pd.concat([north, south])
    return pd.concat([north, total("Total for the north:", north), south,
                      total("Total for the south:", south), total("Grand total", both)],
                     ignore_index=True)


def test_subtotals_and_grand_total_are_found(districts):
    src = open_source(districts, name="subtotals_found")
    assert sorted(r.value for r in src.summary_rows) == [
        "Grand total", "Total for the north:", "Total for the south:"]


def test_a_listing_by_a_condition_leaves_the_summary_rows_out(districts):
    a = nbdatachat.ask(districts, "which districts have more than 300000 residents?")
    assert a.status == "answered", a.text
    assert sorted(a.value) == ["Fenwick", "Millbrook"]
    assert any("summary row" in n for n in a.notes)


def test_rankings_and_aggregates_leave_them_out(districts):
    assert nbdatachat.ask(districts, "which district has the most schools").value == "Millbrook"
    assert nbdatachat.ask(districts, "sum of schools").value == 101
    assert nbdatachat.ask(districts, "average residents").value == 228_000
    assert nbdatachat.ask(districts, "how many districts are there?").value == 5


def test_a_question_naming_the_grand_total_keeps_it(districts):
    a = nbdatachat.ask(districts, "how many schools does the grand total have?")
    assert a.status == "answered", a.text
    assert a.value == 101


def test_subtotals_only_without_a_grand_total():
    df = pd.DataFrame({"Store": ["Elm St", "Pine Rd", "Subtotal east", "Bay Ave", "Hill Ln",
                                 "Subtotal west"],
                       "Sales": [40.0, 25.0, 65.0, 30.0, 10.0, 40.0]})
    src = open_source(df, name="subtotals_only")
    assert sorted(r.value for r in src.summary_rows) == ["Subtotal east", "Subtotal west"]
    assert nbdatachat.ask(df, "which store has the highest sales").value == "Elm St"


def test_rows_named_total_that_do_not_add_up_stay_ordinary():
    df = pd.DataFrame({"Film": ["Total Drift", "Quiet Harbor", "Total Eclipse of Noon", "Red Kite"],
                       "Gross": [12.0, 30.0, 55.0, 8.0]})
    assert open_source(df, name="total_titles").summary_rows == []
    assert nbdatachat.ask(df, "which film had the highest gross").value == "Total Eclipse of Noon"
