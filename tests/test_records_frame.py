"""Records -> DataFrame: the fast path for clean numeric records gives exactly the frame of
the general path (pandas' ``from_records`` + ``clean_frame``), and declines everything else."""

from __future__ import annotations

import math
import random

import pandas as pd
import pytest

from nbdatachat.data.readers import clean_frame
from nbdatachat.data.records import numeric_records_frame
from nbdatachat.data.sources import records_to_frame


def general(records: list[dict]) -> pd.DataFrame:
    return clean_frame(pd.DataFrame.from_records(list(records)), drop_blank_rows=False)


SEED = [{"sales": 100, "marketing": 50, "price": 25},
        {"sales": 150, "marketing": 75, "price": 30},
        {"sales": 120, "marketing": 60, "price": 28}]


def test_seed_records_take_the_fast_path_and_match():
    fast = numeric_records_frame(SEED)
    assert fast is not None
    pd.testing.assert_frame_equal(fast, general(SEED))
    assert list(fast.dtypes.astype(str)) == ["int64", "int64", "int64"]
    pd.testing.assert_frame_equal(records_to_frame(SEED), general(SEED))


def _value(rng: random.Random, kind: str) -> object:
    if kind == "int":
        return rng.choice([0, 1, -7, 10**6, 2**62, -(2**63), 2**63 - 1, rng.randint(-999, 999)])
    if kind == "float":
        return rng.choice([0.0, -0.0, 1.5, 1e-300, 1e300, math.nan, math.inf, -math.inf,
                           rng.uniform(-1e6, 1e6)])
    return rng.choice([0, 1.25, 3])  # mixed int/float column


@pytest.mark.parametrize("seed", range(40))
def test_random_numeric_records_match_the_general_path(seed):
    rng = random.Random(seed)
    keys = rng.sample(["a", "b", "x1", "Sales (USD)", "ÿ", "price", "n"], rng.randint(1, 5))
    kinds = {k: rng.choice(["int", "float", "mixed"]) for k in keys}
    records = []
    for _ in range(rng.randint(1, 30)):
        row = {k: _value(rng, kinds[k]) for k in keys}
        if rng.random() < 0.3:  # another key order in some records
            row = dict(reversed(list(row.items())))
        records.append(row)
    fast = numeric_records_frame(records)
    assert fast is not None
    pd.testing.assert_frame_equal(fast, general(records))


@pytest.mark.parametrize("records", [
    [{"a": 1, "b": None}, {"a": 2, "b": 3}],           # missing value
    [{"a": 1}, {"a": 2, "b": 3}],                       # missing key
    [{"a": 1, "b": 2}, {"a": 2, "c": 3}],               # other keys
    [{"a": True, "b": 1}, {"a": False, "b": 2}],        # booleans
    [{"a": "1,200", "b": 1}, {"a": "3", "b": 2}],       # text numbers
    [{"a": 2**64, "b": 1}, {"a": 1, "b": 2}],           # beyond int64
    [{" a": 1}, {" a": 2}],                             # untidy header
    [{"a  b": 1}, {"a  b": 2}],
    [{"": 1}, {"": 2}],
    [{"Unnamed: 0": 1}, {"Unnamed: 0": 2}],
    [{1: 1}, {1: 2}],                                   # non-text key
    [{"a": [1]}, {"a": [2]}],                           # nested values
    [{"a": 1}, [1]],                                    # not a record
    [],
])
def test_anything_else_takes_the_general_path(records):
    assert numeric_records_frame(records) is None
