"""The benchmark's datasets: public tables that ship inside installed PyPI packages.

Each :class:`BenchDataset` has the ``frame`` the expected answers are computed from and the
``source`` handed to ``ask`` (the same frame, or a file holding it), so the engine is measured
on the inputs people really pass: DataFrames, a Parquet file and a messy CSV export. The
datasets were picked for their different column-naming styles: ``total_bill`` (snake_case),
``lifeExp``/``gdpPercap`` (camelCase), ``Kilometers_per_Liter`` (Title_Snake), ``TOTEMP`` and
``GNPDEFL`` (abbreviated capitals), ``sepal length (cm)`` (spaces and units), ``Tip Amount``
(a spreadsheet header).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class BenchDataset:
    name: str
    origin: str
    frame: pd.DataFrame
    source: Any  # what ``ask`` receives: the frame itself or a file path

    @property
    def is_file(self) -> bool:
        return isinstance(self.source, (str, Path))


@cache
def _workdir() -> Path:
    path = Path(tempfile.mkdtemp(prefix="nbdatachat-questions-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def _plotly(name: str) -> pd.DataFrame:
    import plotly.data

    return getattr(plotly.data, name)()


def _vega(name: str) -> pd.DataFrame:
    import warnings

    from vega_datasets import local_data

    with warnings.catch_warnings():  # vega_datasets 0.9 passes a keyword pandas 3 deprecates
        warnings.simplefilter("ignore")
        return getattr(local_data, name)()


def _statsmodels(name: str) -> pd.DataFrame:
    import importlib

    module = importlib.import_module(f"statsmodels.datasets.{name}")
    return module.load_pandas().data


def _sklearn(name: str, label: str) -> pd.DataFrame:
    """A bundled sklearn set with its class names as a text column (not the integer code)."""
    from sklearn import datasets

    bunch = getattr(datasets, f"load_{name}")(as_frame=True)
    frame = bunch.frame.drop(columns="target")
    frame[label] = pd.Series(np.asarray(bunch.target_names)[bunch.target.to_numpy()],
                             index=frame.index, dtype="str")
    return frame


def _fleet_parquet(frame: pd.DataFrame) -> Path:
    path = _workdir() / "fleet.parquet"
    frame.to_parquet(path, index=False)
    return path


FLEET_MAKES = ("Kestrel", "Orca", "Tamarin", "Vireo", "Solano", "Maru", "Ibex", "Corvid")
FLEET_TRIMS = ("LX", "GT", "SE", "Sport", "Touring", "Base")
FLEET_MARKETS = ("Korea", "Germany", "Brazil", "Mexico")


def fleet_frame(n: int = 360, seed: int = 7) -> pd.DataFrame:
    """A made-up fleet of vehicles (seeded, so every run asks the same table).

    Our own table, not a public one: the engine is never tested on the tables it is
    developed against. Title_Snake headers with units (``Kilometers_per_Liter``,
    ``Weight_in_kg``), a few missing readings, model years as dates and a market per vehicle.
    Economy falls with weight and power rises with cylinders, so the regression, correlation
    and group questions have real structure to find.
    """
    rng = np.random.default_rng(seed)
    cylinders = rng.choice([3, 4, 4, 4, 6, 6, 8], size=n)
    weight = np.round(600 + 170 * cylinders + rng.normal(0, 120, n)).astype(int)
    power = np.round(18 * cylinders + 0.04 * weight + rng.normal(0, 12, n))
    economy = np.round(28 - 0.008 * weight - 0.4 * cylinders + rng.normal(0, 1.2, n), 1)
    accel = np.round(14 + 0.002 * weight - 0.04 * power + rng.normal(0, 0.8, n), 1)
    years = rng.integers(1995, 2011, size=n)
    names = [f"{FLEET_MAKES[i % len(FLEET_MAKES)]} {100 + i} {FLEET_TRIMS[(i * 5) % len(FLEET_TRIMS)]}"
             for i in range(n)]
    frame = pd.DataFrame({
        "Model": names,
        "Kilometers_per_Liter": economy,
        "Cylinders": cylinders,
        "Horsepower": power,
        "Weight_in_kg": weight,
        "Acceleration": accel,
        "Year": pd.to_datetime(years.astype(str), format="%Y"),
        "Market": rng.choice(FLEET_MARKETS, size=n, p=[0.4, 0.25, 0.2, 0.15]),
    })
    frame.loc[rng.choice(n, 6, replace=False), "Kilometers_per_Liter"] = np.nan
    frame.loc[rng.choice(n, 4, replace=False), "Horsepower"] = np.nan
    return frame


SERVERS = ("José", "Zoë", "François", "Ana")
WEEKDAYS = {"Thur": "Thursday", "Fri": "Friday", "Sat": "Saturday", "Sun": "Sunday"}


def messy_tips_frame() -> pd.DataFrame:
    """The restaurant bills as a manager's spreadsheet would hold them (clean values).

    Derived deterministically from plotly's tips: a visit date every third day from
    2023-01-02, a server (accented names, so the cp1252 encoding matters), weekday names in
    full, and a "Yearly Spend" column large enough to need thousands separators.
    """
    tips = _plotly("tips")
    n = len(tips)
    return pd.DataFrame({
        "Visit Date": pd.Timestamp("2023-01-02") + pd.to_timedelta(np.arange(n) * 3, unit="D"),
        "Server": pd.Series(np.asarray(SERVERS)[np.arange(n) % len(SERVERS)], dtype="str"),
        "Total Bill": tips["total_bill"],
        "Tip Amount": tips["tip"],
        "Day of Week": tips["day"].map(WEEKDAYS).astype("str"),
        "Party Size": tips["size"],
        "Smoker?": tips["smoker"],
        "Yearly Spend": (tips["total_bill"] * 97.3).round(2),
    })


def write_messy_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Export like a spreadsheet would: cp1252, US dates, "$1,234.50" money, padded headers."""
    out = pd.DataFrame({
        "Visit Date": frame["Visit Date"].dt.strftime("%m/%d/%Y"),
        "Server": frame["Server"],
        " Total Bill": frame["Total Bill"].map(lambda v: f"${v:,.2f}"),
        "Tip Amount ": frame["Tip Amount"].map(lambda v: f"${v:,.2f}"),
        "Day of Week": frame["Day of Week"],
        "Party Size": frame["Party Size"],
        "Smoker?": frame["Smoker?"],
        "Yearly Spend": frame["Yearly Spend"].map(lambda v: f"${v:,.2f}"),
    })
    out.to_csv(path, index=False, encoding="cp1252", lineterminator="\r\n")
    return path


def _messy_tips() -> BenchDataset:
    frame = messy_tips_frame()
    path = write_messy_csv(frame, _workdir() / "Restaurant Visits 2023.csv")
    return BenchDataset("messy_tips", "plotly.data.tips exported as a cp1252 CSV", frame,
                        str(path))


def _from_frame(name: str, origin: str, load: Callable[[], pd.DataFrame]) -> Callable[[], BenchDataset]:
    def build() -> BenchDataset:
        frame = load()
        return BenchDataset(name, origin, frame, frame)
    return build


def _fleet() -> BenchDataset:
    frame = fleet_frame()
    return BenchDataset("fleet", "a made-up fleet of vehicles (as a Parquet file)", frame,
                        str(_fleet_parquet(frame)))


def _nile() -> BenchDataset:
    frame = _statsmodels("nile")
    frame = frame.assign(year=frame["year"].astype(int))
    return BenchDataset("nile", "statsmodels.datasets.nile", frame, frame)


_BUILDERS: dict[str, Callable[[], BenchDataset]] = {
    "tips": _from_frame("tips", "plotly.data.tips", lambda: _plotly("tips")),
    "messy_tips": _messy_tips,
    "gapminder": _from_frame("gapminder", "plotly.data.gapminder", lambda: _plotly("gapminder")),
    "medals": _from_frame("medals", "plotly.data.medals_long", lambda: _plotly("medals_long")),
    "experiment": _from_frame("experiment", "plotly.data.experiment",
                              lambda: _plotly("experiment")),
    "fleet": _fleet,
    "seattle_weather": _from_frame("seattle_weather", "vega_datasets seattle-weather",
                                   lambda: _vega("seattle_weather")),
    "iowa_electricity": _from_frame("iowa_electricity", "vega_datasets iowa-electricity",
                                    lambda: _vega("iowa_electricity")),
    "stocks": _from_frame("stocks", "vega_datasets stocks", lambda: _vega("stocks")),
    "iris": _from_frame("iris", "sklearn load_iris (class names as species)",
                        lambda: _sklearn("iris", "species")),
    "wine": _from_frame("wine", "sklearn load_wine (class names as cultivar)",
                        lambda: _sklearn("wine", "cultivar")),
    "longley": _from_frame("longley", "statsmodels.datasets.longley",
                           lambda: _statsmodels("longley")),
    "macrodata": _from_frame("macrodata", "statsmodels.datasets.macrodata",
                             lambda: _statsmodels("macrodata")),
    "fair": _from_frame("fair", "statsmodels.datasets.fair", lambda: _statsmodels("fair")),
    "nile": _nile,
}

DATASET_NAMES = tuple(_BUILDERS)


@cache
def load(name: str) -> BenchDataset:
    """One dataset, built once per process (files are written to a temporary folder)."""
    try:
        return _BUILDERS[name]()
    except KeyError:
        raise KeyError(f"unknown benchmark dataset {name!r}; known: {DATASET_NAMES}") from None


def load_all() -> dict[str, BenchDataset]:
    return {name: load(name) for name in DATASET_NAMES}
