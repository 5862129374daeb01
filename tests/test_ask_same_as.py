"""Rows sharing a value with a named row, read from language (issue 12): "which X has the
same Y as Z", each checked against pandas, the SQL and the pandas code agreeing, and the
phrasings that must be refused (a question back beats a wrong answer)."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _albums() -> pd.DataFrame:
    return pd.DataFrame({
        "Album": ["Low Tide", "Paper Moons", "Glass Harbor", "Red Orchard", "Winter Lines",
                  "Salt Roads", "Ninefold"],
        "Year": [1998, 2001, 1998, 2004, 2001, 2001, 2010],
        "Label": ["Northway", "Cobalt", "Cobalt", "Northway", "Vela", "Cobalt", "Vela"],
        "Tracks": [10, 12, 9, 12, 11, 10, 12],
    })


def _others(d: pd.DataFrame, key: str, name: str, shared: str, asked: str) -> list:
    """pandas: ``asked`` of the rows sharing ``shared`` with the row ``key == name``."""
    value = d.loc[d[key] == name, shared].iloc[0]
    return d[(d[shared] == value) & (d[key] != name)][asked].tolist()


def _value(a):
    assert a.status == "answered", a.text
    return a.value


@pytest.mark.parametrize("q, name, shared", [
    ("which album came out the same year as low tide?", "Low Tide", "Year"),
    ("what other album came out in the same year as Paper Moons", "Paper Moons", "Year"),
    ("which album has the same number of tracks as red orchard?", "Red Orchard", "Tracks"),
    ("what album has the same label as Ninefold?", "Ninefold", "Label"),
])
def test_the_rows_sharing_a_value_with_a_named_row(q, name, shared):
    d = _albums()
    want = _others(d, "Album", name, shared, "Album")
    got = _value(ask(d, q))
    assert (got if isinstance(got, list) else [got]) == want


def test_the_answer_says_how_it_was_read_and_the_code_agrees():
    d = _albums()
    a = ask(d, "which album came out the same year as low tide?")
    assert _value(a) == "Glass Harbor"
    assert "same Year as the row where Album is Low Tide" in a.text
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["result"]["Album"].tolist() == ["Glass Harbor"]
    assert "IN (SELECT" in a.sql.upper()


def test_no_other_row_sharing_the_value_is_said_not_answered():
    d = _albums()
    a = ask(d, "which album has the same number of tracks as winter lines?")
    assert a.status != "answered"
    assert "No other row has the same Tracks" in a.text


@pytest.mark.parametrize("q", [
    "which album has the same label as ninefold and low tide?",  # two anchors
    "which label has the most albums with the same year as low tide?",  # with a ranking
])
def test_what_the_reading_cannot_carry_is_not_answered(q):
    d = _albums()
    assert ask(d, q).status != "answered"


def test_name_a_row_asks_for_any_one_of_them():
    d = _albums()
    want = _others(d, "Album", "Paper Moons", "Label", "Album")
    assert len(want) == 2
    assert _value(ask(d, "name an album with the same label as Paper Moons")) == want[0]


@pytest.mark.parametrize("q, x, y, shared", [
    ("does low tide have the same label as red orchard?", "Low Tide", "Red Orchard", "Label"),
    ("does Low Tide have the same label as Paper Moons?", "Low Tide", "Paper Moons", "Label"),
    ("did winter lines have the same year as salt roads", "Winter Lines", "Salt Roads", "Year"),
    ("does Ninefold have the same number of tracks as Glass Harbor?", "Ninefold",
     "Glass Harbor", "Tracks"),
])
def test_yes_no_do_two_rows_share_a_value(q, x, y, shared):
    d = _albums()
    same = d.loc[d.Album == x, shared].iloc[0] == d.loc[d.Album == y, shared].iloc[0]
    a = ask(d, q)
    assert _value(a) == ("Yes" if same else "No")
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["result"] == a.value


def test_a_noun_no_column_holds_asks_for_another_of_the_named_rows_kind():
    # "release" names no column: the answer is another album (the anchor's column), never
    # some other column of those rows
    d = _albums()
    a = ask(d, "which release has the same label as Ninefold?")
    assert _value(a) == "Winter Lines"
    assert _others(d, "Album", "Ninefold", "Label", "Album") == ["Winter Lines"]


def test_a_year_names_the_row_of_the_year_column():
    d = pd.DataFrame({"Year": [2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012],
                      "Titles": [10, 12, 9, 14, 12, 8, 11, 9]})
    for q, year in (("in what year did they have the same number of titles as in 2012?", 2012),
                    ("what year had the same titles as 2006", 2006)):
        want = _others(d, "Year", year, "Titles", "Year")
        assert len(want) == 1
        assert _value(ask(d, q)) == want[0], q


def test_how_many_other_rows_share_the_named_rows_value():
    d = _albums()
    a = ask(d, "how many albums have the same label as ninefold?")
    assert _value(a) == len(_others(d, "Album", "Ninefold", "Label", "Album")) == 1
    assert "The row where Album is Ninefold has Label Vela." in a.text
    a = ask(d, "how many albums came out the same year as paper moons?")
    assert _value(a) == 2


def test_a_unit_noun_after_the_shared_column():
    d = pd.DataFrame({"Striker": ["Avalon", "Brindle", "Corvel", "Dunmore", "Elmar"],
                      "League": [4, 2, 4, 1, 2], "Cup": [1, 3, 0, 2, 2]})
    a = ask(d, "which striker netted the same number of league goals as brindle?")
    assert _value(a) == "Elmar"
    a = ask(d, "how many strikers have the same amount of cup goals as elmar")
    assert _value(a) == 1


def test_a_row_named_by_its_number_in_a_numbered_column():
    d = pd.DataFrame({"Heat no": [1, 2, 3, 4, 5], "Winner": ["Pia", "Rex", "Sol", "Tam", "Uma"],
                      "Score": ["2-1", "0-0", "3-1", "2-1", "1-1"]})
    a = ask(d, "which heat number had the same score as heat number 4?")
    assert _value(a) == 1
    a = ask(d, "who won a heat with the same score as heat number 1?")
    assert _value(a) == "Tam"


def test_the_shared_column_named_before_same_year_and_the_kind_noun_repeated():
    d = pd.DataFrame({"Lodge": ["Fernhill", "Gully Rest", "Hawk Ridge", "Ivy Bank"],
                      "Opened": [1961, 1974, 1961, 1980],
                      "Keeper": ["Moss", "Reid", "Moss", "Tran"]})
    a = ask(d, "which lodge opened the same year as ivy bank?")
    assert a.status != "answered"  # 1980 is Ivy Bank's alone
    a = ask(d, "which lodge opened the same year as fernhill?")
    assert _value(a) == "Hawk Ridge"
    a = ask(d, "which lodge has the same keeper as the lodge fernhill?")
    assert _value(a) == "Hawk Ridge"


def test_an_unmatched_modifier_of_the_shared_column_is_said():
    d = pd.DataFrame({"Crew": ["Oar", "Pike", "Quay"], "Points": [7, 9, 7]})
    a = ask(d, "which crew has the same amount of season points as quay?")
    assert _value(a) == "Oar"
    assert 'ignored: "season"' in a.interpretation


def test_yes_no_with_the_shared_column_named_by_a_verb():
    d = pd.DataFrame({"Lodge": ["Fernhill", "Gully Rest", "Hawk Ridge", "Ivy Bank"],
                      "Opened": [1961, 1974, 1961, 1980]})
    assert _value(ask(d, "was hawk ridge opened the same year as fernhill?")) == "Yes"
    assert _value(ask(d, "was gully rest opened the same year as ivy bank?")) == "No"


def test_the_shared_column_said_before_is_the_same_as():
    d = pd.DataFrame({"Year": [2015, 2016, 2017, 2018],
                      "Champion": ["Rook", "Vale", "Rook", "Tarn"],
                      "Runner": ["Ames", "Bell", "Cole", "Dunn"]})
    a = ask(d, "in which other year was the champion the same as in 2017?")
    assert _value(a) == 2015
    a = ask(d, "which year the champion was the same as in 2017?")
    assert _value(a) == 2015
    d = pd.DataFrame({"Player": ["Ida Lind", "Max Orr", "Nel Park"], "Total": [71, 68, 71]})
    a = ask(d, "whose total was the same as ida lind's?")
    assert _value(a) == "Nel Park"


def test_yes_no_is_the_column_of_a_the_same_as_b():
    d = pd.DataFrame({"Town": ["Ashby", "Brent", "Colby", "Dorne"],
                      "County": ["Wessex", "Mercia", "Wessex", "Anglia"],
                      "Founded": [1120, 1300, 1120, 1450]})
    assert _value(ask(d, "is the county of ashby the same as colby?")) == "Yes"
    assert _value(ask(d, "is the founded of brent the same as the founded of dorne?")) == "No"
    assert _value(ask(d, "is the ashby county the same as the colby county?")) == "Yes"
    assert _value(ask(d, "was the county for the brent the same as for dorne?")) == "No"


def test_the_anchor_first_and_the_answer_after_as_which():
    d = pd.DataFrame({"Tower": ["Gull Rock", "Heron Point", "Ibis Cape", "Jay Head"],
                      "Elevation": [40, 55, 40, 55], "Keeper": ["Ola", "Pim", "Quin", "Rolf"]})
    a = ask(d, "the gull rock tower has the same elevation as which tower?")
    assert _value(a) == "Ibis Cape"
    a = ask(d, "heron point shares the same elevation as how many other towers?")
    assert a.status != "answered" or _value(a) == 1
    a = ask(d, "jay head has the same elevation as how many other towers?")
    assert _value(a) == 1
    a = ask(d, "ibis cape has the same elevation as which keeper?")
    assert _value(a) == "Ola"


def test_a_count_column_named_before_have_the_same_number_of():
    d = pd.DataFrame({"Year": [2019, 2020, 2021, 2022], "Hawks": [4, 2, 4, 3],
                      "Owls": [1, 3, 2, 1]})
    a = ask(d, "in which year did hawks have the same number of victories as in 2021?")
    assert _value(a) == 2019
    a = ask(d, "in which year did the owls have the same number of victories as in 2022?")
    assert _value(a) == 2019


def _fixtures() -> pd.DataFrame:
    return pd.DataFrame({
        "Round": [1, 2, 3, 4, 5, 6],
        "Opponent": ["Harbour", "Millfield", "Eastgate", "Northcote", "Westbury", "Ridge"],
        "Start": ["13:00", "15:00", "13:00", "19:45", "15:00", "12:30"],
        "Ground": ["Oak Park", "Vale Road", "Oak Park", "Dene Lane", "Oak Park", "Vale Road"],
    })


def test_a_noun_after_the_shared_column_and_a_numbered_anchor():
    d = _fixtures()
    want = _others(d, "Round", 3, "Start", "Round")
    assert _value(ask(d, "which round has the same start time as round 3?")) == want[0] == 1


def test_the_rows_noun_said_again_before_the_anchor_in_another_form():
    d = _fixtures()
    n = len(_others(d, "Opponent", "Ridge", "Ground", "Opponent"))
    assert _value(ask(d, "how many fixtures were at the same ground as the fixture ridge?",
                      name="fixtures")) == n == 1


def test_the_match_against_an_anchor_names_its_row():
    d = _fixtures()
    want = _others(d, "Opponent", "Millfield", "Ground", "Round")
    assert _value(ask(d, "which round was played at the same ground as the match against "
                         "millfield?")) == want[0] == 6


def test_text_values_differing_only_in_case_are_the_same_value():
    d = pd.DataFrame({"Player": ["Ann", "Bo", "Cy", "Di"],
                      "Role": ["Wing back", "Keeper", "Wing Back", "Striker"]})
    a = ask(d, "which player has the same role as ann?")
    assert _value(a) == "Cy"  # "Wing back" and "Wing Back"
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code agrees
    assert scope["result"]["Player"].tolist() == ["Cy"]


@pytest.mark.parametrize("q, name, shared", [
    ("red orchard had the same tracks recorded as which album?", "Red Orchard", "Tracks"),
    ("low tide has the same year as who?", "Low Tide", "Year"),
    ("winter lines had the same label listed as who else?", "Winter Lines", "Label"),
])
def test_a_participle_before_as_and_as_who(q, name, shared):
    """"the same <column> <participle> as": how the value came about adds nothing; "as who
    (else)": the other rows of the named one's kind."""
    d = _albums()
    want = _others(d, "Album", name, shared, "Album")
    got = _value(ask(d, q))
    assert sorted(got if isinstance(got, list) else [got]) == sorted(want)


def test_a_word_before_as_that_is_no_participle_is_still_refused():
    a = ask(_albums(), "red orchard had the same tracks often as which album?")
    assert a.status != "answered"
