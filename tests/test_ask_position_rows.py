"""The noun of "the first / last <noun>" read as the rows themselves (planner/position_rows.py)
only in the shapes that cannot mean a subset, checked against the frame; the rest refused."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _tracklist() -> pd.DataFrame:
    return pd.DataFrame({
        "No.": [1, 2, 3, 4, 5, 6, 7],
        "Title": ["Paper Moons", "Lowland", "Gravel Hymn", "Tin Roof", "Salt Air",
                  "Kite Season", "Northbound"],
        "Writer(s)": ["Ivy Lane", "Ivy Lane", "Moss Tate", "Ivy Lane", "Moss Tate",
                      "Ivy Lane", "Dee Rook"],
        "Length": ["3:41", "4:02", "2:58", "5:10", "3:33", "4:47", "6:05"],
    })


def _fixtures() -> pd.DataFrame:
    return pd.DataFrame({
        "Date": ["March 2", "March 9", "March 16", "March 23", "March 30", "April 6"],
        "Opponent": ["Harbor City", "Elm Valley", "Redcliff", "Stonebridge", "Fairhaven",
                     "Kestrel Bay"],
        "Result": ["W 2–1", "L 0–3", "D 1–1", "W 4–0", "L 1–2", "W 3–2"],
        "Attendance": [8200, 6100, 9400, 7300, 5800, 9900],
    })


@pytest.mark.parametrize("question, expected", [
    ("what is the title of the last song listed on this album?", "Northbound"),
    ("show the writer of the first song", "Ivy Lane"),
    ("what is the length of the last song?", "6:05"),
    ("which is the first song in the list?", "Paper Moons"),  # the rows' name column
    ("which one is the last song shown", "Northbound"),
])
def test_a_plain_noun_with_only_its_listing_names_the_rows(question, expected):
    a = ask(_tracklist(), question)
    assert a.status == "answered", a.text
    assert a.value == expected


@pytest.mark.parametrize("question, column, row", [
    ("on what date was the first match played?", "Date", 0),
    ("who was the opponent in the last game?", "Opponent", -1),
])
def test_an_event_noun_over_a_schedule_names_the_rows(question, column, row):
    df = _fixtures()
    a = ask(df, question)
    assert a.status == "answered", a.text
    assert a.value == df[column].iloc[row]


@pytest.mark.parametrize("question", [
    "when was the side's last loss?",                  # a result no column records
    "who was the first writer to score a hit?",        # a condition after the noun
    "what is the last song written by moss tate's band?",  # words no rule read
])
def test_a_noun_that_picks_some_rows_is_refused(question):
    df = _tracklist() if "song" in question or "writer" in question else _fixtures()
    if "loss" in question:  # a result column would pick the losses (planner/game_results.py)
        df = df.assign(Result=["2–1", "0–3", "1–1", "4–0", "1–2", "3–2"])
    a = ask(df, question)
    assert a.status != "answered", a.text


def test_when_asked_of_the_rows_noun_names_no_column():
    a = ask(_tracklist(), "when was the last song?")
    assert a.status != "answered", a.text


def test_a_result_verb_keeps_the_noun_a_subset():
    # "who won the first game" needs the result read, not the first row's opponent
    a = ask(_fixtures(), "who won the first game?")
    assert not (a.status == "answered" and a.value == "Harbor City")


def test_a_header_shared_by_two_columns_is_asked_back():
    df = pd.DataFrame({
        "Home": ["Ayr", "Bute", "Crail", "Dunoon"],
        "Score": [2, 0, 1, 3],
        "Away": ["Elgin", "Forres", "Girvan", "Huntly"],
        "Score.1": [1, 0, 4, 2],
    })
    a = ask(df, "what was the score of the last game on the list?")
    assert a.status == "needs_clarification", a.text
    assert "Score.1" in a.text
    # named by its value, the anchor's own column is not in doubt
    b = ask(df, "which home side is listed after bute?")
    assert b.status == "answered", b.text
    assert b.value == "Crail"


def _records() -> pd.DataFrame:
    return pd.DataFrame({
        "No.": [1, 2, 3, 4, 5, 6],
        "Title": ["Amber Field", "Cold Harbour", "Driftwood", "Ember Lane", "Fen Light",
                  "Glass Tide"],
        "Producer": ["Rona Pike", "Theo Marsh", "Rona Pike", "Theo Marsh", "Una Wilde",
                     "Rona Pike"],
        "Writer": ["Cal Voss", "Una Wilde", "Cal Voss", "Cal Voss", "Una Wilde", "Cal Voss"],
        "Length": ["3:12", "4:40", "2:51", "3:58", "5:05", "4:21"],
    })


@pytest.mark.parametrize("question, column, expected", [
    ("what is the last recording produced by theo marsh?", "Title", "Ember Lane"),
    ("which was the first tune produced by una wilde", "Title", "Fen Light"),
    ("what is the length of the last recording produced by rona pike?", "Length", "4:21"),
])
def test_a_participle_with_its_agent_is_a_filter_not_the_answer(question, column, expected):
    # "produced by X": X a value of the Producer column the participle names; the answer is
    # the rows' name (or the column asked), never the Producer column
    a = ask(_records(), question)
    assert a.status == "answered", a.text
    assert a.value == expected
    assert column in a.text and "Producer" in a.text


@pytest.mark.parametrize("question", [
    "what was the last recording produced by rona pike to reach the charts?",  # a condition
    "what is the last recording produced by cal voss?",  # his name is in another column
    "when was the last recording produced by theo marsh?",  # no column says when
])
def test_a_participle_agent_in_another_shape_is_still_refused(question):
    a = ask(_records(), question)
    assert a.status != "answered", a.text


def test_a_header_that_is_the_participle_and_by_names_the_agent_column():
    df = pd.DataFrame({
        "No.": [1, 2, 3, 4],
        "Title": ["Quarry Bell", "Rook Hall", "Sable Point", "Tarn Gate"],
        "Directed by": ["Vera Holt", "Wes Amory", "Vera Holt", "Xan Lowe"],
        "Written by": ["Yara Penn", "Yara Penn", "Zed Crane", "Zed Crane"],
    })
    b = ask(df, "what is the last episode directed by vera holt?")
    assert b.status == "answered", b.text
    assert b.value == "Sable Point" and "Directed by" in b.text
    c = ask(df, "which was the first episode written by zed crane")
    assert c.status == "answered", c.text
    assert c.value == "Sable Point"


@pytest.mark.parametrize("question", [
    "what was the first fixture in the list?",  # the rows' first column holds dates
    "what is the last whip listed?",            # a word some Role cells hold: some rows only
])
def test_what_is_the_rows_noun_asks_back_when_the_name_column_cannot_say(question):
    if "whip" in question:
        df = pd.DataFrame({"Member": ["Ada Crum", "Bev Olin", "Cy Marr", "Dot Fenn"],
                           "Role": ["chief whip", "backbench", "deputy whip", "backbench"],
                           "Seat": ["Avon", "Brill", "Carrow", "Dunmere"]})
    else:
        df = _fixtures()
    a = ask(df, question)
    assert a.status != "answered", a.text


def _lighthouses() -> pd.DataFrame:
    # the rows' noun ("lighthouse") is in no header and no cell: only the rows can be it
    return pd.DataFrame({
        "Name": ["Gullrock", "Pennhold", "Saltmere", "Cobb Point", "Widdow Ness"],
        "Coast": ["West", "East", "West", "North", "East"],
        "Lit": [1822, 1796, 1851, 1810, 1837],
        "Keeper": ["Ansel Bray", "Tomas Ure", "Ansel Bray", "Neve Holt", "Tomas Ure"],
        "Visitors": [1200, 5400, 800, 2300, 3100],
    })


@pytest.mark.parametrize("question, column, expected_by", [
    ("what was the last lighthouse to be lit?", "Name", "max"),
    ("which was the first lighthouse to be lit", "Name", "min"),
    ("which lighthouse was the first to be lit?", "Name", "min"),
    ("what was the last lighthouse lit", "Name", "max"),
    ("who was the keeper of the first lighthouse to be lit?", "Keeper", "min"),
])
def test_a_participle_naming_a_year_column_orders_the_rows(question, column, expected_by):
    df = _lighthouses()
    a = ask(df, question)
    assert a.status == "answered", a.text
    row = df["Lit"].idxmax() if expected_by == "max" else df["Lit"].idxmin()
    assert a.value == df.loc[row, column]
    assert "Lit" in a.interpretation


def test_the_participle_order_keeps_the_filters_said_with_the_noun():
    df = _lighthouses()
    a = ask(df, "what was the first lighthouse in the west to be lit?")
    assert a.status == "answered", a.text
    west = df[df["Coast"] == "West"]
    assert a.value == west.loc[west["Lit"].idxmin(), "Name"] == "Gullrock"


def test_a_year_asked_of_the_participle_order_is_that_columns_own_value():
    df = _lighthouses()
    a = ask(df, "what year was the last lighthouse to be lit?")
    assert a.status == "answered", a.text
    assert a.value == df["Lit"].max() == 1851
    a = ask(df, "what year was the first lighthouse in the east lit")
    assert a.status == "answered", a.text
    assert a.value == df.loc[df["Coast"] == "East", "Lit"].min() == 1796


@pytest.mark.parametrize("question", [
    "when was the first lighthouse lit?",  # "when" over whole numbers no header calls years
    "what was the last lighthouse to be visited?",  # a count, not a time, is no order
    "what was the last lighthouse to be painted?",  # a word no column names
])
def test_participle_orders_that_would_guess_are_refused(question):
    a = ask(_lighthouses(), question)
    assert a.status != "answered", (question, a.value)
