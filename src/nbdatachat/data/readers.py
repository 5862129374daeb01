"""Reading real-world tabular files: encodings, separators, currency, dates.

People's CSV exports are messy: Excel writes cp1252 with a BOM, finance tools write
``"$1,234.50"``, US dates look like ``12/30/17``. ``read_table_file`` reads such files into a
clean DataFrame (numeric columns numeric, date columns datetime) and raises a
:class:`~nbdatachat.errors.DataLoadError` naming the file, line and column when it cannot.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataLoadError

TABULAR_SUFFIXES = {".csv", ".tsv", ".txt", ".parquet", ".pq", ".json", ".jsonl", ".ndjson"}

_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
_CURRENCY = "$€£¥₹"
_NUMERIC_RE = re.compile(
    r"^\s*(?P<neg1>\()?\s*(?P<sign>[-+])?\s*[" + _CURRENCY + r"]?\s*(?P<sign2>[-+])?\s*"
    r"(?P<num>(\d{1,3}(,\d{3})+|\d+)(\.\d*)?|\.\d+)\s*(?P<pct>%)?\s*(?P<neg2>\))?\s*$"
)
_DATE_HINT_RE = re.compile(
    r"^\s*(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?"
    r"|\d{1,2} [A-Za-z]{3,9} \d{2,4}|[A-Za-z]{3,9} \d{1,2},? \d{2,4})\s*$"
)


def _decode(raw: bytes, path: Path) -> str:
    for enc in _ENCODINGS:
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise DataLoadError(  # latin-1 decodes anything, so this is unreachable in practice
        f"Cannot decode {path.name}: it is not UTF-8, cp1252 or latin-1 text.",
        details={"file": str(path)},
    )


def _sniff_delimiter(sample: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def coerce_numeric(series: pd.Series, *, min_share: float = 0.95) -> pd.Series | None:
    """Parse a text column of numbers written for humans (``$1,234``, ``(12)``, ``45%``).

    Returns the numeric series, or None when fewer than ``min_share`` of the non-empty
    values look like numbers (then the column is genuinely text).
    """
    values = series.dropna().astype(str).str.strip()
    values = values[values != ""]
    if values.empty:
        return None
    matches = values.str.match(_NUMERIC_RE)
    if matches.mean() < min_share:
        return None
    # Only treat as "human numbers" if something needs cleaning or it is plain numeric text.
    text = series.astype("string").str.strip()
    cleaned = (
        text.str.replace(r"[" + _CURRENCY + r",%\s]", "", regex=True)
        .str.replace(r"^\((.*)\)$", r"-\1", regex=True)
    )
    out = pd.to_numeric(cleaned, errors="coerce")
    if values.str.endswith("%").mean() > 0.9:
        out = out / 100.0
    return out.astype("float64") if out.isna().any() else out


def coerce_datetime(series: pd.Series, name: str = "", *, min_share: float = 0.95) -> pd.Series | None:
    """Parse a text column of dates (``2017-12-30``, ``12/30/17``, ``30.12.2017``), else None."""
    values = series.dropna().astype(str).str.strip()
    values = values[values != ""]
    if values.empty or values.str.match(_DATE_HINT_RE).mean() < min_share:
        return None
    sample = values.iloc[:500]
    best: tuple[float, dict] | None = None
    # Try explicit orders; ISO first, then US month-first (the common export), then day-first.
    for kwargs in ({"format": "ISO8601"}, {"format": "%m/%d/%y"}, {"format": "%m/%d/%Y"},
                   {"format": "%d/%m/%Y"}, {"format": "%d.%m.%Y"}, {"format": "%d/%m/%y"},
                   {"format": "mixed"}, {"format": "mixed", "dayfirst": True}):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                parsed = pd.to_datetime(sample, errors="coerce", **kwargs)
            except (ValueError, TypeError):
                continue
        share = float(parsed.notna().mean())
        if best is None or share > best[0]:
            best = (share, kwargs)
        if share == 1.0:
            break
    if best is None or best[0] < min_share:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pd.to_datetime(series.astype("string").str.strip(), errors="coerce", **best[1])


def clean_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Give text columns that hold numbers or dates their real type; strip header whitespace."""
    df = df.rename(columns=lambda c: str(c).strip() if isinstance(c, str) else c)
    for col in df.columns:
        s = df[col]
        if not (pd.api.types.is_object_dtype(s) or pd.api.types.is_string_dtype(s)):
            continue
        num = coerce_numeric(s)
        if num is not None:
            df[col] = num
            continue
        dt = coerce_datetime(s, str(col))
        if dt is not None:
            df[col] = dt
    return df


def _parse_error_location(message: str) -> dict:
    loc: dict = {}
    m = re.search(r"line (\d+)", message)
    if m:
        loc["line"] = int(m.group(1))
    m = re.search(r"Expected (\d+) fields.*saw (\d+)", message)
    if m:
        loc["expected_fields"], loc["found_fields"] = int(m.group(1)), int(m.group(2))
    return loc


def read_csv_text(text: str, *, source: str = "<text>", delimiter: str | None = None) -> pd.DataFrame:
    """Parse CSV text robustly; errors name the source and line."""
    sep = delimiter or _sniff_delimiter(text[:20000], Path(source).suffix.lower())
    try:
        df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=True,
                         skipinitialspace=True, engine="c")
    except pd.errors.EmptyDataError:
        raise DataLoadError(f"{source} is empty: there is no header row and no data.",
                            details={"file": source}) from None
    except pd.errors.ParserError as exc:
        loc = _parse_error_location(str(exc))
        where = f" at line {loc['line']}" if "line" in loc else ""
        extra = (f": expected {loc['expected_fields']} fields, found {loc['found_fields']}"
                 if "expected_fields" in loc else "")
        raise DataLoadError(
            f"Cannot parse {source}{where}{extra}. Check for an unquoted separator or a "
            f"stray quote on that line.",
            details={"file": source, **loc},
        ) from None
    if df.columns.duplicated().any():
        df.columns = _dedupe([str(c) for c in df.columns])
    return clean_frame(df)


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        if n in seen:
            seen[n] += 1
            out.append(f"{n}_{seen[n]}")
        else:
            seen[n] = 0
            out.append(n)
    return out


def read_table_file(path: str | Path) -> pd.DataFrame:
    """Read a CSV/TSV/Parquet/JSON file into a cleaned DataFrame."""
    p = Path(path).expanduser()
    if not p.exists():
        raise DataLoadError(f"File not found: {p}. Check the path (relative paths are "
                            f"resolved from {Path.cwd()}).", details={"file": str(p)})
    suffix = p.suffix.lower()
    try:
        if suffix in (".parquet", ".pq"):
            return pd.read_parquet(p)
        if suffix in (".json", ".jsonl", ".ndjson"):
            return clean_frame(pd.read_json(p, lines=suffix != ".json"))
    except Exception as exc:  # pyarrow/json errors have many types
        raise DataLoadError(f"Cannot read {p.name}: {exc}", details={"file": str(p)}) from None
    raw = p.read_bytes()
    if b"\x00" in raw[:4096]:
        raise DataLoadError(f"{p.name} looks binary, not a text table. Pass a CSV, TSV, "
                            f"Parquet or JSON file.", details={"file": str(p)})
    return read_csv_text(_decode(raw, p), source=str(p))


def is_numeric_like(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


__all__ = ["read_table_file", "read_csv_text", "clean_frame", "coerce_numeric",
           "coerce_datetime", "is_numeric_like", "np"]
