"""Two named items compared (issue 12, capabilities 3-4): "who won more gold, A or B", "did
A win more than B", "how many more ... A than B", "the difference in X between A and B",
"did A or B have <something>", checked against pandas, with the phrasings that must be
refused (a direction that depends on the measure, a count that would say 1 and 1)."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _medals() -> pd.DataFrame:
    return pd.DataFrame({
        "Rank": [1, 2, 3, 4, 5, 6, 7, 8],
        "Nation": ["Norway", "Kenya", "Peru", "Chad", "Laos", "Fiji", "Oman", "Cuba"],
        "Gold": [9, 7, 4, 4, 2, 1, 0, 0],
        "Silver": [3, 6, 5, 1, 2, 0, 2, 1],
        "Bronze": [4, 2, 6, 3, 1, 5, 0, 2],
        "Population": [5.4, 53.0, 33.7, 17.7, 7.4, 0.9, 4.6, 11.2],
    })


def _matches() -> pd.DataFrame:
    # one row per match: teams appear many times
    return pd.DataFrame({
        "Team": ["Lions", "Hawks", "Lions", "Bears", "Hawks", "Lions", "Bears", "Hawks",
                 "Lions", "Bears"],
        "Venue": ["Home", "Away", "Away", "Home", "Home", "Home", "Away", "Away", "Home",
                  "Home"],
        "Goals": [3, 1, 0, 2, 4, 1, 1, 2, 2, 0],
    })


def _value(a):
    assert a.status == "answered", a.text
    return a.value


@pytest.mark.parametrize("q, want", [
    ("who won more gold medals, Norway or Kenya?", "Norway"),
    ("which nation has more silver, norway or kenya?", "Kenya"),
    ("did Peru or Chad win more bronze?", "Peru"),
    ("which has the larger population, Laos or Oman?", "Laos"),
    ("who won fewer bronze medals, Fiji or Cuba?", "Cuba"),
    ("which nation had the lower population: Fiji or Oman?", "Fiji"),
])
def test_which_of_two_has_more(q, want):
    assert _value(ask(_medals(), q)) == want


@pytest.mark.parametrize("q, want", [
    ("did Norway win more gold than Kenya?", "Yes"),
    ("does Chad have more silver than Peru?", "No"),
    ("is the population of Kenya higher than Peru?", "Yes"),
    ("did Fiji win fewer bronze medals than Cuba?", "No"),
])
def test_yes_no_comparisons_state_both_numbers(q, want):
    d = _medals()
    a = ask(d, q)
    assert _value(a) == want
    assert a.plan.kind == "comparison"
    col = a.plan.measure.column
    for item in a.plan.items:
        v = d.loc[d.Nation == item, col].iloc[0]
        assert f"{v:g}" in a.text


def test_how_many_more_and_fewer():
    d = _medals()
    g = d.set_index("Nation")
    assert _value(ask(d, "how many more gold did Norway win than Peru?")) == \
        g.Gold["Norway"] - g.Gold["Peru"] == 5
    assert _value(ask(d, "how many more silver does Kenya have compared to Chad?")) == 5
    assert _value(ask(d, "how many fewer bronze did Laos win than Fiji?")) == \
        g.Bronze["Fiji"] - g.Bronze["Laos"] == 4


def test_difference_between_two_items_is_the_gap():
    d = _medals()
    for q in ("what is the gap in gold between Chad and Norway?",
              "difference in gold between norway and chad"):
        assert _value(ask(d, q)) == 5
    a = ask(d, "what is the gap in population between Kenya and Peru?")
    assert _value(a) == pytest.approx(53.0 - 33.7)


@pytest.mark.parametrize("q", [
    "what is the difference between the silver of kenya and peru?",   # measure said first
    "the gap between kenya's silver and peru's silver",               # said after each item
])
def test_the_measure_may_sit_inside_the_between_phrase(q):
    d = _medals().set_index("Nation")
    a = ask(_medals(), q)
    assert _value(a) == abs(d.Silver["Kenya"] - d.Silver["Peru"]) == 1


def test_rows_counted_when_no_measure_is_named():
    d = _matches()
    a = ask(d, "were there more matches played at home or away?")
    assert _value(a) == "Home" and (d.Venue == "Home").sum() == 6
    a = ask(d, "did the Lions or the Bears play more matches?")
    assert _value(a) == "Lions"


def test_sums_over_several_rows_per_item():
    d = _matches()
    totals = d.groupby("Team").Goals.sum()
    a = ask(d, "did the Hawks score more goals than the Bears?")
    assert _value(a) == ("Yes" if totals["Hawks"] > totals["Bears"] else "No")
    a = ask(d, "how many more goals did the Lions score than the Bears?")
    assert _value(a) == totals["Lions"] - totals["Bears"] == 3


def test_which_of_two_the_other_filters_hold_for():
    d = _medals()
    assert _value(ask(d, "did Kenya or Peru win 7 gold?")) == "Kenya"
    m = _matches()
    assert _value(ask(m, "did the Bears or the Hawks score 4 goals at home?")) == "Hawks"


def test_pandas_code_gives_the_same_answer():
    d = _medals()
    a = ask(d, "how many more gold did Norway win than Peru?")
    scope = {"df": d.copy()}
    exec(a.code, scope)
    assert scope["answer"] == 5


def test_ranked_higher_is_the_smaller_rank():
    # a higher rank is the lower number (tests/test_ask_two_items_degrees.py has more)
    a = ask(_medals(), "which nation is ranked higher, Peru or Chad?")
    assert _value(a) == "Peru"
    assert _value(ask(_medals(), "who did better, Norway or Kenya?")) == "Norway"


@pytest.mark.parametrize("q", [
    "which was better, Norway or Kenya?",        # better at what: no verb, no measure
    "which nation has the larger rank, Peru or Chad?",  # the number or the standing?
    "which nation has more, Peru or Chad?",      # one row each: counting says 1 and 1
    "is Kenya or Peru?",                          # nothing to compare them on
    "who won more gold or silver medals, Norway or Kenya?",  # two measures
])
def test_refused_comparisons(q):
    a = ask(_medals(), q)
    assert a.status != "answered", (q, a.interpretation, a.value)


def test_a_measure_whose_header_repeats_is_not_guessed():
    # "Votes" heads the votes of two candidates (pandas names the second "Votes.1")
    d = pd.DataFrame({
        "County": ["Ash", "Birk", "Cole", "Dunn"],
        "Reyes": ["51%", "40%", "62%", "45%"],
        "Votes": [5100, 2400, 9300, 4050],
        "Tanaka": ["49%", "60%", "38%", "55%"],
        "Votes.1": [4900, 3600, 5700, 4950],
    })
    a = ask(d, "tell me the difference in votes between birk and ash")
    assert a.status != "answered", a.text
    assert "Votes" in a.text


def test_side_by_side_blocks_measure_an_item_in_its_own_block():
    # a list printed in two blocks: Peak/feet, then Peak.1/feet.1
    d = pd.DataFrame({
        "Peak": ["Hollin", "Scar Top", "Brack"], "feet": [3120, 2990, 2875],
        "Peak.1": ["Wether", "Gorse", "Lingmoor"], "feet.1": [2760, 2700, 2655],
    })
    a = ask(d, "how much higher is hollin than brack in feet?")
    assert a.status == "answered", a.text
    assert a.value == 3120 - 2875
