"""Rows ranked by a text column of elapsed times through a word of speed or merit
(planner/time_rank.py with length_compare): "who had the fastest time", "which <kind>
rider was the slowest", "what was the best time" -> the row with the fewest or the most
seconds. A numeric speed column is ranked by the ordinary superlative instead; "the best
score" is no time. Tables written here; expected values computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _secs(cell: str) -> float:
    out = 0.0
    for v in (float(x) for x in cell.split(":")):
        out = out * 60 + v
    return out


@pytest.fixture(scope="module")
def sprint() -> pd.DataFrame:
    return pd.DataFrame({
        "Rank": [None, None, None, 4, 5, 6],
        "Rider": ["Tamsin Hale", "Bo Lindqvist", "Ciaran Moss", "Dana Petrov", "Eli Strand",
                  "Femi Okoro"],
        "Nationality": ["Norway", "Sweden", "Norway", "Italy", "Sweden", "Italy"],
        "Time": ["2:01.40", "1:58.12", "2:03.95", "2:06.30", "1:59.02", "2:10.55"],
        "Notes": ["", "NR", "", "", "PB", ""]})


@pytest.fixture(scope="module")
def slalom() -> pd.DataFrame:
    return pd.DataFrame({
        "Pos.": [1, 2, 3, 4],
        "Skier": ["Ola Berg", "Per Holm", "Siv Lund", "Tor Vik"],
        "Run 1": ["51.10", "50.55", "52.80", "51.00"],
        "Run 2": ["50.00", "51.20", "49.10", "53.90"],
        "Total": ["1:41.10", "1:41.75", "1:41.90", "1:44.90"]})


def _row(df: pd.DataFrame, col: str, fastest: bool = True) -> pd.Series:
    secs = df[col].map(_secs)
    return df.loc[secs.idxmin() if fastest else secs.idxmax()]


def test_who_had_the_fastest_time(sprint: pd.DataFrame) -> None:
    a = ask(sprint, "who had the fastest time?")
    assert a.status == "answered"
    assert _row(sprint, "Time")["Rider"] in a.text
    assert "Bo Lindqvist" in a.text


def test_which_rider_was_slowest(sprint: pd.DataFrame) -> None:
    a = ask(sprint, "who was the slowest rider?")
    assert a.status == "answered", a.text
    assert _row(sprint, "Time", fastest=False)["Rider"] == "Femi Okoro"
    assert "Femi Okoro" in a.text


def test_what_was_the_best_time_is_the_time_itself(sprint: pd.DataFrame) -> None:
    a = ask(sprint, "what was the best time?")
    assert a.status == "answered", a.text
    assert a.table.iloc[0, 0] == _row(sprint, "Time")["Time"] == "1:58.12"


def test_which_kind_of_rider_filters_first(sprint: pd.DataFrame) -> None:
    a = ask(sprint, "which norwegian rider had the fastest time?")
    assert a.status == "answered", a.text
    norway = sprint[sprint["Nationality"] == "Norway"]
    assert _row(norway, "Time")["Rider"] == "Tamsin Hale"
    assert "Tamsin Hale" in a.text and "Bo Lindqvist" not in a.text


def test_total_of_several_timed_runs(slalom: pd.DataFrame) -> None:
    a = ask(slalom, "what was the slowest total time?")
    assert a.status == "answered", a.text
    assert a.table.iloc[0, 0] == _row(slalom, "Total", fastest=False)["Total"] == "1:44.90"


def test_named_run_is_ranked(slalom: pd.DataFrame) -> None:
    a = ask(slalom, "who had the fastest run 2?")
    if a.status == "answered":  # a reading by the named run, never by the total
        assert "Siv Lund" in a.text


def test_speed_column_is_not_replaced_by_times() -> None:
    df = pd.DataFrame({"Boat": ["Kestrel", "Heron", "Osprey"],
                       "Speed (knots)": [31.5, 28.0, 33.2],
                       "Time": ["1:10:05", "1:02:44", "1:20:13"]})
    a = ask(df, "which boat was the fastest?")
    assert a.status == "answered", a.text
    assert df.loc[df["Speed (knots)"].idxmax(), "Boat"] == "Osprey"
    assert "Osprey" in a.text


def test_best_score_is_not_a_time() -> None:
    df = pd.DataFrame({"Team": ["Reds", "Blues", "Greens"],
                       "Score": [88, 95, 71],
                       "Time": ["4:10", "3:55", "4:30"]})
    a = ask(df, "which team had the best score?")
    assert not (a.status == "answered" and "Blues" not in a.text)


@pytest.fixture(scope="module")
def legs() -> pd.DataFrame:  # times already numbers (seconds): planner/time_merit.py
    return pd.DataFrame({"Skier": ["Ola Berg", "Per Holm", "Siv Lund", "Tor Vik"],
                         "Run 1 time": [51.10, 50.55, 52.80, 51.00],
                         "Run 2 time": [50.00, 51.20, 49.10, 53.90],
                         "Times won": [3, 1, 0, 5]})


def test_best_numeric_time_is_the_least(legs: pd.DataFrame) -> None:
    a = ask(legs, "which skier had the best run 1 time?")
    assert a.status == "answered", a.text
    assert legs.loc[legs["Run 1 time"].idxmin(), "Skier"] == "Per Holm"
    assert a.text.startswith("Per Holm")
    assert any("less time is better" in n for n in a.notes) or "less time" in str(
        a.interpretation)


def test_worst_numeric_time_is_the_most(legs: pd.DataFrame) -> None:
    a = ask(legs, "which skier had the worst run 2 time?")
    assert a.status == "answered", a.text
    assert a.text.startswith(legs.loc[legs["Run 2 time"].idxmax(), "Skier"])


def test_highest_time_keeps_its_plain_sense(legs: pd.DataFrame) -> None:
    a = ask(legs, "which skier had the highest run 2 time?")
    assert a.status == "answered", a.text
    assert a.text.startswith(legs.loc[legs["Run 2 time"].idxmax(), "Skier"])


def test_times_won_is_a_count_not_a_time(legs: pd.DataFrame) -> None:
    a = ask(legs, "which skier had the best times won?")
    assert not (a.status == "answered" and not a.text.startswith("Tor Vik"))


def test_fastest_over_one_numeric_time_column() -> None:
    df = pd.DataFrame({"Crew": ["Kestrel", "Heron", "Osprey"], "Time": [42.95, 43.54, 41.19]})
    a = ask(df, "which crew was the slowest?")
    assert a.status == "answered", a.text
    assert a.text.startswith(df.loc[df["Time"].idxmax(), "Crew"])
    a = ask(df, "which crew was the fastest?")
    assert a.text.startswith(df.loc[df["Time"].idxmin(), "Crew"])
