"""How long one row lasted (issue 12): a start and an end column paired by general language,
or one column of spans of years; each number checked against pandas, the SQL and the pandas
code agreeing, and the readings that must be refused or asked back (an open end, two possible
pairs, days asked of years, no row named)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from nbdatachat import ask


def _wardens() -> pd.DataFrame:
    # lighthouse wardens of an imaginary coast: the years each began and ended service
    return pd.DataFrame({
        "Warden": ["Ottilie Marsh", "Benedek Farr", "Ysolde Crane", "Caspian Lowe",
                   "Marit Fennick", "Hollis Quarry", "Ines Varga"],
        "Station": ["North Spit", "North Spit", "Gull Rock", "Gull Rock", "Cape Dorran",
                    "Cape Dorran", "North Spit"],
        "Began service": [1871, 1894, 1880, 1907, 1899, 1931, 1922],
        "Ended service": [1894, 1922, 1907, 1931, 1931, 1950, 1946],
        "Keepers": [2, 3, 2, 2, 4, 3, 2],
    })


def _painters() -> pd.DataFrame:
    # painters with their working years written as spans, and birth / death years
    return pd.DataFrame({
        "Painter": ["Aurelio Bent", "Cosima Rudd", "Dag Villeneuve", "Elka Morrow",
                    "Feodor Lind", "Greta Osk"],
        "Active": ["1901–1938", "1922-48", "1987–2004", "1995–", "1889–1903", "1998-05"],
        "Birth year": [1880, 1899, 1960, 1971, 1865, 1975],
        "Death year": [1941, 1950, 2010, None, 1904, 2015],
        "School": ["Coastal", "Coastal", "Northern", "Northern", "Coastal", "Northern"],
    })


def _value(a):
    assert a.status == "answered", a.text
    return a.value


def _row(d: pd.DataFrame, col: str, name: str) -> pd.Series:
    return d[d[col] == name].iloc[0]


@pytest.mark.parametrize("q, who", [
    ("how long did Ysolde Crane serve?", "Ysolde Crane"),
    ("how many years did hollis quarry serve?", "Hollis Quarry"),
    ("How long was Benedek Farr's service?", "Benedek Farr"),
    ("how many years did Marit Fennick stay at Cape Dorran?", "Marit Fennick"),
])
def test_a_start_and_an_end_column_give_the_years_of_the_named_row(q, who):
    d = _wardens()
    r = _row(d, "Warden", who)
    a = ask(d, q)
    assert _value(a) == r["Ended service"] - r["Began service"]
    # the unit and the columns used are said
    assert "years from Began service to Ended service" in a.text
    assert "Ended service - Began service" in a.interpretation


def test_a_span_of_years_in_one_column_is_last_minus_first_with_short_ends_expanded():
    d = _painters()
    spans = d["Active"].str.extract(r"(\d{4})\D+(\d{2,4})$").astype(float)
    short = spans[0] // 100 * 100 + spans[1]
    short = short.where(spans[1] >= spans[0] % 100, short + 100)  # "1998-05" ends in 2005
    last = spans[1].where(spans[1] >= 100, short)
    expected = dict(zip(d["Painter"], last - spans[0]))
    assert _value(ask(d, "how long was Aurelio Bent active?")) == expected["Aurelio Bent"] == 37
    # "1922-48": the end takes the start's century
    assert _value(ask(d, "how many years was cosima rudd active?")) == \
        expected["Cosima Rudd"] == 26
    assert _value(ask(d, "how long was Greta Osk active?")) == expected["Greta Osk"] == 7
    a = ask(d, "how long was Dag Villeneuve active?")
    assert _value(a) == expected["Dag Villeneuve"] == 17
    assert "length of Active in years" in a.text


def test_a_life_is_read_from_birth_and_death_columns_not_from_a_working_span():
    d = _painters()
    r = _row(d, "Painter", "Feodor Lind")
    a = ask(d, "how long did Feodor Lind live?")
    assert _value(a) == r["Death year"] - r["Birth year"] == 39
    assert "Birth year" in a.text and "Death year" in a.text


def test_an_open_end_is_refused_never_measured_to_today():
    d = _painters()
    # the span "1995–" has no end, and the death year is blank
    a = ask(d, "how long was Elka Morrow active?")
    assert a.status != "answered" and a.value is None
    assert "Active" in a.text
    a = ask(d, "how long did Elka Morrow live?")
    assert a.status != "answered" and a.value is None
    # an end written as a word in a column of years
    w = _wardens().astype({"Ended service": object})
    w.loc[w.Warden == "Ines Varga", "Ended service"] = "present"
    a = ask(w, "how long did Ines Varga serve?")
    assert a.status != "answered" and a.value is None
    r = _row(w, "Warden", "Caspian Lowe")  # the other rows still read
    assert _value(ask(w, "how long did Caspian Lowe serve?")) == \
        int(r["Ended service"]) - r["Began service"] == 24


def test_the_sql_and_the_pandas_code_compute_the_same_number():
    for d, q, expected in ((_wardens(), "how long did Caspian Lowe serve?", 24),
                           (_painters(), "how long was Cosima Rudd active?", 26)):
        a = ask(d, q)
        assert _value(a) == expected
        scope: dict = {"df": d.copy()}
        exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
        assert scope["result"].iloc[0, 0] == expected
        assert re.search(r"\bFROM\b", a.sql)


def test_two_possible_pairs_are_asked_back_and_days_are_not_counted_from_years():
    d = _wardens()
    d["Start"] = d["Began service"] + 1
    d["End"] = d["Ended service"] - 1
    a = ask(d, "how long did Ysolde Crane serve?")
    assert a.status == "needs_clarification" and a.value is None
    assert "Began service" in a.text and "Start" in a.text
    a = ask(_wardens(), "how many days did Ysolde Crane serve?")
    assert a.status != "answered" and "years" in a.text


def test_no_named_row_and_several_rows_are_not_answered():
    d = _wardens()
    assert ask(d, "how long did they serve?").status != "answered"
    # two wardens at North Spit: which one is asked, never a combined number
    a = ask(d.drop(columns=["Warden"]), "how long did North Spit serve?")
    assert a.status == "needs_clarification" and a.value is None
    assert "3 rows" in a.text


def test_a_life_asked_of_a_table_with_only_working_years_is_not_answered():
    d = _wardens()
    assert ask(d, "how long did Ysolde Crane live?").status != "answered"


def test_a_duration_column_the_table_has_is_still_looked_up():
    d = _wardens()
    d["Tenure length"] = d["Ended service"] - d["Began service"] + 100  # not the difference
    r = _row(d, "Warden", "Benedek Farr")
    a = ask(d, "how long was the tenure length of Benedek Farr?")
    assert _value(a) == r["Tenure length"] == 128


def test_a_span_named_for_a_life_is_read_for_a_life_only():
    d = pd.DataFrame({"Poet": ["Wren Tallis", "Odo Brack", "Sefa Lind", "Juno Pike"],
                      "Life": ["1850–1911", "1862–1930", "1871–1899", "1880–1944"],
                      "Region": ["Hills", "Coast", "Hills", "Coast"]})
    r = d[d.Poet == "Odo Brack"].iloc[0]
    first, last = (int(y) for y in r["Life"].split("–"))
    assert _value(ask(d, "how long did Odo Brack live?")) == last - first == 68
    # a term is never measured by the years of a life
    assert ask(d, "how long did Odo Brack serve?").status != "answered"
    assert _value(ask(d, "for how many years did odo brack live?")) == 68


def _envoys() -> pd.DataFrame:
    # envoys with the days their postings started and ended (real dates)
    return pd.DataFrame({
        "Envoy": ["Lida Horne", "Tomas Brill", "Anouk Dey", "Rafe Sallow", "Nell Ambry"],
        "Start date": pd.to_datetime(["1996-02-29", "1999-06-15", "2003-01-10",
                                      "2008-09-01", "2012-11-30"]),
        "End date": pd.to_datetime(["1999-02-28", "2003-01-09", "2008-08-31",
                                    "2012-11-29", None]),
    })


def test_dates_give_days_or_whole_years_never_a_guess():
    d = _envoys()
    r = d[d.Envoy == "Lida Horne"].iloc[0]
    days = (r["End date"] - r["Start date"]).days
    a = ask(d, "how long did Lida Horne serve?")
    assert _value(a) == days == 1095
    assert "days" in a.text and "Start date" in a.text and "End date" in a.text
    assert _value(ask(d, "how many days was lida horne in office?")) == days
    # whole years completed: 29 Feb 1996 to 28 Feb 1999 is 2 whole years, not 3
    full = r["End date"].year - r["Start date"].year - (
        (r["End date"].month, r["End date"].day) < (r["Start date"].month, r["Start date"].day))
    a = ask(d, "how many years did Lida Horne serve?")
    assert _value(a) == full == 2
    assert "whole years" in a.text
    r = d[d.Envoy == "Anouk Dey"].iloc[0]
    assert _value(ask(d, "how many years did Anouk Dey serve?")) == 5
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code agrees with the SQL
    assert scope["result"].iloc[0, 0] == 2
    # no end date: refused, not measured to today; months are not counted
    a = ask(d, "how long did Nell Ambry serve?")
    assert a.status != "answered" and a.value is None
    assert ask(d, "how many months did Anouk Dey serve?").status != "answered"


def test_the_row_that_lasted_longest_or_shortest_is_named_rows_with_no_end_left_out():
    d = _wardens()
    years = d["Ended service"] - d["Began service"]
    a = ask(d, "who served the longest?")
    assert _value(a) == d.loc[years.idxmax(), "Warden"] == "Marit Fennick"
    assert "years from Began service to Ended service" in a.text
    a = ask(d, "who had the shortest tenure?")
    assert _value(a) == d.loc[years.idxmin(), "Warden"] == "Hollis Quarry"
    e = _envoys()  # real dates: ranked by days; the envoy with no end date is left out
    days = (e["End date"] - e["Start date"]).dt.days
    a = ask(e, "which envoy served the longest term?")
    assert _value(a) == e.loc[days.idxmax(), "Envoy"] == "Anouk Dey"
    assert "drop rows missing" in a.interpretation
    p = _painters()
    a = ask(p, "who was active the shortest time?")
    assert _value(a) == "Greta Osk"


def test_the_longest_over_a_column_shared_by_several_rows_is_asked_back():
    a = ask(_wardens(), "which station served the longest?")
    assert a.status != "answered" and a.value is None
    assert "Station" in a.text


def test_a_lasting_verb_that_only_matches_part_of_a_column_name_is_the_verb():
    # "play" matches only the start of "Player": it is the verb, and the span is the career
    d = pd.DataFrame({"Player": ["Rollo Finch", "Amos Tuck", "Bert Vane"],
                      "Career": ["1871–97", "1880–1907", "1902–19"],
                      "Club": ["Grays", "Millers", "Grays"]})
    assert _value(ask(d, "how long did Rollo Finch play?")) == 26
    assert _value(ask(d, "how long did Amos Tuck play?")) == 27


def test_a_column_name_the_start_and_end_share_says_the_term():
    # "Start of watch" / "End of watch": "X's period of watch" is the pair, not one of them
    d = pd.DataFrame({"Keeper": ["Orla Venn", "Piet Dray", "Ruth Kale"],
                      "Start of watch": [1861, 1870, 1884],
                      "End of watch": [1870, 1884, 1899]})
    assert _value(ask(d, "how long was Piet Dray's period of watch?")) == 14
    assert _value(ask(d, "how long was the watch of Ruth Kale?")) == 15
    a = ask(d, "how long was the start of watch for Ruth Kale?")
    assert a.value != 15


def test_operating_and_being_open_last_from_opened_to_closed():
    d = pd.DataFrame({"Mill": ["Ash Hollow", "Birch Ford", "Cole Weir"],
                      "Opened": [1821, 1840, 1855], "Closed": [1860, 1902, "?"]})
    assert _value(ask(d, "how long did Birch Ford operate?")) == 62
    assert _value(ask(d, "how long was Ash Hollow open?")) == 39
    a = ask(d, "how long did Cole Weir operate?")  # no year it closed: never up to today
    assert a.status != "answered" and a.value is None


def test_a_term_word_that_only_matches_part_of_a_column_is_the_word_in_the_ranking():
    # "term" matches part of "Term ends"; the term itself is the span "Years in post"
    d = pd.DataFrame({"Member": ["Alda Finch", "Bram Oakes", "Cela Rowe"],
                      "Ward": ["East", "West", "East"],
                      "Term ends": [1999, 2003, 2003],
                      "Years in post": ["1990–1999", "1997–2003", "1999–2003"]})
    a = ask(d, "who has held the shortest term in post?")
    assert _value(a) == "Cela Rowe"
    a = ask(d, "which member had the longest term?")
    assert _value(a) == "Alda Finch"


def test_a_lead_naming_the_rows_is_read_past():
    d = pd.DataFrame({"Skater": ["Ivo Brask", "Jan Orme", "Kit Sallow"],
                      "Career": ["1961–72", "1970–75", "1958–80"]})
    assert _value(ask(d, "of these skaters, who had the longest career?")) == "Kit Sallow"
    assert _value(ask(d, "among the skaters, who had the shortest career?")) == \
        "Jan Orme"
    # a lead that says more than the rows is not read past
    a = ask(d, "of these skaters from the north, who had the longest career?")
    assert a.status != "answered" and a.value is None, a.text


def test_the_first_or_last_row_is_the_one_that_began_first_or_last():
    # the table runs newest first: the first keeper is the one whose term began earliest
    d = pd.DataFrame({"Keeper": ["Cy Marn", "Bo Kade", "Ada Quill"],
                      "Term": ["1912–1920", "1905–1912", "1901–1905"]})
    a = ask(d, "how long did the first keeper serve?")
    assert _value(a) == 4
    d2 = _wardens()
    a = ask(d2, "how long did the first warden serve?")
    assert _value(a) == 1894 - 1871  # Ottilie Marsh began in 1871
    for q in ("how long did the first loss last?",  # an outcome, not the rows
              "how long did the third keeper serve?",  # only the first or the last
              "how long did the first keeper serve in 1905?"):  # a condition beside it
        a = ask(d, q)
        assert a.status != "answered" and a.value is None, (q, a.text)
