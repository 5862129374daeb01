"""Forecasting and clustering tools vs the plain library calls they wrap.

``python -m benchmarks forecast``. The baseline is what a statistician would type:
statsmodels SARIMAX / ETSModel, sklearn KMeans (+ silhouette over k). The tool adds input
checks, date handling, forecasts with intervals and insights; with the automatic searches it
also does the model selection the baseline leaves out, so its ratio is reported separately.
"""

from __future__ import annotations

import warnings

import pandas as pd

from ._table import best_time, print_table


def main() -> None:
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score
    from statsmodels.datasets import nile
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    import plotly.data

    from nbdatachat.data import default_catalog
    from nbdatachat.tools import run_tool

    flow = nile.load_pandas().data
    nile_df = pd.DataFrame({"year": flow["year"].astype(int), "flow": flow["volume"]})
    y = nile_df["flow"].to_numpy(dtype=float)
    sales = default_catalog().get("sales").frame()
    monthly = sales.groupby("month", as_index=False)["sales"].sum()
    ms = pd.Series(monthly["sales"].to_numpy())
    iris = plotly.data.iris()
    feats = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    Z = ((iris[feats] - iris[feats].mean()) / iris[feats].std()).to_numpy()

    def arima_direct() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = SARIMAX(y, order=(1, 1, 1), simple_differencing=True).fit(disp=False)
            SARIMAX(y, order=(1, 1, 1)).filter(r.params).get_forecast(10).conf_int()

    def ets_direct() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = ETSModel(ms, error="add", trend="add", seasonal="add",
                         seasonal_periods=12).fit(disp=False)
            r.get_prediction(start=36, end=47).summary_frame()

    def kmeans_direct() -> None:
        for k in range(2, 11):
            lab = KMeans(k, n_init=10, random_state=0).fit_predict(Z)
            silhouette_score(Z, lab)

    cases = [
        ("arima (1,1,1) nile", arima_direct,
         lambda: run_tool("arima", dataset=nile_df, target="flow", order=[1, 1, 1])),
        ("arima auto nile (19 fits)", arima_direct,
         lambda: run_tool("arima", dataset=nile_df, target="flow")),
        ("ETS(A,A,A) 36 months", ets_direct,
         lambda: run_tool("exponential_smoothing", dataset=monthly, target="sales",
                          date="month", trend="add", seasonal="add")),
        ("ETS auto 36 months (9 cand.)", ets_direct,
         lambda: run_tool("exponential_smoothing", dataset=monthly, target="sales",
                          date="month")),
        ("kmeans auto k iris", kmeans_direct,
         lambda: run_tool("kmeans", dataset=iris, features=feats)),
    ]
    rows = []
    for name, base, ours in cases:
        tb = best_time(base, repeat=3)
        to = best_time(ours, repeat=3)
        rows.append([name, tb * 1000, to * 1000, to / tb])
    print_table("Forecast/clustering tools vs plain statsmodels/sklearn (best of 3, ms)",
                ["case", "baseline ms", "nbdatachat ms", "ratio"], rows)
    print("(baseline for the 'auto' rows is one fit / one k-scan without selection; "
          "tools run with single-threaded BLAS, the baselines with the library default)")


if __name__ == "__main__":
    main()
