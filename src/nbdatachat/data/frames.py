"""Frames DuckDB can scan: unique text column names, mixed-type text columns as text.

Used by the question engine's registration and by the schema profile, so both see the same
columns. The user's frame is never changed: fixes are made on a shallow copy.
"""

from __future__ import annotations

import pandas as pd


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        base = n or "column"
        key = base.lower()
        if key in seen:
            seen[key] += 1
            cand = f"{base}_{seen[key]}"
            while cand.lower() in seen:
                seen[key] += 1
                cand = f"{base}_{seen[key]}"
            seen[cand.lower()] = 0
            out.append(cand)
        else:
            seen[key] = 0
            out.append(base)
    return out


def engine_frame(df: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """The frame DuckDB will scan: the same object when it is clean; a fixed *copy* when
    column names are not unique strings or a text column mixes types (the user's frame is
    never changed)."""
    labels = list(df.columns)
    names = [str(c).strip() if c is not None else "" for c in labels]
    fixed = _dedupe(names)
    rename_needed = fixed != labels or any(not isinstance(c, str) for c in labels)
    mixed = []
    for i, (label, dtype) in enumerate(zip(labels, df.dtypes)):
        if dtype == object:
            kind = pd.api.types.infer_dtype(df.iloc[:, i], skipna=True)
            if kind not in ("string", "empty", "floating", "integer", "boolean", "datetime",
                            "date", "decimal", "datetime64"):
                mixed.append(i)
        elif isinstance(dtype, pd.PeriodDtype) or isinstance(dtype, pd.IntervalDtype):
            mixed.append(i)
    if not rename_needed and not mixed:
        return df, {}
    out = df.copy(deep=False)
    out.columns = fixed
    for i in mixed:
        col = out.iloc[:, i]
        out[fixed[i]] = col.map(lambda v: None if v is None or (isinstance(v, float) and v != v)
                                else str(v)).astype("string")
    return out, {str(a): b for a, b in zip(names, fixed) if str(a) != b}


__all__ = ["engine_frame"]
