"""A country named by its initials after "the" (planner/grounding.py ``_country_initials``):
"from the US" is the rows whose one column of countries says United States (or USA), "the
UK" the United Kingdom; "us" alone stays a pronoun. Tables written here; expected values
computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def marathon() -> pd.DataFrame:
    return pd.DataFrame({
        "Rank": [1, 2, 3, 4, 5],
        "Runner": ["Ada Quill", "Bo Rask", "Cy Moreno", "Dee Fogg", "Eli Tamm"],
        "Nationality": ["United States", "Kenya", "United States", "United Kingdom", "Kenya"],
        "Gold": [3, 1, 2, 0, 4]})


def test_from_the_us_counts_its_rows(marathon: pd.DataFrame) -> None:
    a = ask(marathon, "how many runners came from the US?")
    assert a.status == "answered", a.text
    assert a.table.iloc[0, 0] == int((marathon["Nationality"] == "United States").sum()) == 2
    assert "United States" in a.text


def test_the_uk_is_the_united_kingdom(marathon: pd.DataFrame) -> None:
    a = ask(marathon, "which runner is from the uk?")
    assert a.status == "answered", a.text
    assert "Dee Fogg" in a.text and "Ada Quill" not in a.text


def test_total_for_the_us(marathon: pd.DataFrame) -> None:
    a = ask(marathon, "what is the total gold of the us?")
    assert a.status == "answered", a.text
    want = marathon.loc[marathon["Nationality"] == "United States", "Gold"].sum()
    assert float(a.table.iloc[0, 0]) == float(want) == 5.0


def test_written_as_usa() -> None:
    df = pd.DataFrame({"Team": ["Hawks", "Owls", "Rams"], "Country": ["USA", "Canada", "USA"]})
    a = ask(df, "how many teams are from the us?")
    assert a.status == "answered", a.text
    assert a.table.iloc[0, 0] == 2


def test_us_alone_is_a_pronoun(marathon: pd.DataFrame) -> None:
    a = ask(marathon, "tell us how many runners there are")
    assert a.status == "answered", a.text
    assert a.table.iloc[0, 0] == len(marathon)
    assert "United States" not in a.text
