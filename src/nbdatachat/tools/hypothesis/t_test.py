"""``t_test``: one sample against ``mu``, two groups, two columns, or paired.

This module reads the samples from a DataFrame (:func:`_t_setup`) and takes their moments in
shifted coordinates (:mod:`nbdatachat.tools.moments`: centred on a data value, corrected
two-pass sums), which is what lets ``t_test`` reproduce R's ``t.test`` digit for digit; the
test itself, its numbers and its words, is :func:`.t_result.t_result`, shared with the
in-engine path. Tail areas come from ``scipy.stats`` (imported inside the functions).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import Field

from ...errors import DataError, InvalidRequest
from ..base import ToolInputs, ToolResult
from ..groups import (
    GroupLevel,
    Groups,
    dropped_warning,
    group_labels,
    repeat_labels,
    split_by_group,
)
from ..insights import CONFIDENCE
from ..moments import Shifted, is_decimal_column, mean_ss, shifted_columns
from ..prepare import require_columns
from ..registry import tool
from .t_result import Alternative, TSummary, t_result

_EXAMPLE_SCORES = [{"score": s, "team": t} for s, t in
                   [(12.1, "a"), (14.3, "a"), (11.8, "a"), (13.5, "a"), (12.9, "a"),
                    (15.2, "b"), (16.8, "b"), (14.9, "b"), (17.1, "b"), (15.5, "b")]]


class TTestInputs(ToolInputs):
    """Which test runs is decided by the fields given:

    * ``target`` (or ``column``) alone: one-sample test of its mean against ``mu``;
    * ``target`` + ``group``: the two groups of ``target`` defined by ``group`` (pick two
      levels with ``groups`` when it has more);
    * ``columns=[a, b]``: two numeric columns as two samples (``paired=True`` pairs rows);
    * seed style ``target`` + ``features=[x]``: ``x`` is read as the grouping column when it
      is text/boolean or has exactly two distinct values, else as the second sample.
    """

    target: str | None = Field(None, min_length=1, description="The numeric column to test.")
    column: str | None = Field(None, min_length=1, description="Alias of target.")
    group: str | None = Field(None, min_length=1, description="Column whose two levels define "
                              "the two groups of target.")
    groups: list[GroupLevel] | None = Field(None, min_length=2, max_length=2,
                                            description="The two levels of group to compare, "
                                            "in order (difference = first - second).")
    columns: list[str] | None = Field(None, min_length=2, max_length=2,
                                      description="Two numeric columns compared as samples.")
    features: list[str] | None = Field(None, min_length=1, description="Seed style: one "
                                       "column, the grouping column or the second sample.")
    mu: float = Field(0.0, description="Mean (one-sample) or mean difference under the null "
                      "hypothesis.")
    paired: bool = Field(False, description="Paired test: row-wise differences (columns) or "
                         "pairs matched by pair_id / order within each group.")
    pair_id: str | None = Field(None, description="With group and paired: the column that "
                                "identifies the subject measured in both groups.")
    equal_var: bool = Field(False, description="True: Student's pooled-variance test. False "
                            "(default): Welch's test, which does not assume equal variances.")
    alternative: Alternative = Field("two-sided", description="two-sided, less (first mean "
                                     "smaller) or greater.")
    confidence: float = CONFIDENCE


@dataclass
class _TSetup:
    kind: Literal["one_sample", "two_sample", "paired"]
    samples: list[np.ndarray]
    names: list[str]
    shifted: Shifted
    what: str  # e.g. "'extra' by 'group'"
    n_used: int
    warnings: list[str]
    values_frame: pd.DataFrame


def _looks_like_group(frame: pd.DataFrame, col: str) -> bool:
    require_columns(frame, [col], "feature")
    s = frame[col]
    if isinstance(s, pd.DataFrame):
        return False
    numeric = (pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)) \
        or is_decimal_column(s)
    return not numeric or s.dropna().nunique() == 2


def _two_columns(frame: pd.DataFrame, a: str, b: str, paired: bool) -> _TSetup:
    if a == b:
        raise InvalidRequest(f"Both samples are the column {a!r}; compare two different "
                             f"columns.", details={"parameter": "columns"})
    shifted = shifted_columns(frame, [a, b], "column")
    x, y = shifted.values
    warnings: list[str] = []
    if paired:
        ok = np.isfinite(x) & np.isfinite(y)
        n_bad = int((~ok).sum())
        if n_bad == len(frame):
            raise DataError(f"No row has numeric values in both {a!r} and {b!r}; a paired test "
                            f"needs complete pairs.", details={"columns": [a, b]})
        if n_bad:
            warnings.append(f"Dropped {n_bad} of {len(frame)} rows missing {a!r} or {b!r} "
                            f"(a paired test needs both values of each pair).")
        x, y = x[ok], y[ok]
    else:
        for name, v in ((a, x), (b, y)):
            miss = int((~np.isfinite(v)).sum())
            if miss == v.size:
                raise DataError(f"Column {name!r} has no numeric values.",
                                details={"column": name})
            if miss:
                warnings.append(f"Dropped {miss} of {v.size} rows with missing values in "
                                f"{name!r}.")
        x, y = x[np.isfinite(x)], y[np.isfinite(y)]
    values = pd.DataFrame({"group": repeat_labels([a, b], [x.size, y.size]),
                           "value": shifted.restore_array(np.concatenate([x, y]))})
    return _TSetup("paired" if paired else "two_sample", [x, y], [a, b], shifted,
                   f"{a!r} vs {b!r}", int(x.size + y.size), warnings, values)


def _paired_groups(frame: pd.DataFrame, g: Groups, target: str, group: str,
                   pair_id: str | None) -> tuple[list[np.ndarray], list[str]]:
    a, b = g.values
    warnings = list(g.warnings)
    if pair_id is None:
        if a.size != b.size:
            raise DataError(f"A paired test by order needs the same number of values in each "
                            f"group ({g.names[0]!r} has {a.size}, {g.names[1]!r} has "
                            f"{b.size}). Pass pair_id= naming the subject column.",
                            details={"parameter": "pair_id", "sizes": [a.size, b.size]})
        warnings.append("Pairs are matched by order of appearance within each group; pass "
                        "pair_id= to match them by a subject column instead.")
        return [a, b], warnings
    require_columns(frame, [pair_id], "pair_id")
    labels = group_labels(frame, group, "group").subset(g.names)
    y = g.shifted.values[0]
    keep = np.isfinite(y) & (labels.codes >= 0) & frame[pair_id].notna().to_numpy()
    data = pd.DataFrame({"id": frame[pair_id].to_numpy()[keep],
                         "g": np.asarray(g.names, dtype=object)[labels.codes[keep]],
                         "y": y[keep]})
    dup = data.duplicated(["id", "g"])
    if dup.any():
        bad = data.loc[dup].iloc[0]
        raise DataError(f"Subject {bad['id']!r} appears more than once in group {bad['g']!r}; "
                        f"each pair_id needs one value per group.",
                        details={"parameter": "pair_id", "id": str(bad["id"])})
    wide = data.pivot(index="id", columns="g", values="y")
    wide = wide.reindex(columns=g.names)
    complete = wide.dropna()
    if len(complete) < len(wide):
        warnings.append(f"Dropped {len(wide) - len(complete)} subject(s) without a value in "
                        f"both groups.")
    return [complete[g.names[0]].to_numpy(), complete[g.names[1]].to_numpy()], warnings


def _t_setup(inputs: TTestInputs, frame: pd.DataFrame) -> _TSetup:
    if inputs.target and inputs.column and inputs.target != inputs.column:
        raise InvalidRequest("Give the column to test once: target and column differ "
                             f"({inputs.target!r} vs {inputs.column!r}).",
                             details={"parameter": "column"})
    target = inputs.target or inputs.column
    if inputs.columns is not None:
        if target or inputs.group or inputs.features:
            raise InvalidRequest("Use either columns=[a, b] or target with group/features, not "
                                 "both.", details={"parameter": "columns"})
        return _two_columns(frame, inputs.columns[0], inputs.columns[1], inputs.paired)
    group = inputs.group
    if inputs.features is not None:
        if len(inputs.features) != 1 or group:
            raise InvalidRequest(
                "t_test compares two groups: give target plus one feature (the grouping "
                "column or the second sample). To compare more than two groups use the "
                "anova tool.", details={"parameter": "features", "expected": "one column"})
        if not target:
            raise InvalidRequest("Missing required parameter: target (the numeric column to "
                                 "test).", details={"parameter": "target"})
        feat = inputs.features[0]
        if not _looks_like_group(frame, feat):
            return _two_columns(frame, target, feat, inputs.paired)
        group = feat
    if not target:
        raise InvalidRequest(
            "t_test needs target (one-sample test against mu), target + group (two groups), "
            "or columns=[a, b] (two columns).", details={"parameter": "target"})
    if group is None:
        if inputs.paired:
            raise InvalidRequest("paired=True needs two samples: columns=[a, b] or target + "
                                 "group.", details={"parameter": "paired"})
        shifted = shifted_columns(frame, [target], "target")
        x = shifted.values[0]
        ok = np.isfinite(x)
        n_bad = int((~ok).sum())
        if n_bad == x.size:
            raise DataError(f"Column {target!r} has no numeric values.",
                            details={"column": target})
        warnings = [dropped_warning(n_bad, x.size, [target])] if n_bad else []
        x = x[ok]
        values = pd.DataFrame({"group": repeat_labels([target], [x.size]),
                               "value": shifted.restore_array(x)})
        return _TSetup("one_sample", [x], [target], shifted, repr(target), int(x.size),
                       warnings, values)
    g = split_by_group(frame, target, group, inputs.groups)
    if len(g.names) < 2:
        only = g.names[0] if g.names else "none"
        raise DataError(f"{group!r} has a single level ({only!r}) in the usable rows; a "
                        f"t-test needs two groups. Check the column, or test one sample "
                        f"against mu by leaving out group.",
                        details={"parameter": "group", "levels": g.names})
    if len(g.names) > 2:
        shown = ", ".join(repr(n) for n in g.names[:10])
        raise DataError(f"{group!r} has {len(g.names)} levels ({shown}); a t-test compares "
                        f"exactly two. Pick two with groups=[...], or use the anova tool to "
                        f"compare all of them.",
                        details={"parameter": "group", "levels": g.names[:200],
                                 "suggestion": "anova"})
    samples, warnings = g.values, g.warnings
    if inputs.paired:
        samples, warnings = _paired_groups(frame, g, target, group, inputs.pair_id)
    labels = [f"{group}={n}" for n in g.names]
    values = pd.DataFrame({"group": repeat_labels(labels, [s.size for s in g.values]),
                           "value": g.shifted.restore_array(np.concatenate(g.values))})
    return _TSetup("paired" if inputs.paired else "two_sample", samples, labels, g.shifted,
                   f"{target!r} by {group!r}", int(sum(s.size for s in samples)), warnings,
                   values)




@tool("t_test", description="Student's / Welch's t-test: one-sample (target vs mu), two "
      "groups of target defined by a group column, two columns, or paired. Reports t, df, "
      "p-value, the mean difference with its confidence interval, each group's n/mean/sd "
      "and Cohen's d.", inputs=TTestInputs,
      example={"dataset": _EXAMPLE_SCORES, "target": "score", "group": "team"})
def t_test(inputs: TTestInputs, frame: pd.DataFrame) -> ToolResult:
    setup = _t_setup(inputs, frame)
    moments = [(int(x.size), *mean_ss(x)) for x in setup.samples]
    differences = None
    if setup.kind == "paired":
        x, y = setup.samples
        diff = x - y  # same offset: the shift cancels exactly
        differences = (int(diff.size), *mean_ss(diff))
    return t_result(inputs, TSummary(setup.kind, setup.names, setup.what, moments,
                                     setup.shifted, setup.n_used, setup.warnings, differences,
                                     {"values": setup.values_frame}))
