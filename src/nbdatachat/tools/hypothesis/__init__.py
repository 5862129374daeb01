"""Tests of means: ``t_test`` (:mod:`.t_test`, its numbers and words from moments in
:mod:`.t_result`) and ``anova`` (:mod:`.anova`); ``chi_square`` and ``correlation`` live in
:mod:`nbdatachat.tools.association`.

Each tool answers one question about the data with a test statistic, a p-value, an effect
size and an interval, and words the answer the way a careful statistician would: it states
the direction and the size of the effect and whether ``p`` is below ``alpha = 1 - confidence``
-- a small p-value is evidence, never proof, and a large one is not evidence of no effect.
"""

from .anova import AnovaInputs, anova
from .t_result import TSummary, t_result
from .t_test import TTestInputs, t_test

__all__ = ["AnovaInputs", "TSummary", "TTestInputs", "anova", "t_result", "t_test"]
