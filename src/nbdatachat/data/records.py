"""The seeds' JSON ``dataset`` (a list of records) as a DataFrame, fast when it is clean.

Most requests to ``/tools/run`` send a few rows of plain numbers with tidy keys. For those,
pandas' general path (``from_records`` infers every column's type, then
:func:`~nbdatachat.data.readers.clean_frame` tidies headers and types text columns) costs
about ten times the analysis itself. :func:`numeric_records_frame` recognises that case
with one cheap pass (same keys in the same order, tidy string keys, every value an ``int``
or a ``float``) and builds the frame from NumPy columns directly: ``int64`` where a
column holds only integers, ``float64`` otherwise, exactly the frame the general path
gives. Anything else (missing keys, ``None``, text, booleans, integers beyond 64 bits,
untidy headers) returns None and takes the general path, which handles it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

_INT64_MIN, _INT64_MAX = -(2 ** 63), 2 ** 63 - 1
_INT, _FLOAT = frozenset((int,)), frozenset((float,))
_NUMBER = frozenset((int, float))


def _tidy_key(key: Any) -> bool:
    """A key ``clean_frame`` would keep as it is (and not drop or rename)."""
    return (type(key) is str and key != "" and key.strip() == key
            and " ".join(key.split()) == key and "\ufeff" not in key
            and not key.startswith("Unnamed: "))


def numeric_records_frame(records: Sequence[Any]) -> pd.DataFrame | None:
    """The frame of all-number ``records`` with the same keys, or None (general path)."""
    if not records or type(records[0]) is not dict:
        return None
    first = records[0].keys()
    keys = list(first)
    if not keys or not all(_tidy_key(k) for k in keys):
        return None
    # The same keys in every record (in any order: pandas orders columns by first appearance,
    # which is then the first record's order).
    if not all(type(r) is dict and r.keys() == first for r in records):
        return None
    columns: dict[str, np.ndarray] = {}
    for k in keys:
        values = [r[k] for r in records]
        kinds = set(map(type, values))
        if kinds == _INT:
            if min(values) < _INT64_MIN or max(values) > _INT64_MAX:
                return None
            columns[k] = np.array(values, dtype=np.int64)
        elif kinds == _FLOAT or kinds == _NUMBER:
            columns[k] = np.array(values, dtype=np.float64)
        else:
            return None
    return pd.DataFrame(columns, copy=False)


__all__ = ["numeric_records_frame"]
