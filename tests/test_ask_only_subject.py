"""The noun after "the only" or "its" names the rows asked about, not a second column to give
(planner/only_subject.py): "what year ... the only record ..." answers the year, "who was the
only pick ..." the player, "which author has its novel ..." the author. "the only" still
promises one row (a question back when several match), and a question joining two things
still gets both. Small tables written here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    return pd.DataFrame({"Year": [1971, 1974, 1976, 1979, 1983, 1986],
                         "Record": ["Low Tide", "Paper Moons", "Salt Roads", "Glasshouse",
                                    "Night Ferry", "Copper Sky"],
                         "Label": ["Harbor", "Harbor", "Kestrel", "Marlin", "Harbor", "Marlin"],
                         "Peak": [12, 4, 30, 7, 19, 2]})


@pytest.fixture(scope="module")
def engines() -> pd.DataFrame:
    return pd.DataFrame({"Name": ["Bramble", "Cinder", "Dormouse", "Elder", "Fennel"],
                         "Year Built": [1848, 1850, 1852, 1852, 1855],
                         "Serial Number": [101, 117, 130, 131, 148],
                         "Gauge": ["narrow", "narrow", "standard", "narrow", "standard"]})


@pytest.fixture(scope="module")
def picks() -> pd.DataFrame:
    return pd.DataFrame({"Pick": [3, 8, 15, 22, 31],
                         "Player": ["Ty Moreno", "Ike Dunn", "Rob Faye", "Sam Oke", "Lou Prat"],
                         "Team": ["Hawks", "Owls", "Bears", "Hawks", "Owls"],
                         "School": ["Lakeview Academy", "Pine Ridge", "Cedar Falls",
                                    "Pine Ridge", "Cedar Falls"]})


@pytest.fixture(scope="module")
def novels() -> pd.DataFrame:
    return pd.DataFrame({"Listed": pd.to_datetime(["2001-02-24", "2001-03-03", "2001-03-03",
                                                   "2001-03-10"]),
                         "Novel": ["Grey Harbour", "The Long Field", "Winter Ash",
                                   "Stone Orchard"],
                         "Author": ["J. Pell", "M. Ortega", "M. Ortega", "K. Wren"],
                         "Weeks": [5, 9, 3, 12]})


@pytest.mark.parametrize("question", [
    "what year was the only record on the kestrel label released?",
    "what year did the only record on the kestrel label come out?",
])
def test_the_year_of_the_only_record_is_the_year(records, question):
    a = ask(records, question)
    assert a.status == "answered", a.text
    assert a.value == records.loc[records.Label == "Kestrel", "Year"].item() == 1976
    assert any("rows asked about" in n for n in a.notes), a.notes


def test_the_column_of_the_only_entry_is_that_column_not_its_name(engines):
    a = ask(engines, "what was the serial number of the only entry built in 1850?")
    assert a.status == "answered", a.text
    assert a.value == engines.loc[engines["Year Built"] == 1850, "Serial Number"].item() == 117


def test_who_was_the_only_pick_is_the_player(picks):
    for question in ("who was the only rookie pick from lakeview academy?",
                     "who is the only pick out of lakeview academy?"):
        a = ask(picks, question)
        assert a.status == "answered", a.text
        assert a.value == picks.loc[picks.School == "Lakeview Academy", "Player"].item()


def test_the_owner_of_its_novel_is_the_author(novels):
    a = ask(novels, "which author only had its novel listed on 24 february 2001?")
    assert a.status == "answered", a.text
    day = novels[novels.Listed == "2001-02-24"]
    assert a.value == day.Author.item() == "J. Pell"


@pytest.mark.parametrize("table,question,matches", [
    ("engines", "what was the serial number of the only entry built in 1852?", 2),
    ("records", "what year was the only record on the harbor label released?", 3),
    ("picks", "who was the only rookie pick from pine ridge?", 2),
])
def test_the_only_still_asks_back_when_several_rows_match(request, table, question, matches):
    df = request.getfixturevalue(table)
    a = ask(df, question)
    assert a.status == "needs_clarification", (a.status, a.value)
    assert f"{matches} rows match" in a.text


def test_a_question_joining_two_things_gets_both(records):
    a = ask(records, "what was the only record and its year on the kestrel label?")
    assert a.status == "answered", a.text
    row = records[records.Label == "Kestrel"].iloc[0]
    assert a.value == {"Record": row.Record, "Year": row.Year}


@pytest.mark.parametrize("question", [
    "the only record on the kestrel label came out in what year?",
    "what was the only record year on the kestrel label?",
])
def test_no_column_asked_before_the_only_is_still_refused(records, question):
    a = ask(records, question)
    assert a.status == "cannot_answer", (a.status, a.value)
    assert "one thing" in a.text and "'Record'" in a.text and "'Year'" in a.text


def test_values_and_their_column_before_the_rows_noun_are_read_past(records, picks):
    a = ask(records, "what year was the only kestrel label record released?")
    assert a.status == "answered", a.text
    assert a.value == records.loc[records.Label == "Kestrel", "Year"].item()
    b = ask(picks, "which school sent the only bears team player?")
    assert b.status == "answered", b.text
    assert b.value == picks.loc[picks.Team == "Bears", "School"].item() == "Cedar Falls"
    c = ask(picks, "which school sent the only hawks team player?")
    assert c.status == "needs_clarification", (c.status, c.value)
    assert f"{int((picks.Team == 'Hawks').sum())} rows match" in c.text


def test_a_noun_after_when_a_describes_the_column_asked(records):
    a = ask(records, "what is the only year when a record came out on kestrel?")
    assert a.status == "answered", a.text
    assert a.value == records.loc[records.Label == "Kestrel", "Year"].item()
    b = ask(records, "what is the only year when a record came out on harbor?")
    assert b.status == "needs_clarification", (b.status, b.value)
    c = ask(records, "what is the only year when the record came out on kestrel?")
    assert c.status == "cannot_answer" and "one thing" in c.text, (c.status, c.value)
