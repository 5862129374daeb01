"""Text columns holding numbers and dates, in DataFrames: read once with the CSV reader's
parsers (plus footnote marks, units and dashes as real tables write them), used by every
question, reported when some values cannot be read, and reproduced by the pandas code."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import nbdatachat
from nbdatachat.data import profile
from nbdatachat.data.text_values import parse_text_columns


@pytest.fixture(scope="module")
def orders() -> pd.DataFrame:
    """Every cell text, as a table scraped from a page or typed into a sheet."""
    rng = np.random.default_rng(11)
    n = 120
    when = pd.Timestamp("2017-11-20") + pd.to_timedelta(rng.integers(0, 400, n), "D")
    amount = rng.uniform(5, 3000, n).round(2)
    return pd.DataFrame({
        "Order Date": when.strftime("%m/%d/%y"),
        "Segment": rng.choice(["Retail", "Wholesale"], n),
        "Amount": [f"${v:,.2f}" for v in amount],
        "Weight": [f"{w} kg" for w in rng.integers(1, 40, n)],
        "Population": [f"{p:,}" + ("[a]" if i % 17 == 0 else "") for i, p in
                       enumerate(rng.integers(1000, 9_000_000, n))],
    })


def test_parses_what_real_tables_write():
    df = pd.DataFrame({"d": ["12/30/17", "1/2/18", "2/3/18", "3/4/18"],
                       "m": ["Jan 2016", "Feb 2016", "Mar 2016", "Apr 2016"],
                       "n": ["6,081,896", "1,234[a]", "\u2014", "45"],
                       "p": ["45%", "12%", "3%", "40%"], "u": ["12 km", "3.5 km", "7 km", "1 km"],
                       "t": ["alpha", "beta", "gamma", "delta"]})
    out, parsed = parse_text_columns(df)
    assert list(out["d"]) == list(pd.to_datetime(["2017-12-30", "2018-01-02", "2018-02-03",
                                                  "2018-03-04"]))
    assert out["m"].dt.month.tolist() == [1, 2, 3, 4] and out["m"].dt.year.eq(2016).all()
    assert out["n"].tolist()[:2] == [6081896, 1234] and pd.isna(out["n"][2])
    assert out["p"].tolist() == pytest.approx([0.45, 0.12, 0.03, 0.40])
    assert out["u"].tolist() == [12, 3.5, 7, 1]
    assert out["t"].tolist() == df["t"].tolist()
    assert {p.column: p.kind for p in parsed} == {"d": "date", "m": "date", "n": "number",
                                                  "p": "number", "u": "number"}
    assert next(p for p in parsed if p.column == "u").unit == "km"
    assert df["n"].tolist()[0] == "6,081,896"  # the user's frame is untouched


def test_mostly_text_stays_text_and_unreadable_values_are_reported():
    mostly = pd.DataFrame({"x": ["12", "13", "abc", "14"]})
    assert parse_text_columns(mostly)[1] == []
    values = [str(i) for i in range(40)] + ["approx. 7"]
    out, parsed = parse_text_columns(pd.DataFrame({"x": values}))
    assert out["x"].isna().sum() == 1 and parsed[0].n_unparsed == 1
    assert "approx. 7" in parsed[0].note()


def test_month_year_column_with_words_that_are_not_months():
    """A season or a word before a year ("Spring 2006") is not a month: that cell stays
    missing and is reported; the column and the question never fail."""
    months = [f"{m} {y}" for y in (2004, 2005, 2006) for m in ("Jan", "March", "Sep", "Dec")]
    df = pd.DataFrame({"opened": months + ["Spring 2006", "\u2014"],
                       "site": [f"s{i}" for i in range(14)]})
    out, parsed = parse_text_columns(df)
    assert out["opened"].dt.month.tolist()[:12] == [1, 3, 9, 12] * 3
    assert out["opened"].dt.year.tolist()[:12] == [2004] * 4 + [2005] * 4 + [2006] * 4
    assert out["opened"].isna().tolist()[12:] == [True, True]
    assert next(p for p in parsed if p.column == "opened").n_unparsed == 1
    ans = nbdatachat.ask(df, "how many rows are there")
    assert ans.status == "answered" and ans.value == 14


def test_questions_use_the_parsed_values(orders):
    a = nbdatachat.ask(orders, "total amount by month")
    assert a.status == "answered", a.text
    when = pd.to_datetime(orders["Order Date"], format="%m/%d/%y")
    amount = orders["Amount"].str.replace(r"[$,]", "", regex=True).astype(float)
    want = amount.groupby(when.dt.to_period("M").dt.start_time).sum()
    np.testing.assert_allclose(a.table["sum_Amount"].to_numpy(), want.to_numpy())
    assert any("'Amount' holds numbers written as text" in n for n in a.notes)
    ns = {"df": orders}
    exec(a.code, ns)
    pd.testing.assert_frame_equal(ns["result"], a.table, check_dtype=False)
    weight = orders["Weight"].str.replace(" kg", "").astype(int)
    b = nbdatachat.ask(orders, "average weight for retail")
    assert b.value == pytest.approx(weight[orders.Segment == "Retail"].mean())
    pop = orders["Population"].str.replace(r"\[a\]|,", "", regex=True).astype(int)
    c = nbdatachat.ask(orders, "what is the maximum population")
    assert c.value == pop.max()


def test_one_profile_for_every_front_end(orders):
    by_name = {p.name: p for p in profile(orders)}
    assert by_name["Amount"].kind == "number" and by_name["Amount"].parsed == "number"
    assert by_name["Amount"].to_dict()["parsed_from_text"] == "number"
    assert profile(orders, parse_text=False)[2].kind == "text"
    src = nbdatachat.query.open_source(orders, name="orders_text")
    assert src.schema.col("Amount").kind == "number" and src.schema.col("Amount").parsed
    assert src.schema.col("Order Date").kind == "datetime"
    assert type(src.schema.col("Segment")) is type(by_name["Segment"])


def test_a_figure_with_a_second_one_in_brackets_reads_as_the_first():
    """"3 (8)": a value in two units (per km², per sq mi) or with its points; the figure
    before the brackets is the value, said in the note. Names with a bracket ("Ames (2)")
    and times ("1:57.40 (1392)") stay text."""
    df = pd.DataFrame({
        "Density /km² (/sq mi)": ["3 (8)", "7 (18)", "1 (3)", "12", "5 (13)"],
        "Scorer": ["Ames (2)", "Bell", "Cole (1)", "Dunn (3)", "Eyre"],
        "Time (pts)": ["1:57.40 (1392)", "2:01.10 (1340)", "1:59.02 (1370)",
                       "2:03.44 (1310)", "2:00.00 (1350)"],
        "Town": ["Ayr", "Bute", "Crail", "Dunoon", "Elgin"],
    })
    out, parsed = parse_text_columns(df)
    assert out["Density /km² (/sq mi)"].tolist() == [3, 7, 1, 12, 5]
    assert out["Scorer"].tolist() == df["Scorer"].tolist()
    assert out["Time (pts)"].tolist() == df["Time (pts)"].tolist()
    (p,) = parsed
    assert p.kind == "number" and p.brackets and "before its brackets" in p.note()
    a = nbdatachat.ask(df, "which town has the lowest density?")
    assert a.status == "answered" and a.value == "Crail", a.text
    ns = {"df": df}
    exec(a.code, ns)
    assert ns["result"].iloc[0]["Town"] == "Crail"


def test_brackets_that_may_be_asked_for_keep_the_cell_as_text():
    """A header bracket naming another amount ("Faults (pts)": the points are in the
    brackets) or a year with an amount beside it ("1975 (12 years)") is not read as the
    first figure: a question may ask for either."""
    df = pd.DataFrame({
        "Jump Faults (pts)": ["40 (1160)", "12 (1188)", "28 (1172)", "64 (1136)"],
        "Completed": ["1975 (12 years)", "1983 (21 years)", "1983 (9 years)",
                      "1999 (26 years)"],
        "Height m (ft)": ["12 (39)", "30 (98)", "8 (26)", "21 (69)"],
    })
    out, parsed = parse_text_columns(df)
    assert out["Jump Faults (pts)"].tolist() == df["Jump Faults (pts)"].tolist()
    assert out["Completed"].tolist() == df["Completed"].tolist()
    assert out["Height m (ft)"].tolist() == [12, 30, 8, 21]
    assert [p.column for p in parsed] == ["Height m (ft)"]
