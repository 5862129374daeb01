"""Words about the events a table records (``planner/event_words.py``): the rows' own noun
over a schedule, the whole table named as a span of time ("this season"), and "during"
before a time. Small tables written here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def fixtures() -> pd.DataFrame:
    # one club's season: a date on every row and an opponent, a result and a crowd
    return pd.DataFrame({
        "Date": ["March 2", "March 9", "March 16", "April 6", "April 13", "April 27",
                 "May 4"],
        "Opponent": ["Riverton Otters", "Hillcrest Rams", "Lakeside Pumas", "Riverton Otters",
                     "Dunmore Hawks", "Hillcrest Rams", "Lakeside Pumas"],
        "Result": ["W", "L", "W", "D", "W", "L", "W"],
        "Crowd": [4210, 3875, 5120, 6034, 2980, 4470, 3390]})


@pytest.fixture(scope="module")
def medals() -> pd.DataFrame:
    # a medal table: the rows are countries, not events
    return pd.DataFrame({"Nation": ["Avaria", "Belmark", "Corvia", "Dalmont"],
                         "Gold": [5, 3, 2, 0], "Silver": [2, 4, 1, 3], "Bronze": [1, 2, 5, 2],
                         "Total": [8, 9, 8, 5]})


def test_the_event_noun_names_the_rows_of_a_schedule(fixtures):
    a = ask(fixtures, "which opponent did they play in the fixture with the biggest crowd?")
    assert a.status == "answered", a.text
    assert a.value == fixtures.loc[fixtures.Crowd.idxmax(), "Opponent"]


def test_counting_the_event_noun_counts_rows(fixtures):
    a = ask(fixtures, "how many matches had a crowd above 4,000?")
    assert a.status == "answered", a.text
    assert a.value == int((fixtures.Crowd > 4000).sum())


def test_the_event_noun_after_a_value_picks_that_row(fixtures):
    a = ask(fixtures, "what was the crowd at the april 13 game?")
    assert a.status == "answered", a.text
    assert a.value == 2980


def test_a_result_counted_with_did_is_not_the_rows(fixtures):
    # "how many games did they win" counts a result: not read as "how many rows"
    a = ask(fixtures, "how many games did the club draw?")
    assert not (a.status == "answered" and a.value == len(fixtures)), a.text


def test_another_noun_counted_keeps_the_event_noun_unread(fixtures):
    # people are counted here, not games: reading "game" as the rows would count rows
    a = ask(fixtures, "how many people saw the game on march 9?")
    assert not (a.status == "answered" and a.value == 1), a.text


def test_the_event_noun_over_a_table_that_is_no_schedule_is_refused(medals):
    a = ask(medals, "which nation won the race with the most gold?")
    assert a.status != "answered", a.text
    assert "race" in a.text


def test_the_season_names_the_whole_table(fixtures):
    a = ask(fixtures, "who was the last opponent of the season?")
    assert a.status == "answered", a.text
    assert a.value == fixtures.Opponent.iloc[-1]
    a = ask(fixtures, "what was the biggest crowd this season?")
    assert a.status == "answered", a.text
    assert a.value == fixtures.Crowd.max()


def test_the_season_is_refused_when_a_year_column_has_several_years():
    seasons = pd.DataFrame({"Year": [2015, 2015, 2016, 2016],
                            "Opponent": ["Riverton", "Dunmore", "Riverton", "Lakeside"],
                            "Crowd": [100, 200, 300, 400]})
    a = ask(seasons, "what was the biggest crowd in the tournament?")
    assert a.status != "answered", a.text
    assert "tournament" in a.text


def test_during_before_a_time_reads_as_in():
    films = pd.DataFrame({"Year": [2001, 2002, 2002, 2003, 2003, 2003],
                          "Title": ["Red Kite", "Blue Door", "Salt Road", "Iron Bell",
                                    "Glass Moon", "Paper Sun"],
                          "Role": ["Lead", "Guest", "Lead", "Lead", "Guest", "Lead"]})
    a = ask(films, "how many titles came out during 2003?")
    assert a.status == "answered", a.text
    assert a.value == int((films.Year == 2003).sum())
    a = ask(films, "which title had a guest role during the year 2002?")
    assert a.status == "answered", a.text
    assert a.value == "Blue Door"


def test_during_before_nothing_a_filter_reads_is_refused():
    films = pd.DataFrame({"Year": [2001, 2002, 2003],
                          "Title": ["Red Kite", "Blue Door", "Salt Road"],
                          "Copies": [10, 20, 30]})
    a = ask(films, "how many copies were sold during this time?")
    assert a.status != "answered", a.text


@pytest.fixture(scope="module")
def roster() -> pd.DataFrame:
    # one row per rider; the club column repeats
    return pd.DataFrame({"Rider": ["Ana Ruiz", "Bo Lind", "Cai Wen", "Dee Moss", "Eli Park",
                                   "Fay Ode"],
                         "Club": ["Velo North", "Harbour CC", "Velo North", "Ridge Wheelers",
                                  "Velo North", "Harbour CC"],
                         "Points": [41, 37, 29, 22, 18, 9]})


def test_represented_the_most_is_the_most_common_value(roster):
    a = ask(roster, "which club is represented the most?")
    assert a.status == "answered", a.text
    assert a.value == roster.Club.mode()[0]


def test_a_presence_verb_with_a_value_counts_its_rows(roster):
    a = ask(roster, "how many riders from harbour cc competed?")
    assert a.status == "answered", a.text
    assert a.value == int((roster.Club == "Harbour CC").sum())


def test_a_bare_count_of_a_noun_no_column_names_stays_refused(roster):
    # the rows are riders, not nations: counting rows would not count nations
    a = ask(roster, "how many nations competed?")
    assert a.status != "answered", a.text
    assert "competed" in a.text


def test_a_column_named_by_the_presence_verb_still_grounds():
    clubs = pd.DataFrame({"Club": ["Velo North", "Harbour CC", "Ridge Wheelers"],
                          "Titles": [3, 1, 0], "Seasons participated": [12, 4, 7]})
    a = ask(clubs, "in how many seasons has harbour cc participated?")
    assert a.status == "answered", a.text
    assert a.value == 4


@pytest.fixture(scope="module")
def lodges() -> pd.DataFrame:
    return pd.DataFrame({"Lodge": ["Oakvale", "Birchmoor", "Cedar Hollow", "Elmridge",
                                   "Pinecrest"],
                         "State": ["Vermont", "Idaho", "Vermont", "Kansas", "Vermont"],
                         "Opening date": [1908, 1926, 1947, 1961, 1983]})


def test_a_participle_grounds_to_the_gerund_that_names_a_column(lodges):
    a = ask(lodges, "which lodge opened first, elmridge or birchmoor?")
    assert a.status == "answered", a.text
    assert a.value == "Birchmoor"
    a = ask(lodges, "when was cedar hollow opened?")
    assert a.status == "answered", a.text
    assert a.value == 1947


def test_a_count_with_the_event_verb_counts_the_rows(lodges):
    a = ask(lodges, "how many lodges were opened in vermont?")
    assert a.status == "answered", a.text
    assert a.value == int((lodges.State == "Vermont").sum())
    a = ask(lodges, "how many lodges opened after 1930?")
    assert a.status == "answered", a.text
    assert a.value == int((lodges["Opening date"] > 1930).sum())


def test_a_verb_of_an_amount_keeps_its_reading():
    output = pd.DataFrame({"Year": [2001, 2002, 2003], "Production": [120, 340, 560]})
    a = ask(output, "how many units were produced in 2002?")
    assert a.status == "answered", a.text
    assert a.value == 340


def test_the_verb_of_the_event_a_column_records_is_read_past():
    picks = pd.DataFrame({"Pick": [1, 2, 3, 4, 5],
                          "Player": ["Rob Vance", "Tim Ordell", "Lee Marsh", "Sam Quill",
                                     "Jon Avery"],
                          "Position": ["Guard", "Center", "Guard", "Forward", "Center"]})
    a = ask(picks, "who was drafted right after lee marsh?")
    assert a.status == "answered", a.text
    assert a.value == "Sam Quill"
    a = ask(picks, "how many centers were drafted?")
    assert a.status == "answered", a.text
    assert a.value == int((picks.Position == "Center").sum())
    a = ask(picks, "which player at center was picked last?")
    assert a.status == "answered", a.text
    assert a.value == "Jon Avery"


def test_a_bare_count_of_a_noun_no_column_names_with_the_event_verb_is_refused():
    rounds = pd.DataFrame({"Round": [1, 2, 3, 4], "Player": ["Rob Vance", "Tim Ordell",
                                                             "Lee Marsh", "Sam Quill"],
                           "Position": ["G", "C", "G", "F"]})
    a = ask(rounds, "how many wingers were picked?")
    assert a.status != "answered", a.text
    a = ask(rounds, "who was picked after tim ordell?")
    assert a.status == "answered", a.text
    assert a.value == "Lee Marsh"


def test_the_event_verb_without_a_column_for_it_is_refused():
    people = pd.DataFrame({"Player": ["Rob Vance", "Tim Ordell", "Lee Marsh"],
                           "Position": ["Guard", "Center", "Guard"]})
    a = ask(people, "who was drafted after tim ordell?")
    assert a.status != "answered", a.text
    assert "drafted" in a.text


@pytest.fixture(scope="module")
def tracks() -> pd.DataFrame:
    # one record's track list: the whole table is "the album"
    return pd.DataFrame({"#": [1, 2, 3, 4, 5],
                         "Title": ["Low Tide", "Copper Wire", "North Light", "Glasshouse",
                                   "Last Ferry"],
                         "Producer": ["M. Reyes", "J. Holt", "M. Reyes", "K. Obi", "J. Holt"],
                         "Length": ["3:41", "4:05", "2:58", "5:12", "3:30"]})


def test_the_album_names_the_whole_table(tracks):
    a = ask(tracks, "how many tracks are on the album?")
    assert a.status == "answered", a.text
    assert a.value == len(tracks)
    a = ask(tracks, "how many songs on this album did j. holt produce?")
    assert a.status == "answered", a.text
    assert a.value == int((tracks.Producer == "J. Holt").sum())


def test_this_player_names_the_whole_table():
    career = pd.DataFrame({"Year": [2011, 2012, 2013, 2014],
                           "Team": ["Harbor City", "Harbor City", "Westfield", "Westfield"],
                           "Goals": [4, 9, 6, 2]})
    a = ask(career, "how many goals did this player score in 2013?")
    assert a.status == "answered", a.text
    assert a.value == 6


def test_the_album_followed_by_its_name_is_not_the_whole_table(tracks):
    a = ask(tracks, "name the final track on the album north light")
    assert a.status != "answered", a.text


def test_people_after_a_compared_number_are_its_unit(fixtures):
    a = ask(fixtures, "in how many matches was the crowd over 4,000 fans?")
    assert a.status == "answered", a.text
    assert a.value == int((fixtures.Crowd > 4000).sum())


def test_people_after_a_number_nothing_compares_stay_unread():
    towns = pd.DataFrame({"Town": ["Ashby", "Brook", "Colne"], "Founded": [1801, 1840, 1902]})
    a = ask(towns, "which town had 5,000 residents?")
    assert a.status != "answered", a.text


@pytest.fixture(scope="module")
def grid() -> pd.DataFrame:
    return pd.DataFrame({"Driver": ["Ann Lee", "Bob Ray", "Cy Dunn", "Di Fox"],
                         "Laps": [200, 200, 183, 12], "Points": [50, 40, 30, 5]})


def test_a_tally_verb_beside_a_numeric_column_is_read_past(grid):
    a = ask(grid, "how many laps did cy dunn complete?")
    assert a.status == "answered", a.text
    assert a.value == 183
    a = ask(grid, "how many drivers completed 200 laps?")
    assert a.status == "answered", a.text
    assert a.value == int((grid.Laps == 200).sum())


def test_a_tally_verb_with_no_numeric_column_named_stays_unread(grid):
    a = ask(grid, "did cy dunn complete the race?")
    assert a.status != "answered", a.text


def test_how_many_games_did_they_play_counts_the_rows(fixtures):
    a = ask(fixtures, "how many matches did they play in april?")
    assert a.status == "answered", a.text
    assert a.value == int(fixtures.Date.str.startswith("April").sum())
    a = ask(fixtures, "how many matches did they win against riverton otters?")
    assert not (a.status == "answered" and a.value == 2), a.text
