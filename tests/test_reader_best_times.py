"""A column headed "Best" (an athlete's best mark of each season) holding clocks with
fractions of a second is a column of elapsed times (planner/lengths.py, its holder words):
"the worst time" ranks its seconds, the largest being the worst. Small tables written here;
expected values come from pandas."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def test_worst_time_over_a_best_column():
    df = pd.DataFrame({"Season": [2019, 2020, 2021, 2022],
                       "Best": ["13:41.20", "13:12.05", "13:55.87", "13:30.44"],
                       "Meet": ["Oslo", "Rome", "Lyon", "Bern"]})
    a = ask(df, "which season had the worst time?")
    assert a.status == "answered", a.text
    secs = df.Best.map(lambda v: int(v.split(":")[0]) * 60 + float(v.split(":")[1]))
    assert str(df.Season[secs.idxmax()]) in str(a.value) and df.Season[secs.idxmax()] == 2021
    a = ask(df, "which season had the fastest time?")
    assert a.status == "answered", a.text
    assert "2020" in str(a.value)


def test_best_column_of_plain_numbers_is_no_time():
    df = pd.DataFrame({"Season": [2019, 2020, 2021],
                       "Best": [71, 64, 80], "Meet": ["Oslo", "Rome", "Lyon"]})
    a = ask(df, "which season had the worst time?")
    assert a.status != "answered" or "seconds of Best" not in str(a.to_dict())
