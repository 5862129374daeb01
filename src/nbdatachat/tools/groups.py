"""Categorical columns as integer codes, and a numeric column split by one of them.

Shared by the hypothesis tools (t_test, anova, chi_square). Levels are matched by their
label, so ``1``, ``1.0`` and ``"1"`` are one group, and ordered naturally (numbers
numerically, text alphabetically, like R's factors). Splitting is one stable sort, so a
million rows in a thousand groups cost the same as in two.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataError, InvalidRequest
from .moments import Shifted, shifted_columns
from .prepare import require_columns

GroupLevel = str | int | float | bool
MAX_CATEGORIES = 50  # beyond this a "category" column is almost surely numeric or an ID


def level_label(v: Any) -> str:
    """How a group value is shown and matched: 1.0 -> '1', True -> 'True', 'a' -> 'a'."""
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return str(v)


@dataclass(frozen=True)
class Labels:
    """A categorical column as integer codes into ``levels`` (-1 where missing)."""

    codes: np.ndarray
    levels: list[str]

    def subset(self, wanted: list[str]) -> Labels:
        """Keep only ``wanted`` levels, in that order; other rows become -1."""
        remap = np.full(len(self.levels) + 1, -1, dtype=np.int64)
        for i, lev in enumerate(wanted):
            remap[self.levels.index(lev)] = i
        return Labels(remap[self.codes], list(wanted))


def group_labels(frame: pd.DataFrame, col: str, role: str) -> Labels:
    """Codes and levels in natural order (numeric order for numbers, else alphabetical).

    Values are matched by their label, so 1, 1.0 and "1" are one level."""
    require_columns(frame, [col], role)
    s = frame[col]
    if isinstance(s, pd.DataFrame):
        raise DataError(f"Column name {col!r} appears more than once in the data; rename the "
                        f"duplicates so each column has a unique name.", details={"column": col})
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    uniques = list(uniques)
    numeric = pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)
    order = sorted(range(len(uniques)), key=(lambda i: float(uniques[i])) if numeric
                   else (lambda i: level_label(uniques[i])))
    levels: list[str] = []
    remap = np.full(len(uniques) + 1, -1, dtype=np.int64)  # last slot: code -1 stays -1
    for i in order:
        label = level_label(uniques[i])
        if label not in levels:
            levels.append(label)
        remap[i] = levels.index(label)
    return Labels(remap[codes], levels)


def split_codes(values: np.ndarray, codes: np.ndarray, k: int) -> list[np.ndarray]:
    """``values`` per code 0..k-1 in one stable sort (rows with code -1 are left out)."""
    keep = codes >= 0
    v, c = values[keep], codes[keep]
    order = np.argsort(c, kind="stable")
    counts = np.bincount(c, minlength=k)
    return np.split(v[order], np.cumsum(counts)[:-1])


def repeat_labels(names: list[str], counts) -> pd.Categorical:
    """Group names for per-row chart data, as a cheap categorical."""
    codes = np.repeat(np.arange(len(names)), np.asarray(counts, dtype=np.int64))
    return pd.Categorical.from_codes(codes, categories=list(dict.fromkeys(names)))


def dropped_warning(n_bad: int, n_total: int, columns: list[str]) -> str:
    names = " or ".join(repr(c) for c in columns)
    return (f"Dropped {n_bad} of {n_total} rows with missing or non-numeric values in "
            f"{names}.")


@dataclass
class Groups:
    """A numeric column split by a grouping column, in shifted coordinates."""

    names: list[str]
    values: list[np.ndarray]
    shifted: Shifted
    n_used: int
    warnings: list[str] = field(default_factory=list)


def split_by_group(frame: pd.DataFrame, target: str, group: str,
                   pick: list[GroupLevel] | None) -> Groups:
    """``target`` per level of ``group`` (all levels, or those in ``pick`` in that order),
    dropping rows with a missing value in either column (counted in ``warnings``)."""
    if target == group:
        raise InvalidRequest(f"{target!r} is both the target and the group column; the group "
                             f"column must hold the categories to compare.",
                             details={"parameter": "group", "column": group})
    require_columns(frame, [target], "target")
    labels = group_labels(frame, group, "group")
    levels = labels.levels
    shifted = shifted_columns(frame, [target], "target")
    y = shifted.values[0]
    ok = np.isfinite(y) & (labels.codes >= 0)
    n_bad = int((~ok).sum())
    if n_bad == len(frame):
        raise DataError(f"No row has both a numeric {target!r} and a {group!r} value; nothing "
                        f"is left to compare. Check the columns for empty cells.",
                        details={"columns": [target, group], "rows": len(frame)})
    warnings = [dropped_warning(n_bad, len(frame), [target, group])] if n_bad else []
    if pick is not None:
        wanted = picked_levels(pick, group, levels)
        labels, levels = labels.subset(wanted), wanted
    codes = np.where(ok, labels.codes, -1)
    values = split_codes(y, codes, len(levels))
    # present levels only: a level whose rows all had a missing target is not a group
    present = [i for i, v in enumerate(values) if v.size or pick is not None]
    levels, values = [levels[i] for i in present], [values[i] for i in present]
    return Groups(levels, values, shifted, int(sum(v.size for v in values)), warnings)


def picked_levels(pick: list[Any], group: str, levels: list[str]) -> list[str]:
    """The ``groups`` a caller picked, as level labels, each once and each a level of
    ``group`` (``levels``); else the error that says which levels there are."""
    wanted = [level_label(p) for p in pick]
    if len(set(wanted)) != len(wanted):
        raise InvalidRequest(f"groups lists the same level twice ({wanted}); list distinct "
                             f"levels of {group!r}.", details={"parameter": "groups"})
    known = set(levels)
    missing = [w for w in wanted if w not in known]
    if missing:
        raise DataError(f"{group!r} has no level {missing[0]!r}. Its levels are: "
                        f"{', '.join(levels[:30])}.",
                        details={"parameter": "groups", "level": missing[0],
                                 "available": levels[:200]})
    return wanted
