""""won" left unread beside a column named for it ('Win %') is refused in every kind of
reading, not only in counts: "which manager won over 50 matches" is not "which manager
managed over 50 matches". Small tables written here; expected values from pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def managers() -> pd.DataFrame:
    return pd.DataFrame({"Manager": ["Ola", "Per", "Quin", "Rhea", "Sami"],
                         "Years": [2, 7, 4, 10, 1],
                         "Matches": [70, 260, 140, 390, 40],
                         "Win %": [0.41, 0.63, 0.50, 0.57, 0.35]})


@pytest.mark.parametrize("question", ["which manager won over 50 matches?",
                                      "list the managers who won more than 200 matches"])
def test_won_beside_an_unused_win_column_is_refused(managers, question):
    a = ask(managers, question)
    assert a.status == "cannot_answer", (a.text, a.interpretation)
    assert "'Win %'" in a.text


def test_the_matches_column_still_answers_without_won(managers):
    a = ask(managers, "which managers managed more than 200 matches?")
    assert a.status == "answered", a.text
    for name in managers.loc[managers.Matches > 200, "Manager"]:
        assert name in a.text
