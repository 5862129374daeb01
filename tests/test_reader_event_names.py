"""The one event a table is about, named in the question (``planner/event_names.py``), and
three readings found beside it: "top pick" over a draft's Pick column (``planner/ranks.py``),
"how many <rows> total" as a count (``planner/measures.py``), a letter naming a class
("the C category", ``planner/coverage.py``), and footers after a summary row
(``service/trailing_rows.py``). Small tables written here; expected values from pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def regatta() -> pd.DataFrame:
    # one regatta's medal table: nothing in it says which regatta or which year
    return pd.DataFrame({"Nation": ["Avaria", "Belmark", "Corvia", "Dalmont", "Estoria"],
                         "Gold": [4, 3, 1, 0, 0], "Silver": [1, 2, 2, 1, 0],
                         "Bronze": [1, 1, 3, 1, 1], "Total": [6, 6, 6, 2, 1]})


@pytest.fixture(scope="module")
def seasons() -> pd.DataFrame:
    # several regattas, one per year: a named regatta without a year is one of them
    return pd.DataFrame({"Year": [2001, 2002, 2003, 2004],
                         "Winner": ["Avaria", "Corvia", "Avaria", "Belmark"],
                         "Boats": [12, 15, 11, 14]})


@pytest.fixture(scope="module")
def draft() -> pd.DataFrame:
    return pd.DataFrame({"Pick": [1, 2, 3, 4, 5],
                         "Player": ["Ann Vale", "Bo Crane", "Cy Dorn", "Di Fenn", "Ed Gale"],
                         "Team": ["Otters", "Rams", "Pumas", "Hawks", "Otters"]})


def test_a_named_event_the_data_never_names_is_read_past(regatta):
    a = ask(regatta, "how many nations took 1 or more gold medals at the 1994 coastal "
                     "rowing cup?")
    assert a.status == "answered", a.text
    assert a.value == int((regatta.Gold >= 1).sum())
    assert any("the one event the whole table is about" in n for n in a.notes)
    assert "1994" in " ".join(a.notes)


def test_a_bare_election_or_draft_is_the_whole_table(regatta, draft):
    a = ask(draft, "in the draft, the first pick went to whom?")
    assert a.status == "answered", a.text
    assert a.value == draft.loc[draft.Pick == 1, "Player"].item()


def test_several_years_make_an_unnamed_year_a_choice(seasons):
    a = ask(seasons, "how many boats raced in the lakeside regatta?")
    assert a.status != "answered"  # which year's regatta?
    b = ask(seasons, "name the winner of the 2003 lakeside regatta.")
    assert b.status == "answered", b.text
    assert b.value == seasons.loc[seasons.Year == 2003, "Winner"].item()


def test_a_name_going_on_after_its_head_is_not_read_past(regatta):
    a = ask(regatta, "how many gold medals did avaria win at the coastal cup of tarrow?")
    assert a.status != "answered"


def test_top_pick_is_the_smallest_pick(draft):
    a = ask(draft, "who was the top pick?")
    assert a.status == "answered", a.text
    assert a.value == draft.loc[draft.Pick.idxmin(), "Player"]
    picks = pd.DataFrame({"Team": ["Otters", "Rams", "Pumas"], "Picks": [4, 9, 2]})
    b = ask(picks, "which team had the most picks?")
    assert b.status == "answered", b.text
    assert b.value == picks.loc[picks.Picks.idxmax(), "Team"]  # a count, not a rank


def test_how_many_rows_total_counts_rows(regatta):
    a = ask(regatta, "how many nations total won a bronze medal?")
    assert a.status == "answered", a.text
    assert a.value == int((regatta.Bronze >= 1).sum())
    b = ask(regatta, "how many gold medals were won total?")
    assert b.status == "answered", b.text
    assert b.value == int(regatta.Gold.sum())


def test_a_letter_naming_a_class_is_a_condition():
    t = pd.DataFrame({"Place": ["1", "T2", "T2", "4"], "Player": ["Al", "Bea", "Cal", "Dee"],
                      "Score": [280, 281, 281, 284]})
    a = ask(t, "how many players are in the q category?")
    assert a.status != "answered"
    assert "'q'" in a.text


def test_rows_after_the_total_row_make_last_unclear():
    t = pd.DataFrame({"Party": ["Blue League", "Green Front", "Red Union", "Total",
                                "Registered voters"],
                      "Votes": [5200, 3100, 900, 9200, 15000]})
    a = ask(t, "which party came last in the table?")
    assert a.status == "needs_clarification", a.text
    assert "Registered voters" in a.text
    ok = t.iloc[:4]
    b = ask(ok, "which party came last in the table?")
    assert b.status == "answered", b.text
    assert b.value == "Red Union"


def test_a_bound_said_twice_is_one_bound():
    t = pd.DataFrame({"Year": [2001, 2002, 2003, 2004, 2005],
                      "Entrants": [3200, 5000, 7400, 4999, 5600]})
    a = ask(t, "count the years with at least 4,500 or more entrants.")
    assert a.status == "answered", a.text
    assert a.value == int((t.Entrants >= 4500).sum())
    b = ask(t, "count the years with fewer than 5,000 or less entrants.")
    assert b.status == "answered", b.text
    assert b.value == int((t.Entrants < 5000).sum())
    c = ask(t, "count the years with at least 5,000 or fewer entrants.")
    assert c.status != "answered"  # two bounds pointing apart: refused
