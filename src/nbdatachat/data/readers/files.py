"""Reading a table file from disk by its suffix (CSV/TSV, Parquet, JSON, optionally .gz)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd

from ...errors import DataLoadError
from .clean import clean_frame
from .csv_files import read_csv_bytes
from .encoding import detect_encoding

TABULAR_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ".parquet", ".pq", ".json", ".jsonl",
                    ".ndjson"}
COMPRESSED_SUFFIXES = {".gz"}


def table_suffix(path: str | Path) -> str:
    """The tabular suffix of ``path``, looking through ``.gz`` (``sales.csv.gz`` -> ``.csv``)."""
    p = Path(path)
    suffixes = [s.lower() for s in p.suffixes]
    if suffixes and suffixes[-1] in COMPRESSED_SUFFIXES:
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def read_table_file(path: str | Path) -> pd.DataFrame:
    """Read a CSV/TSV/Parquet/JSON file (optionally ``.gz``) into a cleaned DataFrame."""
    p = Path(path).expanduser()
    if not p.exists():
        raise DataLoadError(f"File not found: {p}. Check the path (relative paths are "
                            f"resolved from {Path.cwd()}).", details={"file": str(p)})
    if p.is_dir():
        raise DataLoadError(f"{p} is a directory; pass a file inside it.",
                            details={"file": str(p)})
    suffix = table_suffix(p)
    try:
        if suffix in (".parquet", ".pq"):
            return pd.read_parquet(p)
        if suffix in (".json", ".jsonl", ".ndjson"):
            frame = pd.read_json(p, lines=suffix != ".json", dtype=False)
            return clean_frame(frame, source=str(p))
        raw = p.read_bytes()
        if p.suffix.lower() == ".gz":
            raw = gzip.decompress(raw)
    except DataLoadError:
        raise
    except Exception as exc:  # pyarrow / json / gzip errors have many types
        raise DataLoadError(f"Cannot read {p.name} as {suffix.lstrip('.') or 'a table'}: "
                            f"{exc}", details={"file": str(p)}) from None
    return read_csv_bytes(raw, detect_encoding(raw, str(p)), source=str(p))
