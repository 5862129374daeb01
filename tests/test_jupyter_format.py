"""One formatting module for every surface: years and ids without separators, plain numbers
with a reading precision, dates as dates (nbdatachat.textfmt)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from nbdatachat.display import table_html, table_markdown
from nbdatachat.textfmt import (
    column_decimals,
    format_cell,
    format_key,
    format_number,
    format_pvalue,
    format_records,
    is_identifier_name,
)


@pytest.mark.parametrize("name,expected", [
    ("year", True), ("Year", True), ("birth_year", True), ("customer_id", True),
    ("customerID", True), ("id", True), ("zip", True), ("order_no", True),
    ("sales", False), ("yearly_sales", False), ("idle_time", False), ("size", False),
    ("number_of_items", False), ("pop", False),
    ("Took office", True), ("First elected", True), ("Born", True), ("Released", True),
    ("office_count", False), ("Votes", False),
])
def test_identifier_columns_are_named_so(name, expected):
    assert is_identifier_name(name) is expected


def test_numbers_in_sentences():
    assert format_number(2514000.37) == "2,514,000"
    assert format_number(19.7859) == "19.79"
    assert format_number(0.05234) == "0.0523"
    assert format_number(1952) == "1,952"
    assert format_number(1952, column="year") == "1952"
    assert format_number(np.int64(10234), column="customerID") == "10234"
    assert format_number(float("nan")) == "n/a"
    assert format_pvalue(3.4e-50) == "p < 0.001" and format_pvalue(0.0421) == "p = 0.042"


def test_table_cells():
    assert format_cell(2514000.0, "sales") == "2,514,000"
    assert format_cell(2.514e6 + 0.37, "sales") == "2,514,000.37"
    assert format_cell(np.int64(1952), "year") == "1952"
    assert format_cell("2020-01-01T00:00:00") == "2020-01-01"
    assert format_cell("2020-01-01T13:30:00") == "2020-01-01 13:30"
    assert format_cell(pd.Timestamp("2020-03-01")) == "2020-03-01"
    assert format_cell(dt.date(2020, 3, 1)) == "2020-03-01"
    assert format_cell(None) == "" and format_cell(float("nan")) == ""
    assert format_cell(1.2e-12, "p_value") == "1.2e-12"
    assert format_key(pd.Timestamp("2021-03-01"), "month") == "Mar 2021"


def test_a_column_shows_the_same_decimals_on_every_row():
    assert column_decimals([2.94, 2.9931, 3.0]) == 4
    assert column_decimals([1.5, 2.25]) == 2
    assert column_decimals([1952, 2007], "year") is None
    assert column_decimals([123456.7, 5.5]) == 0
    rows = format_records(["year", "lifeExp", "pop"],
                          [{"year": 1952, "lifeExp": 28.8, "pop": 8425333.0},
                           {"year": 2007, "lifeExp": 43.828, "pop": 31889923.0}])
    assert rows == [["1952", "28.800", "8,425,333"], ["2007", "43.828", "31,889,923"]]


def test_cards_use_the_same_rules():
    df = pd.DataFrame({"year": [1952, 2007], "total": [2514000.0, 1234.5],
                       "month": pd.to_datetime(["2020-01-01", "2020-02-01"])})
    html = table_html(df)
    assert ">1952<" in html and "2,514,000" in html and "2020-01-01<" in html
    assert "e+" not in html and "T00:00" not in html and "1,952" not in html
    md = table_markdown(df)
    assert "| 1952 |" in md and "2,514,000" in md
