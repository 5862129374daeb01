"""A plan that would show only what the question fixed (issue 12): rows whose every shown
column is held to one value by the question ("who rode <a horse> in 1980" answered with the
horse and the year) repeat the question, so the sanity gate refuses them; a plan that
shows another column, or lists rows over a range, passes. Real schema and reading of a
small table written here."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat.planner.constituents import Incomplete
from nbdatachat.planner.plan import Filter, RowsPlan
from nbdatachat.planner.plan_sanity import check_plan_sanity
from nbdatachat.planner.reader import read
from nbdatachat.query.source import open_source


@pytest.fixture
def schema():
    t = pd.DataFrame({"Year": [1978, 1979, 1980, 1981, 1982, 1983],
                      "Winner": ["Comet", "Dasher", "Flint", "Gale", "Hobnob", "Ivy"],
                      "Jockey": ["A. Ames", "B. Brook", "C. Cole", "D. Dunn", "E. Eby",
                                 "F. Fahy"]})
    return open_source(t).schema


def _fixed() -> list[Filter]:
    return [Filter("Year", "=", 1980), Filter("Winner", "=", "Flint")]


def test_showing_only_the_fixed_columns_is_refused(schema):
    r = read("who rode flint in 1980?", schema)
    with pytest.raises(Incomplete, match="only show the values the question gives"):
        check_plan_sanity(r, schema, RowsPlan(columns=["Winner", "Year"], filters=_fixed()))


def test_showing_another_column_passes(schema):
    r = read("who rode flint in 1980?", schema)
    check_plan_sanity(r, schema, RowsPlan(columns=["Jockey", "Winner", "Year"],
                                          filters=_fixed()))


def test_a_range_is_not_a_fixed_value(schema):
    r = read("which winners came after 1980?", schema)
    check_plan_sanity(r, schema, RowsPlan(columns=["Year"], filters=[Filter("Year", ">", 1980)]))
