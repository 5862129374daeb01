"""Result tables built lazily (``LazyFrames``): the JSON is the same as the built frame's
records, the frame is built only when read, and columns pandas would retype go through it."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from nbdatachat import run_tool
from nbdatachat.jsonable import frame_records
from nbdatachat.tools.base import LazyFrames, ToolResult

ROWS = [{"sales": 100, "marketing": 50, "price": 25},
        {"sales": 150, "marketing": 75, "price": 30},
        {"sales": 120, "marketing": 60, "price": 28},
        {"sales": 170, "marketing": 80, "price": 26},
        {"sales": 90, "marketing": 40, "price": 27}]


def test_linear_regression_json_matches_its_frames():
    r = run_tool("linear_regression", dataset=ROWS, target="sales",
                 features=["marketing", "price"])
    d = r.to_dict()
    assert r.tables._frames == {}  # the JSON did not build the frame
    table = r.tables["coefficient_table"]
    assert isinstance(table, pd.DataFrame)
    assert d["coefficient_table"] == frame_records(table)
    assert list(table["term"]) == ["marketing", "price", "intercept"]
    fitted = r.plot_data["fitted"]
    assert list(fitted.columns) == ["actual", "fitted", "residual"]
    assert fitted["actual"].tolist() == [100, 150, 120, 170, 90]
    assert r.to_dict() == d  # reading the frames changes nothing


@pytest.mark.parametrize("columns", [
    {"a": [1.5, None, math.nan], "b": ["x", None, "z"], "c": [None, None, None]},
    {"i": [1, 2, 3], "t": [True, False, True]},
    {"i": [1, None, 3]},          # pandas makes these floats (1.0)
    {"m": [1, 2.5, 3]},           # and these
    {"b": [True, None, False]},   # object column
    {"x": [math.inf, -0.0, 1e308]},
])
def test_records_equal_the_built_frames_records(columns):
    lazy = LazyFrames(t=columns)
    direct = lazy.records("t")
    assert direct == frame_records(pd.DataFrame(columns))
    assert [[type(v) for v in r.values()] for r in direct] == \
        [[type(v) for v in r.values()] for r in frame_records(pd.DataFrame(columns))]


def test_mapping_behaviour_and_builders():
    calls = []

    def build() -> pd.DataFrame:
        calls.append(1)
        return pd.DataFrame({"a": [1]})

    lazy = LazyFrames(f=build, g={"b": [2.0]})
    assert list(lazy) == ["f", "g"] and len(lazy) == 2 and "f" in lazy and "h" not in lazy
    assert lazy.get("h") is None
    assert lazy["f"] is lazy["f"] and calls == [1]
    result = ToolResult("x", tables=lazy)
    assert result.to_dict()["f"] == [{"a": 1}] and result.to_dict()["g"] == [{"b": 2.0}]
    with pytest.raises(KeyError):
        lazy["h"]
