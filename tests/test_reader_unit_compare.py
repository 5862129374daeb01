"""A comparison with a number and its unit naming no column (unit_compare.py): the one
column carrying the unit (numbers whose unit the data layer took off, a header naming it,
or text cells "980 feet (299 m)"), narrowed by the dimension said ("tall", "longer than");
two columns left, or a unit no column carries, are asked back. Tables made up here."""

from __future__ import annotations

import pandas as pd

from nbdatachat import ask


def _masts() -> pd.DataFrame:
    """Made-up radio masts; Height carries metres in every cell."""
    return pd.DataFrame({
        "Name": ["Kestrel Mast", "Ovenbird Mast", "Plover Mast", "Wren Mast"],
        "Town": ["Larkton", "Eastbay", "Port Amel", "Fernbank"],
        "Height": ["62 m", "48 m", "75 m", "90 m"]})


def _piers() -> pd.DataFrame:
    """Made-up piers; lengths written as text with their unit."""
    return pd.DataFrame({
        "Pier": ["North Pier", "Gull Pier", "Old Quay Pier", "Harbour Arm"],
        "Opened": [1881, 1895, 1902, 1910],
        "Total length": ["1,200 feet", "350 feet", "980 feet (299 m)", "90.5 ft"]})


def _dams() -> pd.DataFrame:
    """Made-up dams with two columns in metres."""
    return pd.DataFrame({
        "Dam": ["Cinder Dam", "Moss Dam", "Tarn Dam", "Reed Dam"],
        "Height (m)": [120, 85, 140, 60],
        "Crest length (m)": [400, 95, 620, 150]})


def test_unit_taken_off_the_cells_names_the_column():
    ans = ask(_masts(), "how many masts are at least 60 metres tall?")
    assert ans.status == "answered" and ans.value == 3
    taller = ask(_masts(), "how many masts are taller than 70 m?")
    assert taller.status == "answered" and taller.value == 2


def test_text_cells_with_their_unit_compare_by_their_number():
    ans = ask(_piers(), "how many piers are longer than 500 feet?")
    assert ans.status == "answered" and ans.value == 2
    most = ask(_piers(), "how many piers are 420 feet long at most?")
    assert most.status == "answered" and most.value == 2


def test_dimension_word_picks_one_of_two_columns_in_the_unit():
    ans = ask(_dams(), "how many dams are taller than 100 metres?")
    assert ans.status == "answered" and ans.value == 2
    unclear = ask(_dams(), "how many dams are above 100 metres?")
    assert unclear.status != "answered"


def test_unit_no_column_carries_is_asked_back():
    ans = ask(_masts(), "how many masts are at least 60 feet tall?")
    assert ans.status != "answered"


def _streams() -> pd.DataFrame:
    """Made-up streams; numeric columns whose headers name their unit."""
    return pd.DataFrame({
        "Stream": ["Alder Brook", "Birch Run", "Cold Beck", "Dune Water"],
        "Side": ["left", "right", "left", "left"],
        "Length\n[km]": [12.4, 30.1, 8.9, 30.1],
        "Source depth in metre": [140, 95, 260, 75]})


def test_unit_said_after_a_column_of_its_number_fits_the_header():
    ans = ask(_streams(), "which stream on the left side has a length of 30.1 km?")
    assert ans.status == "answered"
    assert "Dune Water" in str(ans.value) and "Birch Run" not in str(ans.value)


def test_unit_said_that_the_header_does_not_name_is_asked_back():
    ans = ask(_streams(), "which stream on the left side has a length of 30.1 miles?")
    assert ans.status != "answered"


def test_glued_metres_are_no_millions_over_a_column_in_metres():
    ans = ask(_streams(), "which stream has a source depth of 260m?")
    assert ans.status == "answered"
    assert "Cold Beck" in str(ans.value)
