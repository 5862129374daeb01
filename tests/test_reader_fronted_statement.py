"""A statement before the question ("<X> signed with <Y>, but what was her home town?") picks
the row the later question asks about; a question word inside one clause is not read so, and
a statement naming no row is still refused. "no" before a noun is the determiner, not a
column headed "No."; the column keeps its name in "which no" / "no 4". Small tables written
here; expected values are computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def signings() -> pd.DataFrame:
    return pd.DataFrame({
        "Round": [1, 1, 2, 3, 4],
        "Club": ["Harbor Gulls", "Mill Town", "Harbor Gulls", "Eastvale", "Mill Town"],
        "Player": ["Rosa Fenn", "Ida Marsh", "Tove Berg", "Nell Orr", "Cleo Hart"],
        "Home town": ["Bexley", "Corran", "Dunmere", "Elsby", "Fawley"]})


@pytest.fixture(scope="module")
def karts() -> pd.DataFrame:
    return pd.DataFrame({
        "No.": [4, 7, 11, 15, 21, 30],
        "Racer": ["Ana Vos", "Ben Kirk", "Cal Duan", "Dee Park", "Eli Moss", "Fay Lund"],
        "Laps": [40, 39, 38, 35, 12, 41],
        "Points": [10, 8, 6, 0, 0, 5]})


def test_statement_then_but_what(signings):
    a = ask(signings, "tove berg was picked by harbor gulls, but what was her home town?")
    assert a.status == "answered", a.text
    want = signings.loc[signings.Player == "Tove Berg", "Home town"].item()
    assert a.value == want == "Dunmere"


def test_statement_then_full_stop_which(signings):
    a = ask(signings, "cleo hart went to mill town. which round was that?")
    assert a.status == "answered", a.text
    assert a.value == signings.loc[signings.Player == "Cleo Hart", "Round"].item() == 4


def test_question_word_inside_a_clause_is_not_a_fronted_question(signings):
    a = ask(signings, "nell orr came in what round and which home town")
    assert a.value != 3 or a.status != "answered"


def test_statement_naming_no_row_is_refused(signings):
    a = ask(signings, "players signed early, but what was the home town?")
    assert a.status != "answered", a.text


def test_no_before_a_noun_is_the_determiner(karts):
    a = ask(karts, "how many racers had no points?")
    assert a.status == "answered", a.text
    assert a.value == int((karts.Points == 0).sum()) == 2
    assert "No." not in a.interpretation


def test_the_no_column_keeps_its_name(karts):
    a = ask(karts, "which no had the most laps?")
    assert a.status == "answered", a.text
    assert a.value == karts.loc[karts.Laps.idxmax(), "No."] == 30
    a = ask(karts, "what is the no of fay lund?")
    assert a.status == "answered", a.text
    assert a.value == karts.loc[karts.Racer == "Fay Lund", "No."].item() == 30


def test_no_points_with_a_ranking_is_not_ranked_by_the_no_column(karts):
    a = ask(karts, "which racer had no points and the fewest laps?")
    assert a.status == "answered", a.text
    zero = karts[karts.Points == 0]
    assert a.value == zero.loc[zero.Laps.idxmin(), "Racer"] == "Eli Moss"
