"""Two sets of one side's games counted against each other (planner/outcome_tally.py):
"did they win or lose more games", "more home games or away games". The answer is the
question's own word with both counts; a tie, or a result cell that cannot be read, is not
answered. Expected values are computed with pandas on the frames
written here."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _schedule() -> pd.DataFrame:
    return pd.DataFrame({
        "Date": ["2009-09-05", "2009-09-12", "2009-09-19", "2009-09-26", "2010-09-04",
                 "2010-09-11", "2010-09-18", "2010-09-25", "2010-10-02"],
        "Opponent": ["Dorran Tech", "at Ferris Bay", "Halvern", "@ Kittering", "vs. Lowmoor",
                     "at\xa0Marsh Hill", "Norwick", "Penhallow", "at Quillby"],
        "Result": ["W 31–7", "L 10–14", "W 21–20", "W 17–3", "L 0–28", "L 9–13", "W 42–6",
                   "L 14–17", "L 3–24"],
    })


def _count(df: pd.DataFrame, rows: pd.Series) -> int:
    return int(rows.sum())


def _away(df: pd.DataFrame) -> pd.Series:
    return df.Opponent.str.match("(?:at[ \xa0]|@)")


def _home(df: pd.DataFrame) -> pd.Series:
    return ~_away(df) & ~df.Opponent.str.startswith("vs.")


def _won(df: pd.DataFrame) -> pd.Series:
    return df.Result.str.startswith("W")


def test_win_or_lose_more_is_answered_with_the_questions_word_and_both_counts():
    df = _schedule()
    wins, losses = _count(df, _won(df)), _count(df, ~_won(df))
    assert (wins, losses) == (4, 5)
    a = ask(df, "did the club win or lose more games?")
    assert a.status == "answered", a.text
    assert a.value == "lose"
    assert f"wins is {wins}" in a.text and f"losses {losses}" in a.text  # named, not 1 / -1
    scope: dict = {"df": df.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["answer"] == "lose"


def test_the_conditions_of_the_rest_are_shared_by_both_sides():
    df = _schedule()
    in_2009 = df.Date.str.startswith('2009')
    assert (_count(df, in_2009 & _won(df)), _count(df, in_2009 & ~_won(df))) == (3, 1)
    a = ask(df, "did they win or lose more games in 2009?")
    assert a.status == "answered", a.text
    assert a.value == "win"
    b = ask(df, "did the team have more wins or losses in 2009?")
    assert b.status == "answered", b.text
    assert b.value == "wins"


def test_more_or_less_than_they_lost():
    a = ask(_schedule(), "did the club win more or less than it lost?")
    assert a.status == "answered", a.text
    assert a.value == "less"


def test_home_or_away_wins_are_read_from_the_opponents_mark():
    df = _schedule()
    home, away = _count(df, _home(df) & _won(df)), _count(df, _away(df) & _won(df))
    assert (home, away) == (3, 1)  # the no-break space of "at\xa0Marsh Hill" is a mark too
    a = ask(df, "did the club win more home or road games?")
    assert a.status == "answered", a.text
    assert a.value == "home"
    lost_home, lost_away = _count(df, _home(df) & ~_won(df)), _count(df, _away(df) & ~_won(df))
    assert (lost_home, lost_away) == (1, 3)
    b = ask(df, "did they lose more games at home or on the road?")
    assert b.status == "answered", b.text
    assert b.value == "on the road"
    scope: dict = {"df": df.copy()}
    exec(b.code, scope)  # noqa: S102
    assert scope["answer"] == "on the road"


def test_a_column_of_home_and_away_is_compared_by_its_values():
    df = pd.DataFrame({"Week": [1, 2, 3, 4, 5, 6],
                       "Venue": ["Home", "Away", "Away", "Home", "Away", "Away"],
                       "Opponent": ["Kestrels", "Otters", "Herons", "Lynxes", "Badgers", "Moles"],
                       "Result": ["W 3–1", "W 2–0", "W 1–0", "L 0–2", "W 4–3", "L 1–2"]})
    a = ask(df, "did this side win more home matches or away matches?")
    assert a.status == "answered", a.text
    assert a.value == "away"  # 1 at home, 3 away
    assert "1" in a.text and "3" in a.text


def test_a_tie_is_not_answered():
    df = _schedule()
    assert _count(df, _home(df)) == _count(df, _away(df)) == 4
    a = ask(df, "were there more fixtures at home or away?")
    assert a.status != "answered", a.text
    assert "tie" in a.text.lower()
    even = df[df.Date.str.startswith('2010')].iloc[:4].assign(Result=["W 1–0", "L 0–1", "W 2–1", "L 1–3"])
    b = ask(even, "did they win or lose more games?")
    assert b.status != "answered", b.text


def test_a_result_cell_that_cannot_be_read_is_not_counted():
    df = _schedule().assign(Result=["W 31–7", "L 10–14", "W 21–20", "Forfeit", "L 0–28",
                                    "L 9–13", "W 42–6", "L 14–17", "L 3–24"])
    a = ask(df, "did the club win or lose more games?")
    assert a.status != "answered", a.text


def test_a_side_with_no_games_of_that_result_counts_zero():
    d = _schedule().iloc[:4]
    assert (_count(d, _home(d) & ~_won(d)), _count(d, _away(d) & ~_won(d))) == (0, 1)
    a = ask(d, "did they lose more home matches or road matches?")
    assert a.status == "answered", a.text
    assert a.value == "road"  # the question's own word


def test_a_named_other_side_is_not_read_as_the_tables_own():
    a = ask(_schedule(), "did Halvern win or lose more games?")
    assert a.status != "answered" or a.value not in ("win", "lose"), a.text


def test_the_sql_and_the_planners_reading_of_the_marks_agree_cell_for_cell():
    import duckdb

    from nbdatachat.operations.base import column
    from nbdatachat.planner.plan_parts import mark_of
    from nbdatachat.query.cell_marks import mark_sql

    cells = ["W 2–1", "w\xa03-0", "Won", "Runner-up", "L 0–1 (OT)", "Draw", "T 1–1", "Bye",
             "Wx", "at\xa0Ashby", "@Corran", "vs. Delph", "n Elton", "Fenwick", None]
    con = duckdb.connect()
    con.execute("CREATE TABLE t (i INTEGER, c VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?)", list(enumerate(cells)))
    for op in ("outcome", "away"):
        sql = f"SELECT {mark_sql(column('c'), op).sql('duckdb')} FROM t ORDER BY i"
        got = [None if r[0] is None else int(r[0]) for r in con.execute(sql).fetchall()]
        assert got == [mark_of(op, c) for c in cells]
    assert [mark_of("outcome", c) for c in cells[:9]] == [1, 1, 1, -1, -1, 0, 0, None, None]
    assert [mark_of("away", c) for c in cells[9:]] == [1, 1, None, None, 0, None]


def test_the_result_of_one_game_is_answered_with_the_questions_word():
    df = _schedule()
    a = ask(df, "did the club win or lose against Halvern?")
    assert a.status == "answered", a.text
    assert a.value == "win"  # "W 21–20"
    games = df.assign(Game=range(1, len(df) + 1))
    b = ask(games, "did the side lose or win game 6?")
    assert b.status == "answered", b.text
    assert b.value == "lose"  # "L 9–13"
    scope: dict = {"df": games.copy()}
    exec(b.code, scope)  # noqa: S102
    assert scope["answer"] == "lose"


def test_one_game_is_not_read_when_the_opponent_was_met_twice_or_the_game_was_drawn():
    df = _schedule().assign(Opponent=["Dorran Tech", "Ferris Bay", "Halvern", "Kittering",
                                      "Lowmoor", "Marsh Hill", "Halvern", "Penhallow",
                                      "Quillby"])
    a = ask(df, "did the club win or lose against Halvern?")
    assert a.status != "answered" or a.value not in ("win", "lose"), a.text
    drawn = _schedule().assign(Result=["W 31–7", "L 10–14", "D 20–20", "W 17–3", "L 0–28",
                                       "L 9–13", "W 42–6", "L 14–17", "L 3–24"])
    b = ask(drawn, "did the club win or lose against Halvern?")
    assert b.status != "answered", b.text


def test_the_first_or_last_game_by_date_is_one_game():
    df = _schedule()
    a = ask(df, "was the last match a loss or a win?")
    assert a.status == "answered", a.text
    assert a.value == "loss"  # 2010-10-02: "L 3–24"
    first = ask(df, "was the first game a defeat or a victory?")
    assert first.status == "answered", first.text
    assert first.value == "victory"  # "W 31–7"
    b = ask(df, "was the first game played at home or away?")
    assert b.status == "answered", b.text
    assert b.value == "home"  # "Dorran Tech", no mark
    c = ask(df, "was the last game at home or on the road?")
    assert c.status == "answered", c.text
    assert c.value == "on the road"  # "at Quillby"


def test_the_first_game_is_not_pinned_when_the_order_column_repeats():
    df = _schedule().assign(Date=["2009-09-05"] * 2 + ["2009-09-19", "2009-09-26",
                                                       "2010-09-04", "2010-09-11",
                                                       "2010-09-18", "2010-09-25",
                                                       "2010-10-02"])
    a = ask(df, "was the first game a defeat or a victory?")
    assert a.status != "answered" or a.value not in ("defeat", "victory"), a.text


def test_there_were_more_forms_without_a_named_subject():
    df = _schedule()
    a = ask(df, "were there more wins or losses in 2009?")
    assert a.status == "answered", a.text
    assert a.value == "wins"  # 3 and 1
    b = ask(df, "were there more losses at home or on the road?")
    assert b.status == "answered", b.text
    assert b.value == "on the road"  # 1 and 3
    c = ask(df, "did the club win more at home or away?")
    assert c.status == "answered", c.text
    assert c.value == "home"  # 3 and 1
    d = ask(df, "did they play more games at home or away in 2010?")
    assert d.status != "answered", d.text  # 2 and 2, "vs. Lowmoor" neither


def test_yes_or_no_more_of_one_side_than_the_other():
    df = _schedule()
    a = ask(df, "did the club win more games than it lost?")
    assert a.status == "answered", a.text
    assert a.value == "No"  # 4 and 5
    b = ask(df, "were there more wins than losses in 2009?")
    assert b.status == "answered", b.text
    assert b.value == "Yes"  # 3 and 1
    c = ask(df, "were there more home games than away games?")
    assert c.status == "answered", c.text
    assert c.value == "No"  # 4 and 4: not more
    d = ask(df, "did the club win more than it won?")
    assert d.status != "answered", d.text
