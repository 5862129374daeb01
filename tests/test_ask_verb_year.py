"""A verb that names a column of years or dates, then "in <year>" (issue 12): "who took
office in 1977" filters the column the verb names ("Took office"), not the table's first
time column, and "who" / "which <noun>" answers with the rows' names or that noun's
column. A year no named column holds, a verb naming no column, a state ("in office") and a
noun that is only a part of a column's name are refused or asked back, never read as the
first time column. Small tables written here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask

_NAMES = ["Ann Hale", "Bo Lind", "Cy Marsh", "Di Rowe", "Ed Stone", "Fay Quinn", "Gus Vale",
          "Hal Wren", "Ida Fox", "Jon Pike", "Kit Moss", "Lee Dunn"]


def _holders() -> pd.DataFrame:
    # office holders with whole-number years in columns named by verbs, not "Year"
    took = [1961, 1965, 1969, 1973, 1977, 1981, 1985, 1989, 1993, 1997, 2001, 2005]
    return pd.DataFrame({"Name": _NAMES, "Took office": took,
                         "Left office": took[1:] + [2009],
                         "Party": ["Red", "Blue", "Red", "Green"] * 3})


def _dated_holders() -> pd.DataFrame:
    # the same with days written as text (read as dates): both columns hold every year
    took = ["3 March 1961", "9 May 1965", "1 June 1969", "4 July 1973", "20 January 1977",
            "2 April 1981", "5 May 1985", "6 June 1989", "7 July 1993", "8 August 1997",
            "9 September 2001", "10 October 2005"]
    return pd.DataFrame({"Name": _NAMES, "Took office": took,
                         "Left office": took[1:] + ["11 November 2009"],
                         "Party": ["Red", "Blue"] * 6})


def _members() -> pd.DataFrame:
    return pd.DataFrame({
        "Member": _NAMES, "Party": ["Red", "Blue", "Green"] * 4,
        "State": ["North", "South", "East"] * 4,
        "First elected": [1990, 1994, 1994, 1998, 2002, 2004, 2004, 2007, 2010, 2013, 2016,
                          2019]})


def _albums() -> pd.DataFrame:
    return pd.DataFrame({
        "Album": [f"Record {c}" for c in "ABCDEFGHIJKL"],
        "Released": [1991, 1993, 1995, 1997, 1999, 2001, 2003, 2005, 2005, 2009, 2011, 2013],
        "Label": ["Apex", "Bolt"] * 6,
        "Peak": [3, 1, 7, 2, 9, 4, 5, 8, 6, 10, 11, 12]})


def _fleet() -> pd.DataFrame:
    # engines that began service and were withdrawn: "in service in <year>" is a span
    return pd.DataFrame({
        "Number": [101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112],
        "Builder": ["Ames", "Birch"] * 6,
        "Began service": [1905, 1905, 1908, 1910, 1910, 1912, 1915, 1915, 1920, 1921,
                            1925, 1930],
        "Withdrawn": [1950, 1951, 1952, 1953, 1954, 1955, 1956, 1957, 1958, 1959, 1960,
                      1961]})


def _years(col: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(col):
        return col
    return pd.to_datetime(col, format="%d %B %Y").dt.year


def _answered(a) -> list:
    assert a.status == "answered", (a.text, a.interpretation)
    return a.value if isinstance(a.value, list) else [a.value]


@pytest.mark.parametrize("frame", [_holders, _dated_holders])
@pytest.mark.parametrize("verb, col", [("took", "Took office"), ("left", "Left office")])
def test_who_with_a_verb_and_a_year_is_the_row_of_that_column(frame, verb, col):
    t = frame()
    years = _years(t[col])
    want = t.loc[years == 1977, "Name"].tolist()
    assert len(want) == 1
    assert _answered(ask(t, f"who {verb} office in 1977?")) == want
    # the two columns disagree about 1977, so reading the first time column would be wrong
    other = "Left office" if col == "Took office" else "Took office"
    assert t.loc[_years(t[other]) == 1977, "Name"].tolist() != want


def test_which_noun_with_a_verb_and_a_year_answers_with_that_noun():
    t = _holders()
    a = ask(t, "which party took office in 1981?")
    assert _answered(a) == t.loc[t["Took office"] == 1981, "Party"].tolist()


@pytest.mark.parametrize("q", ["who was elected in 2002?", "who was first elected in 2002?"])
def test_a_participle_that_is_part_of_a_column_name_names_it(q):
    t = _members()
    assert _answered(ask(t, q)) == t.loc[t["First elected"] == 2002, "Member"].tolist()


def test_every_row_of_the_year_is_named():
    t = _members()
    a = ask(t, "who was elected in 2004?")
    assert a.status == "answered", a.text
    assert sorted(a.table["Member"]) == sorted(t.loc[t["First elected"] == 2004, "Member"])


@pytest.mark.parametrize("q", ["which album was released in 1999?",
                               "what album was released in 1999?"])
def test_which_album_was_released(q):
    t = _albums()
    assert _answered(ask(t, q)) == t.loc[t["Released"] == 1999, "Album"].tolist()


def test_a_count_of_a_verb_and_a_year():
    t = _albums()
    a = ask(t, "how many of the albums were released in 2005?")
    assert _answered(a) == [int((t["Released"] == 2005).sum())]
    assert a.value == 2


@pytest.mark.parametrize("q", [
    "who took office in 1850?",   # a year outside both columns
    "who left office in 2030?",
    "who retired in 1977?",
])
def test_no_column_named_or_no_year_held_is_not_answered(q):
    a = ask(_holders(), q)
    assert a.status != "answered", (q, a.text, a.value)


def test_served_in_a_year_over_a_start_and_its_end_is_every_term_reaching_it():
    # "served" names neither column; over a start and its end it is a term reaching the year
    t = _holders()
    a = ask(t, "who served in 1977?")
    want = t.loc[(t["Took office"] <= 1977) & (t["Left office"] >= 1977), "Name"].tolist()
    assert _answered(a) == want == ["Di Rowe", "Ed Stone"]


def test_a_state_is_not_the_column_of_its_start():
    # "in service in 1915" is the engines running then, not those that began in 1915
    t = _fleet()
    a = ask(t, "how many engines were in service in 1915?")
    assert a.status != "answered" or a.value == int(
        ((t["Began service"] <= 1915) & (t["Withdrawn"] > 1915)).sum()), a.text


def test_a_year_the_named_column_does_not_hold_is_not_read_on_it():
    t = _members()
    a = ask(t, "who was elected in 1980?")
    assert a.status != "answered", (a.text, a.value)


# --- before / after / since / until / prior to <year>: the column the verb names ------------

def _players(dated: bool) -> pd.DataFrame:
    # two columns of years (or of days written as text) whose ranges overlap, so the
    # first time column (Born) gives other rows than the one the verb names (Drafted)
    born = [1960 + 2 * k for k in range(12)]
    drafted = [1978 + 2 * k for k in range(12)]
    if dated:
        return pd.DataFrame({"Player": _NAMES,
                             "Born": [f"{k + 1} March {y}" for k, y in enumerate(born)],
                             "Drafted": [f"{k + 2} June {y}" for k, y in enumerate(drafted)],
                             "Club": ["Oaks", "Elms", "Pines"] * 4})
    return pd.DataFrame({"Player": _NAMES, "Year born": born, "Year drafted": drafted,
                         "Club": ["Oaks", "Elms", "Pines"] * 4})


def _col(t: pd.DataFrame, word: str) -> pd.Series:
    return _years(t[next(c for c in t.columns if word in c.lower())])


@pytest.mark.parametrize("dated", [True, False])
@pytest.mark.parametrize("q, word, keep", [
    ("which players were drafted before 1984?", "drafted", lambda y: y < 1984),
    ("who was drafted prior to 1984?", "drafted", lambda y: y < 1984),
    ("which players were born after 1976?", "born", lambda y: y > 1976),
])
def test_a_verb_before_a_comparative_year_names_the_column(dated, q, word, keep):
    t = _players(dated)
    want = t.loc[keep(_col(t, word)), "Player"].tolist()
    other = "born" if word == "drafted" else "drafted"
    assert want != t.loc[keep(_col(t, other)), "Player"].tolist()
    assert _answered(ask(t, q)) == want


@pytest.mark.parametrize("dated", [True, False])
@pytest.mark.parametrize("q, word, keep", [
    ("how many players were drafted after 1990?", "drafted", lambda y: y > 1990),
    ("how many players were drafted since 1990?", "drafted", lambda y: y >= 1990),
    ("how many players were drafted until 1982?", "drafted", lambda y: y <= 1982),
    ("how many of them were born prior to 1979?", "born", lambda y: y < 1979),
    ("how many players were drafted between 1980 and 1986?", "drafted",
     lambda y: (y >= 1980) & (y <= 1986)),
])
def test_counts_on_the_side_of_a_year_use_the_named_column(dated, q, word, keep):
    t = _players(dated)
    want = int(keep(_col(t, word)).sum())
    other = "born" if word == "drafted" else "drafted"
    assert want != int(keep(_col(t, other)).sum())
    assert _answered(ask(t, q)) == [want]

