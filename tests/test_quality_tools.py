"""Data-quality tools (missing_values, duplicates, constant_columns, outliers,
data_quality): every count checked against pandas computed here, plus the refusals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nbdatachat import run_tool
from nbdatachat.errors import NbDataChatError


@pytest.fixture
def messy(tips):
    """tips with missing values, blank text, repeated rows and a constant column."""
    df = tips.copy()
    rng = np.random.default_rng(7)
    df.loc[rng.choice(len(df), 12, replace=False), "tip"] = np.nan
    df.loc[rng.choice(len(df), 5, replace=False), "total_bill"] = np.nan
    df["day"] = df["day"].astype(object)
    df.loc[[3, 8], "day"] = ["", "   "]
    df["source"] = "pos"
    df = pd.concat([df, df.iloc[[10, 11, 11, 50]]], ignore_index=True)
    return df


def _error(name, **inputs) -> NbDataChatError:
    with pytest.raises(NbDataChatError) as exc:
        run_tool(name, **inputs)
    return exc.value


# ----------------------------------------------------------------------------- missing
def test_missing_values_per_column_and_rows(messy):
    r = run_tool("missing_values", dataset=messy)
    isna = messy.isna()
    isna["day"] |= messy["day"].map(lambda v: isinstance(v, str) and not v.strip())
    per_col = isna.sum()
    assert r.statistics["missing_by_column"] == {c: int(per_col[c]) for c in messy.columns}
    assert r.statistics["missing_cells"] == int(per_col.sum())
    assert r.statistics["rows_with_missing"] == int(isna.any(axis=1).sum())
    assert r.statistics["complete_rows"] == len(messy) - int(isna.any(axis=1).sum())
    assert r.statistics["blank_text_cells"] == 2
    table = r.tables["missing_by_column"].set_index("column")
    assert table.loc["tip", "missing"] == int(per_col["tip"])
    assert table.loc["tip", "percent"] == pytest.approx(100 * per_col["tip"] / len(messy))
    assert list(r.tables["missing_by_column"]["missing"]) == sorted(per_col, reverse=True)
    rows = r.tables["rows_with_missing"]
    first = isna.any(axis=1).idxmax()
    assert rows.iloc[0]["row"] == first
    assert rows.iloc[0]["missing_in"] == ", ".join(c for c in messy.columns if isna.loc[first, c])
    assert len(rows) == min(20, int(isna.any(axis=1).sum()))
    assert any("blank text" in w for w in r.warnings)
    assert f"{int(per_col['tip'])} (" in r.insights[0]


def test_missing_values_one_column_and_blank_option(messy):
    r = run_tool("missing_values", dataset=messy, columns=["tip"])
    k = int(messy["tip"].isna().sum())
    assert r.insights[0] == (f"tip has {k} missing values out of {len(messy)} rows "
                             f"({100 * k / len(messy):.3g} %).")
    plain = run_tool("missing_values", dataset=messy, columns=["day"], blank_as_missing=False)
    assert plain.statistics["missing_cells"] == int(messy["day"].isna().sum()) == 0
    assert plain.insights[0] == f"day has no missing values ({len(messy)} rows)."


def test_missing_values_refusals(messy):
    err = _error("missing_values", dataset=messy, columns=["tipp"])
    assert "tipp" in err.message and "tip" in str(err.details)
    err = _error("missing_values", dataset=messy, columns=["tip", "tip"])
    assert "twice" in err.message
    assert _error("missing_values", dataset=messy, max_rows=-1).details["parameter"] == "max_rows"


# ----------------------------------------------------------------------------- duplicates
def test_duplicates_all_columns(messy):
    r = run_tool("duplicates", dataset=messy)
    assert r.statistics["duplicate_rows"] == int(messy.duplicated().sum())
    assert r.statistics["rows_in_duplicate_groups"] == int(messy.duplicated(keep=False).sum())
    repeated = messy[messy.duplicated(keep=False)]
    n_groups = len(repeated.drop_duplicates())
    assert r.statistics["duplicate_groups"] == n_groups
    top = r.tables["duplicate_groups"].iloc[0]
    assert top["count"] == 3 and top["rows"] == "11, 245, 246"  # row 11 and its two copies
    assert top["total_bill"] == messy.loc[11, "total_bill"]


def test_duplicates_on_key_columns_with_missing_equal(messy):
    r = run_tool("duplicates", dataset=messy, columns=["day", "time", "size"])
    sub = messy[["day", "time", "size"]]
    assert r.statistics["duplicate_rows"] == int(sub.duplicated().sum())
    assert r.statistics["duplicate_groups"] == len(sub[sub.duplicated(keep=False)]
                                                    .drop_duplicates())
    counts = sub.value_counts(dropna=False)
    assert r.tables["duplicate_groups"]["count"].iloc[0] == int(counts.max())
    none = run_tool("duplicates", dataset=messy.drop_duplicates())
    assert none.statistics["duplicate_rows"] == 0
    assert none.insights == [f"No duplicate rows on all columns: all "
                             f"{len(messy.drop_duplicates())} rows are distinct."]


# ----------------------------------------------------------------------------- constant
def test_constant_columns(messy):
    df = messy.assign(empty=np.nan, mostly=["a"] * (len(messy) - 3) + ["b"] * 3,
                      half_missing=[1.0 if i % 2 else np.nan for i in range(len(messy))])
    r = run_tool("constant_columns", dataset=df)
    assert r.statistics["constant_columns"] == ["source", "half_missing"]
    assert r.statistics["empty_columns"] == ["empty"]
    assert r.statistics["nearly_constant_columns"] == ["mostly"]
    table = r.tables["columns"].set_index("column")
    for c in df.columns:
        assert table.loc[c, "distinct"] == df[c].nunique()
        assert table.loc[c, "missing"] == int(df[c].isna().sum())
    assert table.loc["mostly", "top_share"] == pytest.approx((len(df) - 3) / len(df))
    assert "source (always 'pos')" in r.insights[0]
    strict = run_tool("constant_columns", dataset=df, ignore_missing=False)
    assert strict.statistics["constant_columns"] == ["source"]


# ----------------------------------------------------------------------------- outliers
def test_outliers_iqr_matches_pandas(tips):
    r = run_tool("outliers", dataset=tips, columns=["tip", "total_bill"])
    for c in ("tip", "total_bill"):
        q1, q3 = tips[c].quantile([0.25, 0.75])
        lo, hi = q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)
        expected = tips[(tips[c] < lo) | (tips[c] > hi)]
        s = r.statistics["columns"][c]
        assert (s["lower"], s["upper"]) == (pytest.approx(lo), pytest.approx(hi))
        assert s["outliers"] == len(expected)
        assert s["high"] == int((tips[c] > hi).sum())
        listed = r.tables["outlier_rows"]
        assert sorted(listed.loc[listed["column"] == c, "row"]) == sorted(expected.index)
    assert r.tables["outlier_rows"].iloc[0]["value"] == tips["total_bill"].max()
    assert r.plot_data["box"].shape[0] == 2 * len(tips)


def test_outliers_zscore_with_threshold(tips):
    for threshold in (2.0, 3.0):
        r = run_tool("outliers", dataset=tips, columns=["tip"], method="zscore",
                     threshold=threshold)
        z = (tips["tip"] - tips["tip"].mean()) / tips["tip"].std()
        assert r.statistics["columns"]["tip"]["outliers"] == int((z.abs() > threshold).sum())
        rows = r.tables["outlier_rows"]
        assert rows["z"].to_numpy() == pytest.approx(
            z[z.abs() > threshold].sort_values(key=abs, ascending=False).to_numpy())
    assert r.statistics["columns"]["tip"]["std"] == pytest.approx(tips["tip"].std())


def test_outliers_default_columns_and_small_samples(tips):
    r = run_tool("outliers", dataset=tips)
    assert set(r.statistics["columns"]) == {"total_bill", "tip", "size"}
    small = run_tool("outliers", dataset=[{"x": v} for v in (1, 2, 3, 4, 100)],
                     method="zscore")
    assert small.statistics["columns"]["x"]["outliers"] == 0
    assert any("no |z| can exceed 1.79" in w for w in small.warnings)
    iqr = run_tool("outliers", dataset=[{"x": v} for v in (1, 2, 3, 4, 100)])
    assert iqr.statistics["columns"]["x"]["outliers"] == 1


def test_outliers_refusals(tips):
    assert "not numeric" in _error("outliers", dataset=tips, columns=["day"]).message
    assert "tipz" in _error("outliers", dataset=tips, columns=["tipz"]).message
    err = _error("outliers", dataset=[{"x": 1.0}, {"x": 2.0}], columns=["x"])
    assert "at least 3" in err.message
    assert "no numeric column" in _error("outliers", dataset=[{"a": "x"}, {"a": "y"}]).message
    assert _error("outliers", dataset=tips, method="mad").details["parameter"] == "method"
    assert _error("outliers", dataset=tips, threshold=0).details["parameter"] == "threshold"


# ----------------------------------------------------------------------------- overview
def test_data_quality_overview(messy):
    r = run_tool("data_quality", dataset=messy)
    table = r.tables["columns"].set_index("column")
    assert r.statistics["duplicate_rows"] == int(messy.duplicated().sum())
    assert table.loc["tip", "missing"] == int(messy["tip"].isna().sum())
    assert table.loc["day", "missing"] == 2
    assert table.loc["source", "constant"] and r.statistics["constant_columns"] == ["source"]
    assert table.loc["day", "type"] == "text" and table.loc["size", "type"] == "numeric"
    x = messy["total_bill"].dropna()
    q1, q3 = x.quantile([0.25, 0.75])
    expected = int(((x < q1 - 1.5 * (q3 - q1)) | (x > q3 + 1.5 * (q3 - q1))).sum())
    assert table.loc["total_bill", "outliers_iqr"] == expected
    assert pd.isna(table.loc["day", "outliers_iqr"])
    assert any("repeat an earlier row" in s for s in r.insights)
