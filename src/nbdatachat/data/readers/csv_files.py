"""Reading CSV text and bytes; parse errors name the file, line and column."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from ...errors import DataLoadError
from .clean import clean_frame
from .layout import _line_of_record, sniff_layout
from .values import _NA_VALUES


def read_csv_text(text: str, *, source: str = "<text>", delimiter: str | None = None
                  ) -> pd.DataFrame:
    """Parse CSV text robustly; errors name the source, line and column."""
    return read_csv_bytes(text.lstrip("\ufeff").encode("utf-8"), "utf-8", source=source,
                          delimiter=delimiter)


def read_csv_bytes(raw: bytes, encoding: str, *, source: str = "<bytes>",
                   delimiter: str | None = None) -> pd.DataFrame:
    """Parse CSV bytes in a known encoding (pandas decodes while parsing: no text copy)."""
    head = raw[:65536].decode(encoding, errors="ignore").lstrip("\ufeff")
    if not head.strip():
        raise DataLoadError(f"{Path(source).name} is empty: there is no header row and no data.",
                            details={"file": source})
    sep, skip = sniff_layout(head, Path(source).suffix.lower(), complete=len(raw) <= 65536)
    if delimiter:
        sep, skip = delimiter, 0

    def text() -> str:  # only for messages and multi-line records
        return raw.decode(encoding, errors="replace").lstrip("\ufeff")

    try:
        df = pd.read_csv(io.BytesIO(raw), encoding=encoding, sep=sep, dtype=str,
                         skiprows=skip, keep_default_na=False, na_values=_NA_VALUES,
                         skipinitialspace=True, engine="c")
    except pd.errors.EmptyDataError:
        raise DataLoadError(f"{Path(source).name} is empty: there is no header row and no data.",
                            details={"file": source}) from None
    except pd.errors.ParserError as exc:
        raise _parse_error(str(exc), text(), sep, skip, source) from None
    if encoding == "utf-16":
        n_lines, ends = text().count("\n"), text().endswith("\n")
    else:
        n_lines, ends = raw.count(b"\n"), raw.endswith(b"\n")
    n_lines += 0 if ends else 1
    lines = _record_lines(n_lines, text, sep, skip, len(df))
    return clean_frame(df, decimal_comma=(sep == ";"), lines=lines, source=source)


def _record_lines(n_lines: int, text: Callable[[], str], sep: str, skip: int, n_rows: int
                  ) -> pd.Series | None:
    """Line number of each data row (for messages); cheap when no field spans lines."""
    header_line = skip + 1
    if n_lines - header_line == n_rows:  # one line per row: no multi-line fields, no blanks
        return pd.Series(np.arange(header_line + 1, header_line + 1 + n_rows))
    if n_rows > 200_000:
        return None
    starts: list[int] = []
    reader = csv.reader(io.StringIO(text()), delimiter=sep)
    start = 1
    try:
        for row in reader:
            if start > header_line and row and any(c.strip() for c in row):
                starts.append(start)
            start = reader.line_num + 1
    except csv.Error:
        return None
    return pd.Series(starts[:n_rows]) if len(starts) >= n_rows else None


def _parse_error(message: str, text: str, sep: str, skip: int, source: str) -> DataLoadError:
    name = Path(source).name
    details: dict = {"file": source}
    m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if m:
        expected, record, found = (int(g) for g in m.groups())
        line = _line_of_record(text, sep, record + skip) or record + skip
        header = next(csv.reader(io.StringIO(text.split("\n", skip + 1)[-1] if skip else text),
                                 delimiter=sep), [])
        last = header[expected - 1].strip() if len(header) >= expected else None
        details.update(line=line, expected_fields=expected, found_fields=found,
                       column=last)
        after = f" (after the last column {last!r})" if last else ""
        return DataLoadError(
            f"Cannot parse {name} at line {line}: the header has {expected} fields but this "
            f"line has {found}{after}. A value probably contains an unquoted {_sep_name(sep)}: "
            f"quote that value or remove the extra separator.", details=details)
    m = re.search(r"EOF inside string starting at row (\d+)", message)
    if m:
        line = _line_of_record(text, sep, int(m.group(1)) + 1 + skip)
        details.update(line=line)
        where = f" at line {line}" if line else ""
        return DataLoadError(
            f"Cannot parse {name}: a quoted value opened{where} is never closed. Close the "
            f"quote (write a literal quote inside a value as \"\").", details=details)
    m = re.search(r"line (\d+)", message)
    if m:
        details["line"] = int(m.group(1)) + skip
    where = f" at line {details['line']}" if "line" in details else ""
    return DataLoadError(f"Cannot parse {name}{where}: {message.strip()}", details=details)


def _sep_name(sep: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}.get(sep, repr(sep))
