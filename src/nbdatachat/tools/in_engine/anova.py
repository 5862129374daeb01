"""One-way ``anova`` from in-engine grouped sums: no rows are fetched.

Grouped scans (``GROUP BY`` the group column), each returning one row per group:

1. the count and sum of the usable values (the group means, used as shifts);
2. the sums of ``d = x - shift_g`` and ``d*d``, the group's shift chosen by a ``CASE`` on
   the group's value;
3. only when two groups have replicates (Levene's test): the median of ``d`` per group,
   exact (the mean of the middle one or two values, as NumPy's), from the values ranked by a
   window (``row_number() OVER (PARTITION BY g ORDER BY d)``): the engine sorts, spilling to
   disk if it must, where a median aggregate would hold a whole group in memory (DuckDB's
   runs out of memory on 20M rows under a 128 MB limit);
4. then the sums of Levene's ``z = |d - median_g|`` and ``z*z``.

Each group's mean and centred sum of squares are then the corrected two-pass ones
(``ss = sum(d*d) - sum(d)^2 / n``), exact to rounding because the shift is the group's own
mean, as the in-memory tool's are. The median is taken of the shifted values, so a column
near 1e12 keeps its digits. Levene's statistic (median-centred, scipy's default) comes
from the ``z`` sums (``sum(z*z) - sum(z)^2 / n``: ``z`` is a deviation, its mean is not far
from its spread). F, p, Welch's ANOVA, the tables and the words are the in-memory tool's
:func:`~nbdatachat.tools.hypothesis.anova_result.anova_result`. Per-row chart data is not
fetched: the chart shows the group means with their intervals.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ...errors import DataError
from .sql import EngineTable, col, count, double, not_null, number, present, total, when

NUMERIC = ("integer", "number")
#: kinds of a group column whose values come back as the in-memory tool labels them
GROUP_KINDS = ("text", "integer", "number", "bool")
#: the most groups an in-engine ANOVA compares (each is a branch of a CASE)
MAX_GROUPS = 500


def anova(table: EngineTable, inputs: Any, kinds: dict[str, str]) -> Any:
    """The in-memory ``anova``'s result from grouped sums computed by the engine holding
    ``table``; None when the inputs need the rows (a non-numeric target, a group column of
    dates, levels whose labels coincide) and the in-memory tool decides."""
    from sqlglot import exp

    from ..groups import dropped_warning, level_label, picked_levels
    from ..hypothesis.anova_result import AnovaGroups, anova_group, anova_result, check_groups
    from ..hypothesis.t_result import PlainShift

    group, target = anova_group(inputs), inputs.target
    if target == group or kinds.get(target) not in NUMERIC or kinds.get(group) not in GROUP_KINDS:
        return None
    n_rows = int(table.fetch(table.select(count()))[0][0])
    ok = present(table, [target])
    g = col(group)
    first = table.select(g.copy(), exp.Sum(this=when(ok, exp.Literal.number(1))),
                         total(table, when(ok.copy(), double(target))),
                         where=not_null([group]), group_by=[g.copy()])
    rows = table.fetch(first.limit(MAX_GROUPS + 1, copy=False))
    if len(rows) > MAX_GROUPS:
        raise DataError(f"{group!r} has more than {MAX_GROUPS} levels; an ANOVA computed in "
                        f"the engine compares at most {MAX_GROUPS} groups. Check it is a "
                        f"category, or filter to the groups to compare.",
                        details={"column": group, "max_groups": MAX_GROUPS})
    numeric_group = kinds[group] in NUMERIC
    raw: dict[str, Any] = {}
    sums: dict[str, tuple[int, float]] = {}
    for value, n, s in rows:
        if numeric_group and isinstance(value, float) and math.isnan(value):
            return None  # NaN is a missing group in pandas, a value in SQL
        label = level_label(value)
        if label in raw:
            return None  # two values, one label: the in-memory tool merges their rows
        raw[label] = value
        sums[label] = (int(n or 0), float(s or 0.0))
    levels = sorted(raw, key=(lambda lab: float(raw[lab])) if numeric_group else None)
    n_used = sum(n for n, _ in sums.values())
    if n_used == 0:
        raise DataError(f"No row has both a numeric {target!r} and a {group!r} value; nothing "
                        f"is left to compare. Check the columns for empty cells.",
                        details={"columns": [target, group], "rows": n_rows})
    warnings = [dropped_warning(n_rows - n_used, n_rows, [target, group])] \
        if n_used < n_rows else []
    if inputs.groups is not None:
        levels = picked_levels(inputs.groups, group, levels)
    else:
        levels = [lab for lab in levels if sums[lab][0] > 0]
    check_groups(inputs, group, levels, [sums[lab][0] for lab in levels], warnings)
    ns = np.array([sums[lab][0] for lab in levels], dtype="float64")
    shifts = [sums[lab][1] / sums[lab][0] for lab in levels]
    offset = sum(sums[lab][1] for lab in levels) / ns.sum()
    testable = int((ns > 1).sum()) >= 2
    where = ok.copy().and_(g.copy().isin(*[table.value(raw[lab]) for lab in levels]),
                           copy=False)
    d = exp.paren(exp.Sub(this=double(target), expression=_by_level(table, g, raw, levels,
                                                                     shifts)), copy=False)
    items = [total(table, d.copy()), total(table, exp.Mul(this=d.copy(), expression=d.copy()))]
    second = {level_label(v): r for v, *r in table.fetch(
        table.select(g.copy(), *items, where=where.copy(), group_by=[g.copy()]))}
    got = [second[lab] for lab in levels]
    means, ss = [], []
    for lab, shift, (n, (s1, s2, *_)) in zip(levels, shifts, zip(ns, got)):
        dm = float(s1) / n
        means.append((shift - offset) + dm)
        ss.append(max(float(s2) - float(s1) * dm, 0.0))
    levene = None
    if testable:
        medians = _medians(table, g, d, where, raw, levels, [int(n) for n in ns])
        z = exp.Abs(this=exp.Sub(this=d.copy(), expression=_by_level(table, g, raw, levels,
                                                                      medians)))
        third = {level_label(v): (float(a), float(b)) for v, a, b in table.fetch(
            table.select(g.copy(), total(table, z.copy()),
                         total(table, exp.Mul(this=z.copy(), expression=z.copy())),
                         where=where.copy(), group_by=[g.copy()]))}
        levene = _levene(ns, [third[lab] for lab in levels])
    result = anova_result(inputs, group, AnovaGroups(
        levels, ns, np.array(means), np.array(ss), PlainShift(offset), warnings, levene))
    scans = "3 grouped scans and a ranking" if testable else "2 grouped scans"
    path = (f"in-engine: per-group counts, sums, sums of squares and medians computed by "
            f"{table.engine} over {n_rows:,} rows ({scans} after a count); no rows were "
            f"fetched")
    result.statistics["path"] = path
    result.insights.append(f"Computed {path}.")
    return result


def _by_level(table: EngineTable, g: Any, raw: dict[str, Any], levels: list[str],
              values: list[float]) -> Any:
    """``CASE g WHEN <level> THEN <value> ... END``: a number per group, the group's value
    bound as a parameter."""
    from sqlglot import exp

    case = exp.Case(this=g.copy())
    for lab, v in zip(levels, values):
        case = case.when(table.value(raw[lab]), number(v), copy=False)
    return case


def _medians(table: EngineTable, g: Any, d: Any, where: Any, raw: dict[str, Any],
             levels: list[str], ns: list[int]) -> list[float]:
    """Each level's median of ``d``: the mean of the values ranked ``(n+1)//2`` and
    ``(n+2)//2`` in it (one value for odd ``n``), ranked by a window the engine sorts."""
    from sqlglot import exp

    from ..groups import level_label

    rank = exp.Window(this=exp.RowNumber(), partition_by=[g.copy()],
                      order=exp.Order(expressions=[exp.Ordered(this=d.copy())]))
    ranked = table.select(exp.alias_(g.copy(), "nbdc_g"), exp.alias_(d.copy(), "nbdc_d"),
                          exp.alias_(rank, "nbdc_rn"), where=where.copy())
    key, rn = col("nbdc_g"), col("nbdc_rn")

    def middle(pick: Any) -> Any:
        case = exp.Case(this=key.copy())
        for lab, n in zip(levels, ns):
            case = case.when(table.value(raw[lab]), exp.Literal.number(pick(n)), copy=False)
        return exp.EQ(this=rn.copy(), expression=case)

    q = (exp.select(key.copy(), exp.Avg(this=col("nbdc_d")), copy=False)
         .from_(ranked.subquery("nbdc_ranked"), copy=False)
         .where(exp.or_(middle(lambda n: (n + 1) // 2), middle(lambda n: (n + 2) // 2)),
                copy=False)
         .group_by(key.copy(), copy=False))
    got = {level_label(v): float(m) for v, m in table.fetch(q)}
    return [got[lab] for lab in levels]


def _levene(ns: np.ndarray, zs: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Levene's test (median-centred) over the groups with two or more values, from each
    group's sum of ``z`` and ``z*z``, as ``scipy.stats.levene(..., center="median")``."""
    from scipy import stats

    keep = ns > 1
    n_i = ns[keep]
    s1 = np.array([a for a, _ in zs])[keep]
    s2 = np.array([b for _, b in zs])[keep]
    k, n = n_i.size, float(n_i.sum())
    zbar_i = s1 / n_i
    zbar = float(s1.sum() / n)
    within = float(np.sum(np.maximum(s2 - s1 * zbar_i, 0.0)))
    between = float(np.dot(n_i, (zbar_i - zbar) ** 2))
    w = (n - k) / (k - 1) * between / within if within > 0 else math.inf
    return float(w), float(stats.f.sf(w, k - 1, n - k))


__all__ = ["MAX_GROUPS", "anova"]
