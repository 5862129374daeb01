"""A run of consecutive rows counted in a noun the table does not name (issue 12): "how many
consecutive fixtures were held at Elko", a win or loss said with a verb after that noun, and
what must stay refused (a name winning, a verb with no result column, a one-row name)."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _fixtures() -> pd.DataFrame:
    return pd.DataFrame({
        "Date": ["May 2", "May 9", "May 16", "May 23", "May 30", "June 6", "June 13",
                 "June 20"],
        "Ground": ["Elko", "Elko", "Ruth", "Elko", "Elko", "Elko", "Ruth", "Ruth"],
        "Outcome": ["W 3-1", "L 0-2", "W 2-0", "W 4-1", "W 1-0", "D 2-2", "L 1-3", "W 2-1"],
        "Crowd": [410, 820, 390, 905, 870, 640, 300, 720],
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
    ("how many consecutive fixtures were held at Elko?", lambda d: d.Ground == "Elko"),
    ("how many consecutive meetings took place at elko?", lambda d: d.Ground == "Elko"),
    ("for how many consecutive fixtures was the crowd above 600?", lambda d: d.Crowd > 600),
    ("how many consecutive outings did they win?", lambda d: d.Outcome.str.startswith("W")),
    ("how many successive outings did they lose?", lambda d: d.Outcome.str.startswith("L")),
    ("what is the longest consecutive winning streak?",
     lambda d: d.Outcome.str.startswith("W")),
])
def test_a_run_counted_in_a_noun_of_the_rows(q, mask):
    d = _fixtures()
    assert _value(ask(d, q)) == _longest(mask(d))


def test_the_figures_and_the_generated_code():
    d = _fixtures()
    a = ask(d, "how many consecutive fixtures were held at Elko?")
    assert _value(a) == 3  # May 23 - June 6; the first two Elko rows are broken by Ruth
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["result"] == 3
    assert _value(ask(d, "how many consecutive outings did they win?")) == 3


def test_a_time_alone_picks_the_rows_a_noun_names():
    d = _fixtures()
    a = ask(d, "how many consecutive fixtures were played in June?")
    assert _value(a) == 3


@pytest.mark.parametrize("q", [
    "how many consecutive outings did Ruth win?",  # a name winning: maybe the other side
])
def test_a_name_that_wins_is_not_read_from_the_result(q):
    assert ask(_fixtures(), q).status != "answered"


def test_a_win_with_no_result_column_is_refused():
    d = _fixtures().drop(columns="Outcome")
    a = ask(d, "how many consecutive outings did they win at Elko?")
    assert a.status != "answered"
    assert "win" in a.text
    # the same noun without a verb of winning is still read
    assert _value(ask(d, "how many consecutive outings were held at Elko?")) == 3


def test_a_name_of_one_row_has_no_run_of_rows():
    # one row per club, the years across the columns: the run lies along the row
    d = pd.DataFrame({"Club": ["Vela", "Orca", "Lumen"], "2001": ["x", "-", "x"],
                      "2002": ["x", "x", "-"], "2003": ["x", "x", "x"]})
    a = ask(d, "how many consecutive meetings has Orca attended?")
    assert a.status != "answered"


def test_a_bye_or_an_empty_result_does_not_break_a_streak():
    # week 3 was a bye and week 6 has no result: neither is a game, so the five wins around
    # them are one streak
    d = pd.DataFrame({"Week": range(1, 9),
                      "Outcome": ["W 2-1", "W 1-0", "Bye", "W 3-2", "W 2-0", None, "W 1-0",
                                  "L 0-3"]})
    a = ask(d, "what was the longest streak of consecutive wins?")
    assert _value(a) == 5
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["result"] == 5
    e = d.assign(Outcome=["Win", "Loss", None, "Loss", "Loss", "Win", "Win", "Loss"])
    assert _value(ask(e, "how many successive defeats took place?")) == 3


def test_winner_and_runner_up_are_outcomes():
    d = pd.DataFrame({"Year": [2001, 2002, 2003, 2004, 2005, 2006],
                      "Finish": ["Winner", "Runner-up", "Winner", "Winner", "Winner",
                                 "Runner-up"],
                      "Event": ["Oslo", "Lyon", "Turin", "Oslo", "Graz", "Lyon"]})
    assert _value(ask(d, "what was her highest number of consecutive wins?")) == 3
    assert _value(ask(d, "what is the most consecutive finals she has won?")) == 3


def test_the_run_word_said_twice_is_one_run():
    d = _fixtures()
    assert _value(ask(d, "how many consecutive fixtures in a row were held at Elko?")) == 3


def _season() -> pd.DataFrame:
    return pd.DataFrame({"Date": ["Apr 3", "Apr 10", "Apr 17", "Apr 24", "May 1", "May 8",
                                  "May 15"],
                         "Visitor": ["Tarn", "Lisle", "Orne", "Tarn", "Orne", "Lisle", "Tarn"],
                         "Result": ["Win", "Win", "Loss", "Win", "Win", "Win", "Loss"]})


@pytest.mark.parametrize("q", [
    "how many consecutive wins were there for the squad?",
    "what was the longest streak of consecutive wins for the otters in this season?",
    "what were the most consecutive victories the otters achieved?",
])
def test_a_name_the_data_lacks_is_the_tables_own_side(q):
    # "the otters" (no column, no value): the side whose results the table lists
    d = _season()
    a = ask(d, q)
    assert _value(a) == _longest(d.Result == "Win") == 3


def test_a_name_the_data_holds_may_be_the_other_side():
    # Tarn is a visitor: its wins are this table's losses, never read as its own wins
    d = _season()
    a = ask(d, "how many consecutive wins did Tarn have?")
    assert a.status != "answered"
    assert "other side" in a.text
    # against Tarn: the table's own wins over the rows where Tarn visits
    assert _value(ask(d, "how many consecutive wins came against Tarn?")) == \
        _longest((d.Result == "Win") & (d.Visitor == "Tarn"))


@pytest.mark.parametrize("q, letter", [
    ("how long was our longest winning streak?", "Win"),
    ("what was the biggest losing streak?", "Loss"),
    ("how long was the otters' best win streak?", "Win"),
    ("how many outings was the longest losing streak?", "Loss"),
])
def test_a_streak_without_a_run_word(q, letter):
    d = _season()
    assert _value(ask(d, q)) == _longest(d.Result == letter)


def test_a_streak_needs_a_result_column():
    d = _season().drop(columns="Result")
    assert ask(d, "how long was our longest winning streak?").status != "answered"


def test_a_year_no_rule_read_picks_the_rows_of_the_year_column():
    # "Date" holds whole numbers, not dates: it is the one column of years
    d = pd.DataFrame({"Class": ["Ash", "Birch", "Cedar", "Dune", "Elm", "Fir", "Gale"],
                      "Date": [1931, 1932, 1932, 1932, 1933, 1932, 1934],
                      "Tons": [1200, 1350, 1100, 1500, 1420, 1300, 1250]})
    a = ask(d, "how many consecutive classes appeared in 1932?")
    assert _value(a) == _longest(d.Date == 1932) == 3
    # a number that is no year of that column is still not read
    assert ask(d, "how many consecutive classes appeared in 1950?").status != "answered"


def test_a_column_named_alone_is_the_run_of_rows_holding_a_value():
    d = pd.DataFrame({"Place": range(1, 9),
                      "Rider": ["Ada", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal"],
                      "Remark": ["Q", "Q", None, "Q", "Q", "Q", None, None]})
    assert _value(ask(d, "how many consecutive remarks are there?")) == \
        _longest(d.Remark.notna()) == 3
    assert _value(ask(d, "how many consecutive riders are listed?")) == 8


def test_how_many_consecutive_inside_the_sentence():
    d = _fixtures()
    assert _value(ask(d, "Elko was the ground for how many consecutive fixtures?")) == 3
    assert _value(ask(d, "Elko had how many consecutive meetings?")) == 3


def test_a_consecutive_amount_of_rows():
    d = _fixtures()
    a = ask(d, "what was the largest consecutive amount of fixtures held at Elko?")
    assert _value(a) == 3
