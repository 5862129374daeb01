"""Questions a newcomer can click, built from a table's schema.

Used by the ipywidgets ``ChatPanel`` and, through the kernel bridge, by the JupyterLab panel.
The roles come from column types and generic naming conventions, never from what a particular
dataset's columns mean: a year or an id is a label (so never "average year by continent"),
a text column with a few distinct values is a grouping, a numeric column a measure.
"""

from __future__ import annotations

from typing import Any

from ..textfmt import is_identifier_name, name_words

#: A grouping with more distinct values than this makes a long, unreadable chart.
MAX_GROUPS = 24


def column_roles(frame: Any) -> dict[str, list[str]]:
    """``{"measures", "groups", "times", "labels"}``: column names by the part they can play.

    Groups are ordered by how well they summarise (3-12 distinct values first), measures by
    column order with low-cardinality numbers (counts such as a party size) last.
    """
    import pandas as pd

    measures: list[tuple[int, str]] = []
    groups: list[tuple[int, str]] = []
    times: list[str] = []
    labels: list[str] = []
    n = max(len(frame), 1)
    for position, col in enumerate(frame.columns):
        s = frame[col]
        name = str(col)
        if pd.api.types.is_datetime64_any_dtype(s):
            times.append(name)
            continue
        distinct = int(s.nunique(dropna=True))
        numeric = pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)
        if numeric and is_identifier_name(name):
            if "year" in name_words(name) or "yr" in name_words(name):
                times.append(name)
            else:
                labels.append(name)
            continue
        if numeric and distinct > 2:
            measures.append((1 if distinct <= 10 else 0, name))
            continue
        if 2 <= distinct <= MAX_GROUPS and distinct < n:  # repeated values: a grouping
            fit = 0 if 3 <= distinct <= 12 else 1
            groups.append((fit * 100 + position, name))
        else:
            labels.append(name)
    return {"measures": [m for _, m in sorted(measures, key=lambda t: t[0])],
            "groups": [g for _, g in sorted(groups)],
            "times": times, "labels": labels}


def _spoken(name: str) -> str:
    return name.replace("_", " ") if name.replace("_", "").isalnum() else name


def starter_questions(frame: Any, limit: int = 4) -> list[str]:
    """Up to ``limit`` questions about ``frame``: a measure by a grouping, a count per
    grouping, a trend over time, a relationship, a distribution (whichever the columns
    allow, in that order)."""
    roles = column_roles(frame)
    measures, groups, times = roles["measures"], roles["groups"], roles["times"]
    out: list[str] = []
    if measures and groups:
        out.append(f"What is the average {_spoken(measures[0])} by {_spoken(groups[0])}?")
    if groups:
        out.append(f"How many rows are there per {_spoken(groups[1 if len(groups) > 1 else 0])}?")
    if measures and times:
        out.append(f"How does the average {_spoken(measures[0])} change by "
                   f"{_spoken(times[0])}?" if times[0] not in _datetimes(frame)
                   else f"How does {_spoken(measures[0])} change over time?")
    if len(measures) >= 2:
        out.append(f"What is the correlation between {_spoken(measures[0])} and "
                   f"{_spoken(measures[1])}?")
    if measures:
        out.append(f"What is the distribution of {_spoken(measures[-1])}?")
    return out[:limit]


def _datetimes(frame: Any) -> set[str]:
    import pandas as pd

    return {str(c) for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])}


__all__ = ["column_roles", "starter_questions"]
