""""not played at X", "not directed by X": a verb between "not" and a value only links them,
so the value is negated. A result verb ("not won at X") is not read past. Our own table;
counts checked with pandas."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask

GAMES = pd.DataFrame({
    "Date": ["May 1", "May 5", "May 9", "May 12", "May 20", "May 27"],
    "Venue": ["Rizal Hall", "Cuneta Dome", "Rizal Hall", "Ynares Arena", "Rizal Hall",
              "Cuneta Dome"],
    "Referee": ["Ann Lee", "Bo Park", "Ann Lee", "Cy Dunn", "Bo Park", "Ann Lee"],
    "Result": ["W", "L", "W", "W", "L", "W"],
})


def count(a) -> float:
    assert a.status == "answered", a.text
    return float(a.table.iloc[0, -1])


def test_not_played_at_a_venue():
    a = ask(GAMES, "how many games were not played at rizal hall?")
    assert count(a) == (GAMES.Venue != "Rizal Hall").sum() == 3
    assert "not Rizal Hall" in a.text


def test_a_participle_before_the_value():
    a = ask(GAMES, "how many games were not held in cuneta dome?")
    assert count(a) == (GAMES.Venue != "Cuneta Dome").sum()


def test_the_positive_form_is_unchanged():
    assert count(ask(GAMES, "how many games were played at rizal hall?")) == 3


def test_a_result_verb_is_not_read_past():
    a = ask(GAMES, "how many games were not won at rizal hall?")
    assert not (a.status == "answered" and count(a) == 3), a.text
