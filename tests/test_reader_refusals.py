"""Precision first, round 2: readings that would drop part of the question are refused,
and complete readings keep answering. Small tables written here (not the development
sets' tables); every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def seasons() -> pd.DataFrame:
    # one row per season of a club: results are columns of counts, not rows
    return pd.DataFrame({
        "Season": ["2001-02", "2002-03", "2003-04", "2004-05", "2005-06", "2006-07"],
        "Coach": ["Reyes", "Reyes", "Okafor", "Okafor", "Lind", "Lind"],
        "Played": [30, 30, 32, 32, 34, 34], "Goals": [41, 38, 52, 47, 60, 44],
        "Year": [2001, 2002, 2003, 2004, 2005, 2006]})


@pytest.mark.parametrize("question", [
    "number of losses overall", "what is the overall number of losses?", "how many wins were there?",
    "how many draws did the club have?", "count of victories under Reyes"])
def test_counting_results_the_rows_do_not_name_is_refused(seasons, question):
    # the rows are seasons: counting them would not count wins or losses
    a = ask(seasons, question)
    assert a.status != "answered", (question, a.text)


@pytest.mark.parametrize("question, want", [
    ("how many seasons did Okafor coach?", "Okafor"),
    ("how many seasons were coached by Lind?", "Lind")])
def test_counting_the_rows_themselves_still_answers(seasons, question, want):
    a = ask(seasons, question)
    assert a.status == "answered", a.text
    assert a.value == int((seasons.Coach == want).sum())


def test_a_result_named_by_a_column_value_is_counted() -> None:
    games = pd.DataFrame({"Opponent": ["Lions", "Bears", "Owls", "Rams", "Hawks"],
                          "Result": ["Loss", "Win", "Loss", "Draw", "Loss"]})
    a = ask(games, "how many losses were there?")
    if a.status == "answered":  # the value Loss names the result: a complete reading
        assert a.value == int((games.Result == "Loss").sum())


@pytest.mark.parametrize("question", [
    "give the total of years", "what is the sum of all years", "add up the year column",
    "total year"])
def test_adding_up_years_is_refused(seasons, question):
    a = ask(seasons, question)
    assert a.status != "answered", (question, a.text, a.interpretation)


def test_a_total_of_a_quantity_still_answers(seasons):
    a = ask(seasons, "what is the total of goals?")
    assert a.status == "answered", a.text
    assert a.value == seasons.Goals.sum()


@pytest.fixture(scope="module")
def poll() -> pd.DataFrame:
    return pd.DataFrame({"Candidate": ["Ann", "Bo", "Cy", "Di", "Ed"],
                         "Votes": [5200, 310, 12800, 760, 2400],
                         "Share": [0.242, 0.014, 0.596, 0.035, 0.112]})


@pytest.mark.parametrize("question", [
    "how many candidates received over 15% of the vote?",
    "how many of the candidates got more than 8% of the votes?",
    "which candidates had under 20% of votes?"])
def test_a_percentage_against_a_column_of_counts_is_refused(question):
    # Votes holds counts (above 100): comparing them with 15 would not compare shares
    t = pd.DataFrame({"Candidate": ["Ann", "Bo", "Cy", "Di"], "Votes": [5200, 310, 12800, 76]})
    a = ask(t, question)
    assert a.status != "answered", (question, a.text)
    assert "%" in a.text


def test_a_percentage_against_a_column_of_fractions_answers(poll):
    a = ask(poll, "how many candidates have a share over 10%?")
    assert a.status == "answered", a.text
    assert a.value == int((poll.Share > 0.10).sum())


@pytest.fixture(scope="module")
def medals() -> pd.DataFrame:
    return pd.DataFrame({"Team": ["Reds", "Blues", "Greens", "Golds", "Total"],
                         "Gold": [3, 1, 3, 0, 7], "Silver": [2, 2, 0, 1, 5],
                         "Bronze": [1, 0, 2, 2, 5]})


@pytest.mark.parametrize("question", [
    "which teams won 3 gold?", "name the teams that had at least 1 silver",
    "list the teams with no bronze"])
def test_a_listing_with_a_summary_row_left_out_answers_with_the_names(medals, question):
    a = ask(medals, question)
    assert a.status == "answered", a.text
    body = medals[medals.Team != "Total"]
    want = {"which teams won 3 gold?": body[body.Gold == 3],
            "name the teams that had at least 1 silver": body[body.Silver >= 1],
            "list the teams with no bronze": body[body.Bronze == 0]}[question].Team
    got = a.value if isinstance(a.value, list) else [a.value]
    assert sorted(got) == sorted(want)


@pytest.fixture(scope="module")
def schools() -> pd.DataFrame:
    # three comparable numeric columns: the shape the stacking reading is tempted by
    return pd.DataFrame({"School": ["North", "South", "East", "West"],
                         "Pupils": [410, 380, 520, 300], "Teachers": [30, 28, 41, 22],
                         "Staff": [45, 40, 60, 33]})


@pytest.mark.parametrize("question", [
    "which school has the least?", "which school is the smallest in endowment?",
    "which is the second highest column?"])
def test_stacking_columns_needs_a_word_for_their_values(schools, question):
    a = ask(schools, question)
    if a.status == "answered":  # never a column name: the rows are the schools
        assert a.value not in ("Pupils", "Teachers", "Staff"), (question, a.interpretation)


@pytest.fixture(scope="module")
def race() -> pd.DataFrame:
    return pd.DataFrame({"Pos": [1, 2, 3, 4, 5, 6, 7],
                         "Rider": ["Ito", "Berg", "Sola", "Maki", "Ruiz", "Holm", "Dane"],
                         "Country": ["Japan", "Norway", "Spain", "Japan", "Spain", "Norway",
                                     "Japan"],
                         "Points": [25, 20, 16, 13, 11, 10, 9]})


@pytest.mark.parametrize("question", [
    "what is the average points of the top 3?", "what is the total points of the top 4 riders?"])
def test_a_top_n_the_reading_would_drop_is_refused(race, question):
    # no column of places: "the top 3" by which number is not said
    a = ask(race.drop(columns="Pos"), question)
    assert a.status != "answered", (question, a.text, a.interpretation)


@pytest.mark.parametrize("question, agg, n", [
    ("what is the average points of the top 3?", "mean", 3),
    ("what is the total points of the top 4 riders?", "sum", 4)])
def test_one_number_over_the_top_n_places(race, question, agg, n):
    # one row per place 1..7: "the top N" are the rows placed N or better (rank_threshold.py)
    a = ask(race, question)
    assert a.status == "answered", (question, a.text)
    assert a.value == pytest.approx(getattr(race[race.Pos <= n].Points, agg)())


@pytest.mark.parametrize("question, country, n", [
    ("how many Japan riders were in the top 3?", "Japan", 3),
    ("how many riders from Spain are in the top 5?", "Spain", 5)])
def test_in_the_top_n_is_a_place_threshold(race, question, country, n):
    # "in the top N" with one column of places: Pos N or better (rank_threshold.py)
    a = ask(race, question)
    assert a.status == "answered", (question, a.text)
    assert a.value == int(((race.Pos <= n) & (race.Country == country)).sum())


def test_a_top_n_list_still_answers(race):
    a = ask(race, "top 3 riders by points")
    assert a.status == "answered", a.text
    assert a.value == list(race.nlargest(3, "Points").Rider)


@pytest.mark.parametrize("question", [
    "Ito, which rider had the most points?", "which country has the most points, Japan?"])
def test_ranking_only_the_named_row_is_refused(race, question):
    a = ask(race, question)
    if a.status == "answered":  # a complete reading ranks every row, not only the named one
        want = race.loc[race.Points.idxmax()].Rider if "rider" in question else \
            race.groupby("Country").Points.sum().idxmax()
        assert a.value == want, (question, a.interpretation)


def test_a_named_total_row_is_left_out_of_rankings() -> None:
    t = pd.DataFrame({"Ward": ["North", "South", "East", "Total borough"],
                      "Population": [1200, 3400, 2100, 6700], "Area": [10, 30, 20, 60]})
    a = ask(t, "which ward has the highest population?")
    assert a.status == "answered", a.text
    body = t[t.Ward != "Total borough"]
    assert a.value == body.loc[body.Population.idxmax()].Ward


@pytest.mark.parametrize("question, hi", [
    ("name the teams with the least silver", False), ("which team had the fewest silver?", False),
    ("which team won the most gold?", True)])
def test_the_row_with_the_highest_value_lists_every_tied_row(medals, question, hi):
    a = ask(medals, question)
    assert a.status == "answered", a.text
    body = medals[medals.Team != "Total"]
    col = "Silver" if "silver" in question else "Gold"
    best = body[col].max() if hi else body[col].min()
    want = sorted(body[body[col] == best].Team)
    got = a.value if isinstance(a.value, list) else [a.value]
    assert sorted(got) == want, a.interpretation
    assert len(want) < 2 or "tie" in a.text


@pytest.fixture(scope="module")
def towns() -> pd.DataFrame:
    return pd.DataFrame({"Town": ["Avon", "Brill", "Cray", "Dunn"],
                         "Population": [1200, 5400, 830, 2900],
                         "Density (people/km2)": [48.0, 120.5, 15.2, 77.0],
                         "Height (m)": [40, 115, 12, 88]})


@pytest.mark.parametrize("question", [
    "how many people live in Brill?", "how many persons are in Cray?"])
def test_how_many_is_not_answered_with_a_rate(towns, question):
    a = ask(towns, question)
    if a.status == "answered":  # only the count itself would be right
        want = towns.set_index("Town").Population[question.split()[-1].rstrip("?")]
        assert a.value == want, a.interpretation


@pytest.mark.parametrize("question", [
    "how many metres is Brill?", "how many feet high is Avon?", "how many miles is Cray?"])
def test_how_many_units_is_not_a_row_count(towns, question):
    a = ask(towns, question)
    assert a.status != "answered" or a.value != 1, (question, a.interpretation)


def test_a_rate_asked_for_by_name_still_answers(towns):
    a = ask(towns, "what is the density of Dunn?")
    assert a.status == "answered", a.text
    assert a.value == towns.set_index("Town")["Density (people/km2)"]["Dunn"]


@pytest.fixture(scope="module")
def counties() -> pd.DataFrame:
    return pd.DataFrame({"County": ["Ash", "Birch", "Cedar", "Dale"],
                         "Votes": [1400, 2250, 980, 3100], "Total": [2000, 3900, 1500, 4400],
                         "Population": [5200, 8100, 3900, 9900],
                         "Density per km2": [41.0, 88.5, 23.0, 120.0]})


@pytest.mark.parametrize("question", [
    "which county has the highest population density?",
    "what is the total count of votes for Birch?"])
def test_two_columns_read_for_one_thing_asked_are_not_combined(counties, question):
    a = ask(counties, question)
    if a.status == "answered":  # one column, the right one, or a question back
        assert not isinstance(a.value, dict), a.interpretation
        want = {"which county has the highest population density?":
                counties.loc[counties["Density per km2"].idxmax()].County,
                "what is the total count of votes for Birch?": 2250}[question]
        assert a.value == want, a.interpretation


def test_two_measures_asked_with_and_stay_answered(counties):
    a = ask(counties, "what is the mean and median of votes?")
    assert a.status == "answered", a.text
    assert sorted(a.value.values()) == sorted([counties.Votes.mean(), counties.Votes.median()])


def test_which_word_then_a_category_column_groups_by_that_column() -> None:
    t = pd.DataFrame({"rooms": [1, 2, 2, 3, 3, 3, 4, 4], "price": [90, 120, 130, 150, 170, 160,
                                                                  300, 280],
                      "city": ["A", "B", "A", "B", "A", "B", "A", "B"]})
    a = ask(t, "which flat rooms costs the most on average by price?")
    if a.status == "answered":
        assert a.value == t.groupby("rooms").price.mean().idxmax(), a.interpretation
    a = ask(t, "which apartment rooms has the highest average price?")
    assert a.status == "answered", a.text
    assert a.value == t.groupby("rooms").price.mean().idxmax(), a.interpretation


@pytest.fixture(scope="module")
def intervals() -> pd.DataFrame:
    return pd.DataFrame({"Scale": ["aeolian", "dorian", "lydian", "locrian", "phrygian"],
                         "Pitch (hz)": [0.0, 211.4, 377.8, 503.5, 689.2],
                         "Step (hz)": [0, 200, 400, 500, 700],
                         "Ratings": [3, 9, 5, 1, 7]})


@pytest.mark.parametrize("question", [
    "what is the highest pitch (hz) for a scale with a step (hz) less than 500?",
    "what was the lowest ratings of a scale?",
    "what is the largest pitch (hz) among the scales?",
    "what is the highest number of ratings of any scale?"])
def test_what_is_the_highest_x_asks_for_the_value_not_the_row(intervals, question):
    a = ask(intervals, question)
    if a.status == "answered":  # the value, never the scale's name
        assert isinstance(a.value, (int, float)), (question, a.interpretation)
        body = intervals[intervals["Step (hz)"] < 500] if "500" in question else intervals
        col = "Ratings" if "ratings" in question else "Pitch (hz)"
        want = body[col].min() if "lowest" in question else body[col].max()
        assert a.value == pytest.approx(want)


@pytest.mark.parametrize("question", ["other scale with no ratings besides dorian",
                                      "scales with a step over 300 except phrygian"])
def test_a_row_count_no_word_asks_for_is_not_given(intervals, question):
    a = ask(intervals, question)
    assert a.status != "answered" or not isinstance(a.value, int) or "how many" in question, \
        (question, a.interpretation)


@pytest.fixture(scope="module")
def peaks() -> pd.DataFrame:
    return pd.DataFrame({"Peak": ["Ama", "Bela", "Cori", "Duna", "Eko"],
                         "Height (ft)": [27887, 27198, 20308, 9101, 23379],
                         "Height (m)": [8500, 8290, 6190, 2774, 7126]})


@pytest.mark.parametrize("question, col, op, n", [
    ("how many peaks have a height greater than 7,000 meters?", "Height (m)", ">", 7000),
    ("how many peaks have a height over 25000 feet?", "Height (ft)", ">", 25000),
    ("how many peaks have a height no less than 6,000 m?", "Height (m)", ">=", 6000)])
def test_a_number_with_a_unit_compares_the_column_in_that_unit(peaks, question, col, op, n):
    a = ask(peaks, question)
    assert a.status == "answered", a.text
    want = (peaks[col] > n) if op == ">" else (peaks[col] >= n)
    assert a.value == int(want.sum()), a.interpretation


@pytest.mark.parametrize("question", [
    "how many peaks have a height greater than 7,000 meters?",
    "how many peaks are over 3 miles high in height?"])
def test_a_number_in_another_unit_than_the_column_is_refused(peaks, question):
    a = ask(peaks[["Peak", "Height (ft)"]], question)
    assert a.status != "answered", (question, a.interpretation)


@pytest.mark.parametrize("question", [
    "apart from Reds, which other team won a total of three silver?",
    "how many teams won two silver?"])
def test_a_number_word_no_constituent_reads_is_not_dropped(medals, question):
    a = ask(medals, question)
    if a.status == "answered":  # only a reading that uses the number may answer
        body = medals[medals.Team != "Total"]
        want = {"apart from Reds, which other team won a total of three silver?":
                list(body[(body.Silver == 3) & (body.Team != "Reds")].Team),
                "how many teams won two silver?": int((body.Silver == 2).sum())}[question]
        assert a.value == want or [a.value] == want or (
            want == [] and a.value is None and "Silver is 3" in a.interpretation), \
            a.interpretation


@pytest.mark.parametrize("question, n", [
    ("name a rider who scored at least 10 points.", 10),
    ("give me a rider with more than 12 points", 12)])
def test_name_a_x_answers_with_one_example(race, question, n):
    a = ask(race, question)
    assert a.status == "answered", a.text
    ok = race[race.Points >= n] if "least" in question else race[race.Points > n]
    assert a.value == ok.Rider.iloc[0], a.interpretation  # the first in table order
    a = ask(race, question.replace("a rider", "the riders").replace("me a", "me the"))
    if a.status == "answered":
        assert sorted(a.value) == sorted(ok.Rider)


@pytest.mark.parametrize("question", [
    "what is the smallest amount of points?", "what's the highest number of points?"])
def test_a_superlative_is_never_read_as_a_total(race, question):
    a = ask(race, question)
    if a.status == "answered":
        want = race.Points.min() if "smallest" in question else race.Points.max()
        assert a.value == want, a.interpretation
