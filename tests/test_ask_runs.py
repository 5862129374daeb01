"""Runs of consecutive rows read from language (issue 12, table order): "how many
consecutive ...", "... in a row", each checked against a pandas run count, the SQL and the
pandas code agreeing, and the phrasings that must be refused or asked back."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _league() -> pd.DataFrame:
    return pd.DataFrame({
        "Season": list(range(2001, 2013)),
        "Champion": ["Vela", "Orca", "Orca", "Orca", "Lumen", "Orca", "Orca", "Vela", "Vela",
                     "Vela", "Vela", "Orca"],
        "Attendance": [12000, 25000, 31000, 22000, 18000, 26000, 27000, 29000, 15000, 21000,
                       23000, 24000],
        "Result": ["W", "W", "L", "W", "W", "W", "L", "L", "W", "W", "W", "W"],
    })


def _longest(mask: pd.Series) -> int:
    best = cur = 0
    for hit in mask:
        cur = cur + 1 if hit else 0
        best = max(best, cur)
    return best


def _value(a):
    assert a.status == "answered", a.text
    return a.value


@pytest.mark.parametrize("q, mask", [
    ("how many consecutive titles did Orca win?", lambda d: d.Champion == "Orca"),
    ("how many consecutive seasons did vela win", lambda d: d.Champion == "Vela"),
    ("how many seasons in a row did Vela win?", lambda d: d.Champion == "Vela"),
    ("how many consecutive seasons was attendance above 20,000?",
     lambda d: d.Attendance > 20000),
    ("how many consecutive W results are there?", lambda d: d.Result == "W"),
])
def test_the_longest_run_of_rows_holding_the_conditions(q, mask):
    d = _league()
    assert _value(ask(d, q)) == _longest(mask(d))


def test_the_run_is_in_table_order_and_the_code_agrees():
    d = _league()
    a = ask(d, "how many consecutive titles did Orca win?")
    assert _value(a) == 3  # 2002-2004; 2006-2007 is shorter; the total of 6 is not a run
    assert "longest run of consecutive rows where Champion is Orca" in a.text
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["result"] == 3
    # shuffled rows: another table order, another run
    e = d.iloc[[0, 1, 5, 2, 3, 4, 6, 7, 8, 9, 10, 11]].reset_index(drop=True)
    assert _value(ask(e, "how many consecutive titles did Orca win?")) == \
        _longest(e.Champion == "Orca") == 4


def test_which_value_won_n_consecutive_titles():
    # which one: the champions with a run of at least 3 (not a run length)
    a = ask(_league(), "which champion won 3 consecutive titles?")
    assert a.status == "answered", a.text
    assert sorted(a.value) == ["Orca", "Vela"]  # 2002-2004; 2008-2011


@pytest.mark.parametrize("q", [
    "how many consecutive seasons?",                # consecutive rows of what
    "how many consecutive titles did each champion win?",  # per group: not read yet
])
def test_what_a_run_cannot_carry_is_not_answered(q):
    d = _league()
    assert ask(d, q).status != "answered"


def test_a_name_with_a_note_or_a_footnote_mark_is_the_same_name():
    # "Orca (2)" and "Orca*" are Orca's second title and a footnoted one: one run of 3
    d = _league()
    d.loc[3, "Champion"] = "Orca (2)"
    d.loc[2, "Champion"] = "Orca*"
    a = ask(d, "how many consecutive titles did Orca win?")
    assert _value(a) == _longest(d.Champion.str.match(r"Orca\b")) == 3
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["result"] == 3


def test_a_longer_name_containing_the_value_is_not_run_through():
    # "Orca United" is another club: a run of rows equal to "Orca" would stop early
    d = _league()
    d.loc[3, "Champion"] = "Orca United"
    a = ask(d, "how many consecutive titles did Orca win?")
    assert a.status != "answered"
    assert "Orca United" in a.text


def test_a_time_alone_is_not_what_repeats():
    d = _league().drop(columns="Result").assign(
        Date=pd.date_range("1996-03-01", periods=12, freq="7D"))
    a = ask(d, "what is the longest run of consecutive wins in 1996?")  # no column says what a win is
    assert a.status != "answered"


def test_outcome_nouns_are_the_rows_a_result_column_marks():
    d = _league()
    assert _value(ask(d, "what were the most consecutive wins?")) == \
        _longest(d.Result.str.startswith("W"))
    assert _value(ask(d, "how many consecutive losses were there?")) == \
        _longest(d.Result.str.startswith("L")) == 2
    # a result column of words ("Won 3-1", "Lost") reads the same way
    e = d.assign(Result=["Won 2-1" if r == "W" else "Lost 0-1" for r in d.Result])
    assert _value(ask(e, "what is their highest number of consecutive wins?")) == 4


def test_a_month_left_unread_stops_a_run():
    d = _league().assign(Month=["March", "April", "May", "June", "July", "August",
                                "September", "October", "October", "October", "November",
                                "November"])
    a = ask(d, "how many consecutive wins happened in november?")
    assert a.status != "answered" or a.value == _longest(
        d.Result.str.startswith("W") & (d.Month == "November"))


def test_a_value_inside_a_longer_word_is_another_value():
    # "4th" inside "14th" is not the same place written two ways: the run is read
    d = pd.DataFrame({"Race": range(1, 8),
                      "Place": ["4th", "4th", "14th", "4th", "4th", "4th", "2nd"]})
    a = ask(d, "for how many consecutive races was the place 4th?")
    assert _value(a) == _longest(d.Place == "4th") == 3


def test_the_greatest_amount_of_consecutive_seasons():
    d = _league()
    a = ask(d, "what was the greatest amount of consecutive seasons with attendance above "
               "20,000?")
    assert _value(a) == _longest(d.Attendance > 20000)


def test_a_verb_is_not_a_part_of_a_longer_value():
    # "play" is the verb, not a part of "Play-Offs - Won": the run is of the division
    d = pd.DataFrame({"Season": range(2001, 2008),
                      "Division": ["Div 2", "Div 3", "Div 3", "Div 3", "Div 3", "Div 2",
                                   "Div 3"],
                      "Moves": ["Group Stage - Out", "Play-Offs - Won", "Down", None, "Down",
                                None, "Up"]})
    a = ask(d, "for how many consecutive seasons did they play in div 3?")
    assert _value(a) == _longest(d.Division == "Div 3") == 4
    assert any("as a verb" in note for note in a.notes)


def test_a_name_listed_with_a_partner_is_the_names_row_too():
    # Orca won 2004 with a partner: "Lumen and Orca" is Orca's win as well
    d = _league()
    d.loc[3, "Champion"] = "Lumen and Orca"
    a = ask(d, "how many consecutive titles did Orca win?")
    assert _value(a) == 3  # 2002-2004; 2006-2007 is shorter
    e = d.copy()
    e.loc[4, "Champion"] = "Orca / Vela"  # 2005 shared too: 2002-2007 unbroken
    assert _value(ask(e, "how many consecutive titles did Orca win?")) == 6
