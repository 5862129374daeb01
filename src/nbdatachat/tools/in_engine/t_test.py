"""``t_test`` from in-engine sums: no rows are fetched.

The engine returns, per sample, the count and the sums of ``d = x - shift`` and ``d*d``
(two scans: the first gives the shift, the mean of the values used; a group column's
samples come from one ``GROUP BY``). The sample's mean and sum of squared deviations are
then the corrected two-pass ones (``ss = sum(d*d) - n * mean(d)^2``, exact to rounding as
the shift is close to the mean), and the test, its numbers and its words, is the in-memory
tool's :func:`~nbdatachat.tools.hypothesis.t_result.t_result`.

One sample, two columns (paired or not) and two groups of a column are covered. A paired
test by group needs each subject's two rows matched; it takes the stated-sample path.
"""

from __future__ import annotations

import math
from typing import Any

from ...errors import DataError, InvalidRequest
from .sql import EngineTable, col, count, double, not_null, number, present, total

NUMERIC = ("integer", "number")


def _moments(table: EngineTable, e: Any, where: Any, shift: float,
             group: Any = None) -> list[tuple]:
    """``(group?, n, sum(d), sum(d*d))`` of ``d = e - shift`` over the rows of ``where``."""
    from sqlglot import exp

    d = exp.paren(exp.Sub(this=e, expression=number(shift)), copy=False)
    items = [count(), total(table, d.copy()),
             total(table, exp.Mul(this=d.copy(), expression=d.copy()))]
    if group is None:
        return table.fetch(table.select(*items, where=where))
    q = table.select(group.copy(), *items, where=where, group_by=[group.copy()])
    return table.fetch(q)


def _shift(table: EngineTable, e: Any, where: Any) -> tuple[int, float]:
    n, s = table.fetch(table.select(count(), total(table, e), where=where))[0]
    return int(n), (float(s) / int(n) if n else math.nan)


def _sample(n: int, s1: Any, s2: Any) -> tuple[int, float, float]:
    m = float(s1) / n if n else math.nan
    return n, m, max(float(s2) - n * m * m, 0.0) if n else math.nan


def t_test(table: EngineTable, inputs: Any, kinds: dict[str, str]) -> Any:
    """The in-memory ``t_test``'s result from sums computed by the engine holding
    ``table``; None for a paired test by group (matched rows are needed)."""
    from ..hypothesis.t_result import PlainShift, TSummary, t_result

    target = inputs.target or inputs.column
    if inputs.target and inputs.column and inputs.target != inputs.column:
        return None  # the in-memory tool says what is wrong
    group = inputs.group
    if inputs.columns is not None:
        if target or group or inputs.features:
            return None
        summary = _two_columns(table, kinds, *inputs.columns, inputs.paired)
    elif inputs.features is not None:
        if len(inputs.features) != 1 or group or not target:
            return None
        feat = inputs.features[0]
        if feat not in kinds:
            return None
        if kinds[feat] in NUMERIC and _distinct(table, feat) != 2:
            summary = _two_columns(table, kinds, target, feat, inputs.paired)
        else:
            summary = _by_group(table, kinds, target, feat, inputs)
    elif not target:
        return None
    elif group is None:
        if inputs.paired or kinds.get(target) not in NUMERIC:
            return None
        summary = _one_sample(table, target)
    else:
        summary = _by_group(table, kinds, target, group, inputs)
    if summary is None:
        return None
    shift, n_rows = summary.pop("shift"), summary.pop("n_rows")
    result = t_result(inputs, TSummary(**summary, shifted=PlainShift(shift)))
    path = (f"in-engine: counts, sums and sums of squares computed by {table.engine} over "
            f"{n_rows:,} rows; no rows were fetched")
    result.statistics["path"] = path
    result.insights.append(f"Computed {path}.")
    return result


def _one_sample(table: EngineTable, target: str) -> dict[str, Any] | None:
    from ..groups import dropped_warning

    n_rows = int(table.fetch(table.select(count()))[0][0])
    where = present(table, [target])
    n, shift = _shift(table, double(target), where)
    if n == 0:
        raise DataError(f"Column {target!r} has no numeric values.", details={"column": target})
    (n, s1, s2), = _moments(table, double(target), where.copy(), shift)
    warnings = [dropped_warning(n_rows - n, n_rows, [target])] if n < n_rows else []
    return {"kind": "one_sample", "names": [target], "what": repr(target),
            "moments": [_sample(int(n), s1, s2)], "n_used": int(n), "warnings": warnings,
            "shift": shift, "n_rows": n_rows}


def _two_columns(table: EngineTable, kinds: dict[str, str], a: str, b: str,
                 paired: bool) -> dict[str, Any] | None:
    from sqlglot import exp

    if a == b or kinds.get(a) not in NUMERIC or kinds.get(b) not in NUMERIC:
        return None  # the in-memory tool says what is wrong
    n_rows = int(table.fetch(table.select(count()))[0][0])
    warnings: list[str] = []
    if paired:
        where = present(table, [a, b])
        n, sa = _shift(table, double(a), where)
        if n == 0:
            raise DataError(f"No row has numeric values in both {a!r} and {b!r}; a paired "
                            f"test needs complete pairs.", details={"columns": [a, b]})
        if n < n_rows:
            warnings.append(f"Dropped {n_rows - n} of {n_rows} rows missing {a!r} or {b!r} "
                            f"(a paired test needs both values of each pair).")
        shift = sa  # both samples in one coordinate system: their difference is exact
        (na, a1, a2), = _moments(table, double(a), where.copy(), shift)
        (nb, b1, b2), = _moments(table, double(b), where.copy(), shift)
        diff = exp.Sub(this=double(a), expression=double(b))
        _, dshift = _shift(table, diff.copy(), where.copy())
        (nd, d1, d2), = _moments(table, diff, where.copy(), dshift)
        nd_, m, ss = _sample(int(nd), d1, d2)
        differences = (nd_, m + dshift, ss)  # the differences' own coordinates: x - y
        moments = [_sample(int(na), a1, a2), _sample(int(nb), b1, b2)]
        return {"kind": "paired", "names": [a, b], "what": f"{a!r} vs {b!r}",
                "moments": moments, "n_used": 2 * n, "warnings": warnings,
                "differences": differences, "shift": shift, "n_rows": n_rows}
    samples = []
    for c in (a, b):
        where = present(table, [c])
        n, shift_c = _shift(table, double(c), where)
        if n == 0:
            raise DataError(f"Column {c!r} has no numeric values.", details={"column": c})
        if n < n_rows:
            warnings.append(f"Dropped {n_rows - n} of {n_rows} rows with missing values in "
                            f"{c!r}.")
        samples.append((where, n, shift_c))
    shift = samples[0][2]  # one coordinate system: the difference of means is exact
    moments = [_sample(*[v for v in _moments(table, double(c), where.copy(), shift)[0]])
               for c, (where, _, _) in zip((a, b), samples)]
    return {"kind": "two_sample", "names": [a, b], "what": f"{a!r} vs {b!r}",
            "moments": moments, "n_used": samples[0][1] + samples[1][1], "warnings": warnings,
            "shift": shift, "n_rows": n_rows}


def _distinct(table: EngineTable, c: str) -> int:
    from sqlglot import exp

    return int(table.fetch(table.select(count(exp.Distinct(expressions=[col(c)]))))[0][0])


def _by_group(table: EngineTable, kinds: dict[str, str], target: str, group: str,
              inputs: Any) -> dict[str, Any] | None:
    """Two groups of ``target``: one grouped scan, levels matched by label as in memory."""
    from ..groups import MAX_CATEGORIES, dropped_warning, level_label

    if inputs.paired or target == group or kinds.get(target) not in NUMERIC \
            or group not in kinds:
        return None
    n_rows = int(table.fetch(table.select(count()))[0][0])
    where = present(table, [target])
    where = where.and_(not_null([group]), copy=False)
    n, shift = _shift(table, double(target), where)
    if n == 0:
        raise DataError(f"No row has both a numeric {target!r} and a {group!r} value; nothing "
                        f"is left to compare. Check the columns for empty cells.",
                        details={"columns": [target, group], "rows": n_rows})
    rows = _moments(table, double(target), where.copy(), shift, group=col(group))
    if len(rows) > 10 * MAX_CATEGORIES:
        return None
    numeric = kinds[group] in NUMERIC
    sums: dict[str, list[float]] = {}
    keys: dict[str, Any] = {}
    for value, k, s1, s2 in rows:
        label = level_label(value)
        acc = sums.setdefault(label, [0, 0.0, 0.0])
        acc[0] += int(k)
        acc[1] += float(s1)
        acc[2] += float(s2)
        keys.setdefault(label, float(value) if numeric else label)
    levels = sorted(sums, key=lambda lab: keys[lab])
    if inputs.groups is not None:
        wanted = [level_label(p) for p in inputs.groups]
        if len(set(wanted)) != len(wanted):
            raise InvalidRequest(f"groups lists the same level twice ({wanted}); list distinct "
                                 f"levels of {group!r}.", details={"parameter": "groups"})
        if any(w not in sums for w in wanted):
            return None  # a level without values: the in-memory tool says which
        levels = wanted
    if len(levels) != 2:
        return None  # the in-memory tool says how many levels there are and what to do
    warnings = [dropped_warning(n_rows - n, n_rows, [target, group])] if n < n_rows else []
    moments = [_sample(*sums[lev]) for lev in levels]
    return {"kind": "two_sample", "names": [f"{group}={lev}" for lev in levels],
            "what": f"{target!r} by {group!r}", "moments": moments,
            "n_used": sum(m[0] for m in moments), "warnings": warnings, "shift": shift,
            "n_rows": n_rows}


__all__ = ["t_test"]
