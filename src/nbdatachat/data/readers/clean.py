"""Cleaning a freshly read frame: headers, blank rows and columns, typed columns."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .values import (MAX_REPORTED, _coerce_bool, _is_text, _text_values, coerce_datetime,
                     coerce_numeric)


def clean_frame(df: pd.DataFrame, *, decimal_comma: bool | None = None,
                lines: pd.Series | None = None, source: str | None = None,
                drop_blank_rows: bool = True) -> pd.DataFrame:
    """Give text columns that hold numbers, dates or booleans their real type.

    Also tidies headers (whitespace collapsed, empty names filled), drops unnamed columns
    that are entirely empty and (for files, ``drop_blank_rows``) rows that are. Values lost in a conversion are reported in
    ``attrs["load_warnings"]`` with the ``lines`` they came from when known.
    """
    df = df.rename(columns=_clean_header)
    empty_cols = [c for c in df.columns
                  if str(c).startswith("Unnamed: ") and df[c].isna().all()]
    if empty_cols:
        df = df.drop(columns=empty_cols)
    if drop_blank_rows and len(df.columns):
        blank = df.isna().all(axis=1)
        if blank.any():
            df = df.loc[~blank]
            lines = lines.loc[~blank] if lines is not None else None
    df = _fill_blank_headers(df)
    load_warnings: list[str] = list(df.attrs.get("load_warnings", []))
    converted: dict[str, pd.Series] = {}
    for col in df.columns:
        s = df[col]
        if isinstance(s, pd.DataFrame) or not _is_text(s):
            continue
        new = coerce_numeric(s, decimal_comma=decimal_comma)
        what = "a number"
        if new is None:
            new, what = coerce_datetime(s, str(col)), "a date"
        if new is None:
            new = _coerce_bool(s)
        if new is None:
            continue
        lost = (new.isna() & _text_values(s).notna()).to_numpy(dtype=bool)
        if lost.any():
            load_warnings.append(_lost_values_message(col, s[lost], what, lines, source))
        converted[col] = new
    for col, values in converted.items():
        df[col] = values
    df = df.reset_index(drop=True)
    if load_warnings:
        df.attrs["load_warnings"] = load_warnings
    return df


def _clean_header(name: object) -> object:
    if not isinstance(name, str):
        return name
    return re.sub(r"\s+", " ", name.replace("\ufeff", "")).strip()


def _fill_blank_headers(df: pd.DataFrame) -> pd.DataFrame:
    names = [str(c) for c in df.columns]
    if not any(n == "" or n.startswith("Unnamed: ") for n in names):
        return df
    fixed = [f"column_{i + 1}" if (n == "" or n.startswith("Unnamed: ")) else n
             for i, n in enumerate(names)]
    return df.set_axis(fixed, axis=1)


def _lost_values_message(col: object, bad: pd.Series, what: str,
                         lines: pd.Series | None, source: str | None) -> str:
    examples = []
    for idx, value in list(bad.items())[:MAX_REPORTED]:
        where = f" (line {int(lines.loc[idx])})" if lines is not None and idx in lines.index else ""
        examples.append(f"{str(value)!r}{where}")
    more = f" and {len(bad) - MAX_REPORTED} more" if len(bad) > MAX_REPORTED else ""
    origin = f"{Path(source).name}: " if source else ""
    return (f"{origin}column {str(col)!r}: {len(bad)} value(s) could not be read as {what} "
            f"and are treated as missing: {', '.join(examples)}{more}.")
