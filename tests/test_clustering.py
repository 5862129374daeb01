"""``kmeans`` on iris (plotly.data): k chosen by silhouette, agreement with the species,
centroids in original units, determinism, and the errors for bad input."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from nbdatachat.errors import ColumnNotFound, DataError, InvalidRequest
from nbdatachat.tools import run_tool

FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


@pytest.fixture(scope="module")
def iris() -> pd.DataFrame:
    import plotly.data

    return plotly.data.iris()


def _json(result) -> dict:
    return json.loads(json.dumps(result.to_dict(), allow_nan=False))


def test_k_chosen_by_silhouette_on_iris(iris):
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    r = run_tool("kmeans", dataset=iris, features=FEATURES)
    out = _json(r)
    scores = {row["k"]: row["silhouette"] for row in out["k_selection"]}
    assert sorted(scores) == list(range(2, 11))
    # On standardised iris, two groups (setosa vs the rest) separate best.
    assert out["k"] == 2 and max(scores, key=scores.get) == 2
    z = (iris[FEATURES] - iris[FEATURES].mean()) / iris[FEATURES].std()
    labels3 = KMeans(3, n_init=10, random_state=0).fit_predict(z)
    assert scores[3] == pytest.approx(silhouette_score(z, labels3), abs=1e-9)
    assert out["performance"]["silhouette"] == pytest.approx(scores[2])
    # The 50-row cluster is exactly setosa; its centroid is setosa's mean, in cm.
    sizes = sorted(c["size"] for c in out["clusters"])
    assert sizes == [50, 100]
    small = next(c for c in out["clusters"] if c["size"] == 50)
    setosa = iris[iris["species"] == "setosa"]
    assert small["petal_length"] == pytest.approx(setosa["petal_length"].mean())
    # The sentence names the cluster that holds exactly the setosa rows, whatever its number.
    labels = r.plot_data["labels"]["cluster"]
    setosa_ids = set(labels[iris["species"] == "setosa"])
    assert len(setosa_ids) == 1 and set(labels[iris["species"] != "setosa"]).isdisjoint(setosa_ids)
    setosa_id = setosa_ids.pop()
    assert setosa_id == small["cluster"]
    assert f"Cluster {setosa_id} (50 rows) has the lowest petal_length" in " ".join(out["insights"])
    assert "k = 2 clusters chosen by silhouette" in out["insights"][0]


def test_k3_recovers_species(iris):
    from sklearn.metrics import adjusted_rand_score

    scaled = run_tool("kmeans", dataset=iris, features=FEATURES, k=3)
    raw = run_tool("kmeans", dataset=iris, features=FEATURES, k=3, scale=False)
    ari_scaled = adjusted_rand_score(iris["species"], scaled.plot_data["labels"]["cluster"])
    ari_raw = adjusted_rand_score(iris["species"], raw.plot_data["labels"]["cluster"])
    assert ari_scaled > 0.6 and ari_raw > 0.7  # published values: 0.62 and 0.73
    out = _json(raw)
    assert [c["cluster"] for c in out["clusters"]] == [1, 2, 3]
    assert [c["size"] for c in out["clusters"]] == sorted(
        (c["size"] for c in out["clusters"]), reverse=True)
    assert sum(c["size"] for c in out["clusters"]) == 150
    labels = raw.plot_data["labels"]
    for c in out["clusters"]:  # centroid = mean of the rows labelled with the cluster
        rows = iris.loc[labels.index[labels["cluster"] == c["cluster"]], FEATURES]
        assert c["sepal_width"] == pytest.approx(rows["sepal_width"].mean())
    # Inertia in original units equals the within-cluster sum of squares.
    wss = sum(((iris.loc[labels["cluster"] == k, FEATURES]
                - iris.loc[labels["cluster"] == k, FEATURES].mean()) ** 2).to_numpy().sum()
              for k in (1, 2, 3))
    assert out["performance"]["inertia"] == pytest.approx(wss, rel=1e-6)
    assert "k_selection" not in out


def test_deterministic_and_default_features_skip_ids(iris):
    a = run_tool("kmeans", dataset=iris, k=4, random_state=3)
    b = run_tool("kmeans", dataset=iris.to_dict("records"), k=4, random_state=3)
    assert _json(a)["features"] == FEATURES  # species_id is a code, not a measurement
    np.testing.assert_array_equal(a.plot_data["labels"]["cluster"].to_numpy(),
                                  b.plot_data["labels"]["cluster"].to_numpy())


def test_missing_rows_dropped_and_counted(iris):
    df = iris[FEATURES].copy()
    df.loc[[0, 5], "petal_width"] = np.nan
    r = run_tool("kmeans", dataset=df, k=3)
    assert r.n_obs == 148
    assert any("Dropped 2 of 150 rows" in w for w in r.warnings)
    labels = r.plot_data["labels"]
    assert 0 not in labels.index and 5 not in labels.index and len(labels) == 148


@pytest.mark.parametrize("kwargs, error, fragment", [
    ({"features": ["petal_length", "petl_width"], "k": 2}, ColumnNotFound, "petal_width"),
    ({"features": ["petal_length", "species"], "k": 2}, DataError, "not numeric"),
    ({"features": ["petal_length"], "k": 0}, InvalidRequest, "k"),
])
def test_bad_inputs(iris, kwargs, error, fragment):
    with pytest.raises(error) as exc:
        run_tool("kmeans", dataset=iris, **kwargs)
    assert fragment in exc.value.message


def test_data_errors():
    small = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "y": [2.0, 1.0, 4.0, 3.0]})
    with pytest.raises(DataError) as exc:
        run_tool("kmeans", dataset=small, k=6)
    assert "k=6" in exc.value.message and exc.value.details["maximum"] == 4
    const = small.assign(c=5.0)
    with pytest.raises(DataError, match="constant"):
        run_tool("kmeans", dataset=const, features=["x", "c"], k=2)
    twins = pd.DataFrame({"x": [1.0, 1.0, 2.0, 2.0], "y": [0.0, 0.0, 1.0, 1.0]})
    with pytest.raises(DataError, match="distinct"):
        run_tool("kmeans", dataset=twins, k=3)
    with pytest.raises(DataError, match="no numeric columns"):
        run_tool("kmeans", dataset=pd.DataFrame({"a": ["x", "y", "z"]}))


def test_schema_example_runs():
    from nbdatachat.tools import tool_schema

    example = dict(tool_schema("kmeans")["example_input"]["taskList"]["inputs"])
    example.pop("name")
    out = _json(run_tool("kmeans", **example))
    assert out["k"] == 2 and [c["size"] for c in out["clusters"]] == [3, 3]
    assert out["performance"]["silhouette"] > 0.8
