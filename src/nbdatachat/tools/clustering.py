"""``kmeans``: k-means clustering with the number of clusters chosen by silhouette.

Features are standardised by default: k-means measures plain Euclidean distance, so without
scaling the column with the largest units (income in dollars next to age in years) would
decide the clusters alone. Centroids are reported back in the original units, clusters are
numbered 1..k from the largest to the smallest so that reruns read the same, and each
cluster is described by the feature that sets it most apart from the others.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from pydantic import Field

from ..errors import DataError
from ._threads import SKLEARN_PRELOAD, single_threaded
from .base import ToolInputs, ToolResult
from .prepare import build_design
from .progress import step
from .registry import tool

# Above this many rows the silhouette (O(n^2) distances) is estimated on a random sample.
SILHOUETTE_SAMPLE = 3000


class KMeansInputs(ToolInputs):
    features: list[str] | None = Field(
        default=None, description="Numeric columns to cluster on; all numeric columns when "
                                  "omitted.")
    k: int | None = Field(default=None, ge=1, le=100,
                          description="Number of clusters; chosen in 2..k_max by the "
                                      "silhouette score when omitted.")
    k_max: int = Field(default=10, ge=2, le=30,
                       description="Largest k tried when k is chosen automatically.")
    scale: bool = Field(default=True, description="Standardise features (mean 0, sd 1) "
                                                  "before clustering.")
    random_state: int = Field(default=0, description="Seed for the k-means initialisation, "
                                                     "so results are reproducible.")
    n_init: int = Field(default=10, ge=1, le=100,
                        description="Number of k-means restarts; the best is kept.")


def _is_identifier(name: str) -> bool:
    low = name.lower()
    return low in ("id", "index", "key") or low.endswith(("_id", "-id", " id")) \
        or name.endswith("ID")


def _numeric_features(frame: pd.DataFrame) -> list[str]:
    """All numeric columns except identifiers (``id``, ``species_id``): codes are not
    measurements, and clustering on them would find the coding scheme."""
    cols = [str(c) for c in frame.columns
            if pd.api.types.is_numeric_dtype(frame[c])
            and not pd.api.types.is_bool_dtype(frame[c]) and not _is_identifier(str(c))]
    if len(cols) == 0:
        raise DataError("The data have no numeric columns to cluster on. Pass features= with "
                        "numeric columns.", details={"parameter": "features"})
    return cols


def _silhouette(X: np.ndarray, labels: np.ndarray, seed: int) -> float:
    from sklearn.metrics import silhouette_score

    sample = SILHOUETTE_SAMPLE if len(X) > SILHOUETTE_SAMPLE else None
    return float(silhouette_score(X, labels, sample_size=sample, random_state=seed))


def _quality(sil: float) -> str:
    # Kaufman & Rousseeuw's reading of the average silhouette width.
    if sil > 0.7:
        return "a strong cluster structure"
    if sil > 0.5:
        return "a reasonable cluster structure"
    if sil > 0.25:
        return "a weak cluster structure that could be artificial"
    return "no substantial cluster structure"


def _free_name(name: str, taken: set[str]) -> str:
    """``name``, or ``cluster_name`` / ``cluster_name_2`` ... when a feature already uses it."""
    out, i = name, 1
    while out in taken:
        out = f"cluster_{name}" if i == 1 else f"cluster_{name}_{i}"
        i += 1
    taken.add(out)
    return out


def _describe_clusters(centroids: pd.DataFrame, sizes: np.ndarray, means: pd.Series,
                       sds: pd.Series) -> list[str]:
    """For each cluster, the feature whose centroid is furthest (in sd) from the overall
    mean, phrased as highest/lowest when the cluster is the extreme one on that feature."""
    out = []
    z = (centroids - means) / sds.replace(0, np.nan)
    for i, (label, row) in enumerate(z.iterrows()):
        feat = str(row.abs().idxmax())
        value = float(centroids.loc[label, feat])
        col = centroids[feat]
        if len(col) > 1 and value == col.max():
            rank = "the highest"
        elif len(col) > 1 and value == col.min():
            rank = "the lowest"
        else:
            rank = "a high" if row[feat] > 0 else "a low"
        out.append(f"Cluster {label} ({int(sizes[i])} rows) has {rank} {feat} (mean "
                   f"{value:.4g} vs {float(means[feat]):.4g} overall).")
    return out


@tool("kmeans", description="K-means clustering of rows on numeric features: number of "
      "clusters chosen by silhouette score (or given), cluster sizes, centroids in original "
      "units, silhouette and inertia, and what distinguishes each cluster.",
      inputs=KMeansInputs, category="Machine Learning",
      example={"dataset": [{"x": 1.0, "y": 1.1}, {"x": 1.2, "y": 0.9}, {"x": 0.9, "y": 1.0},
                           {"x": 5.0, "y": 5.2}, {"x": 5.1, "y": 4.8}, {"x": 4.9, "y": 5.0}],
               "features": ["x", "y"], "k": 2})
@single_threaded(preload=SKLEARN_PRELOAD)
def kmeans(inputs: KMeansInputs, frame: pd.DataFrame) -> ToolResult:
    from sklearn.cluster import KMeans
    from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score

    features = inputs.features or _numeric_features(frame)
    design = build_design(frame, None, features, min_rows=2, encode_categories=False)
    X = design.X
    n = design.n
    warnings = list(design.warnings)
    means = pd.Series(X.mean(axis=0), index=design.names)
    sds = pd.Series(X.std(axis=0, ddof=1) if n > 1 else np.ones(X.shape[1]),
                    index=design.names)
    Z = (X - means.to_numpy()) / sds.to_numpy() if inputs.scale else X
    n_distinct = len(np.unique(X, axis=0))

    def fit(k: int, of: int | None = None) -> Any:
        step(f"Fitting k-means with k = {k}" + (f" (trying k = 2 to {of})" if of else ""),
             fraction=(k - 2) / max(1, of - 1) if of else None)
        return KMeans(n_clusters=k, n_init=inputs.n_init,
                      random_state=inputs.random_state).fit(Z)

    scores: list[dict[str, Any]] = []
    if inputs.k is not None:
        k = inputs.k
        if k > n:
            raise DataError(f"k={k} clusters need at least {k} rows; the data have {n} usable "
                            f"rows. Choose k <= {n}.",
                            details={"parameter": "k", "rows": n, "maximum": n})
        if k > n_distinct:
            raise DataError(f"k={k} is more than the {n_distinct} distinct points in the data; "
                            f"choose k <= {n_distinct}.",
                            details={"parameter": "k", "distinct_points": n_distinct})
        model = fit(k)
        sil = _silhouette(Z, model.labels_, inputs.random_state) if 2 <= k < n else None
    else:
        k_hi = min(inputs.k_max, n - 1, n_distinct)
        if k_hi < 2:
            raise DataError(f"Choosing the number of clusters needs at least 3 distinct rows; "
                            f"the data have {n_distinct}. Add data or pass k.",
                            details={"parameter": "k", "rows": n,
                                     "distinct_points": n_distinct})
        best = None
        for kk in range(2, k_hi + 1):
            m = fit(kk, k_hi)
            s = _silhouette(Z, m.labels_, inputs.random_state)
            scores.append({"k": kk, "silhouette": s, "inertia": float(m.inertia_)})
            if best is None or s > best[0] + 1e-12:
                best = (s, kk, m)
        sil, k, model = best

    # Renumber 1..k by size (largest first), ties by the first feature's centroid.
    raw = model.labels_
    counts = np.bincount(raw, minlength=k)
    centres_std = model.cluster_centers_
    centres = centres_std * sds.to_numpy() + means.to_numpy() if inputs.scale else centres_std
    order = sorted(range(k), key=lambda c: (-counts[c], centres[c, 0]))
    relabel = np.empty(k, dtype=int)
    relabel[order] = np.arange(1, k + 1)
    labels = relabel[raw]
    sizes = counts[order]
    # Centroids as the mean of each cluster's rows, in the original units.
    centroids = pd.DataFrame([X[labels == c].mean(axis=0) for c in range(1, k + 1)],
                             index=pd.Index(range(1, k + 1), name="cluster"),
                             columns=design.names)
    if int(sizes.min()) == 0:
        warnings.append("Some clusters are empty: the data have fewer distinct groups than k.")

    performance: dict[str, Any] = {"silhouette": sil, "inertia": float(model.inertia_)}
    if 2 <= k < n:
        performance["calinski_harabasz"] = float(calinski_harabasz_score(Z, labels))
        performance["davies_bouldin"] = float(davies_bouldin_score(Z, labels))
    if n > SILHOUETTE_SAMPLE:
        warnings.append(f"Silhouette scores are estimated on a random sample of "
                        f"{SILHOUETTE_SAMPLE} of the {n} rows.")
    if sil is not None and sil < 0.25:
        warnings.append(f"The silhouette ({sil:.2f}) is low: the clusters overlap and may not "
                        f"reflect real groups.")

    # A feature may itself be called "cluster", "size" or "share" (tips has a "size"
    # column): the bookkeeping columns take a free name instead of colliding with it.
    taken = set(design.names)
    cluster_col, size_col, share_col = (_free_name(c, taken) for c in ("cluster", "size",
                                                                       "share"))
    table = centroids.rename_axis(cluster_col).reset_index()
    table.insert(1, size_col, sizes.astype(int))
    table.insert(2, share_col, sizes / n)
    insights = []
    if scores:
        ranked = sorted(scores, key=lambda r: -r["silhouette"])
        runner = ranked[1] if len(ranked) > 1 else None
        insights.append(f"k = {k} clusters chosen by silhouette score ({sil:.3f}) among k = 2.."
                        f"{scores[-1]['k']}" + (f"; next best k = {runner['k']} "
                                                f"({runner['silhouette']:.3f})." if runner
                                                else "."))
    if sil is not None:
        insights.append(f"The average silhouette of {sil:.2f} indicates {_quality(sil)}.")
    insights += _describe_clusters(centroids, sizes, means, sds)
    if not inputs.scale and X.shape[1] > 1:
        ratio = float(sds.max() / sds.min()) if sds.min() > 0 else float("inf")
        if ratio > 10:
            insights.append(f"Features were not standardised and their spreads differ "
                            f"{ratio:.0f}-fold: {sds.idxmax()!r} dominates the distances.")

    label_frame = pd.DataFrame(X, columns=design.names, index=design.index)
    label_frame[cluster_col] = labels
    extra = {"k": k, "features": design.names, "scaled": inputs.scale}
    tables: dict[str, pd.DataFrame] = {"clusters": table}
    if scores:
        tables["k_selection"] = pd.DataFrame(scores)
    return ToolResult("kmeans", performance=performance,
                      statistics={"cluster_sizes": {str(i + 1): int(s)
                                                    for i, s in enumerate(sizes)}},
                      insights=insights, warnings=warnings, n_obs=n, tables=tables,
                      extra=extra, plot_data={"labels": label_frame})
