"""Numbers with a scale word ("20 million", "$5k") compared with a column in the unit its
header names ("Gross ($m)", "Revenue (USD billions)", "Viewers (m)"), and "from <year>":
checked against pandas on tables written here; the readings that must ask back."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask
from nbdatachat.planner.compare import column_scale


@pytest.fixture(scope="module")
def films() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [2001, 2003, 2003, 2005, 2008, 2010, 2012],
        "Title": ["Dawn", "Echo", "Frost", "Gale", "Haze", "Iris", "Jade"],
        "Gross ($m)": [12.5, 40.0, 8.1, 22.3, 55.0, 5.5, 31.0],
    })


@pytest.mark.parametrize("name, factor", [
    ("Gross ($m)", 1e6), ("Population (millions)", 1e6), ("Revenue (USD billions)", 1e9),
    ("Attendance ('000)", 1e3), ("Sales ($K)", 1e3), ("GDP (bn)", 1e9),
    ("Height (m)", None), ("Box office", None), ("Size m2", None)])
def test_the_scale_a_header_names(name, factor):
    assert column_scale(name) == factor


def test_millions_against_a_column_in_millions(films):
    a = ask(films, "how many films grossed over 20 million?")
    assert a.status == "answered", a.text
    assert a.value == int((films["Gross ($m)"] > 20).sum()) == 4
    b = ask(films, "how many films grossed between 10 and 30 million?")
    assert b.value == int(films["Gross ($m)"].between(10, 30).sum()) == 2


def test_a_plain_column_keeps_the_full_number():
    cities = pd.DataFrame({"City": ["A", "B", "C", "D"],
                           "Population": [1_200_000, 800_000, 5_400_000, 300_000]})
    a = ask(cities, "how many cities have a population over 1 million?")
    assert a.value == int((cities.Population > 1e6).sum()) == 2
    # "0.5 and 2 million": both ends in millions; "500,000 and 2 million": written in full
    for q in ("how many cities have a population between 0.5 and 2 million?",
              "how many cities have a population between 500,000 and 2 million?"):
        assert ask(cities, q).value == int(cities.Population.between(5e5, 2e6).sum()) == 2


def test_a_scale_the_column_cannot_hold_is_asked_back():
    cities = pd.DataFrame({"City": ["A", "B", "C", "D"], "Population": [1.2, 0.8, 5.4, 0.3]})
    a = ask(cities, "how many cities have a population over 1 million?")
    assert a.status != "answered"
    assert "far above every value" in a.text
    lakes = pd.DataFrame({"Lake": ["A", "B", "C"], "Elevation m": [150, 250, 400]})
    assert ask(lakes, "which lake is at an elevation above 193m?").status != "answered"


def test_a_spelled_scale_names_a_bare_letter():
    shows = pd.DataFrame({"Show": ["P", "Q", "R", "S"], "Viewers (m)": [8.2, 10.5, 12.1, 9.9]})
    a = ask(shows, "which show had over 10 million viewers?")
    assert a.status != "answered" or set(a.table["Show"]) == {"Q", "R"}
    b = ask(shows, "how many shows had over 10 million viewers?")
    assert b.value == 2


def test_from_a_year_is_that_year_unless_onwards(films):
    a = ask(films, "how many films from 2003?")
    assert a.value == int((films.Year == 2003).sum()) == 2
    b = ask(films, "how many films released from 2005 onwards?")
    assert b.value == int((films.Year >= 2005).sum()) == 4
    c = ask(films, "how many films from 2003 to 2008?")
    assert c.value == int(films.Year.between(2003, 2008).sum()) == 4


def test_a_name_with_its_code_in_brackets_is_that_name():
    medals = pd.DataFrame({"Nation": ["Norway (NOR)", "Kenya (KEN)", "Peru (PER)", "Chad (CHA)",
                                      "Great Britain (GBR)*"],
                           "Gold": [3, 2, 1, 0, 0], "Total": [4, 7, 1, 2, 3]})
    a = ask(medals, "how many gold medals did kenya win?")
    assert a.status == "answered" and a.value == 2
    assert ask(medals, "total of great britain").value == 3
    # a country the table does not hold is a name read by nothing, never the rows' noun
    b = ask(medals, "how many total medals have the maldives won?")
    assert b.status != "answered" and "maldives" in b.text


def test_how_many_things_over_a_number_counts_them():
    medals = pd.DataFrame({"Nation": ["A", "B", "C", "D", "E"],
                           "Total": [4, 7, 1, 1, 0]})
    for q in ("how many countries got at least 3 medals total?",
              "how many teams took more than 2 medals total?"):
        a = ask(medals, q)
        assert a.status == "answered" and a.value == int((medals.Total > 2).sum()) == 2, a.text


@pytest.mark.parametrize("question, expected", [
    ("which films grossed over twenty million?", ["Echo", "Gale", "Haze", "Jade"]),
    ("how many films grossed at least half a million?", 7),
])
def test_a_scale_after_a_number_word(films, question, expected):
    # "twenty million" reads as 20,000,000 as "20 million" does, and the header's $m scale
    # applies to it
    a = ask(films, question)
    assert a.status == "answered", a.text
    assert a.value == expected


def test_a_scale_word_alone_is_not_a_number():
    from nbdatachat.planner.tokens import tokenize

    toks = tokenize("the million dollar question")
    assert [t.kind for t in toks] == ["word"] * 4
    assert [t.value for t in tokenize("over five million")][-1] == 5_000_000
