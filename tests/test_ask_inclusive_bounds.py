""""In or before 1950", "1950 or later", "no later than 1940": bounds that include the year
said (lexicon comparators). Read as "before 1950" they left out the rows of 1950 itself.
Our own table; counts read off it."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask

CHAPTERS = pd.DataFrame({"Chapter": ["Zeta", "Eta", "Theta", "Iota", "Kappa"],
                         "Location": ["Ayr", "Bude", "Cork", "Deal", "Ely"],
                         "Founding Date": [1925, 1950, 1961, 1940, 1950]})


@pytest.mark.parametrize("question, want", [
    ("how many chapters were founded in or before 1950?", 4),
    ("how many chapters were founded in or after 1950?", 3),
    ("how many chapters were founded no later than 1940?", 2),
    ("how many chapters were founded before 1950?", 2),  # strict, as said
])
def test_inclusive_bounds_keep_the_year_said(question, want):
    a = ask(CHAPTERS, question)
    assert a.status == "answered", a.text
    assert float(a.table.iloc[0, -1]) == want
