"""Cells listing several years ("1988, 1991, 1997"): "how many times did <one row> <verb>"
is the number of years in that row's cell in the column the verb names, not a count of
rows (1). Ranges, other words, or two such columns that could fit stay asked back. Our own
chess-club tables."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask

CLUB = pd.DataFrame({
    "Member": ["Ilse Varga", "Tomas Reyes", "Ona Petrauskas", "Kwame Osei", "Lena Holm",
               "Rui Matos"],
    "Town": ["Delft", "Porto", "Kaunas", "Accra", "Malmo", "Braga"],
    "Seasons crowned": ["1988, 1991, 1997", "1990", "1993, 1994", "2001", "1985, 1999",
                        "2004"],
    "Rating": [2310, 2275, 2240, 2198, 2305, 2150],
})


def test_times_a_row_did_the_listed_thing_counts_its_years():
    a = ask(CLUB, "how many times was ilse varga crowned?")
    assert a.status == "answered", a.text
    assert a.value == 3
    b = ask(CLUB, "how many seasons was ona petrauskas crowned?")
    assert b.status == "answered", b.text
    assert b.value == 2
    c = ask(CLUB, "how many times did tomas reyes get crowned?")
    assert c.status == "answered", c.text
    assert c.value == 1


def test_past_form_in_the_column_name_matches_the_verb_asked():
    df = CLUB.rename(columns={"Seasons crowned": "Years won"})
    a = ask(df, "how many times did lena holm win?")
    assert a.status == "answered", a.text
    assert a.value == 2


def test_verb_naming_no_listed_column_stays_asked_back():
    a = ask(CLUB, "how many times did kwame osei travel?")
    assert a.status != "answered", a.value


def test_two_listed_columns_that_could_fit_stay_asked_back():
    df = CLUB.assign(**{"Seasons runner-up": ["1990", "1985, 1986", "1995", "1999", "2000",
                                              "2003, 2005"]})
    a = ask(df, "how many seasons did rui matos take part?")
    assert a.status != "answered", a.value
    b = ask(df, "how many times was ilse varga crowned?")
    assert b.status == "answered", b.text
    assert b.value == 3


def test_ranges_or_words_in_the_cells_stay_asked_back():
    df = CLUB.assign(**{"Seasons crowned": ["1988-1991", "1990", "1993, 1994", "2001",
                                            "1985, 1999", "2004"]})
    a = ask(df, "how many times was ilse varga crowned?")
    assert a.status != "answered", a.value
    df2 = CLUB.assign(**{"Seasons crowned": ["1988, 1991 (shared)", "1990", "1993, 1994",
                                             "2001", "1985, 1999", "2004"]})
    b = ask(df2, "how many times was ilse varga crowned?")
    assert b.status != "answered", b.value


def test_noun_or_verb_forms_of_the_column_name_match():
    df = CLUB.rename(columns={"Seasons crowned": "Winning seasons"})
    a = ask(df, "how many years did rui matos win?")
    assert a.status == "answered", a.text
    assert a.value == 1


def test_items_aggregation_matches_its_pandas_code():
    from nbdatachat.planner import AggregatePlan, Measure
    from nbdatachat.query import open_source, pandas_code, run_plan, validate_plan

    df = pd.DataFrame({"k": [1, 1, 2, 2, 3], "yrs": ["1990, 1992", "1995", None,
                                                     "2001, 2002, 2007", "1980"]})
    src = open_source(df, name="items_frame")
    plan = validate_plan(AggregatePlan(measures=[Measure("items", "yrs")], group_by=["k"]),
                         src.schema)
    got = run_plan(plan, src).table.set_index("k")["items_yrs"].to_dict()
    assert got == {1: 3, 2: 3, 3: 1}
    ns = {"df": df}
    exec(pandas_code(plan, list(df.columns)), ns)
    assert ns["result"].set_index("k")["items_yrs"].to_dict() == got


PANELS = pd.DataFrame({
    "Panel": ["Budget", "Parks", "Transit", "Housing", "Schools", "Water"],
    "Chair": ["Mira Sol", "Dev Anand", "Kai Berg", "Lu Chen", "Ana Ruiz", "Bo Lind"],
    "Members": ["Ann Okoro, Bill Tran and Cy Day", "Dana Fry, Eli Moss", "Fay Gill",
                "Gus Hale, Ida Park, Jo Quinn, & Kit Roe", "Lee Sato, Max Udo", "Ned Vo"],
    "Seat": ["Austin, TX", "Dayton, OH", "Reno, NV", "Tulsa, OK", "Boise, ID", "Fargo, ND"],
})


def test_plural_column_of_names_counts_the_row_items():
    a = ask(PANELS, "how many members does the housing panel have?")
    assert a.status == "answered", a.text
    assert a.value == 4
    b = ask(PANELS, "the budget panel has how many members?")
    assert b.status == "answered", b.text
    assert b.value == 3
    c = ask(PANELS, "how many members are on the transit panel?")
    assert c.status == "answered", c.text
    assert c.value == 1


def test_names_that_do_not_separate_cleanly_stay_unread_as_lists():
    df = PANELS.assign(Members=["Ann Okoro & Bill Tran", "Dana Fry, Eli Moss", "Fay Gill",
                                "Gus Hale, Ida Park", "Lee Sato, Max Udo", "Ned Vo"])
    a = ask(df, "how many members does the budget panel have?")
    assert a.status != "answered" or a.value != 1, a.text
    assert not (a.status == "answered" and "items" in a.text), a.text
    b = ask(PANELS, "how many seats does the parks panel have?")
    assert not (b.status == "answered" and "items" in b.text), b.text
