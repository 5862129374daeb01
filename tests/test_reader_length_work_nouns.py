"""How long one work of a table of works is (lengths.py, how_long.kind_noun): "the <work
noun>" right after "how long is the" names the rows' kind ("the track from <value>" is read
as the track whose row holds the value), and "of this <work noun>" ending the question is the
work the table lists versions of. Another noun, or a range ("from A to B"), is not read so.
Tables made up here."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _soundtrack() -> pd.DataFrame:
    """A made-up compilation: each song from a film, with its running time."""
    return pd.DataFrame({"#": [1, 2, 3, 4],
                         "Title": ["Lantern Road", "Quiet Orchard", "Copper Sky", "Tin Boat"],
                         "Film": ["Marsh Giants", "The Velvet Fox", "Cloud Harbor", "Dune Owls"],
                         "Length": ["3:12", "2:58", "4:05", "3:33"]})


def _versions() -> pd.DataFrame:
    """A made-up single: its versions, each with a length."""
    return pd.DataFrame({"Version": ["Album take", "Short edit", "Club mix", "Acoustic"],
                         "Length": ["4:10", "3:20", "6:02", "3:48"],
                         "Mixed by": ["—", "—", "Nora Vell", "—"]})


def test_a_work_noun_after_how_long_is_the() -> None:
    df = _soundtrack()
    a = ask(df, "how long is the track from the velvet fox?")
    assert a.value == "2:58", a.text
    a = ask(df, "how long was the track from cloud harbor?")
    assert a.value == "4:05", a.text


def test_of_this_work_ending_the_question() -> None:
    df = _versions()
    a = ask(df, "how long is the short edit of this song?")
    assert a.value == "3:20", a.text
    a = ask(df, "how long is the song mixed by nora vell?")
    assert a.value == "6:02", a.text


def test_other_nouns_and_ranges_are_not_read() -> None:
    df = _soundtrack()
    for q in ["how long is the chorus from the velvet fox?",
              "how long is the track from the velvet fox to dune owls?"]:
        a = ask(df, q)
        assert a.value not in ("2:58",), (q, a.value, a.text)


def test_a_noun_after_the_value_before_to() -> None:
    """"the <value> <noun> to <verb>": the noun only says what the row is."""
    df = pd.DataFrame({"Rank": [1, 2, 3], "Nation": ["Norway", "Chile", "Kenya"],
                       "Time": ["3:01.10", "3:02.45", "3:04.90"]})
    a = ask(df, "how long did it take that chile squad to complete the race?")
    assert a.value == "3:02.45", a.text
    a = ask(df, "how long did it take that chile squad captain to complete the race?")
    assert a.value is None, a.text
