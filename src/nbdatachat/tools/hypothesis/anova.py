"""``anova``: one-way analysis of variance, with Levene's test and Welch's ANOVA.

Group sums of squares come from :mod:`nbdatachat.tools.moments` in shifted coordinates
(corrected two-pass sums), which is what lets ``anova`` meet the NIST StRD certified F to
LRE >= 9 on all eleven datasets. The numbers and words from those moments are
:func:`~.anova_result.anova_result`, shared with the in-engine path.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pydantic import Field

from ..base import ToolInputs, ToolResult
from ..groups import GroupLevel, repeat_labels, split_by_group
from ..insights import CONFIDENCE
from ..moments import mean_ss
from ..registry import tool
from .anova_result import AnovaGroups, anova_group, anova_result, check_groups


class AnovaInputs(ToolInputs):
    target: str = Field(..., min_length=1, description="The numeric response column.")
    group: str | None = Field(None, min_length=1, description="The column defining the groups "
                              "(factor). Seed style: features=[group].")
    features: list[str] | None = Field(None, min_length=1, max_length=1,
                                       description="Seed style: [group column].")
    groups: list[GroupLevel] | None = Field(None, min_length=2, description="Only compare "
                                            "these levels of group.")
    confidence: float = CONFIDENCE


@tool("anova", description="One-way analysis of variance: does the mean of target differ "
      "between the groups of a group column? F, degrees of freedom, sums of squares, "
      "p-value, eta squared, group means with intervals, Levene's test for equal variances "
      "and Welch's ANOVA.", inputs=AnovaInputs,
      example={"dataset": [{"yield_kg": y, "fertilizer": f} for y, f in
                           [(20.1, "A"), (21.3, "A"), (19.8, "A"), (23.9, "B"), (24.6, "B"),
                            (22.8, "B"), (21.0, "C"), (22.2, "C"), (21.7, "C")]],
               "target": "yield_kg", "group": "fertilizer"})
def anova(inputs: AnovaInputs, frame: pd.DataFrame) -> ToolResult:
    from scipy import stats

    group = anova_group(inputs)
    g = split_by_group(frame, inputs.target, group, inputs.groups)
    warnings = list(g.warnings)
    check_groups(inputs, group, g.names, [v.size for v in g.values], warnings)
    ns = np.array([v.size for v in g.values], dtype="float64")
    ms_ = [mean_ss(v) for v in g.values]
    testable = [v for v in g.values if v.size > 1]
    levene = None
    if len(testable) >= 2:
        lev = stats.levene(*testable, center="median")
        levene = (float(lev.statistic), float(lev.pvalue))
    values = pd.DataFrame({"group": repeat_labels(g.names, ns.astype(int)),
                           "value": g.shifted.restore_array(np.concatenate(g.values))})
    return anova_result(inputs, group, AnovaGroups(
        g.names, ns, np.array([m for m, _ in ms_]), np.array([ss for _, ss in ms_]),
        g.shifted, warnings, levene, {"values": values}))
