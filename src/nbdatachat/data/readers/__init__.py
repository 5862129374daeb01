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

from .clean import clean_frame
from .csv_files import read_csv_bytes, read_csv_text
from .encoding import decode_bytes, detect_encoding
from .files import COMPRESSED_SUFFIXES, TABULAR_SUFFIXES, read_table_file, table_suffix
from .layout import sniff_layout
from .values import coerce_datetime, coerce_numeric, is_numeric_like

__all__ = ["COMPRESSED_SUFFIXES", "TABULAR_SUFFIXES", "clean_frame", "coerce_datetime",
           "coerce_numeric", "decode_bytes", "detect_encoding", "is_numeric_like", "read_csv_bytes",
           "read_csv_text",
           "read_table_file", "sniff_layout", "table_suffix"]
