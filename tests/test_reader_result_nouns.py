"""A result verb before a number and an event noun that heads a column of its own
(planner/result_verbs.py: ``result_noun``): over a standings table with Games and Won,
"won 5 games" is Won = 5, not Games = 5; "lost only 5", "drew exactly 4" too. With no
column of that result, "won 14 games" is no number of all the games played and is refused;
a header that says the result itself ("Games won") is still read. Small tables written
here; expected values come from pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def ladder() -> pd.DataFrame:
    return pd.DataFrame({
        "Club": ["Kestrel", "Harbour", "Millbrook", "Ashford", "Quarry", "Lindale"],
        "Games": [14, 14, 14, 14, 14, 12], "Won": [9, 7, 5, 5, 2, 1],
        "Drawn": [3, 2, 4, 1, 3, 5], "Lost": [2, 5, 5, 8, 9, 6],
        "Points": [30, 23, 19, 16, 9, 8]})


def test_won_a_number_of_games_is_the_won_column(ladder):
    a = ask(ladder, "how many clubs won 5 games?")
    assert a.status == "answered", a.text
    assert a.value == int((ladder.Won == 5).sum()) == 2


def test_won_at_least_a_number_of_games(ladder):
    a = ask(ladder, "which clubs won at least 7 games?")
    assert a.status == "answered", a.text
    assert sorted(a.value) == sorted(ladder.Club[ladder.Won >= 7]) == ["Harbour", "Kestrel"]


def test_have_won_fewer_than(ladder):
    a = ask(ladder, "which clubs have won fewer than 3 games?")
    assert a.status == "answered", a.text
    assert sorted(a.value) == sorted(ladder.Club[ladder.Won < 3]) == ["Lindale", "Quarry"]


def test_lost_only_and_drew_exactly(ladder):
    a = ask(ladder, "how many clubs lost only 5 games?")
    assert a.status == "answered", a.text
    assert a.value == int((ladder.Lost == 5).sum()) == 2
    b = ask(ladder, "which club drew exactly 4 games?")
    assert b.status == "answered", b.text
    assert b.value == "Millbrook"


def test_played_a_number_of_games_stays_the_games_column(ladder):
    a = ask(ladder, "how many clubs played 14 games?")
    assert a.status == "answered", a.text
    assert a.value == int((ladder.Games == 14).sum()) == 5


def test_no_column_of_wins_is_refused(ladder):
    bare = ladder.drop(columns=["Won", "Drawn", "Lost"])
    for q in ("how many clubs won 14 games?", "which clubs won more than 12 games?"):
        a = ask(bare, q)
        assert a.status != "answered", (q, a.text)


def test_header_naming_the_result_is_read():
    t = pd.DataFrame({"Player": ["Ines", "Bram", "Olek", "Tova"],
                      "Games won": [12, 8, 12, 3], "Games lost": [4, 9, 6, 11]})
    a = ask(t, "how many players won 12 games?")
    assert a.status == "answered", a.text
    assert a.value == int((t["Games won"] == 12).sum()) == 2
