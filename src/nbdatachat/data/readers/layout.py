"""Sniffing a text table's layout: the delimiter and the title lines above the header."""

from __future__ import annotations

import csv
import io
from collections import Counter

_DELIMITERS = (",", ";", "\t", "|")


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
