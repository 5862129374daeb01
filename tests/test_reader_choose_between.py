"""Two items compared on a column of places written as text (planner/choose_between.py):
"better" and "higher" on "3rd" / "12th" / "T2" cells are the smaller number, "worse" and
"lower" the larger; a year column names the rows even when a measure is named right before
the years ("a higher position, 2001 or 2003"). Equal places are said to be equal, a cell
that is no place ("—", "DNF") is not answered, "the larger place" is not guessed, and an
item with several rows (several places) is refused. Small tables written here."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _club() -> pd.DataFrame:
    return pd.DataFrame({
        "Season": ["2011/12", "2012/13", "2013/14", "2014/15", "2015/16"],
        "Tier": [3, 3, 2, 2, 3],
        "League": ["Third", "Third", "Second", "Second", "Third"],
        "Place": ["4th", "11th", "T2", "—", "1st"],
    })


def _years() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [2001, 2002, 2003, 2004, 2005],
        "Coach": ["Ines Varga", "Ines Varga", "Olaf Brandt", "Olaf Brandt", "Mira Soto"],
        "Pos.": ["3rd", "12th", "7th", "7th", "DNF"],
        "Goals": [41, 28, 33, 35, 19],
    })


def _answered(a) -> object:
    assert a.status == "answered", a.text
    return a.value


@pytest.mark.parametrize("q, want", [
    ("were they placed better in 2011/12 or 2012/13?", "2011/12"),
    ("was their place worse in 2011/12 or 2012/13?", "2012/13"),
    ("which season had the higher place, 2012/13 or 2015/16?", "2015/16"),
    ("which season had the lower place, 2011/12 or 2013/14?", "2011/12"),
    ("was the place better in 2013/14 or 2011/12?", "2013/14"),  # "T2": a tie for 2nd
])
def test_places_written_as_text_point_the_way_of_a_ranking(q, want):
    d = _club()
    a = ask(d, q)
    assert str(_answered(a)) == want
    # both places are in the sentence, read off the cells
    for item in a.plan.items:
        cell = d.loc[d.Season == item, "Place"].iloc[0]
        assert cell.lstrip("T").rstrip("stndrh") in a.text


@pytest.mark.parametrize("q, want", [
    ("which year shows the higher position, 2002 or 2001?", 2001),
    ("in which year was the position better, 2003 or 2002?", 2003),
    ("which year shows the worse position, 2003 or 2001?", 2003),
])
def test_years_name_the_rows_after_a_named_measure(q, want):
    a = ask(_years(), q)
    assert _answered(a) == want
    assert a.plan.measure.column.startswith("place_of_")


def test_the_generated_pandas_code_reads_the_places_too():
    d = _years()
    a = ask(d, "which year shows the higher position, 2002 or 2001?")
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    res = scope["result"]
    text = res.to_string() if hasattr(res, "to_string") else str(res)
    assert "2001" in text and "3" in text and "12" in text


def test_equal_places_are_said_to_be_equal():
    a = ask(_years(), "which year shows the higher position, 2003 or 2004?")
    assert a.status == "answered", a.text
    assert a.text.startswith("Neither"), a.text
    assert "7" in a.text


@pytest.mark.parametrize("q", [
    "was the position higher in 2002 or 2005?",   # 'DNF' is no place
    "was their place better in 2014/15 or 2011/12?",    # '—' is no place
])
def test_a_cell_that_is_no_place_is_not_answered(q):
    d = _years() if "position" in q else _club()
    assert ask(d, q).status != "answered"


def test_the_larger_place_is_not_guessed():
    a = ask(_years(), "which year shows the larger position, 2001 or 2002?")
    assert a.status != "answered", a.text


def test_several_places_of_one_item_are_not_compared():
    # each coach has two rows: two places, not one
    a = ask(_years(), "did Ines Varga or Olaf Brandt have the higher position?")
    assert a.status != "answered", a.text


def test_a_numeric_measure_named_before_the_years_still_compares():
    a = ask(_years(), "which year shows more goals, 2003 or 2004?")
    assert _answered(a) == 2004


def _shares() -> pd.DataFrame:
    # a column per year of percentages (0-100), one row per group
    return pd.DataFrame({
        "Group": ["Farm owners", "Clerks", "Miners", "Teachers"],
        "1971": [38.0, 51.5, 62.0, 47.5],
        "1975": [44.0, 41.0, 58.5, 44.0],
        "1979": [29.5, 55.0, 61.0, 50.5],
    })


def _standings() -> pd.DataFrame:
    # a column per year of places written as ordinals; "-" did not take part
    return pd.DataFrame({
        "Country": ["Avalon", "Borduria", "Carpania", "Dorvia"],
        "1994": ["2nd", "1st", "-", "3rd"],
        "1998": ["4th", "-", "1st", "2nd"],
        "2002": ["1st", "3rd", "2nd", "-"],
    })


@pytest.mark.parametrize("q, want", [
    ("which group showed a bigger percentage in 1971, clerks or miners?", "Miners"),
    ("which group showed a lower percentage in 1979, teachers or clerks?", "Teachers"),
    ("did clerks or farm owners have the larger share in 1975?", "Farm owners"),
])
def test_a_year_names_its_column_in_a_table_with_a_column_per_year(q, want):
    d = _shares()
    a = ask(d, q)
    assert _answered(a) == want
    year = next(c for c in ("1971", "1975", "1979") if c in q)
    assert a.plan.measure.column == year
    for item in a.plan.items:
        assert f"{d.loc[d.Group == item, year].iloc[0]:g}" in a.text


def test_equal_cells_of_the_year_are_said_to_be_equal():
    a = ask(_shares(), "which group showed a bigger percentage in 1975, farm owners or teachers?")
    assert a.status == "answered" and a.text.startswith("Neither"), a.text


@pytest.mark.parametrize("q, want", [
    ("which country finished higher in 1998, avalon or dorvia?", "Dorvia"),
    ("which country did better in 2002, borduria or carpania?", "Carpania"),
    ("which country finished lower in 1994, avalon or dorvia?", "Dorvia"),
])
def test_places_per_year_written_as_ordinals(q, want):
    assert _answered(ask(_standings(), q)) == want


def test_a_year_with_no_place_or_no_column_is_not_answered():
    # Borduria has '-' in 1998; no column is named 2000
    assert ask(_standings(), "which country finished higher in 1998, avalon or borduria?"
               ).status != "answered"
    assert ask(_standings(), "which country finished higher in 2000, avalon or dorvia?"
               ).status != "answered"


def test_a_share_of_counts_is_not_read_as_the_cells():
    # the cells are counts (above 100): "a higher percentage" would need a total
    d = _shares()
    for y in ("1971", "1975", "1979"):
        d[y] = d[y] * 10
    a = ask(d, "which group showed a bigger percentage in 1971, clerks or miners?")
    assert a.status != "answered", a.text


def test_a_year_inside_one_column_name_names_that_column():
    d = pd.DataFrame({"Shop": ["Elm Street", "Harbour Road", "Mill Lane"],
                      "1990 sales": [120, 95, 60], "1995 sales": [80, 140, 70]})
    a = ask(d, "which shop had the larger figure in 1995, elm street or harbour road?")
    assert _answered(a) == "Harbour Road"
    assert a.plan.measure.column == "1995 sales"
    a = ask(d, "which shop had the larger figure in 1990, elm street or harbour road?")
    assert _answered(a) == "Elm Street"
    # two columns hold the year: which one?
    d["1995 staff"] = [4, 6, 2]
    assert ask(d, "which shop had the larger figure in 1995, elm street or harbour road?"
               ).status != "answered"


def _champions() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [2001, 2002, 2003, 2004, 2005, 2006],
        "Champion": ["Ann Lee", "Bea Moss", "Ann Lee", "Cara Diaz", "Dina Roy", "Dina Roy"],
        "Venue": ["Oslo", "Rome", "Oslo", "Kyiv", "Rome", "Oslo"],
    })


def test_a_count_of_one_row_each_is_not_answered_as_a_tie():
    # 1 and 1 rows: whatever "more" meant, counting rows compares nothing (service/count_ties)
    a = ask(_champions(), "who won more titles, bea moss or cara diaz?")
    assert a.status == "cannot_answer", a.text
    assert "one row each" in a.text


def test_other_counts_and_ties_of_several_rows_are_still_answered():
    d = _champions()
    assert _answered(ask(d, "who won more titles, ann lee or bea moss?")) == "Ann Lee"
    a = ask(d, "who won more titles, ann lee or dina roy?")  # 2 and 2
    assert a.status == "answered" and a.text.startswith("Neither"), a.text


def _seasons() -> pd.DataFrame:
    # records written "wins-losses"; one with a tie count is not read
    return pd.DataFrame({
        "Year": [1981, 1982, 1983, 1984, 1985],
        "Record": ["60-40", "45-55", "80-70", "30-10", "50-40-2"],
        "Finish": ["2nd", "6th", "3rd", "1st", "4th"],
    })


@pytest.mark.parametrize("q, want", [
    ("which year had the better record, 1981 or 1983?", 1981),   # 0.600 against 0.533
    ("which year had the worse record, 1982 or 1983?", 1982),
    ("was the record better in 1984 or 1981?", 1984),             # 30-10 beats 60-40
])
def test_records_of_wins_and_losses_compare_by_the_share_of_wins(q, want):
    a = ask(_seasons(), q)
    assert _answered(a) == want
    assert a.plan.measure.column.startswith("win_share_of_")


@pytest.mark.parametrize("q", [
    "which year had the higher record, 1981 or 1983?",   # higher: wins, or the share?
    "which year had the better record, 1985 or 1981?",   # '50-40-2' is not read
])
def test_records_that_are_not_clear_are_not_answered(q):
    assert ask(_seasons(), q).status != "answered"


def test_the_generated_pandas_code_reads_records_too():
    d = _seasons()
    a = ask(d, "which year had the better record, 1981 or 1983?")
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["answer"] == 1981


def test_a_share_named_after_its_measure_is_the_cells():
    d = pd.DataFrame({"Club": ["Ashby", "Brill", "Corton"], "Win %": [61.5, 48.0, 70.25],
                      "Games": [26, 25, 24]})
    a = ask(d, "which club shows a bigger win percentage, ashby or brill?")
    assert _answered(a) == "Ashby"
    # several rows per club: shares of several rows do not add up
    two = pd.concat([d, d.assign(**{"Win %": [40.0, 75.0, 50.0]})], ignore_index=True)
    a = ask(two, "which club shows a bigger win percentage, ashby or brill?")
    assert a.status != "answered", a.text


def _films() -> pd.DataFrame:
    # amounts written as text, with markers of no value and a footnote mark
    return pd.DataFrame({
        "Film": ["Grey Harbor", "Night Ferry", "Salt Road", "Blue Hour", "Iron Gate"],
        "Budget": ["$12 million", "$900,000", "N/A", "$1.5 million", "$0.8m"],
        "Awards": ["3", "7²", "0", "?", "2"],
    })


@pytest.mark.parametrize("q, want", [
    ("which film had the bigger budget, night ferry or blue hour?", "Blue Hour"),  # 1.5 m
    ("which film had the smaller budget, grey harbor or blue hour?", "Blue Hour"),
    ("did grey harbor or night ferry win more awards?", "Night Ferry"),            # '7²'
])
def test_amounts_written_as_text_are_compared_as_numbers(q, want):
    a = ask(_films(), q)
    assert _answered(a) == want
    assert a.plan.measure.column.startswith("amount_of_")


def test_amounts_in_the_generated_pandas_code_and_either_way():
    d = _films()
    a = ask(d, "was the budget of night ferry more or less than the budget of blue hour?")
    assert _answered(a) == "less"
    assert "900,000" in a.text and "1,500,000" in a.text
    a = ask(d, "which film had the bigger budget, night ferry or blue hour?")
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["answer"] == "Blue Hour"


@pytest.mark.parametrize("q", [
    "which film had the bigger budget, salt road or blue hour?",  # 'N/A'
    "did blue hour or iron gate win more awards?",                 # '?'
])
def test_an_amount_that_is_not_written_is_not_answered(q):
    assert ask(_films(), q).status != "answered"


def test_amounts_in_two_currencies_are_not_compared():
    d = _films()
    d.loc[4, "Budget"] = "£0.8m"
    assert ask(d, "which film had the bigger budget, night ferry or blue hour?"
               ).status != "answered"


def _roster() -> pd.DataFrame:
    return pd.DataFrame({
        "Name": ["Ari Dunn", "Bo Keller", "Cy Marsh", "Del Ortiz"],
        "Height": ["6'2", "5'11\"", "6-0", "n/a"],
        "Weight": [190, 176, 201, 183],
    })


@pytest.mark.parametrize("q, want", [
    ("is ari dunn or bo keller taller?", "Ari Dunn"),   # 74 against 71 inches
    ("is cy marsh or bo keller taller?", "Cy Marsh"),  # '6-0': 72 against 71
])
def test_heights_in_feet_and_inches_compare_as_inches(q, want):
    a = ask(_roster(), q)
    assert _answered(a) == want
    assert a.plan.measure.column.startswith("inches_of_")


def test_a_height_not_written_is_not_answered():
    assert ask(_roster(), "is ari dunn or del ortiz taller?").status != "answered"


def _books() -> pd.DataFrame:
    return pd.DataFrame({
        "Book": ["Tide Mark", "Glass Owl", "Far Field", "Low Sun", "Red Kite", "Oak Door"],
        "Language": ["Welsh", "Irish", "Welsh", "Welsh", "Irish", "Breton"],
        "Pages": [210, 340, 180, 95, 400, 260],
    })


@pytest.mark.parametrize("q, want", [
    ("are there more books in welsh or irish?", "Welsh"),        # 3 rows against 2
    ("were fewer books written in irish or in breton?", "Breton"),
])
def test_more_of_the_rows_noun_counts_the_rows(q, want):
    a = ask(_books(), q)
    assert _answered(a) == want
    assert a.plan.measure.agg == "count"
    assert "counted the rows: each Book is one row" in a.notes
    d = _books()
    for item in a.plan.items:  # both counts are in the sentence
        assert f"{item} {int((d.Language == item).sum())}" in a.text


def test_a_noun_column_whose_cells_repeat_is_not_counted_as_rows():
    d = _books()
    d["Book"] = ["Tide Mark", "Tide Mark", "Tide Mark", "Low Sun", "Low Sun", "Oak Door"]
    assert ask(d, "are there more books in welsh or irish?").status != "answered"


def _league() -> pd.DataFrame:
    return pd.DataFrame({
        "Club": ["Rovers", "Athletic", "Wanderers", "Rangers"],
        "Played": [20, 20, 20, 20],
        "Won": [12, 9, 5, 9],
        "Lost": [6, 8, 13, 8],
        "Points": [38, 30, 17, 30],
    })


@pytest.mark.parametrize("q, want", [
    ("who had more losses, rovers or wanderers?", "Wanderers"),
    ("which club had fewer wins, athletic or rovers?", "Athletic"),
])
def test_a_result_noun_names_the_column_of_that_side(q, want):
    a = ask(_league(), q)
    assert _answered(a) == want
    assert a.plan.measure.column in ("Won", "Lost")


def test_a_result_noun_with_several_rows_per_item_is_not_averaged():
    d = pd.concat([_league(), _league()], ignore_index=True)
    assert ask(d, "who had more losses, rovers or wanderers?").status != "answered"


def test_equal_results_are_said_to_be_equal():
    a = ask(_league(), "who had more wins, athletic or rangers?")
    assert a.status == "answered" and a.text.startswith("Neither"), a.text


def _credits() -> pd.DataFrame:
    # a year with no film (1993) inside the column's range has none
    return pd.DataFrame({
        "Year": [1991, 1991, 1992, 1994, 1994, 1994],
        "Title": ["Cold Lake", "Paper Moon Inn", "Dry Creek", "Fog Line", "Salt Air", "Vesper"],
        "Role": ["Lead", "Guest", "Lead", "Lead", "Support", "Lead"],
    })


@pytest.mark.parametrize("q, want", [
    ("are there more titles in 1994 or 1991?", 1994),   # 3 against 2
    ("are there more titles in 1992 or 1991?", 1991),   # 2 against 1
])
def test_rows_counted_for_two_years_of_a_column_of_years(q, want):
    assert _answered(ask(_credits(), q)) == want


def test_a_year_outside_the_column_is_not_counted():
    assert ask(_credits(), "are there more titles in 1994 or 1999?").status != "answered"
