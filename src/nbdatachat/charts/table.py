"""The result table a chart is drawn from, with each column's measurement level, and the
chart's plan (kind and encodings) before the plotted table is built."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .columns import ColumnKind, column_kind, is_dense_integer_key


class Kinds(dict):
    """Column -> measurement level, computed on first use (a wide table with x and y given
    only pays for the columns the chart uses)."""

    def __init__(self, frame: pd.DataFrame, known: dict[str, ColumnKind] | None = None) -> None:
        super().__init__()
        self.frame = frame
        if known:
            self.update({c: k for c, k in known.items() if c in frame.columns})

    def __missing__(self, col: str) -> ColumnKind:
        frame = self.frame
        kind = column_kind(frame[col], col)
        # A small unique integer first column of a result table is a key (size 1..6), not
        # a measure to plot against another measure.
        if (kind == "quantitative" and col == frame.columns[0] and len(frame.columns) > 1
                and is_dense_integer_key(frame[col])
                and any(self[c] == "quantitative" for c in frame.columns[1:])):
            kind = "ordinal"
        self[col] = kind
        return kind

    def all(self) -> dict[str, ColumnKind]:
        return {c: self[c] for c in self.frame.columns}


@dataclass
class Table:
    """The table with each column's measurement level, computed once, on demand."""

    frame: pd.DataFrame
    kinds: Kinds

    @classmethod
    def of(cls, frame: pd.DataFrame, known: dict[str, ColumnKind] | None = None) -> Table:
        return cls(frame, Kinds(frame, known))

    @property
    def dims(self) -> list[str]:
        order = {"temporal": 0, "ordinal": 1, "nominal": 1}
        dims = [c for c, k in self.kinds.all().items() if k != "quantitative"]
        return sorted(dims, key=lambda c: order[self.kinds[c]])

    @property
    def measures(self) -> list[str]:
        return [c for c, k in self.kinds.all().items() if k == "quantitative"]

    def without(self, col: str) -> Table:
        """The table as the chart rules see it when ``col`` only splits it into panels."""
        known = {c: k for c, k in self.kinds.items() if c != col}
        return Table.of(self.frame.drop(columns=[col]), known)

    def nunique(self, col: str) -> int:
        return int(self.frame[col].nunique(dropna=True))

    def is_unique(self, cols: list[str]) -> bool:
        if len(cols) == 1:
            return bool(self.frame[cols[0]].is_unique)
        return not self.frame.duplicated(subset=cols).any()



@dataclass
class ChartPlan:
    kind: str
    x: str | None
    ys: list[str]
    color: str | None = None

    facet: str | None = None


__all__ = ["ChartPlan", "Kinds", "Table"]
