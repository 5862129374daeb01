"""A named catalog of datasets shared by every front-end.

What the seeds call *collections* (analytics chat), *applications* / *models* (data
intelligence) are entries here: ``catalog.register("sales", df)`` makes ``"sales"`` usable as
``dataset`` in a tool run, as ``model`` in a chat completion and as ``%%ask sales``.
The default catalog starts with demo datasets that ship inside installed packages (plotly,
statsmodels) or are generated deterministically, so the demo works offline.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

import numpy as np
import pandas as pd

from ..errors import Conflict, InvalidRequest, NotFound, closest
from .sources import Dataset
from .sources import as_dataset as _as_dataset


@dataclass(frozen=True)
class CatalogEntry:
    """What front-ends list about a dataset without loading it."""

    name: str
    description: str
    kind: str
    created: float
    demo: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description, "kind": self.kind,
                "created": self.created, "demo": self.demo}


class Catalog:
    """Thread-safe mapping of dataset names to lazily loaded :class:`Dataset` objects.

    Registering is cheap (files and tables are read on first use, once, even when several
    threads ask at the same time). Names are case-sensitive and unique: registering an
    existing name replaces it unless ``replace=False``, which raises :class:`Conflict`.
    """

    def __init__(self, *, with_demo: bool = False) -> None:
        self._lock = threading.RLock()
        self._items: dict[str, tuple[Dataset, CatalogEntry]] = {}
        if with_demo:
            for name, (desc, loader) in DEMO_DATASETS.items():
                self._add(Dataset(name, "loader", loader, description=desc), desc, demo=True)

    def _add(self, ds: Dataset, description: str, demo: bool = False) -> Dataset:
        entry = CatalogEntry(ds.name, description, ds.kind, time.time(), demo)
        self._items[ds.name] = (ds, entry)
        return ds

    def register(self, name: str, source: Any, *, description: str = "",
                 replace: bool = True) -> Dataset:
        """Add ``source`` (anything :func:`as_dataset` accepts) under ``name``."""
        if not isinstance(name, str) or not name.strip():
            raise InvalidRequest("A dataset needs a non-empty name, e.g. "
                                 "catalog.register('sales', df).", details={"parameter": "name"})
        name = name.strip()
        with self._lock:
            if name in self._items and not replace:
                raise Conflict(f"A dataset named {name!r} already exists; pick another name "
                               f"or pass replace=True.", details={"name": name})
            ds = _as_dataset(source, name=name, catalog=self)
            if ds.name != name or description:
                ds = ds.renamed(name, description or ds.description)
            return self._add(ds, ds.description)

    def get(self, name: str) -> Dataset:
        """The dataset called ``name``; :class:`NotFound` lists the known names."""
        return self._item(name)[0]

    def entry(self, name: str) -> CatalogEntry:
        return self._item(name)[1]

    def remove(self, name: str) -> None:
        with self._lock:
            self._item(name)
            del self._items[name]

    def _item(self, name: str) -> tuple[Dataset, CatalogEntry]:
        with self._lock:
            item = self._items.get(name) if isinstance(name, str) else None
            if item is not None:
                return item
            known = list(self._items)
        hints = closest(str(name), known)
        hint = f" Did you mean {hints[0]!r}?" if hints else ""
        raise NotFound(f"No dataset named {name!r}.{hint} Known datasets: "
                       f"{', '.join(known) or 'none'}. Register one with "
                       f"catalog.register(name, data).",
                       details={"name": name, "available": known, "suggestions": hints})

    def names(self) -> list[str]:
        with self._lock:
            return list(self._items)

    def entries(self) -> list[CatalogEntry]:
        with self._lock:
            return [e for _, e in self._items.values()]

    def __contains__(self, name: object) -> bool:
        with self._lock:
            return isinstance(name, str) and name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self._items)


def _plotly(name: str) -> Callable[[], pd.DataFrame]:
    def load() -> pd.DataFrame:
        import plotly.data

        return getattr(plotly.data, name)()
    return load


def _nile() -> pd.DataFrame:
    from statsmodels.datasets import nile

    df = nile.load_pandas().data
    return pd.DataFrame({"year": df["year"].astype(int), "flow": df["volume"].astype(float)})


def _sales() -> pd.DataFrame:
    """Monthly sales of a small shop chain: deterministic, with a known linear structure."""
    rng = np.random.default_rng(20240101)
    months = pd.date_range("2021-01-01", periods=36, freq="MS")
    regions = ["North", "South", "East", "West"]
    rows = []
    for region_i, region in enumerate(regions):
        for t, month in enumerate(months):
            marketing = rng.uniform(20, 80)
            price = rng.uniform(20, 35)
            season = 15 * np.sin(2 * np.pi * month.month / 12)
            sales = (40 + 2.0 * marketing - 1.5 * price + 1.2 * t + 10 * region_i + season
                     + rng.normal(0, 8))
            rows.append({"month": month, "region": region, "marketing": round(marketing, 2),
                         "price": round(price, 2), "units": int(sales * 3),
                         "sales": round(sales, 2)})
    return pd.DataFrame(rows)


DEMO_DATASETS: dict[str, tuple[str, Callable[[], pd.DataFrame]]] = {
    "sales": ("Monthly sales, marketing spend and price for four regions (generated, 2021-2023)",
              _sales),
    "tips": ("Restaurant bills and tips with day, time, party size and smoker (plotly.data)",
             _plotly("tips")),
    "iris": ("Iris flower measurements by species (plotly.data)", _plotly("iris")),
    "gapminder": ("Life expectancy, population and GDP per capita by country and year "
                  "(plotly.data)", _plotly("gapminder")),
    "stocks": ("Daily normalised prices of six tech stocks, 2018-2019 (plotly.data)",
               _plotly("stocks")),
    "nile": ("Annual flow of the Nile at Aswan, 1871-1970 (statsmodels.datasets)", _nile),
}

_default: Catalog | None = None
_default_lock = threading.Lock()


def default_catalog() -> Catalog:
    """The process-wide catalog, with the demo datasets registered (loaded on first use)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Catalog(with_demo=True)
        return _default


def as_dataset(source: Any, name: str | None = None, *, catalog: Catalog | None = None
               ) -> Dataset:
    """Turn any accepted source into a :class:`Dataset`: a DataFrame, records, a file, a
    directory or glob of Parquet files, an SQL or Spark table, or the name of a dataset in
    ``catalog`` (default: the process's :func:`default_catalog`), tried before file paths.
    """
    if catalog is None and isinstance(source, (str, PurePath)):
        catalog = default_catalog()  # only names need it: a DataFrame never builds it
    return _as_dataset(source, name, catalog=catalog)


def load_frame(source: Any, *, catalog: Catalog | None = None) -> pd.DataFrame:
    """Shortcut: ``as_dataset(source).frame()``."""
    return as_dataset(source, catalog=catalog).frame()
