"""A climate summary written on its side (months across the top, one measure per row) is
read turned when the table as written gives no answer (data/turned_table.py): the months
become the rows, each row label a column, the whole-year column is left out, and the
answer says so. Cells giving a value in two units ("21.4\\n(70.5)") read the first figure;
a question saying the bracketed unit is refused (planner/bracket_units.py); "temperature"
after a column in °C / °F is read with it (planner/measure_nouns.py). Tables written
here (a made-up hill station); expected values computed by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask
from nbdatachat.data.turned_table import month_name, turned

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
HIGH_F = [41.0, 44.5, 52.0, 61.5, 70.0, 78.5, 84.0, 82.5, 75.0, 63.0, 51.5, 43.0]
LOW_F = [22.0, 24.5, 31.0, 39.0, 48.5, 57.0, 62.0, 60.5, 52.0, 41.0, 32.5, 25.0]
RECORD_F = [66, 71, 80, 88, 93, 101, 104, 104, 104, 90, 71, 66]
RAIN_MM = [48.2, 39.9, 61.0, 77.4, 95.1, 88.0, 70.3, 66.6, 58.8, 52.2, 57.5, 50.1]
WET_DAYS = [9.1, 8.0, 9.5, 10.2, 11.8, 10.0, 8.4, 8.1, 7.7, 7.9, 8.8, 9.4]


def _two(first: list[float], factor: float, shift: float = 0.0) -> list[str]:
    return [f"{v}\n({round((v - shift) * factor, 1)})" for v in first]


@pytest.fixture(scope="module")
def climate() -> pd.DataFrame:
    rows = [["Record high °F (°C)"] + _two(RECORD_F, 5 / 9, 32) + ["104\n(40)"],
            ["Average high °F (°C)"] + _two(HIGH_F, 5 / 9, 32) + ["62.2\n(16.8)"],
            ["Average low °F (°C)"] + _two(LOW_F, 5 / 9, 32) + ["41.3\n(5.2)"],
            ["Rainfall mm (inches)"] + _two(RAIN_MM, 1 / 25.4) + ["764.1\n(30.1)"],
            ["Avg. wet days"] + [str(v) for v in WET_DAYS] + ["109.0"]]
    return pd.DataFrame(rows, columns=["Month"] + MONTHS + ["Year"], dtype=object)


def test_month_names() -> None:
    assert month_name("Feb") == "February"
    assert month_name("sept") == "September"
    assert month_name("Year") is None
    assert month_name("Marc") is None


def test_turned_view(climate: pd.DataFrame) -> None:
    view = turned(climate)
    assert view is not None
    assert list(view.frame["Month"]) == [month_name(m) for m in MONTHS]
    assert "Rainfall mm (inches)" in view.frame.columns
    assert view.left_out == ["Year"]
    assert "turned" in view.reading() and "'Year' left out" in view.reading()


def test_most_rain_is_a_month_not_the_year(climate: pd.DataFrame) -> None:
    a = ask(climate, "what month got the most rainfall?")
    assert a.status == "answered"
    assert a.value == "May"
    assert "table turned" in a.interpretation


def test_one_cell(climate: pd.DataFrame) -> None:
    a = ask(climate, "what was the average high in april?")
    assert a.status == "answered"
    assert a.value == pytest.approx(61.5)


def test_temperature_after_the_column(climate: pd.DataFrame) -> None:
    a = ask(climate, "what was the average low temperature in october?")
    assert a.status == "answered"
    assert a.value == pytest.approx(41.0)


def test_count_with_degrees(climate: pd.DataFrame) -> None:
    a = ask(climate, "count the months with a record high of 104 degrees")
    assert a.status == "answered"
    assert a.value == 3


def test_two_values_with_degrees(climate: pd.DataFrame) -> None:
    a = ask(climate, "what month shows an average high of 52.0 degrees together with "
                     "an average low of 31.0 degrees?")
    assert a.status == "answered"
    assert a.value == "March"


def test_count_above(climate: pd.DataFrame) -> None:
    a = ask(climate, "count the months whose record high is over 95")
    assert a.status == "answered"
    assert a.value == sum(1 for v in RECORD_F if v > 95)


def test_fewest_wet_days_between_two(climate: pd.DataFrame) -> None:
    a = ask(climate, "did june or august have fewer wet days?")
    assert a.status == "answered"
    assert a.value == "August"


def test_bracketed_unit_refused(climate: pd.DataFrame) -> None:
    a = ask(climate, "how many months had rainfall above 2 inches?")
    assert a.status != "answered"
    a = ask(climate, "count the months with a record high of 40 degrees celsius")
    assert a.status != "answered"


def test_measure_word_of_several_rows_not_answered(climate: pd.DataFrame) -> None:
    a = ask(climate, "which month had the highest average?")
    assert a.status != "answered"


def test_unknown_measure_refused(climate: pd.DataFrame) -> None:
    a = ask(climate, "what month got the most snowfall?")
    assert a.status == "cannot_answer"


def test_rows_named_for_items_not_turned(climate: pd.DataFrame) -> None:
    stations = climate.rename(columns={"Month": "Station"})
    stations["Station"] = ["Upper Fell", "Lower Fell", "Mill Cross", "Tarn Gap", "Sedge Moor"]
    assert turned(stations) is None
    assert turned(climate.drop(columns=MONTHS[5:])) is None  # too few months
