"""Unit nouns whose kinds are columns (planner/unit_kinds.py, count_numbers.py): over a
table counting medals in Gold / Silver / Bronze plus a Total column, "medals" is the Total
column and "gold medal(s)" the Gold column; "only golds" is Gold above 0 with the other
kinds 0; "did not win any bronze" is Bronze 0; a number word before a count column is its
value ("two golds"); "at least 1 gold and 1 silver" keeps "at least" for both. Our own
made-up tables; every expected value is computed with pandas from the frame."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask

#: an imaginary regional games: the last row is the table's own total
GAMES = pd.DataFrame({
    "Rank": ["1", "2", "3", "4", "5", "6", "7", ""],
    "Nation": ["Quenland", "Ostravia", "Marrowby", "Tellin", "Vask", "Ulmor", "Pell Isles",
               "Total"],
    "Gold": [6, 4, 2, 1, 0, 0, 1, 14],
    "Silver": [3, 2, 5, 0, 2, 0, 0, 12],
    "Bronze": [2, 4, 1, 3, 0, 2, 0, 12],
    "Total": [11, 10, 8, 4, 2, 2, 1, 38],
})
ROWS = GAMES[GAMES.Nation != "Total"]

#: skaters of our own: one row per skater, no summary row
SKATERS = pd.DataFrame({
    "Skater": ["Ines Varro", "Kalle Dunn", "Mira Solt", "Nils Aven"],
    "Country": ["Quenland", "Vask", "Tellin", "Quenland"],
    "Gold medals": [2, 0, 0, 1],
    "Silver medals": [1, 3, 0, 1],
    "Bronze medals": [0, 1, 2, 1],
    "Total medals": [3, 4, 2, 3],
})


def answer(a):
    assert a.status == "answered", a.text
    return a


def number(a) -> float:
    return float(answer(a).table.iloc[0, -1])


def names(a, column: str = "Nation") -> set[str]:
    return set(answer(a).table[column])


def total_of(nation: str) -> int:
    return int(ROWS.loc[ROWS.Nation == nation, "Total"].iloc[0])


@pytest.mark.parametrize("question, nation", [
    ("how many medals did tellin get?", "Tellin"),
    ("what was marrowby's medal count?", "Marrowby"),
    ("number of medals collected by ostravia", "Ostravia"),
    ("how many medals overall went to vask?", "Vask"),
])
def test_medals_of_a_row_are_its_total(question, nation):
    assert number(ask(GAMES, question)) == total_of(nation)


def test_medals_rank_and_sum_over_the_total_column_without_the_summary_row():
    a = answer(ask(GAMES, "which nation collected the most medals?"))
    assert a.text.startswith(ROWS.loc[ROWS.Total.idxmax(), "Nation"])
    low = names(ask(GAMES, "who ended up with the fewest medals?"))
    assert low == set(ROWS.Nation[ROWS.Total == ROWS.Total.min()])
    assert number(ask(GAMES, "how many medals were won in all?")) == ROWS.Total.sum()
    both = ask(GAMES, "how many medals did vask and ulmor collect together?")
    assert number(both) == total_of("Vask") + total_of("Ulmor")


def test_two_rows_compared_on_medals():
    a = answer(ask(GAMES, "which took more medals, tellin or marrowby?"))
    assert a.text.startswith("Marrowby")
    gap = answer(ask(GAMES, "how many more medals did quenland get than tellin?"))
    assert f"is {total_of('Quenland') - total_of('Tellin')} more" in gap.text


def test_kind_with_the_unit_is_the_kind_column():
    assert names(ask(GAMES, "which nations collected exactly 1 gold medal?")) == \
        set(ROWS.Nation[ROWS.Gold == 1])
    assert number(ask(GAMES, "what is the silver medal count of vask?")) == 2
    assert number(ask(GAMES, "how many nations got at least one bronze medal?")) == \
        int((ROWS.Bronze >= 1).sum())


def test_number_words_before_a_count_column():
    assert names(ask(GAMES, "which nation took two gold medals?")) == \
        set(ROWS.Nation[ROWS.Gold == 2])
    assert number(ask(GAMES, "how many nations ended with one medal?")) == \
        int((ROWS.Total == 1).sum())


def test_a_comparison_carries_over_and():
    a = ask(GAMES, "how many of the teams got at least 2 gold and 1 silver?")
    assert number(a) == int(((ROWS.Gold >= 2) & (ROWS.Silver >= 1)).sum())


def test_only_one_kind():
    a = ask(GAMES, "which nation has won only golds?")
    assert names(a) == set(ROWS.Nation[(ROWS.Gold > 0) & (ROWS.Silver == 0) &
                                       (ROWS.Bronze == 0)])
    b = ask(GAMES, "who got just bronze medals?")
    assert names(b) == set(ROWS.Nation[(ROWS.Bronze > 0) & (ROWS.Gold == 0) &
                                       (ROWS.Silver == 0)])
    assert "above 0" in " ".join(b.notes) or "more than 0" in b.interpretation


def test_none_of_a_kind():
    a = ask(GAMES, "list the countries that did not get any silver")
    assert names(a) == set(ROWS.Nation[ROWS.Silver == 0])
    b = ask(GAMES, "which nations never received a gold?")
    assert names(b) == set(ROWS.Nation[ROWS.Gold == 0])


def test_columns_named_with_the_unit():
    assert number(ask(SKATERS, "how many medals has mira solt won?")) == 2
    a = answer(ask(SKATERS, "who has more medals, ines varro or kalle dunn?"))
    assert a.text.startswith("Kalle Dunn")
    assert names(ask(SKATERS, "which skater has only silver medals?"), "Skater") == set()
    assert names(ask(SKATERS, "which skater has never won a gold medal?"), "Skater") == \
        {"Kalle Dunn", "Mira Solt"}


def test_refusals_kept():
    # no total column: "medals" grounds nothing, the reader says so
    no_total = GAMES.drop(columns=["Total"])
    a = ask(no_total, "how many medals did tellin take home?")
    assert a.status != "answered" and "medals" in a.text
    # a misspelt kind before the unit is not the total
    assert ask(GAMES, "how many slivr medals did vask get?").status != "answered"
    # "medal winners" names people, not a number of medals
    assert ask(GAMES, "how many medal winners came from vask?").status != "answered"
    # "one of each medal": every kind, which the total does not say
    assert ask(GAMES, "list teams holding a medal of each colour").status != "answered"
    # a table whose medals are rows: counted as before, not a total column
    rows = pd.DataFrame({"Athlete": ["Ines Varro", "Kalle Dunn", "Ines Varro"],
                         "Medal": ["Gold", "Silver", "Bronze"],
                         "Event": ["500 m", "1000 m", "1500 m"]})
    assert number(ask(rows, "how many medals did ines varro win?")) == 2


def test_a_kind_said_with_a_is_at_least_one():
    assert number(ask(GAMES, "how many nations won a gold medal?")) == int((ROWS.Gold >= 1).sum())
    a = ask(GAMES, "which nation got just one medal, a bronze medal?")
    assert names(a) == set(ROWS.Nation[(ROWS.Total == 1) & (ROWS.Bronze >= 1)])
    b = ask(GAMES, "which nation got one medal, a gold?")
    assert names(b) == {"Pell Isles"}


def test_a_total_of_before_a_number_only_says_a_count():
    a = answer(ask(GAMES, "which nation won a total of four bronze medals?"))
    assert a.value == "Ostravia"


def test_number_words_stay_one_number():
    t = pd.DataFrame({"Hall": ["North", "South", "East", "West", "Annex"],
                      "Seats": [120, 250, 300, 90, 400]})
    a = ask(t, "how many halls have at least two hundred seats?")
    assert not (a.status == "answered" and a.value in (0, 2)), a.text


def test_neighbour_in_a_ranking_is_refused():
    a = ask(GAMES, "which nation was next to marrowby in silver medals?")
    assert a.status != "answered" and "ranking" in a.text
    # the table's own order still answers
    assert answer(ask(GAMES, "which nation comes after marrowby?")).value == "Tellin"


def test_kind_columns_add_up():
    """Gold / Silver / Bronze count things: with no word of combining, the silver column's
    sum answers (the summary row left out); an average only when asked for."""
    assert number(ask(GAMES, "how many silver medals have been claimed?")) == ROWS.Silver.sum()
    assert number(ask(GAMES, "how many bronze medals got awarded?")) == ROWS.Bronze.sum()
    mean = number(ask(GAMES, "what was the mean number of golds?"))
    assert mean == pytest.approx(ROWS.Gold.mean(), abs=0.01)
    # one "Gold" column is no kind of a unit: a price is averaged, not summed
    prices = pd.DataFrame({"Day": ["Mon", "Tue", "Wed"], "Gold": [1900.0, 1910.0, 1920.0]})
    a = ask(prices, "how much was gold?")
    assert not (a.status == "answered" and number(a) == 5730.0), a.text


def test_two_kinds_in_one_count_are_asked_back():
    """Two kinds counted as one number: two separate totals would not answer it, so the
    reader asks."""
    a = ask(GAMES, "together, how many golds and bronzes were taken?")
    assert a.status != "answered" and "Gold" in a.text and "Bronze" in a.text
    b = ask(GAMES, "how many silver and bronze medals did ostravia get?")
    assert b.status != "answered"
