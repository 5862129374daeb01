"""What the data-quality tools share: the columns to check, the missing-cell mask, the
example rows their schemas show."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from pydantic import Field

from ...errors import DataError
from ..base import ToolInputs
from ..prepare import require_columns

EXAMPLE_ROWS = [{"id": 1, "city": "Oslo", "sales": 120.0, "region": "north"},
                {"id": 2, "city": None, "sales": 95.5, "region": "north"},
                {"id": 3, "city": "Bergen", "sales": None, "region": "north"},
                {"id": 3, "city": "Bergen", "sales": None, "region": "north"},
                {"id": 5, "city": "Tromsø", "sales": 310.0, "region": "north"},
                {"id": 6, "city": "Oslo", "sales": 2950.0, "region": "north"}]


class ColumnsInputs(ToolInputs):
    columns: list[str] | None = Field(
        default=None, min_length=1, description="Columns to check; every column when omitted.")


def chosen_columns(frame: pd.DataFrame, columns: list[str] | None) -> list[str]:
    """The columns to check (all by default); unknown names raise with the closest ones."""
    if columns is None:
        return [str(c) for c in frame.columns]
    require_columns(frame, columns, "column")
    if len(set(columns)) != len(columns):
        dup = next(c for c in columns if columns.count(c) > 1)
        raise DataError(f"Column {dup!r} is listed twice in columns; list each once.",
                        details={"parameter": "columns", "column": dup})
    return list(columns)


def missing_mask(frame: pd.DataFrame, columns: list[str], blank_as_missing: bool
                 ) -> pd.DataFrame:
    """True where a cell is missing (and, when asked, where text is empty or only spaces)."""
    sub = frame[columns]
    mask = sub.isna()
    if blank_as_missing:
        for j, c in enumerate(columns):
            s = sub.iloc[:, j]
            if s.dtype == object or pd.api.types.is_string_dtype(s):
                blank = s.map(lambda v: isinstance(v, str) and not v.strip())
                mask.iloc[:, j] = mask.iloc[:, j].to_numpy() | blank.to_numpy(dtype=bool)
    return mask


def single_column(frame: pd.DataFrame, column: str) -> pd.Series:
    """``frame[column]``, refusing a name that appears more than once."""
    s = frame[column]
    if isinstance(s, pd.DataFrame):
        raise DataError(f"Column name {column!r} appears more than once in the data; rename "
                        f"the duplicates so each column has a unique name.",
                        details={"column": column})
    return s


def percent(k: float, n: int) -> float:
    return 100.0 * k / n if n else 0.0


def row_label(value: Any) -> Any:
    """A row's index label as a plain Python value."""
    return value.item() if isinstance(value, np.generic) else value
