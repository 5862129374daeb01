"""Either way against a number (issue 12): "was A's area above or below 45?", "did A score
more or less than 20 points?", answered with the question's own word for the side that
holds, both numbers stated; a value equal to the number, a blank cell, a name with several
rows, or a rank read with "more or less" are refused."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _lakes() -> pd.DataFrame:
    return pd.DataFrame({
        "Lake": ["Mirror", "Stone", "Heron", "Pike", "Otter"],
        "Surface area (ha)": [41.5, 120.0, 75.25, 60.0, None],
        "Depth (m)": [12, 30, 8, 21, 15],
        "Rank": [5, 1, 2, 3, 4],
    })


def _games() -> pd.DataFrame:
    return pd.DataFrame({
        "Round": [1, 2, 3, 4, 5, 6],
        "Rival": ["Foxes", "Owls", "Foxes", "Moles", "Owls", "Voles"],
        "Goals": [3, 0, 5, 2, 1, 4],
        "Crowd": [1200, 950, 1430, 800, 1010, 1100],
    })


@pytest.mark.parametrize("q, want", [
    ("was heron's surface area above or below 60 hectares?", "above"),
    ("is the depth of mirror more or less than 20?", "less"),
    ("was the depth of pike greater or smaller than 20 metres?", "greater"),
    ("is stone's depth below or above 25?", "above"),
])
def test_one_rows_value_against_a_number(q, want):
    a = ask(_lakes(), q)
    assert a.status == "answered", a.text
    assert a.value == want
    assert a.plan.kind == "comparison" and a.plan.output == "which_way"


def test_both_numbers_are_stated():
    a = ask(_lakes(), "was heron's surface area above or below 60 hectares?")
    assert "75.25" in a.text and "60" in a.text and a.text.startswith("Above")


@pytest.mark.parametrize("q, want", [
    ("did the owls score more or less than 2 goals?", "less"),   # 0 + 1 over two games
    ("were there more or fewer than 4 goals in round 3?", "more"),
    ("was the crowd in round 4 above or below 900?", "below"),
])
def test_a_total_over_the_named_rows(q, want):
    a = ask(_games(), q)
    assert a.status == "answered", a.text
    assert a.value == want


@pytest.mark.parametrize("q", [
    "is the depth of pike more or less than 21?",       # equal: neither word holds
    "was otter's surface area above or below 50?",     # blank cell
    "is the depth of mirror more or more than 20?",    # not two ways
])
def test_refused(q):
    a = ask(_lakes(), q)
    assert a.status != "answered" or a.plan.output != "which_way", a.text
    assert a.status != "answered", a.text


def test_a_rank_reads_above_as_the_smaller_number():
    a = ask(_lakes(), "was heron's rank above or below 3?")
    assert a.status == "answered", a.text
    assert a.value == "above"  # 2nd is above 3rd
    a = ask(_lakes(), "was heron's rank more or less than 3?")
    assert a.status != "answered" or a.plan.output != "which_way"


@pytest.mark.parametrize("q, want", [
    ("are there more or fewer than 5 games?", "more"),          # 6 rows
    ("is the total crowd above or below 7000?", "below"),       # 6,490
    ("were there over or under 2 games against the owls or the voles?", "over"),
])
def test_the_selected_rows_against_a_number(q, want):
    a = ask(_games(), q)
    assert a.status == "answered", a.text
    assert a.value == want
    assert a.plan.column == "" and a.plan.items == []


def test_the_selection_equal_to_the_number_is_refused():
    a = ask(_games(), "were there over or under 3 games against the owls or the voles?")
    assert a.status == "cannot_answer" and "exactly 3" in a.text, a.text


def test_the_tables_shape_is_not_its_rows():
    a = ask(_games(), "are there fewer or more than 3 columns?")
    assert a.status != "answered" or a.value not in ("more", "fewer"), a.text


def test_the_plan_round_trips_as_json():
    import json

    from nbdatachat.planner.plan import Plan
    from nbdatachat.planner.plan_schema import parse_plan

    for q in ("is the total crowd above or below 7000?", "was the crowd in round 4 above or "
              "below 900?"):
        plan = ask(_games(), q).plan
        assert parse_plan(json.dumps(plan.to_dict())) == plan
        assert Plan.from_dict(json.loads(json.dumps(plan.to_dict()))) == plan


@pytest.mark.parametrize("q, want", [
    ("is 50 above or below the surface area of mirror?", "above"),   # 41.5
    ("is 10 more or less than the depth of pike?", "less"),          # 21
    ("is 4 above or below the rank of stone?", "below"),             # 1st is above 4th
])
def test_the_number_first(q, want):
    a = ask(_lakes(), q)
    assert a.status == "answered", a.text
    assert a.value == want


@pytest.mark.parametrize("q, want", [
    ("is the depth of stone more/less than 25?", "more"),
    ("was heron's surface area over 70 hectares?", "Yes"),
    ("is the depth of mirror greater than 20?", "No"),
    ("was stone's depth below 40?", "Yes"),
])
def test_slash_and_yes_no_against_a_number(q, want):
    a = ask(_lakes(), q)
    assert a.status == "answered", a.text
    assert a.value == want


@pytest.mark.parametrize("q", [
    "is the depth of pike greater than 21?",             # equal: refused, not "No"
    "did each lake with rank 2 have a depth over 5?",   # each row: not one value
])
def test_yes_no_refused(q):
    a = ask(_lakes(), q)
    assert a.status != "answered" or a.plan.kind != "comparison", a.text


@pytest.mark.parametrize("q", [
    "did at least 1 round have more than 1000 crowd?",     # the count's bound, then the crowd's
    "did at most 2 rounds see over 1100 crowd?",
    "were exactly 3 rounds above 1000 crowd?",
])
def test_two_bounds_not_tied_to_their_nouns_are_refused(q):
    a = ask(_games(), q)
    assert a.status != "answered", (a.text, a.value)


def test_the_count_bound_beside_the_rows_noun_is_never_misread():
    games = _games()
    a = ask(games, "were there at least 3 rounds with more than 1000 crowd?")
    if a.status == "answered":  # read, or refused as two bounds
        assert a.value == ("Yes" if (games.Crowd > 1000).sum() >= 3 else "No")
