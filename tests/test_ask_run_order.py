"""Whether a column of years or dates runs in order down the table (issue 12): "is the
year column in consecutive order?" answered Yes/No from the engine's count of steps down and of
skipped years, the generated code agreeing, and the readings that stay unanswered."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _seasons(years: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"Year": years, "Host": [f"Town {i}" for i in range(len(years))]})


def _run_code(a, d: pd.DataFrame) -> dict:
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    return scope["result"]


@pytest.mark.parametrize("years, want", [
    ([1981, 1982, 1982, 1983, 1984], "Yes"),   # the same year twice is still in order
    ([1984, 1983, 1982], "No"),                # going down
    ([1981, 1983, 1982, 1984], "No"),          # one step down
])
def test_years_in_consecutive_order(years, want):
    d = _seasons(years)
    for q in ("is the year column in consecutive order?", "are the listed years all consecutive?",
              "is the year listed in a consecutive order?"):
        a = ask(d, q)
        assert a.status == "answered", (q, a.text)
        assert a.value == want
    res = _run_code(ask(d, "is the year column in consecutive order?"), d)
    assert (res["descents"] > 0) == (want == "No")


def test_years_that_skip_some_are_not_answered():
    # in order, but 1983 is missing: "consecutive" may mean either, so no yes or no
    d = _seasons([1981, 1982, 1984, 1985])
    a = ask(d, "is the year column in consecutive order?")
    assert a.status != "answered"
    assert "skips" in a.text


def test_dates_only_need_to_go_up():
    d = pd.DataFrame({"Date": pd.to_datetime(["2019-02-01", "2019-06-30", "2020-01-15"]),
                      "Venue": ["Arles", "Nîmes", "Sète"]})
    a = ask(d, "are the dates all in consecutive order?")
    assert (a.status, a.value) == ("answered", "Yes")
    e = d.iloc[[1, 0, 2]].reset_index(drop=True)
    assert ask(e, "are the dates all in consecutive order?").value == "No"


@pytest.mark.parametrize("q", [
    "are the hosts in consecutive order?",              # not years or dates
    "is the year column in consecutive order after 1982?",   # something else asked
])
def test_other_columns_or_more_words_are_not_read(q):
    assert ask(_seasons([1981, 1982, 1983, 1984]), q).status != "answered"
