"""One word naming several columns, told apart by the question's other words
(planner/column_words.py), checked against the frame; without such words the reader asks."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _towns() -> pd.DataFrame:
    return pd.DataFrame({
        "Town": ["Avonby", "Brill", "Coxley", "Dentham", "Eskdale"],
        "Residents (1991 Survey)": [1200, 5400, 3100, 800, 2600],
        "Residents (2011 Survey)": [1900, 5100, 4700, 750, 2500],
    })


def _relay() -> pd.DataFrame:
    return pd.DataFrame({
        "Team": ["Otters", "Herons", "Voles", "Wrens", "Stoats"],
        "Leg 1": [61.2, 59.8, 60.4, 62.0, 58.9],
        "Leg 2": [60.1, 61.5, 59.2, 60.8, 62.3],
        "Women's captain": ["Ines Vaz", "Mia Hoff", "Ola Nyx", "Rue Kim", "Sia Pell"],
        "Men's captain": ["Bo Lind", "Cy Marr", "Dov Aker", "Eli Frost", "Fen Sowe"],
    })


def test_a_year_and_a_word_of_the_header_pick_the_column():
    df = _towns()
    a = ask(df, "which town had the most residents in the 2011 survey?")
    assert a.status == "answered", a.text
    assert a.value == df.loc[df["Residents (2011 Survey)"].idxmax(), "Town"] == "Brill"
    b = ask(df, "which town had the fewest residents in the 1991 survey?")
    assert b.value == df.loc[df["Residents (1991 Survey)"].idxmin(), "Town"] == "Dentham"


def test_of_columns_tied_on_the_year_the_one_with_nothing_unsaid_is_picked():
    df = pd.DataFrame({"Land": ["Avonia", "Brillia", "Coxland", "Denmoor"],
                       "Output (units, 2015)": [410, 380, 120, 95],
                       "Output (units adjusted, 2015)": [300, 460, 150, 60],
                       "Output (units, 2020)": [450, 390, 130, 90]})
    a = ask(df, "which land had the most output in units in 2015?")
    assert a.status == "answered", a.text
    assert a.value == df.loc[df["Output (units, 2015)"].idxmax(), "Land"] == "Avonia"
    # neither is said whole (the units not said): the reader does not pick one
    c = ask(df, "which land had the most output in 2015?")
    assert c.status != "answered", c.text


def test_an_ordinal_picks_the_numbered_column():
    df = _relay()
    a = ask(df, "how many teams had a first leg under 61?")
    assert a.status == "answered", a.text
    assert a.value == int((df["Leg 1"] < 61).sum()) == 3
    b = ask(df, "what was the otters' time in the second leg?")
    assert b.value == df.loc[df.Team == "Otters", "Leg 2"].iloc[0]


def test_female_and_male_pick_the_womens_and_mens_columns():
    df = _relay()
    a = ask(df, "who was the female captain of the voles?")
    assert a.status == "answered", a.text
    assert a.value == "Ola Nyx"


def test_without_such_words_the_reader_asks():
    a = ask(_towns(), "which town had the most residents?")
    assert a.status == "needs_clarification", a.text
    assert "Residents (1991 Survey)" in a.text and "Residents (2011 Survey)" in a.text


def test_a_city_asked_after_an_opening_clause_is_not_answered_with_a_number():
    df = pd.DataFrame({"Sum": ["Avonby", "Brill", "Coxley", "Dentham", "Eskdale"],
                       "Residents (1991)": [1200, 5400, 3100, 800, 2600],
                       "Residents (2011)": [1900, 5100, 4700, 750, 2500]})
    a = ask(df, "in 2011, what town had the most residents recorded?")
    assert not (a.status == "answered" and a.value == 5100), a.text


def test_of_a_name_and_another_column_the_name_names_the_things():
    df = pd.DataFrame({
        "Lift Name": ["Summit", "Larch", "Kestrel", "Bowl", "Ridge"],
        "Lift Manufacturer": ["Alto", "Bergwerk", "Alto", "Cimalift", "Bergwerk"],
        "Riders per hour": [2400, 1200, 1800, 900, 2000],
    })
    a = ask(df, "which lift has the lowest riders per hour?")
    assert a.status == "answered", a.text
    assert a.value == "Bowl"


def _grounds() -> pd.DataFrame:
    return pd.DataFrame({
        "Club": ["Rovers", "Athletic", "Albion", "United", "Wanderers"],
        "Ground": ["Mill Lane", "Quay Park", "The Meadow", "Kiln Road", "Hatch End"],
        "Capacity": [4200, 2900, 6100, 1800, 3500],
    })


def test_seats_name_a_capacity_column():
    # lexicon synonyms: capacity / seating / seat
    df = _grounds()
    a = ask(df, "which ground can seat the most people?")
    assert a.status == "answered", a.text
    assert a.value == "The Meadow"
    b = ask(df, "how many seats are there at quay park?")
    assert b.status == "answered", b.text
    assert b.value == 2900


@pytest.mark.parametrize("q, want", [
    # lexicon synonyms: capacity / hold / accommodate
    ("how many people can quay park hold?", "quay"),
    ("which ground holds the most people?", "max"),
    ("which ground can hold more people than quay park but fewer than the meadow?", "between"),
])
def test_holding_people_is_the_capacity(q, want):
    df = _grounds()
    a = ask(df, q)
    assert a.status == "answered", a.text
    cap = df.set_index("Ground")["Capacity"]
    expected = {"quay": cap["Quay Park"], "max": cap.idxmax(),
                "between": list(cap[(cap > cap["Quay Park"]) & (cap < cap["The Meadow"])].index)}
    got = a.value if not isinstance(expected[want], list) else (
        a.value if isinstance(a.value, list) else [a.value])
    assert got == expected[want]


def _provinces() -> pd.DataFrame:
    return pd.DataFrame({"Province": ["Alba", "Bera", "Cova", "Duna"],
                         "Area (km²)": [2531.7, 100.2, 3000.1, 840.0],
                         "Population": [10400, 20100, 5300, 8800]})


@pytest.mark.parametrize("q, want", [
    ("which one of the provinces has the most area?", "Cova"),
    ("what is the area of bera?", 100.2),
    ("how many provinces have an area over 1000?", 2),
])
def test_a_chart_kinds_word_names_its_one_column(q, want):
    # "area" is also a chart kind; with no chart asked for it is the Area (km²) column
    a = ask(_provinces(), q)
    assert a.status == "answered", a.text
    assert a.value == want


def test_a_chart_kinds_word_stays_a_chart_when_a_chart_is_asked_for():
    a = ask(_provinces(), "show an area chart of population by province")
    assert a.status == "answered" and a.plan.chart == "area", a.text
    b = ask(_provinces(), "how many provinces are there in this area?")
    assert b.status != "answered" or b.value == 4, b.text
