""""In or before 1952", "1952 or later", "no later than 1941": bounds that include the year
said (lexicon comparators). Read as "before 1952" they left out the rows of 1952 itself.
Our own table; counts read off it."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask

LODGES = pd.DataFrame({"Lodge": ["Zeta", "Eta", "Theta", "Iota", "Kappa"],
                       "Location": ["Ayr", "Bude", "Cork", "Deal", "Ely"],
                       "Founding Date": [1928, 1952, 1963, 1941, 1952]})


@pytest.mark.parametrize("question, want", [
    ("how many lodges were founded in or before 1952?", 4),
    ("how many lodges were founded in or after 1952?", 3),
    ("how many lodges were founded no later than 1941?", 2),
    ("how many lodges were founded before 1952?", 2),  # strict, as said
])
def test_inclusive_bounds_keep_the_year_said(question, want):
    a = ask(LODGES, question)
    assert a.status == "answered", a.text
    assert float(a.table.iloc[0, -1]) == want
