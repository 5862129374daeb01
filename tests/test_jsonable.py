"""frame_records: the JSON records of a frame, the same values and types for every dtype as
reading the rows with ``itertuples`` (the reference implementation kept here)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from nbdatachat.jsonable import frame_records, to_jsonable


def reference(df: pd.DataFrame) -> list[dict]:
    cols = [str(c) for c in df.columns]
    return [{c: to_jsonable(v) for c, v in zip(cols, row)}
            for row in df.itertuples(index=False, name=None)]


FRAMES = {
    "dates": lambda: pd.DataFrame({"d": pd.to_datetime(["2020-01-01", None, "2021-05-03"]),
                                   "x": [1, 2, 3]}),
    "tz": lambda: pd.DataFrame({"d": pd.to_datetime(["2020-01-01", None]).tz_localize("UTC")}),
    "categorical and nullable": lambda: pd.DataFrame({
        "c": pd.Categorical(["a", None, "b"]), "i": pd.array([1, None, 3], dtype="Int64")}),
    "booleans": lambda: pd.DataFrame({"b": [True, False],
                                      "nb": pd.array([True, None], dtype="boolean")}),
    "text and non-finite": lambda: pd.DataFrame({"s": ["a", None, "c"],
                                                 "f": [1.5, np.nan, np.inf]}),
    "periods and durations": lambda: pd.DataFrame({
        "p": pd.period_range("2020-01", periods=3, freq="M"),
        "td": pd.to_timedelta([1, 2, None], unit="D")}),
    "duplicate names": lambda: pd.DataFrame([[1, 2.5], [3, 4.5]], columns=["a", "a"]),
    "no rows": lambda: pd.DataFrame({"a": []}),
    "no columns": lambda: pd.DataFrame(index=range(3)),
    "python objects": lambda: pd.DataFrame({"o": [dt.date(2020, 1, 1), "x", 3]}),
    "integer names": lambda: pd.DataFrame({0: [1, 2], 1: [3, 4]}),
    "small dtypes": lambda: pd.DataFrame({"u": np.array([1, 2], dtype=np.uint64),
                                          "f32": np.array([0.1, 0.2], dtype=np.float32)}),
    "arrow": lambda: pd.DataFrame({"a": pd.array([1.5, None], dtype="float64[pyarrow]"),
                                   "s": pd.array(["x", None], dtype="string[pyarrow]")}),
    "ints beside floats": lambda: pd.DataFrame({"i": [2**62, -5], "f": [1e308, -0.0]}),
}


@pytest.mark.parametrize("name", FRAMES)
def test_frame_records_matches_itertuples(name):
    df = FRAMES[name]()
    got, want = frame_records(df), reference(df)
    assert got == want
    assert [[type(v) for v in r.values()] for r in got] == \
        [[type(v) for v in r.values()] for r in want]
