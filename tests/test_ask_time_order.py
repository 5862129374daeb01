"""Which of two named rows came first (issue 12, capability 2): "which was issued earlier,
A or B" by the one time column (dates, or whole years named for an event), the column the
question names, or a named column of order numbers ("drafted earlier": the smaller Draft
no.); "was A issued before or after B?" answered with the question's own word. Two time
columns the question does not choose between, a year column with blanks, and a tie are
never settled by the table's row order."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _stamps() -> pd.DataFrame:  # rows listed by name, not by year
    return pd.DataFrame({
        "Stamp": ["Blue Heron", "Copper Kettle", "Dawn Ferry", "Iron Gate", "Red Lantern"],
        "Issued": [1971, 1958, 1964, 1958, 1980],
        "Face value": [10, 5, 8, 5, 12],
    })


def _episodes() -> pd.DataFrame:
    return pd.DataFrame({
        "Guest": ["Mara Quill", "Tobias Rook", "Lena Voss", "Ezra Bloom"],
        "Broadcast": pd.to_datetime(["2019-03-02", "2019-01-19", "2019-02-09", "2019-04-13"]),
        "Minutes": [44, 52, 47, 39],
    })


def _draft() -> pd.DataFrame:
    return pd.DataFrame({
        "Draft no.": [1, 2, 3, 4, 5],
        "Athlete": ["Ivo Marsh", "Kai Denton", "Rui Palmer", "Sol Varga", "Ned Oakes"],
        "Club": ["Hawks", "Bears", "Hawks", "Lynx", "Bears"],
    })


@pytest.mark.parametrize("q, want", [
    ("which was issued earlier, blue heron or dawn ferry?", "Dawn Ferry"),
    ("which stamp came out first, red lantern or blue heron?", "Blue Heron"),
    ("which was issued later, copper kettle or dawn ferry?", "Dawn Ferry"),
])
def test_two_rows_by_a_column_of_years(q, want):
    a = ask(_stamps(), q)
    assert a.status == "answered", a.text
    assert a.value == want
    assert a.plan.kind == "comparison" and a.plan.measure.column == "Issued"
    assert "1,9" not in a.text  # years are written as the table writes them


def test_a_tie_in_years_is_said_not_broken_by_row_order():
    a = ask(_stamps(), "which was issued first, copper kettle or iron gate?")
    assert a.value is None and a.text.startswith("Neither"), a.text
    assert "1958" in a.text


@pytest.mark.parametrize("q, want", [
    ("was lena voss broadcast before or after tobias rook?", "after"),
    ("was mara quill broadcast before or after lena voss?", "after"),
    ("was ezra bloom on earlier or later than mara quill?", "later"),
    ("was tobias rook broadcast after or before ezra bloom?", "before"),
])
def test_before_or_after_answers_with_the_questions_word(q, want):
    a = ask(_episodes(), q)
    assert a.status == "answered", a.text
    assert a.value == want
    assert a.plan.output == "which_way"
    assert "2019-" in a.text and "00:00" not in a.text


def test_a_named_column_of_order_numbers():
    a = ask(_draft(), "was rui palmer drafted before or after kai denton?")
    assert a.status == "answered", a.text
    assert a.value == "after" and "3" in a.text and "2" in a.text
    b = ask(_draft(), "who was drafted earlier, ned oakes or ivo marsh?")
    assert b.value == "Ivo Marsh", b.text


def test_two_time_columns_the_question_does_not_choose_between_are_not_guessed():
    t = pd.DataFrame({
        "Painter": ["Ada Crane", "Bo Lind", "Cy Moss"],
        "Born": pd.to_datetime(["1901-05-02", "1888-11-30", "1915-07-14"]),
        "Died": pd.to_datetime(["1950-01-09", "1979-06-21", "1960-03-03"]),
    })
    a = ask(t, "who came first, ada crane or bo lind?")
    # not put in time order by Born or Died (at most the table's own order, said so)
    assert a.status != "answered" or (a.plan.kind != "comparison" and "table order" in a.text)
    b = ask(t, "who was born earlier, ada crane or cy moss?")
    assert b.status == "answered" and b.value == "Ada Crane", b.text


def test_a_year_column_with_blanks_is_not_used():
    t = _stamps()
    t.loc[2, "Issued"] = None
    a = ask(t, "which was issued earlier, blue heron or red lantern?")
    assert a.status != "answered", a.text


def test_unnumbered_order_is_not_time():
    # no time column and no order numbers: the rows' order alone is not when they happened
    t = pd.DataFrame({"Stamp": ["Blue Heron", "Dawn Ferry", "Red Lantern"],
                      "Colour": ["blue", "grey", "red"]})
    a = ask(t, "was red lantern issued before or after blue heron?")
    assert a.status != "answered", a.text


def test_a_place_in_the_list_is_not_read_as_time():
    # "come before" asks where a row is listed; the time column is not consulted
    a = ask(_stamps(), "does red lantern come before or after blue heron?")
    assert a.status != "answered" or a.plan.kind != "comparison", a.text


def test_the_first_thing_made_needs_a_time_column_not_the_list_order():
    # listed by name: the first row is not the first bridge built
    t = pd.DataFrame({"Bridge": ["Ash Lane", "Brook Road", "Cole Street"],
                      "Town": ["Ripon", "Selby", "Thirsk"],
                      "Span (m)": [40, 65, 52]})
    a = ask(t, "which was the first bridge built?")
    assert a.status != "answered", a.text
    assert "in time" in a.text
    t["Opened"] = pd.to_datetime(["1901-05-01", "1887-03-12", "1925-09-30"])
    b = ask(t, "which was the first bridge built?")
    assert b.status == "answered" and b.value == "Brook Road", b.text
    # two named rows keep the table's order, said so
    c = ask(t.drop(columns=["Opened"]), "which was built first, ash lane or cole street?")
    assert c.status != "answered" or "table order" in c.text, c.text
