"""Reading real-world tabular files: encodings, separators, currency, dates.

People's CSV exports are messy: Excel writes cp1252 (or UTF-8 with a BOM), finance tools
write ``"$1,234.50"`` and ``(12.30)``, US dates look like ``12/30/17``, European exports use
``;`` and ``1.234,50 €``. :func:`read_table_file` reads such files into a clean DataFrame and
raises a :class:`~nbdatachat.errors.DataLoadError` naming the file, line and column when it
cannot.

What is understood (and what is deliberately *not* guessed):

* Encodings: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel "Unicode text"), else
  cp1252, else latin-1 (which decodes any byte).
* Separators ``,`` ``;`` tab ``|``, chosen by which one splits the first records into a
  consistent number of fields; quoted fields may hold separators, quotes and newlines.
  Title lines above the header (fewer fields than the table) are skipped.
* Numbers written for humans: thousands separators, currency symbols or codes before or
  after (``$ € £ ¥ ₹``, ``USD`` ...), negatives as ``-12``, ``−12`` or ``(12)``, percentages
  (``12.5%`` becomes ``0.125`` when the column is a percentage column). Decimal commas
  (``1.234,50``, ``1 234,50``, ``12,5``) are read when the *whole column* is written that
  way; ``1,234`` alone is ambiguous and read as one thousand two hundred and thirty-four,
  except in ``;``-separated files (the European Excel convention) where it is ``1.234``.
* Missing values: empty, ``NA``, ``N/A``, ``null``, ``None``, ``NaN``, ``#N/A`` everywhere;
  ``-``, ``--``, ``?``, ``.`` and Excel errors (``#DIV/0!``) in numeric and date columns.
* Text that only looks numeric stays text: codes with leading zeros (zip codes ``02134``)
  and identifiers longer than 15 digits, which a float cannot hold exactly.
* Dates: ISO ``2017-12-30`` (with optional time), US ``12/30/17`` / ``12/30/2017``, day-first
  ``30/12/2017`` or ``30.12.2017`` when the column proves it (a day above 12), ``30-Dec-17``,
  ``Dec 30, 2017``. A column of plain years (``2017``) stays an integer column.
* ``true``/``false`` columns become booleans; empty trailing columns and blank rows vanish.

Values that do not fit an otherwise numeric or date column become missing, and the frame's
``attrs["load_warnings"]`` says which column, how many values and on which line.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import re
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import DataLoadError

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

TABULAR_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ".parquet", ".pq", ".json", ".jsonl",
                    ".ndjson"}
COMPRESSED_SUFFIXES = {".gz"}

# Share of non-missing values that must fit before a text column is given a numeric or
# date type; the rest become missing and are reported in ``attrs["load_warnings"]``.
MIN_SHARE = 0.95
MAX_REPORTED = 5  # example bad values (with their line) quoted per column

_DELIMITERS = (",", ";", "\t", "|")
_NA_VALUES = ["", "NA", "N/A", "n/a", "na", "NaN", "nan", "null", "NULL", "Null", "None",
              "none", "#N/A", "#NA", "<NA>", "NaT"]
# Extra missing-value markers only where a number or a date is expected.
_SOFT_NA = {*_NA_VALUES, "-", "--", "---", "\u2013", "\u2014", "?", ".", "#DIV/0!", "#VALUE!",
            "#REF!",
            "#NUM!", "#NAME?", "#NULL!", "n.a.", "N.A.", "nd", "n/d"}

_CUR = r"(?:[$€£¥₹]|US\$|USD|EUR|GBP|JPY|CHF|CAD|AUD|INR)"
# Written without \\u escapes: it also runs in Arrow's RE2 engine.
_CUR_STRIP_RE = re.compile("US\\$|USD|EUR|GBP|JPY|CHF|CAD|AUD|INR|[$€£¥₹%\\s\u00a0\u202f]")
_EXP = r"(?:[eE][-+]?\d+)?"
_SIGN = r"[-+\u2212]"
_US_NUM = r"(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)" + _EXP
_EU_NUM = r"(?:(?:\d{1,3}(?:[.\u00a0\u202f ]\d{3})+|\d+)(?:,\d*)?|,\d+)" + _EXP


def _number_re(body: str) -> re.Pattern[str]:
    return re.compile(
        r"^\s*(?P<open>\()?\s*" + _SIGN + r"?\s*" + _CUR + r"?\s*" + _SIGN + r"?\s*"
        r"(?P<num>" + body + r")\s*" + _CUR + r"?\s*(?P<pct>%)?\s*(?P<close>\))?\s*$"
    )


_US_RE = _number_re(_US_NUM)
_EU_RE = _number_re(_EU_NUM)
# Text a float must not swallow: codes with leading zeros, identifiers longer than 15 digits.
_CODE_RE = re.compile(r"^\s*(0\d+|\d{16,})\s*$")
# A value in which the comma can only be a decimal comma (not a group of three digits).
_EU_ONLY_RE = re.compile(r"\d,(?!\d{3}(?:\D|$))|\d\.\d{3},")
_DATE_HINT_RE = re.compile(
    r"^\s*(?:\d{4}-\d{1,2}-\d{1,2}"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,4}[/.]\d{1,2}[/.]\d{1,4}(?: \d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?)?"
    r"|\d{1,2}-\d{1,2}-\d{2,4}"
    r"|\d{1,2}[- ][A-Za-z]{3,9}[- ,]+\d{2,4}"
    r"|[A-Za-z]{3,9}\.? \d{1,2},? \d{2,4})\s*$"
)
# Explicit formats tried in order (ISO, then the US export style, then day-first);
# "mixed" is the last resort for anything else that looked like a date.
_DATE_FORMATS: tuple[dict, ...] = (
    {"format": "ISO8601"}, {"format": "%m/%d/%y"}, {"format": "%m/%d/%Y"},
    {"format": "%d/%m/%Y"}, {"format": "%d/%m/%y"}, {"format": "%d.%m.%Y"},
    {"format": "%d.%m.%y"}, {"format": "%Y/%m/%d"}, {"format": "%m-%d-%Y"},
    {"format": "%d-%m-%Y"}, {"format": "%d-%b-%y"}, {"format": "%d-%b-%Y"},
    {"format": "%d %b %Y"}, {"format": "%b %d, %Y"}, {"format": "%B %d, %Y"},
    {"format": "mixed"}, {"format": "mixed", "dayfirst": True},
)


# --------------------------------------------------------------------------- decoding


def detect_encoding(raw: bytes, source: str = "<bytes>") -> str:
    """The encoding of a file nobody told us about: a BOM first, then whichever of UTF-8,
    cp1252 decodes every byte, else latin-1 (which decodes anything).

    Validation runs in 1 MB chunks so that no full copy of a large file is made."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            _validate(raw, "utf-16")
        except UnicodeDecodeError as exc:
            raise DataLoadError(f"Cannot decode {Path(source).name}: it starts with a UTF-16 "
                                f"byte-order mark but is not valid UTF-16 ({exc.reason}). "
                                f"Re-export it as UTF-8 CSV.", details={"file": source}) from None
        return "utf-16"
    if b"\x00" in raw[:4096]:
        raise DataLoadError(f"{Path(source).name} looks binary, not a text table. Pass a CSV, "
                            f"TSV, Parquet or JSON file (Excel files: save as CSV first).",
                            details={"file": source})
    for enc in ("utf-8-sig", "cp1252"):
        try:
            _validate(raw, enc)
            return enc
        except UnicodeDecodeError:
            continue
    return "latin-1"


def _validate(raw: bytes, encoding: str, chunk: int = 1 << 20) -> None:
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(raw)
    for start in range(0, len(raw), chunk):
        decoder.decode(view[start:start + chunk], final=start + chunk >= len(raw))
    if not raw:
        decoder.decode(b"", final=True)


def decode_bytes(raw: bytes, source: str = "<bytes>") -> str:
    """Text of a file whose encoding nobody told us (see :func:`detect_encoding`)."""
    return raw.decode(detect_encoding(raw, source))


# --------------------------------------------------------------------------- layout sniffing


def _records(text: str, delimiter: str, limit: int) -> list[tuple[int, int]]:
    """(start line, field count) of the first ``limit`` records, quotes respected."""
    out: list[tuple[int, int]] = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    start = 1
    try:
        for row in reader:
            if row and any(cell.strip() for cell in row):
                out.append((start, len(row)))
            start = reader.line_num + 1
            if len(out) >= limit:
                break
    except csv.Error:
        pass
    return out


def sniff_layout(text: str, suffix: str = "", *, complete: bool | None = None
                 ) -> tuple[str, int]:
    """The delimiter and the number of title lines above the header.

    The delimiter is the candidate that splits the first records into the most fields,
    consistently (the modal count). Records before the first one with that count (report
    titles, export dates) are skipped, provided they have fewer fields.
    """
    sample = text[:65536]
    cut = len(text) > len(sample) if complete is None else not complete
    if "\n" in sample[:-1] and cut:
        sample = sample[: sample.rfind("\n")]  # do not judge a record cut in half
    candidates = ("\t",) if suffix == ".tsv" else _DELIMITERS
    best: tuple[float, str, int] | None = None
    for delim in candidates:
        recs = _records(sample, delim, 50)
        if not recs:
            continue
        counts = Counter(n for _, n in recs)
        modal, hits = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if modal < 2 and best is not None:
            continue
        first = next(i for i, (_, n) in enumerate(recs) if n == modal)
        skip = recs[first][0] - 1 if all(n < modal for _, n in recs[:first]) else 0
        score = (hits / len(recs)) * 1000 + modal
        if best is None or score > best[0]:
            best = (score, delim, skip)
    if best is None:
        return ("\t" if suffix == ".tsv" else ",", 0)
    return best[1], best[2]


def _line_of_record(text: str, delimiter: str, record: int) -> int | None:
    """Physical line on which the 1-based ``record`` (header = 1) starts."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    start, n = 1, 0
    try:
        for row in reader:
            if row:
                n += 1
                if n == record:
                    return start
            start = reader.line_num + 1
    except csv.Error:
        return None
    return None


# --------------------------------------------------------------------------- type inference


SAMPLE_UNIQUE = 5_000  # distinct values inspected with Python regexes per column
_PLAIN_NUMBER = r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$"


def _arrow_text(series: pd.Series) -> pa.Array:
    """The column as trimmed Arrow strings with every missing-value marker as null.

    Arrow compute keeps the per-value work (trim, regex, cast) in C++, which is what makes
    a million-row column take a fraction of a second instead of many seconds.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(series.astype("string[pyarrow]"))
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    arr = pc.utf8_trim_whitespace(arr)
    missing = pc.or_(pc.equal(arr, ""), pc.is_in(arr, value_set=pa.array(sorted(_SOFT_NA))))
    return pc.if_else(missing, pa.scalar(None, arr.type), arr)


def _text_values(series: pd.Series) -> pd.Series:
    """:func:`_arrow_text` as a pandas Series aligned with ``series``."""
    return pd.Series(_arrow_text(series).to_pandas(types_mapper=pd.ArrowDtype),
                     index=series.index)


def _sample_unique(arr: pa.Array) -> pd.Series:
    import pyarrow.compute as pc

    head = arr.slice(0, SAMPLE_UNIQUE * 5)
    uniq = pc.unique(head).drop_null().slice(0, SAMPLE_UNIQUE)
    return pd.Series(uniq.to_pylist(), dtype=object)


def _parse_numbers(arr: pa.Array, decimal_comma: bool) -> np.ndarray:
    """float64 values of human-written number strings (NaN where not a number)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pc.replace_substring(arr, "\u2212", "-")
    text = pc.replace_substring_regex(text, _CUR_STRIP_RE.pattern, "")
    if decimal_comma:
        text = pc.replace_substring(pc.replace_substring(text, ".", ""), ",", ".")
    else:
        text = pc.replace_substring(text, ",", "")
    neg = pc.and_(pc.starts_with(text, "("), pc.ends_with(text, ")"))
    text = pc.utf8_trim(text, "()")
    valid = pc.match_substring_regex(text, _PLAIN_NUMBER)
    values = pc.cast(pc.if_else(valid, text, pa.scalar(None, text.type)), pa.float64())
    values = pc.if_else(neg, pc.negate(pc.abs(values)), values)
    return values.to_numpy(zero_copy_only=False)


def coerce_numeric(series: pd.Series, *, min_share: float = MIN_SHARE,
                   decimal_comma: bool | None = None) -> pd.Series | None:
    """Parse a text column of numbers written for humans (``$1,234``, ``(12)``, ``45%``).

    Returns the numeric series (int64 when every value is a whole number and none is
    missing, else float64), or None when the column is genuinely text: fewer than
    ``min_share`` of its values read as numbers, or it holds codes with leading zeros.
    ``decimal_comma`` settles values such as ``1,234`` that fit both conventions (None or
    False: decimal point unless the column proves otherwise). The convention is decided on
    up to 5,000 distinct values, then the whole column is parsed in vectorized passes.
    """
    import pyarrow.compute as pc

    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return series
    if pd.api.types.is_bool_dtype(series) or pd.api.types.is_datetime64_any_dtype(series):
        return None
    arr = _arrow_text(series)
    n_present = len(arr) - arr.null_count
    if n_present == 0:
        return None
    if pc.any(pc.match_substring_regex(arr, _CODE_RE.pattern)).as_py():
        return None  # zip codes, account numbers: text that must keep its digits
    cand = _sample_unique(arr).astype(str)
    us_share = float(cand.str.match(_US_RE).mean())
    eu_share = float(cand.str.match(_EU_RE).mean())
    if max(us_share, eu_share) < min_share:
        return None
    use_comma = eu_share >= min_share and (
        us_share < min_share or bool(cand.str.contains(_EU_ONLY_RE).any())
        or (bool(decimal_comma) and us_share <= eu_share))
    values = _parse_numbers(arr, use_comma)
    finite = np.isfinite(values)
    if int(finite.sum()) < min_share * n_present:
        return None
    if cand.str.endswith("%").mean() > 0.9:
        values = values / 100.0
    if finite.all() and (values % 1 == 0).all() and np.abs(values).max() < 2 ** 53:
        return pd.Series(values.astype("int64"), index=series.index, name=series.name)
    return pd.Series(values, index=series.index, name=series.name)


def coerce_datetime(series: pd.Series, name: str = "", *, min_share: float = MIN_SHARE
                    ) -> pd.Series | None:
    """Parse a text column of dates (``2017-12-30``, ``12/30/17``, ``30.12.2017``), else None.

    The format is chosen on a sample (the first that reads every sampled value, else the one
    reading most) and then applied to the whole column, so ``01/02/2017`` is read the same
    way in every row.
    """
    if pd.api.types.is_datetime64_any_dtype(series):
        return series
    if not _is_text(series):
        return None
    arr = _arrow_text(series)
    if arr.null_count == len(arr):
        return None
    uniq = _sample_unique(arr).astype(str)
    if uniq.str.match(_DATE_HINT_RE).mean() < min_share:
        return None
    sample = uniq.iloc[:1000]
    best: tuple[float, dict] | None = None
    for kwargs in _DATE_FORMATS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                parsed = pd.to_datetime(sample, errors="coerce", **kwargs)
            except (ValueError, TypeError, OverflowError):
                continue
        share = float(parsed.notna().mean())
        if best is None or share > best[0]:
            best = (share, kwargs)
        if share == 1.0:
            break
    if best is None or best[0] < min_share:
        return None
    # Dates repeat (many rows per day): parse each distinct text once, then spread.
    codes, distinct = pd.factorize(arr.to_numpy(zero_copy_only=False), use_na_sentinel=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = pd.DatetimeIndex(pd.to_datetime(distinct, errors="coerce", **best[1]))
    values = parsed.take(codes, allow_fill=True, fill_value=pd.NaT)
    return pd.Series(values, index=series.index, name=series.name)


def _coerce_bool(series: pd.Series) -> pd.Series | None:
    text = _text_values(series).str.lower()
    present = text.dropna()
    if present.empty or not present.isin(("true", "false")).all():
        return None
    flags = text.eq("true")
    return flags.astype(bool) if len(present) == len(text) else flags.astype("boolean")


def _is_text(series: pd.Series) -> bool:
    return pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)


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


# --------------------------------------------------------------------------- CSV


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


# --------------------------------------------------------------------------- files


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


def is_numeric_like(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


__all__ = ["COMPRESSED_SUFFIXES", "TABULAR_SUFFIXES", "clean_frame", "coerce_datetime",
           "coerce_numeric", "decode_bytes", "detect_encoding", "is_numeric_like", "read_csv_bytes",
           "read_csv_text",
           "read_table_file", "sniff_layout", "table_suffix"]
