"""Years written as text with notes (issue 12): "1961 (tie)", "c. 1850", "1919†", "1998[3]"
in a column where (nearly) every value is such a year are read as years, so filters by year,
order and first / last use them. A cell with a second year ("1943, 1944", "1998–99") stays
unread (reported), and columns of seasons, year ranges or event names that start with a year
stay text. Small tables written here; expected values computed with pandas."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from nbdatachat import ask
from nbdatachat.data.text_values import parse_text_columns

_CELLS = ["1951", "1953 (tie)", "1953 (tie)", "1955\u2020", "1957[2]", "c. 1959", "1961",
          "1963 (shared)", "1963 (shared)", "1965", "1967", "ca. 1969"]


def _awards() -> pd.DataFrame:
    return pd.DataFrame({"Year": _CELLS, "Winner": [f"Crew {c}" for c in "ABCDEFGHIJKL"],
                         "Score": [70, 71, 74, 68, 69, 72, 66, 75, 70, 67, 73, 65]})


def _year(cell: str) -> int:
    return int(re.search(r"\d{4}", cell).group())


def _years() -> pd.Series:
    return pd.Series([_year(c) for c in _CELLS])


def test_years_with_notes_win_over_plain_numbers_that_leave_them_unread():
    cells = [str(y) for y in range(1980, 1998)] + ["1997 (Jan)", "1997 (Dec)"]
    out, parsed = parse_text_columns(pd.DataFrame({"Year": cells}))
    assert out["Year"].tolist() == [_year(c) for c in cells]
    assert [(p.kind, p.n_unparsed) for p in parsed] == [("year", 0)]


def test_years_with_notes_are_read_as_years():
    out, parsed = parse_text_columns(_awards())
    assert out["Year"].tolist() == _years().tolist()
    assert [(p.column, p.kind, p.n_unparsed) for p in parsed] == [("Year", "year", 0)]


def test_a_cell_with_two_years_stays_unread_and_is_reported():
    cells = _CELLS[:-1] + ["1967, 1968"]
    out, parsed = parse_text_columns(pd.DataFrame({"Year": cells, "N": range(12)}))
    assert out["Year"].iloc[:-1].tolist() == _years().iloc[:-1].tolist()
    assert pd.isna(out["Year"].iloc[-1])
    assert parsed[0].n_unparsed == 1 and "1967, 1968" in parsed[0].note()


@pytest.mark.parametrize("cells", [
    [f"{y}\u2013{(y + 1) % 100:02d}" for y in range(1990, 2002)],      # seasons
    [f"{y} Grand Prix" for y in range(1990, 2002)],                     # events named by year
    [f"{y}s" for y in range(1900, 2020, 10)],                           # decades
    [str(y) for y in range(1990, 2002)],                                # plain: the numbers'
])
def test_other_columns_that_start_with_a_year_are_not_years_with_notes(cells):
    out, parsed = parse_text_columns(pd.DataFrame({"When": cells}))
    assert [p.kind for p in parsed] in ([], ["number"])


@pytest.mark.parametrize("q, keep", [
    ("how many crews won before 1960?", lambda y: y < 1960),
    ("how many crews won after 1955?", lambda y: y > 1955),
    ("how many crews won between 1953 and 1963?", lambda y: (y >= 1953) & (y <= 1963)),
])
def test_counts_by_a_year_with_notes(q, keep):
    a = ask(_awards(), q)
    assert a.status == "answered", a.text
    assert a.value == int(keep(_years()).sum())


def test_the_rows_of_a_year_written_with_a_note():
    t = _awards()
    a = ask(t, "who won in 1963?")
    assert a.status == "answered", a.text
    assert a.value == t.loc[_years() == 1963, "Winner"].tolist()
    a = ask(t, "what was the score in 1959?")
    assert a.status == "answered", a.text
    assert a.value == int(t.loc[_years() == 1959, "Score"].iloc[0])


def test_first_and_last_follow_the_years():
    # rows out of year order: first / last by the years, not by the table's order
    t = _awards().iloc[[5, 0, 11, 3, 1, 8, 2, 9, 4, 10, 6, 7]].reset_index(drop=True)
    years = pd.Series([_year(c) for c in t["Year"]])
    first = ask(t, "who won in the first year?")
    assert first.status == "answered", first.text
    assert first.value == t.loc[years.idxmin(), "Winner"]
    low = ask(t, "which year had the lowest score?")
    assert low.status == "answered", low.text
    assert low.value == years[t["Score"].idxmin()]


def _clubs() -> pd.DataFrame:
    # years written as numbers, but two start years only roughly ("pre-1931", "late 1920s")
    started = ["pre-1931", "late 1920s"] + [str(1930 + 3 * k) for k in range(22)]
    return pd.DataFrame({"Club": [f"Club {k}" for k in range(24)], "Year started": started,
                         "Year ended": [str(1960 + 2 * k) for k in range(24)]})


@pytest.mark.parametrize("q", ["how many clubs started before 1940?",
                               "how many clubs started between 1925 and 1945?"])
def test_a_side_of_a_year_is_refused_when_some_years_did_not_read(q):
    a = ask(_clubs(), q)
    assert a.status != "answered", (a.text, a.value)
    assert "Some values of 'Year started'" in a.text and "pre-1931" in a.text


def test_other_readings_of_such_a_column_still_answer():
    t = _clubs()
    a = ask(t, "how many clubs started in 1951?")
    assert a.status == "answered", a.text
    assert a.value == int((t["Year started"] == "1951").sum()) == 1
    # "pre-1931" and "late 1920s" are not after 1950 whatever they mean: the count holds
    a = ask(t, "how many clubs started after 1950?")
    assert a.status == "answered", a.text
    assert a.value == int((pd.to_numeric(t["Year started"], errors="coerce") > 1950).sum())
    a = ask(t, "how many clubs ended before 1970?")
    assert a.status == "answered", a.text
    assert a.value == int((t["Year ended"].astype(int) < 1970).sum()) == 5


def test_a_counted_noun_of_years_is_not_a_verb_naming_the_column():
    # "how many years after 1990 ..." asks a difference of years, not rows of Year > 1990
    t = pd.DataFrame({"Year": [1984, 1986, 1990, 1990, 1993, 2004],
                      "Song": ["Red", "Blue", "Green", "Gold", "Grey", "Pink"]})
    a = ask(t, "how many years after 1990 did they have another song?")
    assert a.status != "answered" or a.value != int((t["Year"] > 1990).sum()), a.text
